"""Word reports with real tracked changes.

The document is the OLD resolution with the changes as revisions: ``w:ins``
and ``w:del`` (``w:delText`` inside) signed with an author and a date, a
paragraph mark inserted (``w:pPr/w:rPr/w:ins``) for an added paragraph or a
split, deleted for a removed paragraph or a merge. A paragraph moved without
a change of wording is a Word *move* (``w:moveFrom`` where it stood, ``w:moveTo``
where it now stands, the two ranges named alike, as Word itself writes them);
a moved paragraph that was also reworded is a deletion where it stood plus an
insertion where it now stands. Accepting all revisions in Word gives the new
text exactly; rejecting all gives the old one.

Operative paragraphs and sub-paragraphs use Word numbering (``1.``, ``(a)``),
so numbers follow when revisions are accepted or rejected. Footnotes are real
Word footnotes (``word/footnotes.xml``): a footnote that is new is an inserted
reference and text, one that is gone a deleted one. The document's properties
name it (title, subject), its author ("resdiff <version>") and its dates (now).
The first page's header says what was compared and gives the report's warnings
(:mod:`service.render.warnings`), in the language of the documents.

``changes_only`` leaves the unchanged paragraphs out, with a line that says how
many; the paragraphs then carry their printed numbers as text (Word numbering
would count the ones left out).

A draft compared with the draft as amended is the draft as tabled, each
revision signed by the amendment that makes it: its sponsors and symbol
(``Ukraine (A/80/L.28)``, :func:`service.render.amendments.author`), so Word
and LibreOffice accept or reject one amendment by its author; accepting all
gives the draft as amended, rejecting all the draft as tabled. The
instructions not applied are a comment on the title, the first thing the
document shows, and its header says how many there are.

A comparison made with agreed language gives each new or reworded paragraph a
Word comment: its precedents in the library ("Agreed language: A/RES/78/125 OP7,
96% ...") and the text of the best one.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib.metadata import PackageNotFoundError, version
from typing import Any, Literal

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt, RGBColor, Twips

from diffing import budget
from diffing.model import AmendmentRef, Comparison
from service.i18n import DEFAULT, Chrome
from service.render.amendments import Marks
from service.render.html import comparison_chrome
from service.render.view import (
    ChangeView,
    ComparisonView,
    Entry,
    Note,
    ParaView,
    Segment,
    build_view,
    trailing_gap,
    visible_entries,
)
from service.render.warnings import comparison_warnings
from service.render.words import Words, doc_more

__all__ = ["Anchor", "render_comparison_docx", "resdiff_version", "revision_date", "xml_text"]

Mark = Literal["normal", "insert", "delete", "move-from", "move-to"]
_FOOTNOTES_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"

_STYLES = f"""
<w:styles {nsdecls("w")}>
<w:style w:type="paragraph" w:styleId="FootnoteText"><w:name w:val="footnote text"/>
  <w:basedOn w:val="Normal"/><w:uiPriority w:val="99"/>
  <w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/><w:jc w:val="left"/></w:pPr>
  <w:rPr><w:sz w:val="17"/><w:szCs w:val="17"/></w:rPr></w:style>
<w:style w:type="character" w:styleId="FootnoteReference"><w:name w:val="footnote reference"/>
  <w:uiPriority w:val="99"/><w:rPr><w:vertAlign w:val="superscript"/></w:rPr></w:style>
</w:styles>
"""


def resdiff_version() -> str:
    """The installed version of resdiff ("0.1.0")."""
    try:
        return version("resdiff")
    except PackageNotFoundError:  # pragma: no cover - run from a bare checkout
        return "0"


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
    """Hands out the unique ``w:id`` of each revision and move range (from ``first``, so
    that they never meet the ids of comments), signed by an author and a date: the
    amendment that made it (``marks``), else the report's ``author``."""

    def __init__(self, author: str, date: str, first: int = 1, marks: Marks | None = None) -> None:
        self.author, self.date, self._next = xml_text(author), xml_text(date), first
        self.marks = marks

    def element(self, tag: str, ref: AmendmentRef | None = None, *, signed: bool = True) -> Any:
        el = OxmlElement(tag)
        el.set(qn("w:id"), str(self._next))
        if signed:
            el.set(qn("w:author"), self.signer(ref))
            el.set(qn("w:date"), self.date)
        self._next += 1
        return el

    def signer(self, ref: AmendmentRef | None) -> str:
        by = self.marks.author(ref) if self.marks is not None else None
        return xml_text(by) if by else self.author


#: the revision element that wraps runs of each kind, and the one on a paragraph mark
_WRAP = {"insert": "w:ins", "delete": "w:del", "move-from": "w:moveFrom", "move-to": "w:moveTo"}


@dataclass(frozen=True)
class Anchor:
    """Where the range of comment ``comment_id`` starts, or ends (``end``), among the
    runs of a paragraph; its end is followed by the comment's reference mark."""

    end: bool
    comment_id: int


@dataclass
class _Para:
    """A Word paragraph to write: its runs (segments, and the comment anchors among
    them), how its mark is tracked, its footnotes (each as new, gone or kept), and the
    name of the move it is part of."""

    segments: Sequence[Segment | Anchor]
    mark: Mark
    model: ParaView | None
    notes: list[Note] = field(default_factory=list)
    move: str | None = None

    @property
    def ref(self) -> AmendmentRef | None:
        """Who inserted or deleted the paragraph mark: the instruction of its edits."""
        kind = "insert" if self.mark in ("insert", "move-to") else "delete"
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


def _plain_move(c: ChangeView) -> bool:
    """A move Word can show as a move: the same words, only elsewhere."""
    return c.type == "moved" and all(s.kind == "equal" for s in c.segments)


def _notes(c: ChangeView, model: ParaView | None, first: bool) -> list[Note]:
    """The footnotes of one Word paragraph of change ``c``: those of its paragraph, new
    or kept, and (on the first paragraph) the old paragraphs' notes that are gone."""
    if model is None:
        return []
    old_texts = {n.text for p in c.old for n in p.notes}
    new_texts = {n.text for p in c.new for n in p.notes}
    if model in c.old and model not in c.new:  # a removed paragraph, or no new model
        return [
            Note(n.marker, n.text, "equal" if n.text in new_texts else "delete")
            for n in model.notes
        ]
    out = [
        Note(n.marker, n.text, "equal" if n.text in old_texts else "insert") for n in model.notes
    ]
    if first:
        gone = [n for p in c.old for n in p.notes if n.text not in new_texts]
        out.extend(Note(n.marker, n.text, "delete") for n in gone)
    return out


def _entry_paragraphs(e: Entry) -> Iterable[_Para]:
    """The Word paragraphs of one report entry."""
    c = e.change
    move = c.anchor if _plain_move(c) else None
    if e.role == "origin":
        # a moved paragraph where it stood: its old text, moved (or deleted) with its mark
        kind: Mark = "move-from" if move else "delete"
        for p in c.old:
            notes = [Note(n.marker, n.text, "delete") for n in p.notes]
            yield _Para(
                [Segment("delete", s.text, s.lead, ref=s.ref) for s in p.segments],
                kind,
                p,
                notes,
                move,
            )
        return
    if c.type == "moved":
        kind = "move-to" if move else "insert"
        for p in c.new:
            notes = [Note(n.marker, n.text, "insert") for n in p.notes]
            yield _Para(
                [Segment("insert", s.text, s.lead, ref=s.ref) for s in p.segments],
                kind,
                p,
                notes,
                move,
            )
        return
    final: Mark = "insert" if not c.old_ids else "delete" if not c.new_ids else "normal"
    cut = _cut(c.segments, final)
    models = c.new if len(cut) == len(c.new) or not c.old else c.old
    if len(cut) != len(models):
        models = c.new or c.old
    for k, (segs, mark) in enumerate(cut):
        model = models[min(k, len(models) - 1)] if models else None
        notes = _notes(c, model, k == 0) if k < len(models) or k == 0 else []
        yield _Para(segs, mark, model, notes)


class _Footnotes:
    """The footnotes part of the document (``word/footnotes.xml``), made on first use."""

    def __init__(self, doc: Any, rev: _Revisions) -> None:
        self.doc, self.rev = doc, rev
        self.root: Any = None
        self._next = 1

    def _part(self) -> Any:
        if self.root is None:
            self.root = parse_xml(
                f"<w:footnotes {nsdecls('w')}>"
                '<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0"'
                ' w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:separator/></w:r></w:p>'
                "</w:footnote>"
                '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing'
                ' w:after="0" w:line="240" w:lineRule="auto"/></w:pPr><w:r>'
                "<w:continuationSeparator/></w:r></w:p></w:footnote></w:footnotes>"
            )
        return self.root

    def add(self, note: Note, rtl: bool) -> int:
        """A footnote holding ``note``'s text (tracked as the note is); its id."""
        root = self._part()
        fid = self._next
        self._next += 1
        fn = OxmlElement("w:footnote")
        fn.set(qn("w:id"), str(fid))
        p = OxmlElement("w:p")
        ppr = OxmlElement("w:pPr")
        style = OxmlElement("w:pStyle")
        style.set(qn("w:val"), "FootnoteText")
        ppr.append(style)
        if rtl:
            ppr.append(OxmlElement("w:bidi"))
        p.append(ppr)
        ref = _run_with(OxmlElement("w:footnoteRef"))
        text = OxmlElement("w:r")
        t = OxmlElement("w:delText" if note.kind == "delete" else "w:t")
        t.set(qn("xml:space"), "preserve")
        t.text = " " + xml_text(note.text)
        text.append(t)
        if note.kind in ("insert", "delete"):
            wrap = self.rev.element(_WRAP[note.kind])
            wrap.append(ref)
            wrap.append(text)
            p.append(wrap)
        else:
            p.append(ref)
            p.append(text)
        fn.append(p)
        root.append(fn)
        return fid

    def save(self) -> None:
        """Add the part, its relationship and the document's footnote settings."""
        if self.root is None:
            return
        from lxml import etree

        blob = etree.tostring(self.root, xml_declaration=True, encoding="UTF-8", standalone=True)
        part = Part(PackURI("/word/footnotes.xml"), _FOOTNOTES_TYPE, blob, self.doc.part.package)
        self.doc.part.relate_to(part, RT.FOOTNOTES)
        settings = self.doc.settings.element
        pr = parse_xml(
            f'<w:footnotePr {nsdecls("w")}><w:footnote w:id="-1"/><w:footnote w:id="0"/>'
            "</w:footnotePr>"
        )
        compat = settings.find(qn("w:compat"))
        if compat is not None:
            compat.addprevious(pr)
        else:
            settings.append(pr)


def _run_with(child: Any) -> Any:
    """A run in the footnote reference style holding ``child``."""
    r = OxmlElement("w:r")
    rpr = OxmlElement("w:rPr")
    style = OxmlElement("w:rStyle")
    style.set(qn("w:val"), "FootnoteReference")
    rpr.append(style)
    r.append(rpr)
    r.append(child)
    return r


class _Writer:
    def __init__(
        self,
        v: ComparisonView,
        author: str,
        date: str,
        *,
        warnings: Sequence[str] = (),
        changes_only: bool = False,
        header: str | None = None,
        first_revision: int = 1,
    ) -> None:
        self.v = v
        self.chrome: Chrome = v.chrome
        self.doc = docx.Document()
        self.rev = _Revisions(author, date, first_revision, v.marks)
        self.rtl = v.dir == "rtl"
        self.changes_only = changes_only
        self.warnings = list(warnings)
        self.footnotes = _Footnotes(self.doc, self.rev)
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
        styles = doc.styles.element
        for style in parse_xml(_STYLES).findall(qn("w:style")):
            styles.append(style)
        if header_text or self.v.marks is not None:
            # a header of the caller's (the next draft's symbol), or of the amendments
            header = sec.header.paragraphs[0]
            header.text = xml_text(header_text or self._amended_header())
            header.runs[0].font.size = Pt(8)
        else:
            self._header(sec)
        self._properties(header_text)

    def _header(self, sec: Any) -> None:
        """Every page: what was compared; the first page: the documents and the warnings."""
        chrome, v = self.chrome, self.v
        old = v.old.symbol or chrome.gettext("old text")
        new = v.new.symbol or chrome.gettext("new text")
        line = chrome.gettext(
            "%(old)s → %(new)s: tracked changes (%(author)s, %(date)s)",
            old=old,
            new=new,
            author=self.rev.author,
            date=chrome.date(self.rev.date[:10]),
        )
        header = sec.header.paragraphs[0]
        header.text = xml_text(line)
        header.runs[0].font.size = Pt(8)
        sec.different_first_page_header_footer = True
        first = sec.first_page_header
        w = Words(chrome)
        lines = [(line, True, False)]
        for label, r in ((chrome.gettext("Old"), v.old), (chrome.gettext("New"), v.new)):
            bits = [r.symbol or "—", w.doctype(r.document_type), w.committee(r.committee)]
            if r.adopted:
                bits.append(chrome.gettext("adopted %(date)s", date=chrome.date(r.adopted)))
            text = f"{label}: " + ", ".join(b for b in bits if b)
            more = doc_more(r, chrome)
            lines.append((text + (" · " + " · ".join(more) if more else ""), False, False))
        if self.changes_only:
            lines.append(
                (
                    chrome.gettext(
                        "Changes only: the unchanged paragraphs are left out, so accepting"
                        " every change does not give the whole new text."
                    ),
                    False,
                    True,
                )
            )
        lines.extend(
            (chrome.gettext("Warning: %(text)s", text=x), True, True) for x in self.warnings
        )
        p = first.paragraphs[0]
        for k, (text, bold, alert) in enumerate(lines):
            if k:
                p = first.add_paragraph()
            run = p.add_run(xml_text(text))
            run.font.size = Pt(8)
            run.bold = bold or None
            if alert:
                run.font.color.rgb = RGBColor(0x8A, 0x4B, 0x00)
            self._bidi(p._p.get_or_add_pPr())

    def _amended_header(self) -> str:
        """The header of a draft compared with the draft as amended."""
        v, chrome = self.v, self.chrome
        assert v.marks is not None
        names = ", ".join(a.symbol or chrome.gettext("an amendment") for a in v.marks.amendments)
        missed = len(v.marks.missed)
        warning = (
            chrome.ngettext(
                "; %(num)d instruction NOT applied: see the comment on the title",
                "; %(num)d instructions NOT applied: see the comment on the title",
                missed,
            )
            if missed
            else ""
        )
        day = self.rev.date[:10]  # English has always given the ISO date here
        return (
            chrome.gettext(
                "%(draft)s as amended by %(amendments)s: tracked changes signed by each"
                " amendment (%(date)s)",
                draft=v.old.symbol or chrome.gettext("The draft"),
                amendments=names,
                date=day if chrome.lang == DEFAULT else chrome.date(day),
            )
            + warning
        )

    def _properties(self, subject: str | None = None) -> None:
        """Title, subject, author "resdiff <version>", language, dates of now."""
        v, chrome = self.v, self.chrome
        props = self.doc.core_properties
        now = datetime.now(UTC).replace(microsecond=0)
        maker = f"resdiff {resdiff_version()}"
        old = v.old.symbol or chrome.gettext("old text")
        new = v.new.symbol or chrome.gettext("new text")
        props.title = xml_text(v.new.title or v.old.title or f"{old} → {new}")[:250]
        props.subject = xml_text(
            subject or chrome.gettext("%(old)s → %(new)s: tracked changes", old=old, new=new)
        )[:255]
        props.author = props.last_modified_by = maker
        props.created = props.modified = now
        props.revision = 1
        props.language = v.lang
        props.keywords = xml_text(", ".join(x for x in (v.old.symbol, v.new.symbol) if x))
        props.comments = xml_text(" ".join(self.warnings))[:255]
        props.category = chrome.gettext("Comparison of two versions")
        props.identifier = ""
        props.content_status = ""
        props.version = ""
        for part in self.doc.part.package.iter_parts():
            if part.partname == "/docProps/app.xml":
                part._blob = part.blob.replace(
                    b"<Application>Microsoft Macintosh Word</Application>",
                    f"<Application>{maker}</Application>".encode(),
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

    def comment(self, text: str) -> int:
        """A comment signed like the revisions; its id."""
        c = self.doc.comments.add_comment(
            text=xml_text(text), author=self.rev.author, initials="rd"
        )
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

    def _runs(
        self, segments: Sequence[Segment | Anchor], *, bold: bool = False, move: str | None = None
    ) -> Iterable[Any]:
        """Runs, each stretch of inserted or deleted runs inside one ``w:ins``/``w:del``
        (``w:moveTo``/``w:moveFrom`` in a paragraph that is part of a move); comment
        anchors between runs."""
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
                tag = (
                    _WRAP[s.kind]
                    if move is None
                    else ("w:moveTo", "w:moveFrom")[s.kind == "delete"]
                )
                wrap, kind, ref = self.rev.element(tag, s.ref), s.kind, s.ref
                yield wrap
            run = self._run(s, bold=bold)
            if move is not None and s.kind == "delete":  # moved-from text is w:t, not w:delText
                for t in run.iter(qn("w:delText")):
                    t.tag = qn("w:t")
            wrap.append(run)

    def _note_refs(self, notes: Sequence[Note]) -> Iterable[Any]:
        """The footnote references of a paragraph, tracked as their notes are."""
        for n in notes:
            fid = self.footnotes.add(n, self.rtl)
            ref = OxmlElement("w:footnoteReference")
            ref.set(qn("w:id"), str(fid))
            run = _run_with(ref)
            if not n.marker.isdigit():  # "*": a mark of its own, not Word's number
                ref.set(qn("w:customMarkFollows"), "1")
                t = OxmlElement("w:delText" if n.kind == "delete" else "w:t")
                t.text = xml_text(n.marker)
                run.append(t)
            if n.kind in ("insert", "delete"):
                wrap = self.rev.element(_WRAP[n.kind])
                wrap.append(run)
                yield wrap
            else:
                yield run

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
        model = para.model
        kind = model.kind if model else "title"
        segments = para.segments
        if kind == "preambular":
            fmt.first_line_indent = Twips(_INDENT)
        elif kind in ("operative", "subparagraph") and self.changes_only and model is not None:
            # Word numbering would count the paragraphs left out: the printed number
            fmt.first_line_indent = Twips(_INDENT if kind == "operative" else 0)
            fmt.left_indent = Twips(0 if kind == "operative" else _INDENT + _HANG)
            if model.number:
                segments = [Segment("equal", model.number + "\t"), *segments]
        elif kind in ("operative", "subparagraph"):
            numpr = p._p.get_or_add_pPr().get_or_add_numPr()
            numpr.get_or_add_ilvl().val = 0 if kind == "operative" else 1
            numpr.get_or_add_numId().val = self._num_id(part)
        fmt.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        ppr = p._p.get_or_add_pPr()
        self._bidi(ppr)
        move = para.move
        if move is not None:
            self._move_range(p._p, para.mark, move, start=True)
        for el in self._runs(segments, bold=bold, move=move):
            p._p.append(el)
        if move is not None:
            self._move_range(p._p, para.mark, move, start=False)
        for el in self._note_refs(para.notes):
            p._p.append(el)
        if para.mark != "normal":
            rpr = OxmlElement("w:rPr")
            rpr.append(self.rev.element(_WRAP[para.mark], para.ref))
            ppr.append(rpr)
        return p

    def _move_range(self, p: Any, mark: Mark, name: str, *, start: bool) -> None:
        """The start or end of a named move range (``w:moveFromRangeStart``...)."""
        side = "moveFrom" if mark == "move-from" else "moveTo"
        if start:
            el = self.rev.element(f"w:{side}RangeStart")
            el.set(qn("w:name"), f"move{name}")
            self._range = el.get(qn("w:id"))
        else:
            el = OxmlElement(f"w:{side}RangeEnd")
            el.set(qn("w:id"), self._range)
        p.append(el)

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

    def gap(self, count: int) -> None:
        """The line that stands for ``count`` unchanged paragraphs left out."""
        text = self.chrome.ngettext(
            "[%(num)d unchanged paragraph]", "[%(num)d unchanged paragraphs]", count
        )
        p = self.plain(text, italic=True, center=True, size=8)
        p.runs[0].font.color.rgb = RGBColor(0x55, 0x5B, 0x66)

    def title(self) -> Any:
        """The title paragraph (its change tracked), or None when neither text has one."""
        v = self.v
        old_title, new_title = v.old.title or "", v.new.title or ""
        if not (old_title or new_title):
            return None
        segs: list[Segment]
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
        chrome = self.chrome
        comment = self.doc.add_comment(
            run,
            chrome.ngettext(
                "%(num)d instruction NOT applied: this document does not carry it.",
                "%(num)d instructions NOT applied: this document does not carry them.",
                len(marks.missed),
            ),
            author="resdiff",
            initials="rd",
        )
        comment._comment_elm.set(qn("w:date"), self.rev.date)  # the revisions' date, not now
        for i in marks.missed:
            head = chrome.gettext(
                "%(instruction)s: %(status)s.", instruction=i.label, status=i.status_label
            )
            comment.add_paragraph(f"{head} {i.detail}".strip())
            comment.add_paragraph(i.oneline)

    def write(self, deadline: float | None = None) -> bytes:
        v = self.v
        title = self.title()
        for gap, e in visible_entries(v.entries, self.changes_only):
            budget.check(deadline, "writing the Word report")
            if gap:
                self.gap(gap)
            if e.heading:
                self.plain(e.heading, bold=True, center=True)
            if e.assembly and not self.changes_only:
                self.plain(v.assembly, italic=True).paragraph_format.first_line_indent = Twips(
                    _INDENT
                )
            for k, para in enumerate(_entry_paragraphs(e)):
                if k == 0 and e.role == "text" and e.change.precedents is not None:
                    note = self.comment(agreed_note(e.change, self.chrome))
                    para.segments = [Anchor(False, note), *para.segments, Anchor(True, note)]
                p = self.paragraph(para, para.model.part if para.model else None)
                title = title if title is not None else p
        if self.changes_only and (tail := trailing_gap(v.entries)):
            self.gap(tail)
        self.missed(title)
        self.footnotes.save()
        buf = io.BytesIO()
        self.doc.save(buf)
        return buf.getvalue()


def agreed_note(c: ChangeView, chrome: Chrome) -> str:
    """The comment on a paragraph searched for agreed language: its precedents, the
    text of the best one (in the words of ``chrome``)."""
    if not c.precedents:
        return chrome.gettext(
            "Agreed language: none in the library (no paragraph at least 50%% similar)."
        )
    best, *others = c.precedents
    quote = best.text if len(best.text) <= _QUOTE else best.text[: _QUOTE - 1].rstrip() + "\u2026"
    where = f"{best.label}, {best.percent}"
    if best.adopted:
        where += ", " + chrome.gettext("adopted %(date)s", date=chrome.date(best.adopted))
    note = chrome.gettext("Agreed language: %(where)s:", where=where) + f" \u201c{quote}\u201d"
    if others:
        also = "; ".join(f"{p.label}, {p.percent}" for p in others)
        note += " " + chrome.gettext("Also: %(others)s.", others=also)
    return note


def render_comparison_docx(
    comparison: Comparison,
    *,
    author: str = "resdiff",
    date: str | None = None,
    deadline: float | None = None,
    language: str | None = None,
    changes_only: bool = False,
) -> bytes:
    """The old text as a Word document with the changes to the new text as tracked revisions.

    ``language``: that of the header's words (default: the documents');
    ``changes_only``: leave the unchanged paragraphs out; ``deadline`` (a
    :func:`time.monotonic` value) is checked between paragraphs.
    """
    chrome = comparison_chrome(comparison, language)
    view = build_view(comparison, chrome=chrome, deadline=deadline)
    warnings = [x.text(chrome) for x in comparison_warnings(comparison)]
    writer = _Writer(
        view,
        author or "resdiff",
        revision_date(date),
        warnings=warnings,
        changes_only=changes_only,
        first_revision=COMMENTED_REVISIONS if view.searched else 1,
    )
    return writer.write(deadline)
