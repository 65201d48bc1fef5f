r"""UN General Assembly document symbols: validation and normalisation.

A symbol reaches a URL and a file name only through :func:`normalise`, whose
strict pattern admits no ``..``, ``%``, backslash or stray slash, and nothing
but ASCII (digits are 0-9: not Arabic-Indic or full-width ones, which ``\d``
would take).

>>> normalise(" a/res/73/11 ")
'A/RES/73/11'
>>> normalise("A/C.3/78/L.60/REV.1")
'A/C.3/78/L.60/Rev.1'
>>> file_stem("A/RES/ES-10/21")
'A_RES_ES-10_21'
"""

from __future__ import annotations

import re

from service.errors import InvalidRequestError, InvalidSymbolError

__all__ = ["LANGUAGES", "file_stem", "is_symbol", "language", "normalise"]

#: The six official languages, as the UN document system names them.
LANGUAGES = ("ar", "zh", "en", "fr", "ru", "es")

_PATTERN = re.compile(
    r"""
    A/
    (?:RES/|C\.[1-6]/)?                     # a resolution, or a Main Committee document
    (?:[0-9]{1,3}|ES-[0-9]{1,2}|S-[0-9]{1,2})/      # session: 79, emergency ES-10, special S-27
    (?:L\.[0-9]{1,4}|[0-9]{1,4}[A-Z]?)              # a draft L.14, or a number 136
    (?:/(?:Rev|Add|Corr)\.[0-9]{1,3}){0,3}          # /Rev.1, /Add.2, /Corr.1
    (?:\x20[A-Z](?:-[A-Z])?)?                       # parts adopted separately: " A", " A-B"
    """,
    re.VERBOSE | re.ASCII,
)

_SUFFIXES = {"REV.": "Rev.", "ADD.": "Add.", "CORR.": "Corr."}


def normalise(symbol: str) -> str:
    """The canonical form of ``symbol``, or :class:`InvalidSymbolError`.

    Case, surrounding spaces and a dash typed as an en dash are forgiven.
    """
    if not isinstance(symbol, str) or len(symbol) > 60:
        raise InvalidSymbolError(f"not a UN General Assembly document symbol: {symbol!r}")
    text = " ".join(symbol.split()).replace("\u2013", "-").replace("\u2011", "-").upper()
    for upper, proper in _SUFFIXES.items():
        text = text.replace("/" + upper, "/" + proper)
    if not text.isascii() or not _PATTERN.fullmatch(text):
        raise InvalidSymbolError(
            f"not a UN General Assembly document symbol: {symbol.strip()!r} "
            "(expected something like A/RES/79/136, A/80/L.14 or A/C.3/78/L.60/Rev.1)"
        )
    return text


def is_symbol(text: str) -> bool:
    try:
        normalise(text)
    except InvalidSymbolError:
        return False
    return True


def language(code: str | None) -> str:
    """A valid official language code (default ``en``)."""
    code = (code or "en").strip().lower()
    if code not in LANGUAGES:
        raise InvalidRequestError(f"unknown language {code!r}: use one of {', '.join(LANGUAGES)}")
    return code


def file_stem(symbol: str) -> str:
    """The file name stem of a (valid) symbol in a mirror: ``A/RES/73/11`` -> ``A_RES_73_11``."""
    return normalise(symbol).replace("/", "_").replace(" ", "_")
