"""The OpenAPI 3.1 description of the HTTP API (served at ``/api/openapi.json``).

Made, not written: the schemas come from the declarations of
:mod:`service.web.schemas` (and through them from :mod:`diffing.model`), the
formats, options and media types of the reports from :data:`service.reports.KINDS`.
"""

from __future__ import annotations

import functools
from typing import Any

from service import reports
from service.library.symbols import LANGUAGES
from service.render import VIEWS
from service.web.schemas import json_schemas

__all__ = ["spec"]

_REF = "#/components/schemas/{model}"
#: the problems any request that reads or compares documents may answer (401: the
#: service has accounts and the request has no valid token; 503: every worker process
#: busy, retry)
_PROBLEMS = (400, 401, 404, 413, 415, 422, 502, 503)


def _ref(name: str) -> dict[str, str]:
    return {"$ref": _REF.format(model=name)}


def _json(name: str, description: str, **extra: Any) -> dict[str, Any]:
    return {
        "description": description,
        "content": {"application/json": {"schema": _ref(name)}},
        **extra,
    }


def _problems(*codes: int) -> dict[str, Any]:
    return {str(c): {"$ref": "#/components/responses/Problem"} for c in codes}


def _report(kind_name: str, summary: str, request: str) -> dict[str, Any]:
    """The operation of one kind of report: its formats, options, body and answers."""
    kind = reports.KINDS[kind_name]
    content: dict[str, Any] = {}
    for name in kind.formats:
        fmt = reports.FORMATS[name]
        media = fmt.media_type.split(";")[0]
        if name == "json":
            schema: dict[str, Any] = _ref(kind.contract.__name__.removesuffix("Dict"))
        elif fmt.binary:
            schema = {"type": "string", "format": "binary"}
        else:
            schema = {"type": "string"}
        content[media] = {"schema": schema}
    params: list[dict[str, Any]] = [
        {
            "name": "format",
            "in": "query",
            "description": "The form of the report (default json).",
            "schema": {"type": "string", "enum": list(kind.formats), "default": "json"},
        }
    ]
    viewed = [f for f, names in kind.options.items() if "view" in names]
    if viewed:
        params.append(
            {
                "name": "view",
                "in": "query",
                "description": f"Layout of the {' and '.join(viewed)} report.",
                "schema": {"type": "string", "enum": list(VIEWS), "default": "inline"},
            }
        )
    agreed = [f for f, names in kind.options.items() if "precedents" in names]
    if agreed:
        params.append(
            {
                "name": "precedents",
                "in": "query",
                "description": "Give every new or reworded paragraph of the new version its"
                " agreed language ('precedents' in the json): the 3 closest paragraphs of the"
                " library the caller sees, at least 50% similar, leaving out the two documents"
                " compared and whatever was adopted after the new version.",
                "schema": {"type": "boolean", "default": False},
            }
        )
    return {
        "post": {
            "operationId": kind_name,
            "summary": summary,
            "parameters": params,
            "requestBody": {
                "required": True,
                "content": {"application/json": {"schema": _ref(request)}},
            },
            "responses": {
                "200": {
                    "description": f"The {kind.noun} in the requested format",
                    "headers": {
                        "X-Cache": {
                            "description": "hit: served from the cache; miss: made for this request",
                            "schema": {"type": "string", "enum": ["hit", "miss"]},
                        }
                    },
                    "content": content,
                },
                **_problems(*_PROBLEMS, 429),
            },
        }
    }


@functools.cache
def spec() -> dict[str, Any]:
    """The OpenAPI document."""
    doc_id = {"name": "doc_id", "in": "path", "required": True, "schema": {"type": "string"}}
    user_name = {"name": "name", "in": "path", "required": True, "schema": {"type": "string"}}
    page = [
        {
            "name": "limit",
            "in": "query",
            "schema": {"type": "integer", "minimum": 1, "maximum": 500, "default": 50},
        },
        {
            "name": "offset",
            "in": "query",
            "schema": {"type": "integer", "minimum": 0, "default": 0},
        },
    ]
    upload = {
        "type": "object",
        "required": ["file"],
        "properties": {"file": {"type": "string", "format": "binary"}},
    }
    schemas = json_schemas(_REF)
    schemas["SymbolSpec"]["properties"]["language"]["examples"] = list(LANGUAGES)
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "resdiff",
            "version": "0.1.0",
            "description": (
                "Version diffs of UN General Assembly resolutions. Errors are RFC 9457"
                " problem documents (application/problem+json). Once the service has"
                " accounts, every request sends 'Authorization: Bearer TOKEN' (the token"
                " printed by `resdiff user add`); a user sees the official documents, their"
                " own, and those shared with them or their groups."
            ),
        },
        "security": [{"bearer": []}, {}],
        "paths": {
            "/api/documents": {
                "get": {
                    "operationId": "listDocuments",
                    "summary": "The stored documents, paginated",
                    "parameters": page,
                    "responses": {
                        "200": _json("DocumentList", "A page of documents"),
                        **_problems(400, 401),
                    },
                },
                "post": {
                    "operationId": "addDocument",
                    "summary": "Upload a document (PDF, DOCX, text, Markdown), or store one by symbol or text",
                    "requestBody": {
                        "required": True,
                        "content": {
                            "multipart/form-data": {"schema": upload},
                            "application/json": {"schema": _ref("AddDocumentRequest")},
                        },
                    },
                    "responses": {
                        "200": _json("Document", "The same content was already stored"),
                        "201": _json(
                            "Document",
                            "Stored",
                            headers={"Location": {"schema": {"type": "string"}}},
                        ),
                        **_problems(*_PROBLEMS),
                    },
                },
            },
            "/api/documents/{doc_id}": {
                "parameters": [doc_id],
                "get": {
                    "operationId": "getDocument",
                    "summary": "One document, with its parsed structure",
                    "responses": {
                        "200": _json("Document", "The document"),
                        **_problems(401, 404),
                    },
                },
                "patch": {
                    "operationId": "shareDocument",
                    "summary": "Share a document with users and groups (its owner only)",
                    "requestBody": {
                        "required": True,
                        "content": {"application/json": {"schema": _ref("ShareRequest")}},
                    },
                    "responses": {
                        "200": _json("Document", "The document, shared as asked"),
                        **_problems(400, 401, 403, 404, 415),
                    },
                },
                "delete": {
                    "operationId": "deleteDocument",
                    "summary": "Delete a document, and the reports made from it (its owner only;"
                    " an official document, an admin)",
                    "responses": {
                        "204": {"description": "Deleted"},
                        **_problems(401, 403, 404),
                    },
                },
            },
            "/api/documents/{doc_id}/original": {
                "parameters": [doc_id],
                "get": {
                    "operationId": "getOriginal",
                    "summary": "The original bytes of a document, as uploaded or fetched",
                    "responses": {
                        "200": {
                            "description": "The original file",
                            "content": {"*/*": {"schema": {"type": "string", "format": "binary"}}},
                        },
                        **_problems(401, 404),
                    },
                },
            },
            "/api/compare": _report("compare", "Compare two versions", "CompareRequest"),
            "/api/series": _report(
                "series",
                "Follow every paragraph through several versions, oldest first",
                "SeriesRequest",
            ),
            "/api/amend": _report(
                "amend",
                "Apply amendments to a draft: the draft as tabled against the draft as amended",
                "AmendRequest",
            ),
            "/api/drafts": _report(
                "draft",
                "Start the next draft of a resolution: its text with the routine renewal"
                " edits made (tracked changes in docx) and the edits proposed, not made",
                "DraftRequest",
            ),
            "/api/precedents": {
                "post": {
                    "operationId": "precedents",
                    "summary": "Agreed language: the paragraphs of the library closest to a"
                    " paragraph, best first, each with the word ops from it to the paragraph",
                    "requestBody": {
                        "required": True,
                        "content": {"application/json": {"schema": _ref("PrecedentsRequest")}},
                    },
                    "responses": {
                        "200": _json("PrecedentList", "The closest paragraphs, best first"),
                        **_problems(400, 401, 413, 415, 422),
                    },
                },
            },
            "/api/audit": {
                "get": {
                    "operationId": "audit",
                    "summary": "Who added, read, shared, compared and deleted which document,"
                    " when (admins only)",
                    "parameters": [
                        *page,
                        {"name": "user", "in": "query", "schema": {"type": "string"}},
                        {"name": "document", "in": "query", "schema": {"type": "string"}},
                    ],
                    "responses": {
                        "200": _json("AuditList", "A page of the trail, newest first"),
                        **_problems(400, 401, 403),
                    },
                },
            },
            "/api/users": {
                "get": {
                    "operationId": "listUsers",
                    "summary": "The accounts (admins only)",
                    "responses": {
                        "200": _json("UserList", "Every account"),
                        **_problems(401, 403),
                    },
                },
                "post": {
                    "operationId": "addUser",
                    "summary": "Create an account; its token is in the answer, this once"
                    " (admins only)",
                    "requestBody": {
                        "required": True,
                        "content": {"application/json": {"schema": _ref("NewUserRequest")}},
                    },
                    "responses": {
                        "201": _json("UserToken", "The account and its token"),
                        **_problems(400, 401, 403, 415),
                    },
                },
            },
            "/api/users/{name}": {
                "parameters": [user_name],
                "delete": {
                    "operationId": "removeUser",
                    "summary": "Remove an account and delete its documents (admins only)",
                    "responses": {
                        "204": {"description": "Removed"},
                        **_problems(401, 403, 404),
                    },
                },
            },
            "/api/users/{name}/token": {
                "parameters": [user_name],
                "post": {
                    "operationId": "newToken",
                    "summary": "A new token for an account: the old one stops working"
                    " (admins only)",
                    "responses": {
                        "200": _json("UserToken", "The account and its new token"),
                        **_problems(401, 403, 404),
                    },
                },
            },
            "/api/openapi.json": {
                "get": {
                    "operationId": "openapi",
                    "summary": "This document",
                    "responses": {
                        "200": {
                            "description": "OpenAPI 3.1",
                            "content": {"application/json": {"schema": {"type": "object"}}},
                        }
                    },
                },
            },
            "/healthz": {
                "get": {
                    "operationId": "health",
                    "summary": "Liveness: the service answers (touches nothing slow)",
                    "responses": {"200": _json("Health", "Alive")},
                },
            },
            "/readyz": {
                "get": {
                    "operationId": "ready",
                    "summary": "Readiness: the database and the worker processes answer",
                    "responses": {"200": _json("Ready", "Ready"), **_problems(503)},
                },
            },
        },
        "components": {
            "securitySchemes": {
                "bearer": {
                    "type": "http",
                    "scheme": "bearer",
                    "description": "The token of an account (resdiff user add / resdiff user token)",
                }
            },
            "responses": {
                "Problem": {
                    "description": "An RFC 9457 problem",
                    "content": {"application/problem+json": {"schema": _ref("Problem")}},
                },
            },
            "schemas": schemas,
        },
    }
