"""The text of one paragraph while amendments are applied to it.

Every character of the paragraph as tabled is a :class:`Cell` that remembers
its place in the tabled text and which instruction deleted it; inserted
characters remember which instruction added them. Nothing is ever thrown
away, so that

* each amendment reads the paragraph as tabled plus its own earlier edits
  (every instruction of every amendment refers to the draft as tabled, and the
  instructions of one amendment are read in order): :meth:`EditableText.view`;
* words another amendment already changed are known (a *conflict*);
* the final text, and the word ops from the tabled text to it, are exact.

>>> t = EditableText("Takes note of the report;")
>>> a = Ref(0, 0)
>>> t.replace(t.find("Takes note", 0)[0], "Welcomes", a)
>>> t.final()
'Welcomes of the report;'
>>> [(o.op, o.old, o.new) for o in t.ops()]
[('replace', 'Takes note', 'Welcomes'), ('equal', ' of the report;', ' of the report;')]
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from diffing.amendments.quotes import normalized, quote_variants
from diffing.model import AmendmentRef, Op, OpKind

__all__ = ["Cell", "EditableText", "Ref", "Span"]

_CLOSING_PUNCT = ",;:.)]”’»"
_OPENING_PUNCT = "([“‘«"
_TERMINAL = ".;,:"


class Ref(NamedTuple):
    """Instruction ``instruction`` (0-based) of amendment ``amendment`` (0-based)."""

    amendment: int
    instruction: int


class Cell(NamedTuple):
    ch: str
    src: int | None  # index in the tabled text; None for an inserted character
    added: Ref | None = None
    deleted: Ref | None = None


class Span(NamedTuple):
    """Cells ``first`` to ``last`` (inclusive) of a text."""

    first: int
    last: int


def _visible(c: Cell, k: int) -> bool:
    """Whether amendment ``k`` reads cell ``c``: the tabled text plus its own edits."""
    if c.added is not None and c.added.amendment != k:
        return False
    return c.deleted is None or c.deleted.amendment != k


def _joins(a: str, b: str) -> bool:
    """Two characters that prose separates with a space ("plant" "of", "," "and")."""
    return (
        bool(a and b)
        and (a.isalnum() or a in _CLOSING_PUNCT)
        and (b.isalnum() or b in _OPENING_PUNCT)
    )


def _boundary(text: str, start: int, end: int) -> bool:
    """The match ``text[start:end]`` does not cut a word at either end."""
    if start > 0 and text[start].isalnum() and text[start - 1].isalnum():
        return False
    return not (end < len(text) and text[end - 1].isalnum() and text[end].isalnum())


class EditableText:
    """A paragraph's characters with their history (see the module doc)."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._cells: list[Cell] | None = None  # made on first use: most paragraphs stay
        self.rewritten_by: Ref | None = None

    @property
    def cells(self) -> list[Cell]:
        if self._cells is None:
            self._cells = [Cell(c, i) for i, c in enumerate(self._text)]
        return self._cells

    @cells.setter
    def cells(self, cells: list[Cell]) -> None:
        self._cells = cells

    @classmethod
    def inserted(cls, text: str, ref: Ref) -> EditableText:
        """The text of a new paragraph, every character added by ``ref``."""
        t = cls("")
        t.cells = [Cell(c, None, ref) for c in text]
        return t

    # -- reading -------------------------------------------------------------

    def tabled(self) -> str:
        if self._cells is None:
            return self._text
        return "".join(c.ch for c in self.cells if c.src is not None)

    def final(self) -> str:
        """The text with every edit of every amendment applied."""
        if self._cells is None:
            return self._text
        return "".join(c.ch for c in self.cells if c.deleted is None)

    def view(self, k: int) -> tuple[str, list[int]]:
        """The text amendment ``k`` reads, and the cell index of each of its characters."""
        idx = [i for i, c in enumerate(self.cells) if _visible(c, k)]
        return "".join(self.cells[i].ch for i in idx), idx

    def _search(self, text: str, idx: list[int], quote: str) -> list[Span]:
        norm, where = normalized(text)
        for q in quote_variants(quote):
            if not q:
                return []
            spans: list[Span] = []
            start = norm.find(q)
            while start >= 0:
                end = start + len(q)
                if _boundary(norm, start, end):
                    spans.append(Span(idx[where[start]], idx[where[end - 1]]))
                    start = norm.find(q, end)
                else:
                    start = norm.find(q, start + 1)
            if spans:
                return spans
        return []

    def find(self, quote: str, k: int) -> list[Span]:
        """Every occurrence of ``quote`` in the text amendment ``k`` reads."""
        text, idx = self.view(k)
        return self._search(text, idx, quote)

    def find_tabled(self, quote: str) -> list[Span]:
        """Every occurrence of ``quote`` in the text as tabled."""
        idx = [i for i, c in enumerate(self.cells) if c.src is not None]
        return self._search("".join(self.cells[i].ch for i in idx), idx, quote)

    def others(self, span: Span, k: int) -> list[Ref]:
        """Instructions of other amendments that changed the cells of ``span``."""
        refs: list[Ref] = []
        for c in self.cells[span.first : span.last + 1]:
            for r in (c.added, c.deleted):
                if r is not None and r.amendment != k and r not in refs:
                    refs.append(r)
        return refs

    def editors(self, span: Span) -> list[Ref]:
        """Every instruction that changed the cells of ``span``."""
        refs: list[Ref] = []
        for c in self.cells[span.first : span.last + 1]:
            for r in (c.added, c.deleted):
                if r is not None and r not in refs:
                    refs.append(r)
        return refs

    def read(self, span: Span, k: int) -> str:
        """What amendment ``k`` reads in the cells of ``span``, and in what it inserted
        right after them."""
        last = span.last
        while (
            last + 1 < len(self.cells) and (self.cells[last + 1].added or Ref(-1, 0)).amendment == k
        ):
            last += 1
        return "".join(c.ch for c in self.cells[span.first : last + 1] if _visible(c, k))

    def last_word(self, k: int) -> int:
        """The cell of the last character amendment ``k`` reads before the closing
        punctuation of the paragraph (and the spaces around it); -1 if none."""
        i = self._neighbour(len(self.cells) - 1, -1, k)
        for skip in (str.isspace, _TERMINAL.__contains__, str.isspace):
            while i is not None and skip(self.cells[i].ch):
                i = self._neighbour(i - 1, -1, k)
                if skip is not str.isspace:
                    break  # one closing mark only
        return -1 if i is None else i

    def ends_read(self, span: Span, k: int) -> bool:
        """Whether amendment ``k`` still reads the first and last characters of ``span``."""
        return _visible(self.cells[span.first], k) and _visible(self.cells[span.last], k)

    def edited(self) -> bool:
        if self._cells is None:
            return False
        return any(c.src is None or c.deleted is not None for c in self.cells)

    # -- editing -------------------------------------------------------------

    def _neighbour(self, at: int, step: int, k: int) -> int | None:
        """The nearest cell from ``at`` (included) in direction ``step`` that ``k`` reads."""
        i = at
        while 0 <= i < len(self.cells):
            if _visible(self.cells[i], k):
                return i
            i += step
        return None

    def _before_spaces(self, i: int, k: int) -> int:
        """The index of the first of the spaces ``k`` reads that end at cell ``i``."""
        at = i
        left = self._neighbour(at - 1, -1, k)
        while left is not None and self.cells[left].ch.isspace():
            at = left
            left = self._neighbour(at - 1, -1, k)
        return at

    def _mark(self, i: int, ref: Ref) -> None:
        self.cells[i] = self.cells[i]._replace(deleted=ref)

    def _tidy(self, first: int, last: int, ref: Ref) -> None:
        """After a deletion: no double space, no space before punctuation, no doubled comma."""
        k = ref.amendment
        for _ in range(3):
            left = self._neighbour(first - 1, -1, k)
            right = self._neighbour(last + 1, 1, k)
            lc = self.cells[left].ch if left is not None else ""
            rc = self.cells[right].ch if right is not None else ""
            if (
                right is not None
                and rc.isspace()
                and (not lc or lc.isspace() or lc in _OPENING_PUNCT)
            ):
                self._mark(right, ref)
            elif left is not None and lc.isspace() and (not rc or rc in _CLOSING_PUNCT):
                self._mark(left, ref)
            elif right is not None and lc and lc in ",;" and rc == lc:
                self._mark(right, ref)
            elif left is not None and lc == "," and rc and rc in ".;:":
                self._mark(left, ref)  # "25 July 1996, [...];": the paragraph's own mark stays
            else:
                return

    def delete(self, span: Span, ref: Ref) -> None:
        """Delete what amendment ``ref.amendment`` reads in ``span``."""
        k = ref.amendment
        for i in range(span.first, span.last + 1):
            if _visible(self.cells[i], k):
                self._mark(i, ref)
        self._tidy(span.first, span.last, ref)

    def insert(self, at: int, words: str, ref: Ref, *, spaced: bool = True) -> None:
        """Insert ``words`` before cell ``at`` (``len(cells)``: at the end); ``spaced``:
        as prose (a space between words, none before a comma, no doubled comma)."""
        w = " ".join(words.split())
        if not w:
            return
        if spaced:
            k = ref.amendment
            left = self._neighbour(at - 1, -1, k)
            right = self._neighbour(at, 1, k)
            lc = self.cells[left].ch if left is not None else ""
            rc = self.cells[right].ch if right is not None else ""
            if lc and w[-1] in ",;" and rc == w[-1]:
                w = w[:-1].rstrip()
            if lc and w[0] in ",;" and lc == w[0]:
                w = w[1:].lstrip()
            if w and w[0] in ",;:." and lc.isspace() and left is not None:
                # ", as appropriate," before "to submit": the comma follows the word
                at = self._before_spaces(left, k)
                left = self._neighbour(at - 1, -1, k)
                lc = self.cells[left].ch if left is not None else ""
                rc = " "
            if w and _joins(lc, w[0]):
                w = " " + w
            if w and _joins(w[-1], rc):
                w = w + " "
        self.cells[at:at] = [Cell(c, None, ref) for c in w]

    def insert_after(self, span: Span, words: str, ref: Ref) -> None:
        at = span.last + 1
        # after what other amendments inserted at the same place
        while at < len(self.cells) and (self.cells[at].added or ref).amendment != ref.amendment:
            at += 1
        self.insert(at, words, ref)

    def insert_before(self, span: Span, words: str, ref: Ref) -> None:
        self.insert(span.first, words, ref)

    def replace(self, span: Span, words: str, ref: Ref) -> None:
        """Replace what ``ref``'s amendment reads in ``span`` by ``words``."""
        k = ref.amendment
        for i in range(span.first, span.last + 1):
            if _visible(self.cells[i], k):
                self._mark(i, ref)
        at = span.last + 1
        if words.strip():
            self.insert(at, words, ref, spaced=False)
        else:
            self._tidy(span.first, span.last, ref)

    def append(self, words: str, ref: Ref) -> None:
        """Add ``words`` at the end of the paragraph, before its closing punctuation
        (and the space French puts before it), which stays instead of any the added
        words end with."""
        k = ref.amendment
        last = self._neighbour(len(self.cells) - 1, -1, k)
        if last is None or self.cells[last].ch not in _TERMINAL:
            self.insert(len(self.cells), words, ref)
            return
        at = last
        before = self._neighbour(at - 1, -1, k)
        while before is not None and self.cells[before].ch.isspace():
            at = before
            before = self._neighbour(at - 1, -1, k)
        self.insert(at, words.strip().rstrip(_TERMINAL).rstrip(), ref)

    def prepend(self, words: str, ref: Ref) -> None:
        first = self._neighbour(0, 1, ref.amendment)
        self.insert(first if first is not None else 0, words, ref)

    def rewrite(self, words: str, ref: Ref) -> None:
        """The whole text replaced by ``words``."""
        for i, c in enumerate(self.cells):
            if _visible(c, ref.amendment):
                self._mark(i, ref)
        self.cells.extend(Cell(c, None, ref) for c in words)
        self.rewritten_by = ref

    # -- result --------------------------------------------------------------

    def ops(self, name: Callable[[Ref], AmendmentRef | None] = lambda r: None) -> list[Op]:
        """Exact ops from the tabled text to the final one, edit by edit: each
        insertion or deletion is one instruction's (``name`` gives its
        :class:`~diffing.model.AmendmentRef`, the op's ``amendment``)."""
        out: list[Op] = []
        old: list[str] = []
        new: list[str] = []
        equal: list[str] = []
        by: list[Ref] = []  # the instruction of the edit being read

        def flush_edit() -> None:
            if old or new:
                o, n = "".join(old), "".join(new)
                kind: OpKind = "replace" if o and n else ("delete" if o else "insert")
                out.append(Op(kind, o, n, name(by[0]) if by else None))
                old.clear()
                new.clear()
            by.clear()

        for c in self.cells:
            if c.src is not None and c.deleted is None:
                flush_edit()
                equal.append(c.ch)
                continue
            if c.src is None and c.deleted is not None:
                continue  # inserted, then deleted by the same amendment
            if equal:
                t = "".join(equal)
                out.append(Op("equal", t, t))
                equal.clear()
            ref = c.deleted if c.src is not None else c.added
            if by and ref is not None and ref != by[0]:
                flush_edit()
            if ref is not None and not by:
                by.append(ref)
            if c.src is not None:
                old.append(c.ch)
            else:
                new.append(c.ch)
        flush_edit()
        if equal:
            t = "".join(equal)
            out.append(Op("equal", t, t))
        return out

    def snapshot(self) -> tuple[list[Cell] | None, Ref | None]:
        return (None if self._cells is None else list(self._cells)), self.rewritten_by

    def restore(self, state: tuple[list[Cell] | None, Ref | None]) -> None:
        self._cells = None if state[0] is None else list(state[0])
        self.rewritten_by = state[1]
