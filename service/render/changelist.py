"""The change list at the top of every report: one line per change, operative part first.

Each line gives the change's ids in the new and in the old text (in columns of
their own, so "OP12" of one is never read as "OP12" of the other), what
happened (added, removed, reworded...), the paragraph's opening words and, when
its operative verb changed, the verdict. The operative part comes first, then
the preambular part, then anything else (headings); routine updates (rollover of
dates and sessions, footnote markers only) follow in a list of their own. The
counts are counts of these lines, so they always match the lists.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from service.render.view import ChangeView, ComparisonView

__all__ = ["KIND_ORDER", "SECTIONS", "ChangeList", "Row", "build_change_list"]

#: the order of the parts of a resolution in the list
SECTIONS = ("operative", "preambular", "other")
#: the order of the kinds of change in the counts
KIND_ORDER = ("added", "removed", "reworded", "moved", "split", "merged", "part-change", "routine")


@dataclass
class Row:
    """One line of the list: a change, its part of the text, what happened, its opening
    words (``lead`` in italics, then ``rest``)."""

    change: ChangeView
    section: str
    kind: str
    lead: str
    rest: str

    @property
    def verb(self) -> bool:
        return self.change.verb_change is not None

    @property
    def added_or_removed(self) -> bool:
        return self.kind in ("added", "removed")


@dataclass
class ChangeList:
    """The lines of a comparison's change list, grouped by part, routine ones apart."""

    sections: list[tuple[str, list[Row]]] = field(default_factory=list)
    routine: list[Row] = field(default_factory=list)

    @property
    def rows(self) -> list[Row]:
        """The substantive lines, operative part first."""
        return [r for _, rows in self.sections for r in rows]

    @property
    def counts(self) -> list[tuple[str, int]]:
        """How many lines of each kind (routine ones last), zero counts left out."""
        n = Counter(r.kind for r in self.rows)
        n["routine"] = len(self.routine)
        return [(k, n[k]) for k in KIND_ORDER if n[k]]

    @property
    def verbs(self) -> int:
        return sum(r.verb for r in self.rows)

    @property
    def operative(self) -> int:
        return sum(r.section == "operative" for r in self.rows)

    @property
    def added_or_removed(self) -> int:
        return sum(r.added_or_removed for r in self.rows)

    def __len__(self) -> int:
        return len(self.rows) + len(self.routine)


def build_change_list(v: ComparisonView) -> ChangeList:
    """The change list of a comparison's view."""
    by_section: dict[str, list[Row]] = {s: [] for s in SECTIONS}
    routine: dict[str, list[Row]] = {s: [] for s in SECTIONS}
    for c in v.navigable:
        lead, rest = c.begins()
        row = Row(c, c.section, c.kind, lead, rest)
        (routine if row.kind == "routine" else by_section)[row.section].append(row)
    return ChangeList(
        sections=[(s, by_section[s]) for s in SECTIONS if by_section[s]],
        routine=[r for s in SECTIONS for r in routine[s]],
    )
