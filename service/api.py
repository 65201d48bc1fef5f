"""The JSON API under ``/api``: documents, comparisons, series, and its OpenAPI description."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from flask import Blueprint, Response, current_app, jsonify, request, url_for

from diffing.errors import InvalidRequestError, UnsupportedFormatError
from service import openapi, reports
from service.documents import Resolved, get_library
from service.store import get_store

__all__ = ["bp"]

bp = Blueprint("api", __name__, url_prefix="/api")


# -- request helpers -------------------------------------------------------------


def json_body() -> Any:
    """The JSON body of the request, with a precise 415 or 400 when it is not JSON."""
    if request.mimetype != "application/json":
        raise UnsupportedFormatError(
            f"send the request as application/json (got {request.mimetype or 'no content type'})"
        )
    raw = request.get_data(cache=False)
    if not raw.strip():
        raise InvalidRequestError("the request body is empty: expected a JSON object")
    try:
        return json.loads(raw)
    except UnicodeDecodeError as exc:
        raise InvalidRequestError(
            f"the request body is not UTF-8: {exc.reason} at byte {exc.start}"
        ) from None
    except json.JSONDecodeError as exc:
        raise InvalidRequestError(
            f"the request body is not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})"
        ) from None


def json_object(body: Any) -> dict[str, Any]:
    if not isinstance(body, dict):
        raise InvalidRequestError(
            f"the request body must be a JSON object, not {type(body).__name__}"
        )
    return body


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


def report_response(
    kind: str,
    versions: list[Resolved],
    fmt: str,
    view: str,
    *,
    attach: tuple[str, ...] = ("pdf", "docx"),
) -> Response:
    """The report in ``fmt``, from the cache when it is there; ``attach``: formats to download."""
    body, cached = reports.render_report(
        kind,
        versions,
        fmt,
        limits=current_app.extensions["resdiff.limits"],
        view=view,
        store=get_store(),
    )
    response = Response(body, mimetype=None, content_type=reports.media_type(fmt))
    response.headers["X-Cache"] = "hit" if cached else "miss"
    if fmt in attach:
        response.headers.set(
            "Content-Disposition", "attachment", filename=reports.download_name(versions, fmt)
        )
    return response


# -- documents -------------------------------------------------------------------------


@bp.post("/documents")
def add_document() -> tuple[Response, int, dict[str, str]]:
    """Upload a file (multipart ``file``), or store ``{"text": ...}`` / ``{"symbol": ...}``."""
    library = get_library()
    if request.mimetype == "multipart/form-data":
        upload = request.files.get("file")
        if upload is None:
            raise InvalidRequestError("the form has no 'file' field: send the document as 'file'")
        data = upload.read()
        doc, created = library.add(data, upload.filename, source="upload")
    elif request.mimetype == "application/json":
        spec = json_object(json_body())
        if "id" in spec or not ("text" in spec) ^ ("symbol" in spec):
            raise InvalidRequestError("give either 'text' or 'symbol' to add a document")
        if "text" in spec:
            if set(spec) != {"text"}:
                raise InvalidRequestError("a text document takes only the field 'text'")
            doc, created = library.add_text(spec["text"], source="paste")
        else:
            before = get_store().count_documents()
            resolved = library.resolve(spec, "the document")
            assert resolved.document is not None
            doc, created = resolved.document, get_store().count_documents() > before
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
    db = get_store()
    docs = db.list_documents(limit=limit, offset=offset)
    return jsonify(
        documents=[d.meta() for d in docs], total=db.count_documents(), limit=limit, offset=offset
    )


@bp.get("/documents/<doc_id>")
def get_document(doc_id: str) -> Response:
    return jsonify(get_store().get_document(doc_id).to_dict())


@bp.get("/documents/<doc_id>/original")
def get_original(doc_id: str) -> Response:
    doc, data = get_store().get_original(doc_id)
    suffix = Path(doc.filename or "").suffix.lower()
    response = Response(data, content_type=doc.media_type or "application/octet-stream")
    response.headers.set("Content-Disposition", "attachment", filename=f"{doc.id}{suffix}")
    return response


@bp.delete("/documents/<doc_id>")
def delete_document(doc_id: str) -> tuple[str, int]:
    get_store().delete_document(doc_id)
    return "", 204


# -- comparisons -------------------------------------------------------------------------


@bp.post("/compare")
def compare() -> Response:
    """``{"old": D, "new": D}`` -> the comparison in ``?format=json|html|pdf|docx``."""
    fmt, view = reports.check_format(
        "compare", request.args.get("format"), request.args.get("view")
    )
    body = json_object(json_body())
    missing = [k for k in ("old", "new") if k not in body]
    if missing:
        raise InvalidRequestError(
            f"the request has no {' and no '.join(repr(m) for m in missing)} document"
        )
    extra = set(body) - {"old", "new"}
    if extra:
        raise InvalidRequestError(f"unknown fields: {', '.join(sorted(extra))}")
    library = get_library()
    versions = [library.resolve(body["old"], "old"), library.resolve(body["new"], "new")]
    return report_response("compare", versions, fmt, view)


@bp.post("/series")
def series() -> Response:
    """``{"documents": [D, D, ...]}`` (oldest first) -> the series in ``?format=json|html|pdf``."""
    fmt, view = reports.check_format("series", request.args.get("format"), None)
    body = json_object(json_body())
    docs = body.get("documents")
    if not isinstance(docs, list):
        raise InvalidRequestError(
            "the request needs 'documents': a list of documents, oldest first"
        )
    extra = set(body) - {"documents"}
    if extra:
        raise InvalidRequestError(f"unknown fields: {', '.join(sorted(extra))}")
    limits = current_app.extensions["resdiff.limits"]
    if not 2 <= len(docs) <= limits.series:
        raise InvalidRequestError(
            f"a series needs between 2 and {limits.series} documents, not {len(docs)}"
        )
    library = get_library()
    versions = [library.resolve(d, f"documents[{i}]") for i, d in enumerate(docs)]
    return report_response("series", versions, fmt, view)


@bp.get("/openapi.json")
def openapi_json() -> Response:
    return jsonify(openapi.spec())
