"""What kind of file a document is, from its content: PDF, DOCX, text or Markdown.

The format comes from the content, the file name only breaks ties (``.md``):

* ``%PDF-`` near the start: a PDF;
* a ZIP archive holding ``word/document.xml``: a DOCX (any other ZIP, an
  ``.xlsx`` or ``.odt`` included, is refused), and an OLE file holding an
  ``EncryptedPackage`` stream is a password-protected Office document;
* anything else must decode as UTF-8 (a BOM is allowed) or as UTF-16/32 with a
  BOM; it is Markdown when the parser reads it as Markdown
  (:func:`diffing.cleanup.is_markdown`: one definition for both), or when its
  name ends in ``.md``; plain text otherwise.
"""

from __future__ import annotations

import codecs
import io
import zipfile
from pathlib import Path
from typing import Literal

from diffing.cleanup import is_markdown
from service.errors import (
    EncryptedDocumentError,
    UnreadableDocumentError,
    UnsupportedFormatError,
)

__all__ = [
    "Format",
    "Kind",
    "decode_text",
    "detect_format",
    "display_name",
    "refuse_binary",
    "sniff",
]

#: what a document file is
Format = Literal["pdf", "docx", "text", "markdown"]
#: how a document file is read (Markdown is text the parser reads as such)
Kind = Literal["pdf", "docx", "text"]

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
    kind, text = sniff(data, filename)
    if kind != "text":
        return kind
    suffix = Path(filename or "").suffix.lower()
    if suffix in (".md", ".markdown") or is_markdown(text or ""):
        return "markdown"
    return "text"


def sniff(data: bytes, filename: str | None) -> tuple[Kind, str | None]:
    """How ``data`` is read, and for a text its decoded text."""
    name = display_name(filename)
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
    return "text", decode_text(data, name)


def _is_pdf(data: bytes) -> bool:
    """``%PDF-`` at the start, or within the first KiB after some binary junk."""
    if data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"%PDF-"):
        return True
    at = data.find(b"%PDF-", 0, 1024)
    return at > 0 and any(b < 9 or b > 126 for b in data[:at])


def display_name(filename: str | None) -> str:
    """The last component of a file name, for messages (``the document`` without one)."""
    if not filename:
        return "the document"
    return filename.replace("\\", "/").rsplit("/", 1)[-1] or "the document"


def _zip_kind(data: bytes, name: str) -> Kind:
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


def decode_text(data: bytes, name: str) -> str:
    """``data`` decoded (UTF-8, or UTF-16/32 with a BOM), refused when it is binary."""
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
    refuse_binary(text, name)
    return text


def refuse_binary(text: str, name: str) -> None:
    """Refuse a "text" that holds NUL or many control characters: a binary file (415)."""
    if "\x00" in text or _control_share(text) > 0.05:
        raise UnsupportedFormatError(
            f"{name} is a binary file, not text: upload a PDF, DOCX or text file"
        )


def _control_share(text: str) -> float:
    sample = text[:4096]
    if not sample:
        return 0.0
    bad = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\n\r\f\v")
    return bad / len(sample)
