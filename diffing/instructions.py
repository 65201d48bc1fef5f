"""The instructions of an amendment: "1. In the fourth preambular paragraph, delete ...".

An amendment has no paragraphs of its own: its body is a list of instructions,
numbered as printed (``number`` None for an unnumbered one). The new
paragraphs an instruction quotes ("insert a new operative paragraph
reading:" then the paragraph) stay inside its text, one per line after the
instruction itself.

>>> [(i.number, i.text) for i in read_instructions(["1. Delete operative paragraph 2.",
...     "", "2. After operative paragraph 4, insert a new paragraph reading:", "",
...     "Decides to remain seized of the matter;"])]
[(1, 'Delete operative paragraph 2.'), (2, 'After operative paragraph 4, insert a new paragraph reading:\\nDecides to remain seized of the matter;')]
"""

from __future__ import annotations

import re
from collections.abc import Container

from diffing.blocks import Block, NumberLabel, make_blocks, merge_blocks, read_label
from diffing.cleanup import join_lines
from diffing.footnotes import detach_markers
from diffing.model import Instruction

__all__ = ["read_instructions"]


def _text(lines: list[str], vocabulary: Container[str]) -> str:
    return detach_markers(join_lines(lines, vocabulary))[0]


def read_instructions(
    lines: list[str], *, french: bool = False, vocabulary: Container[str] = frozenset()
) -> list[Instruction]:
    """The instructions of an amendment's body ``lines``, in order.

    A block opened by a number starts an instruction (a number alone on its
    line numbers the block after it); the blocks after an instruction that
    announces text (it ends with a colon) are that text, up to the next
    number (or, between unnumbered instructions, up to a block that opens as
    an instruction does); any other block is an unnumbered instruction.
    """
    out: list[Instruction] = []
    pending: int | None = None  # a number printed alone: its text is the next block
    quoting = False  # the last instruction announced text: the blocks after it are that text
    last = 0  # the last number: the next may start a line inside a block
    queue = list(reversed(merge_blocks(make_blocks(lines), french)))
    while queue:
        block, rest = _split(queue.pop(), last + 1)
        if rest is not None:
            queue.append(rest)
        label = read_label(block.lines[0], french)
        body = block.lines
        if isinstance(label, NumberLabel) and quoting and _quoted_number(out[-1], label, last):
            # "28. Encourages ..." of the new paragraphs an instruction quotes
            out[-1].text = f"{out[-1].text}\n{_text(body, vocabulary)}"
            continue
        if isinstance(label, NumberLabel):
            body = ([label.rest] if label.rest.strip() else []) + block.lines[1:]
            pending = last = label.number
            if not body:
                continue
        text = _text(body, vocabulary)
        if pending is None and quoting and out and not _unnumbered_next(out[-1], text):
            out[-1].text = f"{out[-1].text}\n{text}"
            continue
        out.append(Instruction(pending, text))
        pending = None
        quoting = _announces(text)
    return out


_NUMBER = re.compile(r"\s*(\d{1,3})\.(?:\s|$)")
# How an instruction opens ("In operative paragraph 3, ...", "Supprimer le ...").
_INSTRUCTION = re.compile(
    r"(?:In|After|Before|At the end of|Delete|Replace|Insert|Add|Renumber|Au|À la fin d|Après"
    r"|Avant|Supprimer|Remplacer|Insérer|Ajouter|Renuméroter)\b"
)


def _quoted_number(last: Instruction, label: NumberLabel, number: int) -> bool:
    """A numbered block after an instruction that announces text is a paragraph of
    that text, not the next instruction, when its number is not the next one or a
    quotation of the text is still open."""
    if label.number != number + 1:
        return True
    t = last.text
    return t.count("“") > t.count("”") or t.count("«") > t.count("»") or t.count('"') % 2 == 1


def _unnumbered_next(last: Instruction, text: str) -> bool:
    """After the text an unnumbered instruction quotes, a block that opens as an
    instruction does is the next instruction."""
    return last.number is None and "\n" in last.text and bool(_INSTRUCTION.match(text))


def _split(block: Block, expected: int) -> tuple[Block, Block | None]:
    """Cut ``block`` where instruction ``expected`` (or the one after the number
    opening the block) starts a line after the end of a sentence or of a quoted
    paragraph (",", ";", "." ...)."""
    if m := _NUMBER.match(block.lines[0]):
        expected = int(m.group(1)) + 1
    for k in range(1, len(block.lines)):
        m = _NUMBER.match(block.lines[k])
        if m and int(m.group(1)) == expected and block.lines[k - 1].rstrip()[-1:] in _ENDS:
            return Block(block.lines[:k], block.soft), Block(block.lines[k:])
    return block, None


_ENDS = frozenset('.,;:”’")»')


def _announces(text: str) -> bool:
    """Whether an instruction announces the text that follows it: it ends with a colon."""
    return text.rstrip(' ”»"').endswith(":")
