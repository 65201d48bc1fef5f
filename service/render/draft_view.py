"""A presentation model of a draft (:func:`diffing.next_draft`), shared by its reports.

:func:`build_draft_view` turns a :class:`~diffing.renewal.Draft` into what the
html, pdf, text and Word reports print: the front matter as the United
Nations prints a draft resolution (:class:`FrontMatter`: "United Nations",
"General Assembly", "Distr.: Limited", the date, "Original: English", the
session, an agenda item and sponsors still to fill in, the title), the base
text with the routine edits made (the comparison's :class:`ComparisonView`)
and the reason of each, and the edits proposed but not made
(:class:`Proposal`), each as a short redline of the words it would change.

English and French drafts have their front matter in their language; another
language gets the English front matter, its own "The General Assembly," line.
The report's own words (paragraph names, "the base text") are those of its
chrome (:class:`~service.i18n.Chrome`), by default the draft's language.

>>> front_matter("fr", "Quatre-vingt-unième session", 81, "Coopération", "2025-12-01").lines[:5]
['Nations Unies', 'Assemblée générale', 'Distr. limitée', '1er décembre 2025', 'Original : français']
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

from diffing.model import Op
from diffing.renewal import Draft
from diffing.renewal.context import format_date
from service.i18n import Chrome, chrome_language
from service.render.view import ComparisonView, Segment, assembly_line, build_view
from service.render.words import renewal_reason

__all__ = [
    "DraftView",
    "FrontMatter",
    "Proposal",
    "build_draft_view",
    "draft_chrome",
    "front_matter",
    "proposal_segments",
]

_WORDS = {
    "en": {
        "organization": "United Nations",
        "organ": "General Assembly",
        "distribution": "Distr.: Limited",
        "original": "Original: English",
        "agenda": "Agenda item [..]",
        "sponsors": "[Sponsors]: draft resolution",
    },
    "fr": {
        "organization": "Nations Unies",
        "organ": "Assemblée générale",
        "distribution": "Distr. limitée",
        "original": "Original : français",
        "agenda": "Point [..] de l’ordre du jour",
        "sponsors": "[Auteurs] : projet de résolution",
    },
}
#: the words of an excerpt kept on each side of a proposed edit
_CONTEXT = 90


@dataclass(frozen=True)
class FrontMatter:
    """What a draft resolution prints above its first paragraph, in its language."""

    organization: str  # "United Nations"
    organ: str  # "General Assembly"
    symbol: str  # "A/81/L.[..]": given by the Secretariat when the draft is tabled
    distribution: str  # "Distr.: Limited"
    date: str  # "6 December 2025"
    original: str  # "Original: English"
    session: str  # "Eighty-first session"
    agenda: str  # "Agenda item [..]"
    title: str
    sponsors: str  # "[Sponsors]: draft resolution"
    assembly: str  # "The General Assembly,"

    @property
    def lines(self) -> list[str]:
        """Every line, in the order the United Nations prints them."""
        return [
            self.organization,
            self.organ,
            self.distribution,
            self.date,
            self.original,
            self.session,
            self.agenda,
            self.title,
            self.sponsors,
            self.title,
            self.assembly,
        ]


def front_matter(
    language: str, session_heading: str, session: int, title: str, date: str
) -> FrontMatter:
    """The front matter of a draft for ``session``, dated ``date`` (ISO 8601)."""
    lang = "fr" if language == "fr" else "en"
    words = _WORDS[lang]
    return FrontMatter(
        organization=words["organization"],
        organ=words["organ"],
        symbol=f"A/{session}/L.[..]",
        distribution=words["distribution"],
        date=format_date(date[:10], lang),
        original=words["original"],
        session=session_heading,
        agenda=words["agenda"],
        title=title,
        sponsors=words["sponsors"],
        assembly=assembly_line(language),
    )


@dataclass
class Proposal:
    """An edit proposed, not made: the paragraph, why, and the words it would change
    (``segments``: an excerpt of the draft's paragraph as a redline; ``start`` and
    ``end`` are where the change lies in the draft's paragraph)."""

    pid: str
    label: str
    reason: str
    segments: list[Segment]
    start: int
    end: int
    text: str  # the paragraph as it would read


@dataclass
class DraftView:
    """Everything a report of a draft prints."""

    draft: Draft
    front: FrontMatter
    view: ComparisonView
    #: the reason of each change made, by the change's index
    reasons: dict[int, str]
    proposals: list[Proposal] = field(default_factory=list)
    chrome: Chrome = field(default_factory=lambda: Chrome.of("en"))

    @property
    def base(self) -> str:
        return self.draft.old.symbol or self.chrome.gettext("the base text")

    @property
    def adopted(self) -> str:
        """When the base was adopted, as a reader of the chrome writes a date ("23 November
        2020", "23 novembre 2020"), as every other report does."""
        return self.chrome.date(self.draft.old.adopted or "")

    @property
    def made(self) -> int:
        return len(self.reasons)


def _excerpt(segments: list[Segment]) -> list[Segment]:
    """The segments with the unchanged text at both ends cut to a few words."""
    out = list(segments)
    if out and out[0].kind == "equal" and len(out[0].text) > _CONTEXT:
        cut = out[0].text[-_CONTEXT:]
        out[0] = Segment("equal", "\u2026" + cut[cut.find(" ") :] if " " in cut else cut)
    if len(out) > 1 and out[-1].kind == "equal" and len(out[-1].text) > _CONTEXT:
        cut = out[-1].text[:_CONTEXT]
        out[-1] = Segment("equal", (cut[: cut.rfind(" ")] if " " in cut else cut) + " \u2026")
    return out


def proposal_segments(ops: list[Op]) -> tuple[list[Segment], int, int]:
    """A suggestion's ops as segments, and where its change lies in the draft's text."""
    segments: list[Segment] = []
    pos = 0
    start = end = -1
    for op in ops:
        if op.op != "equal":
            start = pos if start < 0 else start
            end = pos + len(op.old)
        if op.op == "equal":
            segments.append(Segment("equal", op.new))
        if op.op in ("delete", "replace"):
            segments.append(Segment("delete", op.old))
        if op.op in ("insert", "replace"):
            segments.append(Segment("insert", op.new))
        pos += len(op.old)
    return segments, max(start, 0), max(end, 0)


def draft_chrome(draft: Draft, language: str | None = None) -> Chrome:
    """The chrome of a draft's reports: ``language`` if given, else the draft's."""
    return Chrome.of(chrome_language(language, draft.new.language, draft.old.language))


def build_draft_view(
    draft: Draft,
    *,
    date: str | None = None,
    deadline: float | None = None,
    chrome: Chrome | None = None,
) -> DraftView:
    """The draft ready to print, dated ``date`` (ISO 8601; today by default), in the words
    of ``chrome`` (by default the draft's language)."""
    chrome = chrome or draft_chrome(draft)
    view = build_view(draft, chrome=chrome, deadline=deadline)
    fm = draft.front_matter()
    front = front_matter(
        draft.new.language or "en",
        fm["session_heading"],
        draft.session,
        draft.new.title or "",
        date or datetime.now(UTC).date().isoformat(),
    )
    reasons = {i: renewal_reason(c.reason, chrome) for i, c in enumerate(draft.changes) if c.reason}
    proposals = []
    for s in draft.suggestions:
        segments, start, end = proposal_segments(s.ops)
        proposals.append(
            Proposal(
                s.paragraph,
                chrome.pid(s.paragraph),
                renewal_reason(s.reason, chrome),
                _excerpt(segments),
                start,
                end,
                s.text,
            )
        )
    return DraftView(draft, front, view, reasons, proposals, chrome)
