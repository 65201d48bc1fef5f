"""Agreed language, the pure half: which stored paragraphs are closest to a query paragraph.

The search runs in two steps; the storage side (an SQL table of grams, see
``service/precedents_index.py``) only ever deals with integers.

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

>>> g = grams("Urges all Member States to cooperate with INTERPOL;")
>>> len(g), g == grams("URGES all member states to cooperate with Interpol.")
(5, True)
>>> [(i, round(d.similarity, 2)) for i, d in rank("Urges States to act", ["Invites States to act", "x"], 1)]
[(0, 0.75)]
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import Indel

from diffing.model import Op
from diffing.tokens import split_tokens
from diffing.worddiff import STOP_WORDS, WordDiff, diff_words

__all__ = [
    "CANDIDATES",
    "GRAM_SCHEME",
    "GRAM_WORDS",
    "MAX_GRAMS",
    "POSTINGS_BUDGET",
    "Precedent",
    "TokenCode",
    "bounds",
    "content_words",
    "grams",
    "pick_grams",
    "rank",
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


@dataclass
class Precedent:
    """One stored paragraph close to the query, with the word ops from it to the query."""

    symbol: str | None
    paragraph: str
    kind: str
    title: str | None
    adopted: str | None
    similarity: float
    text: str
    ops: list[Op] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "symbol": self.symbol,
            "paragraph": self.paragraph,
            "kind": self.kind,
            "title": self.title,
            "adopted": self.adopted,
            "similarity": round(self.similarity, 4),
            "text": self.text,
            "ops": [o.to_dict() for o in self.ops],
        }


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
        if len(found) >= limit and up[i] < found[limit - 1][0]:
            break
        d = diff_words(texts[i], query)
        found.append((d.similarity, i, d))
        found.sort(key=lambda f: (-f[0], f[1]))
    return [(i, d) for _, i, d in found[:limit]]
