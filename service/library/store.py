"""What the library keeps, and the interface of the place that keeps it.

:class:`Document` (a stored file and its parsed structure) and :class:`Report`
(a saved comparison or series request) are plain data. :class:`Store` is the
interface every storage backend implements; all SQL lives behind it
(:mod:`service.library.sqlite` today). :func:`open_store` picks the backend of a
database address, so a second backend is added there and nowhere else.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, Protocol, TypedDict

from diffing.model import Resolution, ResolutionDict

__all__ = [
    "OFFICIAL_SOURCES",
    "Document",
    "DocumentDict",
    "DocumentMeta",
    "Report",
    "Source",
    "Store",
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


class Store(Protocol):
    """Documents, saved reports and cached renderings, behind one connection.

    Raises :class:`~service.errors.DocumentNotFoundError` for an unknown id or key.
    """

    def close(self) -> None: ...
    def __enter__(self) -> Store: ...
    def __exit__(self, *exc: object) -> None: ...

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
    ) -> tuple[Document, bool]:
        """Store a document; return it and whether it is new (same bytes -> same document)."""
        ...

    def find_by_hash(self, digest: str) -> Document | None: ...
    def get_document(self, doc_id: str) -> Document: ...
    def get_original(self, doc_id: str) -> tuple[Document, bytes]: ...
    def find_by_symbol(self, symbol: str, language: str) -> Document | None:
        """The official copy (fetched, mirrored or ingested) of ``symbol`` in ``language``,
        also when it was stored under another symbol with the same bytes (:meth:`add_symbol`)."""
        ...

    def add_symbol(self, doc_id: str, symbol: str, language: str) -> None:
        """Record that document ``doc_id`` is also the official copy of ``symbol``."""
        ...

    def replace_structure(
        self, doc_id: str, structure: Mapping[str, Any], engine: str
    ) -> Document: ...
    def set_origin(self, doc_id: str, *, symbol: str, language: str, source: str) -> Document: ...
    def list_documents(self, *, limit: int = 50, offset: int = 0) -> list[Document]: ...
    def count_documents(self) -> int: ...
    def delete_document(self, doc_id: str) -> None: ...

    # saved reports and their renderings
    def save_report(self, kind: str, documents: list[str], options: dict[str, Any]) -> Report:
        """Save a comparison or series request; the same request gives the same key."""
        ...

    def get_report(self, key: str) -> Report: ...
    def get_rendering(self, key: str, fmt: str) -> bytes | None: ...
    def put_rendering(self, key: str, fmt: str, body: bytes) -> None: ...

    # health
    def integrity(self) -> str:
        """``"ok"``, or what the (full, slow) database check found."""
        ...

    def ping(self) -> None:
        """Answer one quick query (readiness); raise when the database cannot."""
        ...


def open_store(database: str | Path, *, create: bool = False) -> Store:
    """The store at ``database`` (a SQLite file), its schema made first when ``create``."""
    from service.library.sqlite import SQLiteStore

    return SQLiteStore.create(database) if create else SQLiteStore(database)
