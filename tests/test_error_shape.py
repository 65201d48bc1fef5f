"""Every error of the API has one shape: an RFC 9457 problem document
``{type, title, status, detail}`` served as ``application/problem+json``."""

from __future__ import annotations

import io
from typing import Any

import pytest

KEYS = {"type", "title", "status", "detail"}


def _json(client, body: bytes, path: str = "/api/compare"):  # type: ignore[no-untyped-def]
    return client.post(path, data=body, content_type="application/json")


CASES: list[tuple[str, Any, int, str]] = [
    (
        "unknown document",
        lambda c: c.get("/api/documents/0123456789abcdef"),
        404,
        "0123456789abcdef",
    ),
    ("unknown route", lambda c: c.get("/api/nothing-here"), 404, "not found"),
    ("wrong method", lambda c: c.put("/api/compare"), 405, "method"),
    ("broken JSON", lambda c: _json(c, b'{"old": {"text": "x"},'), 400, "not valid JSON"),
    ("JSON not an object", lambda c: _json(c, b'"text"'), 400, "JSON object"),
    ("empty body", lambda c: _json(c, b""), 400, "empty"),
    ("not UTF-8 JSON", lambda c: _json(c, b'{"old": "\xff\xfe"}'), 400, "UTF-8"),
    ("missing field", lambda c: c.post("/api/compare", json={"old": {"text": "x"}}), 400, "'new'"),
    (
        "unknown field",
        lambda c: c.post("/api/compare", json={"old": {"text": "x"}, "new": {"text": "y"}, "z": 1}),
        400,
        "z",
    ),
    (
        "bad spec",
        lambda c: c.post(
            "/api/compare", json={"old": {"text": "x", "id": "y"}, "new": {"text": "y"}}
        ),
        400,
        "exactly one",
    ),
    (
        "spec not an object",
        lambda c: c.post("/api/compare", json={"old": 3, "new": {"text": "y"}}),
        400,
        "old must be an object",
    ),
    (
        "empty text",
        lambda c: c.post("/api/compare", json={"old": {"text": "  "}, "new": {"text": "y"}}),
        422,
        "old.text is empty",
    ),
    (
        "wrong content type",
        lambda c: c.post("/api/compare", data="old=x", content_type="text/plain"),
        415,
        "application/json",
    ),
    (
        "bad symbol",
        lambda c: c.post(
            "/api/compare", json={"old": {"symbol": "A/RES/../../etc"}, "new": {"text": "y"}}
        ),
        400,
        "symbol",
    ),
    (
        "bad language",
        lambda c: c.post(
            "/api/compare",
            json={"old": {"symbol": "A/RES/73/11", "language": "de"}, "new": {"text": "y"}},
        ),
        400,
        "language",
    ),
    (
        "no file field",
        lambda c: c.post("/api/documents", data={"other": (io.BytesIO(b"x"), "a.txt")}),
        400,
        "'file'",
    ),
    (
        "upload as text/plain",
        lambda c: c.post("/api/documents", data=b"abc", content_type="text/plain"),
        415,
        "multipart/form-data",
    ),
    (
        "empty upload",
        lambda c: c.post("/api/documents", data={"file": (io.BytesIO(b""), "a.txt")}),
        422,
        "empty",
    ),
    (
        "not UTF-8 text upload",
        lambda c: c.post(
            "/api/documents",
            data={"file": (io.BytesIO("Résolution".encode("latin-1") * 20), "a.txt")},
        ),
        422,
        "not UTF-8",
    ),
    (
        "corrupt PDF upload",
        lambda c: c.post(
            "/api/documents", data={"file": (io.BytesIO(b"%PDF-1.4 garbage"), "a.pdf")}
        ),
        422,
        "damaged",
    ),
    (
        "unsupported file",
        lambda c: c.post(
            "/api/documents",
            data={"file": (io.BytesIO(b"\x89PNG\r\n\x1a\n" + bytes(200)), "a.png")},
        ),
        415,
        "",
    ),
    ("bad pagination", lambda c: c.get("/api/documents?offset=-1"), 400, "offset"),
    (
        "too large",
        lambda c: c.post("/api/compare", data=b"x" * 2048, content_type="application/json"),
        413,
        "limit",
    ),
]


@pytest.mark.parametrize(("name", "call", "status", "detail"), CASES, ids=[c[0] for c in CASES])
def test_one_error_shape(app, client, name, call, status, detail) -> None:  # type: ignore[no-untyped-def]
    app.config["MAX_CONTENT_LENGTH"] = 1024
    r = call(client)
    assert r.status_code == status, r.data[:300]
    assert r.mimetype == "application/problem+json"
    body = r.get_json()
    assert set(body) == KEYS
    assert body["status"] == status
    assert isinstance(body["title"], str) and body["title"]
    assert detail.lower() in body["detail"].lower()
    assert "Traceback" not in r.get_data(as_text=True)


def test_typed_errors_name_their_problem_type(client) -> None:  # type: ignore[no-untyped-def]
    body = client.get("/api/documents/nope").get_json()
    assert body["type"] == "/problems/not-found"
    page = client.get(body["type"])
    assert page.status_code == 200 and b"Document not found" in page.data


def test_unexpected_errors_are_500_without_a_stack_trace(app, client, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from service.library import sqlite

    def broken(self, *a, **k):  # type: ignore[no-untyped-def]
        raise RuntimeError("secret internals")

    monkeypatch.setattr(sqlite.SQLiteStore, "list_documents", broken)
    r = client.get("/api/documents")
    assert r.status_code == 500 and r.mimetype == "application/problem+json"
    assert set(r.get_json()) == KEYS
    assert b"secret internals" not in r.data and b"Traceback" not in r.data


def test_pages_get_a_friendly_html_error(client) -> None:  # type: ignore[no-untyped-def]
    r = client.get("/report/doesnotexist")
    assert r.status_code == 404 and r.mimetype == "text/html"
    assert b"no report with key" in r.data and b"Traceback" not in r.data
    r = client.get("/no/such/page")
    assert r.status_code == 404 and r.mimetype == "text/html"
