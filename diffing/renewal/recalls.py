"""The base joins the resolutions its draft recalls.

A renewed resolution cites its own history: "Recalling its resolutions
71/19 of 21 November 2016, 73/11 of 26 November 2018 and 75/10 of
23 November 2020". The draft that follows the base cites the base too, in the
way the base cites the others:

* a list of resolutions in session order that holds the base's predecessor
  (and after it only resolutions of the sessions since) grows by one, in the
  list's own style: symbol alone or with its adoption date, "and" moved to
  the new last item (", and" kept for a list with a serial comma), a list of
  commas that runs into "and all other resolutions" gains ", 78/164 of
  19 December 2023";
* one citation of the predecessor alone is replaced by the base where the
  text names it as the latest of a series ("the latest of which was
  resolution 77/313", "including resolution 77/123", "pursuant to resolution
  77/47");
* a plain recall of the predecessor alone ("Recalling its resolution 77/80
  of 7 December 2022,") is either extended or replaced, as the drafters
  choose: both are proposed and neither is made, unless the previous version
  shows which way the series goes.

The predecessor is the last before the base's session in the first list of
recent resolutions, else one a paragraph names as the latest, else one a
paragraph recalls alone; or the previous version, when it is given.

>>> from diffing.renewal.context import Renewal
>>> ctx = Renewal(78, 79, "en", "78/34", "2023-12-04")
>>> text = "Recalling its resolutions 76/30 of 6 December 2021 and 77/53 of 7 December 2022,"
>>> [(text[e.start:e.end], e.new) for e in list_edits(text, ctx, ("77/53", 77))]
[(' and ', ', '), ('', ' and 78/34 of 4 December 2023')]
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from diffing.renewal.context import MONTHS, Renewal
from diffing.renewal.edits import Edit

__all__ = [
    "Cited",
    "CitedList",
    "cited_dates",
    "find_lists",
    "history_edits",
    "list_edits",
    "predecessor",
    "single_edits",
]


def _item(language: str) -> str:
    months = "|".join(MONTHS[language])
    of, day = (r"du", r"(?:1er|\d{1,2})") if language == "fr" else (r"of", r"\d{1,2}")
    both = r"et" if language == "fr" else r"and"
    return (
        r"(?<![\w/.\-])(?:(\d{1,3})/(\d{1,4})"
        rf"(?:\s([A-Z]{{1,2}}(?:\s+{both}\s+[A-Z]{{1,2}})?)(?![\w/]))?"
        r"|(\d{3,4})\s\(([XVIL]+)\))"
        rf"(\s+{of}\s+{day}\s+(?:{months})\s+\d{{4}})?"
    )


_ITEM = {lang: re.compile(_item(lang)) for lang in ("en", "fr")}
_JOIN = {"en": re.compile(r",\s+and\s+|,\s*|\s+and\s+"), "fr": re.compile(r",\s*|\s+et\s+")}
# The nearest of these before a run of citations says what is cited.
_KIND = {
    "en": re.compile(r"\b(?:(Council|Conference)\s+)?([Rr]esolution|[Dd]ecision)(s?)\b"),
    "fr": re.compile(r"\b([Rr]ésolution|[Dd]écision)(s?)\b(?:\s+du\s+(Conseil))?"),
}
_AND = {"en": re.compile(r"\s+and\s+$"), "fr": re.compile(r"\s+et\s+$")}
_THEN_AND = {"en": re.compile(r"\s+and\s"), "fr": re.compile(r"\s+et\s")}
_THEN_WHICH = {
    "en": re.compile(r",?\s+(?:in\s+which|whereby|by\s+which)\b"),
    "fr": re.compile(r",?\s+(?:dans|par)\s+(?:laquelle|lesquelles)\b"),
}
# Before "resolution": the text names the latest of a series (replace it by the base).
_LATEST = {
    "en": re.compile(
        r"(?:the\s+(?:latest|most\s+recent|last)\s+of\s+which\s+(?:was|is|being)"
        r"|pursuant\s+to|implementation\s+of|including|in\s+particular)"
        r"(?:\s+(?:its|General\s+Assembly|Assembly))?\s+$",
        re.IGNORECASE,
    ),
    "fr": re.compile(
        r"(?:la\s+(?:dernière|plus\s+récente)(?:\s+en\s+date)?\s+(?:étant|est|était)"
        r"|(?:en\s+application|application|notamment|en\s+particulier)(?:\s+de)?"
        r"|comme\s+suite\s+à)(?:\s+(?:sa|la))?\s+$",
        re.IGNORECASE,
    ),
}
_RECALL_LEAD = {
    "en": re.compile(r"(?:Recalling|Reaffirming|Recalls|Reaffirms|Bearing in mind)\b"),
    "fr": re.compile(r"(?:Rappelant|Réaffirmant|Rappelle|Réaffirme|Ayant à l['’]esprit)\b"),
}
_ITS = {"en": re.compile(r"\bits\s+$"), "fr": re.compile(r"\b(?:sa|la)\s+$")}
_FR_PLURAL = {"sa": "ses", "la": "les", "leur": "leurs", "cette": "ces"}
_MAX_GAP = 3
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50}


@dataclass(frozen=True)
class Cited:
    """One resolution cited: ``start:end`` covers the symbol and its date, if any."""

    start: int
    end: int
    session: int
    key: str  # "77/20", "77/253 A", "3263 (XXIX)"
    dated: bool


@dataclass(frozen=True)
class CitedList:
    """Resolutions cited one after the other ("A, B and C"); ``lead`` is the
    word "resolution(s)" right before them, when it is there."""

    lead: tuple[int, int] | None
    items: tuple[Cited, ...]

    @property
    def last(self) -> Cited:
        return self.items[-1]

    def regular(self) -> bool:
        """Two or more in session order: three or more, or two at most three
        sessions apart."""
        sessions = [c.session for c in self.items]
        if len(sessions) < 2 or sessions != sorted(sessions):
            return False
        return len(sessions) >= 3 or sessions[-1] - sessions[-2] <= _MAX_GAP


def _roman(numeral: str) -> int:
    values = [_ROMAN[c] for c in numeral]
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))


def _cited(m: re.Match[str]) -> Cited:
    if m.group(1) is not None:
        key = f"{int(m.group(1))}/{int(m.group(2))}" + (f" {m.group(3)}" if m.group(3) else "")
        session = int(m.group(1))
    else:
        key, session = f"{m.group(4)} ({m.group(5)})", _roman(m.group(5))
    return Cited(m.start(), m.end(), session, key, m.group(6) is not None)


@lru_cache(maxsize=4096)
def find_lists(text: str, language: str) -> tuple[CitedList, ...]:
    """The General Assembly resolutions *text* cites, in runs ("A, B and C"):
    a run counts when the nearest "resolution(s)" or "decision(s)" before it
    is "resolution(s)", and not a Council's or a Conference's.

    >>> [[c.key for c in l.items] for l in find_lists(
    ...     "its resolutions 54/54 B of 1 December 1999, 55/33 V and 56/24 M, and 2558 (2020)", "en")]
    [['54/54 B', '55/33 V', '56/24 M']]
    >>> find_lists("its decisions 58/521 and 60/518 and Council resolution 52/38", "en")
    ()
    """
    lang = "fr" if language == "fr" else "en"
    runs: list[list[re.Match[str]]] = []
    for m in _ITEM[lang].finditer(text):
        if runs and _JOIN[lang].fullmatch(text, runs[-1][-1].end(), m.start()):
            runs[-1].append(m)
        else:
            runs.append([m])
    found: list[CitedList] = []
    kinds = list(_KIND[lang].finditer(text))
    for run in runs:
        kind = next((k for k in reversed(kinds) if k.end() <= run[0].start()), None)
        if kind is None:
            continue
        body, word = (kind.group(1), 2) if lang == "en" else (kind.group(3), 1)
        if kind.group(word)[0] in "Dd" or body:
            continue
        adjacent = not text[kind.end() : run[0].start()].strip()
        lead = (kind.start(word), kind.end(word + 1)) if adjacent else None
        found.append(CitedList(lead, tuple(_cited(m) for m in run)))
    return tuple(found)


def predecessor(
    texts: Sequence[str], ctx: Renewal, period: int | None = None
) -> tuple[str, int] | None:
    """The resolution the base follows (its number and session), as the base
    cites it: of the resolutions of session ``base - period`` (of the last two
    sessions when the period is not known) that the base cites in a list in
    session order, names as the latest of a series or recalls alone, the most
    recent, the first cited."""
    lang = "fr" if ctx.french else "en"
    b = ctx.base_session
    sessions = {b - period} if period else {b - 1, b - 2}
    best: tuple[int, int, int, str] | None = None  # (session, -paragraph, -rank, key)
    for index, text in enumerate(texts):
        for cl in find_lists(text, ctx.language):
            for rank, cited in _candidates(text, cl, lang, b):
                if cited.session in sessions:
                    key = (cited.session, -index, -rank, cited.key)
                    best = key if best is None or key[:3] > best[:3] else best
    return (best[3], best[0]) if best else None


def _candidates(text: str, cl: CitedList, lang: str, base: int) -> Iterable[tuple[int, Cited]]:
    """The citations of *cl* that may be the base's predecessor, ranked by how
    clearly: the last before the base's session in a list in session order (0),
    one named as the latest (1), one recalled alone (2)."""
    if cl.regular():
        before = [c for c in cl.items if c.session < base]
        if before:
            yield 0, before[-1]
    elif len(cl.items) == 1 and _latest(text, cl, lang):
        yield 1, cl.last
    elif len(cl.items) == 1 and _recall(text, cl, lang):
        yield 2, cl.last


def _latest(text: str, cl: CitedList, lang: str) -> bool:
    """*cl* is named as the latest of its series ("the latest of which was resolution X")."""
    if cl.lead is None:
        return False
    return bool(_LATEST[lang].search(text, max(0, cl.lead[0] - 80), cl.lead[0]))


def _recall(text: str, cl: CitedList, lang: str) -> bool:
    """*cl* is recalled as such: "Recalling its resolution X", "Recalling ..., and
    its resolution X"."""
    if cl.lead is None:
        return False
    return bool(_RECALL_LEAD[lang].match(text)) and bool(_ITS[lang].search(text[: cl.lead[0]]))


def _new_item(cited: Cited, ctx: Renewal) -> str | None:
    """The base cited as *cited* is: with its adoption date when *cited* has one
    (None when the base's date is unknown)."""
    assert ctx.number is not None
    if not cited.dated:
        return ctx.number
    if ctx.adopted_words is None:
        return None
    return f"{ctx.number} {'du' if ctx.french else 'of'} {ctx.adopted_words}"


def _reason(ctx: Renewal) -> str:
    return f"recalls {ctx.number}" + (f" of {ctx.adopted}" if ctx.adopted else "")


def list_edits(
    text: str, ctx: Renewal, pred: tuple[str, int], dates: Mapping[str, str] | None = None
) -> list[Edit]:
    """Grow every list of *text* that holds the predecessor, in session order,
    with only resolutions of the sessions since after it. *dates* gives the
    dates the base cites resolutions with ("of 30 June 2023"), for a list that
    cites all but its latest with a date."""
    if ctx.number is None or _cites(text, ctx.number, ctx.language):
        return []
    lang = "fr" if ctx.french else "en"
    edits: list[Edit] = []
    for cl in find_lists(text, ctx.language):
        keys = [c.key for c in cl.items]
        if pred[0] not in keys or not cl.regular():
            continue
        after = cl.items[keys.index(pred[0]) + 1 :]
        if any(not pred[1] <= c.session <= ctx.base_session for c in after):
            continue
        if any(c.session == pred[1] and c.key.split()[0] != pred[0].split()[0] for c in cl.items):
            continue  # "77/120 and 77/121": which one is the series'?
        if _THEN_WHICH[lang].match(text, cl.last.end):
            continue  # "resolutions 72/225 and 77/171, in which it noted ...": those two
        edits.extend(_grow(text, cl, ctx, dates or {}))
    return edits


def cited_dates(texts: Iterable[str], language: str) -> dict[str, str]:
    """The date each resolution is cited with somewhere in *texts*, as printed
    (" of 30 June 2023")."""
    dates: dict[str, str] = {}
    for text in texts:
        for cl in find_lists(text, language):
            for c in cl.items:
                if c.dated:
                    symbol = _ITEM["fr" if language == "fr" else "en"].match(text, c.start)
                    if symbol is not None and symbol.group(6):
                        dates.setdefault(c.key, symbol.group(6))
    return dates


def _grow(text: str, cl: CitedList, ctx: Renewal, dates: Mapping[str, str]) -> Iterable[Edit]:
    lang = "fr" if ctx.french else "en"
    item = _new_item(cl.last, ctx)
    reason = _reason(ctx)
    word = " et " if ctx.french else " and "
    if item is None:
        yield Edit(cl.last.end, cl.last.end, f"{word}{ctx.number}", reason + " (date?)", False)
        return
    # "A of D1, B of D2 and C": the latest is cited without its date; C gets its own.
    date = ""
    if not cl.last.dated and any(c.dated for c in cl.items[:-1]):
        if cl.last.key not in dates:
            yield Edit(cl.last.end, cl.last.end, f"{word}{item}", reason, False)
            return
        date = dates[cl.last.key]
    join_start, end = cl.items[-2].end, cl.last.end
    join = text[join_start : cl.last.start]
    if join.startswith(",") and _AND[lang].search(join):  # serial comma: "A, B, and C"
        yield Edit(join_start, cl.last.start, ", ", reason)
        yield Edit(end, end, f"{date}, and {item}", reason)
    elif _AND[lang].search(join):
        yield Edit(join_start, cl.last.start, ", ", reason)
        yield Edit(end, end, f"{date}{word}{item}", reason)
    elif _THEN_AND[lang].match(text, end):  # "A, B, C and all other resolutions"
        yield Edit(end, end, f"{date}, {item}", reason)
    else:
        yield Edit(end, end, f"{date}{word}{item}", reason, False)


def single_edits(
    text: str, ctx: Renewal, pred: tuple[str, int], *, extend: bool | None = None
) -> list[Edit]:
    """The predecessor cited alone: replaced where the text names it as the
    latest; a plain recall is extended or replaced as *extend* says (both
    proposed when None)."""
    if ctx.number is None or _cites(text, ctx.number, ctx.language):
        return []
    lang = "fr" if ctx.french else "en"
    edits: list[Edit] = []
    for cl in find_lists(text, ctx.language):
        if len(cl.items) != 1 or cl.last.key != pred[0]:
            continue
        item = _new_item(cl.last, ctx)
        replace = Edit(
            cl.last.start, cl.last.end, item or ctx.number, f"{_reason(ctx)} instead of {pred[0]}"
        )
        if _latest(text, cl, lang):
            edits.append(replace if item else _unsure(replace))
        elif _recall(text, cl, lang):
            grow = list(_extend_one(text, cl, ctx, item))
            if extend is None or item is None:
                edits.extend(_unsure(e) for e in (*grow, replace))
            elif extend:
                edits.extend(grow)
            else:
                edits.append(replace)
    return edits


def _extend_one(text: str, cl: CitedList, ctx: Renewal, item: str | None) -> Iterable[Edit]:
    """ "its resolution X" -> "its resolutions X and <base>" (French: "sa" -> "ses")."""
    reason = _reason(ctx)
    assert cl.lead is not None
    lead_start, lead_end = cl.lead
    word = text[lead_start:lead_end]
    if not word.endswith("s"):
        if ctx.french:
            det = re.search(r"(\w+)\s+$", text[:lead_start])
            if det and det.group(1).lower() in _FR_PLURAL:
                yield Edit(det.start(1), det.end(1), _FR_PLURAL[det.group(1).lower()], reason)
        yield Edit(lead_start, lead_end, word + "s", reason)
    joiner = " et " if ctx.french else " and "
    yield Edit(cl.last.end, cl.last.end, f"{joiner}{item or ctx.number}", reason)


_DECISIONS = {
    "en": re.compile(r"(,\s+|\s+and\s+)its\s+decisions?\s+"),
    "fr": re.compile(r"(,\s+|\s+et\s+)ses?\s+décisions?\s+"),
}
_ITS_RESOLUTION = {"en": "its resolution", "fr": "sa résolution"}


def history_edits(text: str, ctx: Renewal, period: int | None) -> list[Edit]:
    """A recalled history of resolutions and decisions in order that ends with a
    decision of the base's predecessor session ("..., its resolution 76/233 of
    24 December 2021 and its decisions 76/568 of 21 June 2022 and 77/547 of
    30 December 2022,"): the base joins it as one more group ("..., its
    decisions ... and its resolution 78/47 of 4 December 2023")."""
    lang = "fr" if ctx.french else "en"
    if ctx.number is None or not _RECALL_LEAD[lang].match(text) or _cites(text, ctx.number, lang):
        return []
    groups = list(_DECISIONS[lang].finditer(text))
    resolutions = find_lists(text, lang)
    if not groups or not resolutions:
        return []
    group = groups[-1]
    items = [m for m in _ITEM[lang].finditer(text, group.end()) if m.group(1)]
    if (
        not items
        or text[items[-1].end() :].strip(" ,;.:")
        or resolutions[-1].last.end > group.start()
    ):
        return []
    last = _cited(items[-1])
    sessions = (
        {ctx.base_session - period} if period else {ctx.base_session - 1, ctx.base_session - 2}
    )
    if last.session not in sessions or any(
        c.session >= last.session for cl in resolutions for c in cl.items
    ):
        return []
    item = _new_item(last, ctx)
    if item is None:
        return []
    reason = _reason(ctx)
    edits = [
        Edit(
            items[-1].end(),
            items[-1].end(),
            f"{_JOINER[lang]}{_ITS_RESOLUTION[lang]} {item}",
            reason,
        )
    ]
    if group.group(1).strip() in ("and", "et"):
        edits.append(Edit(group.start(1), group.end(1), ", ", reason))
    return edits


_JOINER = {"en": " and ", "fr": " et "}


def _unsure(e: Edit) -> Edit:
    return Edit(e.start, e.end, e.new, e.reason, False)


def _cites(text: str, number: str, language: str) -> bool:
    return any(c.key == number for cl in find_lists(text, language) for c in cl.items)
