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

from diffing.cleanup import PAGE_BREAK, SUPER_TO_DIGIT, SUPERSCRIPTS
from diffing.lexicon import MONTHS_EN, MONTHS_FR

__all__ = ["TOKEN", "detach_markers", "mark_markers"]

TOKEN = re.compile("\ue000([^\ue000\ue001]{1,4})\ue001")
# A token glued to the punctuation after it goes with the space before it.
_TOKEN_BEFORE_PUNCT = re.compile(r"\s*" + TOKEN.pattern + r"(?=[,.;:])")
_MONTHS = "|".join(MONTHS_EN + MONTHS_FR)
_MARKER = re.compile(
    r"(?=[ \d*⁰¹²³⁴⁵⁶⁷⁸⁹])"
    r"(?:(?P<sup>[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,3})"
    r"|(?:(?<=[^\W\d_][^\W\d_])|(?<=[)”’\],.;:]))(?P<glued>\d{1,3})(?=[\s,.;:)”]|$)"
    r"|(?<=[,;:)”’]) (?P<spaced>\d{1,3})(?! +(?:" + _MONTHS + r"|per)\b)(?= +\S| *$)"
    r"|(?<=[^\W\d_][^\W\d_]) (?P<word>\d{1,3})(?! +(?:" + _MONTHS + r"|per|to)\b)"
    r"(?= +(?:[^\W\d]|[(“‘\"])| *$)"
    r"|(?<=(?:19|20)\d\d)(?P<year>\d{1,2})(?=[\s,.;:)”]|$)"
    r"|(?<=(?:19|20)\d\d) (?P<yspaced>\d{1,3})(?= +[^\W\d]| *$)"
    r"|(?:(?<=[^\W\d_])|(?<=[,.;:)”]))(?P<star>\*{1,3})(?=[\s,.;:]|$))"
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
    by_page: dict[int, list[str]] = {}
    for marker, page in zip(known, pages, strict=False):
        by_page.setdefault(page, []).append(marker)
    everything = set(known)
    seen: set[str] = set()
    page = 0
    pending = list(by_page.get(0, []))

    def repl(m: re.Match[str]) -> str:
        if m.group("sup"):
            n = m.group("sup").translate(SUPER_TO_DIGIT)
            seen.add(n)
            return _tok(n)
        if m.group("star"):
            star = m.group("star")
            if star in everything:
                seen.add(star)
                return _tok(star)
            return m.group(0)
        glued = m.group("glued")
        if glued is not None:
            if _SYMBOL_PART.search(m.string[max(0, m.start() - 8) : m.start()]):
                return m.group(0)
            if glued in pending or glued in seen or (glued in everything and _ahead(glued)):
                _take(glued)
                return _tok(glued)
            return m.group(0)
        year = m.group("year") or m.group("yspaced")
        if year is not None:
            # "12 August 19494", "6 October 2020 11 and": a marker after a year,
            # only as the first reference of a footnote printed on this page.
            start = m.start() - (4 if m.group("year") else 5)
            if year in pending[:3] and (start == 0 or not m.string[start - 1].isdigit()):
                _take(year)
                return (" " if m.group("yspaced") else "") + _tok(year)
            return m.group(0)
        spaced = m.group("spaced") or m.group("word") or ""
        double = m.string.startswith("  ", m.end())
        if spaced in pending and (m.group("spaced") or double or spaced in pending[:3]):
            if m.group("word"):
                before = m.string[max(0, m.start() - 16) : m.start()].split()
                if before and before[-1].lower().strip(".") in _NUMBERED_WORDS:
                    return m.group(0)
            _take(spaced)
            return " " + _tok(spaced)
        return m.group(0)

    def _ahead(n: str) -> bool:
        # A marker whose footnote is printed on the next page.
        return n in by_page.get(page + 1, [])[:1]

    def _take(n: str) -> None:
        seen.add(n)
        if n in pending:
            pending.remove(n)

    def line_start(line: str, k: int) -> str:
        # "Strategy,\n3  including": a marker opening a line, two spaces after it.
        m = _LINE_START.match(line)
        if (
            m is None
            or m.group(1) not in pending[:3]
            or not _marker_may_follow(_last_with_text(out, k))
        ):
            return line
        _take(m.group(1))
        return _tok(m.group(1)) + " " + line[m.end() :]

    # Only page breaks and the lines with a digit, a star or a superscript matter;
    # the others are copied as they are. Without a superscript in the text, a line
    # whose numbers are no markers, and without a star that is one, holds none.
    out = list(lines)
    text = "\n".join(lines)
    every_line = any(c in text for c in SUPERSCRIPTS)
    stars = any(n.startswith("*") for n in everything)
    for k in [k for k, line in enumerate(lines) if line == PAGE_BREAK or _HAS_MARK.search(line)]:
        line = lines[k]
        if line == PAGE_BREAK:
            page += 1
            pending = [n for n in pending if n not in seen] + list(by_page.get(page, []))
            continue
        if every_line or (stars and "*" in line) or _numbers_in(line, everything):
            out[k] = _MARKER.sub(repl, line_start(line, k))
    return out


_NUMBER = re.compile(r"\d+")


def _numbers_in(line: str, markers: set[str]) -> bool:
    """Whether a number of ``line``, or its last one or two digits after a year
    ("20204"), is one of ``markers``."""
    for n in _NUMBER.findall(line):
        if n in markers or (len(n) > 4 and (n[-1:] in markers or n[-2:] in markers)):
            return True
    return False


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
