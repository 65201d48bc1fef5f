"""The next draft as a Word file: the base text, the routine edits as tracked changes.

A delegation starts its draft from this file. It holds:

* the front matter of a draft resolution as the United Nations prints it
  (:class:`~service.render.draft_view.FrontMatter`): the masthead ("United
  Nations", "General Assembly", the symbol to come, "Distr.: Limited", the
  date, "Original: English"), the session, "Agenda item [..]", the title,
  "[Sponsors]: draft resolution", the title again; these are the draft's own
  and not tracked;
* then "The General Assembly," and the base's paragraphs as the United
  Nations prints them (the lead words in italics, operative paragraphs
  numbered by Word), every routine edit a revision (``w:ins``/``w:del``) signed
  by the author ("resdiff"): accepting all gives the draft, rejecting all the
  base;
* on each edit, a comment that gives its reason ("Routine renewal edit:
  session 79 -> 81"), and on the words each proposal would change, a comment
  with the proposal, which is not applied (in the words of the draft's
  language: "Modification courante de reconduction : session 79 -> 81");
* the base's footnotes as Word footnotes, each marked at the end of the
  paragraph that cites it (the parser keeps which paragraph cites a footnote,
  not where in the paragraph).

Track Changes is left on, so the delegation's own edits are tracked too.
"""

from __future__ import annotations

import io
import itertools
from collections.abc import Sequence
from typing import Any

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import XmlPart
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Pt, Twips

from diffing import budget
from diffing.renewal import Draft
from service.i18n import Chrome
from service.render.docx import (
    _INDENT,
    Anchor,
    _entry_paragraphs,
    _Para,
    _Writer,
    revision_date,
    xml_text,
)
from service.render.draft_view import DraftView, Proposal, build_draft_view, draft_chrome
from service.render.view import Segment

__all__ = ["render_draft_docx"]

#: revisions are numbered from here, comments from 0: no id is shared
_FIRST_REVISION = 100_000
_BOTTOM_RULE = f'<w:tblBorders {nsdecls("w")}><w:bottom w:val="single" w:sz="12" w:color="000000"/></w:tblBorders>'
#: the footnotes part Word expects: its two separators first
_FOOTNOTES = (
    f"<w:footnotes {nsdecls('w')}>"
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
    '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/>'
    "</w:r></w:p></w:footnote></w:footnotes>"
)


def _split(segments: Sequence[Segment], cuts: set[int]) -> list[Segment]:
    """The segments cut at the positions ``cuts`` of the draft's text (deleted text
    has no length there)."""
    out: list[Segment] = []
    pos = 0
    for s in segments:
        if s.kind == "delete":
            out.append(s)
            continue
        inner = sorted(c - pos for c in cuts if pos < c < pos + len(s.text))
        for a, b in zip([0, *inner], [*inner, len(s.text)], strict=True):
            out.append(Segment(s.kind, s.text[a:b], s.lead, s.minor))
        pos += len(s.text)
    return out


def _place(segments: Sequence[Segment], spans: Sequence[tuple[int, int, int]]) -> list[Any]:
    """The segments with the comment anchors of ``spans`` (start, end, comment id:
    positions in the draft's text, start < end) among them."""
    cuts = {x for a, b, _ in spans for x in (a, b)}
    out: list[Any] = []
    pos = 0
    opened: set[int] = set()
    for s in _split(segments, cuts):
        size = 0 if s.kind == "delete" else len(s.text)
        out += [Anchor(False, c) for a, _, c in spans if a == pos and size and c not in opened]
        opened.update(c for a, _, c in spans if a == pos and size)
        out.append(s)
        pos += size
        out += [Anchor(True, c) for _, b, c in spans if b == pos and size and c in opened]
    return out


def _around_edits(items: list[Any], comment_id: int) -> list[Any]:
    """``items`` with a comment's range around its inserted and deleted runs."""
    marked = [k for k, s in enumerate(items) if isinstance(s, Segment) and s.kind != "equal"]
    if not marked:
        return items
    first, last = marked[0], marked[-1]
    return [
        *items[:first],
        Anchor(False, comment_id),
        *items[first : last + 1],
        Anchor(True, comment_id),
        *items[last + 1 :],
    ]


def _span(text: str, p: Proposal) -> tuple[int, int]:
    """Where a proposal's comment is anchored: the words it changes, or the word
    before the point where it inserts."""
    start, end = p.start, p.end
    if end > start:
        return start, end
    before = text.rstrip()[:start].rstrip()
    word = before.rfind(" ") + 1
    return (word, len(before)) if before else (0, min(len(text), max(1, text.find(" "))))


def _what(p: Proposal, chrome: Chrome) -> str:
    """The words a proposal changes: “seventy-ninth” → “eightieth”; add “...” (in the
    words of ``chrome``: « soixante-dix-neuvième » → « quatre-vingtième »)."""
    parts: list[str] = []
    for changed, group in itertools.groupby(p.segments, key=lambda s: s.kind != "equal"):
        if not changed:
            continue
        items = list(group)
        old = "".join(s.text for s in items if s.kind == "delete").strip()
        new = "".join(s.text for s in items if s.kind == "insert").strip()
        if old and new:
            parts.append(chrome.gettext("“%(old)s” → “%(new)s”", old=old, new=new))
        elif new:
            parts.append(chrome.gettext("add “%(words)s”", words=new))
        else:
            parts.append(chrome.gettext("delete “%(words)s”", words=old))
    return "; ".join(parts)


class _DraftWriter(_Writer):
    def __init__(self, d: DraftView, author: str, date: str) -> None:
        super().__init__(
            d.view, author, date, header=d.front.symbol, first_revision=_FIRST_REVISION
        )
        self.d = d
        self._footnotes: Any = None

    def footnote(self, text: str) -> Any:
        """A footnote of ``text`` (in the footnotes part, made on first use), and the
        run that marks it in the text."""
        if self._footnotes is None:
            part = XmlPart(
                PackURI("/word/footnotes.xml"),
                CT.WML_FOOTNOTES,
                parse_xml(_FOOTNOTES),
                self.doc.part.package,
            )
            self.doc.part.relate_to(part, RT.FOOTNOTES)
            self._footnotes = part.element
        number = len(self._footnotes.findall(qn("w:footnote"))) - 1
        note = parse_xml(
            f'<w:footnote {nsdecls("w")} w:id="{number}"><w:p>'
            '<w:r><w:rPr><w:vertAlign w:val="superscript"/><w:sz w:val="16"/></w:rPr>'
            '<w:footnoteRef/></w:r><w:r><w:rPr><w:sz w:val="16"/></w:rPr>'
            '<w:t xml:space="preserve"> </w:t></w:r></w:p></w:footnote>'
        )
        note.findall(f".//{qn('w:t')}")[-1].text = f" {xml_text(text)}"
        self._footnotes.append(note)
        run = OxmlElement("w:r")
        rpr = OxmlElement("w:rPr")
        align = OxmlElement("w:vertAlign")
        align.set(qn("w:val"), "superscript")
        rpr.append(align)
        run.append(rpr)
        ref = OxmlElement("w:footnoteReference")
        ref.set(qn("w:id"), str(number))
        run.append(ref)
        return run

    # -- the front matter ---------------------------------------------------------

    def line(self, text: str, *, size: float = 10, bold: bool = False, indent: int = 0) -> Any:
        p = self.plain(text, bold=bold)
        p.runs[0].font.size = Pt(size)
        fmt = p.paragraph_format
        fmt.space_after = Pt(0)
        fmt.alignment = WD_ALIGN_PARAGRAPH.LEFT
        if indent:
            fmt.left_indent = Twips(indent)
        return p

    def masthead(self) -> None:
        """The masthead: the organ on the left, the symbol and distribution on the
        right, a rule under them."""
        f = self.d.front
        table = self.doc.add_table(rows=1, cols=2)
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table._tbl.tblPr.append(parse_xml(_BOTTOM_RULE))
        left, right = table.rows[0].cells
        small = [(x, 9, False) for x in (f.distribution, f.date, f.original)]
        sides = (
            (left, WD_ALIGN_PARAGRAPH.LEFT, [(f.organization, 9, False), (f.organ, 17, True)]),
            (right, WD_ALIGN_PARAGRAPH.RIGHT, [(f.symbol, 13, True), *small]),
        )
        for cell, align, lines in sides:
            for k, (text, size, bold) in enumerate(lines):
                p = cell.paragraphs[0] if k == 0 else cell.add_paragraph()
                run = p.add_run(xml_text(text or ""))
                run.font.size, run.bold = Pt(size), bold or None
                p.alignment = align
                p.paragraph_format.space_after = Pt(0)

    def front_matter(self) -> None:
        f = self.d.front
        self.masthead()
        self.line("")
        self.line(f.session, size=9)
        self.line(f.agenda, size=9)
        self.line(f.title, size=9.5, bold=True).paragraph_format.space_after = Pt(18)
        self.line(f.sponsors).paragraph_format.space_after = Pt(18)
        title = self.line(f.title, size=12, bold=True, indent=_INDENT)
        title.paragraph_format.space_after = Pt(12)

    # -- the text ---------------------------------------------------------------------

    def items(self, index: int, pid: str, para: _Para) -> list[Any]:
        """The segments of a paragraph with the comments on its edit and proposals."""
        segments = [s for s in para.segments if isinstance(s, Segment)]
        text = "".join(s.text for s in segments if s.kind != "delete")
        spans = []
        for p in self.d.proposals:
            if p.pid == pid:
                a, b = _span(text, p)
                if b > a:
                    what = _what(p, self.chrome)
                    note = self.chrome.gettext("Proposed, not made: %(reason)s.", reason=p.reason)
                    spans.append((a, b, self.comment(note + (f" {what}." if what else ""))))
        items = _place(segments, spans)
        reason = self.d.reasons.get(index)
        if reason:
            note = self.chrome.gettext("Routine renewal edit: %(reason)s.", reason=reason)
            items = _around_edits(items, self.comment(note))
        return items

    def write(self, deadline: float | None = None) -> bytes:
        self.front_matter()
        for e in self.v.entries:
            budget.check(deadline, "writing the Word file")
            if e.heading:
                self.plain(e.heading, bold=True, center=True)
            if e.assembly:
                self.plain(self.v.assembly, italic=True).paragraph_format.first_line_indent = Twips(
                    _INDENT
                )
            for para in _entry_paragraphs(e):
                pid = para.model.pid if para.model else ""
                para.segments = self.items(e.change.index, pid, para)
                para.notes = []  # the draft writes its footnotes itself, below
                p = self.paragraph(para, para.model.part if para.model else None)
                for note in para.model.notes if para.model else []:
                    if note.kind != "delete":
                        p._p.append(self.footnote(note.text))
        buf = io.BytesIO()
        self.doc.save(buf)
        return buf.getvalue()


def render_draft_docx(
    draft: Draft,
    *,
    author: str = "resdiff",
    date: str | None = None,
    deadline: float | None = None,
    language: str | None = None,
) -> bytes:
    """The base as a Word file with the routine edits of the next draft as tracked
    changes, their reasons and the proposals as comments, under the draft's front
    matter; the comments in the draft's language (or ``language``). ``deadline`` (a
    :func:`time.monotonic` value) is checked between paragraphs."""
    stamp = revision_date(date)
    chrome = draft_chrome(draft, language)
    d = build_draft_view(draft, date=stamp[:10], deadline=deadline, chrome=chrome)
    return _DraftWriter(d, author or "resdiff", stamp).write(deadline)
