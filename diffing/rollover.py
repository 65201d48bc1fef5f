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
change of case ("parties" -> "Parties", "twelfth" -> "Twelfth"). A change
made only of the filler words (a comma added) is not rollover either: at least
one edit must move an ordinal, a date or the series number on, and filler
words edited elsewhere than in the list of citations around it ("open to
maintain" -> "open and to maintain") are substance. A date added to or taken
from a citation ("decision 15/6" -> "decision 15/6 of 19 December 2022"), or a
new date in a list of events, moves nothing on: substance, unless the series'
number comes with it. Without the old version's symbol or session no
resolution number counts as rollover.

When the sessions of both versions are known, a session of the General
Assembly (:func:`diffing.renewal.sessions.whose_session` tells whose session
it is) must move on by as many sessions as the versions do: a report due "at
its seventy-ninth session" in session 78 and "at its eighty-first session" in
session 79 has moved to a two-year cycle, which is negotiated, not routine.

>>> from diffing.model import Op
>>> ops = [Op("equal", "Requests a report at its ", "Requests a report at its "),
...        Op("replace", "seventy-ninth ", "eighty-first "),
...        Op("equal", "session;", "session;")]
>>> is_rollover(ops, series_numbers={"78/1"}), is_rollover(ops, series_numbers={"78/1"}, sessions=(78, 79))
(True, False)
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from diffing.lexicon import MONTHS_EN, MONTHS_FR, ORDINALS_EN, ORDINALS_FR, find_ordinals
from diffing.model import Op
from diffing.renewal.sessions import GENERAL_ASSEMBLY, find_sessions, whose_session
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
    core = low.replace("-", "")
    if core[-2:] not in _ENDINGS and not low[:1].isdigit():
        return False  # most words: no ordinal ends so, no figure starts so
    if low.endswith("ième") and len(low) > 4:
        return True
    value = ORDINALS_EN.get(core)
    if value is not None:
        return value >= 10
    return core in ORDINALS_FR or _FIGURE.fullmatch(low) is not None


# How every ordinal in words ends ("fifth", "first", "second", "third", "quinzième",
# "première", "premier").
_ENDINGS = frozenset(k[-2:] for k in (*ORDINALS_EN, *ORDINALS_FR))


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
_SYMBOL_NUMBER = re.compile(r"(\d+)/(\d+)\s*$")
_RES_NUMBER = re.compile(r"^(?:A/RES/)?(\d+)/(\d+)$")
#: the words of a list of citations ("its decisions 76/568 of 21 June 2022 and
#: 77/547 of 30 December 2022"), besides the filler words, months and ordinals
_CITATION = re.compile(
    r"^(?:\d+/\d+|[A-Z]|[0-3]?\d|1er|(?:19|20)\d\d|decisions?|décisions?)$", re.IGNORECASE
)


def series_numbers(symbol: str | None) -> set[str]:
    """Resolution numbers whose insertion into a recalled list is rollover.

    >>> sorted(series_numbers("A/RES/73/11"))
    ['73/11']
    """
    if symbol:
        m = _SYMBOL_NUMBER.search(symbol)
        if m and "/L." not in symbol:
            return {f"{int(m.group(1))}/{int(m.group(2))}"}
    return set()


def _number(key: str) -> str | None:
    m = _RES_NUMBER.match(key) if "/" in key else None
    return f"{int(m.group(1))}/{int(m.group(2))}" if m else None


@dataclass(frozen=True)
class _Side:
    """One side of an edit as the rollover reads it."""

    kept: Counter[str]  # the words that are not rollover (case kept)
    markers: tuple[str, ...]  # ordinals, month names, series numbers
    months: int
    series: bool  # a series resolution number is among the markers


def _side(text: str, numbers: set[str]) -> _Side:
    """The words of *text* that are not rollover, and the rollover items
    (an ordinal, a month, a series resolution number) set aside."""
    keys = [k for k in split_tokens(text)[1] if k]
    # days and years are dates only next to a month or a series resolution number
    dated = any(k.lower() in _MONTHS or _number(k) in numbers for k in keys)
    kept: Counter[str] = Counter()
    markers: list[str] = []
    months = 0
    series = False
    for k in keys:
        low = k.lower()
        if low in _MONTHS or _is_ordinal(k) or _number(k) in numbers:
            markers.append(k)
            months += low in _MONTHS
            series = series or _number(k) in numbers
        elif low in _FILLER or (dated and _DAY_OR_YEAR.match(k)):
            pass
        else:
            kept[k] += 1  # case kept: "parties" -> "Parties" is an edit
    return _Side(kept, tuple(markers), months, series)


@dataclass(frozen=True)
class _Edit:
    """A non-equal op, where its old side stands in the old text."""

    op: Op
    start: int
    end: int
    old: _Side
    new: _Side

    @property
    def moves(self) -> bool:
        """Whether it moves a rollover item on (not the same items again)."""
        return self.old.markers != self.new.markers

    def joins(self, other: _Edit, old_text: str) -> bool:
        """Whether only a list of citations stands between the two edits."""
        between = old_text[min(self.end, other.end) : max(self.start, other.start)]
        return all(
            k.lower() in _FILLER or k.lower() in _MONTHS or _is_ordinal(k) or _CITATION.match(k)
            for k in split_tokens(between)[1]
            if k
        )


def _edits(ops: Sequence[Op], numbers: set[str]) -> Iterator[_Edit]:
    """The non-equal ops as :class:`_Edit`, one at a time (the first that is substance
    ends the reading: the others need not be read)."""
    pos = 0
    for op in ops:
        if op.op != "equal":
            old, new = _side(op.old, numbers), _side(op.new, numbers)
            yield _Edit(op, pos, pos + len(op.old), old, new)
        pos += len(op.old)


def _case_only(e: _Edit) -> bool:
    """ "twelfth" -> "Twelfth": the same items in another case."""
    old, new = e.old.markers, e.new.markers
    return old != new and [m.casefold() for m in old] == [m.casefold() for m in new]


def _sessions_move_by(old_text: str, edits: Sequence[_Edit], delta: int, language: str) -> bool:
    """Whether every session of the General Assembly that an edit changes moves
    on by *delta*, the sessions between the two versions (a report moved from
    "seventy-ninth" to "eighty-first" session when the text moved on by one is
    a new reporting cycle, not a rollover)."""
    changed = [e for e in edits if e.moves and e.op.old and e.op.new]
    if not changed or "session" not in old_text:
        return True  # (only a mention whose noun is "session" can say otherwise)
    for mention in find_sessions(old_text, language):
        if mention.noun != "session":
            continue
        for start, end, value in mention.ordinals:
            e = next((e for e in changed if e.start <= start and end <= e.end), None)
            if e is None:
                continue
            olds = find_ordinals(e.op.old)
            news = find_ordinals(e.op.new)
            if len(olds) != len(news):
                continue
            k = next((i for i, o in enumerate(olds) if e.start + o[0] == start), None)
            if k is None or news[k][2] - value == delta:
                continue
            if whose_session(old_text, mention, language) == GENERAL_ASSEMBLY:
                return False
    return True


def is_rollover(
    ops: Sequence[Op],
    *,
    series_numbers: set[str],
    sessions: tuple[int | None, int | None] = (None, None),
    language: str | None = None,
) -> bool:
    """True when *ops* differ, only by rollover, and at least one edit moves
    an ordinal, a date or the series' resolution number on.

    Not rollover: a change of case ("twelfth" -> "Twelfth"); a date added to
    or taken from a citation ("decision 15/6" -> "decision 15/6 of 19
    December 2022"), unless the series' number comes with it; filler words
    (a comma, "and") edited away from any rollover item ("open to maintain"
    -> "open and to maintain"); and, when *sessions* gives the sessions of the
    two versions, a session of the General Assembly that moves by another
    number of sessions than the versions do (a report due "at its
    seventy-ninth session" moved to the "eighty-first" a year later: a new
    reporting cycle).
    """
    if not any(_HINT.search(op.old) or _HINT.search(op.new) for op in ops if op.op != "equal"):
        return False  # quick exit: no edit touches a number, an ordinal or a month
    edits: list[_Edit] = []
    for e in _edits(ops, series_numbers):
        if e.old.kept != e.new.kept or _case_only(e):
            return False
        edits.append(e)
    moving = [e for e in edits if e.moves]
    if not moving:
        return False
    months = sum(e.new.months - e.old.months for e in edits)
    if months and not any(e.old.series or e.new.series for e in edits):
        return False  # a date added or removed, not moved on
    old_text = "".join(o.old for o in ops)
    if any(not any(e.joins(m, old_text) for m in moving) for e in edits if not e.moves):
        return False  # filler words edited elsewhere: "open to" -> "open and to"
    old_session, new_session = sessions
    if old_session is None or new_session is None:
        return True
    return _sessions_move_by(old_text, edits, new_session - old_session, language or "en")
