"""Where an instruction points in the draft: paragraphs named in English or French.

:func:`find_places` replaces every paragraph reference of an instruction's
wording (quotations already taken out) with a placeholder ``⟦p0⟧``, ``⟦p1⟧``
..., and returns the :class:`Place` values each stands for. It reads:

* ordinals, as words or figures: "the forty-first preambular paragraph",
  "le quarante et unième alinéa du préambule", "the 4th preambular paragraph";
* numbers: "operative paragraph 5", "paragraph 5 of the preamble",
  "le paragraphe 5 du dispositif", "l'alinéa 4 du préambule";
* sub-paragraphs: "operative paragraph 5 (b)", "subparagraph (b) of operative
  paragraph 5", "l'alinéa b) du paragraphe 5 du dispositif", "paragraphe 5 b)";
* lists and ranges: "the sixteenth and seventeenth preambular paragraphs",
  "operative paragraphs 5 to 7", "les paragraphes 5, 6 et 8 du dispositif";
* the title: "the title", "le titre";
* paragraphs of an annex: "paragraph 3 of the annex", "le paragraphe 3 de
  l'annexe", "paragraph 2 of annex II" (the parser's part ``ANNEX``,
  ``ANNEX-II``).

A bare "paragraph 5" / "paragraphe 5" is an operative paragraph, a bare
"alinéa" a preambular one, as in General Assembly usage.

>>> find_places("in the sixteenth and seventeenth preambular paragraphs, delete ⟦q0⟧")
('in ⟦p0⟧, delete ⟦q0⟧', [[Place(kind='PP', number=16, sub=(), part=None), Place(kind='PP', number=17, sub=(), part=None)]])
>>> [p.pid for p in find_places("au paragraphe 5 b) du dispositif")[1][0]]
['OP5(b)']
>>> [p.pid for p in find_places("delete operative paragraphs 5 to 7")[1][0]]
['OP5', 'OP6', 'OP7']
>>> [p.pid for p in find_places("in paragraph 30 (d) of the annex, delete")[1][0]]
['ANNEX.OP30(d)']
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from diffing.lexicon import ORDINAL_PATTERN as ORDINAL
from diffing.lexicon import ordinal_value, to_roman

__all__ = ["LAST", "PLACEHOLDER", "Place", "find_places", "find_subparagraphs", "roman"]

PLACEHOLDER = "⟦p{}⟧"
#: the number of "the last preambular paragraph": the draft says which it is
LAST = -1


@dataclass(frozen=True)
class Place:
    """A paragraph of the draft as tabled: ``PP``/``OP`` and its number, the
    labels of a sub-paragraph (``("b",)``, ``("b", "ii")``), or the title."""

    kind: Literal["PP", "OP", "title"]
    number: int = 0
    sub: tuple[str, ...] = ()
    #: the part of the draft: ``ANNEX``, ``ANNEX-II`` (None: the resolution itself)
    part: str | None = None

    @property
    def pid(self) -> str:
        """The id the parser gives that paragraph: ``PP4``, ``OP5(b)``, ``ANNEX.OP3``, ``title``."""
        if self.kind == "title":
            return "title"
        prefix = f"{self.part}." if self.part else ""
        return f"{prefix}{self.kind}{self.number}" + "".join(f"({s})" for s in self.sub)

    def describe(self) -> str:
        """``operative paragraph 5 (b)``, ``preambular paragraph 4``, ``the title``,
        ``paragraph 3 of the annex``."""
        if self.kind == "title":
            return "the title"
        if self.number == LAST:
            return f"the last {'preambular' if self.kind == 'PP' else 'operative'} paragraph"
        subs = "".join(f" ({s})" for s in self.sub)
        if self.part:
            annex = self.part.replace("ANNEX-", "annex ").replace("ANNEX", "the annex")
            name = "preambular paragraph" if self.kind == "PP" else "paragraph"
            return f"{name} {self.number}{subs} of {annex}"
        name = "preambular" if self.kind == "PP" else "operative"
        return f"{name} paragraph {self.number}{subs}"

    def with_sub(self, *labels: str) -> Place:
        """The sub-paragraph ``labels`` of this paragraph."""
        return Place(self.kind, self.number, (*self.sub, *labels), self.part)


def roman(n: int) -> str:
    """Lower-case Roman numeral of ``n``: sub-sub-paragraph labels.

    >>> roman(4), roman(19)
    ('iv', 'xix')
    """
    return to_roman(n).lower()


def _letter_range(a: str, b: str) -> list[str]:
    """``(a)`` to ``(d)``: single letters only; anything else is the two ends."""
    if len(a) == 1 and len(b) == 1 and a < b:
        return [chr(c) for c in range(ord(a), ord(b) + 1)]
    return [a, b]


_LAB = r"\(\s*[a-z]{1,4}\s*\)"
_LAB_FR = r"\(?[a-z]{1,4}\)"
_EN_JOIN = r"(?:\s*,\s*(?:and\s+)?|\s+and\s+|\s+(?:to|through)\s+|\s*[-–—]\s*)"
_FR_JOIN = r"(?:\s*,\s*(?:et\s+)?|\s+et\s+|\s+à\s+|\s*[-–—]\s*)"
_RANGE = re.compile(r"\s*(?:to|through|à|[-–—])\s*", re.IGNORECASE)
_NUM_EN = rf"\d{{1,3}}(?:\s*{_LAB})*"
_NUM_FR = rf"\d{{1,3}}(?:\s*{_LAB_FR})*"
_ART = r"(?:\b(?:au|aux|du|des|le|les|la)\s+|\bl'|\bà\s+l'|\bde\s+l')"
_CHAPEAU = r"(?:(?:the\s+)?(?:chapeau|introductory\s+(?:part|sentence|phrase))\s+of\s+)?"


def _list(item: str, join: str) -> str:
    return rf"{item}(?:{join}{item})*"


def _nested(lab: str) -> str:
    """Labels one after another: "(a) (iv)", "a) iv)"."""
    return rf"{lab}(?:\s*{lab})*"


_ORD = rf"(?:{ORDINAL}|last\b|final\b|dernier\b)"
_EN_MAIN = (
    rf"(?:the\s+)?(?P<ords>{_list(_ORD, _EN_JOIN)})\s+(?P<kind>preambular|operative)\s+paragraphs?"
    rf"|(?P<kind2>preambular|operative)\s+paragraphs?\s+(?P<nums>{_list(_NUM_EN, _EN_JOIN)})"
    rf"|(?:the\s+)?(?P<ords2>{_list(_ORD, _EN_JOIN)})\s+paragraphs?\s+of\s+the\s+(?P<part>preamble|operative\s+part)"
    rf"|paragraphs?\s+(?P<nums2>{_list(_NUM_EN, _EN_JOIN)})(?:\s+of\s+the\s+(?P<part2>preamble|operative\s+part))?"
)
_ANNEX_EN = r"(?:\s*,?\s+(?:of|in|to)\s+(?P<annex>(?:the\s+)?annex(?:\s+(?P<annexno>[IVX]{1,4}|\d{1,2})\b)?))?"
_ANNEX_FR = r"(?:\s+(?:de\s+l'|à\s+l')(?P<annex>annexe(?:\s+(?P<annexno>[IVX]{1,4}|\d{1,2})\b)?))?"
_EN = re.compile(
    rf"{_CHAPEAU}(?:(?:the\s+)?(?:sub-?paragraphs?\s+)?(?P<labs>{_list(_nested(_LAB), _EN_JOIN)})\s+of\s+)?(?:{_EN_MAIN}){_ANNEX_EN}"
    r"|(?P<title>(?:the\s+)?title(?:\s+of\s+the\s+draft(?:\s+(?:resolution|decision))?)?)\b",
    re.IGNORECASE,
)
_FR_MAIN = (
    rf"{_ART}?(?P<ords>{_list(_ORD, _FR_JOIN)})\s+(?P<noun>alinéas?|paragraphes?)"
    rf"(?:\s+(?P<part>du\s+préambule|du\s+dispositif))?"
    rf"|{_ART}?(?P<noun2>alinéas?|paragraphes?)\s+(?P<nums>{_list(_NUM_FR, _FR_JOIN)})"
    rf"(?:\s+(?P<part2>du\s+préambule|du\s+dispositif))?"
)
_FR = re.compile(
    rf"(?:{_ART}?(?:sous-)?alinéas?\s+(?P<labs>{_list(_nested(_LAB_FR), _FR_JOIN)})\s+(?:du\s+|de\s+l'))?(?:{_FR_MAIN}){_ANNEX_FR}"
    r"|(?P<title>(?:le\s+|au\s+|du\s+)?titre(?:\s+du\s+projet\s+de\s+(?:résolution|décision))?)\b",
    re.IGNORECASE,
)


def _items(text: str, item: str) -> list[tuple[str, bool]]:
    """The items of a list such as ``5 (a), 6 to 8`` or ``seizième et dix-septième``,
    each with whether a range sign ("to", "à", a dash) comes before it."""
    out: list[tuple[str, bool]] = []
    pos = 0
    for m in re.finditer(item, text, re.IGNORECASE):
        between = text[pos : m.start()]
        out.append((m.group(0), bool(out) and bool(_RANGE.fullmatch(between))))
        pos = m.end()
    return out


def _numbers(text: str, ordinal: bool, french: bool) -> list[tuple[int, tuple[str, ...]]]:
    """Numbers (with their sub-paragraph labels) of a list such as ``5 (a), 6 to 8``."""
    out: list[tuple[int, tuple[str, ...]]] = []
    item = _ORD if ordinal else (_NUM_FR if french else _NUM_EN)
    for value, ranged in _items(text, item):
        if ordinal:
            n = LAST if value.lower() in ("last", "final", "dernier") else ordinal_value(value)
            labs: tuple[str, ...] = ()
        else:
            m = re.match(r"\d+", value)
            n = int(m.group(0)) if m else None
            labs = tuple(re.findall(r"([a-z]{1,4})\)", value, re.IGNORECASE))
        if n is None:
            continue
        if ranged and out and not labs and not out[-1][1] and out[-1][0] < n:
            out.extend((x, ()) for x in range(out[-1][0] + 1, n + 1))
        else:
            out.append((n, tuple(x.lower() for x in labs)))
    return out


def _labels(text: str | None, french: bool) -> list[tuple[str, ...]]:
    """The sub-paragraphs of a list of labels: ``(a), (c) to (e)`` ->
    ``[("a",), ("c",), ("d",), ("e",)]``, ``(a) (iv)`` -> ``[("a", "iv")]``."""
    if not text:
        return []
    lab = _LAB_FR if french else _LAB
    out: list[tuple[str, ...]] = []
    for value, ranged in _items(text, rf"{lab}(?:\s*{lab})*"):
        labels = tuple(x.lower() for x in re.findall(r"([a-z]{1,4})\s*\)", value, re.IGNORECASE))
        if ranged and out and len(labels) == 1 and len(out[-1]) == 1:
            out.extend((x,) for x in _letter_range(out.pop()[0], labels[0]))
        else:
            out.append(labels)
    return out


def _kind_en(m: re.Match[str]) -> Literal["PP", "OP"]:
    word = (
        m.group("kind") or m.group("kind2") or m.group("part") or m.group("part2") or ""
    ).lower()
    return "PP" if word.startswith("pream") else "OP"


def _kind_fr(m: re.Match[str]) -> Literal["PP", "OP"]:
    part = (m.group("part") or m.group("part2") or "").lower()
    if part:
        return "PP" if "préambule" in part else "OP"
    noun = (m.group("noun") or m.group("noun2") or "").lower()
    return "PP" if noun.startswith("alin") else "OP"


def _places(m: re.Match[str], french: bool) -> list[Place]:
    if m.group("title"):
        return [Place("title")]
    kind = _kind_fr(m) if french else _kind_en(m)
    ords = m.group("ords") or (None if french else m.group("ords2"))
    nums = m.group("nums") or (None if french else m.group("nums2"))
    numbers = _numbers(ords, True, french) if ords else _numbers(nums or "", False, french)
    labs = _labels(m.group("labs"), french)
    part = _part(m)
    out: list[Place] = []
    for n, own in numbers:
        if labs:
            out.extend(Place(kind, n, (*own, *lab), part) for lab in labs)
        else:
            out.append(Place(kind, n, own, part))
    return out


def _part(m: re.Match[str]) -> str | None:
    """``ANNEX`` for "of the annex", ``ANNEX-II`` for "of annex II" (the parser's parts)."""
    if not m.group("annex"):
        return None
    number = m.group("annexno")
    if not number:
        return "ANNEX"
    return f"ANNEX-{to_roman(int(number)) if number.isdigit() else number.upper()}"


def find_places(skeleton: str) -> tuple[str, list[list[Place]]]:
    """The wording with each paragraph reference replaced by a placeholder, and the
    places of each placeholder (English forms first, then French)."""
    found: list[list[Place]] = []
    text = skeleton
    for pattern, french in ((_EN, False), (_FR, True)):
        pieces: list[str] = []
        pos = 0
        for m in pattern.finditer(text):
            places = _places(m, french)
            if not places:
                continue
            pieces.append(text[pos : m.start()])
            pieces.append(PLACEHOLDER.format(len(found)))
            found.append(places)
            pos = m.end()
        pieces.append(text[pos:])
        text = "".join(pieces)
    return text, found


_SUB_EN = re.compile(
    rf"(?:the\s+)?sub-?paragraphs?\s+(?P<labs>{_list(_nested(_LAB), _EN_JOIN)})", re.IGNORECASE
)
_SUB_FR = re.compile(
    rf"{_ART}?(?:sous-)?alinéas?\s+(?P<labs>{_list(_nested(_LAB_FR), _FR_JOIN)})",
    re.IGNORECASE,
)


def find_subparagraphs(skeleton: str, parent: Place, first: int) -> tuple[str, list[list[Place]]]:
    """Sub-paragraphs named by their labels alone in an instruction about ``parent``
    ("In operative paragraph 20, delete subparagraphs (m) and (q)", "Au paragraphe
    13 du dispositif, supprimer l'alinéa c)"): each reference replaced by a
    placeholder numbered from ``first``, and its places.

    >>> find_subparagraphs("delete subparagraphs (m) and (q)", Place("OP", 20), 1)
    ('delete ⟦p1⟧', [[Place(kind='OP', number=20, sub=('m',), part=None), Place(kind='OP', number=20, sub=('q',), part=None)]])
    """
    found: list[list[Place]] = []
    text = skeleton
    for pattern, french in ((_SUB_EN, False), (_SUB_FR, True)):
        pieces: list[str] = []
        pos = 0
        for m in pattern.finditer(text):
            labels = _labels(m.group("labs"), french)
            if not labels:
                continue
            pieces.append(text[pos : m.start()])
            pieces.append(PLACEHOLDER.format(first + len(found)))
            found.append([parent.with_sub(*lab) for lab in labels])
            pos = m.end()
        pieces.append(text[pos:])
        text = "".join(pieces)
    return text, found
