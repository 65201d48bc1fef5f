"""How close a draft comes to the version the General Assembly then adopted.

:func:`score` compares a :class:`~diffing.renewal.result.Draft` made from a
base with the real next version of the base:

* the routine edits: the paragraphs that :func:`diffing.compare` tags
  ``rollover`` between the base and the real version; one is reproduced when
  the draft's paragraph reads as the real one (typography folded);
* the false edits: paragraphs the real version kept unchanged that the draft
  changed.

The benchmark ``benchmarks/renewal.py`` and the corpus test use it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from diffing.align import compare
from diffing.model import Resolution
from diffing.renewal.result import Draft
from diffing.tokens import paragraph_key

__all__ = ["DraftScore", "score"]


@dataclass
class DraftScore:
    """Paragraph ids are the base's."""

    routine: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    false_edits: list[str] = field(default_factory=list)

    @property
    def reproduced(self) -> int:
        return len(self.routine) - len(self.missed)

    def add(self, other: DraftScore) -> None:
        self.routine += other.routine
        self.missed += other.missed
        self.unchanged += other.unchanged
        self.false_edits += other.false_edits


def score(draft: Draft, actual: Resolution, *, deadline: float | None = None) -> DraftScore:
    """The draft's routine edits reproduced and false edits, against *actual*."""
    base = draft.old
    real = compare(base, actual, deadline=deadline)
    made = {c.old[0]: c for c in draft.changes if len(c.old) == 1}
    draft_text = {p.id: p.text for p in draft.new.paragraphs}
    actual_text = {p.id: p.text for p in actual.paragraphs}
    out = DraftScore()
    for c in real.changes:
        if len(c.old) != 1 or len(c.new) != 1:
            continue
        pid = c.old[0]
        if "rollover" in c.tags:
            out.routine.append(pid)
            if paragraph_key(draft_text[pid]) != paragraph_key(actual_text[c.new[0]]):
                out.missed.append(pid)
        elif c.type == "unchanged":
            out.unchanged.append(pid)
            if made[pid].type != "unchanged":
                out.false_edits.append(pid)
    return out
