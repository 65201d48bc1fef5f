"""Ordinal and cardinal numbers written as words, English and French (1 to 199).

Private to :mod:`diffing.amendments`: the one place that reads "forty-first",
"quarante et unième", "4th", "1er" or "two" as numbers, until the shared
:mod:`diffing.lexicon` replaces it.

>>> ordinal_value("forty-first"), ordinal_value("quarante et unième"), ordinal_value("4th")
(41, 41, 4)
>>> ordinal_value("soixante et onzième"), ordinal_value("quatre-vingt-dix-neuvième")
(71, 99)
>>> cardinal_value("two"), cardinal_value("deux"), cardinal_value("a"), cardinal_value("3")
(2, 2, 1, 3)
"""

from __future__ import annotations

import re

__all__ = ["CARDINAL", "ORDINAL", "cardinal_value", "ordinal_value"]

_EN_UNITS = [
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
]
_EN_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_EN_TENTHS = [
    "twentieth",
    "thirtieth",
    "fortieth",
    "fiftieth",
    "sixtieth",
    "seventieth",
    "eightieth",
    "ninetieth",
]
_EN_CARDINALS = [
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
]

_FR_UNITS = [
    "premier",
    "deuxième",
    "troisième",
    "quatrième",
    "cinquième",
    "sixième",
    "septième",
    "huitième",
    "neuvième",
    "dixième",
    "onzième",
    "douzième",
    "treizième",
    "quatorzième",
    "quinzième",
    "seizième",
    "dix-septième",
    "dix-huitième",
    "dix-neuvième",
]
_FR_TENS = ["vingt", "trente", "quarante", "cinquante", "soixante"]
_FR_CARDINALS = [
    "un",
    "deux",
    "trois",
    "quatre",
    "cinq",
    "six",
    "sept",
    "huit",
    "neuf",
    "dix",
    "onze",
    "douze",
]


def _key(word: str) -> str:
    """Lower case, spaces and hyphens as one hyphen ("vingt et unième" = "vingt-et-unième")."""
    return re.sub(r"[\s\-\u2010\u2011]+", "-", word.strip().lower())


def _french(n: int) -> str:
    """The French ordinal of ``1 <= n <= 99`` (traditional spelling, hyphens for spaces)."""
    if n < 20:
        return _FR_UNITS[n - 1]
    tens, unit = divmod(n, 10)
    if tens in (7, 9):  # soixante-dix, quatre-vingt-dix: 60 or 80 plus a teen
        base, rest = ("soixante", n - 60) if tens == 7 else ("quatre-vingt", n - 80)
        if rest == 11 and tens == 7:
            return "soixante-et-onzième"
        return f"{base}-{_FR_UNITS[rest - 1]}"
    base = "quatre-vingt" if tens == 8 else _FR_TENS[tens - 2]
    if unit == 0:
        stem = base[:-1] if base.endswith("e") else base  # trente -> trentième
        return stem + "ième"
    if unit == 1:
        return f"{base}-unième" if tens == 8 else f"{base}-et-unième"
    return f"{base}-{_FR_UNITS[unit - 1]}"


def _table() -> dict[str, int]:
    out: dict[str, int] = {}
    for n in range(1, 100):
        if n < 20:
            en = _EN_UNITS[n - 1]
        else:
            tens, unit = divmod(n, 10)
            en = (
                _EN_TENTHS[tens - 2] if unit == 0 else f"{_EN_TENS[tens - 2]}-{_EN_UNITS[unit - 1]}"
            )
        out[en] = n
        out[_key(_french(n))] = n
    out.update({"première": 1, "second": 2, "seconde": 2, "hundredth": 100, "centième": 100})
    out["quatre-vingts-unième"] = 81  # a frequent misspelling
    for word, n in list(out.items()):
        if n < 100:
            out.setdefault(f"one-hundred-and-{word}", 100 + n)
            out.setdefault(f"hundred-and-{word}", 100 + n)
            out.setdefault(f"cent-{word}", 100 + n)
    out["cent-unième"] = 101
    return out


_ORDINALS = _table()
_CARDINALS = {w: n for n, w in enumerate(_EN_CARDINALS, 1)} | {
    w: n for n, w in enumerate(_FR_CARDINALS, 1)
}
_CARDINALS |= {"a": 1, "an": 1, "une": 1, "single": 1}


def _alternation(words: list[str]) -> str:
    """A regex matching any of ``words``, longest first, spaces or hyphens between parts."""
    parts = sorted(words, key=len, reverse=True)
    return "|".join(r"[\s\-]+".join(map(re.escape, w.split("-"))) for w in parts)


#: an ordinal as words or figures: "forty-first", "quarante et unième", "41st", "41e", "1er"
ORDINAL = rf"(?:\d{{1,3}}(?:st|nd|rd|th|er|re|e|ème|eme)\b|(?:{_alternation(list(_ORDINALS))})\b)"
#: a small cardinal as words or figures: "two", "deux", "a", "3"
CARDINAL = rf"(?:\d{{1,3}}|(?:{_alternation(list(_CARDINALS))})\b)"


def ordinal_value(word: str) -> int | None:
    """The number an ordinal stands for, or None."""
    m = re.fullmatch(r"(\d{1,3})(?:st|nd|rd|th|er|re|e|ème|eme)", word.strip().lower())
    if m:
        return int(m.group(1))
    return _ORDINALS.get(_key(word))


def cardinal_value(word: str) -> int | None:
    """The number a small cardinal stands for ("two", "deux", "a", "3"), or None."""
    w = word.strip().lower()
    if w.isdigit():
        return int(w)
    return _CARDINALS.get(_key(w))
