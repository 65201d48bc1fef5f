"""Text of a Word (.docx) resolution, with the numbers Word prints itself.

UN drafts circulate in Word, where the operative numbers ``1.``, ``2.`` and the
sub-paragraph letters ``(a)``, ``(b)`` are usually *automatic numbering*: they
are not in the text at all but computed by Word from ``word/numbering.xml``.
:func:`docx_to_text` computes each printed label the way Word does and puts it
before the paragraph's text, so that the parser sees ``1. Calls upon ...``:

* a paragraph is numbered by its own ``w:numPr`` (``w:numId`` + ``w:ilvl``) or
  by the one of its paragraph style (through ``w:basedOn``); ``numId`` 0 turns
  numbering off;
* a ``w:num`` points to a ``w:abstractNum`` whose ``w:lvl`` gives, per level,
  ``w:start``, ``w:numFmt`` (decimal, decimalZero, lowerLetter, upperLetter,
  lowerRoman, upperRoman, bullet, none), ``w:lvlText`` (``%1.``, ``(%2)``,
  ``%1.%2``), ``w:lvlRestart`` and ``w:isLgl``; ``w:lvlOverride`` in the
  ``w:num`` may replace a level or restart it (``w:startOverride``);
* as in Word, the ``w:num`` instances of one abstract list continue one
  another's counters, unless a ``w:startOverride`` restarts them; numbering a
  level resets the deeper ones.

Footnote references become Unicode superscript numbers in the order Word
numbers them (``INTERPOL¹``), and the footnote texts follow the body after a
``_______________`` separator, one ``1 Text`` paragraph each: the layout the
parser knows from PDF extractions. Tracked changes are read as accepted
(insertions kept, deletions dropped); hidden text is left out.

The package is read with :mod:`zipfile` and :mod:`lxml` directly, not through
``python-docx`` (which loads every part, media included): only the XML parts
needed (document, styles, numbering, footnotes, the first page's header) are
decompressed, each through a capped stream, after the sum of
the sizes the archive declares has been checked against ``max_bytes`` (a zip
bomb is refused before anything is inflated). While a part is inflated, its
bytes and its XML elements are counted against ``max_bytes`` and
``max_elements`` (one budget for all parts), and reading stops at the first
excess; so does the text, past ``max_chars`` characters.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field

from lxml import etree

from diffing.cleanup import SUPERSCRIPTS
from diffing.lexicon import to_roman
from service.config import DEFAULTS
from service.errors import (
    EmptyDocumentError,
    LimitExceededError,
    UnreadableDocumentError,
)

__all__ = ["MAX_DOCX_BYTES", "MAX_DOCX_ELEMENTS", "docx_to_text", "label_for"]

MAX_DOCX_BYTES: int = DEFAULTS["RESDIFF_MAX_DOCX_BYTES"]
"""Default limit (:mod:`service.config`) on the decompressed size of a DOCX (all its parts together)."""
MAX_DOCX_ELEMENTS: int = DEFAULTS["RESDIFF_MAX_DOCX_ELEMENTS"]
"""Default limit on the XML elements of the parts read (all together)."""
MAX_CHARS: int = DEFAULTS["RESDIFF_MAX_FILE_BYTES"]
"""Default limit on the characters of the text read."""

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_NS = {"w": _W}
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_CHUNK = 64 * 1024
_SUPERSCRIPT_DIGITS = str.maketrans("0123456789", SUPERSCRIPTS)
_SEPARATOR = "_______________"


def _w(tag: str) -> str:
    return f"{{{_W}}}{tag}"


def _val(el: etree._Element | None, attr: str = "val") -> str | None:
    if el is None:
        return None
    v = el.get(_w(attr))
    return None if v is None else str(v)


def _on(el: etree._Element | None) -> bool:
    """A Word on/off property: present and not ``0``/``false``/``off``."""
    return el is not None and (_val(el) or "true").lower() not in ("0", "false", "off")


# --- numbering -----------------------------------------------------------------


@dataclass
class _Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = ""
    restart: int | None = None  # w:lvlRestart: restart after this (1-based) level; 0 never
    legal: bool = False


@dataclass
class _Numbering:
    abstract: dict[str, dict[int, _Level]] = field(default_factory=dict)
    num_abstract: dict[str, str] = field(default_factory=dict)
    overrides: dict[str, dict[int, _Level]] = field(default_factory=dict)
    restarts: dict[str, dict[int, int]] = field(default_factory=dict)
    counters: dict[str, dict[int, int]] = field(default_factory=dict)
    used_nums: set[str] = field(default_factory=set)

    def level(self, num_id: str, ilvl: int) -> _Level | None:
        over = self.overrides.get(num_id, {})
        if ilvl in over:
            return over[ilvl]
        abstract = self.num_abstract.get(num_id)
        if abstract is None:
            return None
        return self.abstract.get(abstract, {}).get(ilvl)

    def next_label(self, num_id: str, ilvl: int) -> str | None:
        """The label Word prints for the next paragraph of list ``num_id`` at ``ilvl``."""
        abstract = self.num_abstract.get(num_id)
        lvl = self.level(num_id, ilvl)
        if abstract is None or lvl is None:
            return None
        counters = self.counters.setdefault(abstract, {})
        if num_id not in self.used_nums:
            self.used_nums.add(num_id)
            for level, start in self.restarts.get(num_id, {}).items():
                counters[level] = start - 1
        counters[ilvl] = counters.get(ilvl, lvl.start - 1) + 1
        for deeper in [d for d in counters if d > ilvl]:
            d_lvl = self.level(num_id, deeper)
            after = deeper - 1 if d_lvl is None or d_lvl.restart is None else d_lvl.restart - 1
            if d_lvl is not None and d_lvl.restart == 0:
                continue
            if ilvl <= after:
                del counters[deeper]
        if lvl.fmt in ("bullet", "none"):
            return None

        def number(level: int) -> str:
            other = self.level(num_id, level)
            value = counters.get(level, other.start if other else 1)
            fmt = other.fmt if other else "decimal"
            if lvl.legal and fmt != "decimalZero":
                fmt = "decimal"
            return label_for(value, fmt)

        out: list[str] = []
        text = lvl.text
        i = 0
        while i < len(text):
            ch = text[i]
            if ch == "%" and i + 1 < len(text) and text[i + 1].isdigit():
                out.append(number(int(text[i + 1]) - 1))
                i += 2
                continue
            out.append(ch)
            i += 1
        label = "".join(out).strip()
        return label or None


def label_for(value: int, fmt: str) -> str:
    """One level's number printed in Word's format ``fmt``.

    >>> [label_for(n, "lowerLetter") for n in (1, 2, 26, 27, 28)]
    ['a', 'b', 'z', 'aa', 'bb']
    >>> label_for(14, "lowerRoman"), label_for(4, "upperRoman"), label_for(7, "decimalZero")
    ('xiv', 'IV', '07')
    """
    if fmt in ("lowerLetter", "upperLetter"):
        if value < 1:
            return str(value)
        letter = chr(ord("a") + (value - 1) % 26) * ((value - 1) // 26 + 1)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt in ("lowerRoman", "upperRoman"):
        roman = to_roman(value).lower() if 0 < value < 4000 else str(value)
        return roman.upper() if fmt == "upperRoman" else roman
    if fmt == "decimalZero":
        return f"{value:02d}"
    return str(value)


def _read_level(el: etree._Element) -> _Level:
    start = _val(el.find("w:start", _NS))
    restart = _val(el.find("w:lvlRestart", _NS))
    return _Level(
        start=_int(start, 1),
        fmt=_val(el.find("w:numFmt", _NS)) or "decimal",
        text=_val(el.find("w:lvlText", _NS)) or "",
        restart=None if restart is None else _int(restart, 0),
        legal=_on(el.find("w:isLgl", _NS)),
    )


def _int(s: str | None, default: int) -> int:
    try:
        return int(s) if s is not None else default
    except ValueError:
        return default


def _read_numbering(root: etree._Element | None, styles: _Styles) -> _Numbering:
    num = _Numbering()
    if root is None:
        return num
    links: dict[str, str] = {}  # abstract list -> the numbering style that defines it
    for ab in root.iterfind("w:abstractNum", _NS):
        aid = _val(ab, "abstractNumId")
        if aid is None:
            continue
        num.abstract[aid] = {
            _int(_val(lv, "ilvl"), 0): _read_level(lv) for lv in ab.iterfind("w:lvl", _NS)
        }
        link = _val(ab.find("w:numStyleLink", _NS))
        if link is not None and not num.abstract[aid]:
            links[aid] = link
    nums: dict[str, str] = {}
    for n in root.iterfind("w:num", _NS):
        nid = _val(n, "numId")
        aid = _val(n.find("w:abstractNumId", _NS))
        if nid is None or aid is None:
            continue
        nums[nid] = aid
        for over in n.iterfind("w:lvlOverride", _NS):
            ilvl = _int(_val(over, "ilvl"), 0)
            lvl_el = over.find("w:lvl", _NS)
            if lvl_el is not None:
                num.overrides.setdefault(nid, {})[ilvl] = _read_level(lvl_el)
            start = _val(over.find("w:startOverride", _NS))
            if start is not None:
                num.restarts.setdefault(nid, {})[ilvl] = _int(start, 1)
    for nid, aid in nums.items():
        if aid in links:
            # the list only points to a numbering style: take the style's list
            style_num = styles.num_pr.get(links[aid], (None, None))[0]
            aid = nums.get(style_num or "", aid)
        num.num_abstract[nid] = aid
    return num


# --- styles -----------------------------------------------------------------------


@dataclass
class _Styles:
    num_pr: dict[str, tuple[str | None, int | None]] = field(default_factory=dict)
    based_on: dict[str, str] = field(default_factory=dict)
    default_paragraph: str | None = None

    def numbering(self, style_id: str | None) -> tuple[str | None, int | None]:
        """The ``(numId, ilvl)`` a paragraph style gives, through ``w:basedOn``."""
        seen: set[str] = set()
        sid = style_id or self.default_paragraph
        while sid is not None and sid not in seen:
            seen.add(sid)
            if sid in self.num_pr:
                return self.num_pr[sid]
            sid = self.based_on.get(sid)
        return None, None


def _read_styles(root: etree._Element | None) -> _Styles:
    st = _Styles()
    if root is None:
        return st
    for s in root.iterfind("w:style", _NS):
        sid = _val(s, "styleId")
        if sid is None:
            continue
        if s.get(_w("type")) == "paragraph" and s.get(_w("default")) in ("1", "true", "on"):
            st.default_paragraph = sid
        based = _val(s.find("w:basedOn", _NS))
        if based is not None:
            st.based_on[sid] = based
        num_pr = s.find("w:pPr/w:numPr", _NS)
        if num_pr is not None:
            nid = _val(num_pr.find("w:numId", _NS))
            ilvl = _val(num_pr.find("w:ilvl", _NS))
            st.num_pr[sid] = (nid, None if ilvl is None else _int(ilvl, 0))
    return st


# --- text ---------------------------------------------------------------------------


@dataclass
class _Notes:
    """Footnote texts by id, and the printed marks in order of first reference."""

    texts: dict[str, etree._Element] = field(default_factory=dict)
    order: list[tuple[str, str]] = field(default_factory=list)  # (mark, id)
    marks: dict[str, str] = field(default_factory=dict)

    def mark(self, note_id: str, custom: str | None) -> str:
        if note_id not in self.marks:
            mark = custom or str(sum(1 for m, _ in self.order if m.isdigit()) + 1)
            self.marks[note_id] = mark
            self.order.append((mark, note_id))
        return self.marks[note_id]


_SKIP = {_w("del"), _w("moveFrom"), _w("instrText"), _w("delText"), _w("rPr"), _w("pPr")}


def _runs_text(p: etree._Element, notes: _Notes | None) -> str:
    """The visible text of paragraph ``p``: tracked changes accepted, hidden text left out."""
    out: list[str] = []
    custom_next = False
    for run in _walk_runs(p):
        rpr = run.find("w:rPr", _NS)
        if rpr is not None and _on(rpr.find("w:vanish", _NS)):
            continue
        for el in run:
            tag = el.tag
            if tag == _w("t"):
                text = el.text or ""
                if custom_next and notes is not None:
                    # a footnote with a custom mark: the run's text is the mark
                    custom_next = False
                    notes.order[-1] = (text.strip() or notes.order[-1][0], notes.order[-1][1])
                    notes.marks[notes.order[-1][1]] = notes.order[-1][0]
                out.append(text)
            elif tag in (_w("tab"), _w("ptab")):
                out.append("\t")
            elif tag in (_w("br"), _w("cr")):
                if el.get(_w("type")) not in ("page", "column"):
                    out.append("\n")
            elif tag == _w("noBreakHyphen"):
                out.append("-")
            elif tag == _w("sym"):
                code = _val(el, "char") or ""
                try:
                    ch = chr(int(code, 16))
                except ValueError:
                    ch = ""
                if ch and not 0xF000 <= ord(ch) <= 0xF0FF:
                    out.append(ch)
            elif tag == _w("footnoteReference") and notes is not None:
                note_id = _val(el, "id") or ""
                if el.get(_w("customMarkFollows")) in ("1", "true", "on"):
                    notes.mark(note_id, "*")
                    custom_next = True
                    continue
                out.append(notes.mark(note_id, None).translate(_SUPERSCRIPT_DIGITS))
    return "".join(out)


def _walk_runs(el: etree._Element) -> Iterator[etree._Element]:
    """The ``w:r`` of ``el`` in document order, skipping deletions and field codes."""
    for child in el:
        if not isinstance(child.tag, str) or child.tag in _SKIP:
            continue
        if child.tag == _w("r"):
            yield child
        elif child.tag != _w("p"):
            yield from _walk_runs(child)


def _paragraphs(body: etree._Element) -> Iterator[etree._Element]:
    """Body paragraphs in order, table cells included, deleted ones and text boxes left out."""
    for child in body:
        if not isinstance(child.tag, str):
            continue
        if child.tag == _w("p"):
            yield child
        elif child.tag in (_w("del"), _w("moveFrom"), _w("sectPr")):
            continue
        else:
            yield from _paragraphs(child)


def _paragraph_label(p: etree._Element, styles: _Styles, numbering: _Numbering) -> str | None:
    ppr = p.find("w:pPr", _NS)
    num_id: str | None = None
    ilvl: int | None = None
    style_id: str | None = None
    if ppr is not None:
        style_id = _val(ppr.find("w:pStyle", _NS))
        num_pr = ppr.find("w:numPr", _NS)
        if num_pr is not None:
            num_id = _val(num_pr.find("w:numId", _NS))
            lvl = _val(num_pr.find("w:ilvl", _NS))
            ilvl = None if lvl is None else _int(lvl, 0)
    if num_id is None or ilvl is None:
        s_num, s_lvl = styles.numbering(style_id)
        num_id = num_id if num_id is not None else s_num
        ilvl = ilvl if ilvl is not None else s_lvl
    if num_id is None or num_id == "0":
        return None
    return numbering.next_label(num_id, ilvl or 0)


def docx_to_text(
    data: bytes,
    *,
    max_bytes: int = MAX_DOCX_BYTES,
    max_elements: int = MAX_DOCX_ELEMENTS,
    max_chars: int = MAX_CHARS,
) -> str:
    """The text of the DOCX ``data``: one paragraph per block, numbers and footnotes in.

    The first page's header comes first (UN drafts carry their symbol there).
    Raises :class:`UnreadableDocumentError` for a damaged archive or XML,
    :class:`LimitExceededError` when the archive inflates past ``max_bytes``,
    holds more than ``max_elements`` XML elements or more than ``max_chars``
    characters of text, and :class:`EmptyDocumentError` when it holds no text.
    """
    with _Package(data, max_bytes, max_elements) as package:
        document = package.xml("word/document.xml")
        if document is None:
            raise UnreadableDocumentError(
                "the DOCX has no word/document.xml: it is not a Word document"
            )
        body = document.find("w:body", _NS)
        if body is None:
            raise EmptyDocumentError("the DOCX has no body: nothing to parse")
        styles = _read_styles(package.xml("word/styles.xml"))
        numbering = _read_numbering(package.xml("word/numbering.xml"), styles)
        footnotes_xml = package.xml("word/footnotes.xml")
        header = _first_header(package, body)
    notes = _Notes()
    if footnotes_xml is not None:
        for fn in footnotes_xml.iterfind("w:footnote", _NS):
            if fn.get(_w("type")) in (None, "normal"):
                notes.texts[_val(fn, "id") or ""] = fn
    blocks: list[str] = []
    if header is not None:
        blocks += [t for p in _paragraphs(header) if (t := _clean(_runs_text(p, None)))]
    size = 0
    for p in _paragraphs(body):
        text = _clean(_runs_text(p, notes))
        label = _paragraph_label(p, styles, numbering)
        if text:
            blocks.append(f"{label} {text}" if label else text)
            size += len(blocks[-1]) + 3
            if size > max_chars:
                raise LimitExceededError(
                    f"the DOCX holds more than {max_chars:,} characters of text: refused"
                )
    if not blocks:
        raise EmptyDocumentError("the DOCX holds no text: nothing to parse")
    footnotes = []
    for mark, note_id in notes.order:
        fn = notes.texts.get(note_id)
        if fn is None:
            continue
        text = " ".join(t for p in _paragraphs(fn) if (t := _clean(_runs_text(p, None))))
        text = " ".join(text.split())
        if text.startswith(mark) and not mark.isdigit():
            # a custom mark is typed in the note itself
            text = text[len(mark) :].strip()
        if text:
            footnotes.append(f"{mark} {text}")
    out = "\n \n".join(blocks)
    if footnotes:
        out += f"\n{_SEPARATOR}\n \n" + "\n \n".join(footnotes)
    return out + "\n"


def _clean(text: str) -> str:
    """Single spaces; the line breaks typed in the paragraph kept."""
    return "\n".join(" ".join(line.split()) for line in text.split("\n")).strip()


def _first_header(package: _Package, body: etree._Element) -> etree._Element | None:
    """The header printed on the first page: of the first section, ``first`` or ``default``."""
    sect = body.find(".//w:sectPr", _NS)
    rels = package.xml("word/_rels/document.xml.rels")
    if sect is None or rels is None:
        return None
    kinds = ("first", "default") if _on(sect.find("w:titlePg", _NS)) else ("default",)
    refs = {
        r.get(_w("type")): r.get(f"{{{_R}}}id") for r in sect.iterfind("w:headerReference", _NS)
    }
    targets = {
        r.get("Id"): r.get("Target")
        for r in rels
        if isinstance(r.tag, str) and r.get("TargetMode") != "External"
    }
    for kind in kinds:
        target = targets.get(refs.get(kind))
        if target and not target.startswith("/") and ".." not in target:
            return package.xml(f"word/{target}")
    return None


class _Package:
    """The ZIP archive of a DOCX, read part by part within a budget of inflated bytes."""

    def __init__(self, data: bytes, max_bytes: int, max_elements: int = MAX_DOCX_ELEMENTS) -> None:
        try:
            self.archive = zipfile.ZipFile(io.BytesIO(data))
        except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError) as exc:
            raise UnreadableDocumentError(
                "the DOCX is damaged or truncated: it is not a readable ZIP archive"
            ) from exc
        declared = sum(info.file_size for info in self.archive.infolist())
        if declared > max_bytes:
            self.archive.close()
            raise LimitExceededError(
                f"the DOCX would inflate to {declared:,} bytes; the limit is {max_bytes:,} bytes"
            )
        self.names = set(self.archive.namelist())
        self.budget = max_bytes
        self.elements = max_elements
        self.max_elements = max_elements

    def __enter__(self) -> _Package:
        return self

    def __exit__(self, *exc: object) -> None:
        self.archive.close()

    def xml(self, name: str) -> etree._Element | None:
        """Part ``name`` parsed, or ``None`` when the archive has no such part."""
        if name not in self.names:
            return None
        parser = etree.XMLPullParser(
            events=("start",),
            resolve_entities=False,
            no_network=True,
            huge_tree=False,
            remove_comments=True,
        )
        try:
            with self.archive.open(name) as stream:
                while chunk := stream.read(_CHUNK):
                    self.budget -= len(chunk)
                    if self.budget < 0:
                        raise LimitExceededError(
                            "the DOCX inflates past its size limit (a ZIP bomb?): refused"
                        )
                    parser.feed(chunk)
                    self._count(parser)
            root: etree._Element = parser.close()
            self._count(parser)
        except LimitExceededError:
            raise
        except (zipfile.BadZipFile, EOFError, OSError, ValueError, etree.XMLSyntaxError) as exc:
            raise UnreadableDocumentError(
                f"the DOCX part {name} is damaged and cannot be read"
            ) from exc
        except RuntimeError as exc:  # zipfile: an encrypted member
            raise UnreadableDocumentError(f"the DOCX part {name} cannot be read: {exc}") from exc
        return root

    def _count(self, parser: etree.XMLPullParser) -> None:
        """Count the elements ``parser`` has opened so far against the budget."""
        for _ in parser.read_events():
            self.elements -= 1
        if self.elements < 0:
            raise LimitExceededError(
                f"the DOCX holds more than {self.max_elements:,} XML elements: refused"
            )
