"""From clean body lines to numbered paragraphs: parts, annexes, numbering, ids.

Public function: :func:`build_paragraphs`. The blocks of the body come from
:mod:`diffing.blocks`; each block is of one :data:`Kind` and has one handler
in :class:`_Builder`. The id conventions:

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
  title such as ``II`` inside one resolution) is not a part; it is a heading.
  A lettered section heading inside a list (``B. Scale up climate
  action``, then ``(a)`` again) gives ``OP32.B(a)``.
* Everything after an ``Annex`` heading is its own part (``ANNEX``,
  ``ANNEX-I``); inside an annex each ``Article 4`` or ``Rule 18`` heading opens
  a part of its own (``ANNEX.Art4``, ``ANNEX-III.Rule18``), as does numbering
  that restarts (``ANNEX.II``, ``ANNEX.2``). A part name already used gets
  ``-2``, ``-3``.
* An unnumbered block after the operative part has begun (a table, a
  quotation, the end of a list) is appended to the paragraph before it, unless
  a heading came in between (then it is an unnumbered paragraph, ``PP<n>``).
  Short lines under a paragraph that ends with a colon are its list (up to a
  line closing the list), or a quotation it announces.
* Headings are paragraphs of kind ``heading``, ``H<n>`` counted per part
  (``ANNEX.H3``), numbering nothing; a label ("II.", "B", "IV" before a title)
  is their ``number``, a label alone on its line numbers the title under it.
  An ``Annex`` line also opens the annex of a draft once a paragraph has
  spoken of something annexed ("Adopts the declaration annexed to ...").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Container
from dataclasses import dataclass, field
from typing import Literal

from diffing.blocks import (
    ANNEX,
    ARTICLE,
    ASSEMBLY_LINE,
    ASSEMBLY_OPENS,
    CLOSING,
    OPERATIVE_START,
    PART_HEADING,
    PREAMBLE_LEAD,
    SECTION_LABEL,
    TABLE_NOTE,
    Block,
    Label,
    LetterLabel,
    NumberLabel,
    bare_number,
    is_heading,
    is_table,
    make_blocks,
    merge_blocks,
    read_label,
    split_block,
)
from diffing.cleanup import join_lines
from diffing.footnotes import detach_markers
from diffing.ladder import VERBS
from diffing.leads import lead_of
from diffing.lexicon import ROMAN_LOWER, ROMAN_UPPER, from_roman, to_roman
from diffing.model import Paragraph, ParagraphKind

__all__ = [
    "ASSEMBLY_LINE",
    "ASSEMBLY_OPENS",
    "Block",
    "Kind",
    "build_paragraphs",
    "make_blocks",
    "merge_blocks",
]


Kind = Literal["closing", "assembly", "annex", "heading", "listed", "numbered", "lettered", "plain"]
"""What a block of the body is; :class:`_Builder` has one handler for each:

* ``closing``: "39th plenary meeting" and its date;
* ``assembly``: "The General Assembly," again, which opens the next part;
* ``annex``: "Annex", "Annex II";
* ``heading``: a title, a part or section label;
* ``listed``: a short line under a paragraph that ends with a colon, an item of its list;
* ``numbered``: "12. Decides ...";
* ``lettered``: "(a) To ...";
* ``plain``: anything else, a preambular paragraph or the tail of the last one.
"""
_BODY_KINDS = frozenset({"numbered", "lettered", "plain"})


@dataclass
class _Para:
    """A paragraph being built: its printed lines; ids are given at the end."""

    kind: ParagraphKind
    label: str | None
    lines: list[str]
    part: str | None
    parent_key: int | None = None  # index of the parent in the list
    order: int = 0  # position of an unnumbered operative paragraph
    section: str | None = None  # "B" of a "B. Title" heading inside a paragraph's list
    dropped: bool = False  # a heading that only repeated its part's name


_UNIQUE_SUFFIX = re.compile(r"(?:-\d+)+$")


def _next_part_name(prev: str | None) -> str:
    """The part after ``prev``: B after A, III after II.

    >>> _next_part_name("A"), _next_part_name("XIX"), _next_part_name(None)
    ('B', 'XX', 'B')
    """
    if prev is None:
        return "B"
    number = from_roman(prev)
    if number is not None and (len(prev) > 1 or prev in "IVX"):
        return to_roman(number + 1)
    if len(prev) == 1 and "A" <= prev < "Z":
        return chr(ord(prev) + 1)
    # made unique by _Parts.unique ("Z-2", "Z-3"...): never a suffix on a suffix, whose
    # names would grow with every part (quadratic memory on hostile input)
    return _UNIQUE_SUFFIX.sub("", prev)


@dataclass
class _Parts:
    """The part paragraphs go to, and every part name given so far (each once)."""

    current: str | None = None
    first: str | None = None  # the printed heading of the first part ("A", "I")
    used: set[str] = field(default_factory=set)
    suffix: dict[str, int] = field(default_factory=dict)
    annex: bool = False  # inside an annex
    annex_base: str = ""  # "ANNEX", "ANNEX-II"
    annex_restarts: int = 0  # numbering restarts (and articles) inside the annex
    annex_first: str | None = None  # the first part heading inside the annex

    def unique(self, name: str) -> str:
        """``name``, or ``name-2``, ``name-3`` ... when a part of that name exists."""
        if name in self.used:
            k = self.suffix.get(name, 1) + 1
            while f"{name}-{k}" in self.used:
                k += 1
            self.suffix[name] = k
            name = f"{name}-{k}"
        self.used.add(name)
        return name


@dataclass
class _Numbering:
    """Where the numbering of the current part stands."""

    in_operative: bool = False
    count: int = 0  # operative paragraphs in the part
    last: int = 0  # last top-level operative number
    nested: int | None = None  # paragraph owning a numbered list "1. ... 2. ..."
    nested_last: int = 0

    def expected(self) -> set[int]:
        """The numbers the next numbered paragraph may carry."""
        if self.nested is None:
            return {self.last + 1}
        return {self.last + 1, self.nested_last + 1}


@dataclass
class _Anchor:
    """What the next block may hang from, and what came just before it."""

    top: int | None = None  # the last preambular or operative paragraph
    sub: int | None = None  # the last sub-paragraph
    letter: str | None = None  # the last sub-paragraph letter
    section: str | None = None  # "B" of a "B. Title" heading inside a paragraph's list
    after_heading: bool = False  # a heading came after the last paragraph
    listing: bool = False  # the last paragraph ends with a colon: a list may follow
    in_list: bool = False  # items of that list are coming
    heading: str | None = None  # the last heading (a part label, or its text)
    closed: bool = False  # a closing line came ("39th plenary meeting")


class _Builder:
    """Turns blocks into paragraphs, one handler per :data:`Kind` of block."""

    def __init__(
        self, french: bool, first_part: str | None, first_heading: list[str] | None = None
    ) -> None:
        self.french = french
        self.last_body: int | None = None  # index of the last paragraph that is not a heading
        self.queue: list[Block] = []  # the blocks still to come, the next one last
        self.paras: list[_Para] = []
        self.closings: list[str] = []
        self.parts = _Parts(first=first_part)
        if first_part is not None:
            self.parts.current = self.parts.unique(first_part)
            if first_heading:
                self.paras.append(
                    _Para("heading", None, [first_part, *first_heading], self.parts.current)
                )
        self.num = _Numbering()
        self.at = _Anchor()
        self.handlers: dict[Kind, Callable[[Block, Label | None], None]] = {
            "closing": self._closing,
            "assembly": self._assembly,
            "annex": self._annex,
            "heading": self._heading,
            "listed": self._listed,
            "numbered": self._numbered,
            "lettered": self._lettered,
            "plain": self._plain,
        }

    def feed(self, blocks: list[Block]) -> None:
        queue = self.queue = list(reversed(blocks))
        while queue:
            block, rest = split_block(queue.pop(), self.num.expected(), self.num.in_operative)
            if rest is not None:
                queue.append(rest)
            kind, label = self.classify(block)
            if kind in _BODY_KINDS and self.at.closed and not self.parts.annex:
                self.at.closed = False  # text after the closing line, not an annex: kept plainly
            self.handlers[kind](block, label)

    # -- what a block is ------------------------------------------------------------

    def classify(self, block: Block) -> tuple[Kind, Label | None]:
        first, c = block.lines[0], block.first
        if c.isdigit() and CLOSING.fullmatch(first):
            return "closing", None
        if c in ("T", "L") and ASSEMBLY_LINE.fullmatch(block.text):
            return "assembly", None
        if c in ("A", "a") and ANNEX.fullmatch(first) and self._opens_annex(first):
            return "annex", None
        label = self._label(block)
        if isinstance(label, NumberLabel):
            return "numbered", label
        if isinstance(label, LetterLabel):
            return "lettered", label
        if is_heading(block) and not self._preamble_line(block):
            if CLOSING.search(block.text):
                return "closing", None
            return ("listed" if self._in_list(block) else "heading"), None
        return "plain", None

    def _opens_annex(self, first: str) -> bool:
        """An "Annex" line opens the annex after the closing, after operative paragraphs,
        before any paragraph, or once a paragraph has spoken of something annexed
        ("Adopts the political declaration ... annexed to the present resolution")."""
        return bool(
            self.at.closed
            or self.num.count
            or self.last_body is None
            or (first.lstrip()[:1].isupper() and self._annexed())
        )

    def _annexed(self) -> bool:
        return any(
            _ANNEXED.search(line) for p in self.paras if p.kind != "heading" for line in p.lines
        )

    def _in_list(self, block: Block) -> bool:
        """Short lines under a paragraph ending with a colon are the items of its list
        when the last of them closes the list ("Priority area 5: Means of
        implementation."), as is a quotation; one labelled as a section ("B. Title")
        or a part ("II") is a heading, as is a title with a paragraph under it."""
        if SECTION_LABEL.fullmatch(block.lines[0]) or PART_HEADING.fullmatch(block.text):
            return False
        if self.at.listing and block.text.startswith(_QUOTES):
            return True  # "... will be:" then the quoted theme
        return self.at.in_list or (self.at.listing and self._list_closes_ahead())

    def _list_closes_ahead(self) -> bool:
        """The blocks after this one: more short lines, then a short one ending the list."""
        for b in reversed(self.queue):
            b = split_block(b, self.num.expected(), self.num.in_operative)[0]
            if read_label(b.lines[0], self.french) is not None:
                return False
            if not is_heading(b):
                return len(b.lines) <= 2 and b.lines[-1].rstrip().endswith((".", ";"))
        return False

    def _label(self, block: Block) -> Label | None:
        label = read_label(block.lines[0], self.french)
        if (
            isinstance(label, NumberLabel)
            and len(label.printed) > 3
            and label.number != self.num.last + 1
        ):
            label = None  # "2030. " opening a line is a year; paragraph 1000 follows 999
        printed = bare_number(block)
        if label is None and printed is not None and int(printed) == self.num.last + 1:
            label = NumberLabel(printed, "")  # "26" printed without its period
        return label

    def _preamble_line(self, block: Block) -> bool:
        """A one-line preambular paragraph that lost its closing comma, not a heading.

        In the preamble of the resolution itself (not an annex), a line opening
        with a participle ("Having received the report ... for 2022") is a
        paragraph: dropping it as a heading would lose text.
        """
        words = block.lines[0].split()
        return (
            not self.num.in_operative
            and not self.parts.annex
            and self.parts.current is None
            and len(words) >= 4
            and words[1][:1].islower()  # "Peacebuilding Commission" is a heading
            and bool(PREAMBLE_LEAD.match(words[0]))
        )

    # -- one handler per kind of block -------------------------------------------------

    def _closing(self, block: Block, label: Label | None) -> None:
        self.closings.append(block.text)
        self.at.closed = True
        self.at.listing = self.at.in_list = False

    def _assembly(self, block: Block, label: Label | None) -> None:
        """The line "The General Assembly," after operative paragraphs or a closing: a new
        part, with the headings printed above the line."""
        if self.num.count or self.at.closed:
            heading = self.at.heading
            above = self.paras[(-1 if self.last_body is None else self.last_body) + 1 :]
            self._start_part(heading if heading and PART_HEADING.fullmatch(heading) else None)
            for h in above:
                h.part = self.parts.current
        self.at.closed = False
        self.at.listing = self.at.in_list = False

    def _annex(self, block: Block, label: Label | None) -> None:
        """An annex heading: everything after "Annex II" is the part ``ANNEX-II``."""
        m = ANNEX.fullmatch(block.lines[0])
        assert m is not None
        parts = self.parts
        parts.annex = True
        parts.current = parts.annex_base = parts.unique(
            "ANNEX" + ("-" + m.group(1).upper() if m.group(1) else "")
        )
        parts.annex_restarts = 0
        parts.annex_first = None
        self._restart()
        self.at.heading = None
        self.at.listing = self.at.in_list = False

    def _heading(self, block: Block, label: Label | None) -> None:
        """A heading: it may open the next part, or an article of an annex; it is a
        paragraph of kind ``heading`` of its own, and numbers nothing."""
        text, first = block.text, block.lines[0]
        hm = PART_HEADING.fullmatch(text) or PART_HEADING.fullmatch(first)
        self.at.heading = hm.group(1) if hm else text
        parts = self.parts
        if hm and parts.current is not None and hm.group(1) == _next_part_name(parts.current):
            # Parts are established: the next heading in sequence opens the next part
            # (after the closing of the last part, if printed: that part is closed).
            self._start_part(hm.group(1))
            self.at.closed = False
        self.at.after_heading = True
        self._article(text)
        self.at.section = first.strip().split(".")[0] if SECTION_LABEL.fullmatch(first) else None
        if hm and self.last_body is None and parts.first is None:
            parts.first = hm.group(1)
        if hm and parts.annex and not self.num.count and parts.annex_restarts == 0:
            parts.annex_first = hm.group(1)
        self.at.listing = self.at.in_list = False
        for lines in _headings_in(block.lines):
            words = " ".join(lines).strip()
            if _LETTER.search(words) and not _TABLE_ROW.match(words):  # no table cells
                self.paras.append(_Para("heading", None, lines, parts.current))

    def _listed(self, block: Block, label: Label | None) -> None:
        """An item of the list the last paragraph announced: part of that paragraph."""
        assert self.last_body is not None
        self.paras[self.last_body].lines.extend(block.lines)
        self.at.in_list = not block.lines[-1].rstrip().endswith((".", ";"))

    def _plain(self, block: Block, label: Label | None) -> None:
        """An unnumbered block: the tail of the last paragraph, or a preambular paragraph."""
        if self.last_body is not None and (
            self.at.in_list or TABLE_NOTE.match(block.lines[0]) or self._is_tail(block)
        ):
            last = self.paras[self.last_body]
            last.lines.extend(block.lines)
            self.at.listing = _announces(last)
            self.at.in_list = False
            return
        self._add_top(_Para("preambular", None, list(block.lines), self.parts.current))
        self.num.nested = None

    def _numbered(self, block: Block, label: Label | None) -> None:
        """A label "12." opens an operative paragraph, or an item of a numbered list."""
        assert isinstance(label, NumberLabel)
        body = ([label.rest] if label.rest.strip() else []) + block.lines[1:]
        if self._list_item(label, body):
            return
        if label.number == 1 and self.num.count:
            self._numbering_restarts()
        self.num.last = label.number
        self._add_top(_Para("operative", label.printed, body, self.parts.current))
        self.num.in_operative = True
        self.num.count += 1
        self.at.heading = None

    def _lettered(self, block: Block, label: Label | None) -> None:
        """A label "(a)" opens a sub-paragraph of the last paragraph or sub-paragraph."""
        assert isinstance(label, LetterLabel)
        body = ([label.rest] if label.rest.strip() else []) + block.lines[1:]
        at = self.at
        letter = self._is_letter(label.value)
        if not letter and at.sub is not None:
            # "(i)" after "(a)": a sub-sub-paragraph.
            self._add(_Para("subparagraph", label.value, body, self.parts.current, at.sub))
            return
        if at.top is None:
            self._add(_Para("preambular", None, list(block.lines), self.parts.current))
            return
        self._append_sub(label.value, body, at.top)
        self.paras[-1].section = at.section
        if letter:
            at.letter = label.value

    # -- the steps the handlers share -----------------------------------------------

    def _is_tail(self, block: Block) -> bool:
        """Inside the operative part, an unnumbered block goes on the last paragraph
        (a table goes on even a preambular one), unless a heading came in between."""
        assert self.last_body is not None
        last = self.paras[self.last_body]
        return (
            self.num.in_operative
            and (last.kind != "preambular" or is_table(block))
            and (not self.at.after_heading or is_table(block))
        )

    def _is_letter(self, value: str) -> bool:
        """Whether "(i)", "(v)", "(x)" ... is a letter after "(h)" rather than a Roman numeral."""
        if not ROMAN_LOWER.fullmatch(value):
            return True
        if len(value) != 1:
            return False
        if self.at.letter is None:
            return value != "i"
        return ord(value) == ord(self.at.letter) + 1

    def _list_item(self, label: NumberLabel, body: list[str]) -> bool:
        """A numbered item of a list inside an operative paragraph ("11. ... agenda:" then
        "1.", "2." ...): a sub-paragraph ``OP11(1)``. True if ``label`` was one."""
        num = self.num
        if num.nested is not None:
            top = label.number == num.last + 1 and OPERATIVE_START.match(" ".join(body))
            if label.number == num.nested_last + 1 and not top:
                self._append_sub(label.printed, body, num.nested)
                num.nested_last = label.number
                return True
            num.nested = None
        owner = self.last_body
        if label.number == 1 and num.count and owner is not None and _announces(self.paras[owner]):
            num.nested = owner
            num.nested_last = 1
            self._append_sub(label.printed, body, num.nested)
            return True
        return False

    def _numbering_restarts(self) -> None:
        """Operative paragraph 1 again: a new part (or, in an annex, a new section of it)."""
        if not self.parts.annex:
            hm = PART_HEADING.fullmatch(self.at.heading or "")
            # The preambular paragraphs since the last operative one open the new part.
            k = len(self.paras)
            while k > 0 and self.paras[k - 1].kind in ("preambular", "heading"):
                k -= 1
            carried = self.paras[k:]
            self._start_part(hm.group(1) if hm else None)
            for q in carried:
                q.part = self.parts.current
            return
        parts = self.parts
        if parts.annex_restarts == 0 and parts.annex_first:
            renamed = parts.unique(f"{parts.annex_base}.{parts.annex_first}")
            for q in self.paras:
                if q.part == parts.annex_base:
                    q.part = renamed
        parts.annex_restarts += 1
        hm = PART_HEADING.fullmatch(self.at.heading or "")
        suffix = hm.group(1) if hm else str(parts.annex_restarts + 1)
        parts.current = parts.unique(f"{parts.annex_base}.{suffix}")
        self.num.count = 0

    def _article(self, text: str) -> None:
        """Each article (rule, section) of an annexed text is its own part: ``ANNEX.Art4``."""
        am = ARTICLE.match(text)
        parts = self.parts
        if am and parts.annex and am.group(1).lower() != "annex":
            name = f"{parts.annex_base}.{am.group(1)[:4].rstrip('i').capitalize()}{am.group(2)}"
            parts.current = parts.unique(name)
            self._restart()
            parts.annex_restarts += 1

    def _start_part(self, name: str | None) -> None:
        """The next part, ``name`` or the one after the current; the text before the
        first restart becomes part A (or I, or the heading printed above it)."""
        parts = self.parts
        if parts.current is None and self.last_body is not None:
            first = "I" if name is not None and ROMAN_UPPER.fullmatch(name) and name != "I" else "A"
            if parts.first is not None:
                first = parts.first
            first = parts.unique(first)
            for p in self.paras:
                if p.part is None:
                    p.part = first
            parts.current = first
        parts.current = parts.unique(name if name is not None else _next_part_name(parts.current))
        self._restart()

    def _restart(self) -> None:
        """A new part, annex or article: numbering and the last paragraphs start afresh."""
        self.num = _Numbering()
        self.at.top = self.at.sub = None
        self.at.letter = None
        self.at.listing = self.at.in_list = False

    def _add_top(self, para: _Para) -> None:
        """Append a preambular or operative paragraph: what follows hangs from it."""
        self._add(para)
        self.at.top = len(self.paras) - 1
        self.at.sub = None
        self.at.letter = None
        self.at.section = None
        self.at.after_heading = False

    def _append_sub(self, value: str, body: list[str], parent: int) -> None:
        self._add(_Para("subparagraph", value, body, self.parts.current, parent))
        self.at.sub = len(self.paras) - 1

    def _add(self, para: _Para) -> None:
        """Append a paragraph that is not a heading."""
        self.paras.append(para)
        self.last_body = len(self.paras) - 1
        self.at.listing = _announces(para)
        self.at.in_list = False


def build_paragraphs(
    lines: list[str],
    *,
    french: bool = False,
    vocabulary: Container[str] = frozenset(),
    first_part: str | None = None,
    first_heading: list[str] | None = None,
    decision: bool = False,
) -> tuple[list[Paragraph], list[str], list[str]]:
    """Paragraphs of a body; also the closing blocks' text and notes.

    Returns ``(paragraphs, closings, notes)``: ``closings`` holds the text of
    each "39th plenary meeting / 26 November 2018" block found. ``first_part``
    is the part printed above the body, ``first_heading`` its title. In a
    ``decision`` every unnumbered paragraph is operative ("The General
    Assembly, taking note of ..., decides ..." is ``OP1``).
    """
    blocks = merge_blocks(make_blocks(lines), french)
    builder = _Builder(french, first_part, first_heading)
    builder.feed(blocks)
    paras = builder.paras
    notes: list[str] = []
    if builder.last_body is None and blocks:
        # Nothing looked like a paragraph (headings only): keep every block.
        paras = [_Para("preambular", None, list(b.lines), None) for b in blocks]
        notes.append("no resolution structure found: every block is kept as a paragraph")
    elif _promote_unnumbered(paras, everything=decision, french=french) and not decision:
        notes.append("the operative part is not numbered: unnumbered operative paragraphs")
    return _finish(_label_headings(paras), vocabulary), builder.closings, notes


_ANNEXED = re.compile(r"\bannex|\banexo", re.IGNORECASE)
_LETTER = re.compile(r"[^\W\d_]")
_TABLE_ROW = re.compile(r"\d{1,3}(?:\s|$)")  # "5 Total net change": a row of a table
_QUOTES = ("“", "«", '"', "‘")


_NAMED_LABEL = re.compile(
    r"\s*(?:Part|Section|Chapter|Article|Rule|Regulation|Income section)\s+"
    r"(?:\d{1,3}[A-Z]?|[IVXLC]{1,7})\b"
)


def _headings_in(lines: list[str]) -> list[list[str]]:
    """The headings of one heading block: a section label on a later line starts the
    next ("Priority area 2: Trade ..." then "I." / "International trade"), as does a
    named one ("Part I" / "Overall policymaking ..." then "Section 1" / ...)."""
    out = [lines[:1]]
    for line in lines[1:]:
        if SECTION_LABEL.fullmatch(line) or _NAMED_LABEL.match(line):
            out.append([])
        out[-1].append(line)
    return out


def _announces(p: _Para) -> bool:
    """Whether a paragraph ends with a colon: what follows is its list."""
    return bool(p.lines) and p.lines[-1].rstrip().endswith(":")


_VERB_LIKE = re.compile(r"[A-Za-zÀ-ÿ][a-zà-ÿ]+(?:ing|es|s|ed)|upon|for|on")
_OPERATIVE_VERB = re.compile(
    r"(?:(?:Also|Further|Again|Strongly|Once again|Further also|Hereby)\s+)?"
    r"(?!Has\b|Is\b|Was\b)[A-Z][a-z]+[^s\W]s\b"
    r"|The General Assembly,?\s+(?:(?:also|further)\s+)?(?!has\b|is\b|was\b)[a-z]+[^s\W]s\b"
)


# The first words of the French verb phrases of the ladder ("adopte", "décide", "prie"):
# a French operative paragraph opens with one, a preambular one with a participle.
# ("Se félicitant", a participle, shares its first word with "Se félicite": "se" is out.)
_FRENCH_VERBS = frozenset(
    word
    for word in (phrase.split()[0] for phrase in VERBS)
    if word != "se" and not word.endswith(("s", "ant"))
)


def _opens_with_a_verb(p: _Para, french: bool = False) -> bool:
    first = " ".join(p.lines[0].split())
    if french and first[:1].isupper():
        word = first.split(" ", 1)[0].rstrip(",;:").lower()
        if word in _FRENCH_VERBS:
            return True
    return bool(_OPERATIVE_VERB.match(first))


def _first_operative(top: list[_Para], everything: bool, french: bool = False) -> int | None:
    """Where the operative part starts among the unnumbered paragraphs ``top``: at the
    first "Decides ..." (not the first paragraph unless all open with a verb)."""
    if everything:
        return 0 if top else None
    first = next((k for k, p in enumerate(top) if _opens_with_a_verb(p, french)), None)
    if first == 0 and len(top) > 1 and not all(_opens_with_a_verb(p, french) for p in top):
        return None
    return first


def _promote_unnumbered(
    paras: list[_Para], *, everything: bool = False, french: bool = False
) -> bool:
    """In a part without numbered paragraphs, make the trailing "Decides ..." operative
    (``everything``: every paragraph, as in a decision)."""
    promoted = False
    parts: dict[str | None, list[_Para]] = {}
    for p in paras:
        parts.setdefault(p.part, []).append(p)
    for part, members in parts.items():
        if (part or "").startswith("ANNEX") or any(p.kind == "operative" for p in members):
            continue
        top = [p for p in members if p.kind == "preambular"]
        first = _first_operative(top, everything, french)
        if first is None:
            continue
        for k, p in enumerate(top[first:], start=1):
            p.kind = "operative"
            p.label = None
            p.order = k
            promoted = True
    return promoted


_HEADING_LABEL = re.compile(r"\s*(?:([IVXLC]{1,7}|[A-Z])\.|([IVXLC]{1,7})(?=\s|$))\s*")


def _heading_label(first: str) -> tuple[str | None, str]:
    """The label opening a heading's first line ("II.", "B.", "IV" before a title), and
    the rest of the line.

    >>> _heading_label("II. Trade facilitation"), _heading_label("IV Illegal fishing")
    (('II', 'Trade facilitation'), ('IV', 'Illegal fishing'))
    >>> _heading_label("A new agenda"), _heading_label("B.")
    ((None, 'A new agenda'), ('B', ''))
    """
    if alone := PART_HEADING.fullmatch(first):
        return alone.group(1), ""
    m = _HEADING_LABEL.match(first)
    if m is None:
        return None, first
    label = m.group(1) or m.group(2)
    roman = from_roman(label) is not None and (len(label) > 1 or label in "IVX")
    if not roman and not (m.group(1) and len(label) == 1):
        return None, first
    return label, first[m.end() :]


def _label_headings(paras: list[_Para]) -> list[_Para]:
    """Headings get their label as their number ("II. Trade" is II, "Trade"). A label
    alone ("XXIV") numbers the title printed under it; with no title it is the
    heading's text, unless it only repeats the name of its part (then it is dropped).
    A named label alone ("Part VI", "Article 4") joins the title under it.
    The list keeps its length: sub-paragraphs point at their parents by index."""
    alone: _Para | None = None  # the last paragraph, if a heading made of a label alone
    for p in paras:
        if p.kind != "heading":
            alone = None
            continue
        label, rest = _heading_label(p.lines[0])
        p.lines = ([rest] if rest.strip() else []) + p.lines[1:]
        p.label = label
        if p.lines and label is None and alone is not None and alone.part == p.part:
            # "XXIV" then its title, "Part VI" then its title: one heading
            alone.dropped = True
            if alone.lines:
                p.lines = alone.lines + p.lines
            else:
                p.label = alone.label
            alone = None
            continue
        named = len(p.lines) == 1 and bool(_NAMED_LABEL.fullmatch(p.lines[0].strip()))
        alone = p if not p.lines or named else None
    for p in paras:
        if p.kind == "heading" and not p.lines and not p.dropped:
            if p.label is None or p.label == (p.part or "").rsplit(".", 1)[-1]:
                p.dropped = True
            else:
                p.lines, p.label = [p.label], None
    return paras


class _Ids:
    """Ids in reading order: ``PP<n>`` counted per part, ``OP<number>``, ``OP8(a)``,
    ``H<n>`` for headings counted per part; a repeated id gets ``~2``, ``~3``."""

    def __init__(self) -> None:
        self.given: list[str] = []
        self.seen: set[str] = set()
        self.pp_count: dict[str | None, int] = {}
        self.h_count: dict[str | None, int] = {}
        self.dup: dict[str, int] = {}

    def next(self, p: _Para) -> tuple[str, str | None]:
        """The id of ``p`` and the id of its parent."""
        prefix = f"{p.part}." if p.part else ""
        parent = None
        if p.kind == "preambular":
            self.pp_count[p.part] = self.pp_count.get(p.part, 0) + 1
            pid = f"{prefix}PP{self.pp_count[p.part]}"
        elif p.kind == "operative":
            pid = f"{prefix}OP{p.label if p.label is not None else p.order}"
        elif p.kind == "heading":
            self.h_count[p.part] = self.h_count.get(p.part, 0) + 1
            pid = f"{prefix}H{self.h_count[p.part]}"
        else:
            assert p.parent_key is not None
            parent = self.given[p.parent_key]
            pid = f"{parent}({p.label})"
            if pid in self.seen and p.section:
                pid = f"{parent}.{p.section}({p.label})"
        if pid in self.seen:
            base = pid
            k = self.dup.get(base, 1) + 1
            while f"{base}~{k}" in self.seen:
                k += 1
            self.dup[base] = k
            pid = f"{base}~{k}"
        self.seen.add(pid)
        self.given.append(pid)
        return pid, parent


def _finish(paras: list[_Para], vocabulary: Container[str]) -> list[Paragraph]:
    """The paragraphs with their ids, joined text, footnote markers and leads."""
    ids = _Ids()
    out: list[Paragraph] = []
    for p in paras:
        if p.dropped:
            ids.given.append("")  # keeps the indices of parents
            continue
        pid, parent = ids.next(p)
        text, notes = detach_markers(join_lines(p.lines, vocabulary))
        lead = lead_of(text) if p.kind != "heading" else ""
        if p.kind == "subparagraph" and not _VERB_LIKE.fullmatch(
            lead.split(" ")[-1] if lead else ""
        ):
            lead = ""
        out.append(
            Paragraph(
                id=pid,
                kind=p.kind,
                text=text,
                lead=lead,
                number=None if p.kind == "preambular" else p.label,
                footnotes=notes,
                parent=parent,
                part=p.part,
            )
        )
    return out
