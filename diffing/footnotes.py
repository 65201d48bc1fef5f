"""Footnote markers in the body text: find them page by page, then detach them.

A PDF extraction prints a footnote marker as a plain number glued to the word
before it (``INTERPOL1``, ``Strategy,2``) or spaced (``Development, 4 through``,
``Paris Agreement 1 and``). A number is a marker only if the footnote of that
number is printed on the same page (first reference), or was printed before
(a later reference, which is always glued). Found markers are replaced by a
private token, ``\\ue000<marker>\\ue001``, which survives line joining;
:func:`detach_markers` takes the tokens out of a paragraph's text.

Public functions: :func:`mark_markers`, :func:`detach_markers`.
"""

from __future__ import annotations

import re

from diffing.cleanup import PAGE_BREAK, SUPER_TO_DIGIT
from diffing.lexicon import MONTHS_EN, MONTHS_FR

__all__ = ["TOKEN", "detach_markers", "mark_markers"]

TOKEN = re.compile("\ue000([^\ue000\ue001]{1,4})\ue001")
# A token glued to the punctuation after it goes with the space before it.
_TOKEN_BEFORE_PUNCT = re.compile(r"\s*" + TOKEN.pattern + r"(?=[,.;:])")
_MONTHS = "|".join(MONTHS_EN + MONTHS_FR)
# A marker: a superscript number; a number glued to a word or to punctuation
# ("INTERPOL1", "Strategy,2"); a number after a space, itself after punctuation
# ("Development, 4 through") or a word ("Paris Agreement 1 and"), but not a
# date's day nor "per"; a number glued to or after a year ("19494", "2020 11");
# stars after a word or punctuation. Each group holds the marker (the space
# before a spaced number stays in the text). Every marker starts with a digit, a
# star or a superscript, the pattern's first character: the search skips to those.
_MARKER = re.compile(
    r"[\d*⁰¹²³⁴⁵⁶⁷⁸⁹]"
    r"(?:(?<= \d)(?:"
    r"(?<=[,;:)”’] \d)(?P<spaced>\d{0,2})(?! +(?:" + _MONTHS + r"|per)\b)(?= +\S| *$)"
    r"|(?<=[^\W\d_][^\W\d_] \d)(?P<word>\d{0,2})(?! +(?:" + _MONTHS + r"|per|to)\b)"
    r"(?= +(?:[^\W\d]|[(“‘\"])| *$)"
    r"|(?<=(?:19|20)\d\d \d)(?P<yspaced>\d{0,2})(?= +[^\W\d]| *$))"
    r"|(?<=[⁰¹²³⁴⁵⁶⁷⁸⁹])(?P<sup>[⁰¹²³⁴⁵⁶⁷⁸⁹]{0,2})"
    r"|(?:(?<=[^\W\d_][^\W\d_]\d)|(?<=[)”’\],.;:]\d))(?P<glued>\d{0,2})(?=[\s,.;:)”]|$)"
    r"|(?<=(?:19|20)\d\d\d)(?P<year>\d?)(?=[\s,.;:)”]|$)"
    r"|(?:(?<=[^\W\d_]\*)|(?<=[,.;:)”]\*))(?P<star>\*{0,2})(?=[\s,.;:]|$))"
)
_HAS_MARK = re.compile(r"[\d*⁰¹²³⁴⁵⁶⁷⁸⁹]")
# Words after which a spaced number is a reference, never a marker.
_NUMBERED_TEXT = (
    "resolution resolutions paragraph paragraphs para paras article articles goal goals "
    "annex chapter chap no nos vol decision decisions rule rules principle principles "
    "section sections part parts page pages protocol target targets level phase action "
    "actions day days step steps stage year years item items table figure box "
    "recommendation recommendations option category group chapters session summit cop "
    "from between to and or than of on by at the some about over under least within "
    "nearly almost approximately"
)
_NUMBERED_WORDS = frozenset(_NUMBERED_TEXT.split())


# "A/73/L.21", "Add.1", "Rev.2", "No. 3": numbers of symbols, not markers.
_SYMBOL_PART = re.compile(
    r"(?:\b(?:Add|Rev|Corr|L|No|Nos|vol|para|paras|chap|Suppl|sect|Amend|CRP|WP|Inf|Misc|Sub"
    r"|Ser|[A-Z])\.|/)$"
)


def _tok(marker: str) -> str:
    return f"\ue000{marker}\ue001"


def mark_markers(lines: list[str], known: list[str], pages: list[int]) -> list[str]:
    """Replace the footnote markers in ``lines`` by tokens.

    ``known[k]`` is the marker of the k-th footnote and ``pages[k]`` the page it
    was printed on (pages are counted by :data:`PAGE_BREAK` lines).

    >>> out = mark_markers(["Agreement 1 and INTERPOL2, 2020,", "Strategy, 3 and 4 more"],
    ...                    ["1", "2", "3"], [0, 0, 0])
    >>> [line.replace("\\ue000", "<").replace("\\ue001", ">") for line in out]
    ['Agreement <1> and INTERPOL<2>, 2020,', 'Strategy, <3> and 4 more']
    """
    return _Marking(known, pages).mark(lines)


class _Marking:
    """:func:`mark_markers` going through the lines: the footnotes of each page, those
    of this page not yet referenced (``pending``), the markers seen so far."""

    def __init__(self, known: list[str], pages: list[int]) -> None:
        self.by_page: dict[int, list[str]] = {}
        for marker, page in zip(known, pages, strict=False):
            self.by_page.setdefault(page, []).append(marker)
        self.everything = set(known)
        self.seen: set[str] = set()
        self.page = 0
        self.pending = list(self.by_page.get(0, []))
        self.out: list[str] = []

    def mark(self, lines: list[str]) -> list[str]:
        # Only page breaks and the lines with a digit, a star or a superscript matter;
        # the others are copied as they are.
        out = self.out = list(lines)
        for k in [
            k for k, line in enumerate(lines) if line == PAGE_BREAK or _HAS_MARK.search(line)
        ]:
            line = lines[k]
            if line == PAGE_BREAK:
                self.page += 1
                self.pending = [n for n in self.pending if n not in self.seen] + list(
                    self.by_page.get(self.page, [])
                )
            else:
                out[k] = _MARKER.sub(self._marker, self._line_start(line, k))
        return out

    def _take(self, n: str) -> None:
        self.seen.add(n)
        if n in self.pending:
            self.pending.remove(n)

    def _line_start(self, line: str, k: int) -> str:
        # "Strategy,\n3  including": a marker opening a line, two spaces after it.
        m = _LINE_START.match(line)
        if (
            m is None
            or m.group(1) not in self.pending[:3]
            or not _marker_may_follow(_last_with_text(self.out, k))
        ):
            return line
        self._take(m.group(1))
        return _tok(m.group(1)) + " " + line[m.end() :]

    def _marker(self, m: re.Match[str]) -> str:
        """A match of :data:`_MARKER`: its token if it is a marker, else itself."""
        if m.group("sup") is not None:
            n = m.group(0).translate(SUPER_TO_DIGIT)
            self.seen.add(n)
            return _tok(n)
        if m.group("star") is not None:
            if m.group(0) in self.everything:
                self.seen.add(m.group(0))
                return _tok(m.group(0))
            return m.group(0)
        if m.group("glued") is not None:
            return self._glued(m, m.group(0))
        if m.group("year") is not None or m.group("yspaced") is not None:
            return self._after_year(m, m.group(0))
        return self._spaced(m, m.group(0))

    def _glued(self, m: re.Match[str], n: str) -> str:
        if _SYMBOL_PART.search(m.string[max(0, m.start() - 8) : m.start()]):
            return n  # "A/73/L.21", "Add.1"
        ahead = n in self.by_page.get(self.page + 1, [])[:1]  # printed on the next page
        if n in self.pending or n in self.seen or (n in self.everything and ahead):
            self._take(n)
            return _tok(n)
        return n

    def _after_year(self, m: re.Match[str], n: str) -> str:
        # "12 August 19494", "6 October 2020 11 and": a marker after a year,
        # only as the first reference of a footnote printed on this page.
        # (as it was when a spaced match began at the space: one character early)
        start = m.start() - (4 if m.group("year") is not None else 6)
        if n in self.pending[:3] and (start == 0 or not m.string[start - 1].isdigit()):
            self._take(n)
            return _tok(n)
        return n

    def _spaced(self, m: re.Match[str], n: str) -> str:
        double = m.string.startswith("  ", m.end())
        pending = self.pending
        if n in pending and (m.group("spaced") is not None or double or n in pending[:3]):
            if m.group("word") is not None:
                space = m.start() - 1
                before = m.string[max(0, space - 16) : space].split()
                if before and before[-1].lower().strip(".") in _NUMBERED_WORDS:
                    return n
            self._take(n)
            return _tok(n)
        return n


def _last_with_text(lines: list[str], k: int) -> str:
    """The last line before line ``k`` that holds text (a page break aside), or ""."""
    for j in range(k - 1, -1, -1):
        if lines[j] != PAGE_BREAK and lines[j].strip():
            return lines[j]
    return ""


_LINE_START = re.compile(r"\s*(\d{1,3}) {2,}(?=\S)")


def _marker_may_follow(line: str) -> bool:
    """Whether a footnote marker may come right after ``line``: it ends with a word
    that numbers nothing ("paragraph 3" is no marker) or with punctuation.

    >>> _marker_may_follow("Strategy,"), _marker_may_follow("in paragraph")
    (True, False)
    """
    words = line.split()
    if not words:
        return False
    last = words[-1]
    if last[-1] in ',;:.)”’"':
        return True
    return last[-1].isalpha() and last.lower() not in _NUMBERED_WORDS


def detach_markers(text: str) -> tuple[str, list[str]]:
    """Take the marker tokens out of ``text``; return the clean text and the markers.

    >>> detach_markers("INTERPOL\\ue0001\\ue001 and Strategy, \\ue0002\\ue001 including")
    ('INTERPOL and Strategy, including', ['1', '2'])
    """
    if "\ue000" not in text:
        return text, []
    found = [m.group(1) for m in TOKEN.finditer(text)]
    text = _TOKEN_BEFORE_PUNCT.sub("", text)
    text = TOKEN.sub("", text)
    return " ".join(text.split()), found
