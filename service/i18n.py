"""The languages of resdiff's own words: the report and page *chrome* around the documents.

A report speaks the language of the documents it compares (a French comparison
reads French from title to footer), a web page the language its reader chose
(the switch, else the browser's ``Accept-Language``). The words are gettext
catalogs: ``service/locales/<lang>/LC_MESSAGES/messages.po``, one per language
besides English (the source language), extracted from the templates and the
code by ``make messages`` (Babel). The ``.po`` files ship in the package and are
compiled in memory the first time a language is used, so there is no build step
and no compiled file to keep in step. A UN language without a catalog (Spanish,
Russian, Arabic, Chinese, for now) gets the English chrome, laid out in its own
direction: adding one is adding its ``.po``.

:class:`Chrome` is what a renderer holds: the translations of one language and
the conventions that go with it, dates ("23 novembre 2020"), sub-paragraph
labels ("a)" in French, "(a)" in English) and the names of paragraphs (PP5 /
OP5 in English; "al. 5" of the preamble and "§ 5" of the operative part in
French).

>>> Chrome.of("fr").date("2020-11-23")
'23 novembre 2020'
>>> Chrome.of("en").date("2020-11-23")
'23 November 2020'
>>> Chrome.of("fr").pid("OP13(a)"), Chrome.of("fr").pid("PP5"), Chrome.of("en").pid("PP5")
('§ 13 a)', 'al. 5', 'PP5')
>>> Chrome.of("fr").gettext("Changes")
'Modifications'
"""

from __future__ import annotations

import datetime as dt
import functools
import gettext as _gettext
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "DEFAULT",
    "LOCALES",
    "RTL",
    "UN_LANGUAGES",
    "Chrome",
    "available",
    "chrome_language",
    "direction",
    "translations",
]

#: where the catalogs are (shipped inside the package)
LOCALES = Path(__file__).resolve().parent / "locales"
DEFAULT = "en"
#: the six official languages of the United Nations
UN_LANGUAGES = ("ar", "zh", "en", "fr", "ru", "es")
#: languages written right to left
RTL = frozenset({"ar", "he", "fa", "ur"})
#: each language's name in itself, for the switch
NAMES = {
    "ar": "العربية",
    "zh": "中文",
    "en": "English",
    "fr": "Français",
    "ru": "Русский",
    "es": "Español",
}


def _base(lang: str | None) -> str:
    return (lang or DEFAULT).replace("_", "-").split("-")[0].lower()


def direction(lang: str | None) -> str:
    """``rtl`` for Arabic (and other right-to-left scripts), else ``ltr``."""
    return "rtl" if _base(lang) in RTL else "ltr"


@functools.cache
def available() -> tuple[str, ...]:
    """English and every language with a catalog, in the UN's order."""
    found = {p.parent.parent.name for p in LOCALES.glob("*/LC_MESSAGES/messages.po")}
    return tuple(lang for lang in UN_LANGUAGES if lang == DEFAULT or lang in found) + tuple(
        sorted(found - set(UN_LANGUAGES))
    )


@functools.cache
def translations(lang: str) -> _gettext.NullTranslations:
    """The catalog of ``lang``, compiled in memory once (English: the source text)."""
    path = LOCALES / _base(lang) / "LC_MESSAGES" / "messages.po"
    if _base(lang) == DEFAULT or not path.is_file():
        return _gettext.NullTranslations()
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with path.open("rb") as f:
        catalog = read_po(f, locale=_base(lang))
    buf = io.BytesIO()
    write_mo(buf, catalog)
    buf.seek(0)
    return _gettext.GNUTranslations(buf)


def chrome_language(requested: str | None, *documents: str | None) -> str:
    """The language of a report's chrome: ``requested`` when it has a catalog, else the
    first of the ``documents``' languages that has one (the newest version is given
    first), else English.

    >>> chrome_language(None, "fr", "en"), chrome_language("en", "fr"), chrome_language(None, "ar")
    ('fr', 'en', 'en')
    """
    for lang in (requested, *documents):
        if lang and _base(lang) in available():
            return _base(lang)
    return DEFAULT


def best_match(accepted: Iterable[tuple[str, float]]) -> str | None:
    """The first available language of an ``Accept-Language`` list (value, quality)."""
    for value, _quality in sorted(accepted, key=lambda v: -v[1]):
        if _base(value) in available():
            return _base(value)
    return None


_PID = re.compile(r"^(?:(?P<part>[^.]+)\.)?(?P<kind>PP|OP)(?P<n>\d+)(?:\((?P<sub>[^)]+)\))?$")


@dataclass(frozen=True)
class Chrome:
    """resdiff's words in one language, and the conventions that go with them."""

    lang: str
    translation: _gettext.NullTranslations

    @classmethod
    def of(cls, lang: str | None) -> Chrome:
        """The chrome of ``lang`` (English when it has no catalog)."""
        return _chrome(chrome_language(lang))

    @property
    def dir(self) -> str:
        return direction(self.lang)

    @property
    def name(self) -> str:
        return NAMES.get(self.lang, self.lang)

    def gettext(self, message: str, **values: object) -> str:
        text = self.translation.gettext(message)
        return text % values if values else text

    def ngettext(self, singular: str, plural: str, n: int, **values: object) -> str:
        text = self.translation.ngettext(singular, plural, n)
        return text % {"num": n, **values}

    def pgettext(self, context: str, message: str, **values: object) -> str:
        text = self.translation.pgettext(context, message)
        return text % values if values else text

    def date(self, value: str | None) -> str:
        """An ISO date as a reader writes it: "23 November 2020", "23 novembre 2020";
        anything else as given."""
        if not value:
            return ""
        try:
            day = dt.date.fromisoformat(value[:10])
        except ValueError:
            return value
        from babel.dates import format_date

        pattern = "d MMMM y" if self.lang in ("en", "fr") else "long"
        return str(format_date(day, pattern, locale=self.lang))

    def subparagraph(self, label: str) -> str:
        """A sub-paragraph label as printed in this language: "(a)", or "a)" in French."""
        core = label.strip().strip("()")
        return f"{core})" if self.lang == "fr" else f"({core})"

    def pid(self, pid: str) -> str:
        """A paragraph id as a reader of this language names it: ``PP5``/``OP8(a)`` in
        English, ``al. 5``/``§ 8 a)`` in French (alinéa du préambule, paragraphe du
        dispositif); other ids as they are."""
        m = _PID.match(pid)
        if self.lang != "fr" or m is None:
            return pid
        name = ("al. " if m["kind"] == "PP" else "§ ") + m["n"]
        if m["sub"]:
            name += " " + self.subparagraph(m["sub"])
        if m["part"]:
            part = "annexe" if m["part"].upper() == "ANNEX" else m["part"]
            name = f"{part}, {name}"
        return name

    def pids(self, pids: Iterable[str]) -> str:
        return ", ".join(self.pid(p) for p in pids)


@functools.cache
def _chrome(lang: str) -> Chrome:
    return Chrome(lang, translations(lang))
