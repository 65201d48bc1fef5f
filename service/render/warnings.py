"""What a reader must know before trusting a report: odd inputs, said once at the top.

Every report (HTML, PDF, text, the Word header) shows these warnings, in the
language of its chrome:

* the two texts are in different languages (every paragraph then reads as
  removed and added);
* their titles have little in common (two different resolutions?);
* the "new" text is older than the "old" one (versions in the wrong order?);
* the two texts are identical;
* few paragraphs match (two unrelated texts?);
* the parser's notes on a text that does not read as a resolution ("no
  numbered operative paragraph found": an e-mail, a letter, a report);
* in a series: a version whose title is unlike the first one's (a series that
  runs from one resolution into another), dates going backwards, languages.

>>> from diffing.model import Comparison, Resolution
>>> old = Resolution(language="fr", title="Coopération", adopted="2024-12-06")
>>> new = Resolution(language="en", title="Cooperation", adopted="2022-11-21")
>>> [w.code for w in comparison_warnings(Comparison(old, new, []))]
['languages', 'order', 'identical']
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from diffing.model import Comparison, Resolution, Series
from service.i18n import Chrome
from service.render.words import N_

__all__ = ["Warning", "comparison_warnings", "series_warnings"]

#: titles less alike than this (rapidfuzz token set ratio, 0-100) are "different titles"
TITLE_LIKENESS = 60
#: fewer paragraphs matched than this share of the longer text: "few paragraphs match"
MATCHED_SHARE = 0.3

#: parser notes that say a text does not read as a resolution, in the chrome's words
_NOTES = {
    "no 'The General Assembly,' line: the body starts after the front matter": N_(
        "no 'The General Assembly,' line: the body starts after the front matter"
    ),
    "no paragraph found": N_("no paragraph found"),
    "no numbered operative paragraph found": N_("no numbered operative paragraph found"),
    "no resolution structure found: every block is kept as a paragraph": N_(
        "no resolution structure found: every block is kept as a paragraph"
    ),
    "the operative part is not numbered: unnumbered operative paragraphs": N_(
        "the operative part is not numbered: unnumbered operative paragraphs"
    ),
}
#: notes that only inform (who submitted a draft, which amendments were applied)
_INFORMATIVE = ("submitted by ", "as amended by ", "as tabled")


@dataclass(frozen=True)
class Warning:
    """One warning: a ``code`` (what is odd), its message (a catalog message) and the
    values it names; documents are named by symbol when they have one."""

    code: str
    message: str
    values: dict[str, object] = field(default_factory=dict)

    def text(self, chrome: Chrome) -> str:
        values = {k: _value(v, chrome) for k, v in self.values.items()}
        text = chrome.gettext(self.message, **values)
        return text[:1].upper() + text[1:]


@dataclass(frozen=True)
class _Language:
    code: str


@dataclass(frozen=True)
class _Date:
    iso: str


@dataclass(frozen=True)
class _Note:
    text: str


@dataclass(frozen=True)
class _Side:
    """A document named in a warning: its symbol, else "the old text" / "version 3"."""

    symbol: str | None
    fallback: str
    number: int = 0


def _value(v: object, chrome: Chrome) -> object:
    if isinstance(v, _Language):
        from babel import Locale, UnknownLocaleError

        try:
            return Locale.parse(v.code).get_language_name(chrome.lang) or v.code
        except (ValueError, UnknownLocaleError):
            return v.code
    if isinstance(v, _Date):
        return chrome.date(v.iso)
    if isinstance(v, _Note):
        known = _NOTES.get(v.text)
        return chrome.gettext(known) if known else v.text
    if isinstance(v, _Side):
        if v.symbol:
            return v.symbol
        return (
            chrome.gettext(v.fallback, number=v.number) if v.number else chrome.gettext(v.fallback)
        )
    return v


def _titles_differ(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return False
    from rapidfuzz import fuzz

    return fuzz.token_set_ratio(a.casefold(), b.casefold()) < TITLE_LIKENESS


def _iso(value: str | None) -> str | None:
    """An ISO date (``2020-11-23``), or None."""
    if value and len(value) >= 10 and value[4] == "-" and value[7] == "-":
        return value[:10]
    return None


def _backwards(older: Resolution, newer: Resolution) -> bool:
    a, b = _iso(older.adopted), _iso(newer.adopted)
    if a and b:
        return a > b
    return bool(older.session and newer.session and older.session > newer.session)


def _notes(res: Resolution, side: _Side) -> list[Warning]:
    out = []
    for note in res.notes:
        if note.startswith(_INFORMATIVE):
            continue
        out.append(
            Warning(
                "notes",
                N_("%(doc)s may not be a resolution: %(note)s."),
                {"doc": side, "note": _Note(note)},
            )
        )
    return out


def comparison_warnings(c: Comparison) -> list[Warning]:
    """The warnings of a comparison of two versions, most serious first."""
    old_side = _Side(c.old.symbol, N_("the old text"))
    new_side = _Side(c.new.symbol, N_("the new text"))
    out: list[Warning] = []
    if (c.old.language or "en") != (c.new.language or "en"):
        out.append(
            Warning(
                "languages",
                N_(
                    "The two texts are in different languages (%(old)s and %(new)s): every"
                    " paragraph reads as removed and added."
                ),
                {"old": _Language(c.old.language), "new": _Language(c.new.language)},
            )
        )
    elif _titles_differ(c.old.title, c.new.title):
        out.append(
            Warning(
                "titles",
                N_(
                    "The two texts have different titles: they may not be versions of the"
                    " same resolution."
                ),
            )
        )
    if _backwards(c.old, c.new):
        out.append(_order(c.old, c.new, old_side, new_side))
    if (c.changes and not any(ch.type != "unchanged" or ch.tags for ch in c.changes)) or (
        not c.changes and c.old.paragraphs == c.new.paragraphs
    ):
        out.append(Warning("identical", N_("The two texts are identical.")))
    elif c.old.language == c.new.language and _few_match(c):
        matched = sum(ch.type not in ("added", "removed") for ch in c.changes)
        total = max(len(c.old.paragraphs), len(c.new.paragraphs))
        out.append(
            Warning(
                "unrelated",
                N_(
                    "Few paragraphs of the two texts match (%(matched)s of %(total)s): they"
                    " may not be versions of the same text."
                ),
                {"matched": matched, "total": total},
            )
        )
    out.extend(_notes(c.old, old_side))
    out.extend(_notes(c.new, new_side))
    return out


def _few_match(c: Comparison) -> bool:
    total = max(len(c.old.paragraphs), len(c.new.paragraphs))
    matched = sum(ch.type not in ("added", "removed") for ch in c.changes)
    return total >= 3 and matched < MATCHED_SHARE * total


def _order(older: Resolution, newer: Resolution, a: _Side, b: _Side) -> Warning:
    if _iso(older.adopted) and _iso(newer.adopted):
        return Warning(
            "order",
            N_(
                "%(old)s (adopted %(old_date)s) is more recent than %(new)s (adopted"
                " %(new_date)s): are the versions in the right order?"
            ),
            {
                "old": a,
                "new": b,
                "old_date": _Date(older.adopted or ""),
                "new_date": _Date(newer.adopted or ""),
            },
        )
    return Warning(
        "order",
        N_(
            "%(old)s (session %(old_session)s) is more recent than %(new)s (session"
            " %(new_session)s): are the versions in the right order?"
        ),
        {"old": a, "new": b, "old_session": older.session, "new_session": newer.session},
    )


def series_warnings(s: Series) -> list[Warning]:
    """The warnings of a series: languages, titles unlike the first version's, dates
    going backwards, the parser's notes."""
    versions: Sequence[Resolution] = s.versions
    sides = [_Side(v.symbol, N_("version %(number)s"), k + 1) for k, v in enumerate(versions)]
    out: list[Warning] = []
    languages = {v.language or "en" for v in versions}
    if len(languages) > 1:
        out.append(
            Warning(
                "languages",
                N_("The versions are in different languages: compare versions in one language."),
            )
        )
    first = versions[0] if versions else None
    for k, v in enumerate(versions[1:], 1):
        if first is not None and len(languages) == 1 and _titles_differ(first.title, v.title):
            out.append(
                Warning(
                    "titles",
                    N_(
                        "%(doc)s has a title unlike that of %(first)s: the series may run"
                        " from one resolution into another."
                    ),
                    {"doc": sides[k], "first": sides[0]},
                )
            )
        if _backwards(versions[k - 1], v):
            out.append(_order(versions[k - 1], v, sides[k - 1], sides[k]))
    for k, v in enumerate(versions):
        out.extend(_notes(v, sides[k]))
    return out
