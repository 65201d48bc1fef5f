"""What every renewal edit needs to know: the base, the draft's session, the period.

:class:`Renewal` is built once by :func:`diffing.renewal.next_draft` and read
by the edit modules. ``delta`` is how many sessions the draft moves on
(``session - base_session``); ``period`` is how many sessions lie between
two versions of the series as the base shows it (its predecessor, or the
session its closing paragraph names), which is also ``delta`` by default.

>>> r = Renewal(base_session=77, session=79, language="en", number="77/20",
...             adopted="2022-11-21")
>>> r.delta, r.adopted_words
(2, '21 November 2022')
>>> format_date("2020-12-01", "fr")
'1er décembre 2020'
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from diffing.lexicon import MONTHS_EN, MONTHS_FR

__all__ = ["MONTHS", "Renewal", "format_date", "resolution_number"]

MONTHS: dict[str, tuple[str, ...]] = {"en": MONTHS_EN, "fr": MONTHS_FR}
"""Month names by language, January first."""

_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_NUMBER = re.compile(r"(?:^|/)(\d{1,3})/(\d{1,4})(?:\s+([A-Z]))?\s*$")


def format_date(iso: str, language: str) -> str:
    """An ISO date as a resolution prints it ("4 December 2023", "1er décembre 2020")."""
    m = _ISO.fullmatch(iso)
    if not m:
        raise ValueError(f"not an ISO date: {iso!r}")
    year, month, day = int(m.group(1)), int(m.group(2)), int(m.group(3))
    months = MONTHS["fr" if language == "fr" else "en"]
    day_words = "1er" if language == "fr" and day == 1 else str(day)
    return f"{day_words} {months[month - 1]} {year}"


def resolution_number(symbol: str | None) -> str | None:
    """The number a resolution is cited by: "A/RES/78/54" -> "78/54" (None for a draft).

    >>> resolution_number("A/RES/55/180 B"), resolution_number("A/78/L.5")
    ('55/180 B', None)
    """
    if not symbol or "/L." in symbol:
        return None
    m = _NUMBER.search(symbol.strip())
    if not m:
        return None
    number = f"{int(m.group(1))}/{int(m.group(2))}"
    return f"{number} {m.group(3)}" if m.group(3) else number


@dataclass(frozen=True)
class Renewal:
    """The facts of one renewal: from the base (its session, language, number
    and adoption date) to the draft's session."""

    base_session: int
    session: int
    language: str
    number: str | None = None
    adopted: str | None = None
    period: int | None = None

    @property
    def delta(self) -> int:
        return self.session - self.base_session

    @property
    def french(self) -> bool:
        return self.language == "fr"

    @property
    def adopted_words(self) -> str | None:
        return format_date(self.adopted, self.language) if self.adopted else None

    @property
    def adopted_year(self) -> int | None:
        return int(self.adopted[:4]) if self.adopted else None

    def session_reason(
        self, old: int, new: int, body: str | None = None, noun: str = "session"
    ) -> str:
        """The short reason of a session edit: "session 79 -> 81", "Human Rights
        Council session 54 -> 57"."""
        return f"{body + ' ' if body else ''}{noun} {old} -> {new}"
