"""Turn extracted resolution text into clean lines: the page furniture goes.

What a PDF extraction or a Markdown conversion adds to a resolution, and what
this module removes or normalises:

* running page headers and footers (symbol, running title, job number
  ``18-20444``, page ``2/5``, barcode ``*1820444*``), replaced by one
  :data:`PAGE_BREAK` sentinel line so that later steps know where a page ended;
* footnote blocks (after a ``_____`` separator, or Markdown paragraphs opened
  by a superscript marker), collected as :class:`~diffing.model.Footnote`;
* Markdown emphasis, links and headings;
* odd spaces and hyphen characters.

Public functions: :func:`normalise`, :func:`strip_markdown`,
:func:`remove_furniture`, :func:`extract_footnotes`, :func:`join_lines`.
Every regular expression here is linear: no nested quantifiers.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Container, Sequence

from diffing.model import Footnote

__all__ = [
    "PAGE_BREAK",
    "SUPERSCRIPTS",
    "SUPER_TO_DIGIT",
    "extract_footnotes",
    "is_markdown",
    "join_lines",
    "normalise",
    "remove_furniture",
    "strip_markdown",
]

PAGE_BREAK = "\x00PAGE\x00"
"""Sentinel line standing where page furniture or a footnote block was removed."""

SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
"""The superscript digits 0 to 9, as footnote markers are printed."""
SUPER_TO_DIGIT = str.maketrans(SUPERSCRIPTS, "0123456789")
"""Translation table: superscript digits to plain digits."""

_SPACES = re.compile(r"[\u00a0\u2000-\u200a\u202f\u205f\u3000\t\f\v]")
_ZERO_WIDTH = re.compile(r"[\u00ad\u200b-\u200d\u2060\ufeff]")
# Every character :func:`normalise` changes: most texts hold none. (A test of each
# with ``in`` is several times faster than one scan with a character class.)
_ODD = (
    "\x00\t\v\f\r\u00a0\u00ad"
    + "".join(map(chr, range(0x2000, 0x200E)))
    + ("\u2010\u2011\u2028\u2029\u202f\u205f\u2060\u3000\ufeff")
)

_PAGE_NO = re.compile(r"\s*(\d{1,3})\s*/\s*(\d{1,3})\s*")
_JOB = re.compile(r"\s*\d{2}-\d{5}\*?(?:\s*\([A-Z]\))?(?:\s+\d{6})?\s*")
_BARCODE = re.compile(r"\s*\*\d{6,}\*\s*")
_SYMBOL_LINE = re.compile(r"\s*A/[A-Za-z0-9][A-Za-z0-9./\-]*(?:\s+[A-Z](?:-[A-Z])?)?\s*")
_SEPARATOR = re.compile(r"\s*_{5,}\s*")
_FOOTNOTE_START = re.compile(r"\s*(\d{1,3}|\*{1,3}|[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,3})(?![.\d/])\s*(\S.*)")
# "* Any changes to the list of sponsors ..." at the foot of a draft's first page,
# sometimes printed without the separator line above it.
_STAR_NOTE = re.compile(r"\s*(\*{1,3})\s+(\S.*)")
_MD_FOOTNOTE = re.compile(r"\s*([⁰¹²³⁴⁵⁶⁷⁸⁹]{1,3})\s*(\S.*)")

_MD_LINK = re.compile(r"\[([^\[\]\n]*)\]\([^()\n]*\)")
_MD_STRONG = re.compile(r"\*\*([^*\n]+)\*\*")
_MD_EM = re.compile(r"(?<![\w*])\*([^*\s][^*\n]*)\*(?![\w*])")
_MD_EM_UNDERSCORE = re.compile(r"(?<![\w_])_([^_\s][^_\n]*)_(?![\w_])")
_MD_SUP = re.compile(r"\^([^\^\s]{1,10})\^")
_MD_HEADING = re.compile(r"(?m)^[ \t]{0,3}#{1,6}[ \t]+")
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!])")


def normalise(text: str) -> str:
    """NFC, Unix newlines, ordinary spaces and hyphens, no zero-width characters.

    >>> normalise("a\\u00a0b\\r\\nc\\u2011d")
    'a b\\nc-d'
    """
    text = unicodedata.normalize("NFC", text)
    if not any(c in text for c in _ODD):
        return text
    return _replace_odd(text)


def _replace_odd(text: str) -> str:
    """The replacements of :func:`normalise` (a text holding none of :data:`_ODD` is
    left as it is)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u2028", "\n").replace("\u2029", "\n").replace("\x00", "")
    text = _ZERO_WIDTH.sub("", text)
    text = text.replace("\f", "\n\n")  # pdftotext's page break: an empty line
    text = _SPACES.sub(" ", text)
    return text.replace("\u2011", "-").replace("\u2010", "-")


_MD_SUPERSCRIPT_LINE = re.compile(r"(?m)^[ \t]*[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,3}[ \t]*\S")
_MD_NUMBERED_EM = re.compile(r"(?m)^\d{1,3}\.[ \t]+\*[^*\n]+\*")
_EM_AFTER_PERIOD = re.compile(r"\.[ \t]+\*")


def is_markdown(text: str) -> bool:
    """Whether ``text`` looks like the Markdown conversion of a document.

    Links, strong emphasis, a line opened by a superscript footnote number, or a
    numbered paragraph opened by emphasis (``1. *Demande*``). The line patterns
    only run when a quick scan finds what they need.

    >>> is_markdown("1. *Demande* que"), is_markdown("¹ Voir A/1."), is_markdown("1. Decides")
    (True, True, False)
    """
    return bool(
        _MD_LINK.search(text)
        or _MD_STRONG.search(text)
        or (any(c in text for c in SUPERSCRIPTS) and _MD_SUPERSCRIPT_LINE.search(text))
        or (_EM_AFTER_PERIOD.search(text) and _MD_NUMBERED_EM.search(text))
    )


def strip_markdown(text: str) -> str:
    """Remove Markdown emphasis, links, headings and ``^e^`` superscripts.

    >>> strip_markdown("1. *Demande* que [A/75/L.20](#) et **titre**, 30^e^")
    '1. Demande que A/75/L.20 et titre, 30e'
    """
    text = _MD_HEADING.sub("", text)
    text = _MD_LINK.sub(r"\1", text)
    text = _MD_STRONG.sub(r"\1", text)
    text = _MD_EM.sub(r"\1", text)
    text = _MD_EM_UNDERSCORE.sub(r"\1", text)
    text = _MD_SUP.sub(r"\1", text)
    text = _MD_ESCAPE.sub(r"\1", text)
    # A lone emphasis star left at a line end or start (emphasis across lines).
    text = re.sub(r"(?m)^\*(?=\S)|(?<=\S)\*$", "", text)
    return text


def _is_furniture(line: str) -> bool:
    # Each pattern needs a character most lines lack: tested first, it spares the regex.
    return bool(
        ("/" in line and (_PAGE_NO.fullmatch(line) or _SYMBOL_LINE.fullmatch(line)))
        or ("-" in line and _JOB.fullmatch(line))
        or ("*" in line and _BARCODE.fullmatch(line))
    )


def _squash(s: str) -> str:
    return " ".join(s.split()).casefold()


def _running_title_lines(lines: list[str], anchors: list[int]) -> set[str]:
    """Lines printed just above the page numbers of at least two pages: the running title."""
    clusters: list[int] = []
    last = -10
    for i in anchors:
        if not clusters or i - last > 4:
            clusters.append(i)
        last = i
    seen: Counter[str] = Counter()
    for first in clusters:
        near: set[str] = set()
        for j in range(first - 1, max(-1, first - 7), -1):
            if lines[j] == "":
                break  # the page break of the extraction
            if lines[j].strip() and not _is_furniture(lines[j]):
                near.add(_squash(lines[j]))
        seen.update(near)
    return {s for s, n in seen.items() if n >= 2}


def _header_span(lines: list[str], i: int, running: set[str], titles: set[str]) -> tuple[int, int]:
    """The furniture lines around the page number or job number at ``i``.

    Upwards: blank and furniture lines, running-title lines (printed near the
    page numbers of two pages or more), and the title lines under a symbol line
    (``A/RES/73/11`` then the title, then the job number and page). Downwards:
    blank and furniture lines only. An exactly empty line (the extraction's page
    break) ends the header.
    """
    n = len(lines)
    lo = i
    j = i
    symbol_seen = False
    for e in range(i - 1, max(-1, i - 9), -1):
        # An exactly empty line a few lines up, with a symbol line in between:
        # the page break of the extraction opens this header.
        if lines[e] == "":
            if any(_SYMBOL_LINE.fullmatch(lines[x]) for x in range(e + 1, i)):
                j = 0  # skip the scan below
                lo = e
            break
    while j - 1 >= 0 and i - (j - 1) <= 9:
        k = j - 1
        line = lines[k]
        if line == "":
            lo = k
            break
        if not line.strip():
            j = k
            continue
        if _is_furniture(line) or _squash(line) in running:
            j = lo = k
            symbol_seen = symbol_seen or bool(_SYMBOL_LINE.fullmatch(line))
            continue
        if symbol_seen:
            # Above the symbol: the running title (odd pages), else the previous page.
            for m in range(k, max(-1, k - 4), -1):
                if not lines[m].strip():
                    break
                if _squash(" ".join(lines[m : k + 1])) in titles:
                    lo = m
                    break
            break
        m = k
        while m >= 0 and k - m < 4 and lines[m].strip() and not _is_furniture(lines[m]):
            m -= 1
        if m >= 0 and _SYMBOL_LINE.fullmatch(lines[m]):
            j = lo = m
            symbol_seen = True
            continue
        break
    hi = i
    j = i
    while j + 1 < n and j + 1 - i <= 6:
        line = lines[j + 1]
        if not line.strip() or _is_furniture(line):
            j += 1
            if line.strip():
                hi = j
            continue
        break
    while hi + 1 < n and not lines[hi + 1].strip() and lines[hi + 1] != "":
        hi += 1
    return lo, hi


def _even_titles(lines: list[str], anchors: list[int]) -> set[str]:
    """Running titles printed between a symbol line and the page number."""
    titles: set[str] = set()
    for i in anchors:
        block: list[str] = []
        for k in range(i - 1, max(-1, i - 8), -1):
            line = lines[k]
            if _SYMBOL_LINE.fullmatch(line):
                if block:
                    titles.add(_squash(" ".join(reversed(block))))
                break
            if line.strip() and not _is_furniture(line):
                block.append(line)
            if len(block) > 4 or line == "":
                break
    return titles


def _page_numbers(lines: list[str], start: int) -> list[int]:
    """The lines ``x/N`` that are page numbers: all share the page count ``N``.

    A resolution number alone on a line (``73/89``, a text set one word per
    line) has another denominator, or a numerator past it, and is kept.

    >>> _page_numbers(["2/5", "its resolution", "73/89", "3/5"], 0)
    [0, 3]
    """
    found = [
        (i, m)
        for i, line in enumerate(lines[start:], start)
        if "/" in line and (m := _PAGE_NO.fullmatch(line))
    ]
    if not found:
        return []
    total, _ = Counter(int(m.group(2)) for _, m in found).most_common(1)[0]
    return [i for i, m in found if int(m.group(2)) == total and 1 <= int(m.group(1)) <= total]


def remove_furniture(lines: list[str], *, start: int = 0, title: str = "") -> list[str]:
    """Replace every running header/footer from line ``start`` on by :data:`PAGE_BREAK`.

    A header is found by its page number (``2/5``) or job number (``18-20444``)
    and spreads over the symbol, running title and blank lines around it.
    ``title``, the document's title, is recognised as a running title too.

    >>> remove_furniture(["end,", "", "A/RES/1/1", "Title", " ", "18-20444", "2/5", " ", "next"])
    ['end,', '\\x00PAGE\\x00', 'next']
    """
    anchors = sorted(
        _page_numbers(lines, start)
        + [
            i
            for i, line in enumerate(lines[start:], start)
            if ("-" in line and _JOB.fullmatch(line)) or ("*" in line and _BARCODE.fullmatch(line))
        ]
    )
    if not anchors:
        return list(lines)
    running = _running_title_lines(lines, anchors)
    titles = _even_titles(lines, anchors)
    if title:
        titles.add(_squash(title))
    spans: list[tuple[int, int]] = []
    for i in anchors:
        lo, hi = _header_span(lines, i, running, titles)
        if max(lo, start) <= hi:
            spans.append((max(lo, start), hi + 1))
    # The text between the headers is copied slice by slice; each header, or run of
    # headers, leaves one page break.
    out: list[str] = []
    at = 0
    for lo, hi in sorted(spans):
        if hi <= at:
            continue
        if lo > at:
            out.extend(lines[at:lo])
        if not out or out[-1] != PAGE_BREAK:
            out.append(PAGE_BREAK)
        at = hi
    out.extend(lines[at:])
    return out


def _footnote_from_block(block: list[str], markdown: bool) -> Footnote | None:
    m = (_MD_FOOTNOTE if markdown else _FOOTNOTE_START).fullmatch(block[0])
    if m is None:
        return None
    marker = m.group(1).translate(SUPER_TO_DIGIT)
    text = join_lines([m.group(2), *block[1:]])
    return Footnote(marker=marker, text=text)


def _next_marker(markers: list[str], line: str, previous: str) -> bool:
    """Whether ``line``, inside a block of a footnote area, opens the next footnote
    after the footnotes ``markers``.

    Some extractions print footnotes one a line, with no blank line between
    them: a line opens a footnote when the line before it ends a sentence and
    its marker is the next one (the number after the last one, or one more
    star than the last note's), so that a wrapped line starting with a number
    ("3 – 14 June 1992") stays in its footnote.

    >>> _next_marker(["*"], "1 A/80/210.", "and China."), _next_marker(["*"], "** Ibid.", "x.")
    (True, True)
    >>> _next_marker(["1", "2"], "3 – 14 June 1992", "Rio de Janeiro,")
    False
    """
    if not markers or not previous.rstrip().endswith((".", ";", ")")):
        return False
    m = _FOOTNOTE_START.fullmatch(line)
    if m is None:
        return False
    marker = m.group(1).translate(SUPER_TO_DIGIT)
    if marker.startswith("*"):
        return markers[-1].startswith("*") and len(marker) == len(markers[-1]) + 1
    numbers = [int(n) for n in markers if n.isdigit()]
    return int(marker) == (max(numbers) + 1 if numbers else 1)


def _add_footnote(notes: list[Footnote], block: list[str]) -> None:
    """A block of a footnote area: new footnotes, or the previous one going on."""
    if not block:
        return
    markers = [n.marker for n in notes]
    start = 0
    for k in range(1, len(block) + 1):
        if k < len(block):
            opening = _FOOTNOTE_START.fullmatch(block[start])
            known = [*markers, opening.group(1).translate(SUPER_TO_DIGIT)] if opening else markers
            if not _next_marker(known, block[k], block[k - 1]):
                continue
        note = _footnote_from_block(block[start:k], False)
        if note is not None:
            notes.append(note)
            markers.append(note.marker)
        elif notes:
            notes[-1].text = join_lines([notes[-1].text, *block[start:k]])
        start = k


def extract_footnotes(
    lines: list[str], *, markdown: bool = False
) -> tuple[list[str], list[Footnote], list[int]]:
    """Take the footnote blocks out of ``lines``; leave :data:`PAGE_BREAK` in their place.

    In extracted PDF text a footnote block starts at a ``_____`` separator and
    runs to the next page break; in Markdown every paragraph opened by a
    superscript number is a footnote. The third value gives, for each
    footnote, the page it was printed on: the number of :data:`PAGE_BREAK`
    lines before it in the returned body.

    >>> body, notes, pages = extract_footnotes(["Text,1", "_______", " ", "1 See A/1.", "", "more"])
    >>> body, [(f.marker, f.text) for f in notes], pages
    (['Text,1', '\\x00PAGE\\x00', 'more'], [('1', 'See A/1.')], [0])
    """
    reader = _FootnoteReader(lines, markdown)
    reader.read()
    return reader.out, reader.notes, reader.pages


class _FootnoteReader:
    """One pass over the lines: body lines go to ``out``, footnotes to ``notes``
    with the page they were printed on in ``pages``."""

    def __init__(self, lines: list[str], markdown: bool) -> None:
        self.lines = lines
        self.markdown = markdown
        self.out: list[str] = []
        self.notes: list[Footnote] = []
        self.pages: list[int] = []
        self.breaks = 0  # page breaks in ``out`` so far

    def read(self) -> None:
        lines, out = self.lines, self.out
        i = 0
        # Only a page break, a separator, a line with a star or (in Markdown) with a
        # superscript may start something: the lines between are copied as they are.
        for k in self._special_lines():
            if k < i:
                continue  # inside a footnote area already read
            out.extend(lines[i:k])
            i = self._line(k)
        out.extend(lines[i:])

    def _special_lines(self) -> list[int]:
        if self.markdown:
            return [
                k
                for k, line in enumerate(self.lines)
                if line == PAGE_BREAK
                or "_____" in line
                or "*" in line
                or any(c in line for c in SUPERSCRIPTS)
            ]
        return [
            k
            for k, line in enumerate(self.lines)
            if line == PAGE_BREAK or "_____" in line or "*" in line
        ]

    def _line(self, i: int) -> int:
        """Read line ``i`` (a page break, a separator, a note...); the next line to read."""
        lines, out = self.lines, self.out
        line = lines[i]
        if "_____" in line and _SEPARATOR.fullmatch(line):
            return self._area(i + 1)
        if self.markdown and self._markdown_note_at(i):
            return self._markdown_note(i)
        star = _STAR_NOTE.fullmatch(line) if "*" in line else None
        if star is not None and (after := self._star_note(i, star)) is not None:
            return after
        if line == PAGE_BREAK:
            if out and out[-1] == PAGE_BREAK:
                return i + 1
            self.breaks += 1
        out.append(line)
        return i + 1

    def _page_break(self) -> None:
        """A footnote area ends the page: one :data:`PAGE_BREAK` in the body."""
        if not self.out or self.out[-1] != PAGE_BREAK:
            self.out.append(PAGE_BREAK)
            self.breaks += 1

    def _area(self, j: int) -> int:
        """The footnotes after a ``_____`` separator, from line ``j`` to the page's end."""
        lines, n, notes = self.lines, len(self.lines), self.notes
        first_note = len(notes)
        block: list[str] = []
        while j < n and lines[j] != PAGE_BREAK:
            if lines[j].strip() == "":
                _add_footnote(notes, block)
                block = []
                j += 1
                if lines[j - 1] == "" and j < n and _FOOTNOTE_START.fullmatch(lines[j]) is None:
                    break  # an exactly empty line then no footnote: the page ended
            elif not block and _FOOTNOTE_START.fullmatch(lines[j]) is None and notes:
                # Continuation of the previous footnote after a blank line.
                notes[-1].text = join_lines([notes[-1].text, lines[j]])
                j += 1
            else:
                block.append(lines[j])
                j += 1
        _add_footnote(notes, block)
        self.pages.extend([self.breaks] * (len(notes) - first_note))
        self._page_break()
        return j

    def _markdown_note_at(self, i: int) -> bool:
        return (i == 0 or not self.lines[i - 1].strip()) and bool(
            _MD_FOOTNOTE.fullmatch(self.lines[i])
        )

    def _markdown_note(self, i: int) -> int:
        """A Markdown paragraph opened by a superscript number: one footnote."""
        j = i
        while j < len(self.lines) and self.lines[j].strip():
            j += 1
        note = _footnote_from_block(self.lines[i:j], True)
        if note is not None:
            self.notes.append(note)
            self.pages.append(self.breaks)
        self._page_break()
        return j

    def _star_note(self, i: int, star: re.Match[str]) -> int | None:
        """A starred note ``star`` at line ``i`` closing a page ("* Any changes to the
        list of sponsors ..."): taken, and the line after it returned."""
        lines, n = self.lines, len(self.lines)
        j = i + 1
        while j < n and lines[j] != PAGE_BREAK and lines[j].strip():
            j += 1
        while j < n and lines[j] != PAGE_BREAK and not lines[j].strip():
            j += 1
        if j < n and lines[j] != PAGE_BREAK:
            return None  # text goes on: not a note
        self.notes.append(Footnote(star.group(1), join_lines([star.group(2), *lines[i + 1 : j]])))
        self.pages.append(self.breaks)
        return j


class Vocabulary:
    """The words of a text (lower case, hyphenated compounds whole), looked up on demand.

    A text has few line-end hyphens, so the first words asked for are each
    searched in the text; past a handful (a long text), every word is
    collected once instead, so the cost stays linear in the text.

    >>> v = Vocabulary("The implementation of the Counter-Terrorism Strategy")
    >>> "implementation" in v, "terrorism" in v, "counter-terrorism" in v
    (True, False, True)
    """

    _SEARCHES = 8

    def __init__(self, text: str = "", *, lines: Sequence[str] | None = None) -> None:
        # ``lines`` instead of ``text``: joined (page breaks left out) at the first
        # look-up; most documents have no line-end hyphen, so no look-up at all.
        self._source: str | tuple[str, ...] = text if lines is None else tuple(lines)
        self._text: str | None = None  # lower case, made at the first look-up
        self._known: dict[str, bool] = {}
        self._words: frozenset[str] | None = None

    def __contains__(self, word: object) -> bool:
        if not isinstance(word, str):
            return False
        if self._words is not None:
            return word in self._words
        known = self._known.get(word)
        if known is None:
            if self._text is None:
                src = self._source
                if not isinstance(src, str):  # a page break left as an empty line parts words too
                    src = "\n".join(src).replace(PAGE_BREAK, "")
                self._text = src.lower()
            if len(self._known) >= self._SEARCHES:
                self._words = frozenset(_WORDS.findall(self._text))
                return word in self._words
            known = self._known[word] = _occurs(self._text, word)
        return known


_WORDS = re.compile(r"\w+(?:-\w+)*")


def _is_w(ch: str) -> bool:
    """A word character, as ``\\w`` matches it."""
    return ch.isalnum() or ch == "_"


def _occurs(text: str, word: str) -> bool:
    """Whether ``word`` is in ``text`` as a whole word: no word character or hyphen
    before it, no word character or hyphen-and-word after it (``str.find``: fast).

    >>> _occurs("a counter-terrorism b", "terrorism"), _occurs("a counter-terrorism", "counter")
    (False, False)
    >>> _occurs("the counter terrorism", "terrorism"), _occurs("end-", "end")
    (True, True)
    """
    end = len(text)
    i = text.find(word)
    while i >= 0:
        j = i + len(word)
        before = text[i - 1] if i else ""
        if not (before and (before == "-" or _is_w(before))) and not (
            j < end and (_is_w(text[j]) or (text[j] == "-" and j + 1 < end and _is_w(text[j + 1])))
        ):
            return True
        i = text.find(word, i + 1)
    return False


def join_lines(lines: list[str], vocabulary: Container[str] | None = None) -> str:
    """Join PDF lines into one paragraph: single spaces, line-end hyphens resolved.

    A hyphen at a line end is kept (``Counter-Terrorism``, ``money-laundering``)
    unless the document's own vocabulary shows the joined word and not the
    hyphenated one (``imple-`` / ``mentation`` gives ``implementation``). Before
    ``and``/``or`` it is a suspended hyphen (``low- and middle-income``).

    >>> join_lines(["United Nations Global Counter-", "Terrorism Strategy"])
    'United Nations Global Counter-Terrorism Strategy'
    >>> join_lines(["the imple-", "mentation of"], frozenset({"implementation"}))
    'the implementation of'
    >>> join_lines(["low-", "and middle-income"])
    'low- and middle-income'
    """
    joined = "\n".join(lines)
    if _LINE_END_HYPHEN.search(joined) is None:
        return " ".join(joined.split())  # no hyphen at a line end: only the spacing to fix
    return _join_hyphenated(lines, vocabulary)


# A hyphen ending a line that another line follows (trailing spaces aside).
_LINE_END_HYPHEN = re.compile(r"-[^\S\n]*\n")
_WORD_BEFORE_HYPHEN = re.compile(r"(\w+)-$")
_FIRST_WORD = re.compile(r"\w+")


def _join_hyphenated(lines: list[str], vocabulary: Container[str] | None) -> str:
    """:func:`join_lines` line by line, for lines of which one ends with a hyphen."""
    out: list[str] = []  # line chunks and the spaces between them
    last = ""
    for raw in lines:
        line = " ".join(raw.split())
        if not line:
            continue
        if out and last.endswith("-") and len(last) > 1 and last[-2].isalpha():
            token = last.rsplit(" ", 1)[-1]
            head = _WORD_BEFORE_HYPHEN.search(token)
            word_head = head.group(1) if head else ""
            first = line.split(" ", 1)[0]
            first_word = _FIRST_WORD.match(first)
            tail = first_word.group(0) if first_word else ""
            if tail.lower() in {"and", "or", "to"} and tail == first:
                out.append(" ")  # a suspended hyphen: "low- and middle-income"
            elif tail and not tail[0].isupper() and vocabulary is not None:
                joined = (word_head + tail).lower()
                hyphened = (word_head + "-" + tail).lower()
                if joined in vocabulary and hyphened not in vocabulary:
                    out[-1] = out[-1][:-1]  # a word split by the line end
            out.append(line)
            last = line
            continue
        if out:
            out.append(" ")
        out.append(line)
        last = line
    return "".join(out)
