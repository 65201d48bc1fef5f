"""How every report shows amendments applied to a draft: who made each change, and what
became of each instruction.

:func:`build_marks` reads ``Comparison.amendments`` once into :class:`Marks`,
which the presentation model (:mod:`service.render.view`) and the renderers
ask about the instruction behind an edit (an :class:`~diffing.model.AmendmentRef`):

* its *tone*: each amendment its own colour in HTML and PDF, by its order
  (:data:`TONES` of them, then again from the first);
* its *label*: ``A/80/L.30, instruction 3`` (an unnumbered instruction is
  the amendment's symbol alone);
* its *author*: who signs its revisions in Word, the amendment's sponsors and
  symbol, ``Russian Federation (A/80/L.19)``; a long list of sponsors is cut
  to the first and "and others" (:func:`author`), so that Word and LibreOffice
  can accept or reject the changes of one amendment by its author.

:class:`AmendmentView` and :class:`InstructionView` are what the reports list:
the instructions not applied first (:attr:`Marks.missed`), then each
amendment, with each instruction's status and links to the changes it made.

>>> author("A/80/L.19", ["Russian Federation"])
'Russian Federation (A/80/L.19)'
>>> author("A/C.3/80/L.55", ["Albania", "Andorra", "Australia"])
'Albania and others (A/C.3/80/L.55)'
>>> author("A/80/L.9", ["Bélarus", "Nicaragua"], "fr")
'Bélarus et Nicaragua (A/80/L.9)'
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from diffing.model import AmendmentRef, Comparison

__all__ = [
    "TONES",
    "AmendmentView",
    "InstructionView",
    "Marks",
    "author",
    "build_marks",
    "instruction_label",
]

#: how many amendments get a colour of their own before the colours repeat
TONES = 6
#: an author's longest form before its sponsors are cut to the first "and others"
_AUTHOR_CHARS = 64
_AND = {"en": ("and", "and others"), "fr": ("et", "et autres")}


def author(symbol: str | None, sponsors: Sequence[str], language: str | None = "en") -> str:
    """Who signs an amendment's revisions in Word: its sponsors and its symbol."""
    joiner, others = _AND.get((language or "en")[:2], _AND["en"])
    names = list(sponsors)
    tail = f" ({symbol})" if symbol else ""
    if not names:
        return symbol or "amendment"
    if len(names) == 1:
        who = names[0]
    elif len(names) == 2:
        who = f"{names[0]} {joiner} {names[1]}"
    else:
        who = f"{names[0]} {others}"
    if len(who + tail) > _AUTHOR_CHARS and len(names) > 1:
        who = f"{names[0]} {others}"
    return who + tail


def instruction_label(symbol: str | None, number: int | None) -> str:
    """``A/80/L.30, instruction 3``; the symbol alone for an unnumbered instruction."""
    name = symbol or "the amendment"
    return name if number is None else f"{name}, instruction {number}"


@dataclass
class InstructionView:
    """One instruction as a report lists it, with the changes it made (anchor, label)."""

    label: str
    number: int | None
    text: str
    action: str
    targets: list[str]
    status: str
    detail: str
    tone: int
    symbol: str | None
    changes: list[tuple[str, str]] = field(default_factory=list)

    @property
    def applied(self) -> bool:
        return self.status == "applied"

    @property
    def oneline(self) -> str:
        """The instruction's text on one line."""
        return " ".join(self.text.split())


@dataclass
class AmendmentView:
    """One amendment: its symbol, sponsors, colour, Word author and instructions."""

    index: int
    symbol: str | None
    sponsors: list[str]
    author: str
    tone: int
    instructions: list[InstructionView]

    @property
    def applied(self) -> int:
        return sum(i.applied for i in self.instructions)


@dataclass
class Marks:
    """The amendments of a comparison, and who made each edit."""

    amendments: list[AmendmentView]

    def _amendment(self, ref: AmendmentRef) -> AmendmentView | None:
        return next((a for a in self.amendments if a.symbol == ref.symbol), None)

    def tone(self, ref: AmendmentRef) -> int:
        a = self._amendment(ref)
        return a.tone if a is not None else 0

    def label(self, ref: AmendmentRef) -> str:
        return instruction_label(ref.symbol, ref.instruction)

    def author(self, ref: AmendmentRef | None) -> str | None:
        """The Word author of an edit; None for an edit of no amendment."""
        a = self._amendment(ref) if ref is not None else None
        return a.author if a is not None else None

    @property
    def missed(self) -> list[InstructionView]:
        """Every instruction not applied, amendment by amendment: what a report shows first."""
        return [i for a in self.amendments for i in a.instructions if not i.applied]

    @property
    def several(self) -> bool:
        return len(self.amendments) > 1

    def made_by(self, refs: Iterable[AmendmentRef]) -> list[tuple[int, str]]:
        """The instructions behind a change, one (tone, label) per amendment:
        ``A/80/L.28, instructions 1, 5``."""
        out: list[tuple[int, str]] = []
        numbers: dict[str | None, list[int | None]] = {}
        for r in refs:
            numbers.setdefault(r.symbol, []).append(r.instruction)
        for symbol, ns in numbers.items():
            shown = [str(n) for n in ns if n is not None]
            if not shown:
                text = symbol or "the amendment"
            else:
                word = "instruction" if len(shown) == 1 else "instructions"
                text = f"{symbol or 'the amendment'}, {word} {', '.join(shown)}"
            out.append((self.tone(AmendmentRef(symbol, ns[0])), text))
        return out

    def link(self, ref: AmendmentRef, anchor: str, label: str) -> None:
        """Record that the instruction ``ref`` made the change at ``anchor``."""
        a = self._amendment(ref)
        if a is None:
            return
        for i in a.instructions:
            if i.number == ref.instruction and (anchor, label) not in i.changes:
                i.changes.append((anchor, label))


def build_marks(comparison: Comparison) -> Marks | None:
    """The marks of a draft compared with the draft as amended; None for a comparison
    of two versions."""
    if comparison.amendments is None:
        return None
    language = comparison.old.language
    views = []
    for k, a in enumerate(comparison.amendments):
        tone = k % TONES
        instructions = [
            InstructionView(
                label=instruction_label(a.symbol, i.number),
                number=i.number,
                text=i.text,
                action=i.action,
                targets=list(i.targets),
                status=i.status,
                detail=i.detail,
                tone=tone,
                symbol=a.symbol,
            )
            for i in a.instructions
        ]
        views.append(
            AmendmentView(
                k,
                a.symbol,
                list(a.sponsors),
                author(a.symbol, a.sponsors, language),
                tone,
                instructions,
            )
        )
    return Marks(views)
