"""How every report shows amendments applied to a draft: who made each change, and what
became of each instruction.

:func:`build_marks` reads ``Comparison.amendments`` once into :class:`Marks`,
which the presentation model (:mod:`service.render.view`) and the renderers
ask about the instruction behind an edit (an :class:`~diffing.model.AmendmentRef`):

* its *tone*: each amendment its own colour in HTML and PDF, by its order
  (:data:`TONES` of them, then again from the first);
* its *label*: ``A/80/L.30, instruction 3`` (an unnumbered instruction is
  the amendment's symbol alone), in the words of the report's chrome;
* its *author*: who signs its revisions in Word, the amendment's sponsors and
  symbol, ``Russian Federation (A/80/L.19)``; a long list of sponsors is cut
  to the first and "and others" (:func:`author`), so that Word and LibreOffice
  can accept or reject the changes of one amendment by its author.

:class:`AmendmentView` and :class:`InstructionView` are what the reports list:
the instructions not applied first (:attr:`Marks.missed`), then each
amendment, with each instruction's status and links to the changes it made.
The engine's statuses and actions ("not found", "insert paragraphs") are kept
as they are for the JSON and the styles; :func:`status_name` and
:func:`action_name` say them in the chrome's language ("introuvable",
"insertion de paragraphes"); the engine's details stay as it says them.

>>> author("A/80/L.19", ["Russian Federation"])
'Russian Federation (A/80/L.19)'
>>> author("A/C.3/80/L.55", ["Albania", "Andorra", "Australia"])
'Albania and others (A/C.3/80/L.55)'
>>> author("A/80/L.9", ["Bélarus", "Nicaragua"], "fr")
'Bélarus et Nicaragua (A/80/L.9)'
>>> instruction_label("A/80/L.30", 3), status_name("not found", Chrome.of("fr"))
('A/80/L.30, instruction 3', 'introuvable')
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from diffing.model import AmendmentRef, Comparison
from service.i18n import Chrome
from service.render.words import N_, named

__all__ = [
    "TONES",
    "AmendmentView",
    "InstructionView",
    "Marks",
    "action_name",
    "author",
    "build_marks",
    "instruction_label",
    "status_name",
    "target_names",
]

#: how many amendments get a colour of their own before the colours repeat
TONES = 6
#: an author's longest form before its sponsors are cut to the first "and others"
_AUTHOR_CHARS = 64
_AND = {"en": ("and", "and others"), "fr": ("et", "et autres")}
#: what became of an instruction (the engine's statuses), as a report says it
_STATUSES = {
    "applied": N_("applied"),
    "not found": N_("not found"),
    "conflict": N_("conflict"),
    "not understood": N_("not understood"),
}
#: what an instruction does (the engine's action names), as a report says it
_ACTIONS = {
    "delete words": N_("delete words"),
    "replace words": N_("replace words"),
    "insert words": N_("insert words"),
    "replace words everywhere": N_("replace words everywhere"),
    "delete paragraphs": N_("delete paragraphs"),
    "replace paragraph": N_("replace paragraph"),
    "insert paragraphs": N_("insert paragraphs"),
    "replace title": N_("replace title"),
    "renumber paragraphs": N_("renumber paragraphs"),
    "unknown": N_("unknown"),
}


def status_name(status: str, chrome: Chrome) -> str:
    """``not found`` -> "not found", "introuvable"..."""
    return named(_STATUSES, status, chrome)


def action_name(action: str, chrome: Chrome) -> str:
    """``insert paragraphs; delete words`` in the chrome's words, each action known to
    this version translated, any other as the engine says it."""
    return "; ".join(named(_ACTIONS, a, chrome) for a in action.split("; "))


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


def target_names(targets: Sequence[str], chrome: Chrome) -> str:
    """The paragraphs an instruction changed as a reader of ``chrome`` names them
    (``title, PP1, OP2``; ``titre, al. 1, § 2``)."""
    return ", ".join(chrome.gettext("title") if t == "title" else chrome.pid(t) for t in targets)


def instruction_label(symbol: str | None, number: int | None, chrome: Chrome | None = None) -> str:
    """``A/80/L.30, instruction 3``; the symbol alone for an unnumbered instruction (in
    the words of ``chrome``, English by default)."""
    chrome = chrome or Chrome.of("en")
    name = symbol or chrome.gettext("the amendment")
    if number is None:
        return name
    return chrome.gettext("%(amendment)s, instruction %(number)s", amendment=name, number=number)


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
    #: the status and the action as the report says them ("introuvable")
    status_label: str = ""
    action_label: str = ""

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
    chrome: Chrome = field(default_factory=lambda: Chrome.of("en"))

    def _amendment(self, ref: AmendmentRef) -> AmendmentView | None:
        return next((a for a in self.amendments if a.symbol == ref.symbol), None)

    def tone(self, ref: AmendmentRef) -> int:
        a = self._amendment(ref)
        return a.tone if a is not None else 0

    def label(self, ref: AmendmentRef) -> str:
        return instruction_label(ref.symbol, ref.instruction, self.chrome)

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
            name = symbol or self.chrome.gettext("the amendment")
            text = name
            if shown:
                text = self.chrome.ngettext(
                    "%(amendment)s, instruction %(numbers)s",
                    "%(amendment)s, instructions %(numbers)s",
                    len(shown),
                    amendment=name,
                    numbers=", ".join(shown),
                )
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


def build_marks(comparison: Comparison, chrome: Chrome | None = None) -> Marks | None:
    """The marks of a draft compared with the draft as amended, in the words of ``chrome``
    (English by default); None for a comparison of two versions."""
    if comparison.amendments is None:
        return None
    chrome = chrome or Chrome.of("en")
    language = comparison.old.language
    views = []
    for k, a in enumerate(comparison.amendments):
        tone = k % TONES
        instructions = [
            InstructionView(
                label=instruction_label(a.symbol, i.number, chrome),
                number=i.number,
                text=i.text,
                action=i.action,
                targets=list(i.targets),
                status=i.status,
                detail=i.detail,
                tone=tone,
                symbol=a.symbol,
                status_label=status_name(i.status, chrome),
                action_label=action_name(i.action, chrome),
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
    return Marks(views, chrome)
