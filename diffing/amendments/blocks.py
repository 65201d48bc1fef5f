"""The text of new paragraphs quoted in an instruction, cut into paragraphs.

An instruction such as "After operative paragraph 4, insert two new operative
paragraphs reading: ..." carries the new text after its colon: in quotation
marks or not, one paragraph per quotation or separated by blank lines, broken
into printed lines, with or without its own numbering ("5.", "(c)") and with
lettered sub-paragraphs. :func:`read_block` gives the paragraphs, each with
its sub-paragraphs, in the draft's own form: one line each, numbers and
labels taken off (the amended text is numbered afresh).

>>> [p.text for p in read_block('“Stresses X;”\\n“Decides Y;”')]
['Stresses X;', 'Decides Y;']
>>> p = read_block("5. Requests the Secretary-General:\\n(a) To report;\\n(b) To act;")[0]
>>> p.text, [c.text for c in p.children]
('Requests the Secretary-General:', ['To report;', 'To act;'])
>>> [p.text for p in read_block("Stresses X; Decides Y;", count=2)]
['Stresses X;', 'Decides Y;']
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Container
from dataclasses import dataclass, field

from diffing.amendments.quotes import quote_spans
from diffing.cleanup import join_lines

__all__ = ["NewParagraph", "read_block"]


@dataclass
class NewParagraph:
    text: str
    children: list[NewParagraph] = field(default_factory=list)


_NUMBER = re.compile(r"\s*\d{1,3}\s*(?:bis|ter|quater)?\s*\.\s+")
_LABEL = re.compile(r"\s*\(?([a-z]{1,3}|[ivx]{1,5})\)\s+")
_INLINE_LABEL = re.compile(r"(?<=[:;])\s+\(?([a-z])\)\s+")
_QUOTE_MARKS = '“”«»"„‘’ \u00a0\u202f'


def _pieces(block: str) -> list[str]:
    """The block's quotations when it is nothing but quotations, else the block."""
    text = block.strip()
    spans = quote_spans(text)
    rest = text
    for a, b in reversed(spans):
        rest = rest[:a] + rest[b:]
    if spans and not re.sub(r"(?:\band\b|\bet\b|[\s,.;])", "", rest):
        return [text[a + 1 : b - 1] for a, b in spans]
    return [text.strip(_QUOTE_MARKS)]


def _chunks(piece: str, count: int | None) -> list[str]:
    """Paragraphs of a piece: at blank lines, at numbered lines, else by the count announced."""
    chunks = [c for c in re.split(r"\n[ \t\u00a0]*\n", piece) if c.strip()]
    out: list[str] = []
    for c in chunks:
        starts = [m.start() for m in re.finditer(r"(?m)^\s*\d{1,3}\s*(?:bis|ter)?\.\s+", c)]
        if len(starts) > 1:
            cuts = [0, *starts[1:], len(c)]
            out.extend(c[a:b] for a, b in itertools.pairwise(cuts))
        else:
            out.append(c)
    if count is not None and len(out) < count and len(out) == 1:
        for mark in (";", ".", ","):
            parts = re.split(rf"(?<=\{mark})\s+(?=[A-Z])", out[0])
            if len(parts) == count:
                return parts
    return out


def _items(lines: list[str]) -> list[tuple[str | None, list[str]]]:
    """Lines grouped by the sub-paragraph label opening them (None: the chapeau)."""
    items: list[tuple[str | None, list[str]]] = [(None, [])]
    for line in lines:
        m = _LABEL.match(line)
        if m and (items[-1][1] or items[-1][0] is not None):
            items.append((m.group(1), [line[m.end() :]]))
        elif m and not items[-1][1]:
            items[-1] = (m.group(1), [line[m.end() :]])
        else:
            items[-1][1].append(line)
    return items


def _paragraph(chunk: str, vocabulary: Container[str] | None) -> NewParagraph:
    chunk = _NUMBER.sub("", chunk, count=1) if _NUMBER.match(chunk) else chunk
    lines = [ln.strip(" \u00a0") for ln in chunk.strip().split("\n")]
    items = _items(lines)
    if len(items) == 1:
        text = join_lines(items[0][1], vocabulary)
        inline = list(_INLINE_LABEL.finditer(text))
        if inline and inline[0].group(1) == "a":
            cuts = [0, *(m.start() for m in inline), len(text)]
            parts = [text[a:b] for a, b in itertools.pairwise(cuts)]
            items = [(None, [parts[0]])]
            items += [(None, [_LABEL.sub("", p, count=1)]) for p in parts[1:]]
    texts = [join_lines(ls, vocabulary).strip(_QUOTE_MARKS) for _, ls in items]
    head, children = texts[0], [NewParagraph(t) for t in texts[1:] if t]
    if not head and children:  # a sub-paragraph alone: "(c) To ..."
        return children[0] if len(children) == 1 else NewParagraph("", children)
    return NewParagraph(head, children)


def read_block(
    block: str, *, count: int | None = None, vocabulary: Container[str] | None = None
) -> list[NewParagraph]:
    """The new paragraphs of ``block`` (``count``: as many as the instruction announces;
    ``vocabulary``: the draft's words, to resolve line-end hyphens)."""
    pieces = _pieces(block)
    chunks = [c for p in pieces for c in _chunks(p, count if len(pieces) == 1 else None)]
    return [p for p in (_paragraph(c, vocabulary) for c in chunks) if p.text or p.children]
