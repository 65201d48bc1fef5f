"""Comparison keys: what two versions must share for their text to count as equal.

A key folds the differences that are typography or PDF extraction, never
wording: runs of whitespace and line breaks, no-break and thin spaces, curly
quotes and primes, the hyphen variants (U+2010, U+2011 non-breaking hyphen,
U+2012, U+2212, soft hyphen) and the leftovers of line-end hyphenation
(``Counter- Terrorism`` is ``Counter-Terrorism``; in token keys a hyphen
between two letters is dropped altogether, so ``informa- tion`` is
``information``). Case, dashes between
numbers (``9–20 July``) and every letter are kept: they are wording.

>>> fold("Counter-\\nTerrorism\\u00a0“Strategy”")
'Counter-Terrorism "Strategy"'
>>> token_key("money-\\nlaundering"), token_key("COVID-19")
('moneylaundering', 'COVID-19')
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = ["INNER_HYPHEN", "fold", "fold_chars", "token_key"]

_TRANSLATE = str.maketrans(
    {
        "\u00a0": " ",  # no-break space
        "\u2007": " ",  # figure space
        "\u2009": " ",  # thin space
        "\u202f": " ",  # narrow no-break space
        "\u200a": " ",  # hair space
        "\u3000": " ",
        "\t": " ",
        "\u00ad": None,  # soft hyphen
        "\u200b": " ",  # zero-width space
        "\u2060": " ",  # word joiner
        "\ufeff": " ",
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2212": "-",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2033": '"',
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u02bc": "'",
    }
)
# The table as pairs: no replacement holds a character of the table, so the order of
# the replacements does not matter.
_FOLDS = tuple((chr(k), v or "") for k, v in _TRANSLATE.items())
_HYPHEN_BREAK = re.compile(r"-(?<=\w-)(?:\s*\n\s*(?=\w)| +(?=[A-Z]\w))")
_SPACE = re.compile(r"\s+")
#: A hyphen between two letters is not compared: a line-end hyphenation leftover
#: ("informa- tion") and a hyphenation variant ("counter-terrorism",
#: "counterterrorism") are typography. "COVID-19" and "2019-2020" keep theirs.
INNER_HYPHEN = re.compile(r"-(?<=[^\W\d_]-)(?=[^\W\d_])")  # literal first: fast scan


def fold(text: str) -> str:
    """Return *text* with typographic and extraction variants folded.

    Whitespace runs become one space; the result is stripped.
    """
    t = _HYPHEN_BREAK.sub("-", fold_chars(text))
    return _SPACE.sub(" ", t).strip()


def fold_chars(text: str) -> str:
    """Only the character-level folding of :func:`fold` (NFC, spaces, quotes, hyphens).

    Each character of the table is looked for and replaced where found (a text
    holds few of them): many times faster than ``str.translate`` with a table.
    """
    text = unicodedata.normalize("NFC", text)
    for old, new in _FOLDS:
        if old in text:
            text = text.replace(old, new)
    return text


@lru_cache(maxsize=1 << 16)
def token_key(token: str) -> str:
    """The key of one word or punctuation token: folded, with no whitespace at all
    and no hyphen between two letters (see :data:`INNER_HYPHEN`)."""
    return INNER_HYPHEN.sub("", _SPACE.sub("", fold_chars(token)))
