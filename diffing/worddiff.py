"""Word-level differences inside two aligned paragraphs.

:func:`diff_words` compares the token keys (:mod:`diffing.tokens`) with
``difflib.SequenceMatcher(autojunk=False)`` and emits :class:`~diffing.model.Op`
values holding the ORIGINAL text: joining the ``old`` sides gives the old text
exactly, joining the ``new`` sides gives the new text exactly.

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

from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache

from diffing.model import Op
from diffing.tokens import split_tokens

__all__ = ["STOP_WORDS", "WordDiff", "diff_words"]

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


def _opcodes(ka: tuple[str, ...], kb: tuple[str, ...]) -> list[_Seg]:
    """SequenceMatcher opcodes, run on what lies between the common prefix and
    suffix only (the usual quick path of a diff; a renewal changes a few words)."""
    n = min(len(ka), len(kb))
    pre = 0
    while pre < n and ka[pre] == kb[pre]:
        pre += 1
    suf = 0
    while suf < n - pre and ka[-1 - suf] == kb[-1 - suf]:
        suf += 1
    mid = SequenceMatcher(None, ka[pre : len(ka) - suf], kb[pre : len(kb) - suf], autojunk=False)
    segs: list[_Seg] = []
    if pre:
        segs.append(("equal", 0, pre, 0, pre))
    for t, i1, i2, j1, j2 in mid.get_opcodes():
        if t == "equal" and segs and segs[-1][0] == "equal":
            segs[-1] = ("equal", segs[-1][1], i2 + pre, segs[-1][3], j2 + pre)
        else:
            segs.append((t, i1 + pre, i2 + pre, j1 + pre, j2 + pre))
    if suf:
        i, j = len(ka) - suf, len(kb) - suf
        if segs and segs[-1][0] == "equal":
            segs[-1] = ("equal", segs[-1][1], len(ka), segs[-1][3], len(kb))
        else:
            segs.append(("equal", i, len(ka), j, len(kb)))
    return segs


@lru_cache(maxsize=2048)
def _diff(old: str, new: str) -> tuple[tuple[tuple[str, str, str], ...], float]:
    (ta, ka), (tb, kb) = split_tokens(old), split_tokens(new)
    if ka == kb:
        return ((("equal", old, new),) if old or new else ()), 1.0
    segs = _opcodes(ka, kb)
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


def diff_words(old: str, new: str) -> WordDiff:
    """Word ops turning *old* into *new*, and their similarity."""
    if old == new:
        return WordDiff([Op("equal", old, new)] if old else [], 1.0)
    ops, sim = _diff(old, new)
    return WordDiff([Op(t, o, n) for t, o, n in ops], sim)  # type: ignore[arg-type]
