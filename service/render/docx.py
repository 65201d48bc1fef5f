"""Word reports with real tracked changes.

The document is the OLD resolution with the changes as revisions: ``w:ins``
and ``w:del`` (``w:delText`` inside) signed with an author and a date, a
paragraph mark inserted (``w:pPr/w:rPr/w:ins``) for an added paragraph or a
split, deleted for a removed paragraph or a merge. A moved paragraph is a
deletion where it stood plus an insertion where it now stands. Accepting all
revisions in Word gives the new text exactly; rejecting all gives the old one.

Operative paragraphs and sub-paragraphs use Word numbering (``1.``, ``(a)``),
so numbers follow when revisions are accepted or rejected.

A comparison made with agreed language gives each new or reworded paragraph a
Word comment: its precedents in the library ("Agreed language: A/RES/78/125 OP7,
96% ...") and the text of the best one.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Literal

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt, Twips

from diffing import budget
from diffing.model import Comparison
from service.render.view import ChangeView, ComparisonView, Entry, ParaView, Segment, build_view

__all__ = ["Anchor", "render_comparison_docx", "revision_date"]

Mark = Literal["normal", "insert", "delete"]

_INDENT = 1247  # twips: the UN's 2.2 cm first-line indent
_HANG = 567  # twips: 1 cm between a number and its text
#: the first revision id of a file with comments (comments are numbered from 0:
#: no id is shared)
COMMENTED_REVISIONS = 100_000
#: the longest quotation of a precedent in a comment
_QUOTE = 600

_ABSTRACT_NUM = f"""
<w:abstractNum {nsdecls("w")} w:abstractNumId="%(aid)d">
  <w:multiLevelType w:val="multilevel"/>
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%%1."/>
    <w:lvlJc w:val="left"/>
    <w:pPr><w:tabs><w:tab w:val="num" w:pos="{_INDENT + _HANG}"/></w:tabs><w:ind w:left="0" w:firstLine="{_INDENT}"/></w:pPr>
  </w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="(%%2)"/>
    <w:lvlJc w:val="left"/>
    <w:pPr><w:tabs><w:tab w:val="num" w:pos="{_INDENT + _HANG}"/></w:tabs><w:ind w:left="{_INDENT + _HANG}" w:hanging="{_HANG}"/></w:pPr>
  </w:lvl>
  <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerRoman"/><w:lvlText w:val="(%%3)"/>
    <w:lvlJc w:val="left"/>
    <w:pPr><w:ind w:left="{_INDENT + 2 * _HANG}" w:hanging="{_HANG}"/></w:pPr>
  </w:lvl>
</w:abstractNum>
"""


def revision_date(date: str | None = None) -> str:
    """A ``w:date`` value: ISO 8601 in UTC, seconds precision (now when ``date`` is None)."""
    if not date:
        return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    if "T" not in date:
        return f"{date}T00:00:00Z"
    return date


class _Revisions:
    """Hands out the unique ``w:id`` of each revision, signed by one author and date
    (from ``first``, so that they never meet the ids of comments)."""

    def __init__(self, author: str, date: str, first: int = 1) -> None:
        self.author, self.date, self._next = author, date, first

    def element(self, tag: str) -> Any:
        el = OxmlElement(tag)
        el.set(qn("w:id"), str(self._next))
        el.set(qn("w:author"), self.author)
        el.set(qn("w:date"), self.date)
        self._next += 1
        return el


@dataclass(frozen=True)
class Anchor:
    """Where the range of comment ``comment_id`` starts, or ends (``end``), among the
    runs of a paragraph; its end is followed by the comment's reference mark."""

    end: bool
    comment_id: int


@dataclass
class _Para:
    """A Word paragraph to write: its runs (segments, and the comment anchors among
    them) and how its mark is tracked."""

    segments: Sequence[Segment | Anchor]
    mark: Mark
    model: ParaView | None


def _cut(segments: Sequence[Segment], final: Mark) -> list[tuple[list[Segment], Mark]]:
    """Cut a change's segment stream into Word paragraphs at every newline.

    A newline in inserted text is an inserted paragraph mark, in deleted text a
    deleted one; the last paragraph's mark is ``final``.
    """
    out: list[tuple[list[Segment], Mark]] = []
    cur: list[Segment] = []
    for s in segments:
        pieces = s.text.split("\n")
        for k, piece in enumerate(pieces):
            if k:
                mark: Mark = "normal" if s.kind == "equal" else s.kind
                out.append((cur, mark))
                cur = []
            if piece:
                cur.append(Segment(s.kind, piece, s.lead))
    out.append((cur, final))
    return out


def _entry_paragraphs(e: Entry) -> Iterable[_Para]:
    """The Word paragraphs of one report entry."""
    c = e.change
    if e.role == "origin":
        # a moved paragraph where it stood: its old text, deleted with its mark
        for p in c.old:
            yield _Para([Segment("delete", s.text, s.lead) for s in p.segments], "delete", p)
        return
    if c.type == "moved":
        for p in c.new:
            yield _Para([Segment("insert", s.text, s.lead) for s in p.segments], "insert", p)
        return
    final: Mark = "insert" if not c.old_ids else "delete" if not c.new_ids else "normal"
    cut = _cut(c.segments, final)
    models = c.new if len(cut) == len(c.new) or not c.old else c.old
    if len(cut) != len(models):
        models = c.new or c.old
    for k, (segs, mark) in enumerate(cut):
        yield _Para(segs, mark, models[min(k, len(models) - 1)] if models else None)


class _Writer:
    def __init__(
        self,
        v: ComparisonView,
        author: str,
        date: str,
        *,
        header: str | None = None,
        first_revision: int = 1,
    ) -> None:
        self.v = v
        self.doc = docx.Document()
        self.rev = _Revisions(author, date, first_revision)
        self.rtl = v.dir == "rtl"
        self._abstract: int | None = None
        self._nums: dict[str | None, int] = {}
        self._setup(header)

    # -- document furniture ---------------------------------------------------

    def _setup(self, header_text: str | None) -> None:
        doc = self.doc
        sec = doc.sections[0]
        sec.page_width, sec.page_height = Mm(210), Mm(297)
        sec.left_margin = sec.right_margin = Mm(25)
        sec.top_margin, sec.bottom_margin = Mm(25), Mm(22)
        normal = doc.styles["Normal"]
        normal.font.name = "Times New Roman"
        normal.font.size = Pt(10 if self.v.lang != "ar" else 12)
        rpr = normal.element.get_or_add_rPr()
        fonts = rpr.get_or_add_rFonts()
        for attr in ("w:ascii", "w:hAnsi", "w:cs"):
            fonts.set(qn(attr), "Times New Roman")
        fonts.set(qn("w:eastAsia"), "SimSun")
        lang = OxmlElement("w:lang")
        lang.set(qn("w:val"), self.v.lang)
        lang.set(qn("w:bidi"), self.v.lang if self.rtl else "ar-SA")
        lang.set(qn("w:eastAsia"), "zh-CN")
        rpr.append(lang)
        pf = normal.paragraph_format
        pf.space_after = Pt(6)
        pf.line_spacing = 1.1
        # further edits in Word are tracked too
        settings = doc.settings.element
        track = OxmlElement("w:trackRevisions")
        anchor = settings.find(qn("w:defaultTabStop"))
        if anchor is not None:
            anchor.addprevious(track)
        header = sec.header.paragraphs[0]
        header.text = header_text or (
            f"{self.v.old.symbol or 'old text'} \u2192 {self.v.new.symbol or 'new text'}: "
            f"tracked changes ({self.rev.author}, {self.rev.date[:10]})"
        )
        header.runs[0].font.size = Pt(8)

    def _num_id(self, part: str | None) -> int:
        """One numbering instance per part, restarting at 1."""
        if part in self._nums:
            return self._nums[part]
        numbering = self.doc.part.numbering_part.element
        if self._abstract is None:
            ids = [
                int(a.get(qn("w:abstractNumId"))) for a in numbering.findall(qn("w:abstractNum"))
            ]
            self._abstract = max(ids, default=-1) + 1
            abstract = parse_xml(_ABSTRACT_NUM % {"aid": self._abstract})
            first_num = numbering.find(qn("w:num"))
            if first_num is not None:
                first_num.addprevious(abstract)
            else:
                numbering.append(abstract)
        num = numbering.add_num(self._abstract)
        override = parse_xml(
            f'<w:lvlOverride {nsdecls("w")} w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride>'
        )
        num.append(override)
        self._nums[part] = int(num.numId)
        return self._nums[part]

    def comment(self, text: str) -> int:
        """A comment signed like the revisions; its id."""
        c = self.doc.comments.add_comment(text=text, author=self.rev.author, initials="rd")
        c.paragraphs[0]._p.getparent().set(qn("w:date"), self.rev.date)
        return int(c.comment_id)

    # -- paragraphs and runs ------------------------------------------------------

    def _run(self, s: Segment, *, bold: bool = False) -> Any:
        r = OxmlElement("w:r")
        if s.lead or bold or self.rtl:
            rpr = OxmlElement("w:rPr")
            if bold:
                rpr.append(OxmlElement("w:b"))
            if s.lead:
                rpr.append(OxmlElement("w:i"))
            if self.rtl:
                rpr.append(OxmlElement("w:rtl"))
            r.append(rpr)
        t = OxmlElement("w:delText" if s.kind == "delete" else "w:t")
        t.set(qn("xml:space"), "preserve")
        t.text = s.text
        r.append(t)
        return r

    def _anchor(self, a: Anchor) -> Iterable[Any]:
        """A comment's range start, or its range end and its reference mark."""
        mark = OxmlElement("w:commentRangeEnd" if a.end else "w:commentRangeStart")
        mark.set(qn("w:id"), str(a.comment_id))
        yield mark
        if a.end:
            r = OxmlElement("w:r")
            ref = OxmlElement("w:commentReference")
            ref.set(qn("w:id"), str(a.comment_id))
            r.append(ref)
            yield r

    def _runs(self, segments: Sequence[Segment | Anchor], *, bold: bool = False) -> Iterable[Any]:
        """Runs, each stretch of inserted or deleted runs inside one ``w:ins``/``w:del``;
        comment anchors between runs."""
        wrap: Any = None
        kind = ""
        for s in segments:
            if isinstance(s, Anchor):
                wrap, kind = None, ""
                yield from self._anchor(s)
                continue
            if s.kind == "equal":
                wrap, kind = None, ""
                yield self._run(s, bold=bold)
                continue
            if wrap is None or kind != s.kind:
                wrap, kind = self.rev.element("w:ins" if s.kind == "insert" else "w:del"), s.kind
                yield wrap
            wrap.append(self._run(s, bold=bold))

    def _bidi(self, ppr: Any) -> None:
        if self.rtl:
            ppr.insert_element_before(
                OxmlElement("w:bidi"),
                "w:adjustRightInd",
                "w:snapToGrid",
                "w:spacing",
                "w:ind",
                "w:jc",
                "w:rPr",
            )

    def paragraph(self, para: _Para, part: str | None, *, bold: bool = False) -> Any:
        """A paragraph of the resolution, its runs and mark tracked as ``para`` says."""
        p = self.doc.add_paragraph()
        fmt = p.paragraph_format
        kind = para.model.kind if para.model else "title"
        if kind == "preambular":
            fmt.first_line_indent = Twips(_INDENT)
        elif kind in ("operative", "subparagraph"):
            numpr = p._p.get_or_add_pPr().get_or_add_numPr()
            numpr.get_or_add_ilvl().val = 0 if kind == "operative" else 1
            numpr.get_or_add_numId().val = self._num_id(part)
        fmt.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        ppr = p._p.get_or_add_pPr()
        self._bidi(ppr)
        for el in self._runs(para.segments, bold=bold):
            p._p.append(el)
        if para.mark != "normal":
            rpr = OxmlElement("w:rPr")
            rpr.append(self.rev.element("w:ins" if para.mark == "insert" else "w:del"))
            ppr.append(rpr)
        return p

    def plain(
        self,
        text: str,
        *,
        italic: bool = False,
        bold: bool = False,
        center: bool = False,
        size: int = 0,
    ) -> Any:
        p = self.doc.add_paragraph()
        run = p.add_run(text)
        run.italic, run.bold = italic or None, bold or None
        if size:
            run.font.size = Pt(size)
        if center:
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        self._bidi(p._p.get_or_add_pPr())
        return p

    # -- the document -----------------------------------------------------------

    def write(self, deadline: float | None = None) -> bytes:
        v = self.v
        old_title, new_title = v.old.title or "", v.new.title or ""
        if old_title or new_title:
            segs = (
                [Segment("equal", new_title)]
                if old_title == new_title
                else [
                    s
                    for s in (Segment("delete", old_title), Segment("insert", new_title))
                    if s.text
                ]
            )
            self.paragraph(_Para(segs, "normal", None), None, bold=True)
        for e in v.entries:
            budget.check(deadline, "writing the Word report")
            if e.heading:
                self.plain(e.heading, bold=True, center=True)
            if e.assembly:
                self.plain(v.assembly, italic=True).paragraph_format.first_line_indent = Twips(
                    _INDENT
                )
            for k, para in enumerate(_entry_paragraphs(e)):
                if k == 0 and e.role == "text" and e.change.precedents is not None:
                    note = self.comment(agreed_note(e.change))
                    para.segments = [Anchor(False, note), *para.segments, Anchor(True, note)]
                self.paragraph(para, para.model.part if para.model else None)
        buf = io.BytesIO()
        self.doc.save(buf)
        return buf.getvalue()


def agreed_note(c: ChangeView) -> str:
    """The comment on a paragraph searched for agreed language: its precedents, the
    text of the best one."""
    if not c.precedents:
        return "Agreed language: none in the library (no paragraph at least 50% similar)."
    best, *others = c.precedents
    quote = best.text if len(best.text) <= _QUOTE else best.text[: _QUOTE - 1].rstrip() + "\u2026"
    adopted = f", adopted {best.adopted}" if best.adopted else ""
    note = f"Agreed language: {best.label}, {best.percent}{adopted}: \u201c{quote}\u201d"
    if others:
        note += " Also: " + "; ".join(f"{p.label}, {p.percent}" for p in others) + "."
    return note


def render_comparison_docx(
    comparison: Comparison,
    *,
    author: str = "resdiff",
    date: str | None = None,
    deadline: float | None = None,
) -> bytes:
    """The old text as a Word document with the changes to the new text as tracked revisions.

    ``deadline`` (a :func:`time.monotonic` value) is checked between paragraphs.
    """
    view = build_view(comparison, deadline=deadline)
    first = COMMENTED_REVISIONS if view.searched else 1
    writer = _Writer(view, author or "resdiff", revision_date(date), first_revision=first)
    return writer.write(deadline)
