"""Word-level differences inside two aligned paragraphs.

:func:`diff_words` compares the token keys (:mod:`diffing.tokens`) with
``difflib.SequenceMatcher(autojunk=False)`` and emits :class:`~diffing.model.Op`
values holding the ORIGINAL text: joining the ``old`` sides gives the old text
exactly, joining the ``new`` sides gives the new text exactly. A very long
paragraph is first cut at anchors, so that the cost stays near-linear
(:func:`_matching_blocks`); ``deadline`` bounds the time (:mod:`diffing.budget`).

Semantic clean-up: a negotiator reads "replace X by Y", not a string of
fragments. A short run of equal tokens between two edits is folded into one
replacement when it is at most three stop words or punctuation signs ("the",
"of the", ", and"), or a single token no longer than both edits around it.

>>> [o.to_dict() for o in diff_words("Urges the States", "Encourages the States").ops]
[{'op': 'replace', 'old': 'Urges ', 'new': 'Encourages '}, {'op': 'equal', 'old': 'the States', 'new': 'the States'}]
>>> diff_words("a b", "a b").similarity
1.0
"""

from __future__ import annotations

import bisect
import math
import re
from collections import Counter
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache
from typing import Literal

from diffing.budget import check
from diffing.model import Op, OpKind
from diffing.tokens import split_tokens

__all__ = ["STOP_WORDS", "WordDiff", "diff_words", "typographic_ops"]

STOP_WORDS: frozenset[str] = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "and",
        "or",
        "to",
        "in",
        "on",
        "at",
        "by",
        "for",
        "with",
        "as",
        "from",
        "its",
        "their",
        "his",
        "her",
        "that",
        "which",
        "this",
        "these",
        "those",
        "is",
        "are",
        "be",
        "was",
        "were",
        "it",
        "into",
        "upon",
        "le",
        "la",
        "les",
        "l",
        "de",
        "des",
        "du",
        "d",
        "et",
        "ou",
        "à",
        "au",
        "aux",
        "en",
        "dans",
        "par",
        "pour",
        "sur",
        "avec",
        "que",
        "qui",
        "son",
        "sa",
        "ses",
        "leur",
        "leurs",
        "un",
        "une",
        "ce",
        "cette",
        "ces",
        "est",
    ]
)

_Seg = tuple[str, int, int, int, int]
_OP_KINDS: dict[str, OpKind] = {
    "equal": "equal",
    "insert": "insert",
    "delete": "delete",
    "replace": "replace",
}

_DIRECT = 250_000  # token pairs of a region SequenceMatcher handles directly
_RARE = 8  # most occurrences of a token still used as an anchor
_LONG = 4_000_000  # characters x characters: a diff this large is timed, not cached


@dataclass
class WordDiff:
    """The ops of one paragraph pair and its token similarity (0.0-1.0)."""

    ops: list[Op]
    similarity: float


def _weak(keys: tuple[str, ...]) -> bool:
    for key in keys:
        k = key.lower().rstrip("'\u2019")
        if k and (k[0].isalnum() or k[0] == "_") and k not in STOP_WORDS:
            return False
    return True


def _chars(keys: tuple[str, ...]) -> int:
    return sum(map(len, keys))


def _cleanup(segs: list[_Seg], ka: tuple[str, ...], kb: tuple[str, ...]) -> list[_Seg]:
    """Fold weak equal runs between two edits, then merge adjacent edits."""
    out: list[_Seg] = []
    for k, seg in enumerate(segs):
        tag, i1, i2, j1, j2 = seg
        if tag == "equal" and 0 < k < len(segs) - 1:
            eq = ka[i1:i2]
            p, n = segs[k - 1], segs[k + 1]
            before = max(_chars(ka[p[1] : p[2]]), _chars(kb[p[3] : p[4]]))
            after = max(_chars(ka[n[1] : n[2]]), _chars(kb[n[3] : n[4]]))
            if (len(eq) <= 3 and _weak(eq)) or (len(eq) == 1 and _chars(eq) <= min(before, after)):
                tag = "replace"
        if out and tag != "equal" and out[-1][0] != "equal":
            _, pi1, _, pj1, _ = out[-1]
            out[-1] = ("replace", pi1, i2, pj1, j2)
        else:
            out.append((tag, i1, i2, j1, j2))
    return out


def _lis(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The longest run of *pairs* (sorted by their first item) increasing in the second."""
    tails: list[int] = []  # tails[k]: the smallest second item ending a run of length k + 1
    ends: list[int] = []  # the index in pairs of that item
    back = [-1] * len(pairs)
    for x, (_, j) in enumerate(pairs):
        k = bisect.bisect_left(tails, j)
        if k == len(tails):
            tails.append(j)
            ends.append(x)
        else:
            tails[k] = j
            ends[k] = x
        back[x] = ends[k - 1] if k else -1
    out = []
    x = ends[-1] if ends else -1
    while x != -1:
        out.append(pairs[x])
        x = back[x]
    return out[::-1]


def _anchors(
    ka: tuple[str, ...], kb: tuple[str, ...], a0: int, a1: int, b0: int, b1: int
) -> list[tuple[int, int]]:
    """Positions of equal tokens to keep in a large region, in increasing order.

    The candidates are the tokens found once on each side (patience diff), else
    those found at most ``_RARE`` times on each side (every pairing); only a
    pair with an equal neighbour counts (a word deleted here and inserted far
    away is no anchor), and the longest increasing run of them is kept. Empty
    when the region has none.
    """
    ca = Counter(ka[a0:a1])
    cb = Counter(kb[b0:b1])

    def confirmed(i: int, j: int) -> bool:
        return (i > a0 and j > b0 and ka[i - 1] == kb[j - 1]) or (
            i + 1 < a1 and j + 1 < b1 and ka[i + 1] == kb[j + 1]
        )

    for most in (1, _RARE):
        where: dict[str, list[int]] = {}
        for j in range(b0, b1):
            t = kb[j]
            if cb[t] <= most and 0 < ca.get(t, 0) <= most:
                where.setdefault(t, []).append(j)
        pairs: list[tuple[int, int]] = []
        for i in range(a0, a1):
            js = where.get(ka[i])
            if js is not None:
                # decreasing j: an increasing run takes at most one pair of each i
                pairs.extend((i, j) for j in reversed(js) if confirmed(i, j))
        if pairs:
            return _lis(pairs)
    return []


def _matching_blocks(
    ka: tuple[str, ...], kb: tuple[str, ...], deadline: float | None, doing: str, direct: int
) -> list[tuple[int, int, int]]:
    """Runs ``(i, j, n)`` of equal keys ``ka[i:i+n] == kb[j:j+n]``, in order.

    A region (after its common prefix and suffix) of at most ``direct`` token
    pairs goes to ``SequenceMatcher``: exact and quick at that size. A larger
    one is cut at anchors (:func:`_anchors`) and each gap handled the same way;
    one without anchors is cut into aligned slices of at most ``direct`` pairs
    (coarser, still exact). ``SequenceMatcher`` alone is quadratic in the words
    of a paragraph: two versions of a 60,000-word paragraph took 10 to 25 s;
    this keeps the cost near-linear, and checks ``deadline`` between regions.
    """
    out: list[tuple[int, int, int]] = []
    stack: list[tuple[int, int, int, int] | tuple[int, int, int]] = [(0, len(ka), 0, len(kb))]
    while stack:
        task = stack.pop()
        if len(task) == 3:
            out.append(task)
            continue
        check(deadline, doing)
        a0, a1, b0, b1 = task
        pre = 0
        while a0 + pre < a1 and b0 + pre < b1 and ka[a0 + pre] == kb[b0 + pre]:
            pre += 1
        if pre:
            out.append((a0, b0, pre))
            a0, b0 = a0 + pre, b0 + pre
        suf = 0
        while a0 < a1 - suf and b0 < b1 - suf and ka[a1 - 1 - suf] == kb[b1 - 1 - suf]:
            suf += 1
        if suf:
            a1, b1 = a1 - suf, b1 - suf
            stack.append((a1, b1, suf))
        la, lb = a1 - a0, b1 - b0
        if not la or not lb:
            continue
        if la * lb <= direct:
            sm = SequenceMatcher(None, ka[a0:a1], kb[b0:b1], autojunk=False)
            out.extend((a0 + i, b0 + j, n) for i, j, n in sm.get_matching_blocks() if n)
            continue
        tasks: list[tuple[int, int, int, int] | tuple[int, int, int]] = []
        anchors = _anchors(ka, kb, a0, a1, b0, b1)
        if anchors:
            i0, j0 = a0, b0
            for i, j in anchors:
                tasks.append((i0, i, j0, j))
                tasks.append((i, j, 1))
                i0, j0 = i + 1, j + 1
            tasks.append((i0, a1, j0, b1))
        else:
            parts = math.isqrt(la * lb // direct) + 1
            tasks.extend(
                (
                    a0 + la * k // parts,
                    a0 + la * (k + 1) // parts,
                    b0 + lb * k // parts,
                    b0 + lb * (k + 1) // parts,
                )
                for k in range(parts)
            )
        stack.extend(reversed(tasks))
    return out


def _opcodes(
    ka: tuple[str, ...],
    kb: tuple[str, ...],
    deadline: float | None = None,
    doing: str = "",
    *,
    direct: int = _DIRECT,
) -> list[_Seg]:
    """Opcodes like ``SequenceMatcher.get_opcodes`` from :func:`_matching_blocks`."""
    segs: list[_Seg] = []
    i = j = 0
    blocks = _matching_blocks(ka, kb, deadline, doing, direct)
    for bi, bj, n in [*blocks, (len(ka), len(kb), 0)]:
        if i < bi or j < bj:
            tag = "replace" if i < bi and j < bj else ("delete" if i < bi else "insert")
            segs.append((tag, i, bi, j, bj))
        if n:
            if segs and segs[-1][0] == "equal" and segs[-1][2] == bi:
                segs[-1] = ("equal", segs[-1][1], bi + n, segs[-1][3], bj + n)
            else:
                segs.append(("equal", bi, bi + n, bj, bj + n))
        i, j = bi + n, bj + n
    return segs


def _compute(
    old: str, new: str, deadline: float | None = None, doing: str = ""
) -> tuple[tuple[tuple[str, str, str], ...], float]:
    (ta, ka), (tb, kb) = split_tokens(old), split_tokens(new)
    if ka == kb:
        return ((("equal", old, new),) if old or new else ()), 1.0
    segs = _opcodes(ka, kb, deadline, doing)
    total = len(ka) + len(kb)
    sim = 2.0 * sum(s[2] - s[1] for s in segs if s[0] == "equal") / total if total else 1.0
    ops: list[tuple[str, str, str]] = []
    for tag, i1, i2, j1, j2 in _cleanup(segs, ka, kb):
        o = "".join(ta[i1:i2])
        n = "".join(tb[j1:j2])
        if tag != "equal":
            tag = "replace" if o and n else ("delete" if o else "insert")
        ops.append((tag, o, n))
    return tuple(ops), sim


_diff = lru_cache(maxsize=2048)(_compute)


def diff_words(old: str, new: str, *, deadline: float | None = None) -> WordDiff:
    """Word ops turning *old* into *new*, and their similarity.

    ``deadline`` (a :func:`time.monotonic` value) bounds the time spent on two
    long texts (:mod:`diffing.budget`); diffs of ordinary paragraphs are cached.
    """
    if old == new:
        return WordDiff([Op("equal", old, new)] if old else [], 1.0)
    doing = "diffing the words of two paragraphs"
    check(deadline, doing)
    if deadline is not None and len(old) * len(new) > _LONG:
        sizes = f" of {len(split_tokens(old)[0]):,} and {len(split_tokens(new)[0]):,} tokens"
        ops, sim = _compute(old, new, deadline, doing + sizes)
    else:
        ops, sim = _diff(old, new)
    return WordDiff([Op(_OP_KINDS[t], o, n) for t, o, n in ops], sim)


_EDGES = re.compile(r"(\s*)(.*?)(\s*)", re.DOTALL)


def typographic_ops(op: Op) -> list[Op]:
    """An ``equal`` op whose two sides differ in spacing or typography, as exact ops.

    No new diff: the two sides of an ``equal`` op have the same token keys, so
    their tokens pair one to one; each pair is cut into its leading spaces, its
    text and its trailing spaces, and the pieces that differ become ``replace``
    ops (what a report shows as a minor change). Any other op is returned as it is.

    >>> for o in typographic_ops(Op("equal", "the  States\u2019 role", "the States' role")):
    ...     print(o.op, repr(o.old), repr(o.new))
    equal 'the' 'the'
    replace '  ' ' '
    equal 'States' 'States'
    replace '’' "'"
    equal ' role' ' role'
    """
    if op.op != "equal" or op.old == op.new:
        return [op]
    old, new = split_tokens(op.old)[0], split_tokens(op.new)[0]
    if len(old) != len(new):  # pragma: no cover - equal keys pair their tokens
        return [Op("replace", op.old, op.new)]
    out: list[Op] = []
    for a, b in zip(old, new, strict=True):
        pieces = [(a, b)] if a == b else zip(_edges(a), _edges(b), strict=True)
        for x, y in pieces:
            if not (x or y):
                continue
            kind: Literal["equal", "replace"] = "equal" if x == y else "replace"
            if out and out[-1].op == kind:
                out[-1] = Op(kind, out[-1].old + x, out[-1].new + y)
            else:
                out.append(Op(kind, x, y))
    return out


def _edges(token: str) -> tuple[str, str, str]:
    m = _EDGES.fullmatch(token)
    assert m is not None
    return m.group(1), m.group(2), m.group(3)
