"""The web pages: the document library, a document to read, the compare and series forms,
the next draft of a document, the report page, and the search for agreed language."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    redirect,
    render_template,
    request,
    url_for,
)
from werkzeug.wrappers import Response as BaseResponse

from diffing.model import Precedent
from service import reports
from service.errors import InvalidRequestError, ResdiffError, problem_types
from service.library import OFFICIAL_SOURCES, Document, Library, Report, Viewer
from service.library.access import check_may_delete
from service.library.documents import MAX_MATCHES
from service.render.view import display_number, precedent_view
from service.web.context import get_library, get_limits, report_response
from service.web.limits import expensive, expensive_format

__all__ = ["INTERPOL_SERIES", "bp"]

bp = Blueprint("web", __name__)

#: "Cooperation between the United Nations and INTERPOL", oldest first
INTERPOL_SERIES = ("A/RES/71/19", "A/RES/73/11", "A/RES/75/10", "A/RES/77/20", "A/RES/79/136")
SERIES_SLOTS = 6
#: the report formats the report page offers as downloads, files first (pdf, docx, json)
ATTACH = tuple(
    f.name for f in sorted(reports.FORMATS.values(), key=lambda f: not f.binary) if f.download
)


def _home(messages: list[tuple[str, str]] | None = None, status: int = 200) -> tuple[str, int]:
    library = get_library()
    docs = library.documents(limit=500)
    interpol = _interpol_documents(docs)
    return render_template(
        "web/home.html",
        documents=docs,
        total=library.count(),
        interpol=interpol,
        mirror=bool(current_app.config.get("RESDIFF_MIRROR")),
        messages=messages or [],
        slots=SERIES_SLOTS,
        languages=("en", "fr", "es", "ar", "zh", "ru"),
        may_delete=lambda doc: _may(check_may_delete, library.viewer, doc),
    ), status


def _may(check: Callable[[Viewer, Document], None], viewer: Viewer, doc: Document) -> bool:
    try:
        check(viewer, doc)
    except ResdiffError:
        return False
    return True


def _interpol_documents(docs: list[Document]) -> list[Document]:
    by_symbol = {
        d.symbol: d
        for d in docs
        if d.symbol and d.language == "en" and d.source in OFFICIAL_SOURCES
    }
    return [by_symbol[s] for s in INTERPOL_SERIES if s in by_symbol]


@bp.get("/")
def home() -> tuple[str, int]:
    return _home()


@bp.post("/documents")
def upload() -> tuple[str, int]:
    files = [f for f in request.files.getlist("file") if f.filename]
    if not files:
        raise InvalidRequestError("choose a file to upload")
    library = get_library()
    messages = []
    for f in files:
        try:
            doc, created = library.add(f.read(), f.filename, source="upload")
        except ResdiffError as exc:
            messages.append(("error", f"{f.filename}: {exc.detail}"))
            continue
        verb = "added" if created else "already in the library as"
        messages.append(("ok", f"{f.filename}: {verb} {doc.label}"))
    return _home(messages)


@bp.post("/fetch")
def fetch() -> tuple[str, int]:
    library = get_library()
    try:
        doc = library.by_symbol(request.form.get("symbol", ""), request.form.get("language", "en"))
    except ResdiffError as exc:
        return _home([("error", exc.detail)], exc.status)
    return _home([("ok", f"{doc.label} is in the library")])


@bp.post("/load-interpol")
def load_interpol() -> tuple[str, int]:
    """Store the INTERPOL series from the local mirror (no network)."""
    library = get_library()
    loaded, missing = [], []
    for symbol in INTERPOL_SERIES:
        try:
            loaded.append(library.by_symbol(symbol, "en", network=False).symbol)
        except ResdiffError:
            missing.append(symbol)
    messages = [("ok", f"loaded {len(loaded)} resolutions of the INTERPOL series")]
    if missing:
        messages.append(
            ("info", f"not in the local mirror: {', '.join(missing)} (fetch by symbol to get it)")
        )
    return _home(messages)


def _side(library: Library, side: str) -> Document:
    """The document chosen for one side of the compare form: a file, pasted text or the library."""
    upload = request.files.get(f"{side}_file")
    if upload is not None and upload.filename:
        doc, _ = library.add(upload.read(), upload.filename, source="upload")
        return doc
    text = request.form.get(f"{side}_text", "")
    if text.strip():
        return library.add_text(text, source="paste")[0]
    doc_id = request.form.get(f"{side}_id", "")
    if doc_id:
        return library.fresh(library.get(doc_id))
    raise InvalidRequestError(
        f"choose the {side} version: from the library, a file, or pasted text"
    )


@bp.post("/compare")
def compare() -> BaseResponse:
    library = get_library()
    old, new = _side(library, "old"), _side(library, "new")
    options = reports.read_options("compare", request.form)
    saved = {"precedents": True} if options.precedents else {}
    report = library.save_report("compare", [old.id, new.id], saved)
    return redirect(url_for("web.report", key=report.key, view=options.view), code=303)


@bp.post("/series")
def series() -> BaseResponse:
    library = get_library()
    ids = [i for i in request.form.getlist("version") if i]
    if request.form.get("interpol"):
        ids = [d.id for d in _interpol_documents(library.documents(limit=500))]
    if len(ids) < 2:
        raise InvalidRequestError("choose at least two versions, oldest first")
    report = library.save_report("series", ids, {})
    return redirect(url_for("web.report", key=report.key), code=303)


@bp.post("/draft")
def draft() -> BaseResponse:
    """Start the next draft of a library document: its Word file (tracked changes),
    or its redline page when ``as`` is ``html``."""
    doc_id = request.form.get("id", "")
    if not doc_id:
        raise InvalidRequestError("choose the resolution to start the next draft from")
    report = get_library().save_report("draft", [doc_id], {})
    if request.form.get("as") == "html":
        return redirect(url_for("web.report", key=report.key), code=303)
    return redirect(url_for("web.report_file", key=report.key, fmt="docx"), code=303)


def _options(saved: Report) -> reports.Options:
    """The options of a saved report's page: the reader's (``?view=``), and those saved
    with it (agreed language)."""
    options = reports.read_options(saved.kind, request.args)
    return dataclasses.replace(options, precedents=bool(saved.options.get("precedents")))


@bp.get("/report/<key>")
def report(key: str) -> str:
    saved, versions = get_library().report(key)
    req = reports.request(saved.kind, "html", _options(saved))
    formats = [f for f in ATTACH if f in req.kind.renderers]
    if saved.kind == "draft":  # the Word file first: what a delegation edits
        formats.sort(key=lambda f: f != "docx")
    return render_template(
        "web/report.html",
        key=key,
        kind=saved.kind,
        view=req.options.view,
        precedents=req.options.precedents,
        versions=[v.document for v in versions],
        formats=formats,
    )


def _expensive_report() -> bool:
    """A PDF or Word file, or any rendering of a series."""
    if expensive_format():
        return True
    key = (request.view_args or {}).get("key", "")
    try:
        return get_library().report(key)[0].kind == "series"
    except ResdiffError:  # not found: answered by the view
        return False


@bp.get("/report/<key>.<fmt>")
@expensive(when=_expensive_report)
def report_file(key: str, fmt: str) -> Response:
    library = get_library()
    saved, versions = library.report(key)
    req = reports.request(saved.kind, fmt, _options(saved))
    produced = reports.produce(req, versions, limits=get_limits(), cache=library, library=library)
    return report_response(produced, attach=ATTACH)


# -- a document, and agreed language ------------------------------------------------------


@bp.get("/documents/<doc_id>")
def document(doc_id: str) -> str:
    """A document of the library to read, each paragraph at its id (``#OP7``)."""
    doc = get_library().read(doc_id)
    res = doc.resolution
    return render_template(
        "web/document.html",
        doc=doc,
        res=res,
        paragraphs=[(p, display_number(p)) for p in res.paragraphs],
    )


def _precedents_page(
    found: list[Precedent] | None = None,
    messages: list[tuple[str, str]] | None = None,
    status: int = 200,
) -> tuple[str, int]:
    form = request.form
    return render_template(
        "web/precedents.html",
        text=form.get("text", ""),
        limit=form.get("limit", "5"),
        before=form.get("before", ""),
        exclude=form.get("exclude", ""),
        limits=(3, 5, 10, 20, MAX_MATCHES),
        found=None if found is None else [precedent_view(p) for p in found],
        messages=messages or [],
    ), status


@bp.get("/precedents")
def precedents_form() -> tuple[str, int]:
    """Agreed language: a form to paste a paragraph into."""
    return _precedents_page()


@bp.post("/precedents")
def precedents() -> tuple[str, int]:
    """The paragraphs of the library closest to the one pasted, each as a redline
    against it and linked to its document."""
    form = request.form
    try:
        limit = int(form.get("limit") or 5)
    except ValueError:
        return _precedents_page(None, [("error", "choose how many matches to show")], 400)
    try:
        found = get_library().precedents(
            form.get("text", ""),
            limit,
            before=form.get("before") or None,
            exclude=form.get("exclude", "").replace(",", " ").split(),
        )
    except ResdiffError as exc:
        return _precedents_page(None, [("error", exc.detail)], exc.status)
    return _precedents_page(found)


@bp.post("/documents/<doc_id>/share")
def share(doc_id: str) -> tuple[str, int]:
    """The share form of a document of the library: names separated by commas or spaces."""
    names = request.form.get("shared_with", "").replace(",", " ").split()
    library = get_library()
    try:
        doc = library.share(doc_id, names)
    except ResdiffError as exc:
        return _home([("error", exc.detail)], exc.status)
    who = ", ".join(doc.shared_with) or "nobody else"
    return _home([("ok", f"{doc.label} is shared with {who}")])


@bp.post("/documents/<doc_id>/delete")
def delete(doc_id: str) -> tuple[str, int]:
    library = get_library()
    try:
        doc = library.get(doc_id)
        library.delete(doc_id)
    except ResdiffError as exc:
        return _home([("error", exc.detail)], exc.status)
    return _home([("ok", f"{doc.label} was deleted, with the reports made from it")])


@bp.get("/problems/<slug>")
def problem_type(slug: str) -> str:
    """What a ``type`` of an API problem means."""
    cls = problem_types().get(slug)
    if cls is None:
        abort(404)
    doc = (cls.__doc__ or "").strip()
    return render_template(
        "web/error.html", status=cls.status, title=cls.title, detail=doc, about=True
    )
