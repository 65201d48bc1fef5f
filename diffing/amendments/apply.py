"""Apply amendments to a draft: :func:`apply_amendments`.

Every instruction of every amendment refers to the draft *as tabled* (its
own paragraph numbers and words), as UN amendments do; the instructions of one
amendment are read in order, each seeing the edits of those before it (so
"In the second preambular paragraph, insert ... after “Chornobyl ...”" reads
the text after "Replace “Chernobyl” with “Chornobyl” ..."). Each instruction
is applied whole or not at all, and gets a status:

* ``applied``;
* ``not found``: the paragraph does not exist, or the quoted words are not in it;
* ``conflict``: an earlier instruction (of another amendment, or of the same
  one in a way this one does not account for) already changed those words or
  deleted that paragraph;
* ``not understood``: the wording is not one :mod:`.reader` reads.

An instruction whose effect an earlier one of the same amendment already had
(a replacement the global one already made) is ``applied``, with a detail
saying so.

The comparison is built from the known edits rather than by aligning the two
texts again: each paragraph of the amended draft comes from a known tabled
paragraph (or is new), so changes are exact, removed paragraphs stand where
they stood, and a paragraph replaced wholesale is "reworded" rather than
"removed" plus "added". Word ops come from the recorded edits (what the
instruction said, exactly) or, for a paragraph rewritten whole, from
:func:`diffing.worddiff.diff_words`; both rebuild the two texts exactly.
Renumbering is not a change: old OP5 printed as OP7 is ``unchanged``.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence

from diffing.amendments.actions import (
    Action,
    DeleteParagraphs,
    DeleteSpan,
    EditWords,
    InsertParagraphs,
    Renumber,
    ReplaceEverywhere,
    ReplaceParagraph,
    ReplaceTitle,
)
from diffing.amendments.blocks import NewParagraph, read_block
from diffing.amendments.draft import Draft, Slot
from diffing.amendments.places import Place, roman
from diffing.amendments.quotes import normalized
from diffing.amendments.reader import NotUnderstood, read_instruction
from diffing.amendments.text import EditableText, Ref, Span
from diffing.budget import check
from diffing.cleanup import Vocabulary
from diffing.errors import AmendmentMismatchError, NotADraftError, NotAnAmendmentError
from diffing.lexicon import from_roman
from diffing.model import (
    AmendmentRef,
    AmendmentReport,
    Change,
    Comparison,
    Instruction,
    InstructionReport,
    InstructionStatus,
    Op,
    Paragraph,
    Resolution,
)
from diffing.verbs import extract_lead, verb_change
from diffing.worddiff import diff_words

__all__ = ["apply_amendments"]

_DOING = "applying amendments"


class _Failed(Exception):
    def __init__(self, status: InstructionStatus, detail: str) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail


def _short(words: str, size: int = 60) -> str:
    w = " ".join(words.split())
    return f"“{w}”" if len(w) <= size else f"“{w[: size - 15]} ... {w[-10:]}”"


def _symbol_key(symbol: str) -> str:
    return "".join(symbol.split()).rstrip("*").upper()


def _is_target(draft: Resolution, symbol: str) -> bool:
    """Whether ``draft`` is the draft ``symbol`` names: that draft, or a resolution
    adopted from it (its text stands in for the draft as tabled)."""
    names = [draft.symbol or ""] + (draft.drafts if draft.document_type == "resolution" else [])
    return _symbol_key(symbol) in {_symbol_key(n) for n in names}


def _check_inputs(draft: Resolution, amendments: Sequence[Resolution]) -> None:
    if draft.document_type == "amendment":
        target = f" ({draft.amends})" if draft.amends else ""
        raise NotADraftError(
            f"{draft.symbol or 'the draft given'} is an amendment, not a draft: give the draft"
            f" it amends{target} first, then the amendments"
        )
    for a in amendments:
        if a.document_type != "amendment":
            name = a.symbol or "a document"
            raise NotAnAmendmentError(f"{name} is a {a.document_type}, not an amendment")
        if a.amends and draft.symbol and not _is_target(draft, a.amends):
            raise AmendmentMismatchError(
                f"{a.symbol or 'the amendment'} amends {a.amends}, not {draft.symbol}"
            )


class _Applier:
    """Applies the actions of one instruction to the draft, or raises :class:`_Failed`."""

    def __init__(self, draft: Draft, ref: Ref, names: list[str | None], vocabulary: Vocabulary):
        self.d = draft
        self.ref = ref
        self.k = ref.amendment
        self.names = names
        self.vocabulary = vocabulary
        self.targets: list[str] = []
        self.notes: list[str] = []
        self.created: list[Slot] = []

    # -- helpers --------------------------------------------------------------

    def who(self, refs: Sequence[Ref]) -> str:
        """``A/80/L.30 instruction 3`` / ``instruction 1 of this amendment``."""
        out = []
        for r in refs:
            if r.amendment == self.k:
                out.append(f"instruction {r.instruction + 1} of this amendment")
            else:
                out.append(
                    f"{self.names[r.amendment] or 'another amendment'} instruction {r.instruction + 1}"
                )
        return ", ".join(out)

    def target(self, place: Place) -> Slot:
        self.targets.append(place.pid)
        try:
            slot = self.d.find(place)
        except LookupError as e:
            raise _Failed("not found", str(e)) from None
        if slot.deleted_by is not None:
            raise _Failed("conflict", f"{place.pid} was deleted by {self.who([slot.deleted_by])}")
        return slot

    def untouched_by_others(self, slot: Slot, place: Place) -> None:
        """A whole paragraph replaced or deleted: no other amendment changed it."""
        for s in self.d.family(slot):
            others = [r for r in s.refs if r.amendment != self.k]
            if others:
                raise _Failed("conflict", f"{place.pid} was already changed by {self.who(others)}")

    def locate(self, text: EditableText, quote: str, pid: str, result: str | None) -> Span | None:
        """Where ``quote`` is in the text this amendment reads; None when an earlier
        instruction of this amendment already replaced them by ``result`` (a
        replacement already made by a replacement everywhere)."""
        spans = text.find(quote, self.k)
        if spans:
            others = text.others(spans[0], self.k)
            if others:
                raise _Failed(
                    "conflict",
                    f"{_short(quote)} in {pid} was already changed by {self.who(others)}",
                )
            if len(spans) > 1:
                self.notes.append(
                    f"{_short(quote)} occurs {len(spans)} times in {pid}: the first was taken"
                )
            return spans[0]
        tabled = text.find_tabled(quote)
        if not tabled:
            raise _Failed("not found", f"{_short(quote)} is not in {pid}")
        editors = text.editors(tabled[0])
        own = [r for r in editors if r.amendment == self.k]
        if own and len(own) == len(editors):
            if result:
                now = normalized(text.read(tabled[0], self.k))[0].strip()
                if now == normalized(result)[0].strip():
                    self.notes.append(f"{pid} already read so after {self.who(own)}")
                    return None
            if result is not None and text.ends_read(tabled[0], self.k):
                # words as tabled inside which an earlier instruction of this amendment
                # edited some: this one deletes or rewrites them all, those edits included
                self.notes.append(
                    f"{_short(quote)} taken as tabled, with what {self.who(own)} changed in it"
                )
                return tabled[0]
        raise _Failed(
            "conflict", f"{_short(quote)} in {pid} was already changed by {self.who(editors)}"
        )

    # -- actions --------------------------------------------------------------

    def resolve(self, a: Action) -> Action:
        """``a`` with "the last preambular paragraph" made the draft's own number."""
        try:
            if isinstance(a, EditWords | DeleteSpan | ReplaceParagraph):
                return dataclasses.replace(a, place=self.d.resolve(a.place))
            if isinstance(a, DeleteParagraphs):
                return dataclasses.replace(a, places=tuple(self.d.resolve(p) for p in a.places))
            if isinstance(a, InsertParagraphs) and a.anchor is not None:
                return dataclasses.replace(a, anchor=self.d.resolve(a.anchor))
        except LookupError as e:
            raise _Failed("not found", str(e)) from None
        return a

    def apply(self, action: Action) -> None:
        action = self.resolve(action)
        if isinstance(action, Renumber):
            self.notes.append("the amended text is numbered as printed")
        elif isinstance(action, EditWords):
            self.edit_words(action)
        elif isinstance(action, ReplaceEverywhere):
            self.everywhere(action)
        elif isinstance(action, DeleteParagraphs):
            self.delete(action)
        elif isinstance(action, ReplaceParagraph):
            self.replace_paragraph(action)
        elif isinstance(action, InsertParagraphs):
            self.insert(action)
        elif isinstance(action, DeleteSpan):
            self.delete_span(action)
        else:
            self.replace_title(action)

    def edit_words(self, a: EditWords) -> None:
        slot = self.target(a.place)
        t, pid = slot.text, a.place.pid
        if a.sentence:
            a = dataclasses.replace(a, old=self.sentence(t, a.sentence, pid))
        if a.verb in ("delete", "replace"):
            span = self.locate(t, a.old, pid, a.new if a.verb == "replace" else "")
            if span is not None:
                if a.verb == "delete":
                    t.delete(span, self.ref)
                else:
                    t.replace(span, a.new, self.ref)
        elif a.where == "end":
            t.append(a.new, self.ref)
        elif a.where == "start":
            t.prepend(a.new, self.ref)
        else:
            span = self.locate(t, a.anchor, pid, None)
            assert span is not None
            (t.insert_after if a.where == "after" else t.insert_before)(span, a.new, self.ref)
        slot.touch(self.ref)

    def sentence(self, t: EditableText, n: int, pid: str) -> str:
        """Sentence ``n`` (1-based; -1: the last) of the text this amendment reads."""
        sentences = _SENTENCE_END.split(t.view(self.k)[0].strip())
        if len(sentences) < 2:
            raise _Failed("not found", f"{pid} has only one sentence")
        if n > len(sentences):
            raise _Failed("not found", f"{pid} has {len(sentences)} sentences, not {n}")
        return sentences[n - 1 if n > 0 else n]

    def delete_span(self, a: DeleteSpan) -> None:
        """Delete from (or after) the words ``a.start`` to ``a.end`` or to the end."""
        slot = self.target(a.place)
        t, pid = slot.text, a.place.pid
        start = self.locate(t, a.start, pid, None)
        assert start is not None
        first = start.last + 1 if a.after else start.first
        if a.end:
            ends = [s for s in t.find(a.end, self.k) if s.first > start.last]
            if not ends:
                raise _Failed(
                    "not found", f"{_short(a.end)} is not in {pid} after {_short(a.start)}"
                )
            last = ends[0].last
        else:
            last = t.last_word(self.k)
        if last < first:
            raise _Failed("not found", f"nothing follows {_short(a.start)} in {pid}")
        span = Span(first, last)
        others = t.others(span, self.k)
        if others:
            raise _Failed("conflict", f"words of {pid} were already changed by {self.who(others)}")
        t.delete(span, self.ref)
        slot.touch(self.ref)

    def _in_scope(self, slot: Slot, a: ReplaceEverywhere) -> bool:
        if not slot.alive or (
            slot.inserted_by is not None and slot.inserted_by.amendment != self.k
        ):
            return False
        top = slot
        while top.parent is not None:
            top = top.parent
        if top.kind == "heading":
            return False
        return ("preamble" if top.kind == "preambular" else "operative") in a.scopes

    def everywhere(self, a: ReplaceEverywhere) -> None:
        slots = [s for s in self.d.slots if self._in_scope(s, a)]
        if "title" in a.scopes and self.d.source.title:
            slots.insert(0, self.d.title)
        count = 0
        for slot in slots:
            spans = slot.text.find(a.old, self.k)
            pid = (
                "title"
                if slot is self.d.title
                else (slot.tabled.id if slot.tabled else "a new paragraph")
            )
            for span in reversed(spans):
                others = slot.text.others(span, self.k)
                if others:
                    raise _Failed(
                        "conflict",
                        f"{_short(a.old)} in {pid} was already changed by {self.who(others)}",
                    )
                slot.text.replace(span, a.new, self.ref)
            if spans:
                count += len(spans)
                slot.touch(self.ref)
                self.targets.append(pid)
        if not count:
            names = {
                "title": "the title",
                "preamble": "the preamble",
                "operative": "the operative part",
            }
            where = " or ".join(
                names[s] for s in ("title", "preamble", "operative") if s in a.scopes
            )
            raise _Failed("not found", f"{_short(a.old)} is not in {where}")
        self.notes.append(f"{count} replacement{'s' if count > 1 else ''}")

    def delete(self, a: DeleteParagraphs) -> None:
        for place in a.places:
            slot = self.target(place)
            self.untouched_by_others(slot, place)
            for s in self.d.family(slot):
                if s.deleted_by is None:
                    s.deleted_by = self.ref
                    s.touch(self.ref)

    def _new_slots(
        self, p: NewParagraph, kind: str, part: str | None, parent: Slot | None
    ) -> list[Slot]:
        slot = Slot(EditableText.inserted(p.text, self.ref), kind, part, None, parent, self.ref)  # type: ignore[arg-type]
        slot.touch(self.ref)
        out = [slot]
        for c in p.children:
            out.extend(self._new_slots(c, "subparagraph", part, slot))
        return out

    def replace_paragraph(self, a: ReplaceParagraph) -> None:
        slot = self.target(a.place)
        self.untouched_by_others(slot, a.place)
        paras = read_block(a.block, count=1, vocabulary=self.vocabulary)
        if len(paras) != 1:
            raise _Failed(
                "not understood", f"the new text of {a.place.pid} reads as {len(paras)} paragraphs"
            )
        new = paras[0]
        slot.text.rewrite(new.text, self.ref)
        slot.touch(self.ref)
        old_children = [c for c in self.d.children(slot) if c.alive]
        for old, nc in zip(old_children, new.children, strict=False):
            for s in self.d.family(old)[1:]:
                s.deleted_by = self.ref
            old.text.rewrite(nc.text, self.ref)
            old.touch(self.ref)
        for old in old_children[len(new.children) :]:
            for s in self.d.family(old):
                s.deleted_by = self.ref
                s.touch(self.ref)
        at = self.d.slots.index(self.d.family(slot)[-1]) + 1
        for nc in new.children[len(old_children) :]:
            made = self._new_slots(nc, "subparagraph", slot.part, slot)
            self.d.slots[at:at] = made
            at += len(made)
            self.created.extend(made)

    def _position(self, a: InsertParagraphs) -> tuple[int, Slot | None, str | None, str]:
        """Where new paragraphs go: index, parent, part, kind."""
        slots = self.d.slots
        kind: str
        if a.anchor is None:  # start or end of the preamble / operative part
            kind = a.kind or ("preambular" if a.part == "PP" else "operative")
            top = [
                i
                for i, s in enumerate(slots)
                if s.parent is None and s.kind == kind and s.part is None
            ]
            if not top:
                first_op = next(
                    (i for i, s in enumerate(slots) if s.kind == "operative"), len(slots)
                )
                return (first_op if kind == "preambular" else len(slots)), None, None, kind
            if a.where == "start":
                return top[0], None, None, kind
            return slots.index(self.d.family(slots[top[-1]])[-1]) + 1, None, None, kind
        anchor = self.d.find(a.anchor) if a.anchor.kind != "title" else None
        if anchor is None:
            raise _Failed("not understood", "new paragraphs cannot go next to the title")
        self.targets.append(a.anchor.pid)
        if a.where == "into" or (a.kind == "subparagraph" and anchor.kind != "subparagraph"):
            parent: Slot | None = anchor
            kind = "subparagraph"
            at = slots.index(self.d.family(anchor)[-1]) + 1
        else:
            parent = anchor.parent
            kind = a.kind or anchor.kind
            if a.where == "before":
                return slots.index(anchor), parent, anchor.part, kind
            at = slots.index(self.d.family(anchor)[-1]) + 1
        # after what earlier instructions inserted at the same place
        while at < len(slots) and slots[at].tabled is None and slots[at].parent is parent:
            at = slots.index(self.d.family(slots[at])[-1]) + 1
        return at, parent, anchor.part, kind

    def _at(self, a: InsertParagraphs) -> InsertParagraphs:
        """ "Insert a new operative paragraph 5": before the tabled paragraph 5, else
        after paragraph 4 (or as the first sub-paragraph of its paragraph)."""
        assert a.anchor is not None
        try:
            self.d.find(a.anchor)
            return dataclasses.replace(a, where="before")
        except LookupError as e:
            before = _previous(a.anchor)
            if before is None:
                raise _Failed("not found", str(e)) from None
            try:
                self.d.find(before)
            except LookupError:
                raise _Failed("not found", str(e)) from None
            if len(before.sub) < len(a.anchor.sub):
                return dataclasses.replace(a, where="into", anchor=before)
            return dataclasses.replace(a, where="after", anchor=before)

    def insert(self, a: InsertParagraphs) -> None:
        if a.where == "at":
            a = self._at(a)
        paras = read_block(a.block, count=a.count, vocabulary=self.vocabulary)
        if not paras:
            raise _Failed("not understood", "the new paragraphs have no text")
        if a.count is not None and len(paras) != a.count:
            self.notes.append(f"{a.count} new paragraphs announced, {len(paras)} read")
        try:
            at, parent, part, kind = self._position(a)
        except LookupError as e:
            raise _Failed("not found", str(e)) from None
        for p in paras:
            made = self._new_slots(p, kind, part, parent)
            self.d.slots[at:at] = made
            at += len(made)
            self.created.extend(made)

    def replace_title(self, a: ReplaceTitle) -> None:
        self.targets.append("title")
        if not self.d.source.title:
            raise _Failed("not found", "the draft has no title")
        others = [r for r in self.d.title.refs if r.amendment != self.k]
        if others:
            raise _Failed("conflict", f"the title was already changed by {self.who(others)}")
        self.d.title.text.rewrite(a.new, self.ref)
        self.d.title.touch(self.ref)


#: where one sentence ends and the next starts ("... faces. The ocean ...")
_SENTENCE_END = re.compile(r"(?<=[.!?])[”’\"]?\s+(?=[“\"(]?[A-Z])")


def _previous(place: Place) -> Place | None:
    """The paragraph before ``place`` in the draft's numbering (``OP4`` before
    ``OP5``, ``OP3(b)`` before ``OP3(c)``, ``OP3`` before ``OP3(a)``); None for the first."""
    if not place.sub:
        return dataclasses.replace(place, number=place.number - 1) if place.number > 1 else None
    label = place.sub[-1]
    parent = dataclasses.replace(place, sub=place.sub[:-1])
    if label in ("a", "i", "1"):
        return parent
    if label.isdigit():
        before = str(int(label) - 1)
    elif len(place.sub) > 1 and (value := from_roman(label.upper())):  # (b) (iv): Roman
        before = roman(value - 1)
    else:
        before = chr(ord(label[-1]) - 1)
    return dataclasses.replace(place, sub=(*parent.sub, before))


def _action_name(actions: Sequence[Action]) -> str:
    names: list[str] = []
    for a in actions:
        if a.name not in names:
            names.append(a.name)
    return "; ".join(names)


def _apply_one(
    d: Draft, ins: Instruction, ref: Ref, names: list[str | None], vocabulary: Vocabulary
) -> tuple[InstructionReport, list[Slot]]:
    try:
        actions = read_instruction(ins.text)
    except NotUnderstood as e:
        text = " ".join(ins.text.split())
        return InstructionReport(
            ins.number, ins.text, "unknown", [], "not understood", f"{e}: {text}"
        ), []
    state = d.snapshot()
    applier = _Applier(d, ref, names, vocabulary)
    try:
        for action in actions:
            applier.apply(action)
    except _Failed as f:
        d.restore(state)
        targets = list(dict.fromkeys(applier.targets))
        return InstructionReport(
            ins.number, ins.text, _action_name(actions), targets, f.status, f.detail
        ), []
    targets = list(dict.fromkeys(applier.targets))
    report = InstructionReport(
        ins.number, ins.text, _action_name(actions), targets, "applied", "; ".join(applier.notes)
    )
    return report, applier.created


class _Changes:
    """The changes from the draft as tabled to the draft as amended, slot by slot."""

    def __init__(
        self,
        d: Draft,
        new: dict[int, Paragraph],
        amendments: Sequence[Resolution],
        deadline: float | None,
    ):
        self.d = d
        self.new = new
        self.amendments = amendments
        self.deadline = deadline

    def name(self, r: Ref) -> AmendmentRef:
        a = self.amendments[r.amendment]
        return AmendmentRef(a.symbol, a.instructions[r.instruction].number)

    def refs(self, refs: Sequence[Ref | None]) -> list[AmendmentRef]:
        out: list[AmendmentRef] = []
        for r in refs:
            if r is not None and self.name(r) not in out:
                out.append(self.name(r))
        return out

    def ops(self, slot: Slot, old: str, new: str) -> tuple[float, list[Op]]:
        """The similarity of a reworded text and its ops, each edit with its instruction."""
        d = diff_words(old, new, deadline=self.deadline)
        rewritten = slot.text.rewritten_by
        if rewritten is None:
            return d.similarity, slot.text.ops(self.name)
        by = self.name(rewritten)
        return d.similarity, [
            o if o.op == "equal" else dataclasses.replace(o, amendment=by) for o in d.ops
        ]

    def title(self) -> Change | None:
        """The change of the title, if amendments changed it."""
        slot = self.d.title
        old, new = self.d.source.title or "", slot.text.final()
        if self.d.source.title is None or old == new:
            return None
        similarity, ops = self.ops(slot, old, new)
        return Change(
            "reworded", ["title"], ["title"], similarity, ops, amendment=self.refs(slot.refs)
        )

    def of(self, slot: Slot) -> Change | None:
        t, p = slot.tabled, self.new.get(id(slot))
        if t is None:
            if p is None:
                return None  # inserted, then deleted by the same amendment
            by = self.name(slot.inserted_by) if slot.inserted_by else None
            return Change(
                "added",
                [],
                [p.id],
                0.0,
                [Op("insert", "", p.text, by)],
                amendment=self.refs(slot.refs),
            )
        if p is None:
            by = self.name(slot.deleted_by) if slot.deleted_by else None
            refs = self.refs([slot.deleted_by, *slot.refs])
            return Change(
                "removed", [t.id], [], 0.0, [Op("delete", t.text, "", by)], amendment=refs
            )
        if t.text == p.text:
            return Change(
                "unchanged", [t.id], [p.id], 1.0, [Op("equal", t.text, p.text)] if t.text else []
            )
        similarity, ops = self.ops(slot, t.text, p.text)
        vc = None
        if t.kind == "operative" and p.kind == "operative":
            vc = verb_change(extract_lead(t.text) or t.lead, extract_lead(p.text) or p.lead)
        return Change(
            "reworded",
            [t.id],
            [p.id],
            similarity,
            ops,
            verb_change=vc,
            amendment=self.refs(slot.refs),
        )

    def all(self) -> list[Change]:
        out = []
        for slot in self.d.slots:
            check(self.deadline, _DOING)
            c = self.of(slot)
            if c is not None:
                out.append(c)
        return out


def apply_amendments(
    draft: Resolution, amendments: Sequence[Resolution], *, deadline: float | None = None
) -> Comparison:
    """The draft compared with the draft as it would read if ``amendments`` passed.

    ``amendments`` are parsed amendments (``document_type == "amendment"``,
    with ``instructions``), applied in the order given. Raises
    :class:`~diffing.errors.NotAnAmendmentError` for a document that is not an
    amendment, :class:`~diffing.errors.AmendmentMismatchError` for one that
    amends another draft and :class:`~diffing.errors.NotADraftError` for a
    draft that is an amendment; ``deadline`` as for :func:`diffing.compare`.
    """
    _check_inputs(draft, amendments)
    d = Draft(draft)
    vocabulary = Vocabulary("\n".join(p.text for p in draft.paragraphs))
    names = [a.symbol for a in amendments]
    reports: list[AmendmentReport] = []
    created: list[tuple[InstructionReport, list[Slot]]] = []
    for k, amendment in enumerate(amendments):
        results = []
        for i, ins in enumerate(amendment.instructions):
            check(deadline, _DOING)
            report, made = _apply_one(d, ins, Ref(k, i), names, vocabulary)
            results.append(report)
            created.append((report, made))
        reports.append(AmendmentReport(amendment.symbol, list(amendment.sponsors), results))
    amended, new = d.amended()
    for report, made in created:
        ids = [new[id(s)].id for s in made if id(s) in new and s.parent not in made]
        if ids:
            report.detail = "; ".join(x for x in (f"new {', '.join(ids)}", report.detail) if x)
    symbols = ", ".join(a.symbol or "an amendment" for a in amendments)
    amended = dataclasses.replace(
        amended, notes=[f"as amended by {symbols}" if amendments else "as tabled"]
    )
    changes = _Changes(d, new, amendments, deadline)
    return Comparison(
        draft, amended, changes.all(), amendments=reports, title_change=changes.title()
    )
