"""The SQLite store: dedupe by content, lookups, reports, concurrency, durability settings."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest

from service.errors import DocumentNotFoundError
from service.library.sqlite import SQLiteStore as Store
from service.library.store import sha256

STRUCTURE = {"symbol": "A/RES/1/1", "title": "A title", "paragraphs": [{"id": "OP1"}]}


@pytest.fixture
def store(tmp_path: Path):  # type: ignore[no-untyped-def]
    s = Store.create(tmp_path / "db" / "resdiff.sqlite3")
    yield s
    s.close()


def add(store: Store, data: bytes, **kw):  # type: ignore[no-untyped-def]
    args = {"structure": STRUCTURE, "source": "upload", "language": "en", **kw}
    return store.add_document(original=data, **args)


def test_same_bytes_give_the_same_document(store: Store) -> None:
    first, created1 = add(store, b"one text")
    again, created2 = add(store, b"one text", filename="other-name.txt")
    other, created3 = add(store, b"another text")
    assert (created1, created2, created3) == (True, False, True)
    assert again.id == first.id and again.sha256 == sha256(b"one text")
    assert other.id != first.id
    assert store.count_documents() == 2


def test_get_returns_metadata_structure_and_original(store: Store) -> None:
    doc, _ = add(store, b"\x00binary\xff", filename="x.pdf", media_type="application/pdf")
    got, data = store.get_original(doc.id)
    assert data == b"\x00binary\xff"
    assert got.structure == STRUCTURE
    assert got.meta()["paragraphs"] == 1 and got.meta()["title"] == "A title"
    assert got.filename == "x.pdf" and got.size == len(data)


def test_unknown_id_is_not_found(store: Store) -> None:
    with pytest.raises(DocumentNotFoundError, match="nope"):
        store.get_document("nope")
    with pytest.raises(DocumentNotFoundError):
        store.delete_document("nope")


def test_lookup_by_symbol_trusts_only_official_sources(store: Store) -> None:
    add(store, b"a draft claiming the symbol", symbol="A/RES/1/1", source="upload")
    assert store.find_by_symbol("A/RES/1/1", "en") is None
    official, _ = add(store, b"the official text", symbol="A/RES/1/1", source="ods")
    assert store.find_by_symbol("A/RES/1/1", "en").id == official.id  # type: ignore[union-attr]
    assert store.find_by_symbol("A/RES/1/1", "fr") is None


def test_list_is_paginated(store: Store) -> None:
    for i in range(5):
        add(store, f"text {i}".encode(), symbol=f"A/RES/1/{i}")
    page1 = store.list_documents(limit=2)
    page2 = store.list_documents(limit=2, offset=2)
    rest = store.list_documents(limit=10, offset=4)
    ids = [d.id for d in page1 + page2 + rest]
    assert len(ids) == 5 == len(set(ids))


def test_delete(store: Store) -> None:
    doc, _ = add(store, b"short-lived")
    store.delete_document(doc.id)
    with pytest.raises(DocumentNotFoundError):
        store.get_document(doc.id)


def test_report_keys_are_stable_and_renderings_cached(store: Store) -> None:
    r1 = store.save_report("compare", ["a", "b"], {})
    r2 = store.save_report("compare", ["a", "b"], {})
    r3 = store.save_report("compare", ["b", "a"], {})
    assert r1.key == r2.key != r3.key
    assert store.get_report(r1.key).documents == ["a", "b"]
    with pytest.raises(DocumentNotFoundError):
        store.get_report("missing")
    assert store.get_rendering(r1.key, "pdf") is None
    store.put_rendering(r1.key, "pdf", b"%PDF-1.7 ...")
    assert store.get_rendering(r1.key, "pdf") == b"%PDF-1.7 ..."


def test_wal_mode_and_full_sync(store: Store) -> None:
    assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert store.integrity() == "ok"


def test_writers_in_threads_with_their_own_connections(tmp_path: Path) -> None:
    path = tmp_path / "resdiff.sqlite3"
    Store.create(path).close()
    errors: list[BaseException] = []

    def work(n: int) -> None:
        try:
            with Store(path) as s:
                for i in range(10):
                    add(s, f"thread {n} doc {i}".encode())
                    add(s, b"shared document")  # the same bytes from every thread
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    with Store(path) as s:
        assert s.count_documents() == 8 * 10 + 1
    check = sqlite3.connect(path).execute("PRAGMA integrity_check").fetchone()[0]
    assert check == "ok"
