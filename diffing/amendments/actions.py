"""What an instruction asks, once read: the actions :mod:`diffing.amendments.apply` performs.

Every place is a paragraph of the draft *as tabled* (:class:`Place`); quoted
words are kept as printed (typography is folded only when they are looked
for). ``name`` is the action as reported in ``Comparison.to_dict()``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from diffing.amendments.places import Place

__all__ = [
    "Action",
    "DeleteParagraphs",
    "DeleteSpan",
    "EditWords",
    "InsertParagraphs",
    "Renumber",
    "ReplaceEverywhere",
    "ReplaceParagraph",
    "ReplaceTitle",
]

Scope = Literal["title", "preamble", "operative"]


@dataclass(frozen=True)
class EditWords:
    """Delete, replace or insert words inside one paragraph (or the title).

    ``old`` are the quoted words deleted or replaced; ``new`` the words put
    in; for an insertion, ``anchor`` the quoted words it goes ``after`` or
    ``before``, or ``where`` is ``end`` / ``start`` of the paragraph.
    """

    verb: Literal["delete", "replace", "insert"]
    place: Place
    old: str = ""
    new: str = ""
    anchor: str = ""
    where: Literal["after", "before", "end", "start"] = "after"
    #: a sentence deleted or replaced instead of quoted words: 1, 2 ... or -1 (the last)
    sentence: int = 0

    @property
    def name(self) -> str:
        return f"{self.verb} words"


@dataclass(frozen=True)
class DeleteSpan:
    """Delete the words of ``place`` from ``start`` (included, or only what follows it
    when ``after``) to ``end`` (included; empty: to the end of the paragraph, its
    closing punctuation kept): "delete the text after “X”", "delete the words from
    “X” to “Y”"."""

    place: Place
    start: str
    end: str = ""
    after: bool = False

    name = "delete words"


@dataclass(frozen=True)
class ReplaceEverywhere:
    """Replace every occurrence of ``old`` by ``new`` in the ``scopes`` named."""

    old: str
    new: str
    scopes: frozenset[Scope]

    name = "replace words everywhere"


@dataclass(frozen=True)
class DeleteParagraphs:
    places: tuple[Place, ...]

    name = "delete paragraphs"


@dataclass(frozen=True)
class ReplaceParagraph:
    """``place`` reads ``block`` instead (its sub-paragraphs included)."""

    place: Place
    block: str

    name = "replace paragraph"


@dataclass(frozen=True)
class InsertParagraphs:
    """New paragraphs (``block``) ``after`` / ``before`` ``anchor``, ``into`` it (a
    new last sub-paragraph), ``at`` its number ("insert a new operative paragraph
    5": before the tabled paragraph of that number, else after the one before it),
    or at the ``end`` / ``start`` of the ``part`` (``PP`` preamble, ``OP``
    operative part).

    ``kind`` is the kind the instruction names (``None``: as the anchor),
    ``count`` the number of paragraphs it announces (``None``: not said).
    """

    block: str
    where: Literal["after", "before", "into", "at", "end", "start"]
    anchor: Place | None = None
    part: Literal["PP", "OP"] = "OP"
    kind: Literal["preambular", "operative", "subparagraph"] | None = None
    count: int | None = None

    name = "insert paragraphs"


@dataclass(frozen=True)
class Renumber:
    """ "Renumber the subsequent paragraphs accordingly": the amended text is numbered
    as printed anyway."""

    name = "renumber paragraphs"


@dataclass(frozen=True)
class ReplaceTitle:
    new: str

    name = "replace title"


Action = (
    EditWords
    | DeleteSpan
    | ReplaceEverywhere
    | DeleteParagraphs
    | ReplaceParagraph
    | InsertParagraphs
    | ReplaceTitle
    | Renumber
)
