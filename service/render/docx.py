"""Word reports with real tracked changes.

The document is the OLD resolution with the changes as revisions: ``w:ins``
and ``w:del`` (``w:delText`` inside) signed with an author and a date, a
paragraph mark inserted (``w:pPr/w:rPr/w:ins``) for an added paragraph or a
split, deleted for a removed paragraph or a merge. A moved paragraph is a
deletion where it stood plus an insertion where it now stands. Accepting all
revisions in Word gives the new text exactly; rejecting all gives the old one.

Operative paragraphs and sub-paragraphs use Word numbering (``1.``, ``(a)``),
so numbers follow when revisions are accepted or rejected.

A draft compared with the draft as amended is the draft as tabled, each
revision signed by the amendment that makes it: its sponsors and symbol
(``Ukraine (A/80/L.28)``, :func:`service.render.amendments.author`), so Word
and LibreOffice accept or reject one amendment by its author; accepting all
gives the draft as amended, rejecting all the draft as tabled. The
instructions not applied are a comment on the title, the first thing the
document shows, and its header says how many there are.
"""

from __future__ import annotations

import io
import re
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
from diffing.model import AmendmentRef, Comparison
from service.render.amendments import Marks
from service.render.view import ComparisonView, Entry, ParaView, Segment, build_view

__all__ = ["Anchor", "render_comparison_docx", "revision_date", "xml_text"]

Mark = Literal["normal", "insert", "delete"]

#: what XML 1.0 cannot hold (C0 controls but tab and line ends, U+FFFE, U+FFFF, surrogates)
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(text: str) -> str:
    """``text`` less the characters XML cannot hold (BEL, ESC, U+FFFE...): a Word file
    cannot carry them, and a document's text may.

    >>> xml_text("a\x07b\x1b[31mc\ufffe")
    'ab[31mc'
    """
    return _NOT_XML.sub("", text)


_INDENT = 1247  # twips: the UN's 2.2 cm first-line indent
_HANG = 567  # twips: 1 cm between a number and its text

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
    """Hands out the unique ``w:id`` of each revision (from ``first``, so that they never
    meet the ids of comments), signed by an author and a date: the amendment that made it
    (``marks``), else the report's ``author``."""

    def __init__(self, author: str, date: str, first: int = 1, marks: Marks | None = None) -> None:
        self.author, self.date, self._next = xml_text(author), xml_text(date), first
        self.marks = marks

    def element(self, tag: str, ref: AmendmentRef | None = None) -> Any:
        el = OxmlElement(tag)
        el.set(qn("w:id"), str(self._next))
        el.set(qn("w:author"), self.signer(ref))
        el.set(qn("w:date"), self.date)
        self._next += 1
        return el

    def signer(self, ref: AmendmentRef | None) -> str:
        by = self.marks.author(ref) if self.marks is not None else None
        return xml_text(by) if by else self.author


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

    @property
    def ref(self) -> AmendmentRef | None:
        """Who inserted or deleted the paragraph mark: the instruction of its edits."""
        kind = "insert" if self.mark == "insert" else "delete"
        edits = (s for s in self.segments if isinstance(s, Segment) and s.kind == kind)
        return next((s.ref for s in edits if s.ref), None)


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
                cur.append(Segment(s.kind, piece, s.lead, ref=s.ref))
    out.append((cur, final))
    return out


def _entry_paragraphs(e: Entry) -> Iterable[_Para]:
    """The Word paragraphs of one report entry."""
    c = e.change
    if e.role == "origin":
        # a moved paragraph where it stood: its old text, deleted with its mark
        for p in c.old:
            yield _Para(
                [Segment("delete", s.text, s.lead, ref=s.ref) for s in p.segments], "delete", p
            )
        return
    if c.type == "moved":
        for p in c.new:
            yield _Para(
                [Segment("insert", s.text, s.lead, ref=s.ref) for s in p.segments], "insert", p
            )
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
        self.rev = _Revisions(author, date, first_revision, v.marks)
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
        header.text = xml_text(header_text or self._header())
        header.runs[0].font.size = Pt(8)

    def _header(self) -> str:
        v = self.v
        if v.marks is None:
            return (
                f"{v.old.symbol or 'old text'} \u2192 {v.new.symbol or 'new text'}: "
                f"tracked changes ({self.rev.author}, {self.rev.date[:10]})"
            )
        names = ", ".join(a.symbol or "an amendment" for a in v.marks.amendments)
        missed = len(v.marks.missed)
        warning = (
            f"; {missed} instruction{'s' if missed > 1 else ''} NOT applied: see the comment"
            " on the title"
            if missed
            else ""
        )
        return (
            f"{v.old.symbol or 'The draft'} as amended by {names}: tracked changes signed by"
            f" each amendment ({self.rev.date[:10]}){warning}"
        )

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
        t.text = xml_text(s.text)
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
        ref: AmendmentRef | None = None
        for s in segments:
            if isinstance(s, Anchor):
                wrap, kind = None, ""
                yield from self._anchor(s)
                continue
            if s.kind == "equal":
                wrap, kind = None, ""
                yield self._run(s, bold=bold)
                continue
            if wrap is None or kind != s.kind or ref != s.ref:
                tag = "w:ins" if s.kind == "insert" else "w:del"
                wrap, kind, ref = self.rev.element(tag, s.ref), s.kind, s.ref
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
            rpr.append(self.rev.element("w:ins" if para.mark == "insert" else "w:del", para.ref))
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
        run = p.add_run(xml_text(text))
        run.italic, run.bold = italic or None, bold or None
        if size:
            run.font.size = Pt(size)
        if center:
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        self._bidi(p._p.get_or_add_pPr())
        return p

    # -- the document -----------------------------------------------------------

    def title(self) -> Any:
        """The title paragraph (its change tracked), or None when neither text has one."""
        v = self.v
        old_title, new_title = v.old.title or "", v.new.title or ""
        if not (old_title or new_title):
            return None
        if v.title is not None:
            segs = list(v.title.segments)
        elif old_title == new_title:
            segs = [Segment("equal", new_title)]
        else:
            segs = [
                s for s in (Segment("delete", old_title), Segment("insert", new_title)) if s.text
            ]
        return self.paragraph(_Para(segs, "normal", None), None, bold=True)

    def missed(self, anchor: Any) -> None:
        """The instructions not applied, as a comment on ``anchor`` (a paragraph)."""
        marks = self.v.marks
        if marks is None or not marks.missed:
            return
        if anchor is None:  # no title and no paragraph: the comment stands alone
            anchor = self.doc.add_paragraph()
        run = anchor.add_run()
        n = len(marks.missed)
        comment = self.doc.add_comment(
            run,
            f"{n} instruction{'s' if n > 1 else ''} NOT applied: this document does not carry"
            f" {'them' if n > 1 else 'it'}.",
            author="resdiff",
            initials="rd",
        )
        comment._comment_elm.set(qn("w:date"), self.rev.date)  # the revisions' date, not now
        for i in marks.missed:
            comment.add_paragraph(f"{i.label}: {i.status}. {i.detail}".strip())
            comment.add_paragraph(i.oneline)

    def write(self, deadline: float | None = None) -> bytes:
        v = self.v
        title = self.title()
        for e in v.entries:
            budget.check(deadline, "writing the Word report")
            if e.heading:
                self.plain(e.heading, bold=True, center=True)
            if e.assembly:
                self.plain(v.assembly, italic=True).paragraph_format.first_line_indent = Twips(
                    _INDENT
                )
            for para in _entry_paragraphs(e):
                p = self.paragraph(para, para.model.part if para.model else None)
                title = title if title is not None else p
        self.missed(title)
        buf = io.BytesIO()
        self.doc.save(buf)
        return buf.getvalue()


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
    return _Writer(view, author or "resdiff", revision_date(date)).write(deadline)
