"""The parser's and aligner's steps as they were before issue 18 made them fast.

Each function here is the plain, obviously correct version of a step that now
takes a shortcut (a test of a character before a regular expression, a slice
copied at once, a window of the text read first); ``tests/test_fast_paths.py``
checks that the fast step gives exactly what the slow one gives. Nothing in
resdiff calls this module.
"""

from __future__ import annotations

import re
from collections import Counter

from diffing.cleanup import (
    _BARCODE,
    _JOB,
    _PAGE_NO,
    _SYMBOL_LINE,
    PAGE_BREAK,
    SUPER_TO_DIGIT,
    _even_titles,
    _header_span,
    _squash,
)
from diffing.footnotes import (
    _HAS_MARK,
    _LINE_START,
    _MONTHS,
    _NUMBERED_WORDS,
    _SYMBOL_PART,
    _marker_may_follow,
    _tok,
)
from diffing.lexicon import ORDINALS_EN, ORDINALS_FR
from diffing.worddiff import STOP_WORDS

# -- diffing.cleanup ---------------------------------------------------------------------


def is_furniture(line: str) -> bool:
    return bool(
        _PAGE_NO.fullmatch(line)
        or _JOB.fullmatch(line)
        or _BARCODE.fullmatch(line)
        or _SYMBOL_LINE.fullmatch(line)
    )


def _page_numbers(lines: list[str], start: int) -> list[int]:
    found = [(i, m) for i in range(start, len(lines)) if (m := _PAGE_NO.fullmatch(lines[i]))]
    if not found:
        return []
    total, _ = Counter(int(m.group(2)) for _, m in found).most_common(1)[0]
    return [i for i, m in found if int(m.group(2)) == total and 1 <= int(m.group(1)) <= total]


def _running_title_lines(lines: list[str], anchors: list[int]) -> set[str]:
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
                break
            if lines[j].strip() and not is_furniture(lines[j]):
                near.add(_squash(lines[j]))
        seen.update(near)
    return {s for s, n in seen.items() if n >= 2}


def remove_furniture(lines: list[str], *, start: int = 0, title: str = "") -> list[str]:
    """Every line marked as furniture or not, then copied one by one."""
    anchors = sorted(
        _page_numbers(lines, start)
        + [
            i
            for i in range(start, len(lines))
            if _JOB.fullmatch(lines[i]) or _BARCODE.fullmatch(lines[i])
        ]
    )
    if not anchors:
        return list(lines)
    running = _running_title_lines(lines, anchors)
    titles = _even_titles(lines, anchors)
    if title:
        titles.add(_squash(title))
    furniture = [False] * len(lines)
    for i in anchors:
        lo, hi = _header_span(lines, i, running, titles)
        for k in range(max(lo, start), hi + 1):
            furniture[k] = True
    out: list[str] = []
    for k, line in enumerate(lines):
        if not furniture[k]:
            out.append(line)
        elif not out or out[-1] != PAGE_BREAK:
            out.append(PAGE_BREAK)
    return out


def vocabulary_text(lines: list[str]) -> str:
    """The text a vocabulary of ``lines`` looks words up in, page breaks left out."""
    return "\n".join(line for line in lines if line != PAGE_BREAK).lower()


# -- diffing.blocks ------------------------------------------------------------------------

_STARS = re.compile(r"\s*\*\s*\*\s*\*\s*")


def make_blocks(lines: list[str]) -> list[tuple[list[str], bool]]:
    """(lines, soft) of each block, line by line."""
    blocks: list[tuple[list[str], bool]] = []
    cur: list[str] = []
    soft = False
    pending_soft = False
    for line in lines:
        if line == PAGE_BREAK or not line.strip() or _STARS.fullmatch(line):
            if cur:
                blocks.append((cur, soft))
                cur = []
                soft = False
            pending_soft = pending_soft or line == PAGE_BREAK
            continue
        if not cur:
            soft = pending_soft
            pending_soft = False
        cur.append(line)
    if cur:
        blocks.append((cur, soft))
    return blocks


# -- diffing.footnotes -----------------------------------------------------------------------

MARKER = re.compile(
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
"""The marker pattern as it was: a lookahead first, each spaced number with its space."""


def mark_markers(lines: list[str], known: list[str], pages: list[int]) -> list[str]:
    """Every line looked at in turn, with the pattern above."""
    by_page: dict[int, list[str]] = {}
    for marker, page in zip(known, pages, strict=False):
        by_page.setdefault(page, []).append(marker)
    everything = set(known)
    seen: set[str] = set()
    page = 0
    pending = list(by_page.get(0, []))
    out: list[str] = []

    def take(n: str) -> None:
        seen.add(n)
        if n in pending:
            pending.remove(n)

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
            ahead = glued in by_page.get(page + 1, [])[:1]
            if glued in pending or glued in seen or (glued in everything and ahead):
                take(glued)
                return _tok(glued)
            return m.group(0)
        year = m.group("year") or m.group("yspaced")
        if year is not None:
            start = m.start() - (4 if m.group("year") else 5)
            if year in pending[:3] and (start == 0 or not m.string[start - 1].isdigit()):
                take(year)
                return (" " if m.group("yspaced") else "") + _tok(year)
            return m.group(0)
        spaced = m.group("spaced") or m.group("word") or ""
        double = m.string.startswith("  ", m.end())
        if spaced in pending and (m.group("spaced") or double or spaced in pending[:3]):
            if m.group("word"):
                before = m.string[max(0, m.start() - 16) : m.start()].split()
                if before and before[-1].lower().strip(".") in _NUMBERED_WORDS:
                    return m.group(0)
            take(spaced)
            return " " + _tok(spaced)
        return m.group(0)

    def line_start(line: str, before: str) -> str:
        m = _LINE_START.match(line)
        if m is None or m.group(1) not in pending[:3] or not _marker_may_follow(before):
            return line
        take(m.group(1))
        return _tok(m.group(1)) + " " + line[m.end() :]

    before = ""
    for line in lines:
        if line == PAGE_BREAK:
            page += 1
            pending = [n for n in pending if n not in seen] + list(by_page.get(page, []))
            out.append(line)
            continue
        if _HAS_MARK.search(line):
            line = MARKER.sub(repl, line_start(line, before))
        out.append(line)
        if line.strip():
            before = line
    return out


# -- diffing.rollover ------------------------------------------------


_FIGURE = re.compile(r"\d+(?:st|nd|rd|th|e|er|ème|re)", re.IGNORECASE)


def is_ordinal(key: str) -> bool:
    low = key.lower()
    if low.endswith("ième") and len(low) > 4:
        return True
    value = ORDINALS_EN.get(low.replace("-", ""))
    if value is not None:
        return value >= 10
    return low.replace("-", "") in ORDINALS_FR or _FIGURE.fullmatch(low) is not None


# -- diffing.align ---------------------------------------------------------------------------


def encode(keys: list[str], vocab: dict[str, str]) -> list[str]:
    """One character per content word, each new word the next character."""
    out = []
    for k in keys:
        chars = []
        words = k.lower().split()
        content = [w for w in words if w[0].isalnum() and w not in STOP_WORDS]
        for w in content or words:
            c = vocab.get(w)
            if c is None:
                c = vocab[w] = chr(0x10000 + len(vocab))
            chars.append(c)
        out.append("".join(chars))
    return out
