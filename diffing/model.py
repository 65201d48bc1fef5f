"""Plain data of resdiff: a parsed resolution, and the comparison of two or more.

Everything here is a frozen-ish dataclass with a ``to_dict()`` that returns
JSON-ready data following the public contract (see README).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal, get_args

__all__ = [
    "CHANGE_TYPES",
    "Change",
    "Comparison",
    "Footnote",
    "Instruction",
    "Op",
    "Paragraph",
    "Resolution",
    "Series",
    "SeriesRow",
    "Submitter",
    "VerbChange",
]

ParagraphKind = Literal["preambular", "operative", "subparagraph", "heading"]
#: ``resolution``, ``decision``, ``draft resolution``, ``draft decision``, ``amendment``
#: (and ``revised draft resolution`` for a Rev. of a draft)
DocumentType = str
ChangeType = Literal["unchanged", "reworded", "moved", "added", "removed", "split", "merged"]
CHANGE_TYPES: tuple[str, ...] = get_args(ChangeType)


@dataclass
class Footnote:
    marker: str
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"marker": self.marker, "text": self.text}


@dataclass
class Submitter:
    """Who submitted a draft that no Member State sponsors: ``role`` as printed
    ("President of the General Assembly", "Vice-Chair of the Committee",
    "Rapporteur"...), the person's ``name`` and ``country`` when printed."""

    role: str
    name: str | None = None
    country: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"role": self.role, "name": self.name, "country": self.country}


@dataclass
class Instruction:
    """One instruction of an amendment, as printed ("In the fourth preambular
    paragraph, delete ..."); ``number`` is None for a single unnumbered one."""

    number: int | None
    text: str

    def to_dict(self) -> dict[str, Any]:
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

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
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

    def to_dict(self) -> dict[str, Any]:
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
    def from_dict(cls, d: dict[str, Any]) -> Resolution:
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
    """One word-level operation; ``old``/``new`` keep the original spacing."""

    op: Literal["equal", "insert", "delete", "replace"]
    old: str
    new: str

    def to_dict(self) -> dict[str, Any]:
        return {"op": self.op, "old": self.old, "new": self.new}


@dataclass
class VerbChange:
    old: str
    new: str
    direction: Literal["weaker", "stronger", "same"]

    def to_dict(self) -> dict[str, Any]:
        return {"old": self.old, "new": self.new, "direction": self.direction}


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
    reason: str | None = None

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "type": self.type,
            "old": list(self.old),
            "new": list(self.new),
            "similarity": round(self.similarity, 4),
            "ops": [o.to_dict() for o in self.ops],
            "tags": list(self.tags),
            "verb_change": self.verb_change.to_dict() if self.verb_change else None,
        }
        if self.reason is not None:
            d["reason"] = self.reason
        return d


def _doc_ref(r: Resolution) -> dict[str, Any]:
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

    @property
    def summary(self) -> dict[str, int]:
        counts = dict.fromkeys(CHANGE_TYPES, 0)
        for c in self.changes:
            counts[c.type] += 1
        return counts

    def to_dict(self) -> dict[str, Any]:
        return {
            "old": _doc_ref(self.old),
            "new": _doc_ref(self.new),
            "changes": [c.to_dict() for c in self.changes],
            "summary": self.summary,
        }


@dataclass
class SeriesRow:
    ids: list[str | None]
    changes: list[str | None]

    def to_dict(self) -> dict[str, Any]:
        return {"ids": list(self.ids), "changes": list(self.changes)}


@dataclass
class Series:
    versions: list[Resolution]
    steps: list[Comparison]
    rows: list[SeriesRow]

    def to_dict(self) -> dict[str, Any]:
        return {
            "versions": [_doc_ref(v) for v in self.versions],
            "rows": [r.to_dict() for r in self.rows],
        }
