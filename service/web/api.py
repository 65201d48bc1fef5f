"""The JSON API under ``/api``: documents, comparisons, series, drafts, and its OpenAPI
description.

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
from service.errors import InvalidRequestError, UnsupportedFormatError
from service.library import Resolved
from service.web import openapi, schemas
from service.web.context import (
    get_executor,
    get_library,
    get_limits,
    get_store,
    report_response,
)
from service.web.guards import attachment, read_json

__all__ = ["bp"]

bp = Blueprint("api", __name__, url_prefix="/api")

#: report formats the API sends as downloads
ATTACH = tuple(f.name for f in reports.FORMATS.values() if f.binary)


# -- request helpers -------------------------------------------------------------


def json_body() -> Any:
    """The JSON body of the request, with a precise 415 or 400 when it is not JSON (or is
    nested too deeply, or holds a huge number)."""
    if request.mimetype != "application/json":
        raise UnsupportedFormatError(
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


def report(req: reports.Request, versions: list[Resolved]) -> Response:
    produced = reports.produce(
        req, versions, limits=get_limits(), store=get_store(), executor=get_executor()
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
        raise UnsupportedFormatError(
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
    library = get_library()
    return jsonify(library.fresh(library.get(doc_id)).to_dict())


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
def compare() -> Response:
    """``{"old": D, "new": D}`` -> the comparison in ``?format=`` (json by default)."""
    req = report_request("compare")
    body = schemas.validate(schemas.CompareRequest, json_body())
    library = get_library()
    return report(req, [library.resolve(body["old"], "old"), library.resolve(body["new"], "new")])


@bp.post("/series")
def series() -> Response:
    """``{"documents": [D, D, ...]}`` (oldest first) -> the series in ``?format=``."""
    req = report_request("series")
    body = schemas.validate(schemas.SeriesRequest, json_body())
    docs = body["documents"]
    reports.check_versions(req, len(docs), get_limits())
    library = get_library()
    return report(req, [library.resolve(d, f"documents[{i}]") for i, d in enumerate(docs)])


@bp.post("/drafts")
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
    return report(req, versions)


@bp.get("/openapi.json")
def openapi_json() -> Response:
    return jsonify(openapi.spec())
