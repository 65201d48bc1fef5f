"""The JSON API under ``/api``: documents, comparisons, series, drafts, amendments applied
to a draft, agreed language, and its OpenAPI description.

Request bodies are checked against the declarations of :mod:`service.web.schemas`
(the ones the OpenAPI document publishes); reports come from the pipeline of
:mod:`service.reports`.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

from flask import Blueprint, Response, current_app, jsonify, request, url_for

from service import reports
from service.errors import InvalidRequestError, UnsupportedMediaTypeError
from service.library import Accounts, Library, Resolved, User
from service.library.access import check_admin
from service.library.amendments import find_draft
from service.web import openapi, schemas
from service.web.context import (
    get_executor,
    get_library,
    get_limits,
    get_store,
    get_viewer,
    report_response,
)
from service.web.guards import attachment, read_json
from service.web.limits import expensive, expensive_format

__all__ = ["bp"]

bp = Blueprint("api", __name__, url_prefix="/api")

#: report formats the API sends as downloads
ATTACH = tuple(f.name for f in reports.FORMATS.values() if f.binary)


# -- request helpers -------------------------------------------------------------


def json_body() -> Any:
    """The JSON body of the request, with a precise 415 or 400 when it is not JSON (or is
    nested too deeply, or holds a huge number)."""
    if request.mimetype != "application/json":
        raise UnsupportedMediaTypeError(
            f"send the request as application/json (got {request.mimetype or 'no content type'})"
        )
    raw = request.get_data(cache=False)
    if not raw.strip():
        raise InvalidRequestError("the request body is empty: expected a JSON object")
    config = current_app.config
    return read_json(
        raw,
        max_depth=int(config["RESDIFF_MAX_JSON_DEPTH"]),
        max_digits=int(config["RESDIFF_MAX_JSON_DIGITS"]),
    )


def int_arg(name: str, default: int, low: int, high: int) -> int:
    raw = request.args.get(name)
    if raw is None:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise InvalidRequestError(f"{name} must be an integer, not {raw!r}") from None
    if not low <= value <= high:
        raise InvalidRequestError(f"{name} must be between {low} and {high}, not {value}")
    return value


def report_request(kind: str) -> reports.Request:
    """The report asked for by the query: ``?format=`` and ``?view=``."""
    return reports.request(
        kind, request.args.get("format"), reports.read_options(kind, request.args)
    )


def report(req: reports.Request, versions: list[Resolved], library: Library) -> Response:
    produced = reports.produce(
        req, versions, limits=get_limits(), cache=library, executor=get_executor(), library=library
    )
    return report_response(produced, attach=ATTACH)


# -- documents -------------------------------------------------------------------------


@bp.post("/documents")
def add_document() -> tuple[Response, int, dict[str, str]]:
    """Upload a file (multipart ``file``), or store ``{"text": ...}`` / ``{"symbol": ...}``."""
    library = get_library()
    if request.mimetype == "multipart/form-data":
        upload = request.files.get("file")
        if upload is None:
            raise InvalidRequestError("the form has no 'file' field: send the document as 'file'")
        doc, created = library.add(upload.read(), upload.filename, source="upload")
    elif request.mimetype == "application/json":
        spec = schemas.validate(schemas.AddDocumentRequest, json_body())
        if "text" in spec:
            doc, created = library.add_text(spec["text"], source="paste")
        else:
            before = library.count()
            resolved = library.resolve(spec, "the document")
            assert resolved.document is not None
            doc, created = resolved.document, library.count() > before
    else:
        raise UnsupportedMediaTypeError(
            "send the document as multipart/form-data (field 'file') or application/json"
            f" (got {request.mimetype or 'no content type'})"
        )
    location = url_for("api.get_document", doc_id=doc.id)
    return jsonify(doc.to_dict()), 201 if created else 200, {"Location": location}


@bp.get("/documents")
def list_documents() -> Response:
    limit = int_arg("limit", 50, 1, 500)
    offset = int_arg("offset", 0, 0, 10**9)
    library = get_library()
    page: schemas.DocumentList = {
        "documents": [d.meta() for d in library.documents(limit=limit, offset=offset)],
        "total": library.count(),
        "limit": limit,
        "offset": offset,
    }
    return jsonify(page)


@bp.get("/documents/<doc_id>")
def get_document(doc_id: str) -> Response:
    return jsonify(get_library().read(doc_id).to_dict())


@bp.patch("/documents/<doc_id>")
def share_document(doc_id: str) -> Response:
    """``{"shared_with": [name, ...]}``: the users and groups who see the document
    (replacing the earlier list; ``[]`` makes it private again). Its owner only."""
    body = schemas.validate(schemas.ShareRequest, json_body())
    return jsonify(get_library().share(doc_id, body["shared_with"]).to_dict())


@bp.get("/documents/<doc_id>/original")
def get_original(doc_id: str) -> Response:
    doc, data = get_library().original(doc_id)
    suffix = Path(doc.filename or "").suffix.lower()
    response = Response(data, content_type=doc.media_type or "application/octet-stream")
    response.headers["Content-Disposition"] = attachment(f"{doc.id}{suffix}")
    return response


@bp.delete("/documents/<doc_id>")
def delete_document(doc_id: str) -> tuple[str, int]:
    get_library().delete(doc_id)
    return "", 204


# -- comparisons -------------------------------------------------------------------------


@bp.post("/compare")
@expensive(when=expensive_format)
def compare() -> Response:
    """``{"old": D, "new": D}`` -> the comparison in ``?format=`` (json by default);
    ``?precedents=true``: with the agreed language of each new or reworded paragraph."""
    req = report_request("compare")
    body = schemas.validate(schemas.CompareRequest, json_body())
    library = get_library()
    versions = [library.resolve(body["old"], "old"), library.resolve(body["new"], "new")]
    return report(req, versions, library)


@bp.post("/series")
@expensive()
def series() -> Response:
    """``{"documents": [D, D, ...]}`` (oldest first) -> the series in ``?format=``."""
    req = report_request("series")
    body = schemas.validate(schemas.SeriesRequest, json_body())
    docs = body["documents"]
    reports.check_versions(req, len(docs), get_limits())
    library = get_library()
    return report(req, [library.resolve(d, f"documents[{i}]") for i, d in enumerate(docs)], library)


# -- agreed language -----------------------------------------------------------------------


@bp.post("/precedents")
def precedents() -> Response:
    """``{"text": ..., "limit": 5, "before": "2025-12-31", "exclude": [symbols]}`` -> the
    closest paragraphs of the library the caller sees, best first."""
    body = schemas.validate(schemas.PrecedentsRequest, json_body())
    found = get_library().precedents(
        body["text"],
        body.get("limit", 5),
        before=body.get("before"),
        exclude=body.get("exclude", []),
    )
    page: schemas.PrecedentList = {"matches": [p.to_dict() for p in found]}
    return jsonify(page)


# -- the audit trail ---------------------------------------------------------------------


@bp.get("/audit")
def audit() -> Response:
    """Who added, read, shared, compared and deleted which document, when: admins only.
    ``?user=NAME``, ``?document=ID``, ``limit`` and ``offset`` narrow it."""
    limit = int_arg("limit", 50, 1, 500)
    offset = int_arg("offset", 0, 0, 10**9)
    entries = get_library().audit_trail(
        limit=limit,
        offset=offset,
        actor=request.args.get("user") or None,
        document=request.args.get("document") or None,
    )
    page: schemas.AuditList = {
        "entries": [dataclasses.asdict(e) for e in entries],  # type: ignore[misc]
        "limit": limit,
        "offset": offset,
    }
    return jsonify(page)


# -- accounts (admins) -------------------------------------------------------------------


def _accounts() -> Accounts:
    viewer = get_viewer()
    check_admin(viewer, "manages accounts")
    return Accounts(get_store(), actor=viewer.name)


def _user(user: User) -> schemas.UserInfo:
    info: schemas.UserInfo = {
        "name": user.name,
        "admin": user.admin,
        "groups": list(user.groups),
        "created": user.created,
        "token_created": user.token_created,
    }
    return info


@bp.get("/users")
def list_users() -> Response:
    """The accounts (admins only)."""
    page: schemas.UserList = {"users": [_user(u) for u in _accounts().list()]}
    return jsonify(page)


@bp.post("/users")
def add_user() -> tuple[Response, int]:
    """``{"name": ..., "admin": false, "groups": [...]}`` -> the account and its token
    (shown this once). Admins only."""
    body = schemas.validate(schemas.NewUserRequest, json_body())
    user, token = _accounts().add(
        body["name"], admin=body.get("admin", False), groups=body.get("groups", [])
    )
    answer: schemas.UserToken = {"user": _user(user), "token": token}
    return jsonify(answer), 201


@bp.post("/users/<name>/token")
def new_token(name: str) -> Response:
    """A new token for ``name`` (the old one and its sessions stop working). Admins only."""
    accounts = _accounts()
    token = accounts.rotate(name)
    answer: schemas.UserToken = {"user": _user(accounts.get(name)), "token": token}
    return jsonify(answer)


@bp.delete("/users/<name>")
def remove_user(name: str) -> tuple[str, int]:
    """Remove an account and delete its documents. Admins only."""
    _accounts().remove(name)
    return "", 204


@bp.post("/drafts")
@expensive(when=expensive_format)
def drafts() -> Response:
    """``{"base": D, "session": 81, "previous": D}`` -> the next draft of the base in
    ``?format=`` (json by default; docx: the Word file with tracked changes)."""
    req = report_request("draft")
    body = schemas.validate(schemas.DraftRequest, json_body())
    if "session" in body:
        options = dataclasses.replace(req.options, session=body["session"])
        req = reports.request("draft", req.format.name, options)
    library = get_library()
    versions = [library.resolve(body["base"], "base")]
    if "previous" in body:
        versions.insert(0, library.resolve(body["previous"], "previous"))
    return report(req, versions, library)


@bp.post("/amend")
@expensive(when=expensive_format)
def amend() -> Response:
    """``{"draft": D, "amendments": [D, ...]}`` -> the draft against the draft as amended,
    in ``?format=``; without ``draft``, the draft the amendments name."""
    req = report_request("amend")
    body = schemas.validate(schemas.AmendRequest, json_body())
    reports.check_amendments(len(body["amendments"]), get_limits())
    library = get_library()
    names = [f"amendments[{i}]" for i in range(len(body["amendments"]))]
    amendments = [library.resolve(d, n) for d, n in zip(body["amendments"], names, strict=True)]
    if "draft" in body:
        draft = library.resolve(body["draft"], "draft")
    else:
        draft = find_draft(library, amendments, names)
    return report(req, [draft, *amendments], library)


@bp.get("/openapi.json")
def openapi_json() -> Response:
    return jsonify(openapi.spec())
