"""The SQL of the store, shared by its SQLite and PostgreSQL backends.

:class:`SQLStore` implements :class:`~service.library.store.Store` with
statements that run unchanged on both databases (``?`` placeholders, turned into
``%s`` for psycopg; ``ON CONFLICT``, ``RETURNING``, partial indexes). A backend
(:mod:`~service.library.sqlite`, :mod:`~service.library.postgres`) gives the
connection, its transactions and what differs (the database check, the
reclaiming of deleted pages).

What a viewer may see is one predicate, :func:`visible` (the rules are told in
:mod:`service.library.access`), applied to every read made for a viewer.

Every paragraph of every document is in the agreed-language index
(:mod:`service.library.precedents`), kept in step in the transactions that add,
re-parse and delete documents, and searched for a viewer through the same predicate.

The report cache is bounded: :meth:`SQLStore.put_rendering` evicts the least
recently used renderings until their bodies fit in ``cache_bytes``; each
rendering records the documents it was made from, so that deleting a document
deletes them, and a rendering is served only to a viewer who may see all of them.
"""

from __future__ import annotations

import contextlib
import functools
import json
import random
import secrets
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence, Sized
from datetime import UTC, date, datetime
from typing import Any

from diffing.model import Precedent
from service.errors import DocumentNotFoundError, InvalidRequestError, StoreVersionError
from service.library.access import Viewer
from service.library.precedents import Filters, PrecedentIndex, as_date
from service.library.schema import MIGRATIONS, VERSION, Dialect, statements
from service.library.store import (
    OFFICIAL_SOURCES,
    AuditEntry,
    Document,
    Report,
    User,
    sha256,
)

__all__ = ["SQLStore", "visible"]

Row = Mapping[str, Any]

_COLUMNS = (
    "d.id, d.sha256, d.symbol, d.language, d.source, d.filename, d.media_type, d.size,"
    " d.created, d.structure, d.engine, d.owner, u.name AS owner_name"
)
_FROM = "documents d LEFT JOIN users u ON u.id = d.owner"


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def visible(viewer: Viewer, alias: str = "d") -> tuple[str, list[Any]]:
    """The SQL condition "``viewer`` may see the document ``alias``", and its parameters.

    Official documents (owned by nobody, from an official source), one's own, and
    those shared with oneself or one of one's groups (:mod:`service.library.access`).
    """
    if viewer.sees_all:
        return "1 = 1", []
    marks = ", ".join("?" for _ in OFFICIAL_SOURCES)
    public = f"({alias}.owner IS NULL AND {alias}.source IN ({marks}))"
    if viewer.user_id is None:
        return public, list(OFFICIAL_SOURCES)
    shared = (
        f"EXISTS (SELECT 1 FROM shares s WHERE s.document = {alias}.id AND (s.user_id = ?"
        " OR s.group_id IN (SELECT m.group_id FROM memberships m WHERE m.user_id = ?)))"
    )
    uid = viewer.user_id
    return f"({public} OR {alias}.owner = ? OR {shared})", [*OFFICIAL_SOURCES, uid, uid, uid]


def _document(row: Row, shared_with: Sequence[str] = ()) -> Document:
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
        owner_id=row["owner"],
        owner=row["owner_name"],
        shared_with=list(shared_with),
    )


def _marks(values: Sized) -> str:
    return ", ".join("?" for _ in range(len(values)))


class SQLStore:
    """Documents, reports, renderings, accounts and audit in one SQL database.

    A backend sets :attr:`dialect` and implements :meth:`_execute` and
    :meth:`transaction`.
    """

    dialect: Dialect
    #: the largest total size of the cached renderings (``RESDIFF_CACHE_BYTES``)
    cache_bytes: int = 256 * 1024 * 1024
    #: a rendering served again is marked as used at most this often (a write)
    touch_seconds: float = 60.0

    # -- what a backend gives ------------------------------------------------------

    def _execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        """Run one statement; a cursor with ``fetchone``, ``fetchall``, ``rowcount``."""
        raise NotImplementedError

    def _executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        """Run one statement for each of ``rows``."""
        raise NotImplementedError

    def transaction(self) -> contextlib.AbstractContextManager[None]:
        """Run the statements of the block as one transaction."""
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError

    def integrity(self) -> str:
        raise NotImplementedError

    def reclaim(self) -> None:
        """Make deleted content leave the database files as far as the backend can."""

    def __enter__(self) -> SQLStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _one(self, sql: str, params: Sequence[Any] = ()) -> Row | None:
        row: Row | None = self._execute(sql, params).fetchone()
        return row

    def _all(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        rows: list[Row] = self._execute(sql, params).fetchall()
        return rows

    def _scalar(self, sql: str, params: Sequence[Any] = ()) -> Any:
        """The first column of the first row (the statement names it)."""
        row = self._one(sql, params)
        return None if row is None else row[next(iter(row.keys()))]

    # -- the schema ----------------------------------------------------------------

    def schema_version(self) -> int:
        """The version of the schema of this database (0: none yet)."""
        raise NotImplementedError

    def migrate(self) -> int:
        """Apply the migrations this database lacks, each in one transaction; its version."""
        current = self.schema_version()
        if current > VERSION:
            raise StoreVersionError(
                f"the database has version {current} of the schema, made by a newer resdiff"
                f" (this one knows versions up to {VERSION}): upgrade resdiff"
            )
        for migration in MIGRATIONS:
            if migration.version <= current:
                continue
            with self.transaction():
                self._lock_schema()
                if self.schema_version() >= migration.version:  # another process did it
                    continue
                for statement in statements(migration, self.dialect):
                    self._execute(statement)
                self._execute("DELETE FROM schema_version")
                self._execute(
                    "INSERT INTO schema_version (version) VALUES (?)", (migration.version,)
                )
            current = migration.version
        self.reindex_precedents()
        return current

    def _lock_schema(self) -> None:
        """Keep other processes from migrating at the same time (inside the transaction)."""

    # -- documents -----------------------------------------------------------------

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
        owner: int | None = None,
    ) -> tuple[Document, bool]:
        """Store a document; return it and whether it is new (the same bytes are one
        document per owner, and one among the documents of nobody)."""
        digest = sha256(original)
        # a document of nobody keeps the id its content gives (as before accounts);
        # an owned one gets a random id, which tells nothing of its content
        doc_id = digest[:16] if owner is None else secrets.token_hex(8)
        row = (
            doc_id,
            digest,
            symbol,
            language,
            source,
            filename,
            media_type,
            len(original),
            original,
            json.dumps(structure, ensure_ascii=False),
            now(),
            engine,
            owner,
        )
        with self.transaction():
            created = self._execute(
                "INSERT INTO documents (id, sha256, symbol, language, source, filename,"
                " media_type, size, original, structure, created, engine, owner)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                row,
            ).rowcount
            if created == 1:  # its paragraphs, in the same transaction
                self.precedents.add(doc_id, structure)
        found = self.find_by_hash(digest, owner=owner)
        assert found is not None
        return found, created == 1

    def find_by_hash(self, digest: str, *, owner: int | None) -> Document | None:
        """The document of ``owner`` (None: of nobody) with these bytes."""
        where = "d.owner IS NULL" if owner is None else "d.owner = ?"
        params = (digest,) if owner is None else (digest, owner)
        row = self._one(f"SELECT {_COLUMNS} FROM {_FROM} WHERE d.sha256 = ? AND {where}", params)
        return self._with_shares([row])[0] if row else None

    def _row(self, doc_id: str, viewer: Viewer, columns: str = _COLUMNS) -> Row:
        """The ``columns`` of document ``doc_id`` if ``viewer`` sees it, else 404."""
        if not doc_id.isascii():  # ids are hex; "\ud800" (valid JSON) cannot even be bound
            raise DocumentNotFoundError(f"no document with id {doc_id!r}")
        cond, params = visible(viewer)
        row = self._one(
            f"SELECT {columns} FROM {_FROM} WHERE d.id = ? AND {cond}", (doc_id, *params)
        )
        if row is None:
            raise DocumentNotFoundError(f"no document with id {doc_id!r}")
        return row

    def get_document(self, doc_id: str, *, viewer: Viewer) -> Document:
        return self._with_shares([self._row(doc_id, viewer)])[0]

    def get_original(self, doc_id: str, *, viewer: Viewer) -> tuple[Document, bytes]:
        row = self._row(doc_id, viewer, f"{_COLUMNS}, d.original")
        return self._with_shares([row])[0], bytes(row["original"])

    def find_by_symbol(self, symbol: str, language: str) -> Document | None:
        """The official copy (fetched, mirrored or ingested) of ``symbol`` in ``language``:
        stored under that symbol, or under another with the same bytes (:meth:`add_symbol`)."""
        official = f"d.owner IS NULL AND d.source IN ({_marks(OFFICIAL_SOURCES)})"
        row = self._one(
            f"SELECT {_COLUMNS} FROM {_FROM} WHERE d.symbol = ? AND d.language = ?"
            f" AND {official} ORDER BY d.created LIMIT 1",
            (symbol, language, *OFFICIAL_SOURCES),
        )
        if row is None:
            row = self._one(
                f"SELECT {_COLUMNS} FROM {_FROM} JOIN document_symbols s ON s.document = d.id"
                f" WHERE s.symbol = ? AND s.language = ? AND {official}",
                (symbol, language, *OFFICIAL_SOURCES),
            )
        return self._with_shares([row])[0] if row else None

    def add_symbol(self, doc_id: str, symbol: str, language: str) -> None:
        """Record that the official document ``doc_id`` is also ``symbol`` in ``language``
        (two symbols, the same bytes: both keep finding it)."""
        self._execute(
            "INSERT INTO document_symbols (symbol, language, document) VALUES (?, ?, ?)"
            " ON CONFLICT (symbol, language) DO UPDATE SET document = excluded.document",
            (symbol, language, doc_id),
        )

    def ping(self) -> None:
        """One quick query (readiness)."""
        self._one("SELECT 1 AS one")

    def replace_structure(self, doc_id: str, structure: Mapping[str, Any], engine: str) -> None:
        """Record the structure a newer parser gives for a stored document (and index
        its paragraphs again if they changed)."""
        with self.transaction():
            self._execute(
                "UPDATE documents SET structure = ?, engine = ? WHERE id = ?",
                (json.dumps(structure, ensure_ascii=False), engine, doc_id),
            )
            self.precedents.add(doc_id, structure)

    def set_origin(self, doc_id: str, *, symbol: str, language: str, source: str) -> None:
        """Record that a stored document of nobody is the official copy of ``symbol``."""
        with self.transaction():
            self.precedents.touch()  # now everyone's precedent
            self._execute(
                "UPDATE documents SET symbol = ?, language = ?, source = ? WHERE id = ?",
                (symbol, language, source, doc_id),
            )

    def list_documents(self, *, viewer: Viewer, limit: int = 50, offset: int = 0) -> list[Document]:
        cond, params = visible(viewer)
        rows = self._all(
            f"SELECT {_COLUMNS} FROM {_FROM} WHERE {cond}"
            " ORDER BY d.symbol IS NULL, d.symbol, d.language, d.created, d.id LIMIT ? OFFSET ?",
            (*params, limit, offset),
        )
        return self._with_shares(rows)

    def count_documents(self, *, viewer: Viewer) -> int:
        cond, params = visible(viewer)
        return int(self._scalar(f"SELECT count(*) AS n FROM documents d WHERE {cond}", params))

    def _with_shares(self, rows: Sequence[Row]) -> list[Document]:
        """The documents of ``rows``, each with the names it is shared with."""
        ids = [r["id"] for r in rows if r["owner"] is not None]
        names: dict[str, list[str]] = {}
        if ids:
            found = self._all(
                "SELECT s.document, coalesce(u.name, g.name) AS name FROM shares s"
                " LEFT JOIN users u ON u.id = s.user_id"
                " LEFT JOIN user_groups g ON g.id = s.group_id"
                f" WHERE s.document IN ({_marks(ids)}) ORDER BY name",
                ids,
            )
            for r in found:
                names.setdefault(r["document"], []).append(r["name"])
        return [_document(r, names.get(r["id"], ())) for r in rows]

    def delete_document(self, doc_id: str) -> None:
        """Delete a document, and every saved report and cached rendering made from it."""
        with self.transaction():
            if self._one("SELECT id FROM documents WHERE id = ?", (doc_id,)) is None:
                raise DocumentNotFoundError(f"no document with id {doc_id!r}")
            self._forget_document(doc_id)
        self.reclaim()

    def _forget_document(self, doc_id: str) -> None:
        keys = [
            r["key"]
            for r in self._all("SELECT key FROM rendering_sources WHERE document = ?", (doc_id,))
        ]
        for chunk in _chunks(keys):
            self._execute(f"DELETE FROM renderings WHERE key IN ({_marks(chunk)})", chunk)
            self._execute(f"DELETE FROM rendering_sources WHERE key IN ({_marks(chunk)})", chunk)
        self._execute(
            "DELETE FROM reports WHERE key IN"
            " (SELECT report FROM report_documents WHERE document = ?)",
            (doc_id,),
        )
        self.precedents.remove(doc_id)
        self._execute("DELETE FROM document_symbols WHERE document = ?", (doc_id,))
        self._execute("DELETE FROM documents WHERE id = ?", (doc_id,))

    # -- the agreed-language index ---------------------------------------------------

    @functools.cached_property
    def precedents(self) -> PrecedentIndex:
        """The index of every paragraph of every document (:mod:`service.library.precedents`)."""
        return PrecedentIndex(self._execute, self._executemany)

    def find_precedents(
        self,
        text: str,
        limit: int = 5,
        *,
        viewer: Viewer,
        before: str | date | None = None,
        exclude: Sequence[str] = (),
        exclude_documents: Sequence[str] = (),
    ) -> list[Precedent]:
        """The paragraphs closest to ``text`` in the documents ``viewer`` sees, best first.

        ``before``: only documents adopted before that date (one without adoption date
        is then left out too); ``exclude``: symbols, ``exclude_documents``: ids to leave out.
        """
        filters = Filters(
            visible=None if viewer.sees_all else visible(viewer),
            before=as_date(before),
            exclude=tuple(exclude),
            exclude_documents=tuple(d for d in exclude_documents if d.isascii()),
        )
        return self.precedents.query(text, limit, filters)

    def precedent_generation(self) -> int:
        """A number that changes whenever a document enters or leaves the index."""
        return self.precedents.generation()

    def precedent_counts(self) -> tuple[int, int]:
        """How many documents and paragraphs the index holds."""
        return self.precedents.counts()

    def reindex_precedents(self, *, force: bool = False) -> int:
        """Build the index again from every stored document when it was built under
        another gram scheme (or ``force``); how many documents were indexed. One
        transaction, one process at a time (the schema's lock)."""
        if not (force or self.precedents.stale()):
            return 0
        indexed = 0
        with self.transaction():
            self._lock_schema()
            if not (force or self.precedents.stale()):  # another process did it
                return 0
            self.precedents.clear()
            last = ""
            while True:
                rows = self._all(
                    "SELECT id, structure FROM documents WHERE id > ? ORDER BY id LIMIT 100",
                    (last,),
                )
                if not rows:
                    break
                for r in rows:
                    self.precedents.add(r["id"], json.loads(r["structure"]))
                    indexed += 1
                last = rows[-1]["id"]
        return indexed

    # -- sharing -------------------------------------------------------------------

    def set_shares(self, doc_id: str, names: Iterable[str]) -> list[str]:
        """Share document ``doc_id`` with exactly these users and groups (by name);
        400 naming any name that is neither. The names shared with, sorted."""
        wanted = sorted({n.strip() for n in names if n.strip()})
        users = {r["name"]: r["id"] for r in self._by_names("users", wanted)}
        groups = {r["name"]: r["id"] for r in self._by_names("user_groups", wanted)}
        unknown = [n for n in wanted if n not in users and n not in groups]
        if unknown:
            raise InvalidRequestError(
                "no user or group named " + ", ".join(repr(n) for n in unknown)
            )
        with self.transaction():
            self.precedents.touch()  # who finds its paragraphs changes
            self._execute("DELETE FROM shares WHERE document = ?", (doc_id,))
            for uid in users.values():
                self._execute("INSERT INTO shares (document, user_id) VALUES (?, ?)", (doc_id, uid))
            for gid in groups.values():
                self._execute(
                    "INSERT INTO shares (document, group_id) VALUES (?, ?)", (doc_id, gid)
                )
        return wanted

    def _by_names(self, table: str, names: Sequence[str]) -> list[Row]:
        if not names:
            return []
        return self._all(f"SELECT id, name FROM {table} WHERE name IN ({_marks(names)})", names)

    # -- saved reports ------------------------------------------------------------

    def save_report(self, kind: str, documents: list[str], options: dict[str, Any]) -> Report:
        """Save a comparison or series request; the same request gives the same key."""
        canonical = json.dumps([kind, documents, options], sort_keys=True)
        key = sha256(canonical.encode())[:20]
        with self.transaction():
            self._execute(
                "INSERT INTO reports (key, kind, documents, options, created)"
                " VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                (key, kind, json.dumps(documents), json.dumps(options, sort_keys=True), now()),
            )
            for doc_id in dict.fromkeys(documents):
                self._execute(
                    "INSERT INTO report_documents (report, document) VALUES (?, ?)"
                    " ON CONFLICT DO NOTHING",
                    (key, doc_id),
                )
        return self.get_report(key)

    def get_report(self, key: str) -> Report:
        row = self._one(
            "SELECT key, kind, documents, options, created FROM reports WHERE key = ?", (key,)
        )
        if row is None:
            raise DocumentNotFoundError(f"no report with key {key!r}")
        return Report(
            key=row["key"],
            kind=row["kind"],
            documents=json.loads(row["documents"]),
            options=json.loads(row["options"]),
            created=row["created"],
        )

    # -- the report cache --------------------------------------------------------------

    def get_rendering(self, key: str, fmt: str, *, viewer: Viewer) -> bytes | None:
        """A cached rendering, if ``viewer`` may see every document it was made from."""
        cond, params = visible(viewer)
        row = self._one(
            "SELECT r.body, r.used FROM renderings r WHERE r.key = ? AND r.format = ?"
            " AND NOT EXISTS (SELECT 1 FROM rendering_sources x JOIN documents d"
            f" ON d.id = x.document WHERE x.key = r.key AND NOT {cond})",
            (key, fmt, *params),
        )
        if row is None:
            return None
        moment = time.time()
        if moment - float(row["used"]) >= self.touch_seconds:
            self._execute(
                "UPDATE renderings SET used = ? WHERE key = ? AND format = ?", (moment, key, fmt)
            )
        return bytes(row["body"])

    def put_rendering(
        self,
        key: str,
        fmt: str,
        body: bytes,
        *,
        sources: Sequence[str] = (),
        owner: int | None = None,
    ) -> None:
        """Cache a rendering made from the documents ``sources`` (for the user ``owner``
        when not everyone may have it), then evict the least recently used renderings
        beyond :attr:`cache_bytes`. A body larger than the whole cache is not kept."""
        if len(body) > self.cache_bytes:
            return
        with self.transaction():
            self._execute(
                "INSERT INTO renderings (key, format, body, size, created, used, owner)"
                " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (key, format) DO UPDATE SET"
                " body = excluded.body, size = excluded.size, used = excluded.used",
                (key, fmt, body, len(body), now(), time.time(), owner),
            )
            for doc_id in dict.fromkeys(sources):
                self._execute(
                    "INSERT INTO rendering_sources (key, document) VALUES (?, ?)"
                    " ON CONFLICT DO NOTHING",
                    (key, doc_id),
                )
            self._evict()

    def cache_size(self) -> int:
        """The total size of the cached renderings, in bytes."""
        return int(self._scalar("SELECT coalesce(sum(size), 0) AS n FROM renderings"))

    def _evict(self) -> None:
        excess = self.cache_size() - self.cache_bytes
        while excess > 0:
            rows = self._all("SELECT key, format, size FROM renderings ORDER BY used, key LIMIT 64")
            if not rows:
                return
            for r in rows:
                self._execute(
                    "DELETE FROM renderings WHERE key = ? AND format = ?", (r["key"], r["format"])
                )
                self._execute(
                    "DELETE FROM rendering_sources WHERE key = ? AND NOT EXISTS"
                    " (SELECT 1 FROM renderings WHERE key = ?)",
                    (r["key"], r["key"]),
                )
                excess -= int(r["size"])
                if excess <= 0:
                    return

    # -- accounts ----------------------------------------------------------------------

    def add_user(self, name: str, *, admin: bool, token_hash: str, groups: Sequence[str]) -> User:
        """A new account (400 if the name is taken by a user or a group)."""
        with self.transaction():
            if self._by_names("users", [name]) or self._by_names("user_groups", [name]):
                raise InvalidRequestError(f"the name {name!r} is taken by a user or a group")
            stamp = now()
            self._execute(
                "INSERT INTO users (name, admin, token_hash, created, token_created)"
                " VALUES (?, ?, ?, ?, ?)",
                (name, int(admin), token_hash, stamp, stamp),
            )
            user = self.user_by_name(name)
            assert user is not None
            self._join_groups(user.id, groups)
        found = self.user_by_name(name)
        assert found is not None
        return found

    def claim_unowned(self, user_id: int) -> int:
        """Give ``user_id`` the uploads and pastes that belong to nobody (made before the
        first account); how many."""
        with self.transaction():
            self.precedents.touch()
            return int(
                self._execute(
                    f"UPDATE documents SET owner = ? WHERE owner IS NULL"
                    f" AND source NOT IN ({_marks(OFFICIAL_SOURCES)})",
                    (user_id, *OFFICIAL_SOURCES),
                ).rowcount
            )

    def _join_groups(self, user_id: int, groups: Sequence[str]) -> None:
        for group in dict.fromkeys(groups):
            if self._by_names("users", [group]):
                raise InvalidRequestError(f"the name {group!r} is taken by a user")
            self._execute(
                "INSERT INTO user_groups (name) VALUES (?) ON CONFLICT DO NOTHING", (group,)
            )
            self._execute(
                "INSERT INTO memberships (user_id, group_id)"
                " SELECT ?, id FROM user_groups WHERE name = ? ON CONFLICT DO NOTHING",
                (user_id, group),
            )

    def _users(self, where: str, params: Sequence[Any]) -> list[User]:
        rows = self._all(
            "SELECT u.id, u.name, u.admin, u.token_hash, u.created, u.token_created,"
            " g.name AS group_name FROM users u"
            " LEFT JOIN memberships m ON m.user_id = u.id"
            " LEFT JOIN user_groups g ON g.id = m.group_id"
            f" WHERE {where} ORDER BY u.name, g.name",
            params,
        )
        users: dict[int, User] = {}
        for r in rows:
            user = users.get(r["id"])
            if user is None:
                user = users[r["id"]] = User(
                    id=r["id"],
                    name=r["name"],
                    admin=bool(r["admin"]),
                    groups=(),
                    created=r["created"],
                    token_created=r["token_created"],
                    token_hash=r["token_hash"],
                )
            if r["group_name"] is not None:
                user.groups = (*user.groups, r["group_name"])
        return list(users.values())

    def user_by_name(self, name: str) -> User | None:
        found = self._users("u.name = ?", (name,))
        return found[0] if found else None

    def user_by_token(self, token_hash: str) -> User | None:
        found = self._users("u.token_hash = ?", (token_hash,))
        return found[0] if found else None

    def user_by_id(self, user_id: int) -> User | None:
        found = self._users("u.id = ?", (user_id,))
        return found[0] if found else None

    def list_users(self) -> list[User]:
        return self._users("1 = 1", ())

    def count_users(self) -> int:
        return int(self._scalar("SELECT count(*) AS n FROM users"))

    def set_token(self, user_id: int, token_hash: str) -> None:
        self._execute(
            "UPDATE users SET token_hash = ?, token_created = ? WHERE id = ?",
            (token_hash, now(), user_id),
        )

    def remove_user(self, user_id: int) -> int:
        """Delete an account, its documents (and what was made from them) and its
        cached renderings; the number of documents deleted."""
        with self.transaction():
            owned = [
                r["id"] for r in self._all("SELECT id FROM documents WHERE owner = ?", (user_id,))
            ]
            for doc_id in owned:
                self._forget_document(doc_id)
            self._execute("DELETE FROM renderings WHERE owner = ?", (user_id,))
            self._execute("DELETE FROM users WHERE id = ?", (user_id,))
            self._execute(
                "DELETE FROM user_groups WHERE id NOT IN (SELECT group_id FROM memberships)"
                " AND id NOT IN (SELECT group_id FROM shares WHERE group_id IS NOT NULL)"
            )
        self.reclaim()
        return len(owned)

    # -- the audit trail ------------------------------------------------------------------

    def audit(
        self, actor: str, action: str, document: str | None = None, detail: str | None = None
    ) -> None:
        self._execute(
            "INSERT INTO audit (at, actor, action, document, detail) VALUES (?, ?, ?, ?, ?)",
            (datetime.now(UTC).isoformat(timespec="milliseconds"), actor, action, document, detail),
        )

    def audit_trail(
        self,
        *,
        limit: int = 100,
        offset: int = 0,
        actor: str | None = None,
        document: str | None = None,
    ) -> list[AuditEntry]:
        """The trail, newest first, of one actor or one document when given."""
        where, params = ["1 = 1"], []
        if actor is not None:
            where.append("actor = ?")
            params.append(actor)
        if document is not None:
            where.append("document = ?")
            params.append(document)
        rows = self._all(
            "SELECT id, at, actor, action, document, detail FROM audit"
            f" WHERE {' AND '.join(where)} ORDER BY id DESC LIMIT ? OFFSET ?",
            (*params, limit, offset),
        )
        return [AuditEntry(**r) for r in rows]

    # -- settings and rate limits --------------------------------------------------------

    def setting(self, name: str, default: str) -> str:
        """The setting ``name``, made ``default`` by the first process that asks."""
        self._execute(
            "INSERT INTO settings (name, value) VALUES (?, ?) ON CONFLICT DO NOTHING",
            (name, default),
        )
        return str(self._scalar("SELECT value FROM settings WHERE name = ?", (name,)))

    def rate_hit(self, key: str, expiry: float, amount: int = 1) -> int:
        """Count ``amount`` hits in the window of ``key`` (a new window of ``expiry``
        seconds when the last one is over); the hits of the window."""
        moment = time.time()
        if random.random() < 0.01:  # now and then, forget the windows that are over
            self._execute("DELETE FROM rate_limits WHERE expires <= ?", (moment,))
        row = self._one(
            "INSERT INTO rate_limits (key, hits, expires) VALUES (?, ?, ?)"
            " ON CONFLICT (key) DO UPDATE SET"
            " hits = CASE WHEN rate_limits.expires <= ? THEN excluded.hits"
            " ELSE rate_limits.hits + excluded.hits END,"
            " expires = CASE WHEN rate_limits.expires <= ? THEN excluded.expires"
            " ELSE rate_limits.expires END"
            " RETURNING hits",
            (key, amount, moment + expiry, moment, moment),
        )
        assert row is not None
        return int(row["hits"])

    def rate_window(self, key: str) -> tuple[int, float]:
        """The hits of the current window of ``key`` and when it ends (0 hits: now)."""
        moment = time.time()
        row = self._one(
            "SELECT hits, expires FROM rate_limits WHERE key = ? AND expires > ?", (key, moment)
        )
        return (int(row["hits"]), float(row["expires"])) if row else (0, moment)

    def rate_clear(self, key: str | None = None) -> None:
        if key is None:
            self._execute("DELETE FROM rate_limits")
        else:
            self._execute("DELETE FROM rate_limits WHERE key = ?", (key,))


def _chunks(items: Sequence[str], size: int = 500) -> Iterator[Sequence[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
