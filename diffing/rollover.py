"""Routine updates of a renewed resolution ("rollover").

When the General Assembly renews a resolution, three kinds of edit are
routine and carry no negotiated meaning:

* session ordinals: "at its seventy-fifth session" -> "seventy-seventh session"
  (French "soixante-quinzième" -> "soixante-dix-septième", or "75th" -> "77th");
* the list of recalled resolutions extended with the previous resolution of the
  series, which is the OLD version itself: "its resolution 71/19 of
  21 November 2016," -> "its resolutions 71/19 of 21 November 2016 and 73/11 of
  26 November 2018" when comparing 73/11 with its successor;
* the dates that go with them.

:func:`is_rollover` says whether every difference in a list of word ops is of
these kinds. Inside a changed stretch, the tokens that are session ordinals,
dates (a day or a year only next to a month name or the series' number:
"by 2030" -> "by 2035" is substance), the series' own resolution number,
"resolution(s)", "of", "and", commas (and their French twins) are set aside;
what remains must be the same on both sides. Any other resolution number that
appears ("and 75/282 of 26 May 2021") is substance, not rollover; so is a
change of case ("parties" -> "Parties"). A change made only of the filler
words (a comma added) is not rollover either: at least one edit must touch an
ordinal, a date or the series number. Without the old version's symbol or
session no resolution number counts as rollover.

>>> from diffing.model import Op
>>> is_rollover([Op("equal", "at its ", "at its "),
...              Op("replace", "seventy-fifth ", "seventy-seventh "),
...              Op("equal", "session", "session")], series_numbers={"73/11"})
True
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from diffing.lexicon import MONTHS_EN, MONTHS_FR, ORDINALS_EN, ORDINALS_FR
from diffing.model import Op
from diffing.tokens import split_tokens

__all__ = ["is_rollover", "series_numbers"]

_FIGURE = re.compile(r"\d+(?:st|nd|rd|th|e|er|ème|re)", re.IGNORECASE)
_MONTHS = frozenset(m.lower() for m in MONTHS_EN + MONTHS_FR)


def _is_ordinal(key: str) -> bool:
    """A session ordinal: "seventy-fifth", "tenth", "75th", "soixante-quinzième", "premier".

    "first" to "ninth" alone are common English words, not taken for ordinals.

    >>> [_is_ordinal(w) for w in ("Seventy-fifth", "77th", "quatre-vingtième", "fifth", "fifty")]
    [True, True, True, False, False]
    """
    low = key.lower()
    if low.endswith("ième") and len(low) > 4:
        return True
    value = ORDINALS_EN.get(low.replace("-", ""))
    if value is not None:
        return value >= 10
    return low.replace("-", "") in ORDINALS_FR or _FIGURE.fullmatch(low) is not None


_FILLER = frozenset(
    [
        "of",
        "and",
        ",",
        "resolution",
        "resolutions",
        "its",
        "session",
        "sessions",
        "de",
        "du",
        "des",
        "et",
        "sa",
        "ses",
        "résolution",
        "résolutions",
        "the",
        "la",
        "le",
        "les",
        "en",
    ]
)
_HINT = re.compile(
    r"\d|(?:ieth|th|st|nd|rd|ième|ier|ière)\b|" + "|".join(sorted(_MONTHS)),
    re.IGNORECASE,
)
_DAY_OR_YEAR = re.compile(r"^(?:[0-3]?\d|1er|(?:19|20)\d\d)$")
_RES_NUMBER = re.compile(r"^(?:A/RES/)?(\d+)/(\d+)$")


def series_numbers(symbol: str | None) -> set[str]:
    """Resolution numbers whose insertion into a recalled list is rollover.

    >>> sorted(series_numbers("A/RES/73/11"))
    ['73/11']
    """
    if symbol:
        m = re.search(r"(\d+)/(\d+)\s*$", symbol)
        if m and "/L." not in symbol:
            return {f"{int(m.group(1))}/{int(m.group(2))}"}
    return set()


def _number(key: str) -> str | None:
    m = _RES_NUMBER.match(key)
    return f"{int(m.group(1))}/{int(m.group(2))}" if m else None


def _substance(text: str, numbers: set[str]) -> tuple[Counter[str], bool]:
    """The words of *text* that are not rollover, and whether any rollover item
    (an ordinal, a month, a series resolution number) was set aside."""
    keys = [k for k in split_tokens(text)[1] if k]
    # days and years are dates only next to a month or a series resolution number
    dated = any(k.lower() in _MONTHS or _number(k) in numbers for k in keys)
    kept: Counter[str] = Counter()
    marker = False
    for k in keys:
        low = k.lower()
        if low in _MONTHS or _is_ordinal(k) or _number(k) in numbers:
            marker = True
        elif low in _FILLER or (dated and _DAY_OR_YEAR.match(k)):
            pass
        else:
            kept[k] += 1  # case kept: "parties" -> "Parties" is an edit
    return kept, marker


def is_rollover(ops: Sequence[Op], *, series_numbers: set[str]) -> bool:
    """True when *ops* differ, only by rollover, and at least one edit touches
    an ordinal, a date or the series' resolution number (a lone comma is not
    rollover)."""
    ops = [op for op in ops if op.op != "equal"]
    if not any(_HINT.search(op.old) or _HINT.search(op.new) for op in ops):
        return False  # quick exit: no edit touches a number, an ordinal or a month
    marker = False
    for op in ops:
        old, m_old = _substance(op.old, series_numbers)
        new, m_new = _substance(op.new, series_numbers)
        if old != new:
            return False
        marker = marker or m_old or m_new
    return marker
