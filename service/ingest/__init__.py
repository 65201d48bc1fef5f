"""Bytes to text: read a resolution from a file (PDF, DOCX, plain text, Markdown) or a paste.

* :mod:`~service.ingest.detect` - what a file is, from its content;
* :mod:`~service.ingest.pdf` - the text of a PDF, laid out like the corpus texts;
* :mod:`~service.ingest.docx` - the text of a Word file, with Word's own numbers.

Public API: :func:`load` (a path), :func:`load_bytes` (bytes in memory),
:func:`read_path` (a file's bytes, its size checked first),
:func:`extract_text`, :func:`pasted_text`, :func:`detect_format`,
:func:`media_type`, and the default limits :data:`MAX_FILE_BYTES`,
:data:`MAX_PDF_PAGES`, :data:`MAX_DOCX_BYTES`. The limits on what is read are
applied here, once, *while* reading, each with an early exit: the file size;
for a PDF its pages, objects and the bytes its streams inflate to (counted
before PDFium opens it) and the characters read; for a DOCX the bytes
inflated, the XML elements and the characters. Every failure is a
:class:`~diffing.errors.ResdiffError` with a message that names the problem,
never a library's exception.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from diffing import parse
from diffing.model import Resolution
from service.config import DEFAULTS
from service.errors import (
    EmptyDocumentError,
    LimitExceededError,
    ResdiffError,
    UnreadableDocumentError,
)
from service.ingest.detect import Format, Kind, detect_format, display_name, refuse_binary, sniff
from service.ingest.docx import MAX_DOCX_BYTES, docx_to_text
from service.ingest.pdf import MAX_PDF_PAGES, pdf_to_text

__all__ = [
    "MAX_DOCX_BYTES",
    "MAX_FILE_BYTES",
    "MAX_PDF_PAGES",
    "Caps",
    "Format",
    "IngestLimits",
    "Kind",
    "detect_format",
    "extract_text",
    "load",
    "load_bytes",
    "media_type",
    "pasted_text",
    "read_path",
]

MAX_FILE_BYTES: int = DEFAULTS["RESDIFF_MAX_FILE_BYTES"]
"""Default limit on the size of a file to read (the service's, :mod:`service.config`)."""

#: media types of document files, by suffix
MEDIA_TYPES = {
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".md": "text/markdown; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
}


class IngestLimits(Protocol):
    """What ingest reads of a limits object (``service.config.Limits``); the limits
    of :class:`Caps` it lacks keep their defaults."""

    @property
    def file_bytes(self) -> int: ...
    @property
    def pdf_pages(self) -> int: ...
    @property
    def docx_bytes(self) -> int: ...


@dataclass(frozen=True)
class Caps:
    """Every limit on reading one file (the defaults of :mod:`service.config`)."""

    file_bytes: int = MAX_FILE_BYTES
    pdf_pages: int = MAX_PDF_PAGES
    pdf_inflated: int = DEFAULTS["RESDIFF_MAX_PDF_INFLATED"]
    pdf_objects: int = DEFAULTS["RESDIFF_MAX_PDF_OBJECTS"]
    docx_bytes: int = MAX_DOCX_BYTES
    docx_elements: int = DEFAULTS["RESDIFF_MAX_DOCX_ELEMENTS"]

    @classmethod
    def of(cls, limits: Any = None, **given: int | None) -> Caps:
        """The caps of ``limits`` (any object with some of these attributes), each
        keyword given (not None) taking precedence."""
        values = {}
        for name in cls.__dataclass_fields__:
            value = given.get(name)
            if value is None:
                value = getattr(limits, name, None)
            if value is not None:
                values[name] = int(value)
        return cls(**values)


def media_type(filename: str | None) -> str:
    """The media type of a document file, by its suffix."""
    return MEDIA_TYPES.get(Path(filename or "").suffix.lower(), "application/octet-stream")


def _too_large(name: str, size: int, limit: int) -> LimitExceededError:
    return LimitExceededError(f"{name} is {size:,} bytes: the limit is {limit:,} bytes")


def extract_text(
    data: bytes,
    filename: str | None = None,
    *,
    limits: Any = None,
    max_bytes: int | None = None,
    max_pages: int | None = None,
    max_docx_bytes: int | None = None,
) -> tuple[str, Kind]:
    """The text of a document file, as the parser reads it, and how it was read:
    ``pdf``, ``docx`` or ``text`` (Markdown is text: the parser tells it apart).

    The limits are those of ``limits`` (:class:`Caps` says which), each keyword
    given taking precedence."""
    caps = Caps.of(limits, file_bytes=max_bytes, pdf_pages=max_pages, docx_bytes=max_docx_bytes)
    name = display_name(filename)
    if len(data) > caps.file_bytes:
        raise _too_large(name, len(data), caps.file_bytes)
    kind, decoded = sniff(data, filename)
    if kind == "pdf":
        text = _named(
            name,
            lambda: pdf_to_text(
                data,
                max_pages=caps.pdf_pages,
                max_inflated=caps.pdf_inflated,
                max_objects=caps.pdf_objects,
                max_chars=caps.file_bytes,
            ),
        )
    elif kind == "docx":
        text = _named(
            name,
            lambda: docx_to_text(
                data,
                max_bytes=caps.docx_bytes,
                max_elements=caps.docx_elements,
                max_chars=caps.file_bytes,
            ),
        )
    else:
        text = decoded or ""
    if not text.strip():
        raise EmptyDocumentError(f"{name} is empty" if kind == "text" else f"{name} holds no text")
    return text, kind


def pasted_text(text: str, name: str, *, max_bytes: int = MAX_FILE_BYTES) -> str:
    """A pasted text, checked as a text file is (and never encoded only to be decoded).

    Refused when it is blank (422), larger than ``max_bytes`` once encoded as
    UTF-8 (413), holds an unpaired surrogate (``"\\ud800"`` is valid JSON: 422)
    or binary junk (415). A leading byte-order mark goes, as in a file.
    """
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise EmptyDocumentError(f"{name} is empty")
    try:
        size = len(text.encode("utf-8"))
    except UnicodeEncodeError as e:
        raise UnreadableDocumentError(
            f"{name} is not valid Unicode text: the unpaired surrogate"
            f" U+{ord(text[e.start]):04X} at position {e.start} cannot be encoded"
        ) from None
    if size > max_bytes:
        raise _too_large(name, size, max_bytes)
    refuse_binary(text, name)
    return text


def load_bytes(
    data: bytes,
    filename: str | None = None,
    *,
    limits: Any = None,
    max_bytes: int | None = None,
    max_pages: int | None = None,
    max_docx_bytes: int | None = None,
    language: str | None = None,
) -> Resolution:
    """Parse a document file held in memory (an upload).

    Limits come from the keyword arguments, else from ``limits`` (an object
    with some of the attributes of :class:`Caps`), else from the module defaults.
    """
    text, _ = extract_text(
        data,
        filename,
        limits=limits,
        max_bytes=max_bytes,
        max_pages=max_pages,
        max_docx_bytes=max_docx_bytes,
    )
    return parse(text, language=language)


def load(
    path: str | Path,
    *,
    limits: Any = None,
    max_bytes: int | None = None,
    max_pages: int | None = None,
    max_docx_bytes: int | None = None,
    language: str | None = None,
) -> Resolution:
    """Parse the document file at ``path`` (.txt, .md, .pdf, .docx); its size is
    checked before it is read."""
    path = Path(path)
    data = read_path(path, Caps.of(limits, file_bytes=max_bytes).file_bytes)
    return load_bytes(
        data,
        path.name,
        limits=limits,
        max_bytes=max_bytes,
        max_pages=max_pages,
        max_docx_bytes=max_docx_bytes,
        language=language,
    )


def read_path(path: Path, max_bytes: int) -> bytes:
    """The bytes of the file at ``path``; its size is checked before it is read (413),
    and a file that cannot be read is a clear error (422), never an ``OSError``."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise _too_large(path.name, size, max_bytes)
        return path.read_bytes()
    except IsADirectoryError as exc:
        raise UnreadableDocumentError(f"{path} is a directory, not a document") from exc
    except FileNotFoundError as exc:
        raise UnreadableDocumentError(f"{path} does not exist") from exc
    except OSError as exc:
        raise UnreadableDocumentError(f"{path} cannot be read: {exc.strerror or exc}") from exc


# --- helpers ------------------------------------------------------------------------


def _named(name: str, read: Callable[[], str]) -> str:
    """``read()``, with the file name put before the message of an error it raises."""
    try:
        return read()
    except ResdiffError as exc:
        detail = f"{name}: {exc.detail}"
        exc.detail = detail
        exc.args = (detail,)
        raise
