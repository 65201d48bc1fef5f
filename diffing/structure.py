"""From clean body lines to numbered paragraphs: blocks, labels, parts, annexes.

Public functions: :func:`build_paragraphs`, :func:`make_blocks`,
:func:`merge_blocks`. The id conventions:

* ``PP<n>`` preambular paragraphs in order; ``OP<n>`` operative paragraphs by
  printed number; ``OP8(a)`` a sub-paragraph of OP8 and ``OP8(a)(i)`` a
  sub-sub-paragraph of ``OP8(a)`` (``parent`` is the enclosing paragraph,
  ``number`` its own label ``"a"`` or ``"i"``); a sub-paragraph inside the
  preamble hangs from its preambular paragraph (``PP5(a)``). A label at the
  start of a printed line inside a sentence (``...; and (b) preventing``) is
  not a sub-paragraph: only a label opening a paragraph, or a line after one
  ending with ``;`` or ``:``, is.
* A numbered list inside an operative paragraph (``11. Approves the following
  agenda:`` then ``1.``, ``2.`` ...) gives sub-paragraphs ``OP11(1)``, ``OP11(2)``.
* A resolution whose operative part is not numbered (``Approves the report of
  the Credentials Committee.``) has unnumbered operative paragraphs ``OP1``,
  ``OP2`` ... with ``number`` None, and a note.
* When operative numbering restarts at 1 the document has parts; the part is the
  heading printed before it (``A``, ``B``, ``I``, ``II``) or the next letter,
  and every id is prefixed with it (``B.OP1``). Once parts exist, the next
  heading in sequence (``XX`` after ``XIX``) opens the next part even without
  numbered paragraphs. A heading whose numbering does not restart (a section
  title such as ``II`` inside one resolution) is not a part and is not a
  paragraph. A lettered section heading inside a list (``B. Scale up climate
  action``, then ``(a)`` again) gives ``OP32.B(a)``.
* Everything after an ``Annex`` heading is its own part (``ANNEX``,
  ``ANNEX-I``); inside an annex each ``Article 4`` or ``Rule 18`` heading opens
  a part of its own (``ANNEX.Art4``, ``ANNEX-III.Rule18``), as does numbering
  that restarts (``ANNEX.II``, ``ANNEX.2``). A part name already used gets
  ``-2``, ``-3``.
* An unnumbered block after the operative part has begun (a table, a
  quotation, the end of a list) is appended to the paragraph before it, unless
  a heading came in between (then it is an unnumbered paragraph, ``PP<n>``).
"""

from __future__ import annotations

import re
from collections.abc import Container
from dataclasses import dataclass, field

from diffing.cleanup import PAGE_BREAK, join_lines
from diffing.footnotes import detach_markers
from diffing.leads import lead_of
from diffing.model import Paragraph

__all__ = ["ASSEMBLY_LINE", "Block", "build_paragraphs", "make_blocks", "merge_blocks"]

_OP_LABEL = re.compile(r"(\d{1,4})\.(?:[ \t]+|$)")
_SUB_LABEL = re.compile(r"\(([a-z]{1,3})\)(?:[ \t]+|$)")
_SUB_LABEL_FR = re.compile(r"([a-z]{1,4})\)(?:[ \t]+|$)")
_ROMAN = re.compile(r"(?=[ivxlc])(?:c{0,3})(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3})")
_ROMAN_UPPER = re.compile(r"(?=[IVXLC])(?:C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})")
_CLOSING = re.compile(
    r"\s*\d{1,3}(?:st|nd|rd|th|e|re|a)?\.?\s+(?:\((?:resumed|suite)\)\s+)?"
    r"(?:plenary meeting|séance plénière|sesión plenaria)\s*",
    re.IGNORECASE,
)
ASSEMBLY_LINE = re.compile(
    r"\s*(?:The General Assembly|L['’]Assemblée générale|La Asamblea General)\s*,?\s*"
)
"""The line that opens the body: "The General Assembly," (fullmatch)."""
_ANNEX = re.compile(r"\s*(?:Annex|Annexe|Anexo)(?:\s+([IVXLC]+|\d+|[A-Z]))?\s*", re.IGNORECASE)
_PART_HEADING = re.compile(
    r"\s*(?:(?:Resolution|Résolution|Resolución)\s+)?([A-Z]|[IVXLC]{1,6})\.?\s*"
)


@dataclass
class Block:
    """Lines of one printed paragraph; ``soft`` when a page break came before it."""

    lines: list[str]
    soft: bool = False


_STARS = re.compile(r"\s*\*\s*\*\s*\*\s*")


def make_blocks(lines: list[str]) -> list[Block]:
    """Group non-blank lines into blocks, noting page breaks between them.

    >>> [(b.lines, b.soft) for b in make_blocks(["a", "b", " ", "c", "\\x00PAGE\\x00", "d"])]
    [(['a', 'b'], False), (['c'], False), (['d'], True)]
    """
    blocks: list[Block] = []
    cur: list[str] = []
    soft = False
    pending_soft = False
    for line in lines:
        if line == PAGE_BREAK:
            if cur:
                blocks.append(Block(cur, soft))
                cur = []
                soft = False
            pending_soft = True
            continue
        if not line.strip() or _STARS.fullmatch(line):
            if cur:
                blocks.append(Block(cur, soft))
                cur = []
                soft = False
            continue
        if not cur:
            soft = pending_soft
            pending_soft = False
        cur.append(line)
    if cur:
        blocks.append(Block(cur, soft))
    return blocks


def _label(first: str, french: bool) -> tuple[str, str, str] | None:
    """``("op", "12", rest)`` / ``("sub", "a", rest)`` for a labelled line."""
    s = first.lstrip()
    m = _OP_LABEL.match(s)
    if m:
        return ("op", m.group(1), s[m.end() :])
    m = _SUB_LABEL.match(s)
    if m:
        return ("sub", m.group(1), s[m.end() :])
    if french:
        m = _SUB_LABEL_FR.match(s)
        if m and (len(m.group(1)) == 1 or _ROMAN.fullmatch(m.group(1))):
            return ("sub", m.group(1), s[m.end() :])
    return None


def _ends_open(text: str) -> bool:
    """True when a block ends mid-sentence (no closing punctuation)."""
    return not _ENDS_PUNCT.search(text.rstrip()[-14:])


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
        and bool(_PREAMBLE_LEAD.match(last.lines[0].lstrip()))
        and bool(_PREAMBLE_LEAD.match(before.lines[0].lstrip()))
        and _ends_comma(before.lines[-1])
    )


def _opens(block: Block) -> bool:
    """Whether ``block`` opens a paragraph of its own, or is too long to be a tail."""
    first = block.lines[0].lstrip()
    return len(block.lines) > 1 or bool(
        _PREAMBLE_LEAD.match(first) or _OPERATIVE_START.match(first)
    )


def _preamble_line(block: Block, st: _State) -> bool:
    """A one-line preambular paragraph that lost its closing comma, not a heading.

    In the preamble of the resolution itself (not an annex), a line opening
    with a participle ("Having received the report ... for 2022") is a
    paragraph: dropping it as a heading would lose text.
    """
    words = block.lines[0].split()
    return (
        not st.in_operative
        and not st.annex
        and st.part is None
        and len(words) >= 4
        and words[1][:1].islower()  # "Peacebuilding Commission" is a heading
        and bool(_PREAMBLE_LEAD.match(words[0]))
    )


def _ends_comma(text: str) -> bool:
    """True when a block ends with a comma (a preambular paragraph, or a list cut by a page)."""
    return text.rstrip().rstrip("0123456789*⁰¹²³⁴⁵⁶⁷⁸⁹").rstrip().endswith(",")


def _starts_lower(text: str) -> bool:
    s = text.lstrip("“‘\"'([ ")
    return bool(s) and s[0].islower()


def merge_blocks(blocks: list[Block], french: bool) -> list[Block]:
    """Join the blocks that are one paragraph cut by a page break or footnotes."""
    out: list[Block] = []
    for b in blocks:
        if (
            out
            and _label(b.lines[0], french) is None
            and not _CLOSING.fullmatch(b.lines[0])
            and not _CLOSING.fullmatch(out[-1].lines[0])
            and not _ANNEX.fullmatch(b.lines[0])
        ):
            prev = out[-1].lines[-1]
            lower = _starts_lower(b.lines[0])
            digit = b.lines[0].lstrip()[:1].isdigit()
            if (
                (b.soft and (_ends_open(prev) or lower or (digit and _ends_comma(prev))))
                or (lower and not prev.rstrip().endswith((".", ";", ":")))
                or (_ends_open(prev) and _unfinished_preamble(out) and not _opens(b))
            ):
                out[-1].lines.extend(b.lines)
                continue
        out.append(Block(list(b.lines), b.soft))
    return out


# After the closing punctuation: quotes or brackets, then a footnote marker
# (number, stars, superscript or token), to the end of the text.
_MARK_AT_END = r"[”’\"')]*\s*(?:\d{1,3}|\*{1,3}|[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,3}|\ue000[^\ue001]{1,4}\ue001)?\s*$"
_ENDS_PUNCT = re.compile(r"[.;:,!?]" + _MARK_AT_END)
_CLOSES = re.compile(r"[.;:]" + _MARK_AT_END)


_ARTICLE = re.compile(
    r"\s*(Article|Rule|Section|Chapter|Part|Regulation|Annex)\s+(\d{1,3}|[IVXLC]{1,6})\b", re.I
)
_BARE_NUMBER = re.compile(r"\s*(\d{1,3})\s*")
_TABLE_NOTE = re.compile(r"\s*[a-z] [A-Z]")
_SECTION_LABEL = re.compile(r"\s*(?:[A-Z]|[IVXLC]{1,6})\.(?:\s+[A-Z]\S*.{0,120})?\s*")


def _is_table(block: Block) -> bool:
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


def _is_heading(block: Block) -> bool:
    if _SECTION_LABEL.fullmatch(block.lines[0]) and len(block.lines) <= 6:
        # "B." then a title of a few lines: a section heading.
        return not _ENDS_PUNCT.search(block.lines[-1][-12:]) or len(block.lines) == 1
    if len(block.lines) > 4:
        return False
    text = " ".join(" ".join(block.lines).split())
    if not text or len(text) > (160 if len(block.lines) <= 2 else 300) or _starts_lower(text):
        return False
    if ASSEMBLY_LINE.fullmatch(text):
        return False
    if _PART_HEADING.fullmatch(text):
        return True
    return not _ENDS_PUNCT.search(text[-12:])


@dataclass
class _Para:
    kind: str
    label: str | None
    lines: list[str]
    part: str | None
    parent_key: int | None = None  # index of the parent in the list
    order: int = 0  # position of an unnumbered operative paragraph
    section: str | None = None


@dataclass
class _State:
    paras: list[_Para] = field(default_factory=list)
    part: str | None = None
    in_operative: bool = False
    last_top: int | None = None  # index into paras of the last preambular or operative paragraph
    after_heading: bool = False  # a heading came after the last paragraph
    section: str | None = None  # "B" of a "B. Title" heading inside a paragraph's list
    last_sub: int | None = None
    last_letter: str | None = None
    heading: str | None = None
    annex: bool = False
    ops_in_part: int = 0
    closed: bool = False
    heading_first: str | None = None
    last_number: int = 0  # last top-level operative number in the part
    nested: int | None = None  # paragraph owning a numbered list "1. ... 2. ..."
    nested_last: int = 0
    annex_base: str = ""
    annex_restarts: int = 0
    annex_first_heading: str | None = None
    used_parts: set[str] = field(default_factory=set)
    part_suffix: dict[str, int] = field(default_factory=dict)


_ROMAN_VALUES = (
    (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
    (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
)  # fmt: skip


def _to_roman(n: int) -> str:
    out = []
    for value, letters in _ROMAN_VALUES:
        while n >= value:
            out.append(letters)
            n -= value
    return "".join(out)


def _from_roman(s: str) -> int | None:
    total = 0
    i = 0
    for value, letters in _ROMAN_VALUES:
        while s.startswith(letters, i):
            total += value
            i += len(letters)
    return total if i == len(s) and total and _to_roman(total) == s else None


def _next_part_name(prev: str | None) -> str:
    """The part after ``prev``: B after A, III after II.

    >>> _next_part_name("A"), _next_part_name("XIX"), _next_part_name(None)
    ('B', 'XX', 'B')
    """
    if prev is None:
        return "B"
    number = _from_roman(prev)
    if number is not None and (len(prev) > 1 or prev in "IVX"):
        return _to_roman(number + 1)
    if len(prev) == 1 and "A" <= prev < "Z":
        return chr(ord(prev) + 1)
    return prev  # made unique by _unique_part


def _unique_part(st: _State, name: str) -> str:
    """``name``, or ``name-2``, ``name-3`` ... when a part of that name exists."""
    if name in st.used_parts:
        k = st.part_suffix.get(name, 1) + 1
        while f"{name}-{k}" in st.used_parts:
            k += 1
        st.part_suffix[name] = k
        name = f"{name}-{k}"
    st.used_parts.add(name)
    return name


def _start_part(st: _State, name: str | None) -> None:
    if st.part is None and st.paras:
        # The text before the first restart was part A (or I).
        first = "I" if name is not None and _ROMAN_UPPER.fullmatch(name) and name != "I" else "A"
        if st.heading_first is not None:
            first = st.heading_first
        first = _unique_part(st, first)
        for p in st.paras:
            if p.part is None:
                p.part = first
        st.part = first
    st.part = _unique_part(st, name if name is not None else _next_part_name(st.part))
    _restart_numbering(st)


def _add_top(st: _State, para: _Para) -> None:
    """Append a preambular or operative paragraph: what follows hangs from it."""
    st.paras.append(para)
    st.last_top = len(st.paras) - 1
    st.last_sub = None
    st.last_letter = None
    st.section = None
    st.after_heading = False


def _restart_numbering(st: _State) -> None:
    """A new part, annex or article: numbering and the last paragraphs start afresh."""
    st.in_operative = False
    st.last_sub = st.last_top = None
    st.last_letter = None
    st.ops_in_part = 0
    st.last_number = 0
    st.nested = None


_OPERATIVE_START = re.compile(
    r"(?:(?:Also|Further|Again|Once again|Strongly|Further also)\s+)?[A-Z][a-z]+s\b"
)


def _closes(line: str) -> bool:
    """Whether ``line`` ends a sentence or a clause (``.``, ``;`` or ``:``, then a marker)."""
    return bool(_CLOSES.search(line[-12:]))


_PREAMBLE_LEAD = re.compile(
    r"(?:[A-Z][a-z]+ing|Convinced|Concerned|Deeply|Mindful|Aware|Conscious|Cognizant|Alarmed"
    r"|Determined|Gravely|Seriously|Guided|Desirous|Encouraged|Reaffirming|Profoundly)\b"
)
_ENDS_COMMA = re.compile(r",[”’\"')]*\s*(?:\d{1,3}|\ue000[^\ue001]{1,4}\ue001)?\s*$")
_NOT_PARTICIPLES = frozenset(
    {"Beijing", "Kunming", "Nanjing", "Wyoming", "Sterling", "Reading", "Spring", "King", "Ring"}
)


def _heading_lines(lines: list[str]) -> bool:
    """Whether ``lines`` (before a numbered paragraph, in one block) are a heading."""
    if len(lines) > 4 or lines[-1].rstrip().endswith((",", ";")):
        return False
    return len(lines) == 1 or bool(_SECTION_LABEL.fullmatch(lines[0]))


def _split_block(block: Block, st: _State) -> tuple[Block, Block | None]:
    """Split a block where the next operative number starts a line."""
    expected = {st.last_number + 1}
    if st.nested is not None:
        expected.add(st.nested_last + 1)
    m0 = _OP_LABEL.match(block.lines[0].lstrip()) or _BARE_NUMBER.fullmatch(block.lines[0])
    if m0:
        n0 = int(m0.group(1))
        expected = {n0 + 1}
    for k in range(1, len(block.lines)):
        line = block.lines[k].lstrip()
        prev = block.lines[k - 1]
        m = _OP_LABEL.match(line)
        if m and int(m.group(1)) in expected and (_closes(prev) or _heading_lines(block.lines[:k])):
            return Block(block.lines[:k], block.soft), Block(block.lines[k:], False)
        if _SUB_LABEL.match(line) and prev.rstrip().endswith((";", ":")):
            return Block(block.lines[:k], block.soft), Block(block.lines[k:], False)
        if not st.in_operative and _PREAMBLE_LEAD.match(line) and _ENDS_COMMA.search(prev[-14:]):
            # "..., online,\nReaffirming further that": two preambular paragraphs.
            word = line.split(" ", 1)[0]
            if word not in _NOT_PARTICIPLES:
                return Block(block.lines[:k], block.soft), Block(block.lines[k:], False)
    return block, None


def build_paragraphs(
    lines: list[str],
    *,
    french: bool = False,
    vocabulary: Container[str] = frozenset(),
    first_part: str | None = None,
) -> tuple[list[Paragraph], list[str], list[str]]:
    """Paragraphs of a body; also the closing blocks' text and notes.

    Returns ``(paragraphs, closings, notes)``: ``closings`` holds the text of
    each "39th plenary meeting / 26 November 2018" block found.
    """
    st = _State(heading_first=first_part)
    if first_part is not None:
        st.part = _unique_part(st, first_part)
    notes: list[str] = []
    closings: list[str] = []
    blocks = merge_blocks(make_blocks(lines), french)
    queue = list(reversed(blocks))
    while queue:
        block, rest_block = _split_block(queue.pop(), st)
        if rest_block is not None:
            queue.append(rest_block)
        first = block.lines[0]
        text_all = " ".join(" ".join(block.lines).split())
        if _CLOSING.fullmatch(first):
            closings.append(text_all)
            st.closed = True
            continue
        if ASSEMBLY_LINE.fullmatch(text_all):
            if st.ops_in_part or st.closed:
                _start_part(
                    st, st.heading if st.heading and _PART_HEADING.fullmatch(st.heading) else None
                )
            st.closed = False
            continue
        m = _ANNEX.fullmatch(first)
        if m and (st.closed or st.ops_in_part or not st.paras):
            name = "ANNEX" + ("-" + m.group(1).upper() if m.group(1) else "")
            st.annex = True
            st.part = st.annex_base = _unique_part(st, name)
            st.annex_restarts = 0
            _restart_numbering(st)
            st.heading = None
            st.annex_first_heading = None
            continue
        label = _label(first, french)
        if label and label[0] == "op" and len(label[1]) > 3 and int(label[1]) != st.last_number + 1:
            label = None  # "2030. " opening a line is a year; paragraph 1000 follows 999
        bare = _BARE_NUMBER.fullmatch(first)
        if (
            label is None
            and bare
            and len(block.lines) > 1
            and int(bare.group(1)) == st.last_number + 1
        ):
            label = ("op", bare.group(1), "")  # "26" printed without its period
        if label is None and _is_heading(block) and not _preamble_line(block, st):
            if _CLOSING.search(text_all):
                closings.append(text_all)
                st.closed = True
                continue
            hm = _PART_HEADING.fullmatch(text_all) or _PART_HEADING.fullmatch(first)
            st.heading = hm.group(1) if hm else text_all
            if hm and st.part is not None and hm.group(1) == _next_part_name(st.part):
                # Parts are established: the next heading in sequence opens the next part.
                _start_part(st, hm.group(1))
            st.after_heading = True
            am = _ARTICLE.match(text_all)
            if am and st.annex and am.group(1).lower() != "annex":
                # Each article (rule, section) of an annexed text is its own part.
                name = f"{st.annex_base}.{am.group(1)[:4].rstrip('i').capitalize()}{am.group(2)}"
                st.part = _unique_part(st, name)
                _restart_numbering(st)
                st.annex_restarts += 1
            sm = _SECTION_LABEL.fullmatch(block.lines[0])
            st.section = block.lines[0].strip().split(".")[0] if sm else None
            if hm and not st.paras and st.heading_first is None:
                st.heading_first = hm.group(1)
            if hm and st.annex and not st.ops_in_part and st.annex_restarts == 0:
                st.annex_first_heading = hm.group(1)
            continue
        if st.closed and not st.annex:
            # Text after the closing line that is not an annex: keep it, plainly.
            st.closed = False
        if label is None:
            if st.paras and _TABLE_NOTE.match(first):
                st.paras[-1].lines.extend(block.lines)
                continue
            if (
                st.in_operative
                and st.paras
                and (st.paras[-1].kind != "preambular" or _is_table(block))
                and (not st.after_heading or _is_table(block))
            ):
                st.paras[-1].lines.extend(block.lines)
                continue
            _add_top(st, _Para("preambular", None, list(block.lines), st.part))
            st.nested = None
            continue
        kind, value, rest = label
        body = ([rest] if rest.strip() else []) + block.lines[1:]
        if kind == "op":
            number = int(value)
            if st.nested is not None:
                top = number == st.last_number + 1 and _OPERATIVE_START.match(" ".join(body))
                if number == st.nested_last + 1 and not top:
                    st.paras.append(_Para("subparagraph", value, body, st.part, st.nested))
                    st.nested_last = number
                    st.last_sub = len(st.paras) - 1
                    continue
                st.nested = None
            if (
                number == 1
                and st.ops_in_part
                and st.paras
                and st.paras[-1].lines
                and st.paras[-1].lines[-1].rstrip().endswith(":")
            ):
                st.nested = len(st.paras) - 1
                st.nested_last = 1
                st.paras.append(_Para("subparagraph", value, body, st.part, st.nested))
                st.last_sub = len(st.paras) - 1
                continue
            if number == 1 and st.ops_in_part and not st.annex:
                hm = _PART_HEADING.fullmatch(st.heading or "")
                # The preambular paragraphs since the last operative one open the new part.
                k = len(st.paras)
                while k > 0 and st.paras[k - 1].kind == "preambular":
                    k -= 1
                carried = st.paras[k:]
                _start_part(st, hm.group(1) if hm else None)
                for q in carried:
                    q.part = st.part
            elif number == 1 and st.ops_in_part and st.annex:
                if st.annex_restarts == 0 and st.annex_first_heading:
                    renamed = _unique_part(st, f"{st.annex_base}.{st.annex_first_heading}")
                    for q in st.paras:
                        if q.part == st.annex_base:
                            q.part = renamed
                st.annex_restarts += 1
                hm = _PART_HEADING.fullmatch(st.heading or "")
                suffix = hm.group(1) if hm else str(st.annex_restarts + 1)
                st.part = _unique_part(st, f"{st.annex_base}.{suffix}")
                st.ops_in_part = 0
            st.last_number = number
            _add_top(st, _Para("operative", value, body, st.part))
            st.in_operative = True
            st.ops_in_part += 1
            st.heading = None
            continue
        # Sub-paragraph.
        parent = st.last_top
        is_letter = len(value) == 1 and (
            not _ROMAN.fullmatch(value)
            or (st.last_letter is None and value != "i")
            or (st.last_letter is not None and ord(value) == ord(st.last_letter) + 1)
        )
        if not is_letter and not _ROMAN.fullmatch(value):
            is_letter = True
        if is_letter or st.last_sub is None:
            if parent is None:
                st.paras.append(_Para("preambular", None, list(block.lines), st.part))
                continue
            st.paras.append(_Para("subparagraph", value, body, st.part, parent))
            st.paras[-1].section = st.section
            st.last_sub = len(st.paras) - 1
            if is_letter:
                st.last_letter = value
            continue
        st.paras.append(_Para("subparagraph", value, body, st.part, st.last_sub))
    if not st.paras and blocks:
        # Nothing looked like a paragraph (headings only): keep every block.
        st.paras = [_Para("preambular", None, list(b.lines), None) for b in blocks]
        notes.append("no resolution structure found: every block is kept as a paragraph")
    elif _promote_unnumbered(st):
        notes.append("the operative part is not numbered: unnumbered operative paragraphs")
    return _finish(st, vocabulary), closings, notes


_VERB_LIKE = re.compile(r"[A-Za-zÀ-ÿ][a-zà-ÿ]+(?:ing|es|s|ed)|upon|for|on")


_OPERATIVE_VERB = re.compile(
    r"(?:(?:Also|Further|Again|Strongly|Once again|Further also|Hereby)\s+)?"
    r"(?!Has\b|Is\b|Was\b)[A-Z][a-z]+[^s\W]s\b"
    r"|The General Assembly,?\s+(?:(?:also|further)\s+)?(?!has\b|is\b|was\b)[a-z]+[^s\W]s\b"
)


def _promote_unnumbered(st: _State) -> bool:
    """In a part without numbered paragraphs, make the trailing "Decides ..." operative."""
    promoted = False
    parts: dict[str | None, list[_Para]] = {}
    for p in st.paras:
        parts.setdefault(p.part, []).append(p)
    for part, paras in parts.items():
        if (part or "").startswith("ANNEX") or any(p.kind == "operative" for p in paras):
            continue
        top = [p for p in paras if p.kind == "preambular"]
        first = next(
            (k for k, p in enumerate(top) if _OPERATIVE_VERB.match(" ".join(p.lines[0].split()))),
            None,
        )
        if first is None or (
            first == 0
            and len(top) > 1
            and not all(_OPERATIVE_VERB.match(" ".join(p.lines[0].split())) for p in top)
        ):
            continue
        for k, p in enumerate(top[first:], start=1):
            p.kind = "operative"
            p.label = None
            p.order = k
            promoted = True
    return promoted


def _finish(st: _State, vocabulary: Container[str]) -> list[Paragraph]:
    out: list[Paragraph] = []
    ids: list[str] = []
    pp_count: dict[str | None, int] = {}
    seen: set[str] = set()
    dup: dict[str, int] = {}
    for p in st.paras:
        prefix = f"{p.part}." if p.part else ""
        if p.kind == "preambular":
            pp_count[p.part] = pp_count.get(p.part, 0) + 1
            pid = f"{prefix}PP{pp_count[p.part]}"
            number = None
            parent = None
        elif p.kind == "operative":
            pid = f"{prefix}OP{p.label if p.label is not None else p.order}"
            number = p.label
            parent = None
        else:
            assert p.parent_key is not None
            parent = ids[p.parent_key]
            pid = f"{parent}({p.label})"
            if pid in seen and p.section:
                pid = f"{parent}.{p.section}({p.label})"
            number = p.label
        if pid in seen:
            base = pid
            k = dup.get(base, 1) + 1
            while f"{base}~{k}" in seen:
                k += 1
            dup[base] = k
            pid = f"{base}~{k}"
        seen.add(pid)
        ids.append(pid)
        text, notes = detach_markers(join_lines(p.lines, vocabulary))
        lead = lead_of(text)
        if p.kind == "subparagraph" and not _VERB_LIKE.fullmatch(
            lead.split(" ")[-1] if lead else ""
        ):
            lead = ""
        out.append(
            Paragraph(
                id=pid,
                kind=p.kind,  # type: ignore[arg-type]
                text=text,
                lead=lead,
                number=number,
                footnotes=notes,
                parent=parent,
                part=p.part,
            )
        )
    return out
