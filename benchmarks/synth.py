"""Synthetic pairs of very long resolutions, built from real paragraphs.

The old version holds ``n`` distinct real paragraphs from the sessions 78-79
corpus (operative ones, topped up with preambular ones past about 9,000); the new version rewords 5 % of them (a few words each),
moves 1 % far away, removes 1 % and adds 1 % fresh ones. The edits are known,
so the benchmark can check that the engine found them.

Run as a script, this module is the per-size worker the scale benchmark starts
in its own process (clean peak-memory figures)::

    python benchmarks/synth.py --pool POOL.json --n 4000 --runs 3
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import re
import resource
import sys
import textwrap
import time
import tracemalloc
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from common import UNGA, clear_engine_caches

from diffing.model import Comparison, Paragraph, Resolution

REWORD, MOVE, REMOVE, ADD = 0.05, 0.01, 0.01, 0.01
_WORD = re.compile(r"[A-Za-z]{4,}")
_CRUDE_OP = re.compile(r"(?m)^\s*\d{1,3}\.\s+([A-Z][^\n]*(?:\n(?!\s*\d{1,3}\.\s|\s*\n)[^\n]*)*)")


def _norm(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def collect_pool(need: int) -> tuple[list[str], str]:
    """Distinct real paragraphs, at least ``need`` if the corpus has them.

    Operative paragraphs first; when the corpus has too few of them (it has
    about 9,200 distinct ones), preambular paragraphs and then sub-paragraphs
    fill the pool. Near-duplicates (the same paragraph in its 78th and 79th
    session versions) are dropped: two paragraphs sharing their first eight
    words, their last eight, or both their first four and their last four are
    one paragraph, so a reworded paragraph has exactly one right partner.
    Past the corpus's 10,000-odd distinct paragraphs, the pool is topped up with
    paragraphs made from its word pairs (:func:`_made_up`), after the real ones.
    Returns the paragraphs and a note on how they were found.
    """
    try:
        import diffing

        diffing.parse("The General Assembly,\n\n1. Decides to remain seized of the matter.\n")
        how = "diffing.parse"

        def extract(text: str) -> list[tuple[str, str]]:
            return [(p.kind, p.text) for p in diffing.parse(text).paragraphs]

    except NotImplementedError:
        how = "a regex (diffing.parse not available)"

        def extract(text: str) -> list[tuple[str, str]]:
            return [("operative", m.group(1)) for m in _CRUDE_OP.finditer(text)]

    pool: list[str] = []
    kinds: dict[str, int] = {}
    heads: set[tuple[str, ...]] = set()
    tails: set[tuple[str, ...]] = set()
    both_ends: set[tuple[str, ...]] = set()
    parsed: list[list[tuple[str, str]]] = []

    def take(kind: str, raw: str) -> None:
        text = " ".join(raw.split())
        words = _norm(text)
        if len(words) < 10:
            return
        head, tail, ends = tuple(words[:8]), tuple(words[-8:]), (*words[:4], *words[-4:])
        if head in heads or tail in tails or ends in both_ends:
            return
        heads.add(head)
        tails.add(tail)
        both_ends.add(ends)
        pool.append(text)
        kinds[kind] = kinds.get(kind, 0) + 1

    for path in sorted(UNGA.glob("A_RES_*_en.txt")):
        parsed.append(extract(path.read_text(encoding="utf-8")))
        for kind, raw in parsed[-1]:
            if kind == "operative":
                take(kind, raw)
        if len(pool) >= need:
            break
    for wanted in ("preambular", "subparagraph"):
        for paragraphs in parsed:
            if len(pool) >= need:
                break
            for kind, raw in paragraphs:
                if kind == wanted:
                    take(kind, raw)
    if len(pool) < need:
        for text in _made_up(list(pool)):
            take("made up from the corpus's word pairs", text)
            if len(pool) >= need:
                break
    return pool, f"{how}: " + ", ".join(f"{v:,} {k}" for k, v in kinds.items())


def _made_up(real: list[str], seed: int = 0) -> Iterator[str]:
    """Paragraphs of made-up text, endlessly: each opens as a real paragraph opens and
    walks the real paragraphs' word pairs (a first-order Markov chain, seeded) for as
    many words as a real paragraph drawn at random has. The words, their frequencies
    and the lengths are the corpus's; the paragraphs are new."""
    rng = random.Random(seed)
    follows: dict[str, list[str]] = {}
    openings: list[str] = []
    lengths: list[int] = []
    for text in real:
        words = text.split(" ")
        openings.append(words[0])
        lengths.append(len(words))
        for a, b in itertools.pairwise(words):
            follows.setdefault(a, []).append(b)
    while True:
        words = [rng.choice(openings)]
        for _ in range(rng.choice(lengths) - 1):
            nxt = follows.get(words[-1])
            words.append(rng.choice(nxt) if nxt else rng.choice(openings).lower())
        text = " ".join(words)
        yield text if text.endswith((".", ";", ",")) else text + ";"


@dataclass
class Injected:
    """The edits put into a synthetic pair, as (old ids, new ids) per change type."""

    edits: dict[str, set[tuple[tuple[str, ...], tuple[str, ...]]]] = field(default_factory=dict)

    def count(self, kind: str) -> int:
        return len(self.edits.get(kind, ()))


def _reword(text: str, rng: random.Random, vocab: list[str]) -> str:
    words = text.split(" ")
    spots = [i for i, w in enumerate(words) if _WORD.fullmatch(w)]
    k = min(len(spots), max(2, len(words) // 20), 4)
    for i in rng.sample(spots, k):
        new = rng.choice(vocab)
        while new == words[i]:
            new = rng.choice(vocab)
        words[i] = new
    return " ".join(words)


def build_pair(pool: list[str], n: int, seed: int = 0) -> tuple[Resolution, Resolution, Injected]:
    """Old and new ``Resolution`` of ``n`` operative paragraphs, and the edits injected."""
    n_add = max(1, round(n * ADD))
    if len(pool) < n + n_add:
        raise ValueError(f"the corpus gives {len(pool)} distinct paragraphs, {n + n_add} needed")
    rng = random.Random(seed * 1_000_003 + n)
    old_texts = pool[:n]
    fresh = pool[n : n + n_add]
    vocab = sorted(
        {w for t in pool[: min(len(pool), 2000)] for w in t.split(" ") if _WORD.fullmatch(w)}
    )

    long_enough = [i for i, t in enumerate(old_texts) if len(t.split()) >= 20]
    n_rew, n_mov, n_rem = (
        max(1, round(n * REWORD)),
        max(1, round(n * MOVE)),
        max(1, round(n * REMOVE)),
    )
    reworded = set(rng.sample(long_enough, n_rew))
    rest = [i for i in range(n) if i not in reworded]
    picked = rng.sample(rest, n_mov + n_rem)
    moved, removed = set(picked[:n_mov]), set(picked[n_mov:])

    # new order: old indices (ints) and fresh paragraphs (strings "+k")
    order: list[int | str] = [i for i in range(n) if i not in moved and i not in removed]
    for i in sorted(moved):
        # far away: at least a tenth of the document from where it was
        while True:
            pos = rng.randrange(len(order) + 1)
            if abs(pos - i) >= max(2, n // 10):
                break
        order.insert(pos, i)
    for k in range(n_add):
        order.insert(rng.randrange(len(order) + 1), f"+{k}")

    def para(k: int, text: str) -> Paragraph:
        return Paragraph(
            id=f"OP{k}", kind="operative", text=text, lead=text.split(" ", 1)[0], number=str(k)
        )

    old_pars = [para(i + 1, t) for i, t in enumerate(old_texts)]
    new_pars = []
    injected = Injected({"reworded": set(), "moved": set(), "removed": set(), "added": set()})
    for j, item in enumerate(order):
        nid = f"OP{j + 1}"
        if isinstance(item, str):
            new_pars.append(para(j + 1, fresh[int(item[1:])]))
            injected.edits["added"].add(((), (nid,)))
            continue
        text = old_texts[item]
        if item in reworded:
            text = _reword(text, rng, vocab)
            injected.edits["reworded"].add(((f"OP{item + 1}",), (nid,)))
        elif item in moved:
            injected.edits["moved"].add(((f"OP{item + 1}",), (nid,)))
        new_pars.append(para(j + 1, text))
    for i in removed:
        injected.edits["removed"].add(((f"OP{i + 1}",), ()))

    def res(session: int, pars: list[Paragraph]) -> Resolution:
        return Resolution(
            paragraphs=pars,
            symbol=f"A/RES/{session}/1",
            session=session,
            title=f"Synthetic resolution of {len(pars)} operative paragraphs",
        )

    return res(98, old_pars), res(99, new_pars), injected


def recovery(comparison: Comparison, injected: Injected) -> dict[str, dict[str, int]]:
    """Per change type: edits injected, injected edits the engine found exactly, engine total."""
    found = {(c.type, tuple(c.old), tuple(c.new)) for c in comparison.changes}
    summary = comparison.summary
    out = {}
    for kind, edits in injected.edits.items():
        hit = sum((kind, o, n) in found for o, n in edits)
        out[kind] = {"injected": len(edits), "found": hit, "engine_total": summary.get(kind, 0)}
    for kind in ("unchanged", "split", "merged"):
        out[kind] = {"injected": -1, "found": -1, "engine_total": summary.get(kind, 0)}
    return out


def surprises(comparison: Comparison, injected: Injected, limit: int = 3) -> list[str]:
    """A few changes the engine reported that were not injected (besides 'unchanged')."""
    expected = {(k, o, n) for k, edits in injected.edits.items() for o, n in edits}
    old = {p.id: p.text for p in comparison.old.paragraphs}
    new = {p.id: p.text for p in comparison.new.paragraphs}
    out = []
    for c in comparison.changes:
        if c.type == "unchanged" or (c.type, tuple(c.old), tuple(c.new)) in expected:
            continue
        texts = [old[i][:70] for i in c.old] + [new[j][:70] for j in c.new]
        out.append(
            f"{c.type} {'+'.join(c.old) or '-'} -> {'+'.join(c.new) or '-'} "
            f"(similarity {c.similarity:.2f}): " + " / ".join(f"'{t}...'" for t in texts)
        )
        if len(out) >= limit:
            break
    return out


def as_text(resolution: Resolution) -> str:
    """The resolution as a UN text extracted from PDF would print it (for parse timing)."""
    session = resolution.session
    lines = [
        f"United Nations A/RES/{session}/1",
        "General Assembly Distr.: General",
        "2 January 2025",
        "",
        "Agenda item 1",
        "",
        "Resolution adopted by the General Assembly on 1 January 2025",
        "",
        f"{session}/1. {resolution.title}",
        "",
        "The General Assembly,",
        "",
        "Recalling its previous resolutions on the matter,",
        "",
    ]
    for p in resolution.paragraphs:
        lines.append(textwrap.fill(f"{p.number}. {p.text}", width=86))
        lines.append("")
    lines += ["1st plenary meeting", "1 January 2025", ""]
    return "\n".join(lines)


def _worker(args: argparse.Namespace) -> dict[str, object]:
    import diffing

    pool = json.loads(Path(args.pool).read_text(encoding="utf-8"))
    old, new, injected = build_pair(pool, args.n)
    del pool
    out: dict[str, object] = {"n": args.n}
    for _ in range(args.warmup):
        diffing.compare(old, new)
    times = []
    cpu_times = []  # the process's own time: what neighbours on the cores inflate less
    for _ in range(max(1, args.runs)):
        comparison = None  # the previous result is freed before the next run
        clear_engine_caches()  # a new pair of documents finds the memo caches cold
        t0, c0 = time.perf_counter(), time.process_time()
        comparison = diffing.compare(old, new)
        times.append(time.perf_counter() - t0)
        cpu_times.append(time.process_time() - c0)
    out["times"] = times
    out["cpu_times"] = cpu_times
    out["rss_kib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    assert comparison is not None
    out["recovery"] = recovery(comparison, injected)
    out["surprises"] = surprises(comparison, injected)
    del comparison
    if args.tracemalloc and sorted(times)[len(times) // 2] <= args.tracemalloc_max_s:
        clear_engine_caches()
        tracemalloc.start()
        diffing.compare(old, new)
        out["tracemalloc_peak"] = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    if args.parse:
        text = as_text(old)
        t0, c0 = time.perf_counter(), time.process_time()
        try:
            parsed = diffing.parse(text)
            out["parse_s"] = time.perf_counter() - t0
            out["parse_cpu_s"] = time.process_time() - c0
            ops = [p for p in parsed.paragraphs if p.kind == "operative"]
            out["parse_paragraphs"] = len(ops)
            # read: each numbered paragraph came out as the operative paragraph of its number
            out["parse_read"] = sum(p.number == str(k) for k, p in enumerate(ops, start=1))
        except NotImplementedError:
            out["parse_s"] = None
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pool", required=True)
    ap.add_argument("--n", type=int, required=True)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--warmup", type=int, default=0)
    ap.add_argument("--tracemalloc", action="store_true")
    ap.add_argument(
        "--tracemalloc-max-s",
        type=float,
        default=5.0,
        help="skip the (2-3x slower) tracemalloc run when a compare takes longer",
    )
    ap.add_argument("--parse", action="store_true")
    args = ap.parse_args()
    try:
        result = _worker(args)
    except NotImplementedError as exc:
        result = {"n": args.n, "error": f"not implemented yet: {exc!r}"}
    json.dump(result, sys.stdout)


if __name__ == "__main__":
    main()
