"""The draft while amendments are applied: its paragraphs as slots, numbered at the end.

A :class:`Slot` is one paragraph of the draft as tabled, or one an
instruction inserts; it keeps the tabled paragraph, its
:class:`~diffing.amendments.text.EditableText`, and which instruction
inserted or deleted it. Slots are found by their id *as tabled* (``PP4``,
``OP5(b)``), whatever was inserted or deleted before them. Deleted slots stay
where they stood, so that :meth:`Draft.amended` can number the paragraphs left
as they would be printed (``PP``/``OP`` counted again, sub-paragraphs
lettered again) and the comparison can show each removal in its place.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field

from diffing.amendments.places import LAST, Place, roman
from diffing.amendments.text import Cell, EditableText, Ref
from diffing.leads import lead_of
from diffing.model import Paragraph, ParagraphKind, Resolution

__all__ = ["Draft", "Slot"]


@dataclass(eq=False)
class Slot:
    text: EditableText
    kind: ParagraphKind
    part: str | None = None
    tabled: Paragraph | None = None
    parent: Slot | None = None
    inserted_by: Ref | None = None
    deleted_by: Ref | None = None
    #: every instruction that changed this paragraph, in order
    refs: list[Ref] = field(default_factory=list)

    @property
    def alive(self) -> bool:
        return self.deleted_by is None

    def touch(self, ref: Ref) -> None:
        if ref not in self.refs:
            self.refs.append(ref)


@dataclass
class _Snapshot:
    slots: list[Slot]
    states: list[tuple[Slot, tuple[list[Cell] | None, Ref | None], Ref | None, list[Ref]]]


class Draft:
    """The paragraphs (and the title) of a draft, editable by instructions."""

    def __init__(self, draft: Resolution) -> None:
        self.source = draft
        self.slots: list[Slot] = []
        by_id: dict[str, Slot] = {}
        for p in draft.paragraphs:
            slot = Slot(EditableText(p.text), p.kind, p.part, p, by_id.get(p.parent or ""))
            by_id.setdefault(p.id, slot)
            self.slots.append(slot)
        self.by_id = by_id
        self.title = Slot(EditableText(draft.title or ""), "preambular", tabled=None)

    # -- finding ----------------------------------------------------------------

    def find(self, place: Place) -> Slot:
        """The slot of a tabled paragraph; :class:`LookupError` saying what the draft has."""
        if place.kind == "title":
            if not self.source.title:
                raise LookupError("the draft has no title")
            return self.title
        slot = self.by_id.get(place.pid)
        if slot is None:
            # a draft with parts: the one paragraph of that id in any part
            found = [s for pid, s in self.by_id.items() if pid.endswith("." + place.pid)]
            if len(found) == 1 and place.part is None:
                return found[0]
            raise LookupError(self._missing(place))
        return slot

    def resolve(self, place: Place) -> Place:
        """``place`` with its number when it is "the last preambular paragraph"."""
        if place.number != LAST:
            return place
        kind = "preambular" if place.kind == "PP" else "operative"
        top = [
            s.tabled.id
            for s in self.slots
            if s.tabled and s.parent is None and s.kind == kind and s.part == place.part
        ]
        number = re.search(r"\d+$", top[-1]) if top else None
        if number is None:
            raise LookupError(f"the draft has no {kind} paragraphs")
        return dataclasses.replace(place, number=int(number.group(0)))

    def _missing(self, place: Place) -> str:
        part = f"{place.part}." if place.part else ""
        if place.part and not any(pid.startswith(part) for pid in self.by_id):
            return f"the draft has no {place.part.replace('ANNEX-', 'annex ').replace('ANNEX', 'annex')}"
        prefix = part + (place.kind + str(place.number) if place.sub else place.kind)
        have = [pid for pid in self.by_id if re.fullmatch(rf"{re.escape(prefix)}[\d(].*", pid)]
        if place.sub:
            have = [
                pid
                for pid in have
                if pid.startswith(f"{prefix}(") and pid.count("(") == len(place.sub)
            ]
        span = f" (it has {have[0]} to {have[-1]})" if have else ""
        return f"the draft has no {place.describe()}{span}"

    def family(self, slot: Slot) -> list[Slot]:
        """``slot`` and every sub-paragraph under it, in order."""
        out = [slot]
        for s in self.slots[self.slots.index(slot) + 1 :]:
            p = s.parent
            while p is not None and p not in out:
                p = p.parent
            if p is None:
                break
            out.append(s)
        return out

    def children(self, slot: Slot) -> list[Slot]:
        return [s for s in self.family(slot)[1:] if s.parent is slot]

    # -- undo -------------------------------------------------------------------

    def snapshot(self) -> _Snapshot:
        """Everything an instruction may change, to undo it if it fails."""
        every = [*self.slots, self.title]
        return _Snapshot(
            list(self.slots), [(s, s.text.snapshot(), s.deleted_by, list(s.refs)) for s in every]
        )

    def restore(self, state: _Snapshot) -> None:
        self.slots = list(state.slots)
        for slot, text, deleted, refs in state.states:
            slot.text.restore(text)
            slot.deleted_by = deleted
            slot.refs = list(refs)

    # -- the amended text -------------------------------------------------------

    def amended(self) -> tuple[Resolution, dict[int, Paragraph]]:
        """The draft as amended, numbered as printed, and the new paragraph of each
        live slot (by ``id(slot)``)."""
        counters: dict[tuple[str | None, str], int] = {}
        new: dict[int, Paragraph] = {}
        paragraphs: list[Paragraph] = []
        for slot in self.slots:
            if not slot.alive or (slot.parent is not None and not self._alive_chain(slot)):
                continue
            p = self._number(slot, counters, new)
            new[id(slot)] = p
            paragraphs.append(p)
        title = self.title.text.final() if self.source.title is not None else None
        return dataclasses.replace(self.source, paragraphs=paragraphs, title=title), new

    def _alive_chain(self, slot: Slot) -> bool:
        p = slot.parent
        while p is not None:
            if not p.alive:
                return False
            p = p.parent
        return True

    def _number(
        self, slot: Slot, counters: dict[tuple[str | None, str], int], new: dict[int, Paragraph]
    ) -> Paragraph:
        text = slot.text.final()
        t = slot.tabled
        prefix = f"{slot.part}." if slot.part else ""
        parent = new.get(id(slot.parent)) if slot.parent is not None else None
        key: tuple[str | None, str]
        number: str | None
        if slot.kind == "heading":
            pid, number = (t.id if t else f"{prefix}H"), None
        elif slot.kind == "subparagraph" and parent is not None:
            key = (parent.id, "sub")
            counters[key] = counters.get(key, 0) + 1
            number = self._label(slot, counters[key])
            pid = f"{parent.id}({number})"
        elif slot.kind == "operative" or (slot.kind == "subparagraph" and parent is None):
            key = (slot.part, "OP")
            counters[key] = counters.get(key, 0) + 1
            numbered = t is None or t.number is not None
            number = str(counters[key]) if numbered else None
            pid = f"{prefix}OP{counters[key]}"
        else:
            key = (slot.part, "PP")
            counters[key] = counters.get(key, 0) + 1
            pid, number = f"{prefix}PP{counters[key]}", (t.number if t else None)
        lead = t.lead if t is not None and text == t.text else lead_of(text)
        return Paragraph(
            id=pid,
            kind=slot.kind,
            text=text,
            lead=lead,
            number=number,
            footnotes=list(t.footnotes) if t else [],
            parent=parent.id if parent is not None else None,
            part=slot.part,
        )

    def _label(self, slot: Slot, n: int) -> str:
        """The n-th label among the sub-paragraphs of ``slot``'s parent, in the form
        its tabled sub-paragraphs use (a, b ... / i, ii ... / 1, 2 ...)."""
        siblings = (
            [s.tabled.number for s in self.children(slot.parent) if s.tabled and s.tabled.number]
            if slot.parent
            else []
        )
        first = siblings[0] if siblings else ""
        if first.isdigit():
            return str(n)
        parent_is_sub = slot.parent is not None and slot.parent.kind == "subparagraph"
        if (first == "i" and (parent_is_sub or "ii" in siblings)) or (not first and parent_is_sub):
            return roman(n)
        return (
            chr(ord("a") + n - 1)
            if n <= 26
            else f"{chr(ord('a') + (n - 1) // 26 - 1)}{chr(ord('a') + (n - 1) % 26)}"
        )
