"""Quoted words in an instruction, and how they are found in a paragraph.

:func:`extract_quotes` takes the quotations out of an instruction (curly,
straight or French quotation marks, nested quotations kept whole) and leaves
a placeholder ``⟦q0⟧``, ``⟦q1⟧`` ... in their place, so that the wording
around them can be read on its own. :func:`normalized` gives the form in which
quoted words and paragraph texts are compared: typography folded (quotation
marks, apostrophes, spaces, soft hyphens, line breaks), case and every letter
kept.

>>> extract_quotes('Replace “Chernobyl” with "Chornobyl" in the title.')
('Replace ⟦q0⟧ with ⟦q1⟧ in the title.', ['Chernobyl', 'Chornobyl'])
>>> extract_quotes("supprimer « de l’ordre du jour »")
('supprimer ⟦q0⟧', ['de l’ordre du jour'])
>>> normalized("the  “New\\nAgenda”")[0]
'the "New Agenda"'
"""

from __future__ import annotations

import re
import unicodedata

from diffing.normalize import fold_chars

__all__ = ["PLACEHOLDER", "extract_quotes", "normalized", "quote_spans", "quote_variants"]

#: the placeholder of quotation ``n`` in an instruction's wording
PLACEHOLDER = "⟦q{}⟧"
_PAIRS = {"“": "”", "«": "»", "„": "“", "‘": "’"}
_STRAIGHT = '"'


def _closing(text: str, start: int, opener: str) -> int:
    """Index of the mark closing the quotation opened at ``start`` (nesting counted), or -1."""
    closer = _PAIRS.get(opener, opener)
    depth = 0
    for i in range(start + 1, len(text)):
        c = text[i]
        if c == closer and (opener != closer or depth == 0):
            if depth == 0:
                return i
            depth -= 1
        elif c == opener and opener != closer:
            depth += 1
    return -1


def _openers(text: str) -> str:
    """The marks that open a quotation in ``text``: single curly quotes only when no
    double ones are used (they are apostrophes otherwise), ``”`` alone when a PDF lost
    the opening forms."""
    marks = "“«„" + _STRAIGHT
    if not any(m in text for m in marks) and "‘" in text:
        marks += "‘"
    if "“" not in text and text.count("”") >= 2:
        marks += "”"
    return marks


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Where the quotations of ``text`` are: ``(start, end)``, quotation marks included."""
    openers = _openers(text)
    spans: list[tuple[int, int]] = []
    i = 0
    while i < len(text):
        end = _closing(text, i, text[i]) if text[i] in openers else -1
        if end < 0:
            i += 1
            continue
        spans.append((i, end + 1))
        i = end + 1
    return spans


def extract_quotes(text: str) -> tuple[str, list[str]]:
    """The instruction with each quotation replaced by a placeholder, and the quotations."""
    out: list[str] = []
    quotes: list[str] = []
    pos = 0
    for a, b in quote_spans(text):
        out.append(text[pos:a])
        out.append(PLACEHOLDER.format(len(quotes)))
        quotes.append(text[a + 1 : b - 1].strip())
        pos = b
    out.append(text[pos:])
    return "".join(out), quotes


_SPACE = re.compile(r"\s")


def normalized(text: str) -> tuple[str, list[int]]:
    """``text`` folded for matching, and for each of its characters the index in ``text``.

    Spaces and line breaks become one space; quotation marks, apostrophes and
    hyphen variants fold to their plain forms; soft hyphens and zero-width
    characters go.
    """
    out: list[str] = []
    where: list[int] = []
    for i, c in enumerate(text):
        f = fold_chars(unicodedata.normalize("NFC", c))
        if not f or f in "\u200b\u2060\ufeff":
            continue
        if _SPACE.fullmatch(f):
            if out and out[-1] == " ":
                continue
            f = " "
        out.append(f[0])
        where.append(i)
    return "".join(out), where


_LINE_HYPHEN = re.compile(r"(?<=\w)- (?=\w)")


def quote_variants(quote: str) -> list[str]:
    """The forms a quotation is looked for in: as printed, then with a line-end
    hyphen kept ("Chernobyl- affected" -> "Chernobyl-affected") or dropped."""
    q = normalized(quote)[0].strip()
    out = [q]
    if _LINE_HYPHEN.search(q):
        out += [_LINE_HYPHEN.sub("-", q), _LINE_HYPHEN.sub("", q)]
    return out
