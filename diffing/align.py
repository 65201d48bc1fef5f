"""Align two versions of a resolution paragraph by paragraph: :func:`compare`.

The algorithm, in the order it runs (cost near-linear in document size):

1. **Exact**: identical texts pair up through a hash table, duplicates in
   reading order; the rest get a comparison key
   (:func:`diffing.tokens.paragraph_key`: typography folded, footnote markers
   already out of the text) and equal keys pair up the same way.
2. **Fuzzy**, among the leftovers only. Each leftover is encoded as one
   character per content word (stop words and punctuation out), so that
   ``rapidfuzz`` scores word sequences: the score of a pair is the Indel ratio
   (``fuzz.ratio``), or, for a paragraph that grew or shrank around a kept
   core, ``COVERAGE_WEIGHT`` x the share of the shorter one found in order in
   the longer one (``LCSseq``), whichever is higher. With few leftovers
   (``|old| x |new| <= 40,000``) every pair is scored through
   ``rapidfuzz.process.cdist``; beyond that, a new paragraph is only scored
   against the old leftovers standing in the same gap between matched
   neighbours and the few sharing its rarest words. Pairs are taken greedily,
   best score first. A pair inside its gap needs ``GAP_THRESHOLD``; a pair
   across the document (a move) needs a plain ratio of ``MOVE_THRESHOLD``:
   a move must be the more evident.
3. **Split and merge**, among the leftovers next to a match: an old paragraph
   whose text is better matched (``SPLIT_THRESHOLD`` and a gain) by its
   partner together with the unmatched new paragraphs next to it, each of them
   mostly made of the old paragraph's words, is split; an unmatched old
   paragraph made of a run of unmatched new ones in its gap is split too;
   merges are the same seen from the other side.
4. **Order**: the heaviest increasing subsequence of the matches (weight
   ``1 + similarity / 2``, so the number of paragraphs kept in place counts
   first) stays in place; every other match is ``moved``. Renumbering alone
   is never a change.

Headings (paragraphs of kind ``heading``) go through steps 1 to 3 among
headings only, never paired with a paragraph; step 4 orders both together, so
a heading that only moved with its section stays in place, and a heading
added, removed or reworded is a change like any other.

Changes come in the reading order of the new text; a removed paragraph comes
right after the change holding the last old paragraph before it that stayed in
place.

Per change: ``ops`` are word ops (:mod:`diffing.worddiff`). For ``split`` the
new side is the new texts joined with ``"\\n"``; for ``merged`` the old side is
the old texts joined with ``"\\n"``; ``added`` is one insert and ``removed`` one
delete (similarity 0.0). ``similarity`` is the token similarity of the two
sides. Tags: ``footnotes`` (the footnote markers differ), ``rollover`` (every
difference is a routine renewal update, :mod:`diffing.rollover`; the type stays
``reworded`` or ``moved``), ``part-change`` (between preamble and operative
part). ``verb_change`` compares the leads of two operative paragraphs on the
ladder of :mod:`diffing.verbs`.
"""

from __future__ import annotations

import bisect
import struct
from collections import defaultdict, deque
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process
from rapidfuzz.distance import LCSseq

from diffing.budget import check
from diffing.model import Change, ChangeType, Comparison, Op, Paragraph, Resolution
from diffing.rollover import is_rollover, series_numbers
from diffing.tokens import paragraph_key
from diffing.verbs import extract_lead, verb_change
from diffing.worddiff import STOP_WORDS, diff_words

__all__ = [
    "GAP_THRESHOLD",
    "MOVE_THRESHOLD",
    "Match",
    "compare",
    "match_paragraphs",
    "paragraph_similarity",
]

GAP_THRESHOLD = 0.5
MOVE_THRESHOLD = 0.6
SPLIT_THRESHOLD = 0.75
COVERAGE_WEIGHT = 0.75
_MIN_COVER_WORDS = 8
_MIN_COVER_RATIO = 30.0
CONTAINED = 0.85
_MAX_PIECES = 6
_MIN_PIECE_WORDS = 3
_SPLIT_GAIN = 0.02
_FULL_CDIST = 40_000
_FEW_PAIRS = 2_000  # below, pairs are scored one by one (no numpy): see _all_pairs
_GAP_WINDOW = 12
_RARE_CANDIDATES = 6
_ALIGNING = "aligning paragraphs"


@dataclass
class Match:
    """Old paragraph indices matched to new paragraph indices (1:1, 1:n or n:1)."""

    old: list[int]
    new: list[int]
    score: float = 1.0
    in_place: bool = True


@dataclass
class _State:
    ka: list[str]  # exact keys
    kb: list[str]
    ea: list[str]  # word-encoded texts (one character per word)
    eb: list[str]
    a2b: dict[int, int] = field(default_factory=dict)
    b2a: dict[int, int] = field(default_factory=dict)
    score: dict[int, float] = field(default_factory=dict)  # by old index

    matched_new: list[int] = field(default_factory=list)  # sorted keys of b2a

    def pair(self, i: int, j: int, s: float) -> None:
        self.a2b[i] = j
        self.b2a[j] = i
        self.score[i] = s
        bisect.insort(self.matched_new, j)


def _ratio(x: str, y: str) -> float:
    return float(fuzz.ratio(x, y)) / 100.0


def _combine(ratio: float, lcs: float, lx: int, ly: int) -> float:
    """Indel ratio of the word sequences, or, when one paragraph mostly lives on
    inside the other (a paragraph that grew or shrank), ``COVERAGE_WEIGHT`` times
    the share of the shorter one found in order in the longer one."""
    short = min(lx, ly)
    cover = lcs / short if short >= _MIN_COVER_WORDS and ratio >= _MIN_COVER_RATIO else 0.0
    return max(ratio / 100.0, COVERAGE_WEIGHT * cover)


_F32 = struct.Struct("f")


def _all_pairs(xs: list[str], ys: list[str]) -> Iterator[tuple[int, int, float, float]]:
    """Every pair ``(x, y)`` of ``xs`` and ``ys``, with its Indel ratio and LCS length,
    the ratio as ``process.cdist`` gives it (a 32-bit float).

    A few pairs are scored one by one: ``process.cdist`` needs numpy, whose first
    import costs a new process tens of milliseconds (more than scoring them all);
    many pairs go through ``process.cdist`` (:func:`warm_up` imports numpy early).
    """
    if len(xs) * len(ys) > _FEW_PAIRS:
        ratio = process.cdist(xs, ys, scorer=fuzz.ratio, workers=1)
        lcs = process.cdist(xs, ys, scorer=LCSseq.similarity, workers=1)
        for x in range(len(xs)):
            for y in range(len(ys)):
                yield x, y, float(ratio[x, y]), float(lcs[x, y])
        return
    for x, a in enumerate(xs):
        for y, b in enumerate(ys):
            r = _F32.unpack(_F32.pack(fuzz.ratio(a, b)))[0]  # as cdist's float32 array holds it
            yield x, y, r, float(LCSseq.similarity(a, b))


@dataclass
class _Vocabulary:
    """The character standing for each word (any one-to-one choice scores the same:
    only equal characters count), and the content words among them."""

    codes: dict[str, str] = field(default_factory=dict)
    content: set[str] = field(default_factory=set)


def _encode(keys: list[str], vocab: _Vocabulary) -> list[str]:
    """One character per content word (stop words and punctuation left out, so
    that two unrelated paragraphs do not look alike through "the" and "of");
    every word of a paragraph that has no content word."""
    codes, content = vocab.codes, vocab.content
    out = []
    for k in keys:
        words = k.lower().split()
        new = set(words).difference(codes)
        for w in sorted(new):  # only the words met for the first time are looked at
            codes[w] = chr(0x10000 + len(codes))
            if w[0].isalnum() and w not in STOP_WORDS:
                content.add(w)
        kept = list(filter(content.__contains__, words)) or words
        out.append("".join(map(codes.__getitem__, kept)))
    return out


def _exact(st: _State, old_texts: Sequence[str], new_texts: Sequence[str]) -> None:
    """Pair identical texts, then texts with equal keys (keys only computed for
    what is left: most paragraphs of a renewal are identical)."""
    _pair_equal(st, old_texts, new_texts)
    for i, t in enumerate(old_texts):
        if i not in st.a2b:
            st.ka[i] = paragraph_key(t)
    for j, t in enumerate(new_texts):
        if j not in st.b2a:
            st.kb[j] = paragraph_key(t)
    _pair_equal(st, st.ka, st.kb)


def _pair_equal(st: _State, old: Sequence[str], new: Sequence[str]) -> None:
    """Pair the still unmatched paragraphs of equal value, duplicates in reading order."""
    by_value: dict[str, deque[int]] = defaultdict(deque)
    for i, k in enumerate(old):
        if i not in st.a2b:
            by_value[k].append(i)
    for j, k in enumerate(new):
        if j in st.b2a:
            continue
        q = by_value.get(k)
        if q:
            st.pair(q.popleft(), j, 1.0)


def _gap_bounds(st: _State, j: int, matched_new: list[int]) -> tuple[int, int]:
    """Old index range (lo, hi), exclusive, between the matched neighbours of new j."""
    p = bisect.bisect_left(matched_new, j)
    lo = st.b2a[matched_new[p - 1]] if p > 0 else -1
    hi = st.b2a[matched_new[p]] if p < len(matched_new) else len(st.ka)
    return lo, hi


def _rare_words(enc: list[str], idx: list[int]) -> dict[str, list[int]]:
    index: dict[str, list[int]] = defaultdict(list)
    for i in idx:
        for w in set(enc[i]):
            index[w].append(i)
    return index


def _fuzzy(st: _State, deadline: float | None) -> None:
    lo_a = [i for i in range(len(st.ka)) if i not in st.a2b]
    lo_b = [j for j in range(len(st.kb)) if j not in st.b2a]
    if not lo_a or not lo_b:
        return
    matched_new = st.matched_new  # nothing is paired before the candidates are all scored
    cands: dict[tuple[int, int], float] = {}
    plain: dict[tuple[int, int], float] = {}  # the Indel ratio alone
    if len(lo_a) * len(lo_b) <= _FULL_CDIST:
        xs = [st.ea[i] for i in lo_a]
        ys = [st.eb[j] for j in lo_b]
        for x, y, r, lcs in _all_pairs(xs, ys):
            s_ = _combine(r, lcs, len(xs[x]), len(ys[y]))
            if s_ >= GAP_THRESHOLD:
                cands[lo_a[x], lo_b[y]] = s_
                plain[lo_a[x], lo_b[y]] = r / 100.0
    else:
        index = _rare_words(st.ea, lo_a)
        for j in lo_b:
            check(deadline, _ALIGNING)
            lo, hi = _gap_bounds(st, j, matched_new)
            near: set[int] = set()
            if lo < hi:
                # the old leftovers of the gap nearest to where j would stand
                s = bisect.bisect_right(lo_a, lo)
                e = bisect.bisect_left(lo_a, hi)
                p = bisect.bisect_left(matched_new, j)
                j_lo = matched_new[p - 1] if p > 0 else -1
                at = bisect.bisect_left(lo_a, lo + (j - j_lo), s, e)
                near.update(lo_a[max(s, at - _GAP_WINDOW // 2) : min(e, at + _GAP_WINDOW // 2)])
            counts: dict[int, float] = defaultdict(float)
            for w in set(st.eb[j]):
                hits = index.get(w)
                if hits and len(hits) <= 8:
                    for i in hits:
                        counts[i] += 1.0 / len(hits)
            near.update(sorted(counts, key=counts.__getitem__, reverse=True)[:_RARE_CANDIDATES])
            for i in near:
                r = float(fuzz.ratio(st.ea[i], st.eb[j]))
                s_ = _combine(
                    r, float(LCSseq.similarity(st.ea[i], st.eb[j])), len(st.ea[i]), len(st.eb[j])
                )
                if s_ >= GAP_THRESHOLD:
                    cands[i, j] = s_
                    plain[i, j] = r / 100.0
    for (i, j), s_ in sorted(cands.items(), key=lambda kv: (-kv[1], kv[0])):
        if i in st.a2b or j in st.b2a:
            continue
        lo, hi = _gap_bounds(st, j, st.matched_new)
        if not lo < i < hi and plain[i, j] < MOVE_THRESHOLD:
            continue
        st.pair(i, j, s_)


def _contained(piece: str, whole: set[str]) -> bool:
    """Most words of *piece* (encoded) occur in the paragraph whose word set is *whole*."""
    if len(piece) < _MIN_PIECE_WORDS:
        return False
    return sum(w in whole for w in piece) >= CONTAINED * len(piece)


def _grow(
    ka: list[str],
    kb: list[str],
    a2b: dict[int, int],
    b2a: dict[int, int],
    score: dict[int, float],
    deadline: float | None = None,
) -> dict[int, list[int]]:
    """Split candidates: old index -> run of new indices (see module doc, step 3)."""
    out: dict[int, list[int]] = {}
    taken: set[int] = set()
    for i, j in sorted(a2b.items()):
        check(deadline, _ALIGNING)
        base = score[i]
        if base >= 0.97:
            continue
        whole = set(ka[i])
        best: tuple[float, list[int]] | None = None
        for step in (1, -1):
            run = [j]
            k = j + step
            while 0 <= k < len(kb) and k not in b2a and k not in taken and len(run) < _MAX_PIECES:
                if not _contained(kb[k], whole):
                    break
                run.append(k)
                run_sorted = sorted(run)
                s = _ratio(ka[i], "".join(kb[x] for x in run_sorted))
                if s >= max(SPLIT_THRESHOLD, base + _SPLIT_GAIN) and (best is None or s > best[0]):
                    best = (s, run_sorted)
                k += step
        if best is not None:
            out[i] = best[1]
            taken.update(best[1])
            score[i] = best[0]
    return out


def _orphan_splits(
    ka: list[str],
    kb: list[str],
    a2b: dict[int, int],
    b2a: dict[int, int],
    deadline: float | None = None,
) -> dict[int, tuple[float, list[int]]]:
    """Unmatched old paragraphs made of consecutive unmatched new ones in their gap."""
    out: dict[int, tuple[float, list[int]]] = {}
    matched_old = sorted(a2b)
    used: set[int] = set()
    for i in range(len(ka)):
        if i in a2b:
            continue
        check(deadline, _ALIGNING)
        p = bisect.bisect_left(matched_old, i)
        lo = a2b[matched_old[p - 1]] if p > 0 else -1
        hi = a2b[matched_old[p]] if p < len(matched_old) else len(kb)
        if not lo < hi or hi - lo > _GAP_WINDOW * 3:
            continue
        whole = set(ka[i])
        best: tuple[float, list[int]] | None = None
        for j in range(lo + 1, hi):
            run: list[int] = []
            k = j
            while k < hi and k not in b2a and k not in used and len(run) < _MAX_PIECES:
                if not _contained(kb[k], whole):
                    break
                run.append(k)
                if len(run) > 1:
                    s = _ratio(ka[i], "".join(kb[x] for x in run))
                    if s >= SPLIT_THRESHOLD and (best is None or s > best[0]):
                        best = (s, list(run))
                k += 1
        if best is not None:
            out[i] = best
            used.update(best[1])
    return out


def _heaviest_increasing(items: list[Match]) -> None:
    """Mark ``in_place`` on the heaviest subsequence increasing in both texts."""
    order = sorted(range(len(items)), key=lambda x: (items[x].old[0], items[x].new[0]))
    size = max((m.new[0] for m in items), default=-1) + 2
    tree_w = [0.0] * (size + 1)
    tree_i = [-1] * (size + 1)
    best_w = [0.0] * len(items)
    prev = [-1] * len(items)

    def query(pos: int) -> tuple[float, int]:
        w, at = 0.0, -1
        while pos > 0:
            if tree_w[pos] > w:
                w, at = tree_w[pos], tree_i[pos]
            pos -= pos & -pos
        return w, at

    def update(pos: int, w: float, at: int) -> None:
        while pos <= size:
            if w > tree_w[pos]:
                tree_w[pos], tree_i[pos] = w, at
            pos += pos & -pos

    # items sharing an old index cannot both be kept; process them as a block
    k = 0
    while k < len(order):
        block = [order[k]]
        while (
            k + len(block) < len(order)
            and items[order[k + len(block)]].old[0] == items[block[0]].old[0]
        ):
            block.append(order[k + len(block)])
        for x in block:
            w, at = query(items[x].new[0] + 1)  # strictly smaller new index
            best_w[x] = w + 1.0 + items[x].score / 2.0
            prev[x] = at
        for x in block:
            update(items[x].new[0] + 2, best_w[x], x)
        k += len(block)
    for m in items:
        m.in_place = False
    if not items:
        return
    x = max(range(len(items)), key=lambda y: (best_w[y], -y))
    while x != -1:
        items[x].in_place = True
        x = prev[x]


def paragraph_similarity(old: str, new: str) -> float:
    """Word-level Indel ratio (0.0-1.0) of two paragraph texts, content words only.

    This is the score moves are judged by (``MOVE_THRESHOLD``).
    """
    x, y = _encode([paragraph_key(old), paragraph_key(new)], _Vocabulary())
    return _ratio(x, y)


def match_paragraphs(
    old_texts: Sequence[str], new_texts: Sequence[str], *, deadline: float | None = None
) -> list[Match]:
    """Match old to new paragraph texts; unmatched paragraphs are left out.

    ``deadline``: see :func:`compare`.

    >>> [(m.old, m.new, m.in_place) for m in match_paragraphs(["a b c", "x y z"], ["x y z", "a b c"])]
    [([1], [0], True), ([0], [1], False)]
    """
    ka = [""] * len(old_texts)  # keys, filled by _exact for what it needs
    kb = [""] * len(new_texts)
    st = _State(ka, kb, [""] * len(ka), [""] * len(kb))
    _exact(st, old_texts, new_texts)
    check(deadline, _ALIGNING)
    # only the leftovers of the exact pass are ever scored: encode just those
    vocab = _Vocabulary()
    lo_a = [i for i in range(len(ka)) if i not in st.a2b]
    lo_b = [j for j in range(len(kb)) if j not in st.b2a]
    for i, e in zip(lo_a, _encode([ka[i] for i in lo_a], vocab), strict=True):
        st.ea[i] = e
    for j, e in zip(lo_b, _encode([kb[j] for j in lo_b], vocab), strict=True):
        st.eb[j] = e
    _fuzzy(st, deadline)
    splits = _grow(st.ea, st.eb, st.a2b, st.b2a, st.score, deadline)
    merges = _grow(
        st.eb, st.ea, st.b2a, st.a2b, {j: st.score[i] for j, i in st.b2a.items()}, deadline
    )
    items: list[Match] = []
    used_a: set[int] = set()
    used_b: set[int] = set()
    for i, run in splits.items():
        items.append(Match([i], run, st.score[i]))
        used_a.add(i)
        used_b.update(run)
    for j, run in merges.items():
        if j in used_b or any(i in used_a for i in run):
            continue
        s = _ratio("".join(st.ea[i] for i in run), st.eb[j])
        items.append(Match(run, [j], s))
        used_a.update(run)
        used_b.add(j)
    for i, j in st.a2b.items():
        if i not in used_a and j not in used_b:
            items.append(Match([i], [j], st.score[i]))
            used_a.add(i)
            used_b.add(j)
    a2b = {i: j for m in items for i in m.old for j in m.new}
    b2a = {j: i for m in items for i in m.old for j in m.new}
    for i, (s, run) in _orphan_splits(st.ea, st.eb, a2b, b2a, deadline).items():
        items.append(Match([i], run, s))
        a2b[i] = run[0]
        b2a.update(dict.fromkeys(run, i))
    for j, (s, run) in _orphan_splits(st.eb, st.ea, b2a, a2b, deadline).items():
        items.append(Match(run, [j], s))
    _heaviest_increasing(items)
    items.sort(key=lambda m: (m.new[0], m.old[0]))
    return items


def _is_preamble(p: Paragraph, kinds: Mapping[str, str]) -> bool:
    if p.kind == "preambular":
        return True
    return p.kind == "subparagraph" and p.parent is not None and kinds.get(p.parent) == "preambular"


def _lead(p: Paragraph) -> str:
    """The verb phrase as the ladder reads it from the text ("Expresses deep
    concern"), else the parser's lead."""
    return extract_lead(p.text) or p.lead


class _Builder:
    def __init__(self, old: Resolution, new: Resolution, deadline: float | None) -> None:
        self.deadline = deadline
        self.a = old.paragraphs
        self.b = new.paragraphs
        self.kinds_a = {p.id: p.kind for p in self.a}
        self.kinds_b = {p.id: p.kind for p in self.b}
        self.numbers = series_numbers(old.symbol)
        self.sessions = (old.session, new.session)
        self.language = old.language

    def change(self, m: Match) -> Change:
        pa = [self.a[i] for i in m.old]
        pb = [self.b[j] for j in m.new]
        d = diff_words(
            "\n".join(p.text for p in pa), "\n".join(p.text for p in pb), deadline=self.deadline
        )
        tags: list[str] = []
        if [f for p in pa for f in p.footnotes] != [f for p in pb for f in p.footnotes]:
            tags.append("footnotes")
        if _is_preamble(pa[0], self.kinds_a) != _is_preamble(pb[0], self.kinds_b):
            tags.append("part-change")
        ctype: ChangeType
        if len(pa) > 1:
            ctype = "merged"
        elif len(pb) > 1:
            ctype = "split"
        elif not m.in_place:
            ctype = "moved"
        elif all(o.op == "equal" for o in d.ops):
            ctype = "unchanged"
        else:
            ctype = "reworded"
        if ctype in ("reworded", "moved") and is_rollover(
            d.ops, series_numbers=self.numbers, sessions=self.sessions, language=self.language
        ):
            tags.insert(0, "rollover")
        vc = None
        if ctype != "unchanged" and pa[0].kind == "operative" and pb[0].kind == "operative":
            vc = verb_change(_lead(pa[0]), _lead(pb[0]), old_text=pa[0].text, new_text=pb[0].text)
        return Change(
            ctype,
            [p.id for p in pa],
            [p.id for p in pb],
            similarity=d.similarity,
            ops=d.ops,
            tags=tags,
            verb_change=vc,
        )

    def added(self, j: int) -> Change:
        p = self.b[j]
        return Change("added", [], [p.id], 0.0, [Op("insert", "", p.text)])

    def removed(self, i: int) -> Change:
        p = self.a[i]
        return Change("removed", [p.id], [], 0.0, [Op("delete", p.text, "")])


def _match_by_kind(
    old: Sequence[Paragraph], new: Sequence[Paragraph], deadline: float | None
) -> list[Match]:
    """Paragraphs match paragraphs and headings match headings; what stayed in place is
    judged on both together, so a heading that only moved with its section is in place."""
    heads_a = [i for i, p in enumerate(old) if p.kind == "heading"]
    heads_b = [j for j, p in enumerate(new) if p.kind == "heading"]
    if not heads_a and not heads_b:
        return match_paragraphs([p.text for p in old], [p.text for p in new], deadline=deadline)
    body_a = [i for i, p in enumerate(old) if p.kind != "heading"]
    body_b = [j for j, p in enumerate(new) if p.kind != "heading"]
    items: list[Match] = []
    for ia, ib in ((body_a, body_b), (heads_a, heads_b)):
        found = match_paragraphs(
            [old[i].text for i in ia], [new[j].text for j in ib], deadline=deadline
        )
        items.extend(Match([ia[x] for x in m.old], [ib[y] for y in m.new], m.score) for m in found)
    _heaviest_increasing(items)
    items.sort(key=lambda m: (m.new[0], m.old[0]))
    return items


def compare(old: Resolution, new: Resolution, *, deadline: float | None = None) -> Comparison:
    """Compare two versions: every paragraph of both is in exactly one change.

    ``deadline``, a :func:`time.monotonic` value, is the time budget: past it
    the comparison stops with :class:`~diffing.errors.ComparisonTooLargeError`
    (:mod:`diffing.budget`). ``None``: no budget.
    """
    items = _match_by_kind(old.paragraphs, new.paragraphs, deadline)
    build = _Builder(old, new, deadline)
    by_new: dict[int, Match] = {}
    owner_of_old: dict[int, Match] = {}
    for m in items:
        for j in m.new:
            by_new[j] = m
        for i in m.old:
            owner_of_old[i] = m
    # removed paragraphs follow the last in-place match standing before them
    after: dict[int, list[int]] = defaultdict(list)  # id(match) -> removed old indices
    head: list[int] = []
    anchor: Match | None = None
    for i in range(len(old.paragraphs)):
        owner = owner_of_old.get(i)
        if owner is None:
            (after[id(anchor)] if anchor is not None else head).append(i)
        elif owner.in_place or len(owner.old) > 1 or len(owner.new) > 1:
            anchor = owner
    changes = [build.removed(i) for i in head]
    done: set[int] = set()
    for j in range(len(new.paragraphs)):
        here = by_new.get(j)
        if here is None:
            changes.append(build.added(j))
            continue
        if id(here) in done:
            continue
        done.add(id(here))
        changes.append(build.change(here))
        changes.extend(build.removed(i) for i in after.get(id(here), []))
    return Comparison(old, new, changes)
