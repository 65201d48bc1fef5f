"""Read a resolution from a file: PDF, DOCX, plain text or Markdown.

The format comes from the content, the file name only breaks ties (``.md``):

* ``%PDF-`` near the start: a PDF, read by :mod:`service.pdftext`;
* a ZIP archive holding ``word/document.xml``: a DOCX, read by
  :mod:`service.docxtext` (any other ZIP, an ``.xlsx`` or ``.odt`` included,
  is refused), and an OLE file holding an ``EncryptedPackage`` stream is a
  password-protected Office document;
* anything else must decode as UTF-8 (a BOM is allowed) or as UTF-16/32 with a
  BOM; it is Markdown when it uses Markdown's marks (``**``, ``*Word*``,
  ``[x](#)``, ``# ``), plain text otherwise. The parser reads both.

Public API: :func:`load`, :func:`load_bytes`, :func:`extract_text`,
:func:`detect_format`, and the default limits :data:`MAX_FILE_BYTES`,
:data:`MAX_PDF_PAGES`, :data:`MAX_DOCX_BYTES`. Every failure is a
:class:`~diffing.errors.ResdiffError` with a message that names the problem,
never a library's exception.
"""

from __future__ import annotations

import codecs
import io
import re
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Literal, Protocol

from diffing import parse
from diffing.errors import (
    EmptyDocumentError,
    EncryptedDocumentError,
    LimitExceededError,
    ResdiffError,
    UnreadableDocumentError,
    UnsupportedFormatError,
)
from diffing.model import Resolution
from service.config import DEFAULTS
from service.docxtext import MAX_DOCX_BYTES, docx_to_text
from service.pdftext import MAX_PDF_PAGES, pdf_to_text

__all__ = [
    "MAX_DOCX_BYTES",
    "MAX_FILE_BYTES",
    "MAX_PDF_PAGES",
    "Format",
    "IngestLimits",
    "detect_format",
    "extract_text",
    "load",
    "load_bytes",
]

Format = Literal["pdf", "docx", "text", "markdown"]

MAX_FILE_BYTES: int = DEFAULTS["RESDIFF_MAX_FILE_BYTES"]
"""Default limit on the size of a file to read (the service's, :mod:`service.config`)."""


class IngestLimits(Protocol):
    """What :func:`load_bytes` reads of a limits object (``service.config.Limits``)."""

    @property
    def file_bytes(self) -> int: ...
    @property
    def pdf_pages(self) -> int: ...
    @property
    def docx_bytes(self) -> int: ...


_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_IMAGES: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"BM", "a BMP image"),
)
_OTHER_ZIPS: tuple[tuple[str, str], ...] = (
    ("xl/workbook.xml", "an Excel workbook (.xlsx)"),
    ("ppt/presentation.xml", "a PowerPoint presentation (.pptx)"),
    ("META-INF/manifest.xml", "an OpenDocument file (.odt): save it as .docx or PDF"),
)
_MARKDOWN = (
    re.compile(r"\*\*[^*\n]+\*\*"),
    re.compile(r"(?<![\w*])\*[^\W\d_][^*\n]*\*(?![\w*])"),
    re.compile(r"\[[^\[\]\n]*\]\([^()\s]*\)"),
    re.compile(r"(?m)^#{1,6} \S"),
    re.compile(r"\^[^\^\s]{1,10}\^"),
)


def detect_format(data: bytes, filename: str | None = None) -> Format:
    """``pdf``, ``docx``, ``text`` or ``markdown``, from the content of ``data``.

    Raises :class:`UnsupportedFormatError` for any other kind of file,
    :class:`EncryptedDocumentError` for a password-protected Office file and
    :class:`UnreadableDocumentError` for text that is not UTF-8.

    >>> detect_format(b"%PDF-1.7 ...")
    'pdf'
    >>> detect_format(b"1. *Decides* to remain seized of the matter.")
    'markdown'
    >>> detect_format(b"1. Decides to remain seized of the matter.", "draft.txt")
    'text'
    """
    return _sniff(data, filename)[0]


def _sniff(data: bytes, filename: str | None) -> tuple[Format, str | None]:
    """The format, and for text formats the decoded text."""
    name = _display(filename)
    if _is_pdf(data):
        return "pdf", None
    if data.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return _zip_kind(data, name), None
    if data.startswith(_OLE_MAGIC):
        if _ENCRYPTED_PACKAGE in data:
            raise EncryptedDocumentError(
                f"{name} is a password-protected Office document:"
                " remove the password and upload it again"
            )
        raise UnsupportedFormatError(
            f"{name} is an old binary Office file (.doc): save it as .docx or PDF"
        )
    for magic, what in _IMAGES:
        if data.startswith(magic):
            raise UnsupportedFormatError(
                f"{name} is {what}: resdiff reads text, not pictures (upload the PDF or DOCX)"
            )
    if data.startswith(b"{\\rtf"):
        raise UnsupportedFormatError(f"{name} is an RTF document: save it as .docx or PDF")
    text = _decode(data, name)
    suffix = Path(filename or "").suffix.lower()
    if suffix in (".md", ".markdown") or any(p.search(text) for p in _MARKDOWN):
        return "markdown", text
    return "text", text


def _is_pdf(data: bytes) -> bool:
    """``%PDF-`` at the start, or within the first KiB after some binary junk."""
    if data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"%PDF-"):
        return True
    at = data.find(b"%PDF-", 0, 1024)
    return at > 0 and any(b < 9 or b > 126 for b in data[:at])


def extract_text(
    data: bytes,
    filename: str | None = None,
    *,
    max_bytes: int = MAX_FILE_BYTES,
    max_pages: int = MAX_PDF_PAGES,
    max_docx_bytes: int = MAX_DOCX_BYTES,
) -> tuple[str, Format]:
    """The text of a document file, as the parser reads it, and its format."""
    name = _display(filename)
    if len(data) > max_bytes:
        raise LimitExceededError(f"{name} is {len(data):,} bytes; the limit is {max_bytes:,} bytes")
    if not data.strip():
        raise EmptyDocumentError(f"{name} is empty")
    fmt, decoded = _sniff(data, filename)
    if fmt == "pdf":
        text = _named(name, lambda: pdf_to_text(data, max_pages=max_pages))
    elif fmt == "docx":
        text = _named(name, lambda: docx_to_text(data, max_bytes=max_docx_bytes))
    else:
        text = decoded or ""
    if not text.strip():
        raise EmptyDocumentError(f"{name} holds no text")
    return text, fmt


def load_bytes(
    data: bytes,
    filename: str | None = None,
    *,
    limits: IngestLimits | None = None,
    max_bytes: int | None = None,
    max_pages: int | None = None,
    max_docx_bytes: int | None = None,
    language: str | None = None,
) -> Resolution:
    """Parse a document file held in memory (an upload).

    Limits come from the keyword arguments, else from ``limits`` (an object
    with ``file_bytes``, ``pdf_pages`` and ``docx_bytes``), else from the
    module defaults.
    """
    max_bytes, max_pages, max_docx_bytes = _caps(limits, max_bytes, max_pages, max_docx_bytes)
    text, _ = extract_text(
        data, filename, max_bytes=max_bytes, max_pages=max_pages, max_docx_bytes=max_docx_bytes
    )
    return parse(text, language=language)


def load(
    path: str | Path,
    *,
    limits: IngestLimits | None = None,
    max_bytes: int | None = None,
    max_pages: int | None = None,
    max_docx_bytes: int | None = None,
    language: str | None = None,
) -> Resolution:
    """Parse the document file at ``path`` (.txt, .md, .pdf, .docx)."""
    path = Path(path)
    max_bytes, max_pages, max_docx_bytes = _caps(limits, max_bytes, max_pages, max_docx_bytes)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise LimitExceededError(
                f"{path.name} is {size:,} bytes; the limit is {max_bytes:,} bytes"
            )
        data = path.read_bytes()
    except IsADirectoryError as exc:
        raise UnreadableDocumentError(f"{path} is a directory, not a document") from exc
    except FileNotFoundError as exc:
        raise UnreadableDocumentError(f"{path} does not exist") from exc
    except OSError as exc:
        raise UnreadableDocumentError(f"{path} cannot be read: {exc.strerror or exc}") from exc
    return load_bytes(
        data,
        path.name,
        max_bytes=max_bytes,
        max_pages=max_pages,
        max_docx_bytes=max_docx_bytes,
        language=language,
    )


# --- helpers ------------------------------------------------------------------------


def _caps(
    limits: IngestLimits | None,
    max_bytes: int | None,
    max_pages: int | None,
    max_docx_bytes: int | None,
) -> tuple[int, int, int]:
    """The file size, page and DOCX limits in force: each keyword argument given,
    else its value in ``limits``, else the module default."""
    if limits is not None:
        defaults = (limits.file_bytes, limits.pdf_pages, limits.docx_bytes)
    else:
        defaults = (MAX_FILE_BYTES, MAX_PDF_PAGES, MAX_DOCX_BYTES)
    return (
        int(defaults[0] if max_bytes is None else max_bytes),
        int(defaults[1] if max_pages is None else max_pages),
        int(defaults[2] if max_docx_bytes is None else max_docx_bytes),
    )


def _display(filename: str | None) -> str:
    if not filename:
        return "the document"
    return filename.replace("\\", "/").rsplit("/", 1)[-1] or "the document"


def _named(name: str, read: Callable[[], str]) -> str:
    """``read()``, with the file name put before the message of an error it raises."""
    try:
        return read()
    except ResdiffError as exc:
        detail = f"{name}: {exc.detail}"
        exc.detail = detail
        exc.args = (detail,)
        raise


def _zip_kind(data: bytes, name: str) -> Format:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError) as exc:
        raise UnreadableDocumentError(
            f"{name} is a damaged or truncated ZIP archive (a corrupt DOCX?)"
        ) from exc
    if "word/document.xml" in names:
        return "docx"
    for part, what in _OTHER_ZIPS:
        if part in names:
            raise UnsupportedFormatError(f"{name} is {what}, not a Word document")
    raise UnsupportedFormatError(
        f"{name} is a ZIP archive without a Word document in it: upload a PDF, DOCX or text file"
    )


def _decode(data: bytes, name: str) -> str:
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec)
            except UnicodeDecodeError as exc:
                raise UnreadableDocumentError(
                    f"{name} starts with a {codec.upper().removesuffix('-SIG')} byte-order mark"
                    f" but byte {exc.start:,} is not valid {codec.removesuffix('-sig')}"
                ) from exc
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        bad = data[exc.start : exc.start + 1].hex()
        raise UnreadableDocumentError(
            f"{name} is not UTF-8 text: byte 0x{bad} at offset {exc.start:,} (line {line})"
            " cannot be decoded; save the file as UTF-8"
        ) from exc
    if "\x00" in text or _control_share(text) > 0.05:
        raise UnsupportedFormatError(
            f"{name} is a binary file, not text: upload a PDF, DOCX or text file"
        )
    return text


def _control_share(text: str) -> float:
    sample = text[:4096]
    if not sample:
        return 0.0
    bad = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\n\r\f\v")
    return bad / len(sample)
