"""Agreed language, the pure half: which stored paragraphs are closest to a query paragraph.

The search runs in two steps; the storage side (an SQL table of grams, see
``service/library/precedents.py``) only ever deals with integers.

1. **Candidates.** A paragraph is indexed under its *grams*: the runs of
   :data:`GRAM_WORDS` consecutive content words (token keys lower-cased,
   stop words and punctuation out), each hashed to a signed 64-bit integer
   (:func:`grams`). A query keeps its rarest grams that the library has
   (:func:`pick_grams`: at most :data:`MAX_GRAMS`, and no more postings than
   a budget), and the paragraphs sharing most of them are the candidates
   (:data:`CANDIDATES` of them). A paragraph at least 0.7 similar to the
   query shares most of its word runs, so it is among them (the recall is
   measured in ``benchmarks/precedents.py`` against an exhaustive scan).
2. **Ranking** (:func:`rank`) on the scale of comparisons: the
   ``similarity`` of a precedent is the one :func:`diffing.compare` gives a
   reworded paragraph, the token similarity of
   :func:`diffing.worddiff.diff_words` (matching tokens x 2 / all tokens).
   That similarity never exceeds the Indel similarity of the two token-key
   sequences (the longest common subsequence is at least what
   ``SequenceMatcher`` matches), which ``rapidfuzz`` computes in
   microseconds: candidates are taken in decreasing Indel order and diffed
   until the next bound cannot beat the ``limit``-th best, so the top
   ``limit`` is exact among the candidates.

The ops of a :class:`Precedent` go from the precedent (``old``) to the query
(``new``), as a comparison's would from an older version to the new one.

A comparison asked for agreed language (:func:`attach`) looks up the new text of
every change that words something anew (:func:`searched`) with a search the
caller gives (the library's), and keeps the best :data:`PER_CHANGE` at least
:data:`FLOOR` similar.

>>> g = grams("Urges all Member States to cooperate with INTERPOL;")
>>> len(g), g == grams("URGES all member states to cooperate with Interpol.")
(5, True)
>>> [(i, round(d.similarity, 2)) for i, d in rank("Urges States to act", ["Invites States to act", "x"], 1)]
[(0, 0.75)]
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping, Sequence

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import Indel

from diffing import budget
from diffing.model import Change, Comparison, Precedent, Resolution
from diffing.tokens import split_tokens
from diffing.worddiff import STOP_WORDS, WordDiff, diff_words

__all__ = [
    "CANDIDATES",
    "FLOOR",
    "GRAM_SCHEME",
    "GRAM_WORDS",
    "MAX_GRAMS",
    "PER_CHANGE",
    "POSTINGS_BUDGET",
    "Precedent",
    "TokenCode",
    "attach",
    "bounds",
    "content_words",
    "grams",
    "pick_grams",
    "rank",
    "searched",
]

#: words per gram (2: word pairs)
GRAM_WORDS = 2
#: names the gram function: an index built under another scheme must be rebuilt
GRAM_SCHEME = f"content-words-{GRAM_WORDS}/blake2b-64/v1"
#: the rarest grams of a query that are looked up
MAX_GRAMS = 16
#: at most this many postings are read for one query (the rarest grams first)
POSTINGS_BUDGET = 40_000
#: paragraphs re-ranked per query
CANDIDATES = 50
#: precedents a comparison gives each new or reworded paragraph
PER_CHANGE = 3
#: the least similarity of a precedent a comparison shows: below it, a paragraph
#: shares some words with the new one but is no agreed language for it
FLOOR = 0.5


def content_words(text: str) -> list[str]:
    """The lower-cased token keys of *text* that are words and not stop words.

    >>> content_words("Recalling its resolution 73/11 of 26 November 2018,")
    ['recalling', 'resolution', '73/11', '26', 'november', '2018']
    """
    out = []
    for key in split_tokens(text)[1]:
        k = key.lower()
        if k[:1].isalnum() and k not in STOP_WORDS:
            out.append(k)
    return out


def _hash(gram: str) -> int:
    return int.from_bytes(hashlib.blake2b(gram.encode(), digest_size=8).digest(), signed=True)


def grams(text: str, n: int = GRAM_WORDS) -> set[int]:
    """The distinct grams of a paragraph: runs of *n* content words, hashed to
    signed 64-bit integers (a paragraph of fewer words has one gram, of them all)."""
    words = content_words(text)
    if len(words) <= n:
        return {_hash(" ".join(words))} if words else set()
    return {_hash(" ".join(words[i : i + n])) for i in range(len(words) - n + 1)}


def pick_grams(
    counts: Mapping[int, int], *, most: int = MAX_GRAMS, budget: int = POSTINGS_BUDGET
) -> list[int]:
    """The rarest grams to look up, given how many paragraphs hold each one.

    Grams no paragraph holds are useless and left out; then the rarest first,
    at most *most* of them, while their postings stay within *budget* (the
    rarest one is always kept).

    >>> pick_grams({1: 5, 2: 0, 3: 900, 4: 40}, most=2)
    [1, 4]
    >>> pick_grams({1: 5, 3: 900, 4: 40}, budget=100)
    [1, 4]
    """
    out: list[int] = []
    total = 0
    for gram, n in sorted(counts.items(), key=lambda kv: (kv[1], kv[0])):
        if n <= 0:
            continue
        if len(out) >= most or (out and total + n > budget):
            break
        out.append(gram)
        total += n
    return out


class TokenCode:
    """One character per token key, shared by every text encoded with it, so
    that ``rapidfuzz`` scores token sequences as strings. A library scanned
    many times is encoded once (:meth:`bounds` then only encodes the query).

    >>> code = TokenCode()
    >>> code.encode("Urges States") == code.encode("Urges  States"), len(code.encode("a, b"))
    (True, 3)
    """

    def __init__(self) -> None:
        self.vocab: dict[str, str] = {}

    def encode(self, text: str) -> str:
        v = self.vocab
        return "".join([v.setdefault(k, chr(0x100 + len(v))) for k in split_tokens(text)[1]])

    def bounds(self, query: str, encoded: Sequence[str]) -> list[float]:
        """:func:`bounds` of *query* against texts already encoded with this code."""
        if not encoded:
            return []
        scores = process.cdist(
            [self.encode(query)],
            encoded,
            scorer=Indel.normalized_similarity,
            dtype=np.float64,  # float32 would round a bound below the similarity it bounds
            workers=1,
        )
        return [float(s) for s in scores[0]]


def bounds(query: str, texts: Sequence[str]) -> list[float]:
    """Upper bounds of the similarity of each text to *query*: the Indel
    similarity of their token-key sequences (``2 x LCS / total``)."""
    code = TokenCode()
    return code.bounds(query, [code.encode(t) for t in texts])


_ROUNDING = 1e-9  # far above float error, far below any difference of two similarities


def rank(
    query: str,
    texts: Sequence[str],
    limit: int,
    *,
    upper: Sequence[float] | None = None,
) -> list[tuple[int, WordDiff]]:
    """The *limit* texts most similar to *query*, best first, as (index, diff
    from the text to the query).

    Exact on the comparison scale (``diff_words(text, query).similarity``);
    ties go to the lower index, so the caller orders *texts* by preference.
    *upper* are bounds already computed (:func:`bounds`, or an equal scorer on
    a shared code), one per text.
    """
    up = list(upper) if upper is not None else bounds(query, texts)
    order = sorted(range(len(texts)), key=lambda i: (-up[i], i))
    found: list[tuple[float, int, WordDiff]] = []
    for i in order:
        # A bound may fall below the similarity it bounds by a rounding error (1e-16):
        # a text whose bound ties the last one kept may still tie it and win on index.
        if len(found) >= limit and up[i] < found[limit - 1][0] - _ROUNDING:
            break
        d = diff_words(texts[i], query)
        found.append((d.similarity, i, d))
        found.sort(key=lambda f: (-f[0], f[1]))
    return [(i, d) for _, i, d in found[:limit]]


# -- agreed language in a comparison ---------------------------------------------------


def searched(change: Change) -> bool:
    """Whether a comparison looks up agreed language for ``change``: the new version
    words something anew (a paragraph added, reworded, split, merged, or moved and
    reworded).

    >>> searched(Change("added", [], ["OP3"])), searched(Change("unchanged", ["OP1"], ["OP1"]))
    (True, False)
    """
    if not change.new:
        return False
    if change.type in ("added", "reworded", "split", "merged"):
        return True
    return change.type == "moved" and any(o.op != "equal" for o in change.ops)


def _texts(res: Resolution) -> dict[str, str]:
    """Paragraph text by id (the first of a repeated id, as the comparison reads it)."""
    return {p.id: p.text for p in reversed(res.paragraphs)}


def attach(
    comparison: Comparison,
    find: Callable[[str], Sequence[Precedent]],
    *,
    floor: float = FLOOR,
    limit: int = PER_CHANGE,
    deadline: float | None = None,
) -> Comparison:
    """Give every :func:`searched` change of ``comparison`` its ``precedents``: what
    ``find`` returns for its new text (the new paragraphs joined with newlines),
    at least ``floor`` similar, the best ``limit`` of them (``[]``: none). The other
    changes keep ``None``. ``deadline`` is checked between searches."""
    texts = _texts(comparison.new)
    for change in comparison.changes:
        if not searched(change):
            continue
        budget.check(deadline, "looking for agreed language")
        query = "\n".join(texts.get(pid, "") for pid in change.new)
        found = [p for p in find(query) if p.similarity >= floor]
        change.precedents = found[:limit]
    return comparison
