"""The web pages: the document library, a document to read, the compare, series and amend
forms, the next draft of a document, the report page, and the search for agreed language.

The report page holds the report itself (the HTML fragment of the report
pipeline, with its stylesheet and script as files: the page needs no inline
code), so it prints whole from the browser, scrolls as one page, and its
keyboard shortcuts work at once. Its tools choose the view, the whole text or
the changes only, and the language of the report; its downloads (PDF, Word,
summary, stand-alone HTML, JSON) carry the same choices.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable
from typing import Any

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
from markupsafe import Markup
from werkzeug.wrappers import Response as BaseResponse

from diffing.model import Precedent
from service import i18n, reports
from service.errors import InvalidRequestError, LimitExceededError, ResdiffError, problem_types
from service.library import Document, Library, Report, Resolved, Viewer
from service.library.access import check_may_delete
from service.library.amendments import find_draft
from service.library.documents import MAX_MATCHES
from service.library.fingerprint import reports_fingerprint
from service.render.html import TEMPLATES, report_css, report_js
from service.render.view import display_number, precedent_view
from service.render.words import N_, Words
from service.web.context import get_executor, get_library, get_limits, report_response
from service.web.limits import expensive, expensive_format
from service.web.locale import ui_chrome

__all__ = ["INTERPOL_SERIES", "bp"]

bp = Blueprint("web", __name__)

#: "Cooperation between the United Nations and INTERPOL", oldest first
INTERPOL_SERIES = ("A/RES/71/19", "A/RES/73/11", "A/RES/75/10", "A/RES/77/20", "A/RES/79/136")
SERIES_SLOTS = 6
#: the amendments the amend form takes at once
AMENDMENT_SLOTS = 4
#: the sources of one document of the amend form; ``named``: the draft the amendments name
SOURCES = ("library", "file", "paste")
#: the report formats the report page offers as downloads, files first (pdf, docx, json)
ATTACH = tuple(
    f.name for f in sorted(reports.FORMATS.values(), key=lambda f: not f.binary) if f.download
)


#: the report's own files, served to the report page: media type, and how to read it
REPORT_ASSETS: dict[str, tuple[str, Callable[[], str]]] = {
    "report.css": ("text/css; charset=utf-8", report_css),
    "draft.css": ("text/css; charset=utf-8", lambda: (TEMPLATES / "draft.css").read_text("utf-8")),
    "agreed.css": (
        "text/css; charset=utf-8",
        lambda: (TEMPLATES / "agreed.css").read_text("utf-8"),
    ),
    "report.js": ("text/javascript; charset=utf-8", report_js),
}
#: the sources of one side of the compare form
SOURCES = ("library", "file", "paste")
#: what to say when a side of the compare form is missing, by side and chosen source
_MISSING = {
    ("old", "file"): N_("choose a file for the old version"),
    ("new", "file"): N_("choose a file for the new version"),
    ("old", "paste"): N_("paste the text of the old version"),
    ("new", "paste"): N_("paste the text of the new version"),
    ("old", "library"): N_("choose the old version from the library"),
    ("new", "library"): N_("choose the new version from the library"),
    ("old", ""): N_("choose the old version: from the library, a file, or pasted text"),
    ("new", ""): N_("choose the new version: from the library, a file, or pasted text"),
}
#: the names of the sources of a stored document, as the library shows them
SOURCE_NAMES = {
    "ods": N_("UN (ODS)"),
    "mirror": N_("mirror"),
    "upload": N_("upload"),
    "paste": N_("paste"),
    "file": N_("file"),
}


#: documents listed on a page of the library (and offered by its pickers)
PAGE_SIZE = 500


def _home(messages: list[tuple[str, str]] | None = None, status: int = 200) -> tuple[str, int]:
    library = get_library()
    total = library.count()
    pages = max(1, -(-total // PAGE_SIZE))
    try:
        page = min(max(1, int(request.args.get("page", 1))), pages)
    except ValueError:
        page = 1
    docs = library.documents(limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE)
    return render_template(
        "web/home.html",
        documents=docs,
        total=total,
        page=page,
        pages=pages,
        first=(page - 1) * PAGE_SIZE + 1,
        interpol=_interpol_documents(library),
        mirror=bool(current_app.config.get("RESDIFF_MIRROR")),
        messages=messages or [],
        slots=SERIES_SLOTS,
        fetch_languages=i18n.UN_LANGUAGES,
        source_names=SOURCE_NAMES,
        may_delete=lambda doc: _may(check_may_delete, library.viewer, doc),
    ), status


def _may(check: Callable[[Viewer, Document], None], viewer: Viewer, doc: Document) -> bool:
    try:
        check(viewer, doc)
    except ResdiffError:
        return False
    return True


def _interpol_documents(library: Library) -> list[Document]:
    """The stored official versions of the INTERPOL series, oldest first."""
    found = [library.official(symbol) for symbol in INTERPOL_SERIES]
    return [d for d in found if d is not None]


@bp.get("/")
def home() -> tuple[str, int]:
    return _home()


@bp.post("/documents")
def upload() -> tuple[str, int]:
    files = [f for f in request.files.getlist("file") if f.filename]
    if not files:
        raise InvalidRequestError("choose a file to upload")
    most = int(current_app.config["RESDIFF_MAX_UPLOAD_FILES"])
    if len(files) > most:
        raise LimitExceededError(
            f"{len(files):,} files in one upload: the limit is {most:,} (upload them in turns)"
        )
    library = get_library()
    messages = []
    # one budget for the whole upload, as for a comparison
    end = time.monotonic() + get_limits().compare_seconds
    for f in files:
        try:
            left = end - time.monotonic()
            doc, created = library.add(f.read(), f.filename, source="upload", seconds=left)
        except ResdiffError as exc:
            messages.append(("error", f"{f.filename}: {exc.detail}"))
            continue
        _ = ui_chrome().gettext
        if created:
            messages.append(("ok", _("%(file)s: added as %(doc)s", file=f.filename, doc=doc.label)))
        else:
            messages.append(
                (
                    "ok",
                    _(
                        "%(file)s: already in the library as %(doc)s",
                        file=f.filename,
                        doc=doc.label,
                    ),
                )
            )
    return _home(messages)


@bp.post("/fetch")
def fetch() -> tuple[str, int]:
    library = get_library()
    try:
        doc = library.by_symbol(request.form.get("symbol", ""), request.form.get("language", "en"))
    except ResdiffError as exc:
        return _home([("error", exc.detail)], exc.status)
    return _home([("ok", ui_chrome().gettext("%(doc)s is in the library", doc=doc.label))])


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
    _ = ui_chrome().gettext
    messages = [("ok", _("loaded %(num)d resolutions of the INTERPOL series", num=len(loaded)))]
    if missing:
        messages.append(
            (
                "info",
                _(
                    "not in the local mirror: %(symbols)s (fetch by symbol to get it)",
                    symbols=", ".join(missing),
                ),
            )
        )
    return _home(messages)


def _side(library: Library, side: str) -> Document:
    """The document chosen for one side of the compare form.

    The form gives one source per side (``old_source``: ``library``, ``file`` or
    ``paste``, its tabs) and only that one is read, whatever the other fields hold.
    Without it (an older form, a script), a file comes first, then pasted text,
    then the library."""
    source = request.form.get(f"{side}_source", "")
    if source and source not in SOURCES:
        raise InvalidRequestError(f"{side}_source must be one of {', '.join(SOURCES)}")
    upload = request.files.get(f"{side}_file")
    if source in ("", "file") and upload is not None and upload.filename:
        doc, _ = library.add(upload.read(), upload.filename, source="upload")
        return doc
    text = request.form.get(f"{side}_text", "")
    if source in ("", "paste") and text.strip():
        return library.add_text(text, source="paste")[0]
    doc_id = request.form.get(f"{side}_id", "")
    if source in ("", "library") and doc_id:
        return library.fresh(library.get(doc_id))
    message = _MISSING.get((side, source), _MISSING[(side, "")])
    raise InvalidRequestError(ui_chrome().gettext(message))


@bp.post("/compare")
def compare() -> BaseResponse:
    library = get_library()
    old, new = _side(library, "old"), _side(library, "new")
    options = reports.read_options("compare", request.form)
    saved = {"precedents": True} if options.precedents else {}
    report = library.save_report("compare", [old.id, new.id], saved)
    return redirect(url_for("web.report", key=report.key, view=options.view), code=303)


def _page_options(kind: str) -> dict[str, Any]:
    """The reader's choices of the report page (view, changes only, language), as query
    parameters: the page's links and downloads keep them."""
    options = reports.read_options(kind, request.args)
    kept: dict[str, Any] = {}
    if kind == "compare" and options.view != "inline":
        kept["view"] = options.view
    if options.changes_only:
        kept["changes_only"] = 1
    if options.language:
        kept["language"] = options.language
    return kept


@bp.post("/series")
def series() -> BaseResponse:
    library = get_library()
    ids = [i for i in request.form.getlist("version") if i]
    if request.form.get("interpol"):
        ids = [d.id for d in _interpol_documents(library)]
    if len(ids) < 2:
        raise InvalidRequestError("choose at least two versions, oldest first")
    reports.check_versions(reports.request("series", "html"), len(ids), get_limits())
    report = library.save_report("series", ids, {})
    return redirect(url_for("web.report", key=report.key), code=303)


@bp.post("/draft")
def draft() -> BaseResponse:
    """Start the next draft of a library document: its Word file (tracked changes),
    or its redline page when ``as`` is ``html``."""
    doc_id = request.form.get("id", "")
    if not doc_id:
        raise InvalidRequestError(
            ui_chrome().gettext("choose the resolution to start the next draft from")
        )
    report = get_library().save_report("draft", [doc_id], {})
    if request.form.get("as") == "html":
        return redirect(url_for("web.report", key=report.key), code=303)
    return redirect(url_for("web.report_file", key=report.key, fmt="docx"), code=303)


def _with_saved(options: reports.Options, saved: Report) -> reports.Options:
    """``options`` with those saved with the report (agreed language, asked for on the
    compare form)."""
    if saved.options.get("precedents"):
        return dataclasses.replace(options, precedents=True)
    return options


def _chosen(library: Library, field: str) -> Document | None:
    """The document of one field of the amend form, from its one chosen source
    (``<field>_source``: ``library``, ``file`` or ``paste``, the field's tabs): only
    that source is read, whatever the others hold; None when it is left empty."""
    source = request.form.get(f"{field}_source", "library")
    if source not in SOURCES:
        raise InvalidRequestError(f"{field}_source must be one of {', '.join(SOURCES)}")
    if source == "file":
        upload = request.files.get(f"{field}_file")
        if upload is None or not upload.filename:
            return None
        return library.add(upload.read(), upload.filename, source="upload")[0]
    if source == "paste":
        text = request.form.get(f"{field}_text", "")
        return library.add_text(text, source="paste")[0] if text.strip() else None
    doc_id = request.form.get(f"{field}_id", "")
    return library.fresh(library.get(doc_id)) if doc_id else None


def _amend_page(status: int = 200) -> tuple[str, int]:
    library = get_library()
    return render_template(
        "web/amend.html",
        documents=library.documents(limit=PAGE_SIZE),
        slots=AMENDMENT_SLOTS,
        mirror=bool(current_app.config.get("RESDIFF_MIRROR")),
    ), status


@bp.get("/amend")
def amend_form() -> tuple[str, int]:
    return _amend_page()


@bp.post("/amend")
def amend() -> BaseResponse:
    """A draft (or none: the one the amendments name) and up to :data:`AMENDMENT_SLOTS`
    amendments, each from the library, a file or a pasted text -> the report page."""
    library = get_library()
    fields = [f"amendment{i}" for i in range(1, AMENDMENT_SLOTS + 1)]
    chosen = [(f, _chosen(library, f)) for f in fields]
    amendments = [(f, d) for f, d in chosen if d is not None]
    if not amendments:
        raise InvalidRequestError(
            ui_chrome().gettext(
                "choose at least one amendment: from the library, a file, or pasted text"
            )
        )
    if request.form.get("draft_source", "named") == "named":
        resolved = [Resolved(document=d) for _, d in amendments]
        found = find_draft(library, resolved, [f for f, _ in amendments])
        assert found.document is not None
        draft = found.document
    else:
        picked = _chosen(library, "draft")
        if picked is None:
            raise InvalidRequestError(
                ui_chrome().gettext(
                    "choose the draft (from the library, a file, or pasted text), or take the"
                    " draft the amendments name"
                )
            )
        draft = picked
    options = reports.read_options("amend", request.form)
    report = library.save_report("amend", [draft.id, *(d.id for _, d in amendments)], {})
    return redirect(url_for("web.report", key=report.key, view=options.view), code=303)


@bp.get("/report/<key>")
@expensive(when=lambda: _expensive_report())
def report(key: str) -> str:
    library = get_library()
    saved, versions = library.report(key)
    chosen = _page_options(saved.kind)
    options = reports.read_options(saved.kind, {k: str(v) for k, v in chosen.items()})
    options = _with_saved(dataclasses.replace(options, standalone=False), saved)
    req = reports.request(saved.kind, "html", options)
    produced = reports.produce(req, versions, limits=get_limits(), cache=library, library=library)
    kinds = [v.resolution.language for v in reversed(versions)]
    formats = [f for f in ATTACH if f in req.kind.renderers]
    if saved.kind == "draft":  # the Word file first: what a delegation edits
        formats.sort(key=lambda f: f != "docx")
    return render_template(
        "web/report.html",
        key=key,
        kind=saved.kind,
        options=chosen,
        view=options.view,
        changes_only=options.changes_only,
        report_language=i18n.chrome_language(options.language, *kinds),
        precedents=req.options.precedents,
        versions=[v.document for v in versions],
        formats=formats,
        summary="pdf" in req.kind.renderers and saved.kind == "compare",
        body=Markup(produced.body.decode("utf-8")),
        assets=reports_fingerprint(),
    )


@bp.get("/report-assets/<name>")
def report_asset(name: str) -> Response:
    """The report's stylesheets and script, for the report page."""
    if name not in REPORT_ASSETS:
        abort(404)
    media_type, read = REPORT_ASSETS[name]
    response = Response(read(), content_type=media_type)
    response.cache_control.public = True
    response.cache_control.max_age = 3600
    return response


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
    options = _with_saved(reports.read_options(saved.kind, request.args), saved)
    req = reports.request(saved.kind, fmt, options)
    produced = reports.produce(
        req, versions, limits=get_limits(), cache=library, executor=get_executor(), library=library
    )
    attach = (*ATTACH, "html") if request.args.get("download") else ATTACH
    return report_response(produced, attach=attach)


# -- a document, and agreed language ------------------------------------------------------


@bp.get("/documents/<doc_id>")
def document(doc_id: str) -> str:
    """A document of the library to read, each paragraph at its id (``#OP7``)."""
    doc = get_library().read(doc_id)
    res = doc.resolution
    chrome = ui_chrome()
    return render_template(
        "web/document.html",
        doc=doc,
        res=res,
        chrome=chrome,
        doctype=Words(chrome).doctype(res.document_type),
        text_dir=i18n.direction(res.language),
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
        chrome=ui_chrome(),
        found=None if found is None else [precedent_view(p, ui_chrome()) for p in found],
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
        message = ui_chrome().gettext("choose how many matches to show")
        return _precedents_page(None, [("error", message)], 400)
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
