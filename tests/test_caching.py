"""Stored results never outlive the code that made them, and repeated work is not redone."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from service.config import Limits
from service.library.access import Viewer
from service.library.documents import Library
from service.library.fingerprint import parser_fingerprint, reports_fingerprint
from service.library.ods import Retriever
from service.library.sqlite import SQLiteStore as Store

OPERATOR = Viewer.operator()

TEXT = b"The General Assembly,\n\nRecalling its resolution 1/1,\n\n1. Decides to remain seized.\n"


def _library(store: Store) -> Library:
    return Library(store, Retriever(base_url="http://127.0.0.1:9"), Limits(), viewer=OPERATOR)


def test_fingerprints_are_stable_and_distinct() -> None:
    assert parser_fingerprint() == parser_fingerprint()
    assert len(parser_fingerprint()) == 16
    assert reports_fingerprint() != parser_fingerprint()


def test_a_document_parsed_by_an_older_parser_is_parsed_again(tmp_path: Path) -> None:
    with Store.create(tmp_path / "db.sqlite3") as store:
        stale, _ = store.add_document(
            original=TEXT,
            structure={"paragraphs": [{"id": "OP1", "kind": "operative", "text": "stale"}]},
            source="upload",
            language="en",
            engine="an-older-parser",
        )
        resolved = _library(store).resolve({"id": stale.id})
        assert [p.id for p in resolved.resolution.paragraphs] == ["PP1", "OP1"]
        again = store.get_document(stale.id, viewer=OPERATOR)
        assert again.engine == parser_fingerprint()
        assert again.structure["paragraphs"][1]["text"] == "Decides to remain seized."


def test_a_current_document_is_not_parsed_again(tmp_path: Path) -> None:
    with Store.create(tmp_path / "db.sqlite3") as store:
        library = _library(store)
        doc, created = library.add(TEXT, "r.txt", source="upload")
        assert created and doc.engine == parser_fingerprint()
        store.db.execute(
            "UPDATE documents SET structure = ? WHERE id = ?", ('{"paragraphs": []}', doc.id)
        )
        assert library.resolve({"id": doc.id}).resolution.paragraphs == []


def test_a_store_made_before_fingerprints_is_upgraded(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    with sqlite3.connect(path) as db:
        db.execute(
            "CREATE TABLE documents (id TEXT PRIMARY KEY, sha256 TEXT NOT NULL UNIQUE,"
            " symbol TEXT, language TEXT NOT NULL, source TEXT NOT NULL, filename TEXT,"
            " media_type TEXT, size INTEGER NOT NULL, original BLOB NOT NULL,"
            " structure TEXT NOT NULL, created TEXT NOT NULL)"
        )
        db.execute(
            "INSERT INTO documents VALUES ('abc', 'abcdef', NULL, 'en', 'upload', 'r.txt',"
            " 'text/plain', ?, ?, '{\"paragraphs\": []}', '2026-01-01')",
            (len(TEXT), TEXT),
        )
    db.close()
    with Store.create(path) as store:
        doc = store.get_document("abc", viewer=OPERATOR)
        assert doc.engine is None
        fresh = _library(store).resolve({"id": "abc"}).resolution
        assert len(fresh.paragraphs) == 2


def test_a_pasted_text_is_parsed_once_for_repeated_requests(client, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from service.library import documents

    calls: list[str] = []
    real = documents.parse_text

    def counting(text: str, limits: Limits, name: str = "the text", executor=None):  # type: ignore[no-untyped-def]
        calls.append(name)
        return real(text, limits, name, executor)

    monkeypatch.setattr(documents, "parse_text", counting)
    old = TEXT.decode() + "\n2. Requests a report.\n"
    new = TEXT.decode() + "\n2. Requests a report on the matter.\n"
    body = {"old": {"text": old}, "new": {"text": new}}
    first = client.post("/api/compare", json=body)
    again = client.post("/api/compare?format=html", json=body)
    assert first.status_code == again.status_code == 200
    assert first.headers["X-Cache"] == again.headers["X-Cache"] == "miss"
    assert client.post("/api/compare", json=body).headers["X-Cache"] == "hit"
    assert first.get_json()["summary"]["reworded"] == 1
    assert calls == ["old.text", "new.text"]


def test_the_database_stays_under_its_cache_limit(tmp_path: Path) -> None:
    """Many different reports through the API: the cache keeps to RESDIFF_CACHE_BYTES,
    the least recently used go, and the file reuses their pages instead of growing."""
    from service.library import open_store
    from service.web.app import create_app

    limit = 64 * 1024
    app = create_app(
        {
            "TESTING": True,
            "RESDIFF_DATA_DIR": str(tmp_path / "data"),
            "RESDIFF_MIRROR": None,
            "RESDIFF_CACHE_BYTES": limit,
            "RESDIFF_RATE_LIMIT": "1000/minute",
        }
    )
    client = app.test_client()
    database = Path(app.config["RESDIFF_DATABASE"])

    def report(n: int) -> bytes:
        paragraphs = "".join(f"\n{i}. Requests report {n}-{i} on item {i};\n" for i in range(1, 40))
        body = {"old": {"text": TEXT.decode()}, "new": {"text": TEXT.decode() + paragraphs}}
        r = client.post("/api/compare?format=html", json=body)
        assert r.status_code == 200 and r.headers["X-Cache"] == "miss"
        return r.data

    sizes = [len(report(n)) for n in range(12)]
    assert sum(sizes) > 2 * limit  # more than the cache holds
    with open_store(database) as store:
        store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # type: ignore[attr-defined]
        assert store.cache_size() <= limit
    after_some = database.stat().st_size
    for n in range(12, 60):
        report(n)
    with open_store(database) as store:
        assert store.cache_size() <= limit
        store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # type: ignore[attr-defined]
    # five times as many reports: the file grew by at most one cache's worth
    assert database.stat().st_size <= after_some + limit
