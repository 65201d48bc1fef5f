"""A slow, obviously correct aligner to test the fast one against (tiny inputs only).

It enumerates every one-to-one matching of old to new paragraphs whose pairs
reach ``MOVE_THRESHOLD`` on :func:`diffing.align.paragraph_similarity`, keeps
the one with the largest total similarity, then enumerates every subset of its
pairs that is increasing in both texts and keeps the heaviest (weight
``1 + similarity / 2`` per pair, as the fast aligner). Cost is factorial: use
it on eight paragraphs or fewer. Splits and merges are out of its scope.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import combinations, pairwise

from diffing.align import MOVE_THRESHOLD, paragraph_similarity

__all__ = ["reference_alignment"]

_MAX = 8


def _best_matching(
    n: int, m: int, score: dict[tuple[int, int], float]
) -> tuple[float, frozenset[tuple[int, int]]]:
    best: tuple[float, frozenset[tuple[int, int]]] = (0.0, frozenset())

    def walk(i: int, used: frozenset[int], total: float, pairs: frozenset[tuple[int, int]]) -> None:
        nonlocal best
        if i == n:
            if total > best[0] + 1e-12:
                best = (total, pairs)
            return
        walk(i + 1, used, total, pairs)  # old paragraph i left unmatched
        for j in range(m):
            if j not in used and (i, j) in score:
                walk(i + 1, used | {j}, total + score[i, j], pairs | {(i, j)})

    walk(0, frozenset(), 0.0, frozenset())
    return best


def reference_alignment(
    old_texts: Sequence[str], new_texts: Sequence[str]
) -> tuple[frozenset[tuple[int, int]], float, dict[tuple[int, int], float]]:
    """(matched pairs, weight of the heaviest in-place subset, pair scores)."""
    if len(old_texts) > _MAX or len(new_texts) > _MAX:
        raise ValueError("the reference aligner takes at most eight paragraphs a side")
    score = {}
    for i, a in enumerate(old_texts):
        for j, b in enumerate(new_texts):
            s = paragraph_similarity(a, b)
            if s >= MOVE_THRESHOLD:
                score[i, j] = s
    _, pairs = _best_matching(len(old_texts), len(new_texts), score)
    ordered = sorted(pairs)
    heaviest = 0.0
    for k in range(len(ordered) + 1):
        for subset in combinations(ordered, k):
            if all(x[1] < y[1] for x, y in pairwise(subset)):
                heaviest = max(heaviest, sum(1.0 + score[p] / 2.0 for p in subset))
    return pairs, heaviest, score
