"""Documents from every source: a file, a UN symbol, a stored id, pasted text.

The CLI and the HTTP API both go through :class:`Library`, so a symbol is
resolved the same way everywhere: the store first, then the local mirror, then
the UN Official Document System; what is retrieved is stored, so each document
is fetched once. Every document is checked against the :class:`~service.config.Limits`.
"""

from __future__ import annotations

import json
import threading
from collections import OrderedDict
from collections.abc import Callable
from functools import cached_property
from pathlib import Path
from typing import Any

from diffing.errors import (
    EmptyDocumentError,
    InvalidRequestError,
    LimitExceededError,
    ResdiffError,
    UnreadableDocumentError,
)
from diffing.model import Resolution
from service import ingest, symbols
from service.config import Limits
from service.fingerprint import parser_fingerprint
from service.ods import Retriever
from service.store import OFFICIAL_SOURCES, Document, Store, sha256

__all__ = ["Library", "Resolved", "check_comparison", "get_library"]

#: media types of the stored originals, by file suffix
MEDIA_TYPES = {
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".md": "text/markdown; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
}


def words(res: Resolution) -> int:
    """Words of the paragraphs, and of the instructions of an amendment."""
    return sum(len(p.text.split()) for p in res.paragraphs) + sum(
        len(i.text.split()) for i in res.instructions
    )


def check_document(res: Resolution, limits: Limits, name: str) -> Resolution:
    """Refuse a document over the paragraph or word limit (413), or without paragraphs
    (422); an amendment has instructions instead."""
    if len(res.paragraphs) > limits.paragraphs:
        raise LimitExceededError(
            f"{name} has {len(res.paragraphs):,} paragraphs: the limit is {limits.paragraphs:,}"
        )
    count = words(res)
    if count > limits.words:
        raise LimitExceededError(f"{name} has {count:,} words: the limit is {limits.words:,}")
    if not res.paragraphs and not res.instructions:
        raise EmptyDocumentError(f"{name}: no resolution paragraph was found in it")
    return res


def check_comparison(versions: list[Resolution], limits: Limits) -> None:
    """Refuse up front a comparison too large for its time budget (413)."""
    total = sum(words(v) for v in versions)
    if total > limits.compare_words:
        raise LimitExceededError(
            f"the documents to compare hold {total:,} words together:"
            f" the limit is {limits.compare_words:,}"
        )


def safe_filename(name: str | None) -> str | None:
    """A display name only: the last path component, printable, at most 120 characters."""
    if not name:
        return None
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    base = "".join(ch for ch in base if ch.isprintable()).strip()[:120]
    return base or None


def parse_bytes(data: bytes, filename: str, limits: Limits) -> Resolution:
    """Parse a document file held in memory (format from its name and content)."""
    name = safe_filename(filename) or "document"
    if len(data) > limits.file_bytes:
        raise LimitExceededError(
            f"{name} is {len(data):,} bytes: the limit is {limits.file_bytes:,}"
        )
    res = ingest.load_bytes(data, name, limits=limits)  # empty, pages, DOCX size: by ingest
    return check_document(res, limits, name)


def utf8(text: str, name: str) -> bytes:
    """``text`` encoded as UTF-8; a lone surrogate (``"\\ud800"`` is valid JSON) is
    refused with its position (422), as a file that is not UTF-8 is."""
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError as e:
        raise UnreadableDocumentError(
            f"{name} is not valid Unicode text: the unpaired surrogate"
            f" U+{ord(text[e.start]):04X} at position {e.start} cannot be encoded"
        ) from None


def parse_text(text: str, limits: Limits, name: str = "the text") -> Resolution:
    if not isinstance(text, str):
        raise InvalidRequestError(f"{name} must be a string")
    if not text.strip():
        raise EmptyDocumentError(f"{name} is empty")
    return parse_bytes(utf8(text, name), "pasted.txt", limits)


class Resolved:
    """A parsed document, and the stored document it came from when there is one.

    Give the parsed ``resolution``, or the stored ``document``: its resolution is
    then built from its structure on first use, since a report served from the
    cache needs only :attr:`key`.
    """

    def __init__(
        self, resolution: Resolution | None = None, document: Document | None = None
    ) -> None:
        if resolution is None and document is None:
            raise ValueError("Resolved needs a resolution or a document")
        self._resolution = resolution
        self.document = document

    @property
    def resolution(self) -> Resolution:
        if self._resolution is None:
            assert self.document is not None
            self._resolution = self.document.resolution
        return self._resolution

    @cached_property
    def key(self) -> str:
        """A digest of the parsed structure: the cache key of comparisons."""
        if self.document is not None:
            structure = self.document.structure
        else:
            structure = self.resolution.to_dict()
        canonical = json.dumps(structure, sort_keys=True, ensure_ascii=False)
        return sha256(canonical.encode())


_TEXTS: OrderedDict[tuple[str, Limits], Resolved] = OrderedDict()
_TEXTS_LOCK = threading.Lock()
_TEXTS_KEPT = 32


def _resolve_text(text: str, limits: Limits, name: str) -> Resolved:
    """A pasted text, parsed once per process for the last few texts seen.

    A negotiator compares the same draft again and again (another format,
    another view): the parse and the digest of its structure are kept, so a
    repeated request goes straight to the cached report.
    """
    digest = sha256(text.encode("utf-8", "surrogatepass"))
    key = (digest, limits)
    with _TEXTS_LOCK:
        found = _TEXTS.get(key)
        if found is not None:
            _TEXTS.move_to_end(key)
            return found
    resolved = Resolved(parse_text(text, limits, name))
    with _TEXTS_LOCK:
        _TEXTS[key] = resolved
        while len(_TEXTS) > _TEXTS_KEPT:
            _TEXTS.popitem(last=False)
    return resolved


class Library:
    """The store, the retriever and the limits: everything needed to get a document."""

    def __init__(self, store: Store | Callable[[], Store], retriever: Retriever, limits: Limits):
        self._store = store
        self.retriever = retriever
        self.limits = limits

    @property
    def store(self) -> Store:
        """The store, opened on first use (the CLI compares two files without one)."""
        if not isinstance(self._store, Store):
            self._store = self._store()
        return self._store

    # -- adding ---------------------------------------------------------------

    def add(
        self,
        data: bytes,
        filename: str | None,
        *,
        source: str,
        symbol: str | None = None,
        language: str | None = None,
    ) -> tuple[Document, bool]:
        """Parse and store a document; the same bytes give back the stored document."""
        name = safe_filename(filename) or "document.txt"
        existing = self.store.find_by_hash(sha256(data))
        if existing is not None:
            return self.fresh(existing), False
        res = parse_bytes(data, name, self.limits)
        if symbol is None and res.symbol and symbols.is_symbol(res.symbol):
            symbol = symbols.normalise(res.symbol)
        suffix = Path(name).suffix.lower()
        return self.store.add_document(
            original=data,
            structure=res.to_dict(),
            source=source,
            language=language or res.language or "en",
            symbol=symbol,
            filename=name,
            media_type=MEDIA_TYPES.get(suffix, "application/octet-stream"),
            engine=parser_fingerprint(),
        )

    def fresh(self, doc: Document) -> Document:
        """``doc`` with the structure the current parser gives for its original bytes.

        A document stored by an older parser is parsed again once and updated; if
        the current parser refuses it, the stored structure is kept as it was.
        """
        engine = parser_fingerprint()
        if doc.engine == engine:
            return doc
        _, original = self.store.get_original(doc.id)
        try:
            res = parse_bytes(original, doc.filename or "document", self.limits)
        except ResdiffError:
            return doc
        return self.store.replace_structure(doc.id, res.to_dict(), engine)

    def add_text(
        self, text: str, *, source: str = "paste", name: str = "pasted.txt"
    ) -> tuple[Document, bool]:
        if not isinstance(text, str):
            raise InvalidRequestError("the text must be a string")
        if not text.strip():
            raise EmptyDocumentError("the pasted text is empty")
        return self.add(utf8(text, "the pasted text"), name, source=source)

    def by_symbol(
        self, symbol: str, language: str | None = "en", *, network: bool = True
    ) -> Document:
        """The document ``symbol``: stored, else from the mirror, else from the UN system."""
        symbol, lang = symbols.normalise(symbol), symbols.language(language)
        found = self.store.find_by_symbol(symbol, lang)
        if found is not None:
            return self.fresh(found)
        fetched = self.retriever.retrieve(symbol, lang, network=network)
        doc, _ = self.add(
            fetched.data, fetched.filename, source=fetched.source, symbol=symbol, language=lang
        )
        if doc.symbol != symbol or doc.source not in OFFICIAL_SOURCES:
            # the same bytes were stored before (an upload): it is the official copy
            doc = self.store.set_origin(doc.id, symbol=symbol, language=lang, source=fetched.source)
        return doc

    # -- resolving ------------------------------------------------------------------

    def resolve(self, spec: Any, name: str = "document") -> Resolved:
        """A document spec of the API: ``{"text": ...}``, ``{"id": ...}`` or ``{"symbol": ...}``."""
        if not isinstance(spec, dict):
            raise InvalidRequestError(
                f"{name} must be an object with one of 'text', 'id' or 'symbol'"
            )
        given = [k for k in ("text", "id", "symbol") if k in spec]
        if len(given) != 1:
            raise InvalidRequestError(
                f"{name} must have exactly one of 'text', 'id' or 'symbol' (got {sorted(spec)})"
            )
        unknown = set(spec) - {"text", "id", "symbol", "language"}
        if unknown:
            raise InvalidRequestError(f"{name} has unknown fields: {', '.join(sorted(unknown))}")
        kind = given[0]
        value = spec[kind]
        if not isinstance(value, str):
            raise InvalidRequestError(f"{name}.{kind} must be a string")
        if kind == "text":
            return _resolve_text(value, self.limits, f"{name}.text")
        if kind == "id":
            return Resolved(document=self.fresh(self.store.get_document(value)))
        language = spec.get("language", "en")
        if not isinstance(language, str):
            raise InvalidRequestError(f"{name}.language must be a string")
        return Resolved(document=self.by_symbol(value, language))

    def resolve_argument(self, arg: str, language: str = "en") -> Resolution:
        """A CLI argument: an existing path wins, else a UN symbol."""
        path = Path(arg)
        if path.is_file():
            size = path.stat().st_size
            if size > self.limits.file_bytes:
                raise LimitExceededError(
                    f"{arg} is {size:,} bytes: the limit is {self.limits.file_bytes:,}"
                )
            return parse_bytes(path.read_bytes(), path.name, self.limits)
        if path.exists():
            raise UnreadableDocumentError(f"{arg} is not a file")
        if not symbols.is_symbol(arg):
            raise UnreadableDocumentError(
                f"{arg}: no such file, and not a UN document symbol (such as A/RES/79/136)"
            )
        return self.by_symbol(arg, language).resolution


def get_library() -> Library:
    """The library of the current Flask request (its store is the request's store)."""
    from flask import current_app

    from service.store import get_store

    return Library(
        get_store,
        current_app.extensions["resdiff.retriever"],
        current_app.extensions["resdiff.limits"],
    )
