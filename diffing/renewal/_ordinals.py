"""Ordinal numbers in words, English and French, both ways (1 to 199).

Private to :mod:`diffing.renewal`, and meant to give way to the shared
``diffing.lexicon`` once it exists: only :func:`find_ordinals`,
:func:`ordinal_value` and :func:`ordinal_words` are used from outside.

Forms read: words ("eighty-first", "Eightieth", "quatre-vingt-unième",
"soixante et onzième", "vingt-et-unième"), figures with a suffix ("81st",
"81e", "81ème"). Forms written follow a model: the same language, figures if
the model was in figures, the model's capitalisation.

>>> ordinal_value("seventy-ninth"), ordinal_value("quatre-vingt-unième"), ordinal_value("81st")
(79, 81, 81)
>>> ordinal_words(80, like="seventy-ninth"), ordinal_words(81, like="Soixante-dix-septième")
('eightieth', 'Quatre-vingt-unième')
>>> ordinal_words(83, like="81st"), ordinal_words(71, language="fr")
('83rd', 'soixante et onzième')
"""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["find_ordinals", "ordinal_value", "ordinal_words"]

_EN_UNITS = ["", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
_EN_UNIT_ORD = [
    "",
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
]
_EN_TEENS_ORD = [
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
_EN_TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]

_FR_CARD = [
    "zéro",
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
    "treize",
    "quatorze",
    "quinze",
    "seize",
    "dix-sept",
    "dix-huit",
    "dix-neuf",
]
_FR_TENS = ["", "", "vingt", "trente", "quarante", "cinquante", "soixante"]


def _en(n: int) -> str:
    if n >= 100:
        rest = n - 100
        return "one hundredth" if rest == 0 else f"one hundred and {_en(rest)}"
    if n < 10:
        return _EN_UNIT_ORD[n]
    if n < 20:
        return _EN_TEENS_ORD[n - 10]
    tens, unit = divmod(n, 10)
    if unit == 0:
        return _EN_TENS[tens][:-1] + "ieth"
    return f"{_EN_TENS[tens]}-{_EN_UNIT_ORD[unit]}"


def _fr_cardinal(n: int) -> str:
    """French cardinal 0-99 as the United Nations writes it (1990 spelling not used)."""
    if n < 20:
        return _FR_CARD[n]
    if n < 70:
        tens, unit = divmod(n, 10)
        if unit == 0:
            return _FR_TENS[tens]
        return f"{_FR_TENS[tens]} et un" if unit == 1 else f"{_FR_TENS[tens]}-{_FR_CARD[unit]}"
    if n < 80:
        return "soixante et onze" if n == 71 else f"soixante-{_FR_CARD[n - 60]}"
    if n == 80:
        return "quatre-vingts"
    return f"quatre-vingt-{_FR_CARD[n - 80]}"


def _fr(n: int) -> str:
    if n == 1:
        return "premier"
    if n >= 100:
        return "centième" if n == 100 else f"cent {_fr(n - 100) if n > 101 else 'unième'}"
    card = _fr_cardinal(n)
    if card.endswith("quatre-vingts"):
        card = card[:-1]
    if card.endswith("cinq"):
        return card + "uième"
    if card.endswith("neuf"):
        return card[:-1] + "vième"
    if card.endswith("un"):
        return card + "ième"
    return card.rstrip("e") + "ième"


_SEPARATORS = re.compile(r"[\s\-\u2010\u2011]+")


def _key(word: str) -> str:
    return _SEPARATORS.sub("-", word.strip().lower())


# The two tables below are constants of the languages, made once per process at the
# first look-up (not memo caches: nothing in them depends on a document).
_TABLE: dict[str, int] = {}
_FR_KEYS: set[str] = set()


def _table() -> dict[str, int]:
    """Every ordinal in words, English and French (1 to 199), by :func:`_key`."""
    if not _TABLE:
        _TABLE.update(_make_table())
    return _TABLE


def _make_table() -> dict[str, int]:
    table: dict[str, int] = {}
    for n in range(1, 200):
        table[_key(_en(n))] = n
        fr = _fr(n)
        table[_key(fr)] = n
        table[_key(fr.replace(" et ", "-et-"))] = n  # 1990 spelling
    table["première"] = 1
    table["one-hundred-first"] = 101
    return table


_NUMERIC = re.compile(r"(\d{1,3})\s?(?:st|nd|rd|th|e|ème|eme|er|re)", re.IGNORECASE)

_END = re.compile(
    r"(?<![\w/])\d{1,3}(?:st|nd|rd|th|e|ème|er|re)(?!\w)"
    r"|(?<!\w)\w*(?:th|first|second|third|ième|premier|première)(?!\w)",
    re.IGNORECASE,
)
_BEFORE = re.compile(r"(?:(\w+)(?:\s+|-|\u2011|\u2010))$")


@lru_cache(maxsize=4096)
def find_ordinals(text: str) -> tuple[tuple[int, int, int], ...]:
    """Every ordinal in *text*: ``(start, end, value)``, the longest reading
    ("one hundred and first", not "first").

    >>> find_ordinals("at its seventy-ninth and 80th sessions, the fourth time")
    ((7, 20, 79), (25, 29, 80), (44, 50, 4))
    """
    found: list[tuple[int, int, int]] = []
    words = _words()
    for m in _END.finditer(text):
        best: tuple[int, int] | None = None
        start = m.start()
        for _ in range(5):
            value = ordinal_value(text[start : m.end()])
            if value is not None:
                best = (start, value)
            window = max(0, start - 40)
            before = _BEFORE.search(text[window:start])
            if before is None:
                break
            word = before.group(1)
            if word.lower() not in words and not (len(word) <= 3 and word.isdecimal()):
                break  # no ordinal reads through a word that is not a number's ("with")
            start = window + before.start()
        if best is not None:
            found.append((best[0], m.end(), best[1]))
    return tuple(found)


def ordinal_value(word: str) -> int | None:
    """The number an ordinal stands for, or None.

    >>> ordinal_value("Soixante-dix-septième"), ordinal_value("vingt et unième")
    (77, 21)
    >>> ordinal_value("one hundred and first"), ordinal_value("session")
    (101, None)
    """
    m = _NUMERIC.fullmatch(word.strip())
    if m:
        return int(m.group(1))
    return _table().get(_key(word))


def ordinal_words(n: int, *, like: str | None = None, language: str = "en") -> str:
    """*n* as an ordinal, written as *like* is written (its language, figures or
    words, capital initial); without a model, in words in *language*."""
    if like is not None:
        m = _NUMERIC.fullmatch(like.strip())
        if m:
            suffix = like.strip()[len(m.group(1)) :].lstrip()
            if suffix.lower() in ("st", "nd", "rd", "th"):
                suffix = _en_suffix(n)
            return f"{n}{suffix}"
        language = "fr" if _key(like) in _fr_keys() else "en"
    word = _fr(n) if language == "fr" else _en(n)
    if like is not None and like[:1].isupper():
        word = word[0].upper() + word[1:]
    return word


def _en_suffix(n: int) -> str:
    if n % 100 in (11, 12, 13):
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")


_WORDS: set[str] = set()


def _words() -> set[str]:
    """The words of the ordinals of :func:`_table` ("seventy", "hundred", "and", "quatre")."""
    if not _WORDS:
        _WORDS.update(w for key in _table() for w in key.split("-"))
    return _WORDS


def _fr_keys() -> set[str]:
    """The keys of the French ordinals of :func:`_table`."""
    if not _FR_KEYS:
        keys = {_key(_fr(n)) for n in range(1, 200)}
        keys |= {_key(_fr(n).replace(" et ", "-et-")) for n in range(1, 200)}
        _FR_KEYS.update(keys | {"première"})
    return _FR_KEYS
