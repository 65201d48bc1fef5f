"""Edits of one paragraph's text, and the word ops that show them.

An :class:`Edit` replaces ``text[start:end]`` with ``new`` for a short
``reason`` ("session 78 -> 79"); one that is not ``sure`` is only proposed.
:func:`apply_edits` applies the sure ones that do not overlap (the first
found wins) and returns the new text with the ops that rebuild both texts.

>>> text = "at its seventy-ninth session"
>>> new, ops, kept = apply_edits(text, [Edit(7, 20, "eightieth", "session 79 -> 80")])
>>> new
'at its eightieth session'
>>> [(o.op, o.old, o.new) for o in ops]
[('equal', 'at its ', 'at its '), ('replace', 'seventy-ninth', 'eightieth'), ('equal', ' session', ' session')]
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from diffing.model import Op

__all__ = ["Edit", "apply_edits"]


@dataclass(frozen=True)
class Edit:
    """Replace ``start:end`` of a paragraph's text by ``new`` (an insertion when
    ``start == end``)."""

    start: int
    end: int
    new: str
    reason: str
    sure: bool = True


def _overlaps(a: Edit, b: Edit) -> bool:
    if a.start == a.end or b.start == b.end:  # insertions: same point clashes
        return a.start == b.start or (a.start < b.start < a.end) or (b.start < a.start < b.end)
    return a.start < b.end and b.start < a.end


def select(edits: Iterable[Edit]) -> list[Edit]:
    """The edits that do not overlap an earlier one, in text order."""
    kept: list[Edit] = []
    for e in edits:
        if not any(_overlaps(e, k) for k in kept):
            kept.append(e)
    return sorted(kept, key=lambda e: (e.start, e.end))


def apply_edits(text: str, edits: Iterable[Edit]) -> tuple[str, list[Op], list[Edit]]:
    """The text with the *edits* made, its ops against *text*, and the edits made."""
    kept = select(edits)
    ops: list[Op] = []
    out: list[str] = []
    pos = 0
    for e in kept:
        if e.start > pos:
            ops.append(Op("equal", text[pos : e.start], text[pos : e.start]))
        old = text[e.start : e.end]
        kind = "replace" if old and e.new else ("insert" if e.new else "delete")
        ops.append(Op(kind, old, e.new))  # type: ignore[arg-type]
        out.append(text[pos : e.start] + e.new)
        pos = e.end
    if pos < len(text) or not ops:
        ops.append(Op("equal", text[pos:], text[pos:]))
    out.append(text[pos:])
    return "".join(out), ops, kept
