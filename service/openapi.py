"""The OpenAPI 3.1 description of the resdiff HTTP API (served at ``/api/openapi.json``)."""

from __future__ import annotations

from typing import Any

from service.reports import COMPARE_FORMATS, SERIES_FORMATS, VIEWS, media_type
from service.symbols import LANGUAGES

__all__ = ["spec"]

_PROBLEM = {"$ref": "#/components/responses/Problem"}


def _problems(*codes: int) -> dict[str, Any]:
    return {str(code): _PROBLEM for code in codes}


def _binary(media: str) -> dict[str, Any]:
    return {media: {"schema": {"type": "string", "format": "binary"}}}


_FORMAT_PARAM = {
    "name": "format",
    "in": "query",
    "description": "The form of the report (default json).",
    "schema": {"type": "string", "enum": list(COMPARE_FORMATS), "default": "json"},
}
_SERIES_FORMAT_PARAM = {
    **_FORMAT_PARAM,
    "schema": {"type": "string", "enum": list(SERIES_FORMATS), "default": "json"},
}
_VIEW_PARAM = {
    "name": "view",
    "in": "query",
    "description": "Layout of the html report.",
    "schema": {"type": "string", "enum": list(VIEWS), "default": "inline"},
}
_DOC_ID = {"name": "doc_id", "in": "path", "required": True, "schema": {"type": "string"}}

_REPORT_HEADERS = {
    "X-Cache": {
        "description": "hit: served from the comparison cache; miss: computed for this request",
        "schema": {"type": "string", "enum": ["hit", "miss"]},
    }
}
_REPORT_CONTENT = {
    "application/json": {"schema": {"type": "object"}},
    "text/html": {"schema": {"type": "string"}},
    **_binary(media_type("pdf")),
    **_binary(media_type("docx")),
}


def spec() -> dict[str, Any]:
    """The OpenAPI document."""
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "resdiff",
            "version": "0.1.0",
            "description": (
                "Version diffs of UN General Assembly resolutions. Errors are RFC 9457"
                " problem documents (application/problem+json)."
            ),
        },
        "paths": {
            "/api/documents": {
                "get": {
                    "operationId": "listDocuments",
                    "summary": "The stored documents, paginated",
                    "parameters": [
                        {
                            "name": "limit",
                            "in": "query",
                            "schema": {
                                "type": "integer",
                                "minimum": 1,
                                "maximum": 500,
                                "default": 50,
                            },
                        },
                        {
                            "name": "offset",
                            "in": "query",
                            "schema": {"type": "integer", "minimum": 0, "default": 0},
                        },
                    ],
                    "responses": {
                        "200": {
                            "description": "A page of documents",
                            "content": {
                                "application/json": {
                                    "schema": {"$ref": "#/components/schemas/DocumentList"}
                                }
                            },
                        },
                        **_problems(400),
                    },
                },
                "post": {
                    "operationId": "addDocument",
                    "summary": "Upload a document (PDF, DOCX, text, Markdown), or store one by symbol or text",
                    "requestBody": {
                        "required": True,
                        "content": {
                            "multipart/form-data": {
                                "schema": {
                                    "type": "object",
                                    "required": ["file"],
                                    "properties": {"file": {"type": "string", "format": "binary"}},
                                }
                            },
                            "application/json": {
                                "schema": {
                                    "oneOf": [
                                        {"$ref": "#/components/schemas/TextSpec"},
                                        {"$ref": "#/components/schemas/SymbolSpec"},
                                    ]
                                }
                            },
                        },
                    },
                    "responses": {
                        "200": {
                            "description": "The same content was already stored",
                            "content": {
                                "application/json": {
                                    "schema": {"$ref": "#/components/schemas/Document"}
                                }
                            },
                        },
                        "201": {
                            "description": "Stored",
                            "headers": {"Location": {"schema": {"type": "string"}}},
                            "content": {
                                "application/json": {
                                    "schema": {"$ref": "#/components/schemas/Document"}
                                }
                            },
                        },
                        **_problems(400, 404, 413, 415, 422, 502),
                    },
                },
            },
            "/api/documents/{doc_id}": {
                "parameters": [_DOC_ID],
                "get": {
                    "operationId": "getDocument",
                    "summary": "One document, with its parsed structure",
                    "responses": {
                        "200": {
                            "description": "The document",
                            "content": {
                                "application/json": {
                                    "schema": {"$ref": "#/components/schemas/Document"}
                                }
                            },
                        },
                        **_problems(404),
                    },
                },
                "delete": {
                    "operationId": "deleteDocument",
                    "summary": "Delete a document",
                    "responses": {"204": {"description": "Deleted"}, **_problems(404)},
                },
            },
            "/api/documents/{doc_id}/original": {
                "parameters": [_DOC_ID],
                "get": {
                    "operationId": "getOriginal",
                    "summary": "The original bytes of a document, as uploaded or fetched",
                    "responses": {
                        "200": {
                            "description": "The original file",
                            "content": {"*/*": {"schema": {"type": "string", "format": "binary"}}},
                        },
                        **_problems(404),
                    },
                },
            },
            "/api/compare": {
                "post": {
                    "operationId": "compare",
                    "summary": "Compare two versions",
                    "parameters": [_FORMAT_PARAM, _VIEW_PARAM],
                    "requestBody": {
                        "required": True,
                        "content": {
                            "application/json": {
                                "schema": {"$ref": "#/components/schemas/CompareRequest"}
                            }
                        },
                    },
                    "responses": {
                        "200": {
                            "description": "The comparison in the requested format",
                            "headers": _REPORT_HEADERS,
                            "content": _REPORT_CONTENT,
                        },
                        **_problems(400, 404, 413, 415, 422, 502),
                    },
                },
            },
            "/api/series": {
                "post": {
                    "operationId": "series",
                    "summary": "Follow every paragraph through several versions, oldest first",
                    "parameters": [_SERIES_FORMAT_PARAM],
                    "requestBody": {
                        "required": True,
                        "content": {
                            "application/json": {
                                "schema": {"$ref": "#/components/schemas/SeriesRequest"}
                            }
                        },
                    },
                    "responses": {
                        "200": {
                            "description": "The series in the requested format",
                            "headers": _REPORT_HEADERS,
                            "content": _REPORT_CONTENT,
                        },
                        **_problems(400, 404, 413, 415, 422, 502),
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
                    "summary": "Service and database check",
                    "responses": {
                        "200": {
                            "description": "Healthy",
                            "content": {
                                "application/json": {
                                    "schema": {
                                        "type": "object",
                                        "required": ["status"],
                                        "properties": {
                                            "status": {"const": "ok"},
                                            "database": {"type": "string"},
                                            "documents": {"type": "integer"},
                                        },
                                    }
                                }
                            },
                        },
                        **_problems(503),
                    },
                },
            },
        },
        "components": {
            "responses": {
                "Problem": {
                    "description": "An RFC 9457 problem",
                    "content": {
                        "application/problem+json": {
                            "schema": {"$ref": "#/components/schemas/Problem"}
                        }
                    },
                },
            },
            "schemas": {
                "Problem": {
                    "type": "object",
                    "required": ["type", "title", "status", "detail"],
                    "properties": {
                        "type": {"type": "string"},
                        "title": {"type": "string"},
                        "status": {"type": "integer"},
                        "detail": {"type": "string"},
                    },
                },
                "TextSpec": {
                    "type": "object",
                    "required": ["text"],
                    "additionalProperties": False,
                    "properties": {
                        "text": {"type": "string", "description": "The text of a version"}
                    },
                },
                "IdSpec": {
                    "type": "object",
                    "required": ["id"],
                    "additionalProperties": False,
                    "properties": {"id": {"type": "string", "description": "A stored document"}},
                },
                "SymbolSpec": {
                    "type": "object",
                    "required": ["symbol"],
                    "additionalProperties": False,
                    "properties": {
                        "symbol": {"type": "string", "examples": ["A/RES/79/136"]},
                        "language": {"type": "string", "enum": list(LANGUAGES), "default": "en"},
                    },
                },
                "DocumentSpec": {
                    "oneOf": [
                        {"$ref": "#/components/schemas/TextSpec"},
                        {"$ref": "#/components/schemas/IdSpec"},
                        {"$ref": "#/components/schemas/SymbolSpec"},
                    ]
                },
                "CompareRequest": {
                    "type": "object",
                    "required": ["old", "new"],
                    "additionalProperties": False,
                    "properties": {
                        "old": {"$ref": "#/components/schemas/DocumentSpec"},
                        "new": {"$ref": "#/components/schemas/DocumentSpec"},
                    },
                },
                "SeriesRequest": {
                    "type": "object",
                    "required": ["documents"],
                    "additionalProperties": False,
                    "properties": {
                        "documents": {
                            "type": "array",
                            "minItems": 2,
                            "items": {"$ref": "#/components/schemas/DocumentSpec"},
                        },
                    },
                },
                "DocumentMeta": {
                    "type": "object",
                    "required": ["id", "language", "source", "sha256", "size", "created"],
                    "properties": {
                        "id": {"type": "string"},
                        "symbol": {"type": ["string", "null"]},
                        "language": {"type": "string"},
                        "source": {
                            "type": "string",
                            "enum": ["upload", "paste", "file", "mirror", "ods"],
                        },
                        "filename": {"type": ["string", "null"]},
                        "media_type": {"type": ["string", "null"]},
                        "size": {"type": "integer"},
                        "sha256": {"type": "string"},
                        "created": {"type": "string"},
                        "title": {"type": ["string", "null"]},
                        "adopted": {"type": ["string", "null"]},
                        "paragraphs": {"type": "integer"},
                    },
                },
                "Document": {
                    "allOf": [
                        {"$ref": "#/components/schemas/DocumentMeta"},
                        {
                            "type": "object",
                            "required": ["structure"],
                            "properties": {
                                "structure": {"$ref": "#/components/schemas/Resolution"}
                            },
                        },
                    ],
                },
                "DocumentList": {
                    "type": "object",
                    "required": ["documents", "total", "limit", "offset"],
                    "properties": {
                        "documents": {
                            "type": "array",
                            "items": {"$ref": "#/components/schemas/DocumentMeta"},
                        },
                        "total": {"type": "integer"},
                        "limit": {"type": "integer"},
                        "offset": {"type": "integer"},
                    },
                },
                "Resolution": {
                    "type": "object",
                    "required": ["paragraphs"],
                    "properties": {
                        "symbol": {"type": ["string", "null"]},
                        "document_type": {"type": "string"},
                        "language": {"type": "string"},
                        "session": {"type": ["integer", "null"]},
                        "agenda_item": {"type": ["string", "null"]},
                        "title": {"type": ["string", "null"]},
                        "adopted": {"type": ["string", "null"]},
                        "paragraphs": {
                            "type": "array",
                            "items": {
                                "type": "object",
                                "required": ["id", "kind", "text"],
                                "properties": {
                                    "id": {"type": "string"},
                                    "kind": {"type": "string"},
                                    "number": {"type": ["string", "null"]},
                                    "lead": {"type": "string"},
                                    "text": {"type": "string"},
                                    "footnotes": {"type": "array", "items": {"type": "string"}},
                                },
                            },
                        },
                    },
                },
            },
        },
    }
