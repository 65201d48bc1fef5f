"""A presentation model of a comparison, shared by every human-readable report.

:func:`build_view` turns a :class:`~diffing.model.Comparison` into plain data a
template can print without logic: the new text in reading order, the removed
paragraphs and the origins of moved paragraphs where they stood in the old
text, each paragraph cut into segments (equal / insert / delete, lead or not),
labels such as ``PP5 (was PP4)`` in the language of the report's chrome
(:class:`~service.i18n.Chrome`: ``§ 5 (ancien § 4)`` in French), navigation
anchors and a summary. For a draft compared with the draft as amended, each
inserted or deleted segment keeps the instruction that made it (``ref``), each
change the amendments behind it (``made_by``), and the view holds the amendments
(:class:`~service.render.amendments.Marks`) and the change of the title.

Nothing here escapes or formats: the templates do (with autoescape on).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Literal

from diffing import budget
from diffing.model import (
    AmendmentRef,
    Change,
    Comparison,
    Op,
    Paragraph,
    Precedent,
    Resolution,
    Summary,
    VerbChange,
)
from diffing.worddiff import typographic_ops
from service.i18n import Chrome, direction
from service.render.amendments import Marks, build_marks

__all__ = [
    "ChangeView",
    "ComparisonView",
    "Entry",
    "Note",
    "ParaView",
    "PrecedentView",
    "Segment",
    "assembly_line",
    "build_view",
    "change_label",
    "display_number",
    "percent",
    "precedent_view",
    "shown_verb_change",
    "text_direction",
    "visible_entries",
]

SegmentKind = Literal["equal", "insert", "delete"]

_ASSEMBLY = {
    "en": "The General Assembly,",
    "fr": "L\u2019Assembl\u00e9e g\u00e9n\u00e9rale,",
    "es": "La Asamblea General,",
    "ru": "\u0413\u0435\u043d\u0435\u0440\u0430\u043b\u044c\u043d\u0430\u044f \u0410\u0441\u0441\u0430\u043c\u0431\u043b\u0435\u044f,",
    "ar": "\u0625\u0646 \u0627\u0644\u062c\u0645\u0639\u064a\u0629 \u0627\u0644\u0639\u0627\u0645\u0629\u060c",
    "zh": "\u5927\u4f1a\uff0c",
}


@dataclass
class Segment:
    """A run of text with one diff status; ``lead`` marks the italic lead words."""

    kind: SegmentKind
    text: str
    lead: bool = False
    minor: bool = False  # spacing or typography the engine counts as equal
    ref: AmendmentRef | None = None  # the instruction that made it (amendments only)
    #: after the last segment of an edit, in a change several instructions made: which
    #: one made it ("#2"), so that a printed report tells them apart
    tag: str = ""


@dataclass
class Note:
    """A footnote of a paragraph; ``kind`` says whether it is new, gone or kept."""

    marker: str
    text: str
    kind: SegmentKind = "equal"


@dataclass
class ParaView:
    """One printed paragraph: its id, its number as printed, its segments, its footnotes."""

    pid: str
    kind: str
    number: str
    part: str | None
    segments: list[Segment]
    notes: list[Note] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(s.text for s in self.segments)


@dataclass
class PrecedentView:
    """Agreed language for a paragraph: where it stands (``A/RES/78/125 OP7``), how
    close (``96%``), and the redline from it to the new text (``segments``: deleted,
    the precedent's words; inserted, the new text's)."""

    label: str
    percent: str
    symbol: str | None
    paragraph: str
    title: str | None
    adopted: str | None
    document: str | None
    text: str
    segments: list[Segment]


def percent(similarity: float) -> str:
    """A similarity as a whole percentage, rounded down: 100% only when identical.

    >>> percent(0.996), percent(1.0), percent(0.5)
    ('99%', '100%', '50%')
    """
    return f"{int(similarity * 100 + 1e-9)}%"


def precedent_view(p: Precedent, chrome: Chrome | None = None) -> PrecedentView:
    """A precedent ready to print, its ops cut into segments (typography shown as equal),
    its paragraph named as a reader of ``chrome`` names it (``A/RES/78/125 OP7``)."""
    segments: list[Segment] = []
    for big in p.ops:
        for op in typographic_ops(big):
            if op.op == "equal" or big.op == "equal":
                segments.append(Segment("equal", op.new))
                continue
            if op.old:
                segments.append(Segment("delete", op.old))
            if op.new:
                segments.append(Segment("insert", op.new))
    label = p.label if chrome is None else f"{p.symbol or '—'} {chrome.pid(p.paragraph)}"
    return PrecedentView(
        label=label,
        percent=percent(p.similarity),
        symbol=p.symbol,
        paragraph=p.paragraph,
        title=p.title,
        adopted=p.adopted,
        document=p.document,
        text=p.text,
        segments=segments,
    )


@dataclass
class ChangeView:
    """One change ready to print.

    ``inline`` interleaves insertions and deletions (cut into the new
    paragraphs, or the old ones for a removal); ``old`` and ``new`` are the two
    sides for the side-by-side view; ``segments`` is the uncut stream, its
    texts joined with ``"\\n"`` where paragraphs meet (for the Word revisions).
    """

    index: int
    anchor: str
    type: str
    label: str
    old_ids: list[str]
    new_ids: list[str]
    tags: list[str]
    verb_change: VerbChange | None
    similarity: float
    quiet: bool  # the engine's Change.routine: shown, but not substantive
    inline: list[ParaView]
    old: list[ParaView]
    new: list[ParaView]
    segments: list[Segment] = field(default_factory=list)
    prev: str | None = None
    next: str | None = None
    #: the amendments that made it, (tone, "A/80/L.28, instructions 1, 5") each
    made_by: list[tuple[int, str]] = field(default_factory=list)
    #: agreed language for the new text, best first (None: not looked for)
    precedents: list[PrecedentView] | None = None

    @property
    def changed(self) -> bool:
        return self.type != "unchanged" or bool(self.tags)

    @property
    def substantive(self) -> bool:
        return self.changed and not self.quiet

    @property
    def section(self) -> str:
        """``operative`` (sub-paragraphs included), ``preambular`` or ``other`` (headings):
        the part of the text the change is in, by its first paragraph (new, else old)."""
        paras = self.new or self.old
        kind = paras[0].kind if paras else ""
        if kind in ("operative", "subparagraph"):
            return "operative"
        return "preambular" if kind == "preambular" else "other"

    @property
    def kind(self) -> str:
        """What the change lists show: its type, ``routine`` for a routine update, and
        ``part-change`` for a paragraph that only changed part."""
        if self.quiet and self.type in ("reworded", "unchanged"):
            return "routine"
        if self.type == "unchanged":
            return "part-change"
        return self.type

    def begins(self, words: int = 9) -> tuple[str, str]:
        """The opening words of the paragraph (new text, else old): its lead (italic
        in print) and the words after it, cut at ``words`` words in all."""
        paras = self.new or self.old
        if not paras:
            return "", ""
        segments = paras[0].segments
        lead = "".join(s.text for s in itertools.takewhile(lambda s: s.lead, segments))
        rest = "".join(s.text for s in segments)[len(lead) :]
        taken = lead.split()
        more = rest.split()
        kept = more[: max(0, words - len(taken))]
        tail = " ".join(kept)
        if len(kept) < len(more):
            tail += "\u2026"
        space = " " if lead and tail and not tail.startswith(",") else ""
        return lead.strip(), space + tail


@dataclass
class Entry:
    """One item of the inline reading order.

    ``role`` is ``"text"`` for a change at its place in the new text and
    ``"origin"`` for the old text of a moved paragraph where it stood.
    ``heading`` is a part heading (``A``, ``II``) to print before it, if any;
    ``assembly`` asks for the "The General Assembly," line before it.
    """

    role: Literal["text", "origin"]
    change: ChangeView
    heading: str | None = None
    assembly: bool = False

    @property
    def shown_when_changes_only(self) -> bool:
        return self.role == "origin" or self.change.changed


@dataclass
class ComparisonView:
    old: Resolution
    new: Resolution
    changes: list[ChangeView]
    entries: list[Entry]
    summary: Summary
    lang: str
    dir: str
    old_lang: str
    old_dir: str
    assembly: str
    chrome: Chrome = field(default_factory=lambda: Chrome.of("en"))
    #: the amendments applied (None for a comparison of two versions)
    marks: Marks | None = None
    #: the change of the title made by amendments (an inline paragraph of kind "title")
    title: ChangeView | None = None

    @property
    def navigable(self) -> list[ChangeView]:
        return [c for c in self.changes if c.changed]

    @property
    def searched(self) -> list[ChangeView]:
        """The changes whose agreed language was looked for (none: it was not asked)."""
        return [c for c in self.changes if c.precedents is not None]

    @property
    def agreed(self) -> list[ChangeView]:
        """The changes with agreed language found."""
        return [c for c in self.changes if c.precedents]


def text_direction(language: str | None) -> str:
    """``rtl`` for Arabic (and other right-to-left scripts), else ``ltr``."""
    return direction(language)


def assembly_line(language: str | None) -> str:
    return _ASSEMBLY.get((language or "en").split("-")[0].lower(), _ASSEMBLY["en"])


def display_number(p: Paragraph, language: str | None = None) -> str:
    """The number as printed: ``3.`` for operative, ``(a)`` for sub-paragraphs (``a)`` in
    a French text)."""
    n = (p.number or "").strip()
    if not n:
        return ""
    if p.kind == "subparagraph":
        core = n.strip("()")
        return f"{core})" if (language or "").startswith("fr") else f"({core})"
    if p.kind == "operative":
        return n if n.endswith(".") else f"{n}."
    return n


def shown_verb_change(change: Change) -> VerbChange | None:
    """The verb change a report shows: none for a minor one ("Also decides" ->
    "Decides", only an ordinal adverb changed), which only the JSON keeps."""
    vc = change.verb_change
    return None if vc is None or vc.minor else vc


def change_label(change: Change, chrome: Chrome | None = None) -> str:
    """``PP5 (was PP4)``, ``OP3 (new)``, ``OP4 (deleted)``, ``OP3, OP4 (was OP3)``, in the
    words of ``chrome`` (English by default)."""
    chrome = chrome or Chrome.of("en")
    old, new = chrome.pids(change.old), chrome.pids(change.new)
    if not change.new:
        return chrome.gettext("%(ids)s (deleted)", ids=old)
    if not change.old:
        return chrome.gettext("%(ids)s (new)", ids=new)
    if change.old == change.new:
        return new
    return chrome.gettext("%(new)s (was %(old)s)", new=new, old=old)


def visible_entries(entries: Sequence[Entry], changes_only: bool) -> list[tuple[int, Entry]]:
    """The entries a report prints, each with the number of unchanged paragraphs left
    out just before it (always 0 unless ``changes_only``)."""
    if not changes_only:
        return [(0, e) for e in entries]
    out: list[tuple[int, Entry]] = []
    gap = 0
    for e in entries:
        if e.shown_when_changes_only:
            out.append((gap, e))
            gap = 0
        else:
            gap += len(e.change.inline)
    return out


def trailing_gap(entries: Sequence[Entry]) -> int:
    """The unchanged paragraphs after the last change (left out of a changes-only report)."""
    gap = 0
    for e in reversed(entries):
        if e.shown_when_changes_only:
            break
        gap += len(e.change.inline)
    return gap


def build_view(
    comparison: Comparison, *, chrome: Chrome | None = None, deadline: float | None = None
) -> ComparisonView:
    """Everything a report prints, in the order it prints it, in the words of ``chrome``
    (English by default), within ``deadline`` (a :func:`time.monotonic` value, checked
    between changes)."""
    chrome = chrome or Chrome.of("en")
    old, new = _Doc.of(comparison.old), _Doc.of(comparison.new)
    views = []
    for i, c in enumerate(comparison.changes):
        budget.check(deadline, "preparing the report")
        views.append(_change_view(i, c, old, new, chrome))
    marks = build_marks(comparison, chrome)
    title = (
        _title_view(comparison.title_change, comparison, chrome)
        if comparison.title_change
        else None
    )
    changed = [v for v in views if v.changed]
    for a, b in itertools.pairwise([title, *changed] if title else changed):
        a.next, b.prev = b.anchor, a.anchor
    if marks is not None:
        _mark(marks, comparison, views, title)
    lang = comparison.new.language or "en"
    old_lang = comparison.old.language or lang
    return ComparisonView(
        old=comparison.old,
        new=comparison.new,
        changes=views,
        entries=_entries(comparison, views),
        summary=comparison.summary,
        lang=lang,
        dir=text_direction(lang),
        old_lang=old_lang,
        old_dir=text_direction(old_lang),
        assembly=assembly_line(lang),
        chrome=chrome,
        marks=marks,
        title=title,
    )


def _mark(
    marks: Marks, comparison: Comparison, views: list[ChangeView], title: ChangeView | None
) -> None:
    """Each change's amendments, and each instruction's changes."""
    pairs = list(zip(comparison.changes, views, strict=True))
    if title is not None and comparison.title_change is not None:
        pairs.insert(0, (comparison.title_change, title))
    for c, v in pairs:
        v.made_by = marks.made_by(c.amendment)
        for ref in c.amendment:
            marks.link(ref, v.anchor, v.label)
        if len(c.amendment) > 1:
            several = len({r.symbol for r in c.amendment}) > 1
            for p in (*v.inline, *v.old, *v.new):
                _tag_edits(p.segments, several)


def _tag_edits(segments: Sequence[Segment], several: bool) -> None:
    """Tag the last segment of each edit (a run of insertions and deletions of one
    instruction) with its instruction: ``#2``, or ``L.10 #2`` in a paragraph that
    ``several`` amendments changed."""
    for k, s in enumerate(segments):
        if s.ref is None:
            continue
        after = segments[k + 1] if k + 1 < len(segments) else None
        if after is None or after.kind == "equal" or after.ref != s.ref:
            short = (s.ref.symbol or "").rsplit("/", 1)[-1]
            number = "" if s.ref.instruction is None else f"#{s.ref.instruction}"
            s.tag = " ".join(x for x in (short if several else "", number) if x)


def _title_view(change: Change, comparison: Comparison, chrome: Chrome) -> ChangeView:
    """The change of the title as one inline paragraph of kind ``title``."""
    old = Paragraph(id="title", kind="heading", text=comparison.old.title or "")
    new = Paragraph(id="title", kind="heading", text=comparison.new.title or "")
    segs = _segments(_ops(change, old.text, new.text), [old], [new])
    shown = [
        Segment("equal", s.text) if s.minor else s
        for s in segs
        if not (s.minor and s.kind == "delete")
    ]
    return ChangeView(
        index=-1,
        anchor="title",
        type=change.type,
        label=chrome.gettext("Title"),
        old_ids=["title"],
        new_ids=["title"],
        tags=[],
        verb_change=None,
        similarity=change.similarity,
        quiet=False,
        inline=[ParaView("title", "title", "", None, shown)],
        old=[ParaView("title", "title", "", None, _side(segs, "insert"))],
        new=[ParaView("title", "title", "", None, _side(segs, "delete"))],
        segments=segs,
    )


# -- one change ---------------------------------------------------------------


@dataclass
class _Doc:
    """One side of a comparison, indexed once for all its changes."""

    paragraphs: dict[str, Paragraph]  # by id; the first of a repeated id, as Resolution.paragraph
    notes: dict[str, str]  # footnote text by marker
    language: str = "en"

    @classmethod
    def of(cls, res: Resolution) -> _Doc:
        return cls(
            {p.id: p for p in reversed(res.paragraphs)},
            {f.marker: f.text for f in res.footnotes},
            res.language or "en",
        )

    def lookup(self, ids: Sequence[str]) -> list[Paragraph]:
        """The paragraphs of ``ids``; an unknown id gets an empty paragraph."""
        return [
            self.paragraphs.get(pid) or Paragraph(id=pid, kind="preambular", text="") for pid in ids
        ]


def _ops(change: Change, old_text: str, new_text: str) -> list[Op]:
    """The change's word ops, or a plain delete/insert if they do not add up."""
    ops = change.ops
    if ops and "".join(o.old for o in ops) == old_text and "".join(o.new for o in ops) == new_text:
        return ops
    if old_text == new_text:
        return [Op("equal", old_text, new_text)]
    out = []
    if old_text:
        out.append(Op("delete", old_text, ""))
    if new_text:
        out.append(Op("insert", "", new_text))
    return out


def _lead_ranges(paras: Sequence[Paragraph]) -> list[tuple[int, int]]:
    ranges, start = [], 0
    for p in paras:
        lead = p.lead if p.lead and p.text.startswith(p.lead) else ""
        if lead:
            ranges.append((start, start + len(lead)))
        start += len(p.text) + 1
    return ranges


def _cut(
    kind: SegmentKind,
    text: str,
    start: int,
    leads: list[tuple[int, int]],
    minor: bool = False,
    ref: AmendmentRef | None = None,
) -> Iterator[Segment]:
    """Cut ``text`` (at ``start`` on its side) at the lead boundaries."""
    cuts = {0, len(text)}
    for a, b in leads:
        for x in (a, b):
            if start < x < start + len(text):
                cuts.add(x - start)
    points = sorted(cuts)
    for a, b in itertools.pairwise(points):
        mid = start + a
        lead = any(x <= mid < y for x, y in leads)
        yield Segment(kind, text[a:b], lead, minor, ref)


def _segments(
    ops: Sequence[Op], old: Sequence[Paragraph], new: Sequence[Paragraph]
) -> list[Segment]:
    """The exact segment stream: its old sides give the old text, its new sides the new."""
    old_leads, new_leads = _lead_ranges(old), _lead_ranges(new)
    out: list[Segment] = []
    o = n = 0
    for big in ops:
        minor = big.op == "equal"
        for op in typographic_ops(big):
            if op.op == "equal":
                out.extend(_cut("equal", op.new, n, new_leads))
            if op.op in ("delete", "replace") and op.old:
                out.extend(_cut("delete", op.old, o, old_leads, minor, op.amendment))
            if op.op in ("insert", "replace") and op.new:
                out.extend(_cut("insert", op.new, n, new_leads, minor, op.amendment))
            o += len(op.old)
            n += len(op.new)
    return out


def _side(segments: Sequence[Segment], drop: SegmentKind) -> list[Segment]:
    """Segments to print: ``drop`` kind left out, minor changes shown as plain text."""
    return [Segment("equal", s.text, s.lead) if s.minor else s for s in segments if s.kind != drop]


def _split(segments: Sequence[Segment], breaking: set[str]) -> list[list[Segment]]:
    """Cut segments into paragraphs at the newlines of the ``breaking`` kinds."""
    paras: list[list[Segment]] = [[]]
    for s in segments:
        if s.kind not in breaking or "\n" not in s.text:
            text = s.text.replace("\n", "\u00b6 ") if s.kind == "delete" else s.text
            paras[-1].append(Segment(s.kind, text, s.lead, ref=s.ref))
            continue
        pieces = s.text.split("\n")
        for k, piece in enumerate(pieces):
            if k:
                paras.append([])
            if piece:
                paras[-1].append(Segment(s.kind, piece, s.lead, ref=s.ref))
    return paras


def _para_views(
    chunks: list[list[Segment]],
    paras: Sequence[Paragraph],
    notes: dict[str, str] | None = None,
    language: str = "en",
) -> list[ParaView]:
    if len(chunks) > len(paras) and paras:
        head, tail = chunks[: len(paras) - 1], chunks[len(paras) - 1 :]
        chunks = [*head, [s for c in tail for s in c]]
    out = []
    for k, segs in enumerate(chunks):
        p = paras[min(k, len(paras) - 1)] if paras else Paragraph(id="", kind="preambular", text="")
        fns = [Note(m, (notes or {}).get(m, "")) for m in p.footnotes]
        out.append(ParaView(p.id, p.kind, display_number(p, language), p.part, segs, fns))
    return out


def _mark_notes(inline: list[ParaView], old: list[ParaView]) -> None:
    """Footnotes in the inline view: new ones inserted, vanished ones deleted."""
    old_notes = [n for p in old for n in p.notes]
    old_texts = {n.text for n in old_notes}
    new_texts = {n.text for p in inline for n in p.notes}
    for p in inline:
        for n in p.notes:
            n.kind = "equal" if n.text in old_texts else "insert"
    if inline:
        inline[0].notes.extend(
            Note(n.marker, n.text, "delete") for n in old_notes if n.text not in new_texts
        )


def _change_view(
    index: int, change: Change, old_doc: _Doc, new_doc: _Doc, chrome: Chrome
) -> ChangeView:
    old = old_doc.lookup(change.old)
    new = new_doc.lookup(change.new)
    old_text = "\n".join(p.text for p in old)
    new_text = "\n".join(p.text for p in new)
    segs = _segments(_ops(change, old_text, new_text), old, new)
    shown = [s for s in segs if not (s.minor and s.kind == "delete")]
    shown = [Segment("equal", s.text, s.lead) if s.minor else s for s in shown]
    old_side = _side(segs, "insert")
    new_side = _side(segs, "delete")
    inline_paras = new or old
    inline_break = {"equal", "insert"} if new else {"delete"}
    old_notes, new_notes = old_doc.notes, new_doc.notes
    old_lang, new_lang = old_doc.language, new_doc.language
    inline = _para_views(
        _split(shown, inline_break),
        inline_paras,
        new_notes if new else old_notes,
        new_lang if new else old_lang,
    )
    old_views = (
        _para_views(_split(old_side, {"equal", "delete"}), old, old_notes, old_lang) if old else []
    )
    if new and old:
        _mark_notes(inline, old_views)
    return ChangeView(
        index=index,
        anchor=f"c{index + 1}",
        type=change.type,
        label=change_label(change, chrome),
        old_ids=list(change.old),
        new_ids=list(change.new),
        tags=list(change.tags),
        verb_change=shown_verb_change(change),
        similarity=change.similarity,
        quiet=change.routine,
        inline=inline,
        old=old_views,
        new=(
            _para_views(_split(new_side, {"equal", "insert"}), new, new_notes, new_lang)
            if new
            else []
        ),
        segments=segs,
        precedents=None
        if change.precedents is None
        else [precedent_view(p, chrome) for p in change.precedents],
    )


# -- reading order ---------------------------------------------------------------


def _entries(comparison: Comparison, views: list[ChangeView]) -> list[Entry]:
    """The new text in order, with each moved paragraph's origin where it stood."""
    owner: dict[str, int] = {}
    for i, c in enumerate(comparison.changes):
        if c.type != "moved":
            for pid in c.old:
                owner.setdefault(pid, i)
    old_ids = [p.id for p in comparison.old.paragraphs]
    # origins[i] = moved changes whose old text stood right after change i (-1: at the start)
    origins: dict[int, list[int]] = {}
    for i, c in enumerate(comparison.changes):
        if c.type != "moved" or not c.old:
            continue
        try:
            pos = old_ids.index(c.old[0])
        except ValueError:
            continue
        anchor_change = -1
        for pid in reversed(old_ids[:pos]):
            if pid in owner:
                anchor_change = owner[pid]
                break
        origins.setdefault(anchor_change, []).append(i)

    entries: list[Entry] = [Entry("origin", views[i]) for i in origins.get(-1, [])]
    for i, v in enumerate(views):
        entries.append(Entry("text", v))
        entries.extend(Entry("origin", views[j]) for j in origins.get(i, []))
    _headings(entries)
    return entries


def _headings(entries: list[Entry]) -> None:
    """Part headings where the part changes; the Assembly line before each part's first paragraph."""
    part: str | None = None
    first = True
    for e in entries:
        paras = e.change.old if e.role == "origin" else e.change.inline
        p = paras[0] if paras else None
        this = p.part if p else part
        if this != part:
            part = this
            e.heading = this
            first = True
        if first and p is not None and p.kind in ("preambular", "operative"):
            e.assembly = True
            first = False
