"""Years a renewal moves on: where the text ties a year to a session or to a
reporting period.

* A session named by its year ("the Conference on Disarmament, during its
  2023 session", "sa session de 2023"): the session of the year the base was
  adopted (the latest) moves on by the years between base and draft; a later
  one is only proposed (a body may meet then for the first time); an earlier
  one is history.
* A reporting period ("for the period from 1 January to 31 December 2022",
  "for the year ended 31 December 2022", "from 1 July 2024 to 30 June 2025",
  and their French forms) within two years of the base's adoption moves on.
* A biennium ("biennium 2024–2025") moves on when the draft comes an even
  number of years later; otherwise the next biennium is only proposed.

A year anywhere else ("by 2030", "in 2024") is not tied to the session: it
stays.

>>> from diffing.renewal.context import Renewal
>>> ctx = Renewal(78, 79, "en", "78/62", "2023-12-04")
>>> t = "the annual report of the Conference on its 2023 session"
>>> [(t[e.start:e.end], e.new, e.reason) for e in year_edits(t, ctx)]
[('2023', '2024', 'year 2023 -> 2024')]
"""

from __future__ import annotations

import re

from diffing.renewal.context import Renewal
from diffing.renewal.edits import Edit

__all__ = ["year_edits"]

_Y = r"((?:19|20)\d\d)"
_SESSION = {
    "en": re.compile(rf"\b(?:its|the|their)\s+{_Y}\s+(?:substantive\s+)?session\b"),
    "fr": re.compile(rf"\bsession\s+(?:de\s+fond\s+)?de\s+{_Y}\b"),
}
_PERIOD = {
    "en": re.compile(
        rf"\bfrom\s+1\s+January\s+to\s+31\s+December\s+{_Y}"
        rf"|\byear\s+ended\s+31\s+December\s+{_Y}"
        rf"|\bfrom\s+1\s+July\s+{_Y}\s+to\s+30\s+June\s+{_Y}"
    ),
    "fr": re.compile(
        rf"\bdu\s+1er\s+janvier\s+au\s+31\s+décembre\s+{_Y}"
        rf"|\bexercice\s+clos\s+le\s+31\s+décembre\s+{_Y}"
        rf"|\bdu\s+1er\s+juillet\s+{_Y}\s+au\s+30\s+juin\s+{_Y}"
    ),
}
_BIENNIUM = {
    "en": re.compile(rf"\bbiennium\s+{_Y}\s*([–—-])\s*{_Y}"),
    "fr": re.compile(rf"\bexercice\s+biennal\s+{_Y}\s*([–—-])\s*{_Y}"),
}
_WINDOW = 2


def year_edits(text: str, ctx: Renewal) -> list[Edit]:
    """The edits of the years of one paragraph that are tied to a session or a period."""
    year = ctx.adopted_year
    if year is None or ctx.delta <= 0:
        return []
    lang = "fr" if ctx.french else "en"
    d = ctx.delta
    edits: list[Edit] = []
    for m in _SESSION[lang].finditer(text):
        held = int(m.group(1))
        if held in (year, year + 1):
            edits += _move(m, [1], d, "year", sure=held == year)
    for m in _PERIOD[lang].finditer(text):
        groups = [g for g in range(1, (m.lastindex or 0) + 1) if m.group(g)]
        if all(abs(int(m.group(g)) - year) <= _WINDOW for g in groups):
            edits += _move(m, groups, d, "period")
    for m in _BIENNIUM[lang].finditer(text):
        step = d if d % 2 == 0 else d + 1
        edits += _move(m, [1, 3], step, "biennium", sure=d % 2 == 0)
    return edits


def _move(
    m: re.Match[str], groups: list[int], by: int, what: str, *, sure: bool = True
) -> list[Edit]:
    """Move the years of *groups* on by *by*, with one reason ("period 2022-2023 -> 2023-2024")."""
    old = [int(m.group(g)) for g in groups]
    reason = f"{what} {'-'.join(map(str, old))} -> {'-'.join(str(y + by) for y in old)}"
    return [
        Edit(m.start(g), m.end(g), str(y + by), reason, sure)
        for g, y in zip(groups, old, strict=True)
    ]
