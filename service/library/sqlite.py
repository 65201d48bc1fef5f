"""The SQLite backend of the store: one file, the default.

One :class:`SQLiteStore` wraps one connection: the web app opens one per request
(:func:`service.web.context.get_store`), the CLI one per command. The database runs in
WAL mode with ``synchronous=FULL``, so a committed write survives ``kill -9`` of
the server, and waits up to ``busy_timeout`` for a concurrent writer. With
``secure_delete`` SQLite overwrites deleted content with zeros, so the text of a
deleted document does not stay in the free pages of the file; after a deletion
the write-ahead log is checkpointed and emptied (:meth:`SQLiteStore.reclaim`).
The statements are those of :class:`~service.library.sql.SQLStore`.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from service.library.schema import MIGRATIONS, statements
from service.library.sql import SQLStore

__all__ = ["SQLiteStore"]


class SQLiteStore(SQLStore):
    """The store in one SQLite file."""

    dialect = "sqlite"

    def __init__(self, path: str | Path, *, timeout: float = 30.0) -> None:
        self.path = Path(path)
        self.timeout = timeout
        self.db = sqlite3.connect(
            self.path, timeout=timeout, isolation_level=None, check_same_thread=False
        )
        self.db.row_factory = sqlite3.Row
        self._depth = 0
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
        store.migrate()
        return store

    def close(self) -> None:
        self.db.close()

    def end_request(self) -> None:
        """Leave the connection as a new request expects it: no transaction open (a
        request cut short by its client may have left one)."""
        if self.db.in_transaction:
            self.db.execute("ROLLBACK")
        self._depth = 0

    def _execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        return self.db.execute(sql, tuple(params))

    def _executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        self.db.executemany(sql, rows)

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """``BEGIN IMMEDIATE`` ... ``COMMIT`` (the inner blocks of a transaction join it)."""
        if self._depth:
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
            return
        self.db.execute("BEGIN IMMEDIATE")
        self._depth = 1
        try:
            yield
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        else:
            self.db.execute("COMMIT")
        finally:
            self._depth = 0

    def schema_version(self) -> int:
        tables = {
            r["name"]
            for r in self.db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        }
        if "schema_version" in tables:
            row = self.db.execute("SELECT max(version) AS v FROM schema_version").fetchone()
            return int(row["v"] or 0)
        if "documents" not in tables:
            return 0
        # a store made before schema versions: version 1, whose documents may lack
        # the parser fingerprint of even older stores (and the tables they lacked)
        with self.transaction():
            columns = {r["name"] for r in self.db.execute("PRAGMA table_info(documents)")}
            if "engine" not in columns:
                self.db.execute("ALTER TABLE documents ADD COLUMN engine TEXT")
            for statement in statements(MIGRATIONS[0], "sqlite"):
                self.db.execute(statement)  # CREATE ... IF NOT EXISTS
            self._make_version_table(1)
        return 1

    def migrate(self) -> int:
        if self.schema_version() == 0:
            with self.transaction():
                self._make_version_table(0)
        return super().migrate()

    def _make_version_table(self, version: int) -> None:
        self.db.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
        if self.db.execute("SELECT count(*) FROM schema_version").fetchone()[0] == 0:
            self.db.execute("INSERT INTO schema_version (version) VALUES (?)", (version,))

    def integrity(self) -> str:
        return str(self.db.execute("PRAGMA quick_check").fetchone()[0])

    def reclaim(self) -> None:
        """Copy the log into the file and empty it, so that the pages of deleted content
        (zeroed by ``secure_delete``) leave the log too; skipped when readers hold it."""
        self.db.execute("PRAGMA busy_timeout = 2000")
        try:
            self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        except sqlite3.OperationalError:  # busy: the next checkpoint will do it
            pass
        finally:
            self.db.execute(f"PRAGMA busy_timeout = {int(self.timeout * 1000)}")
