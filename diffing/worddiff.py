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
from diffing.tokens import Token, tokenize

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


def _weak(tokens: tuple[Token, ...]) -> bool:
    for t in tokens:
        k = t.key.lower().rstrip("'\u2019")
        if k and (k[0].isalnum() or k[0] == "_") and k not in STOP_WORDS:
            return False
    return True


def _chars(tokens: tuple[Token, ...]) -> int:
    return sum(len(t.key) for t in tokens)


def _cleanup(segs: list[_Seg], a: tuple[Token, ...], b: tuple[Token, ...]) -> list[_Seg]:
    """Fold weak equal runs between two edits, then merge adjacent edits."""
    out: list[_Seg] = []
    for k, seg in enumerate(segs):
        tag, i1, i2, j1, j2 = seg
        if tag == "equal" and 0 < k < len(segs) - 1:
            eq = a[i1:i2]
            p, n = segs[k - 1], segs[k + 1]
            before = max(_chars(a[p[1] : p[2]]), _chars(b[p[3] : p[4]]))
            after = max(_chars(a[n[1] : n[2]]), _chars(b[n[3] : n[4]]))
            if (len(eq) <= 3 and _weak(eq)) or (len(eq) == 1 and _chars(eq) <= min(before, after)):
                tag = "replace"
        if out and tag != "equal" and out[-1][0] != "equal":
            _, pi1, _, pj1, _ = out[-1]
            out[-1] = ("replace", pi1, i2, pj1, j2)
        else:
            out.append((tag, i1, i2, j1, j2))
    return out


@lru_cache(maxsize=2048)
def _diff(old: str, new: str) -> tuple[tuple[tuple[str, str, str], ...], float]:
    a, b = tokenize(old), tokenize(new)
    ka, kb = [t.key for t in a], [t.key for t in b]
    if ka == kb:
        return ((("equal", old, new),) if old or new else ()), 1.0
    sm = SequenceMatcher(None, ka, kb, autojunk=False)
    segs: list[_Seg] = [(t, i1, i2, j1, j2) for t, i1, i2, j1, j2 in sm.get_opcodes()]
    total = len(ka) + len(kb)
    sim = 2.0 * sum(s[2] - s[1] for s in segs if s[0] == "equal") / total if total else 1.0
    ops: list[tuple[str, str, str]] = []
    for tag, i1, i2, j1, j2 in _cleanup(segs, a, b):
        o = "".join(t.text for t in a[i1:i2])
        n = "".join(t.text for t in b[j1:j2])
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
