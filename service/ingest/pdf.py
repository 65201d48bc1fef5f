"""Text of a PDF resolution, laid out like the corpus ``.txt`` files.

:func:`pdf_to_text` reads every character of every page with PDFium
(``pypdfium2``): its code point, its baseline origin and its font size, in
content-stream order (the order in which the UN's PDFs draw their text, which
is also the order of the corpus texts). It rebuilds the lines from the
baselines rather than trusting PDFium's own line breaks, so that

* a superscript footnote marker (smaller font, raised baseline) is glued to the
  word it follows, written with Unicode superscript digits (``INTERPOL¹``,
  ``Strategy,³``, ``2000⁷``), so that the parser never mistakes it for part of
  a number, nor a number for a marker;
* the label of a footnote (a small raised ``1`` before the footnote text) opens
  its footnote line (``1 United Nations, Treaty Series ...``);
* a vertical gap wider than the line pitch becomes a blank line, as between
  two paragraphs of the corpus texts;
* PDFium's end-of-line hyphen marker becomes the printed ``-`` again;
* footnotes set smaller than the body after a rule that is drawn, not typed
  (Word's PDF export), get a ``_______________`` line before them, and a bare
  page number (``3``, ``Page 3 of 9``) at the top or bottom of a page goes.

Page furniture (running headers, job numbers, barcodes, ``2/9``) is kept, in
the form the parser already removes: the result can be handed to
:func:`diffing.parse` as it is.

Before PDFium opens a file, :func:`prescan` counts its objects and inflates
every zlib stream (``/FlateDecode``: page contents, object streams, fonts)
through a capped decompressor, stopping at the first excess: a small PDF whose
content stream inflates to gigabytes is refused after reading ``max_inflated``
bytes, without holding them. The characters read are counted page by page
too. (Streams PDFium inflates otherwise are bounded by the address-space limit
of the process that reads: :mod:`service.pool`.)

PDFium is not thread-safe: every call to it goes through one lock.
"""

from __future__ import annotations

import ctypes
import re
import threading
import zlib
from dataclasses import dataclass, field
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from diffing.cleanup import SUPERSCRIPTS
from service.config import DEFAULTS
from service.errors import (
    EmptyDocumentError,
    EncryptedDocumentError,
    LimitExceededError,
    UnreadableDocumentError,
)

__all__ = ["MAX_INFLATED", "MAX_OBJECTS", "MAX_PDF_PAGES", "pdf_to_text", "prescan"]

MAX_PDF_PAGES: int = DEFAULTS["RESDIFF_MAX_PDF_PAGES"]
"""Default page limit (:mod:`service.config`): a PDF with more pages is refused before any text is read."""
MAX_INFLATED: int = DEFAULTS["RESDIFF_MAX_PDF_INFLATED"]
"""Default limit on the bytes the compressed streams of one PDF inflate to, together."""
MAX_OBJECTS: int = DEFAULTS["RESDIFF_MAX_PDF_OBJECTS"]
"""Default limit on the objects of one PDF (numbered objects and those of object streams)."""
MAX_CHARS: int = DEFAULTS["RESDIFF_MAX_FILE_BYTES"]
"""Default limit on the characters read from one PDF."""

_LOCK = threading.Lock()
_SEPARATOR = re.compile(r"_{5,}")
_SEPARATOR_TEXT = "_______________"
_PAGE_NUMBER = re.compile(r"(?:[-–] ?)?\d{1,4}(?: ?[-–])?|(?:Page|page) \d{1,4}(?: of \d{1,4})?")
_SUPERSCRIPT_DIGITS = str.maketrans("0123456789", SUPERSCRIPTS)

# PDFium reports a hyphen that ends a line as one of these.
_LINE_END_HYPHENS = {0x02, 0xFFFE}
# Spaces and line breaks: drawn, or added by PDFium between words and lines.
_BREAKS = {0x20, 0xA0, 0x09, 0x0D, 0x0A}
# A superscript is at most this fraction of the line's font size ...
_SUPER_SIZE = 0.85
# ... and its baseline is raised by at least this fraction of it.
_SUPER_RISE = 0.2
# Two baselines closer than this fraction of the font size are one line.
_SAME_LINE = 0.3
# A gap wider than this fraction of the font size is a word space (upright, italic).
_WORD_GAP = 0.17
_ITALIC_GAP = 0.08
# The italic bit of a PDF font descriptor's flags.
_ITALIC_FLAG = 1 << 6
# Kerning may draw a character this fraction of the font size left of the previous one.
_OVERLAP = 0.5
# A horizontal jump wider than this many font sizes starts a new line (a column).
_COLUMN_GAP = 4.0
# A baseline step wider than this many font sizes leaves a blank line.
_BLANK_GAP = 1.45


@dataclass
class _Char:
    text: str
    left: float
    right: float
    y: float
    size: float
    space: bool = False  # a word space separates it from the character drawn before


@dataclass
class _Line:
    base: float
    size: float
    parts: list[str] = field(default_factory=list)
    right: float = 0.0
    footnote: bool = False  # opened by a small raised label

    def text(self) -> str:
        return "".join(self.parts).strip()


def pdf_to_text(
    data: bytes,
    *,
    max_pages: int = MAX_PDF_PAGES,
    max_inflated: int = MAX_INFLATED,
    max_objects: int = MAX_OBJECTS,
    max_chars: int = MAX_CHARS,
) -> str:
    """The text of the PDF ``data``, pages joined by a blank line.

    Raises :class:`EncryptedDocumentError` for a password-protected PDF,
    :class:`UnreadableDocumentError` for a damaged one,
    :class:`LimitExceededError` past ``max_pages`` pages, ``max_objects``
    objects, ``max_inflated`` inflated bytes (:func:`prescan`) or ``max_chars``
    characters, and :class:`EmptyDocumentError` when no page holds text (a scan).
    """
    prescan(data, max_inflated=max_inflated, max_objects=max_objects)
    with _LOCK:
        pdf = _open(data)
        try:
            n = len(pdf)
            if n > max_pages:
                raise LimitExceededError(f"the PDF has {n} pages; the limit is {max_pages} pages")
            pages = []
            read = 0
            for i in range(n):
                pages.append(_page_chars(pdf, i))
                read += len(pages[-1])
                if read > max_chars:
                    raise LimitExceededError(
                        f"the PDF holds more than {max_chars:,} characters of text"
                        f" (by page {i + 1}): refused"
                    )
        finally:
            pdf.close()
    text = "\n".join(_layout(chars) for chars in pages)
    if not text.strip():
        raise EmptyDocumentError("the PDF holds no text layer (a scanned image?): nothing to parse")
    return text


_OBJ = re.compile(rb"\d+\s+\d+\s+obj\b")
_STREAM = re.compile(rb"stream(?:\r\n|\n|\r)")
_OBJSTM_COUNT = re.compile(rb"/N\s+(\d{1,9})")
_INFLATE_CHUNK = 256 * 1024


def prescan(
    data: bytes, *, max_inflated: int = MAX_INFLATED, max_objects: int = MAX_OBJECTS
) -> None:
    """Refuse (413) a PDF with more than ``max_objects`` objects, or whose zlib streams
    inflate to more than ``max_inflated`` bytes together; each count stops at its limit
    and no inflated byte is kept.

    A stream that is not zlib data (an image, an encrypted stream) is skipped: only
    its first bytes are tried.
    """
    objects = 0
    for _ in _OBJ.finditer(data):
        objects += 1
        if objects > max_objects:
            raise LimitExceededError(f"the PDF has more than {max_objects:,} objects: refused")
    budget = max_inflated
    for match in _STREAM.finditer(data):
        head = data[max(0, match.start() - 512) : match.start()]
        if b"/ObjStm" in head and (n := _OBJSTM_COUNT.search(head)):
            objects += int(n.group(1))
            if objects > max_objects:
                raise LimitExceededError(f"the PDF has more than {max_objects:,} objects: refused")
        budget -= _inflated_size(data, match.end(), budget + 1)
        if budget < 0:
            raise LimitExceededError(
                f"the PDF's compressed streams inflate to more than {max_inflated:,} bytes"
                " (a decompression bomb?): refused"
            )


def _inflated_size(data: bytes, start: int, most: int) -> int:
    """How many bytes the zlib stream at ``start`` inflates to, counting no further
    than ``most``; 0 when it is not zlib data."""
    inflater = zlib.decompressobj()
    size = 0
    at = start
    try:
        while at < len(data) and size < most and not inflater.eof:
            chunk = data[at : at + _INFLATE_CHUNK]
            at += len(chunk)
            while chunk and size < most:
                out = inflater.decompress(chunk, min(_INFLATE_CHUNK, most - size))
                size += len(out)
                chunk = inflater.unconsumed_tail
                if inflater.eof:
                    break
    except zlib.error:
        pass
    return size


def _open(data: bytes) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        code = getattr(exc, "err_code", None)
        if code in (pdfium_c.FPDF_ERR_PASSWORD, pdfium_c.FPDF_ERR_SECURITY):
            raise EncryptedDocumentError(
                "the PDF is password protected: remove the password and upload it again"
            ) from exc
        raise UnreadableDocumentError("the PDF is damaged or truncated and cannot be read") from exc


def _page_chars(pdf: pdfium.PdfDocument, index: int) -> list[_Char]:
    try:
        page = pdf[index]
    except pdfium.PdfiumError as exc:
        raise UnreadableDocumentError(f"page {index + 1} of the PDF cannot be read") from exc
    try:
        textpage = page.get_textpage()
        try:
            chars = _chars(textpage)
        finally:
            textpage.close()
    finally:
        page.close()
    return chars


def _chars(textpage: pdfium.PdfTextPage) -> list[_Char]:
    """Every character drawn on the page, in content-stream order.

    A character's ``space`` says whether a word space comes before it: a space
    drawn in the PDF, or a gap that PDFium marked with a space of its own and
    that is wide enough. Justified text often has gaps inside words that PDFium
    takes for spaces (``politica l``); italic leads are set tighter
    (``Recalling further``), so between two italic letters a narrower gap
    is enough.
    """
    raw = textpage.raw
    n = pdfium_c.FPDFText_CountChars(raw)
    out: list[_Char] = []
    if n <= 0:
        return out
    codes = _codes(raw, n)
    x = ctypes.c_double()
    y = ctypes.c_double()
    box = pdfium_c.FS_RECTF()
    x_ref, y_ref, box_ref = ctypes.byref(x), ctypes.byref(y), ctypes.byref(box)
    is_generated = pdfium_c.FPDFText_IsGenerated
    get_origin = pdfium_c.FPDFText_GetCharOrigin
    get_box = pdfium_c.FPDFText_GetLooseCharBox
    get_size = pdfium_c.FPDFText_GetFontSize
    drawn_space = False
    gap_from: float | None = None  # where PDFium's own space starts
    last = -1  # index of the last character kept
    for i, code in enumerate(codes):
        if code in _BREAKS:
            # PDFium adds spaces and line breaks of its own: only those are "generated"
            if is_generated(raw, i) == 1:
                if code == 0x20:
                    get_box(raw, i, box_ref)
                    gap_from = box.left
                elif gap_from is None and out:
                    gap_from = out[-1].right
            else:
                drawn_space = True
            continue
        if code == 0 or 0xD800 <= code <= 0xDFFF:
            continue
        ch = "-" if code in _LINE_END_HYPHENS else chr(code)
        get_origin(raw, i, x_ref, y_ref)
        get_box(raw, i, box_ref)
        size = get_size(raw, i)
        space = drawn_space
        if not space and gap_from is not None:
            tight = bool(out) and ch.isalnum() and out[-1].text.isalnum()
            tight = tight and _italic(raw, i) and _italic(raw, last)
            width = _ITALIC_GAP if tight else _WORD_GAP
            space = box.left - gap_from > width * size
        out.append(_Char(ch, box.left, box.right, y.value, size, space))
        drawn_space = False
        gap_from = None
        last = i
    return out


def _codes(raw: Any, n: int) -> list[int]:
    """The code point of each of the ``n`` characters: one call for the page."""
    buffer = ctypes.create_string_buffer((n + 1) * 2)
    written = pdfium_c.FPDFText_GetText(
        raw, 0, n, ctypes.cast(buffer, ctypes.POINTER(ctypes.c_ushort))
    )
    text = buffer.raw[: max(written - 1, 0) * 2].decode("utf-16-le", errors="surrogatepass")
    if len(text) == n:
        return [ord(ch) for ch in text]
    # characters outside the BMP or an odd count: ask one by one
    return [pdfium_c.FPDFText_GetUnicode(raw, i) for i in range(n)]


def _italic(raw: Any, index: int) -> bool:
    if index < 0:
        return False
    flags = ctypes.c_int()
    pdfium_c.FPDFText_GetFontInfo(raw, index, None, 0, ctypes.byref(flags))
    return bool(flags.value & _ITALIC_FLAG)


def _layout(chars: list[_Char]) -> str:
    lines: list[_Line] = []
    cur: _Line | None = None
    for c in chars:
        if cur is None:
            cur = _start(c, lines)
        elif _same_line(cur, c):
            if c.space:
                _add_space(cur)
            cur.parts.append(c.text)
        elif _is_superscript(cur, c):
            while cur.parts and cur.parts[-1] == " ":
                cur.parts.pop()
            cur.parts.append(c.text.translate(_SUPERSCRIPT_DIGITS))
        elif _carries_label(cur, c):
            # the small raised label before a footnote: the line is the footnote's
            cur.base, cur.size, cur.footnote = c.y, c.size, True
            _add_space(cur)
            cur.parts.append(c.text)
        else:
            cur = _start(c, lines)
        cur.right = c.right
    return _join(lines)


def _start(c: _Char, lines: list[_Line]) -> _Line:
    line = _Line(base=c.y, size=c.size, parts=[c.text], right=c.right)
    lines.append(line)
    return line


def _add_space(line: _Line) -> None:
    if line.parts and line.parts[-1] != " ":
        line.parts.append(" ")


def _same_line(line: _Line, c: _Char) -> bool:
    return (
        abs(c.y - line.base) <= _SAME_LINE * max(line.size, 1.0)
        and line.right - _OVERLAP * line.size <= c.left <= line.right + _COLUMN_GAP * line.size
    )


def _is_superscript(line: _Line, c: _Char) -> bool:
    rise = c.y - line.base
    return (
        c.size <= line.size * _SUPER_SIZE
        and _SUPER_RISE * line.size <= rise <= line.size
        and line.right - 1.0 <= c.left <= line.right + line.size
    )


def _carries_label(line: _Line, c: _Char) -> bool:
    """``line`` so far is a short label in a smaller, raised font before ``c``."""
    drop = line.base - c.y
    return (
        len(line.text()) <= 3
        and line.size <= c.size * _SUPER_SIZE
        and 0 < drop <= c.size
        and c.left >= line.right - 1.0
    )


def _join(lines: list[_Line]) -> str:
    lines = _without_page_number(lines)
    body = _body_size(lines)
    separated = any(_SEPARATOR.fullmatch(line.text()) for line in lines)
    out: list[str] = []
    prev: _Line | None = None
    for line in lines:
        if line.footnote and not separated and line.size < 0.95 * body:
            # Word draws the footnote rule as a line, not as text: write one
            out += [" ", _SEPARATOR_TEXT]
            separated = True
        if prev is not None:
            step = prev.base - line.base
            if line.footnote or step < 0 or step > _BLANK_GAP * max(prev.size, line.size):
                out.append(" ")
        out.append(line.text())
        prev = line
    return "\n".join(out) + "\n" if out else ""


def _body_size(lines: list[_Line]) -> float:
    """The font size of most of the page's text."""
    weight: dict[float, int] = {}
    for line in lines:
        size = round(line.size, 1)
        weight[size] = weight.get(size, 0) + len(line.text())
    return max(weight, key=lambda k: weight[k]) if weight else 0.0


def _without_page_number(lines: list[_Line]) -> list[_Line]:
    """The lines less a bare page number (``3``, ``- 3 -``, ``Page 3 of 9``) at the top or bottom."""
    if len(lines) < 2:
        return lines
    top = max(line.base for line in lines)
    bottom = min(line.base for line in lines)
    return [
        line
        for line in lines
        if not (line.base in (top, bottom) and _PAGE_NUMBER.fullmatch(line.text()))
    ]
