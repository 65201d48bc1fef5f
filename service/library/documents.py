"""Documents from every source: a file, a UN symbol, a stored id, pasted text.

The CLI, the HTTP API and the web pages all go through :class:`Library`, so a
symbol is resolved the same way everywhere: the store first, then the local
mirror, then the UN Official Document System; what is retrieved is stored, so
each document is fetched once. Every document is checked against the
:class:`~service.config.Limits` once, when it is parsed.
"""

from __future__ import annotations

import dataclasses
import json
import threading
from collections import OrderedDict
from collections.abc import Callable, Mapping, Sequence
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import Any, NotRequired, TypedDict, final

from diffing.model import Precedent, Resolution
from service import ingest
from service.config import Limits
from service.errors import (
    DocumentNotFoundError,
    InvalidRequestError,
    LimitExceededError,
    ResdiffError,
    UnreadableDocumentError,
)
from service.library import symbols
from service.library.access import Viewer, check_admin, check_may_delete, check_may_share
from service.library.fingerprint import parser_fingerprint
from service.library.ods import Retriever
from service.library.reading import words
from service.library.store import (
    OFFICIAL_SOURCES,
    AuditEntry,
    Document,
    Report,
    Store,
    sha256,
)
from service.pool import Executor, Inline, TaskTimeout

__all__ = [
    "MAX_MATCHES",
    "QUERY_WORDS",
    "DocumentSpec",
    "IdSpec",
    "Library",
    "Resolved",
    "SymbolSpec",
    "TextSpec",
    "check_comparison",
]


@final
class TextSpec(TypedDict):
    """A version given as its text."""

    text: str


@final
class IdSpec(TypedDict):
    """A version stored in the library, by its id."""

    id: str


@final
class SymbolSpec(TypedDict):
    """A version by its UN symbol (``A/RES/79/136``) and language (``en`` by default:
    ``ar``, ``zh``, ``en``, ``fr``, ``ru`` or ``es``)."""

    symbol: str
    language: NotRequired[str]


#: how a request names a document
DocumentSpec = TextSpec | IdSpec | SymbolSpec

#: the most matches one search for agreed language gives
MAX_MATCHES = 50
#: the longest text searched for agreed language, in words: a paragraph, not a document
QUERY_WORDS = 5_000


def check_comparison(versions: Sequence[Resolved], limits: Limits) -> None:
    """Refuse up front a comparison too large for its time budget (413)."""
    total = sum(v.words for v in versions)
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


class Resolved:
    """A parsed document, and the stored document it came from when there is one.

    Give the parsed ``resolution`` (and its number of ``words`` when counted
    already), or the stored ``document``: its resolution is then built from its
    structure on first use, since a report served from the cache needs only
    :attr:`key`.
    """

    def __init__(
        self,
        resolution: Resolution | None = None,
        document: Document | None = None,
        *,
        words: int | None = None,
    ) -> None:
        if resolution is None and document is None:
            raise ValueError("Resolved needs a resolution or a document")
        self._resolution = resolution
        self.document = document
        if words is not None:
            self.__dict__["words"] = words

    @property
    def resolution(self) -> Resolution:
        if self._resolution is None:
            assert self.document is not None
            self._resolution = self.document.resolution
        return self._resolution

    @cached_property
    def words(self) -> int:
        """The words of its paragraphs (counted once)."""
        return words(self.resolution)

    @cached_property
    def key(self) -> str:
        """A digest of the parsed structure: the cache key of comparisons."""
        structure: Mapping[str, Any]
        if self.document is not None:
            structure = self.document.structure
        else:
            structure = self.resolution.to_dict()
        canonical = json.dumps(structure, sort_keys=True, ensure_ascii=False)
        return sha256(canonical.encode())


def parse_bytes(
    data: bytes,
    filename: str,
    limits: Limits,
    executor: Executor | None = None,
    *,
    seconds: float | None = None,
) -> Resolved:
    """Parse a document file held in memory (format from its content and name), in a
    process of ``executor``'s pool, within ``seconds`` (the time budget of a comparison
    by default)."""
    name = safe_filename(filename) or "document"
    return _read(executor, "read", data, name, limits, seconds)


def parse_text(
    text: str, limits: Limits, name: str = "the text", executor: Executor | None = None
) -> Resolved:
    """Parse a pasted text (checked as :func:`service.ingest.pasted_text` says)."""
    return _read(executor, "parse", text, name, limits)


def _read(
    executor: Executor | None,
    task: str,
    given: Any,
    name: str,
    limits: Limits,
    seconds: float | None = None,
) -> Resolved:
    if seconds is None:
        seconds = limits.compare_seconds
    elif seconds <= 0:  # a budget shared with earlier work (the files of one upload)
        raise LimitExceededError(f"{name} was not read: the time budget ran out before it")
    try:
        res, count = (executor or Inline()).run(
            task, given, name, limits, seconds=seconds, what=f"reading {name}"
        )
    except TaskTimeout:
        raise LimitExceededError(
            f"reading {name} exceeded its time budget of {seconds:g} s: refused"
        ) from None
    return Resolved(res, words=count)


_TEXTS: OrderedDict[tuple[str, Limits], Resolved] = OrderedDict()
_TEXTS_LOCK = threading.Lock()
_TEXTS_KEPT = 32


def _resolve_text(
    text: str, limits: Limits, name: str, executor: Executor | None = None
) -> Resolved:
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
    resolved = parse_text(text, limits, name, executor)
    with _TEXTS_LOCK:
        _TEXTS[key] = resolved
        while len(_TEXTS) > _TEXTS_KEPT:
            _TEXTS.popitem(last=False)
    return resolved


#: copies of one document a library may hold (its text, its PDF, a mirrored copy):
#: agreed language asks for this many matches per one it shows
_COPIES = 3


def _one_per_paragraph(found: list[Precedent]) -> list[Precedent]:
    """The best of each paragraph: a paragraph of a document stored twice (its text
    and its PDF) is one precedent, under its symbol."""
    seen: set[tuple[str | None, str]] = set()
    kept = []
    for p in found:
        key = (p.symbol or p.document, p.paragraph)
        if key not in seen:
            seen.add(key)
            kept.append(p)
    return kept


class Library:
    """The store, the retriever and the limits, for one viewer: everything needed to get
    a document.

    Every read and write of documents and saved reports goes through a library,
    whoever asks (API, pages, CLI), for the :class:`~service.library.access.Viewer`
    it was made for: the one place where what a caller may see and do is decided
    (:mod:`service.library.access`), and where it goes to the audit trail.
    """

    def __init__(
        self,
        store: Store | Callable[[], Store],
        retriever: Retriever,
        limits: Limits,
        *,
        viewer: Viewer,
        executor: Executor | None = None,
    ):
        self._store = store
        self.retriever = retriever
        self.limits = limits
        self.viewer = viewer
        #: where documents are read (a pool process in the service)
        self.executor = executor or Inline()

    @property
    def store(self) -> Store:
        """The store, opened on first use (the CLI compares two files without one)."""
        if callable(self._store):
            self._store = self._store()
        return self._store

    def _audit(self, action: str, document: str | None = None, detail: str | None = None) -> None:
        if self.viewer.audited:
            self.store.audit(self.viewer.name, action, document, detail)

    # -- reading ---------------------------------------------------------------

    def get(self, doc_id: str) -> Document:
        """The stored document ``doc_id`` (404 when there is none, or the viewer may not see it)."""
        return self.store.get_document(doc_id, viewer=self.viewer)

    def read(self, doc_id: str) -> Document:
        """The document ``doc_id`` shown to its reader (recorded in the audit trail)."""
        doc = self.fresh(self.get(doc_id))
        self._audit("read", doc.id)
        return doc

    def original(self, doc_id: str) -> tuple[Document, bytes]:
        """The document ``doc_id`` and its original bytes (recorded in the audit trail)."""
        found = self.store.get_original(doc_id, viewer=self.viewer)
        self._audit("read", doc_id, "original")
        return found

    def documents(self, *, limit: int = 50, offset: int = 0) -> list[Document]:
        """A page of the documents the viewer sees, by symbol, language and date."""
        return self.store.list_documents(viewer=self.viewer, limit=limit, offset=offset)

    def official(self, symbol: str, language: str = "en") -> Document | None:
        """The stored official copy of ``symbol`` (everyone sees it), or None: nothing is
        fetched."""
        found = self.store.find_by_symbol(symbols.normalise(symbol), symbols.language(language))
        return self.fresh(found) if found is not None else None

    def count(self) -> int:
        """How many documents the viewer sees."""
        return self.store.count_documents(viewer=self.viewer)

    def delete(self, doc_id: str) -> None:
        """Delete a document (its owner; an official one, an admin), and every saved report
        and cached rendering made from it."""
        doc = self.get(doc_id)
        check_may_delete(self.viewer, doc)
        self.store.delete_document(doc.id)
        self._audit("delete", doc.id, doc.label)

    def share(self, doc_id: str, names: Sequence[str]) -> Document:
        """Share the viewer's document with exactly these users and groups (by name)."""
        doc = self.get(doc_id)
        check_may_share(self.viewer, doc)
        shared = self.store.set_shares(doc.id, names)
        self._audit("share", doc.id, ", ".join(shared) or "(nobody)")
        return self.get(doc.id)

    def save_report(self, kind: str, doc_ids: list[str], options: dict[str, Any]) -> Report:
        """Save a comparison or series of stored documents (each must be seen) under a key."""
        for doc_id in doc_ids:
            self.get(doc_id)
        return self.store.save_report(kind, doc_ids, options)

    def report(self, key: str) -> tuple[Report, list[Resolved]]:
        """A saved report and its documents, each as the current parser reads it (404 when
        the viewer may not see one of them)."""
        report = self.store.get_report(key)
        try:
            docs = [self.get(i) for i in report.documents]
        except DocumentNotFoundError:
            raise DocumentNotFoundError(f"no report with key {key!r}") from None
        return report, [Resolved(document=self.fresh(d)) for d in docs]

    def audit_trail(
        self,
        *,
        limit: int = 100,
        offset: int = 0,
        actor: str | None = None,
        document: str | None = None,
    ) -> list[AuditEntry]:
        """The audit trail, newest first: admins only (and the operator, and the one
        person of a service without accounts)."""
        if not self.viewer.sees_all:
            check_admin(self.viewer, "reads the audit trail")
        return self.store.audit_trail(limit=limit, offset=offset, actor=actor, document=document)

    # -- agreed language ---------------------------------------------------------------

    def precedents(
        self,
        text: str,
        limit: int = 5,
        *,
        before: str | date | None = None,
        exclude: Sequence[str] = (),
        exclude_documents: Sequence[str] = (),
    ) -> list[Precedent]:
        """The paragraphs of the library closest to ``text``, best first, among the
        documents the viewer sees: adopted before ``before`` when given, without the
        documents of the symbols ``exclude`` and the ids ``exclude_documents``.

        ``text`` is checked as a pasted text is, and must be a paragraph (at most
        :data:`QUERY_WORDS` words, 413 otherwise); ``limit`` is 1 to :data:`MAX_MATCHES`."""
        text = ingest.pasted_text(text, "the text to search for", max_bytes=self.limits.file_bytes)
        count = len(text.split())
        if count > QUERY_WORDS:
            raise LimitExceededError(
                f"the text to search for has {count:,} words: the limit is {QUERY_WORDS:,}"
                " (search one paragraph at a time)"
            )
        if not 1 <= limit <= MAX_MATCHES:
            raise InvalidRequestError(f"'limit' must be from 1 to {MAX_MATCHES}, not {limit}")
        found = self.store.find_precedents(
            text,
            limit * _COPIES,
            viewer=self.viewer,
            before=before,
            exclude=[symbols.normalise(s) if symbols.is_symbol(s) else s for s in exclude],
            exclude_documents=exclude_documents,
        )
        return _one_per_paragraph(found)[:limit]

    def precedent_state(self) -> str:
        """What the precedents this viewer finds depend on: the index's generation (it
        changes whenever a document enters or leaves the library, or is shared)."""
        return str(self.store.precedent_generation())

    def _sees_only_official(self) -> bool:
        """Whether the viewer sees the official documents and nothing else (then what
        the library gives them is what it gives everyone)."""
        if self.viewer.sees_all:
            return False
        return self.count() == self.store.count_documents(viewer=Viewer.anonymous())

    # -- the report cache ----------------------------------------------------------

    def _cache_scope(
        self, versions: Sequence[Resolved], precedents: bool = False
    ) -> tuple[str, int | None, list[str]]:
        """Who a report of ``versions`` may be served to from the cache: everyone when
        all are official documents (and, for a report with precedents, when the viewer
        sees nothing but official documents), else the viewer alone; and its stored
        documents."""
        sources = [v.document.id for v in versions if v.document is not None]
        public = all(v.document is not None and v.document.public for v in versions)
        if public and (not precedents or self._sees_only_official()):
            return "public", None, sources
        if self.viewer.user_id is not None:
            return f"user:{self.viewer.user_id}", self.viewer.user_id, sources
        return self.viewer.kind, None, sources

    def _scoped(
        self, key: str, versions: Sequence[Resolved], precedents: bool
    ) -> tuple[str, int | None, list[str]]:
        scope, owner, sources = self._cache_scope(versions, precedents)
        return sha256(f"{scope}:{key}".encode())[:32], owner, sources

    def cached_report(
        self,
        kind: str,
        key: str,
        fmt: str,
        versions: Sequence[Resolved],
        *,
        precedents: bool = False,
    ) -> bytes | None:
        """The cached report ``key`` in ``fmt`` if this viewer may have it (``precedents``:
        the report shows agreed language from the library). Asking is recorded in the
        audit trail: the viewer compared these documents."""
        if self.viewer.audited:
            ids = [v.document.id if v.document else "text" for v in versions]
            for doc_id in dict.fromkeys(i for i in ids if i != "text"):
                others = [i for i in ids if i != doc_id]
                self._audit(kind, doc_id, f"{fmt} with {', '.join(others)}")
        scoped, _, _ = self._scoped(key, versions, precedents)
        return self.store.get_rendering(scoped, fmt, viewer=self.viewer)

    def keep_report(
        self,
        key: str,
        fmt: str,
        versions: Sequence[Resolved],
        body: bytes,
        *,
        precedents: Sequence[str] | None = None,
    ) -> None:
        """Cache a report, recording the documents it was made from (with
        ``precedents``, the ids of the documents its agreed language came from: it is
        served only to who sees them, and goes when one of them is deleted)."""
        scoped, owner, sources = self._scoped(key, versions, precedents is not None)
        sources += list(precedents or ())
        self.store.put_rendering(scoped, fmt, body, sources=sources, owner=owner)

    # -- adding ---------------------------------------------------------------

    def _owner(self, source: str) -> int | None:
        """Whose a new document is: an upload or a paste is the viewer's; an official one nobody's."""
        return None if source in OFFICIAL_SOURCES else self.viewer.user_id

    def add(
        self,
        data: bytes,
        filename: str | None,
        *,
        source: str,
        symbol: str | None = None,
        language: str | None = None,
        seconds: float | None = None,
    ) -> tuple[Document, bool]:
        """Parse and store a document; the same bytes give back the stored document
        (the viewer's own, or the official one). Reading it has ``seconds`` (the time
        budget of a comparison by default)."""
        name = safe_filename(filename) or "document.txt"
        existing = self.store.find_by_hash(sha256(data), owner=self._owner(source))
        if existing is not None:
            return self.fresh(existing), False
        return self._store_parsed(
            data,
            name,
            parse_bytes(data, name, self.limits, self.executor, seconds=seconds).resolution,
            source=source,
            symbol=symbol,
            language=language,
        )

    def add_text(
        self, text: str, *, source: str = "paste", name: str = "pasted.txt"
    ) -> tuple[Document, bool]:
        """Parse and store a pasted text (kept as the UTF-8 file ``name``)."""
        text = ingest.pasted_text(text, "the pasted text", max_bytes=self.limits.file_bytes)
        data = text.encode("utf-8")
        existing = self.store.find_by_hash(sha256(data), owner=self._owner(source))
        if existing is not None:
            return self.fresh(existing), False
        res = parse_text(text, self.limits, name, self.executor).resolution
        return self._store_parsed(data, name, res, source=source)

    def _store_parsed(
        self,
        data: bytes,
        name: str,
        res: Resolution,
        *,
        source: str,
        symbol: str | None = None,
        language: str | None = None,
    ) -> tuple[Document, bool]:
        if symbol is None and res.symbol and symbols.is_symbol(res.symbol):
            symbol = symbols.normalise(res.symbol)
        doc, created = self.store.add_document(
            original=data,
            structure=res.to_dict(),
            source=source,
            language=language or res.language or "en",
            symbol=symbol,
            filename=name,
            media_type=ingest.media_type(name),
            engine=parser_fingerprint(),
            owner=self._owner(source),
        )
        if created:
            self._audit("add", doc.id, doc.label)
        return doc, created

    def fresh(self, doc: Document) -> Document:
        """``doc`` with the structure the current parser gives for its original bytes.

        A document stored by an older parser is parsed again once and updated; if
        the current parser refuses it, the stored structure is kept as it was.
        """
        engine = parser_fingerprint()
        if doc.engine == engine:
            return doc
        _, original = self.store.get_original(doc.id, viewer=Viewer.operator())
        try:
            res = parse_bytes(
                original, doc.filename or "document", self.limits, self.executor
            ).resolution
        except ResdiffError:
            return doc
        structure = res.to_dict()
        self.store.replace_structure(doc.id, structure, engine)
        return dataclasses.replace(doc, structure=dict(structure), engine=engine)

    def by_symbol(
        self, symbol: str, language: str | None = "en", *, network: bool = True
    ) -> Document:
        """The document ``symbol``: stored, else from the mirror, else from the UN system.
        An official document: everyone sees it."""
        symbol, lang = symbols.normalise(symbol), symbols.language(language)
        found = self.store.find_by_symbol(symbol, lang)
        if found is not None:
            return self.fresh(found)
        fetched = self.retriever.retrieve(symbol, lang, network=network)
        doc, _ = self.add(
            fetched.data, fetched.filename, source=fetched.source, symbol=symbol, language=lang
        )
        if doc.source not in OFFICIAL_SOURCES:
            # the same bytes were stored before by nobody (an upload without accounts):
            # they are the official copy
            self.store.set_origin(doc.id, symbol=symbol, language=lang, source=fetched.source)
            doc = dataclasses.replace(doc, symbol=symbol, language=lang, source=fetched.source)
        elif doc.symbol != symbol or doc.language != lang:
            # the same bytes are the official copy of another symbol too: it keeps both
            self.store.add_symbol(doc.id, symbol, lang)
        return doc

    # -- resolving ------------------------------------------------------------------

    def resolve(self, spec: DocumentSpec, name: str = "document") -> Resolved:
        """A document named as the API does (a :data:`DocumentSpec`, validated by the
        web layer): ``{"text": ...}``, ``{"id": ...}`` or ``{"symbol": ..., "language": ...}``."""
        if "text" in spec:
            return _resolve_text(spec["text"], self.limits, f"{name}.text", self.executor)
        if "id" in spec:
            return Resolved(document=self.fresh(self.get(spec["id"])))
        return Resolved(document=self.by_symbol(spec["symbol"], spec.get("language", "en")))

    def resolve_argument(self, arg: str, language: str = "en") -> Resolved:
        """A CLI argument: an existing path wins, else a UN symbol."""
        path = Path(arg)
        if path.is_file():
            data = ingest.read_path(path, self.limits.file_bytes)
            return parse_bytes(data, path.name, self.limits, self.executor)
        if path.exists():
            raise UnreadableDocumentError(f"{arg} is not a file")
        if not symbols.is_symbol(arg):
            raise UnreadableDocumentError(
                f"{arg}: no such file, and not a UN document symbol (such as A/RES/79/136)"
            )
        return Resolved(document=self.by_symbol(arg, language))
