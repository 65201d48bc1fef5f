"""Plain data of resdiff: a parsed resolution, and the comparison of two or more.

Everything here is a frozen-ish dataclass with a ``to_dict()`` that returns
JSON-ready data following the public contract (see README). The shape of that
data is declared once, by the ``...Dict`` typed dictionaries below: they are
the return types of the ``to_dict()`` methods (so the type checker holds the
code to them) and the service publishes its JSON schemas from them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal, NotRequired, TypedDict, get_args

__all__ = [
    "CHANGE_TYPES",
    "INSTRUCTION_STATUSES",
    "AmendmentRef",
    "AmendmentRefDict",
    "AmendmentReport",
    "AmendmentReportDict",
    "Change",
    "ChangeDict",
    "ChangeType",
    "Comparison",
    "ComparisonDict",
    "DocumentRefDict",
    "Footnote",
    "FootnoteDict",
    "Instruction",
    "InstructionDict",
    "InstructionReport",
    "InstructionReportDict",
    "Op",
    "OpDict",
    "OpKind",
    "Paragraph",
    "ParagraphDict",
    "Precedent",
    "PrecedentDict",
    "Resolution",
    "ResolutionDict",
    "Series",
    "SeriesDict",
    "SeriesRow",
    "SeriesRowDict",
    "Submitter",
    "SubmitterDict",
    "Summary",
    "VerbChange",
    "VerbChangeDict",
]

ParagraphKind = Literal["preambular", "operative", "subparagraph", "heading"]
#: ``resolution``, ``decision``, ``draft resolution``, ``draft decision``, ``amendment``
#: (and ``revised draft resolution`` for a Rev. of a draft)
DocumentType = str
ChangeType = Literal["unchanged", "reworded", "moved", "added", "removed", "split", "merged"]
CHANGE_TYPES: tuple[str, ...] = get_args(ChangeType)
InstructionStatus = Literal["applied", "not found", "conflict", "not understood"]
INSTRUCTION_STATUSES: tuple[str, ...] = get_args(InstructionStatus)
OpKind = Literal["equal", "insert", "delete", "replace"]
Direction = Literal["weaker", "stronger", "same"]


# -- the JSON contract ------------------------------------------------------------------


class FootnoteDict(TypedDict):
    marker: str
    text: str


class SubmitterDict(TypedDict):
    role: str
    name: str | None
    country: str | None


class InstructionDict(TypedDict):
    number: int | None
    text: str


class ParagraphDict(TypedDict):
    """A paragraph: ``parent`` for a sub-paragraph, ``part`` in a document with parts."""

    id: str
    kind: ParagraphKind
    number: str | None
    lead: str
    text: str
    footnotes: list[str]
    parent: NotRequired[str]
    part: NotRequired[str]


class ResolutionDict(TypedDict):
    """A parsed document (``resdiff parse --format json``)."""

    symbol: str | None
    document_type: str
    language: str
    session: int | None
    agenda_item: str | None
    title: str | None
    adopted: str | None
    drafts: list[str]
    sponsors: list[str]
    paragraphs: list[ParagraphDict]
    footnotes: list[FootnoteDict]
    notes: list[str]
    committee: str | None
    submitted_by: SubmitterDict | None
    based_on: list[str]
    amends: str | None
    instructions: list[InstructionDict]


class OpDict(TypedDict):
    """One word operation; ``amendment``: the instruction that made it, in a draft
    compared with the draft as amended (absent otherwise)."""

    op: OpKind
    old: str
    new: str
    amendment: NotRequired[AmendmentRefDict]


class VerbChangeDict(TypedDict):
    """A change of operative verb: ``reason`` explains the verdict; ``minor`` when only an
    ordinal adverb or a possessive changed (the human reports hide it)."""

    old: str
    new: str
    direction: Direction
    minor: bool
    reason: str
    old_rung: int | None
    new_rung: int | None
    old_intensity: int
    new_intensity: int


class AmendmentRefDict(TypedDict):
    symbol: str | None
    instruction: int | None


class InstructionReportDict(TypedDict):
    number: int | None
    text: str
    action: str
    targets: list[str]
    status: InstructionStatus
    detail: str


class AmendmentReportDict(TypedDict):
    symbol: str | None
    sponsors: list[str]
    instructions: list[InstructionReportDict]


class PrecedentDict(TypedDict):
    """A stored paragraph close to a query paragraph (agreed language): the document it
    is in (``document``: its id in the library), its id, kind and text, the
    ``similarity`` on the scale of comparisons, and the word ``ops`` from it to the
    query (``old``: the precedent, ``new``: the query)."""

    symbol: str | None
    paragraph: str
    kind: str
    title: str | None
    adopted: str | None
    similarity: float
    text: str
    ops: list[OpDict]
    document: str | None


class ChangeDict(TypedDict):
    """One change of a comparison; ``routine`` when nothing in it is substantive (a rollover
    of dates and sessions, footnote markers moved); ``precedents`` when asked for (the
    closest paragraphs of the library to the new text, best first)."""

    type: ChangeType
    old: list[str]
    new: list[str]
    similarity: float
    ops: list[OpDict]
    tags: list[str]
    routine: bool
    verb_change: VerbChangeDict | None
    amendment: NotRequired[list[AmendmentRefDict]]
    reason: NotRequired[str]
    precedents: NotRequired[list[PrecedentDict]]


class DocumentRefDict(TypedDict):
    """One compared document, as a comparison or series names it."""

    symbol: str | None
    language: str
    title: str | None
    adopted: str | None
    document_type: str
    notes: list[str]


class Summary(TypedDict):
    """How many changes of each type."""

    unchanged: int
    reworded: int
    moved: int
    added: int
    removed: int
    split: int
    merged: int


class ComparisonDict(TypedDict):
    """A comparison (``resdiff compare --format json``)."""

    old: DocumentRefDict
    new: DocumentRefDict
    changes: list[ChangeDict]
    summary: Summary
    amendments: NotRequired[list[AmendmentReportDict]]
    title_change: NotRequired[ChangeDict]


class SeriesRowDict(TypedDict):
    ids: list[str | None]
    changes: list[ChangeType | None]


class SeriesDict(TypedDict):
    """A series (``resdiff series --format json``)."""

    versions: list[DocumentRefDict]
    rows: list[SeriesRowDict]


# -- the data -----------------------------------------------------------------------------


@dataclass
class Footnote:
    marker: str
    text: str

    def to_dict(self) -> FootnoteDict:
        return {"marker": self.marker, "text": self.text}


@dataclass
class Submitter:
    """Who submitted a draft that no Member State sponsors: ``role`` as printed
    ("President of the General Assembly", "Vice-Chair of the Committee",
    "Rapporteur"...), the person's ``name`` and ``country`` when printed."""

    role: str
    name: str | None = None
    country: str | None = None

    def to_dict(self) -> SubmitterDict:
        return {"role": self.role, "name": self.name, "country": self.country}


@dataclass
class Instruction:
    """One instruction of an amendment, as printed ("In the fourth preambular
    paragraph, delete ..."); ``number`` is None for a single unnumbered one."""

    number: int | None
    text: str

    def to_dict(self) -> InstructionDict:
        return {"number": self.number, "text": self.text}


@dataclass
class Paragraph:
    """One preambular, operative or sub-paragraph.

    ``id`` is ``PP<n>``, ``OP<n>`` or ``OP<n>(x)``, prefixed with the part
    (``A.PP1``, ``II.OP3``, ``ANNEX.OP2``) in documents with parts.
    ``text`` is the paragraph as printed, lead included, footnote markers removed.
    """

    id: str
    kind: ParagraphKind
    text: str
    lead: str = ""
    number: str | None = None
    footnotes: list[str] = field(default_factory=list)
    parent: str | None = None
    part: str | None = None

    def to_dict(self) -> ParagraphDict:
        d: ParagraphDict = {
            "id": self.id,
            "kind": self.kind,
            "number": self.number,
            "lead": self.lead,
            "text": self.text,
            "footnotes": list(self.footnotes),
        }
        if self.parent is not None:
            d["parent"] = self.parent
        if self.part is not None:
            d["part"] = self.part
        return d


@dataclass
class Resolution:
    paragraphs: list[Paragraph] = field(default_factory=list)
    symbol: str | None = None
    document_type: str = "resolution"
    language: str = "en"
    session: int | None = None
    agenda_item: str | None = None
    title: str | None = None
    adopted: str | None = None
    drafts: list[str] = field(default_factory=list)
    sponsors: list[str] = field(default_factory=list)
    footnotes: list[Footnote] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    #: "First Committee" ... "Sixth Committee", or None for the plenary
    committee: str | None = None
    submitted_by: Submitter | None = None
    #: the drafts a text was prepared from ("on the basis of informal consultations on ...")
    based_on: list[str] = field(default_factory=list)
    #: an amendment: the symbol of the draft it amends, and its instructions
    amends: str | None = None
    instructions: list[Instruction] = field(default_factory=list)

    def paragraph(self, pid: str) -> Paragraph:
        for p in self.paragraphs:
            if p.id == pid:
                return p
        raise KeyError(pid)

    def to_dict(self) -> ResolutionDict:
        return {
            "symbol": self.symbol,
            "document_type": self.document_type,
            "language": self.language,
            "session": self.session,
            "agenda_item": self.agenda_item,
            "title": self.title,
            "adopted": self.adopted,
            "drafts": list(self.drafts),
            "sponsors": list(self.sponsors),
            "paragraphs": [p.to_dict() for p in self.paragraphs],
            "footnotes": [f.to_dict() for f in self.footnotes],
            "notes": list(self.notes),
            "committee": self.committee,
            "submitted_by": self.submitted_by.to_dict() if self.submitted_by else None,
            "based_on": list(self.based_on),
            "amends": self.amends,
            "instructions": [i.to_dict() for i in self.instructions],
        }

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Resolution:
        """The resolution of a ``to_dict()`` (one stored by an older parser may lack keys)."""
        return cls(
            paragraphs=[
                Paragraph(
                    id=p["id"],
                    kind=p["kind"],
                    text=p["text"],
                    lead=p.get("lead", ""),
                    number=p.get("number"),
                    footnotes=list(p.get("footnotes", [])),
                    parent=p.get("parent"),
                    part=p.get("part"),
                )
                for p in d.get("paragraphs", [])
            ],
            symbol=d.get("symbol"),
            document_type=d.get("document_type", "resolution"),
            language=d.get("language", "en"),
            session=d.get("session"),
            agenda_item=d.get("agenda_item"),
            title=d.get("title"),
            adopted=d.get("adopted"),
            drafts=list(d.get("drafts", [])),
            sponsors=list(d.get("sponsors", [])),
            footnotes=[Footnote(f["marker"], f["text"]) for f in d.get("footnotes", [])],
            notes=list(d.get("notes", [])),
            committee=d.get("committee"),
            submitted_by=Submitter(**d["submitted_by"]) if d.get("submitted_by") else None,
            based_on=list(d.get("based_on", [])),
            amends=d.get("amends"),
            instructions=[Instruction(i["number"], i["text"]) for i in d.get("instructions", [])],
        )


@dataclass
class Op:
    """One word-level operation; ``old``/``new`` keep the original spacing.

    ``amendment``: the instruction that made an insertion or deletion when a
    draft is compared with the draft as amended (``diffing.apply_amendments``),
    else None (and absent from ``to_dict()``).
    """

    op: OpKind
    old: str
    new: str
    amendment: AmendmentRef | None = None

    def to_dict(self) -> OpDict:
        d: OpDict = {"op": self.op, "old": self.old, "new": self.new}
        if self.amendment is not None:
            d["amendment"] = self.amendment.to_dict()
        return d


@dataclass
class Precedent:
    """One stored paragraph close to a query, with the word ops from it to the query.

    ``document`` is the id of the stored document it is in (None outside a library).
    """

    symbol: str | None
    paragraph: str
    kind: str
    title: str | None
    adopted: str | None
    similarity: float
    text: str
    ops: list[Op] = field(default_factory=list)
    document: str | None = None

    @property
    def label(self) -> str:
        """``A/RES/78/125 OP7``: where it stands."""
        return f"{self.symbol or 'a document without symbol'} {self.paragraph}"

    def to_dict(self) -> PrecedentDict:
        return {
            "symbol": self.symbol,
            "paragraph": self.paragraph,
            "kind": self.kind,
            "title": self.title,
            "adopted": self.adopted,
            "similarity": round(self.similarity, 4),
            "text": self.text,
            "ops": [o.to_dict() for o in self.ops],
            "document": self.document,
        }


@dataclass
class VerbChange:
    """A change of operative verb and its verdict on the ladder (:mod:`diffing.verbs`).

    ``minor``: only an ordinal adverb ("also", "further") or a possessive changed,
    the verdict is ``same`` and the human reports hide it. ``reason`` says why
    ("Urges -> Encourages: weaker, rung 7 -> rung 5"); the rungs (1-8) and
    intensities (weight of "strongly", "deep"...) are those it compares.
    """

    old: str
    new: str
    direction: Direction
    minor: bool = False
    reason: str = ""
    old_rung: int | None = None
    new_rung: int | None = None
    old_intensity: int = 0
    new_intensity: int = 0

    def to_dict(self) -> VerbChangeDict:
        return {
            "old": self.old,
            "new": self.new,
            "direction": self.direction,
            "minor": self.minor,
            "reason": self.reason,
            "old_rung": self.old_rung,
            "new_rung": self.new_rung,
            "old_intensity": self.old_intensity,
            "new_intensity": self.new_intensity,
        }


@dataclass(frozen=True)
class AmendmentRef:
    """Instruction ``instruction`` (as numbered in print; None for a single
    unnumbered one) of the amendment ``symbol``: what made a change."""

    symbol: str | None
    instruction: int | None

    def to_dict(self) -> AmendmentRefDict:
        return {"symbol": self.symbol, "instruction": self.instruction}


@dataclass
class Change:
    """One change of a comparison. ``reason`` is set on the edits a draft makes
    (:func:`diffing.next_draft`: "session 79 -> 81"), None from :func:`diffing.compare`;
    ``to_dict`` gives it only when set."""

    type: ChangeType
    old: list[str]
    new: list[str]
    similarity: float = 1.0
    ops: list[Op] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    verb_change: VerbChange | None = None
    #: the instructions that made this change, when the comparison applies amendments
    #: (``diffing.apply_amendments``); the key is left out of ``to_dict()`` when empty
    amendment: list[AmendmentRef] = field(default_factory=list)
    #: why a change was made, for changes resdiff makes itself
    #: (``diffing.next_draft``: "session 79 -> 81"); left out of ``to_dict()`` when None
    reason: str | None = None
    #: the closest paragraphs of a library to the new text, best first, when a
    #: comparison was asked for them (``resdiff compare --precedents``); None: not
    #: looked for (left out of ``to_dict()``), []: none found
    precedents: list[Precedent] | None = None

    @property
    def routine(self) -> bool:
        """Whether nothing in this change is substantive: visible, but routine.

        An unchanged text (its footnote markers may have moved), or a rewording
        that is all rollover (dates, session numbers). A verb change or a change
        of part is never routine.

        >>> Change("reworded", ["OP1"], ["OP1"], tags=["rollover"]).routine
        True
        >>> Change("reworded", ["OP1"], ["OP1"]).routine
        False
        """
        verb = self.verb_change
        if (verb is not None and not verb.minor) or "part-change" in self.tags:
            return False
        if self.type == "reworded":
            return "rollover" in self.tags
        return self.type == "unchanged"

    def to_dict(self) -> ChangeDict:
        d: ChangeDict = {
            "type": self.type,
            "old": list(self.old),
            "new": list(self.new),
            "similarity": round(self.similarity, 4),
            "ops": [o.to_dict() for o in self.ops],
            "tags": list(self.tags),
            "routine": self.routine,
            "verb_change": self.verb_change.to_dict() if self.verb_change else None,
        }
        if self.amendment:
            d["amendment"] = [a.to_dict() for a in self.amendment]
        if self.reason is not None:
            d["reason"] = self.reason
        if self.precedents is not None:
            d["precedents"] = [p.to_dict() for p in self.precedents]
        return d


@dataclass
class InstructionReport:
    """What became of one instruction of an amendment.

    ``action``: ``delete words``, ``insert words``, ``replace words``, ``replace
    words everywhere``, ``delete paragraphs``, ``replace paragraph``, ``insert
    paragraphs``, ``replace title`` (several joined by ``"; "``), or ``unknown``;
    ``targets``: the ids *in the draft as tabled* it points at (``PP4``,
    ``OP5(b)``, ``title``); ``status``: ``applied``, ``not found``, ``conflict``
    or ``not understood``; ``detail`` says why it was not applied, or what it
    made (``new OP5, OP6``).
    """

    number: int | None
    text: str
    action: str
    targets: list[str]
    status: InstructionStatus
    detail: str = ""

    def to_dict(self) -> InstructionReportDict:
        return {
            "number": self.number,
            "text": self.text,
            "action": self.action,
            "targets": list(self.targets),
            "status": self.status,
            "detail": self.detail,
        }


@dataclass
class AmendmentReport:
    """One amendment applied to a draft: its symbol, sponsors, and each instruction's fate."""

    symbol: str | None
    sponsors: list[str]
    instructions: list[InstructionReport]

    def to_dict(self) -> AmendmentReportDict:
        return {
            "symbol": self.symbol,
            "sponsors": list(self.sponsors),
            "instructions": [i.to_dict() for i in self.instructions],
        }


def _doc_ref(r: Resolution) -> DocumentRefDict:
    return {
        "symbol": r.symbol,
        "language": r.language,
        "title": r.title,
        "adopted": r.adopted,
        "document_type": r.document_type,
        "notes": list(r.notes),  # e.g. "no numbered operative paragraph found"
    }


@dataclass
class Comparison:
    old: Resolution
    new: Resolution
    changes: list[Change]
    #: None for a comparison of two versions; the amendments applied, in order, for
    #: the draft compared with the draft as amended (``diffing.apply_amendments``).
    #: ``to_dict()`` has the key ``amendments`` only in the second case.
    amendments: list[AmendmentReport] | None = None
    #: the change of the title made by amendments (old and new ids ``["title"]``, its
    #: ops from ``old.title`` to ``new.title``), None when the title stays; only
    #: :func:`diffing.apply_amendments` sets it (``to_dict()``: ``title_change``)
    title_change: Change | None = None

    @property
    def summary(self) -> Summary:
        counts: Summary = {
            "unchanged": 0,
            "reworded": 0,
            "moved": 0,
            "added": 0,
            "removed": 0,
            "split": 0,
            "merged": 0,
        }
        for c in self.changes:
            counts[c.type] += 1
        return counts

    def not_applied(self) -> list[tuple[AmendmentReport, InstructionReport]]:
        """Every instruction not applied, amendment by amendment (to show first)."""
        return [
            (a, i) for a in self.amendments or [] for i in a.instructions if i.status != "applied"
        ]

    def to_dict(self) -> ComparisonDict:
        d: ComparisonDict = {
            "old": _doc_ref(self.old),
            "new": _doc_ref(self.new),
            "changes": [c.to_dict() for c in self.changes],
            "summary": self.summary,
        }
        if self.amendments is not None:
            d["amendments"] = [a.to_dict() for a in self.amendments]
        if self.title_change is not None:
            d["title_change"] = self.title_change.to_dict()
        return d


@dataclass
class SeriesRow:
    ids: list[str | None]
    changes: list[ChangeType | None]

    def to_dict(self) -> SeriesRowDict:
        return {"ids": list(self.ids), "changes": list(self.changes)}


@dataclass
class Series:
    versions: list[Resolution]
    steps: list[Comparison]
    rows: list[SeriesRow]

    def to_dict(self) -> SeriesDict:
        return {
            "versions": [_doc_ref(v) for v in self.versions],
            "rows": [r.to_dict() for r in self.rows],
        }
