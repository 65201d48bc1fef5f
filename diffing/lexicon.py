"""Words that several steps of resdiff read the same way: months, ordinals, Roman numerals.

* Months in English, French and Spanish (:data:`MONTHS`, :func:`month_number`),
  with the printed spellings of English and French as tuples for patterns.
* Ordinals in English and French, in words and in figures, both ways:
  :func:`ordinal_value` reads "fourth", "forty-first", "one hundred and
  first", "quatrième", "quarante et unième", "4th", "4e"; :func:`ordinal_word`
  writes them out. Sessions ("Eightieth session"), amendments ("In the
  forty-first preambular paragraph") and renewals ("seventy-fifth" ->
  "seventy-seventh") use them. 1 to 999.
* Ordinals and small cardinals inside a sentence: :data:`ORDINAL_PATTERN`
  ("the forty-first preambular paragraph", "le quarante et unième alinéa",
  "the 4th") and :data:`CARDINAL_PATTERN` with :func:`cardinal_value` ("insert
  two new paragraphs", "deux nouveaux paragraphes"), for the patterns that read
  amendments.
* Roman numerals: :func:`to_roman`, :func:`from_roman`, and the patterns of a
  Roman label (:data:`ROMAN_UPPER`, :data:`ROMAN_LOWER`).

>>> ordinal_value("forty-first"), ordinal_value("Quarante et unième"), ordinal_value("4th")
(41, 41, 4)
>>> ordinal_word(81, "fr"), ordinal_word(41), ordinal_word(71, "fr")
('quatre-vingt-unième', 'forty-first', 'soixante et onzième')
>>> to_roman(19), from_roman("XIX"), from_roman("IIII")
('XIX', 19, None)
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = [
    "CARDINAL_PATTERN",
    "MONTHS",
    "MONTHS_EN",
    "MONTHS_FR",
    "ORDINALS_EN",
    "ORDINALS_FR",
    "ORDINAL_PATTERN",
    "ROMAN_LOWER",
    "ROMAN_UPPER",
    "cardinal_value",
    "find_ordinals",
    "from_roman",
    "month_number",
    "ordinal_like",
    "ordinal_value",
    "ordinal_word",
    "to_roman",
]

# --- months ---------------------------------------------------------------------

MONTHS_EN = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
"""English month names as printed, January first."""
MONTHS_FR = (
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
)  # fmt: skip
"""French month names as printed (lower case), janvier first."""
_MONTHS_ES = (
    "enero", "febrero", "marzo", "abril", "mayo", "junio",
    "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre",
)  # fmt: skip
MONTHS: dict[str, int] = {
    **{m.lower(): k for k, m in enumerate(MONTHS_EN, 1)},
    **{m: k for k, m in enumerate(MONTHS_FR, 1)},
    "fevrier": 2, "aout": 8, "decembre": 12, "setiembre": 9,
    **{m: k for k, m in enumerate(_MONTHS_ES, 1)},
}  # fmt: skip
"""Month number by lower-case name: English, French (with or without accents), Spanish."""


def month_number(name: str) -> int | None:
    """The month ``name`` stands for, 1 to 12, in any case.

    >>> month_number("December"), month_number("août"), month_number("Smarch")
    (12, 8, None)
    """
    return MONTHS.get(name.lower())


# --- ordinals -------------------------------------------------------------------

_EN_UNITS = ("", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
_EN_UNITS_TH = (
    "", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
)  # fmt: skip
_EN_TEENS_TH = (
    "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth",
    "sixteenth", "seventeenth", "eighteenth", "nineteenth",
)  # fmt: skip
_EN_TENS = ("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")


def _english(n: int, *, conjunction: bool = True) -> str:
    if n >= 100:
        hundreds, rest = divmod(n, 100)
        head = f"{_EN_UNITS[hundreds]} hundred"
        if not rest:
            return head + "th"
        return f"{head} {'and ' if conjunction else ''}{_english(rest)}"
    tens, unit = divmod(n, 10)
    if tens == 0:
        return _EN_UNITS_TH[unit]
    if tens == 1:
        return _EN_TEENS_TH[unit]
    if unit == 0:
        return _EN_TENS[tens][:-1] + "ieth"
    return f"{_EN_TENS[tens]}-{_EN_UNITS_TH[unit]}"


_FR_SMALL = (
    "", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf",
    "dix", "onze", "douze", "treize", "quatorze", "quinze", "seize",
    "dix-sept", "dix-huit", "dix-neuf",
)  # fmt: skip
_FR_TENS = ("", "", "vingt", "trente", "quarante", "cinquante", "soixante")


def _french_cardinal(n: int) -> str:
    """French cardinal, traditional spelling ("soixante et onze", "quatre-vingts")."""
    if n >= 100:
        hundreds, rest = divmod(n, 100)
        head = "cent" if hundreds == 1 else f"{_FR_SMALL[hundreds]} cent"
        if not rest:
            return head + ("s" if hundreds > 1 else "")
        return f"{head} {_french_cardinal(rest)}"
    if n < 20:
        return _FR_SMALL[n]
    tens, unit = divmod(n, 10)
    if tens in (7, 9):  # soixante-dix..., quatre-vingt-dix...: a teen after the base
        base = "soixante" if tens == 7 else "quatre-vingt"
        joiner = " et " if n == 71 else "-"
        return f"{base}{joiner}{_FR_SMALL[10 + unit]}"
    base = "quatre-vingt" if tens == 8 else _FR_TENS[tens]
    if unit == 0:
        return base + ("s" if tens == 8 else "")
    joiner = " et " if unit == 1 and tens != 8 else "-"
    return f"{base}{joiner}{_FR_SMALL[unit]}"


def _french(n: int, *, feminine: bool = False) -> str:
    if n == 1:
        return "première" if feminine else "premier"
    cardinal = _french_cardinal(n)
    last = re.split(r"[ -]", cardinal)[-1]
    head = cardinal[: len(cardinal) - len(last)]
    if last in ("vingts", "cents"):
        last = last[:-1]
    stem = {"cinq": "cinqu", "neuf": "neuv"}.get(last, last.removesuffix("e"))
    return f"{head}{stem}ième"


def _key(word: str) -> str:
    """Lower case without spaces or hyphens, as tokens are compared: "Forty-first" -> "fortyfirst".

    The key of a word is the same in every spelling: "quarante et unième",
    "quarante-et-unième" (1990 spelling) and the token key "quaranteetunième".
    """
    return re.sub(r"[\s\-‐‑]+", "", word.lower())


def _unaccented(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", word) if unicodedata.category(c) != "Mn")


ORDINALS_EN: dict[str, int] = {}
"""English ordinals in words, 1 to 999, by key (lower case, no space or hyphen: "fortyfirst")."""
ORDINALS_FR: dict[str, int] = {}
"""French ordinals in words, by key ("quaranteetunième"), with or without accents."""
for _n in range(1, 1000):
    ORDINALS_EN[_key(_english(_n))] = _n
    ORDINALS_EN.setdefault(_key(_english(_n, conjunction=False)), _n)
    for _word in (_french(_n), _french(_n, feminine=True)):
        ORDINALS_FR[_key(_word)] = _n
        ORDINALS_FR.setdefault(_unaccented(_key(_word)), _n)
ORDINALS_EN["hundredth"] = 100
ORDINALS_FR["seconde"] = 2  # "la seconde phrase"; "second" is read as English
_FIGURES = re.compile(r"(\d{1,3}) ?(?:st|nd|rd|th|e|er|re|ème|ère|eme|ᵉ|ᵉʳ|ʳᵉ)", re.IGNORECASE)


def ordinal_value(word: str) -> int | None:
    """The number an ordinal stands for, in English or French words or in figures.

    >>> [ordinal_value(w) for w in ("Eightieth", "twenty first", "one hundred and first")]
    [80, 21, 101]
    >>> [ordinal_value(w) for w in ("Soixante-quinzième", "vingt-et-unième", "1er", "2nd")]
    [75, 21, 1, 2]
    >>> ordinal_value("twenty"), ordinal_value("fourths"), ordinal_value("0th")
    (None, None, None)
    """
    key = _key(word)
    value = ORDINALS_EN.get(key) or ORDINALS_FR.get(key)
    if value is not None:
        return value
    m = _FIGURES.fullmatch(word.strip())
    if m and int(m.group(1)) > 0:
        return int(m.group(1))
    return None


def ordinal_word(n: int, language: str = "en", *, feminine: bool = False) -> str:
    """``n`` (1 to 999) as an ordinal in words, English or French (``feminine``: "première").

    >>> ordinal_word(73), ordinal_word(100), ordinal_word(112)
    ('seventy-third', 'one hundredth', 'one hundred and twelfth')
    >>> ordinal_word(80, "fr"), ordinal_word(91, "fr"), ordinal_word(1, "fr", feminine=True)
    ('quatre-vingtième', 'quatre-vingt-onzième', 'première')
    """
    if not 1 <= n <= 999:
        raise ValueError(f"no ordinal word for {n}: 1 to 999 only")
    if language == "fr":
        return _french(n, feminine=feminine)
    if language != "en":
        raise ValueError(f"no ordinal words in language {language!r}: en or fr")
    return _english(n)


def ordinal_like(n: int, like: str) -> str:
    """``n`` as an ordinal written as ``like`` is written: figures with their suffix
    ("81st" -> "83rd", "81e" -> "83e"), or words in like's language with its capital.

    >>> ordinal_like(80, "seventy-ninth"), ordinal_like(81, "Soixante-dix-septième")
    ('eightieth', 'Quatre-vingt-unième')
    >>> ordinal_like(83, "81st"), ordinal_like(83, "81e")
    ('83rd', '83e')
    """
    m = _FIGURES.fullmatch(like.strip())
    if m:
        suffix = like.strip()[len(m.group(1)) :].lstrip()
        if suffix.lower() in ("st", "nd", "rd", "th"):
            suffix = _english_suffix(n)
        return f"{n}{suffix}"
    word = ordinal_word(n, "fr" if _key(like) in ORDINALS_FR else "en")
    return word[0].upper() + word[1:] if like[:1].isupper() else word


def _english_suffix(n: int) -> str:
    if n % 100 in (11, 12, 13):
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")


_ORDINAL_END = re.compile(
    r"(?<![\w/])\d{1,3}(?:st|nd|rd|th|e|ème|er|re)(?!\w)"
    r"|(?<!\w)\w*(?:th|first|second|third|ième|premier|première)(?!\w)",
    re.IGNORECASE,
)
_WORD_BEFORE = re.compile(r"(?:(\w+)(?:\s+|-|\u2011|\u2010))$")


@lru_cache(maxsize=4096)
def find_ordinals(text: str) -> tuple[tuple[int, int, int], ...]:
    """Every ordinal in ``text``: ``(start, end, value)``, the longest reading
    ("one hundred and first", not "first").

    >>> find_ordinals("at its seventy-ninth and 80th sessions, the fourth time")
    ((7, 20, 79), (25, 29, 80), (44, 50, 4))
    """
    found: list[tuple[int, int, int]] = []
    for m in _ORDINAL_END.finditer(text):
        best: tuple[int, int] | None = None
        start = m.start()
        for _ in range(5):
            value = ordinal_value(text[start : m.end()])
            if value is not None:
                best = (start, value)
            window = max(0, start - 40)
            before = _WORD_BEFORE.search(text[window:start])
            if before is None:
                break
            start = window + before.start()
        if best is not None:
            found.append((best[0], m.end(), best[1]))
    return tuple(found)


# --- numbers inside a sentence ------------------------------------------------------

_SEPARATOR = r"[\s\-\u2010\u2011]+"


def _alternation(words: set[str]) -> str:
    """A regex matching any of ``words``, longest first, any spaces or hyphens between parts."""
    parts = sorted(words, key=lambda w: (-len(w), w))
    return "|".join(_SEPARATOR.join(map(re.escape, re.split(r"[ -]", w))) for w in parts)


def _ordinal_words(limit: int) -> set[str]:
    words = {"hundredth", "seconde"}
    for n in range(1, limit + 1):
        words.update((_english(n), _english(n, conjunction=False)))
        for word in (_french(n), _french(n, feminine=True)):
            words.update((word, _unaccented(word)))
    return words


ORDINAL_PATTERN = (
    r"(?:\d{1,3}(?:st|nd|rd|th|ère|ème|eme|er|re|e)\b"
    rf"|(?:{_alternation(_ordinal_words(199))})\b)"
)
"""A regex (lower case: compile it with ``re.IGNORECASE``) for an ordinal in words,
English or French, 1 to 199 ("forty-first", "quarante et unième",
"quarante-et-unième"), or in figures ("41st", "41e", "1er"); read the match
with :func:`ordinal_value`.

>>> re.findall(ORDINAL_PATTERN, "the sixteenth and seventeenth, le soixante et onzième, the 4th")
['sixteenth', 'seventeenth', 'soixante et onzième', '4th']
"""

_CARDINALS: dict[str, int] = {
    **{_key(w): n for n, w in enumerate(_EN_UNITS[1:], 1)},
    "ten": 10, "eleven": 11, "twelve": 12,
    **{_key(w): n for n, w in enumerate(_FR_SMALL[1:13], 1)},
    "a": 1, "an": 1, "une": 1, "single": 1,
}  # fmt: skip

CARDINAL_PATTERN = rf"(?:\d{{1,3}}|(?:{_alternation(set(_CARDINALS))})\b)"
"""A regex (lower case) for a small cardinal, 1 to 12, in English or French words
("two", "deux", "a", "une") or in figures; read the match with :func:`cardinal_value`."""


def cardinal_value(word: str) -> int | None:
    """The number a small cardinal stands for, in words (1 to 12) or figures.

    >>> cardinal_value("two"), cardinal_value("Deux"), cardinal_value("a"), cardinal_value("3")
    (2, 2, 1, 3)
    >>> cardinal_value("dozen") is None
    True
    """
    w = word.strip()
    if w.isdigit():
        return int(w)
    return _CARDINALS.get(_key(w))


# --- Roman numerals ----------------------------------------------------------------

ROMAN_UPPER = re.compile(r"(?=[IVXLC])(?:C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})")
"""A Roman numeral from I to CCCXCIX in capitals (use with ``fullmatch``)."""
ROMAN_LOWER = re.compile(r"(?=[ivxlc])(?:c{0,3})(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3})")
"""A Roman numeral from i to cccxcix in lower case (use with ``fullmatch``)."""

_ROMAN_VALUES = (
    (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
    (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
)  # fmt: skip


def to_roman(n: int) -> str:
    """``n`` (1 to 3999) in Roman numerals, in capitals.

    >>> to_roman(4), to_roman(14), to_roman(1999)
    ('IV', 'XIV', 'MCMXCIX')
    """
    if not 0 < n < 4000:
        raise ValueError(f"no Roman numeral for {n}: 1 to 3999 only")
    out = []
    for value, letters in _ROMAN_VALUES:
        while n >= value:
            out.append(letters)
            n -= value
    return "".join(out)


def from_roman(s: str) -> int | None:
    """The value of a Roman numeral written in capitals the canonical way, else None.

    >>> from_roman("XIV"), from_roman("MCMXCIX"), from_roman("IC"), from_roman("A")
    (14, 1999, None, None)
    """
    total = 0
    i = 0
    for value, letters in _ROMAN_VALUES:
        while s.startswith(letters, i):
            total += value
            i += len(letters)
    if i != len(s) or not 0 < total < 4000:
        return None
    return total if to_roman(total) == s else None
