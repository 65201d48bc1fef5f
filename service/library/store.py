"""What the library keeps, and the interface of the place that keeps it.

:class:`Document` (a stored file and its parsed structure), :class:`Report`
(a saved comparison or series request), :class:`User` (an account) and
:class:`AuditEntry` are plain data. :class:`Store` is the interface every
storage backend implements; all SQL lives behind it (:mod:`service.library.sql`,
shared by :mod:`~service.library.sqlite` and :mod:`~service.library.postgres`).
:func:`open_store` picks the backend of a database address: a file path or
``sqlite:///path`` for SQLite, ``postgresql://...`` for PostgreSQL.
"""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, Protocol, TypedDict

from diffing.model import Precedent, Resolution, ResolutionDict

if TYPE_CHECKING:
    from service.library.access import Viewer

__all__ = [
    "OFFICIAL_SOURCES",
    "AuditEntry",
    "Document",
    "DocumentDict",
    "DocumentMeta",
    "Report",
    "Source",
    "Store",
    "User",
    "is_postgres",
    "open_store",
    "sha256",
]

#: where a stored document came from: an upload, a paste, a file of the operator
#: (``resdiff ingest``), the local mirror, or the UN document system
Source = Literal["upload", "paste", "file", "mirror", "ods"]

#: Sources whose symbol is trusted when a document is looked up by symbol: fetched
#: from the UN, read from the mirror, or ingested by the operator (``resdiff ingest``).
#: Web uploads and pasted texts are not: a draft keeps the symbol of the text it amends.
OFFICIAL_SOURCES = ("ods", "mirror", "file")


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class DocumentMeta(TypedDict):
    """A stored document as the library lists it."""

    id: str
    symbol: str | None
    language: str
    source: Source
    filename: str | None
    media_type: str | None
    size: int
    sha256: str
    created: str
    title: str | None
    adopted: str | None
    paragraphs: int
    #: the account it belongs to (null: an official document, seen by everyone)
    owner: str | None
    #: the users and groups its owner shared it with
    shared_with: list[str]


class DocumentDict(DocumentMeta):
    """A stored document with its parsed structure."""

    structure: ResolutionDict


@dataclass
class Document:
    """A stored document: metadata, and the parsed structure (``resolution``)."""

    id: str
    sha256: str
    symbol: str | None
    language: str
    source: Source
    filename: str | None
    media_type: str | None
    size: int
    created: str
    structure: dict[str, Any]  # a ResolutionDict, possibly of an older parser
    engine: str | None = None  # fingerprint of the parser that made ``structure``
    owner_id: int | None = None  # the account it belongs to (None: nobody)
    owner: str | None = None  # that account's name
    shared_with: list[str] = field(default_factory=list)  # user and group names

    @property
    def public(self) -> bool:
        """An official document: owned by nobody, from an official source; everyone sees it."""
        return self.owner_id is None and self.source in OFFICIAL_SOURCES

    @property
    def resolution(self) -> Resolution:
        return Resolution.from_dict(self.structure)

    @property
    def label(self) -> str:
        """What a person calls it: the symbol of an official copy, else its file name."""
        if self.symbol and self.source in OFFICIAL_SOURCES:
            return f"{self.symbol} ({self.language})"
        name = "pasted text" if self.source == "paste" else (self.filename or f"document {self.id}")
        return f"{name} [{self.symbol}]" if self.symbol else name

    def meta(self) -> DocumentMeta:
        return {
            "id": self.id,
            "symbol": self.symbol,
            "language": self.language,
            "source": self.source,
            "filename": self.filename,
            "media_type": self.media_type,
            "size": self.size,
            "sha256": self.sha256,
            "created": self.created,
            "title": self.structure.get("title"),
            "adopted": self.structure.get("adopted"),
            "paragraphs": len(self.structure.get("paragraphs", [])),
            "owner": self.owner,
            "shared_with": list(self.shared_with),
        }

    def to_dict(self) -> DocumentDict:
        structure: Any = self.structure
        return {**self.meta(), "structure": structure}


@dataclass
class Report:
    """A saved comparison (two documents) or series (several), by its key."""

    key: str
    kind: str
    documents: list[str]
    options: dict[str, Any]
    created: str


@dataclass
class User:
    """An account: its name, whether it is an admin, its groups; the token itself is
    never stored, only its hash."""

    id: int
    name: str
    admin: bool
    groups: tuple[str, ...]
    created: str
    token_created: str
    token_hash: str

    def describe(self) -> dict[str, Any]:
        """What may be shown of an account (no token hash)."""
        return {
            "name": self.name,
            "admin": self.admin,
            "groups": list(self.groups),
            "created": self.created,
            "token_created": self.token_created,
        }


@dataclass
class AuditEntry:
    """Who did what to which document, when."""

    id: int
    at: str
    actor: str
    action: str
    document: str | None
    detail: str | None


class Store(Protocol):
    """Documents, saved reports, cached renderings, accounts and the audit trail.

    Reads of documents are made for a :class:`~service.library.access.Viewer` and
    see only what it may see; an unknown (or unseen) id or key raises
    :class:`~service.errors.DocumentNotFoundError`. Only the
    :class:`~service.library.Library` calls a store for a viewer.
    """

    cache_bytes: int

    def close(self) -> None: ...
    def __enter__(self) -> Store: ...
    def __exit__(self, *exc: object) -> None: ...
    def schema_version(self) -> int: ...
    def migrate(self) -> int: ...
    def transaction(self) -> contextlib.AbstractContextManager[None]:
        """Run the statements of the block as one transaction (an inner block joins it)."""
        ...

    # documents
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
        document per owner)."""
        ...

    def find_by_hash(self, digest: str, *, owner: int | None) -> Document | None: ...
    def get_document(self, doc_id: str, *, viewer: Viewer) -> Document: ...
    def get_original(self, doc_id: str, *, viewer: Viewer) -> tuple[Document, bytes]: ...
    def find_by_symbol(self, symbol: str, language: str) -> Document | None:
        """The official copy (fetched, mirrored or ingested) of ``symbol`` in ``language``,
        also when it was stored under another symbol with the same bytes (:meth:`add_symbol`)."""
        ...

    def add_symbol(self, doc_id: str, symbol: str, language: str) -> None:
        """Record that document ``doc_id`` is also the official copy of ``symbol``."""
        ...

    def replace_structure(self, doc_id: str, structure: Mapping[str, Any], engine: str) -> None: ...
    def set_origin(self, doc_id: str, *, symbol: str, language: str, source: str) -> None: ...
    def list_documents(
        self, *, viewer: Viewer, limit: int = 50, offset: int = 0
    ) -> list[Document]: ...
    def count_documents(self, *, viewer: Viewer) -> int: ...
    def delete_document(self, doc_id: str) -> None:
        """Delete a document and every saved report and cached rendering made from it."""
        ...

    def set_shares(self, doc_id: str, names: Iterable[str]) -> list[str]: ...

    # the agreed-language index (every paragraph of every document)
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
        """The paragraphs closest to ``text`` in the documents ``viewer`` sees, best first."""
        ...

    def precedent_generation(self) -> int: ...
    def precedent_counts(self) -> tuple[int, int]: ...
    def reindex_precedents(self, *, force: bool = False) -> int: ...

    # saved reports and their cached renderings
    def save_report(self, kind: str, documents: list[str], options: dict[str, Any]) -> Report:
        """Save a comparison or series request; the same request gives the same key."""
        ...

    def get_report(self, key: str) -> Report: ...
    def get_rendering(self, key: str, fmt: str, *, viewer: Viewer) -> bytes | None: ...
    def put_rendering(
        self,
        key: str,
        fmt: str,
        body: bytes,
        *,
        sources: Sequence[str] = (),
        owner: int | None = None,
    ) -> None: ...
    def cache_size(self) -> int: ...

    # accounts
    def add_user(
        self, name: str, *, admin: bool, token_hash: str, groups: Sequence[str]
    ) -> User: ...
    def claim_unowned(self, user_id: int) -> int: ...
    def user_by_name(self, name: str) -> User | None: ...
    def user_by_token(self, token_hash: str) -> User | None: ...
    def user_by_id(self, user_id: int) -> User | None: ...
    def list_users(self) -> list[User]: ...
    def count_users(self) -> int: ...
    def set_token(self, user_id: int, token_hash: str) -> None: ...
    def remove_user(self, user_id: int) -> int: ...

    # the audit trail
    def audit(
        self, actor: str, action: str, document: str | None = None, detail: str | None = None
    ) -> None: ...
    def audit_trail(
        self,
        *,
        limit: int = 100,
        offset: int = 0,
        actor: str | None = None,
        document: str | None = None,
    ) -> list[AuditEntry]: ...

    # settings shared by every process, and the counters of the rate limits
    def setting(self, name: str, default: str) -> str: ...
    def rate_hit(self, key: str, expiry: float, amount: int = 1) -> int: ...
    def rate_window(self, key: str) -> tuple[int, float]: ...
    def rate_clear(self, key: str | None = None) -> None: ...

    # health
    def integrity(self) -> str:
        """``"ok"``, or what the (full, slow) database check found."""
        ...

    def ping(self) -> None:
        """Answer one quick query (readiness); raise when the database cannot."""
        ...


def is_postgres(database: str | Path) -> bool:
    """Whether ``database`` is a PostgreSQL address (``postgresql://`` or ``postgres://``)."""
    return str(database).startswith(("postgresql://", "postgres://"))


def open_store(
    database: str | Path, *, create: bool = False, cache_bytes: int | None = None
) -> Store:
    """The store at ``database``: a PostgreSQL address, ``sqlite:///path`` or a file
    path (SQLite). With ``create``, the database is made and migrated first."""
    store: Store
    if is_postgres(database):
        from service.library.postgres import PostgresStore

        store = PostgresStore(str(database))
    else:
        from service.library.sqlite import SQLiteStore

        path = str(database).removeprefix("sqlite://")
        store = SQLiteStore.create(path) if create else SQLiteStore(path)
    if create:
        store.migrate()
    if cache_bytes is not None:
        store.cache_bytes = cache_bytes
    return store
