"""The SQLite implementation of :class:`~service.library.store.Store`: the only SQL of resdiff.

One :class:`SQLiteStore` wraps one connection: the web app opens one per request
(:func:`service.web.context.get_store`), the CLI one per command. The database runs in WAL mode with
``synchronous=FULL``, so a committed write survives ``kill -9`` of the server,
and waits up to ``busy_timeout`` for a concurrent writer; ``secure_delete``
overwrites what is deleted (a deleted draft leaves no text in free pages).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from service.errors import DocumentNotFoundError
from service.library.store import OFFICIAL_SOURCES, Document, Report, sha256

__all__ = ["SQLiteStore"]

SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    id         TEXT PRIMARY KEY,
    sha256     TEXT NOT NULL UNIQUE,
    symbol     TEXT,
    language   TEXT NOT NULL,
    source     TEXT NOT NULL,
    filename   TEXT,
    media_type TEXT,
    size       INTEGER NOT NULL,
    original   BLOB NOT NULL,
    structure  TEXT NOT NULL,
    created    TEXT NOT NULL,
    engine     TEXT
);
CREATE INDEX IF NOT EXISTS documents_symbol ON documents (symbol, language);
CREATE TABLE IF NOT EXISTS symbols (
    symbol     TEXT NOT NULL,
    language   TEXT NOT NULL,
    document   TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    PRIMARY KEY (symbol, language)
);
CREATE INDEX IF NOT EXISTS symbols_document ON symbols (document);
CREATE TABLE IF NOT EXISTS reports (
    key        TEXT PRIMARY KEY,
    kind       TEXT NOT NULL,
    documents  TEXT NOT NULL,
    options    TEXT NOT NULL,
    created    TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS renderings (
    key        TEXT NOT NULL,
    format     TEXT NOT NULL,
    body       BLOB NOT NULL,
    created    TEXT NOT NULL,
    PRIMARY KEY (key, format)
);
"""


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


_COLUMNS = (
    "id, sha256, symbol, language, source, filename, media_type, size, created, structure, engine"
)


def _document(row: sqlite3.Row) -> Document:
    return Document(
        id=row["id"],
        sha256=row["sha256"],
        symbol=row["symbol"],
        language=row["language"],
        source=row["source"],
        filename=row["filename"],
        media_type=row["media_type"],
        size=row["size"],
        created=row["created"],
        structure=json.loads(row["structure"]),
        engine=row["engine"],
    )


class SQLiteStore:
    """Documents, reports and renderings in one SQLite file."""

    def __init__(self, path: str | Path, *, timeout: float = 30.0) -> None:
        self.path = Path(path)
        self.db = sqlite3.connect(
            self.path, timeout=timeout, isolation_level=None, check_same_thread=False
        )
        self.db.row_factory = sqlite3.Row
        self.db.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
        self.db.execute("PRAGMA synchronous = FULL")
        self.db.execute("PRAGMA foreign_keys = ON")
        self.db.execute("PRAGMA secure_delete = ON")

    @classmethod
    def create(cls, path: str | Path) -> SQLiteStore:
        """Open ``path``, creating the database and its schema when needed."""
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        store = cls(path)
        store.db.execute("PRAGMA journal_mode = WAL")
        store.db.executescript(SCHEMA)
        columns = {row["name"] for row in store.db.execute("PRAGMA table_info(documents)")}
        if "engine" not in columns:  # a store made before parser fingerprints
            store.db.execute("ALTER TABLE documents ADD COLUMN engine TEXT")
        return store

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> SQLiteStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- documents ---------------------------------------------------------

    def add_document(
        self,
        *,
        original: bytes,
        structure: Mapping[str, Any],
        source: str,
        language: str,
        symbol: str | None = None,
        filename: str | None = None,
        media_type: str | None = None,
        engine: str | None = None,
    ) -> tuple[Document, bool]:
        """Store a document; return it and whether it is new (same bytes -> same document)."""
        digest = sha256(original)
        self.db.execute(
            "INSERT OR IGNORE INTO documents (id, sha256, symbol, language, source, filename,"
            " media_type, size, original, structure, created, engine)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                digest[:16],
                digest,
                symbol,
                language,
                source,
                filename,
                media_type,
                len(original),
                original,
                json.dumps(structure, ensure_ascii=False),
                _now(),
                engine,
            ),
        )
        created = self.db.execute("SELECT changes()").fetchone()[0] == 1
        row = self.db.execute(
            f"SELECT {_COLUMNS} FROM documents WHERE sha256 = ?", (digest,)
        ).fetchone()
        return _document(row), created

    def find_by_hash(self, digest: str) -> Document | None:
        row = self.db.execute(
            f"SELECT {_COLUMNS} FROM documents WHERE sha256 = ?", (digest,)
        ).fetchone()
        return _document(row) if row else None

    def _row(self, doc_id: str, columns: str) -> sqlite3.Row:
        """The ``columns`` of document ``doc_id``, or :class:`DocumentNotFoundError`."""
        if not doc_id.isascii():  # ids are hex; "\ud800" (valid JSON) cannot even be bound
            raise DocumentNotFoundError(f"no document with id {doc_id!r}")
        row: sqlite3.Row | None = self.db.execute(
            f"SELECT {columns} FROM documents WHERE id = ?", (doc_id,)
        ).fetchone()
        if row is None:
            raise DocumentNotFoundError(f"no document with id {doc_id!r}")
        return row

    def get_document(self, doc_id: str) -> Document:
        return _document(self._row(doc_id, _COLUMNS))

    def get_original(self, doc_id: str) -> tuple[Document, bytes]:
        row = self._row(doc_id, f"{_COLUMNS}, original")
        return _document(row), bytes(row["original"])

    def find_by_symbol(self, symbol: str, language: str) -> Document | None:
        """The official copy (fetched or from the mirror) of ``symbol`` in ``language``:
        a document stored under that symbol, or under another one with the same bytes."""
        marks = ", ".join("?" for _ in OFFICIAL_SOURCES)
        row = self.db.execute(
            f"SELECT {_COLUMNS} FROM documents WHERE symbol = ? AND language = ?"
            f" AND source IN ({marks}) ORDER BY created LIMIT 1",
            (symbol, language, *OFFICIAL_SOURCES),
        ).fetchone()
        if row is None:
            row = self.db.execute(
                f"SELECT {_COLUMNS} FROM documents WHERE id ="
                " (SELECT document FROM symbols WHERE symbol = ? AND language = ?)",
                (symbol, language),
            ).fetchone()
        return _document(row) if row else None

    def add_symbol(self, doc_id: str, symbol: str, language: str) -> None:
        """Record that the official document ``doc_id`` is also ``symbol`` in ``language``
        (two symbols, the same bytes: both keep finding it)."""
        self.db.execute(
            "INSERT OR REPLACE INTO symbols (symbol, language, document) VALUES (?, ?, ?)",
            (symbol, language, doc_id),
        )

    def replace_structure(self, doc_id: str, structure: Mapping[str, Any], engine: str) -> Document:
        """Record the structure a newer parser gives for a stored document."""
        self.db.execute(
            "UPDATE documents SET structure = ?, engine = ? WHERE id = ?",
            (json.dumps(structure, ensure_ascii=False), engine, doc_id),
        )
        return self.get_document(doc_id)

    def set_origin(self, doc_id: str, *, symbol: str, language: str, source: str) -> Document:
        """Record that a stored document is the official copy of ``symbol``."""
        self.db.execute(
            "UPDATE documents SET symbol = ?, language = ?, source = ? WHERE id = ?",
            (symbol, language, source, doc_id),
        )
        return self.get_document(doc_id)

    def list_documents(self, *, limit: int = 50, offset: int = 0) -> list[Document]:
        rows = self.db.execute(
            f"SELECT {_COLUMNS} FROM documents"
            " ORDER BY symbol IS NULL, symbol, language, created LIMIT ? OFFSET ?",
            (limit, offset),
        ).fetchall()
        return [_document(r) for r in rows]

    def count_documents(self) -> int:
        return int(self.db.execute("SELECT count(*) FROM documents").fetchone()[0])

    def delete_document(self, doc_id: str) -> None:
        self._row(doc_id, "id")
        self.db.execute("DELETE FROM symbols WHERE document = ?", (doc_id,))
        self.db.execute("DELETE FROM documents WHERE id = ?", (doc_id,))

    # -- reports and their renderings -----------------------------------------

    def save_report(self, kind: str, documents: list[str], options: dict[str, Any]) -> Report:
        """Save a comparison or series request; the same request gives the same key."""
        canonical = json.dumps([kind, documents, options], sort_keys=True)
        key = sha256(canonical.encode())[:20]
        self.db.execute(
            "INSERT OR IGNORE INTO reports (key, kind, documents, options, created)"
            " VALUES (?, ?, ?, ?, ?)",
            (key, kind, json.dumps(documents), json.dumps(options, sort_keys=True), _now()),
        )
        return self.get_report(key)

    def get_report(self, key: str) -> Report:
        row = self.db.execute(
            "SELECT key, kind, documents, options, created FROM reports WHERE key = ?", (key,)
        ).fetchone()
        if row is None:
            raise DocumentNotFoundError(f"no report with key {key!r}")
        return Report(
            key=row["key"],
            kind=row["kind"],
            documents=json.loads(row["documents"]),
            options=json.loads(row["options"]),
            created=row["created"],
        )

    def get_rendering(self, key: str, fmt: str) -> bytes | None:
        row = self.db.execute(
            "SELECT body FROM renderings WHERE key = ? AND format = ?", (key, fmt)
        ).fetchone()
        return bytes(row["body"]) if row else None

    def put_rendering(self, key: str, fmt: str, body: bytes) -> None:
        self.db.execute(
            "INSERT OR REPLACE INTO renderings (key, format, body, created) VALUES (?, ?, ?, ?)",
            (key, fmt, body, _now()),
        )

    # -- health ----------------------------------------------------------------

    def integrity(self) -> str:
        return str(self.db.execute("PRAGMA quick_check").fetchone()[0])

    def ping(self) -> None:
        self.db.execute("SELECT 1 FROM documents LIMIT 1").fetchall()
