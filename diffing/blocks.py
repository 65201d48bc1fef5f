"""Printed blocks of a body and what each one looks like: labels, headings, closings.

A *block* is the lines of one printed paragraph (blank lines apart). This
module groups lines into blocks (:func:`make_blocks`), joins the blocks that
are one paragraph cut by a page break (:func:`merge_blocks`), cuts a block
where a numbered paragraph starts inside it (:func:`split_block`), and reads
the label opening a block (:func:`read_label`: :class:`NumberLabel` ``12.``,
:class:`LetterLabel` ``(a)``). The shapes of lines it knows (the closing
``39th plenary meeting``, ``The General Assembly,``, an ``Annex`` heading, a
part or section heading) are the patterns below, used by
:mod:`diffing.structure`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import NamedTuple

from diffing.cleanup import PAGE_BREAK
from diffing.lexicon import ROMAN_LOWER

__all__ = [
    "ANNEX",
    "ARTICLE",
    "ASSEMBLY_LINE",
    "ASSEMBLY_OPENS",
    "CLOSING",
    "OPERATIVE_START",
    "PART_HEADING",
    "PREAMBLE_LEAD",
    "SECTION_LABEL",
    "TABLE_NOTE",
    "Block",
    "Label",
    "LetterLabel",
    "NumberLabel",
    "is_heading",
    "is_table",
    "make_blocks",
    "merge_blocks",
    "read_label",
    "split_block",
]

# Up to six digits: paragraph 10000 of a very long text follows 9999 (a number of more
# than three digits is a label only where it continues the numbering: see
# ``diffing.structure``; "2030. " opening a line is a year).
_OP_LABEL = re.compile(r"(\d{1,6})\.(?:[ \t]+|$)")
#: "(a)", "(aa)", "(iii)", "(viii)", "(xviii)"
_SUB_LABEL = re.compile(r"\(([a-z]{1,3}|[ivxl]{4,7})\)(?:[ \t]+|$)")
_SUB_LABEL_FR = re.compile(r"([a-z]{1,4})\)(?:[ \t]+|$)")
_BARE_NUMBER = re.compile(r"\s*(\d{1,3})\s*")
CLOSING = re.compile(
    r"\s*\d{1,3}\^?(?:st|nd|rd|th|e|re|a)?\^?\.?\s+(?:\((?:resumed|suite)\)\s+)?"
    r"(?:plenary meeting|séance plénière|sesión plenaria)\s*",
    re.IGNORECASE,
)
"""The closing line "39th plenary meeting" (fullmatch on a line, search in a heading)."""
ASSEMBLY_LINE = re.compile(
    r"\s*(?:The General Assembly|L['’]Assemblée générale|La Asamblea General)\s*,?\s*"
)
"""The line that opens the body: "The General Assembly," (fullmatch)."""
ASSEMBLY_OPENS = re.compile(
    r"\s*(?:The General Assembly|L['’]Assemblée générale|La Asamblea General)\s*,?\s+\S"
)
"""A body opened by the Assembly's words in a sentence: a decision,
"The General Assembly, taking note of ..., decides to ..." (match)."""
ANNEX = re.compile(r"\s*(?:Annex|Annexe|Anexo)(?:\s+([IVXLC]+|\d+|[A-Z]))?\s*", re.IGNORECASE)
"""An annex heading, "Annex" or "Annex II" (fullmatch)."""
PART_HEADING = re.compile(
    r"\s*(?:(?:Resolution|Résolution|Resolución)\s+)?([A-Z]|[IVXLC]{1,6})\.?\s*"
)
"""A part heading, "B", "II." or "Resolution A" (fullmatch)."""
ARTICLE = re.compile(
    r"\s*(Article|Rule|Section|Chapter|Part|Regulation|Annex)\s+(\d{1,3}|[IVXLC]{1,6})\b", re.I
)
"""A heading of an annexed text that opens a part of its own: "Article 4", "Rule 18"."""
SECTION_LABEL = re.compile(r"\s*(?:[A-Z]|[IVXLC]{1,6})\.(?:\s+[A-Z]\S*.{0,120})?\s*")
"""A section heading's label, "B." then maybe its title (fullmatch on the first line)."""
TABLE_NOTE = re.compile(r"\s*[a-z] [A-Z]")
"""A table's note, "a Excluding ..." (match)."""
OPERATIVE_START = re.compile(
    r"(?:(?:Also|Further|Again|Once again|Strongly|Further also)\s+)?[A-Z][a-z]+s\b"
)
"""The verb opening an operative paragraph: "Decides", "Also requests" (match)."""
PREAMBLE_LEAD = re.compile(
    r"(?:[A-Z][a-z]+ing|Convinced|Concerned|Deeply|Mindful|Aware|Conscious|Cognizant|Alarmed"
    r"|Determined|Gravely|Seriously|Guided|Desirous|Encouraged|Reaffirming|Profoundly)\b"
)
"""The word opening a preambular paragraph: "Recalling", "Mindful" (match)."""
_STARS = re.compile(r"\s*\*\s*\*\s*\*\s*")
# After the closing punctuation: quotes or brackets, then a footnote marker
# (number, stars, superscript or token), to the end of the text.
_MARK_AT_END = r"[”’\"')]*\s*(?:\d{1,3}|\*{1,3}|[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,3}|\ue000[^\ue001]{1,4}\ue001)?\s*$"
_ENDS_PUNCT = re.compile(r"[.;:,!?]" + _MARK_AT_END)
_CLOSES = re.compile(r"[.;:]" + _MARK_AT_END)
_ENDS_COMMA = re.compile(r",[”’\"')]*\s*(?:\d{1,3}|\ue000[^\ue001]{1,4}\ue001)?\s*$")
_NOT_PARTICIPLES = frozenset(
    {"Beijing", "Kunming", "Nanjing", "Wyoming", "Sterling", "Reading", "Spring", "King", "Ring"}
)


@dataclass(slots=True)
class Block:
    """Lines of one printed paragraph; ``soft`` when a page break came before it.

    ``first`` is the first character of its text. The lines are not changed
    once the block is made (:attr:`text` is kept once asked for).
    """

    lines: list[str]
    soft: bool = False
    first: str = field(init=False, repr=False, compare=False)
    _text: str | None = field(default=None, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self.first = first_char(self.lines[0]) if self.lines else ""

    @property
    def text(self) -> str:
        """The block's words on one line, single-spaced."""
        if self._text is None:
            self._text = " ".join(" ".join(self.lines).split())
        return self._text


def first_char(line: str) -> str:
    """The first character of ``line`` after its leading spaces, "" if it has none.

    A pattern's first character tested before the pattern spares most lines a
    regular expression.

    >>> first_char("  (a) To"), first_char("12."), first_char(" ")
    ('(', '1', '')
    """
    c = line[:1]
    return line.lstrip()[:1] if c.isspace() else c


def is_closing(line: str) -> bool:
    """The closing line "39th plenary meeting" (:data:`CLOSING`, whole line)."""
    return first_char(line).isdigit() and CLOSING.fullmatch(line) is not None


def is_annex(line: str) -> bool:
    """An annex heading, "Annex II" (:data:`ANNEX`, whole line)."""
    return first_char(line) in ("A", "a") and ANNEX.fullmatch(line) is not None


class NumberLabel(NamedTuple):
    """The label "12." opening a block: an operative paragraph, or an item of a list."""

    printed: str  # "12", as printed
    rest: str  # the text after the label on its line

    @property
    def number(self) -> int:
        return int(self.printed)


class LetterLabel(NamedTuple):
    """The label "(a)", "(iv)" or French "a)" opening a block: a sub-paragraph."""

    value: str  # "a", "iv"
    rest: str


Label = NumberLabel | LetterLabel


def make_blocks(lines: list[str]) -> list[Block]:
    """Group non-blank lines into blocks, noting page breaks between them.

    >>> [(b.lines, b.soft) for b in make_blocks(["a", "b", " ", "c", "\\x00PAGE\\x00", "d"])]
    [(['a', 'b'], False), (['c'], False), (['d'], True)]
    """
    # The lines that part blocks (blank, page break, "* * *") are found first; the
    # blocks are the runs of lines between them.
    gaps = [
        k
        for k, line in enumerate(lines)
        if not line
        or line.isspace()
        or line == PAGE_BREAK
        or ("*" in line and _STARS.fullmatch(line))
    ]
    gaps.append(len(lines))
    blocks: list[Block] = []
    after = 0  # the first line after the last gap
    soft = False  # a page break came since the last block
    for k in gaps:
        if k > after:
            blocks.append(Block(lines[after:k], soft))
            soft = False
        soft = soft or (k < len(lines) and lines[k] == PAGE_BREAK)
        after = k + 1
    return blocks


def read_label(first: str, french: bool) -> Label | None:
    """The label opening the line ``first``, if any.

    >>> read_label("12. Decides", False), read_label("(a) To", False), read_label("a) Des", True)
    (NumberLabel(printed='12', rest='Decides'), LetterLabel(value='a', rest='To'), LetterLabel(value='a', rest='Des'))
    """
    c = first_char(first)
    if c.isdigit():
        s = first.lstrip()
        m = _OP_LABEL.match(s)
        return NumberLabel(m.group(1), s[m.end() :]) if m else None
    if c == "(":
        s = first.lstrip()
        m = _SUB_LABEL.match(s)
        return LetterLabel(m.group(1), s[m.end() :]) if m else None
    if french and "a" <= c <= "z":
        s = first.lstrip()
        m = _SUB_LABEL_FR.match(s)
        if m and (len(m.group(1)) == 1 or ROMAN_LOWER.fullmatch(m.group(1))):
            return LetterLabel(m.group(1), s[m.end() :])
    return None


def has_label(first: str, french: bool) -> bool:
    """Whether the line ``first`` opens with a label (:func:`read_label` is not None)."""
    c = first_char(first)
    if c.isdigit():
        return _OP_LABEL.match(first.lstrip()) is not None
    if c == "(":
        return _SUB_LABEL.match(first.lstrip()) is not None
    m = _SUB_LABEL_FR.match(first.lstrip()) if french and "a" <= c <= "z" else None
    return m is not None and (len(m.group(1)) == 1 or bool(ROMAN_LOWER.fullmatch(m.group(1))))


def bare_number(block: Block) -> str | None:
    """A number alone on the first line of a longer block ("26" printed without its period)."""
    if len(block.lines) < 2 or not block.first.isdigit():
        return None
    m = _BARE_NUMBER.fullmatch(block.lines[0])
    return m.group(1) if m else None


def ends_open(text: str) -> bool:
    """True when a block ends mid-sentence (no closing punctuation)."""
    return not _ENDS_PUNCT.search(text.rstrip()[-14:])


def ends_comma(text: str) -> bool:
    """True when a block ends with a comma (a preambular paragraph, or a list cut by a page)."""
    return text.rstrip().rstrip("0123456789*⁰¹²³⁴⁵⁶⁷⁸⁹").rstrip().endswith(",")


def starts_lower(text: str) -> bool:
    s = text.lstrip("“‘\"'([ ")
    return bool(s) and s[0].islower()


def _closes(line: str) -> bool:
    """Whether ``line`` ends a sentence or a clause (``.``, ``;`` or ``:``, then a marker)."""
    return bool(_CLOSES.search(line[-12:]))


def _unfinished_preamble(blocks: list[Block]) -> bool:
    """The last of ``blocks`` is a preambular paragraph cut mid-sentence by a gap.

    It opens with a participle, runs over several lines and follows a
    preambular paragraph closed by a comma: inside the preamble, not a title
    ("Strengthening International Cooperation ...") that opens an annex.
    """
    if len(blocks) < 2:
        return False
    last, before = blocks[-1], blocks[-2]
    return (
        len(last.lines) >= 2
        and bool(PREAMBLE_LEAD.match(last.lines[0].lstrip()))
        and bool(PREAMBLE_LEAD.match(before.lines[0].lstrip()))
        and ends_comma(before.lines[-1])
    )


def _opens(block: Block) -> bool:
    """Whether ``block`` opens a paragraph of its own, or is too long to be a tail."""
    first = block.lines[0].lstrip()
    return len(block.lines) > 1 or bool(PREAMBLE_LEAD.match(first) or OPERATIVE_START.match(first))


def _continues(out: list[Block], b: Block) -> bool:
    """Whether block ``b`` goes on the paragraph of the last block of ``out``."""
    prev = out[-1].lines[-1]
    lower = starts_lower(b.lines[0])
    digit = b.lines[0].lstrip()[:1].isdigit()
    return (
        (b.soft and (ends_open(prev) or lower or (digit and ends_comma(prev))))
        or (lower and not prev.rstrip().endswith((".", ";", ":")))
        or (ends_open(prev) and _unfinished_preamble(out) and not _opens(b))
    )


def merge_blocks(blocks: list[Block], french: bool) -> list[Block]:
    """Join the blocks that are one paragraph cut by a page break or footnotes."""
    out: list[Block] = []
    for b in blocks:
        if (
            out
            and not has_label(b.lines[0], french)
            and not is_closing(b.lines[0])
            and not is_closing(out[-1].lines[0])
            and not is_annex(b.lines[0])
            and _continues(out, b)
        ):
            out[-1] = Block(out[-1].lines + b.lines, out[-1].soft)
            continue
        out.append(Block(list(b.lines), b.soft))
    return out


def is_table(block: Block) -> bool:
    """Many short lines or many numbers: the cells of a table."""
    lines = [line.strip() for line in block.lines]
    if len(lines) < 3:
        return False
    short = sum(1 for line in lines if len(line) < 45)
    words = " ".join(lines).split()
    numeric = sum(1 for w in words if any(c.isdigit() for c in w))
    if lines[-1].rstrip().endswith((",", ";", ":")):
        return False  # a paragraph, however many numbers it cites
    return short > 0.6 * len(lines) or numeric > 0.4 * len(words)


def is_heading(block: Block) -> bool:
    """A short block without closing punctuation, or a section label and its title."""
    if (
        len(block.lines) <= 6
        and "A" <= block.first <= "Z"
        and (SECTION_LABEL.fullmatch(block.lines[0]) or PART_HEADING.fullmatch(block.lines[0]))
    ):
        # "B." or "II" then a title of a few lines: a section heading.
        return not _ENDS_PUNCT.search(block.lines[-1][-12:]) or len(block.lines) == 1
    if len(block.lines) > 4:
        return False
    text = block.text
    if not text or len(text) > (160 if len(block.lines) <= 2 else 300) or starts_lower(text):
        return False
    if ASSEMBLY_LINE.fullmatch(text):
        return False
    if PART_HEADING.fullmatch(text):
        return True
    return not _ENDS_PUNCT.search(text[-12:])


def _heading_lines(lines: list[str]) -> bool:
    """Whether ``lines`` (before a numbered paragraph, in one block) are a heading: one
    line, a section label and its title, or a title of a few lines ("Priority area 1:
    Structural transformation and science, technology" / "and innovation")."""
    if len(lines) > 4 or lines[-1].rstrip().endswith((",", ";")):
        return False
    return (
        len(lines) == 1
        or bool(SECTION_LABEL.fullmatch(lines[0]))
        or (len(lines) <= 3 and lines[0].lstrip()[:1].isupper() and is_heading(Block(lines)))
    )


def _two_preambles(prev: str, line: str) -> bool:
    """Two preambular paragraphs in one block: "..., online," then "Reaffirming further"."""
    return (
        bool(PREAMBLE_LEAD.match(line) and _ENDS_COMMA.search(prev[-14:]))
        and line.split(" ", 1)[0] not in _NOT_PARTICIPLES
    )


def _first_operative(prev: str, line: str, m: re.Match[str], in_operative: bool) -> bool:
    """Operative paragraph 1 right under the last preambular line ("...,9" then "1."
    alone or "1. Endorses"), with no blank line between them."""
    if in_operative or m.group(1) != "1" or not _ENDS_COMMA.search(prev[-14:]):
        return False
    rest = line[m.end() :]
    return not rest.strip() or rest[:1].isupper()


def split_block(block: Block, expected: set[int], in_operative: bool) -> tuple[Block, Block | None]:
    """Cut ``block`` where a new paragraph starts a line inside it.

    A paragraph starts at a line opening with one of the ``expected`` numbers
    (after a closed sentence or a heading), at a sub-paragraph label after a
    line ending with ``;`` or ``:``, or, in the preamble, at a participle after
    a line ending with a comma.
    """
    lines = block.lines
    if block.first.isdigit():
        m0 = _OP_LABEL.match(lines[0].lstrip()) or _BARE_NUMBER.fullmatch(lines[0])
        if m0:
            expected = {int(m0.group(1)) + 1}
    for k in range(1, len(lines)):
        line = lines[k]
        c = first_char(line)
        # Each way to start a paragraph has its own first character.
        if c.isdigit():
            line = line.lstrip()
            m = _OP_LABEL.match(line)
            if not (
                m
                and int(m.group(1)) in expected
                and (
                    _closes(lines[k - 1])
                    or _heading_lines(lines[:k])
                    or _first_operative(lines[k - 1], line, m, in_operative)
                )
            ):
                continue
        elif c == "(":
            if not (_SUB_LABEL.match(line.lstrip()) and lines[k - 1].rstrip().endswith((";", ":"))):
                continue
        elif in_operative or not "A" <= c <= "Z" or not _two_preambles(lines[k - 1], line.lstrip()):
            continue
        return Block(lines[:k], block.soft), Block(lines[k:], False)
    return block, None
