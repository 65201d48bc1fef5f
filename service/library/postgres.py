"""The PostgreSQL backend of the store: one database for several servers and machines.

``RESDIFF_DATABASE_URL=postgresql://user:password@host/dbname`` puts the whole
store there (documents, reports, the report cache, accounts, the audit trail,
settings, rate-limit counters); every ``resdiff serve`` and every command given
the same address sees the same library. Connections come from a pool per
process (psycopg 3 and psycopg_pool), made on first use after gunicorn forks its
workers; a store borrows one connection and gives it back on :meth:`close`.

The statements are those of :class:`~service.library.sql.SQLStore` (``?``
becomes ``%s``). Migrations run under an advisory lock, so servers started
together migrate once. Deleted rows stay in the table files until PostgreSQL's
``VACUUM`` (autovacuum) makes their space reusable and later writes overwrite
it; ``VACUUM FULL documents, renderings`` rewrites the tables at once.
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

import psycopg
from psycopg.rows import dict_row
from psycopg_pool import ConnectionPool

from service import config
from service.library.sql import SQLStore

__all__ = ["PostgresStore", "close_pools"]

#: one pool per database address and process (a pool does not survive a fork)
_POOLS: dict[tuple[str, int], ConnectionPool] = {}
_POOLS_LOCK = threading.Lock()


def _pool(url: str) -> ConnectionPool:
    key = (url, os.getpid())
    with _POOLS_LOCK:
        pool = _POOLS.get(key)
        if pool is None:
            size = int(config.settings()["RESDIFF_DATABASE_POOL"])
            pool = ConnectionPool(
                url,
                min_size=1,
                max_size=max(1, size),
                kwargs={"autocommit": True, "row_factory": dict_row},
                check=ConnectionPool.check_connection,
                timeout=30.0,
                name="resdiff",
                open=True,
            )
            _POOLS[key] = pool
        return pool


def close_pools() -> None:
    """Close this process's pools (tests, and the end of a command)."""
    with _POOLS_LOCK:
        for (_, pid), pool in list(_POOLS.items()):
            if pid == os.getpid():
                pool.close()
        _POOLS.clear()


def _placeholders(sql: str) -> str:
    """``?`` to psycopg's ``%s`` (the shared statements hold no other ``?`` or ``%``)."""
    return sql.replace("%", "%%").replace("?", "%s")


class PostgresStore(SQLStore):
    """The store in a PostgreSQL database, on a connection borrowed from the pool."""

    dialect = "postgresql"

    def __init__(self, url: str) -> None:
        self.url = url
        self._pool = _pool(url)
        self.db: psycopg.Connection[Any] = self._pool.getconn()

    def close(self) -> None:
        db = getattr(self, "db", None)
        if db is not None:
            del self.db
            self._pool.putconn(db)

    def _execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        return self.db.execute(_placeholders(sql), tuple(params))

    def _executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        with self.db.cursor() as cur:
            cur.executemany(_placeholders(sql), rows)

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """One transaction (an inner block is a savepoint of it)."""
        with self.db.transaction():
            yield

    def schema_version(self) -> int:
        if self._scalar("SELECT to_regclass('schema_version') IS NOT NULL AS found") is not True:
            return 0
        return int(self._scalar("SELECT coalesce(max(version), 0) AS v FROM schema_version"))

    def migrate(self) -> int:
        with self.transaction():
            self._lock_schema()
            self._execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
        return super().migrate()

    def _lock_schema(self) -> None:
        self._execute("SELECT pg_advisory_xact_lock(7020533011)")

    def integrity(self) -> str:
        row = self._one("SELECT 1 AS ok")
        return "ok" if row and row["ok"] == 1 else "no answer"
