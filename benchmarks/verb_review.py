"""Every verb change of the 170 renewals of sessions 78 -> 79, with its verdict and reason.

For the review of the verb ladder (benchmarks/VERB_REVIEW.md): compares every
pair of ``unga-78-79.SERIES.tsv`` and lists each change of operative lead,
grouped by (old lead, new lead) with counts, then the totals by direction.
``--baseline DIR`` (a folder written by ``benchmarks/snapshot.py write``) puts
the verdict that snapshot gave beside today's, and counts what changed::

    python benchmarks/verb_review.py                       # every group
    python benchmarks/verb_review.py --baseline /work/baseline-1 --changed
    python benchmarks/verb_review.py --contexts            # the paragraphs too
"""

from __future__ import annotations

import argparse
import collections
import csv
import itertools
import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
CORPUS = REPO.parent / "shared" / "corpus"

import diffing  # noqa: E402
from diffing.model import VerbChange  # noqa: E402


@dataclass
class Seen:
    """One verb change: where it is, its verdict, and the verdict of the baseline."""

    pair: str
    old_id: str
    new_id: str
    vc: VerbChange
    before: str | None  # direction in the baseline, "-" if it had no verb change there
    old_text: str
    new_text: str


def pairs() -> Iterator[tuple[Path, Path]]:
    """The renewal pairs of sessions 78 -> 79, in the order of SERIES.tsv."""
    unga = CORPUS / "unga-78-79"
    with (CORPUS / "unga-78-79.SERIES.tsv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            for a, b in itertools.pairwise(row["files_in_session_order"].split()):
                yield unga / a, unga / b


def _baseline(folder: Path | None, a: Path, b: Path) -> dict[tuple[str, str], str]:
    if folder is None:
        return {}
    path = folder / "compare" / f"{a.stem}__{b.stem}.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    return {
        (",".join(c["old"]), ",".join(c["new"])): c["verb_change"]["direction"]
        for c in data["changes"]
        if c.get("verb_change")
    }


def collect(baseline: Path | None = None) -> tuple[int, list[Seen]]:
    """(how many pairs, every verb change found in them)."""
    from service import ingest

    seen: list[Seen] = []
    n = 0
    for a, b in pairs():
        n += 1
        old, new = ingest.load(a), ingest.load(b)
        before = _baseline(baseline, a, b)
        for c in diffing.compare(old, new).changes:
            if c.verb_change is None:
                continue
            key = (",".join(c.old), ",".join(c.new))
            seen.append(
                Seen(
                    pair=f"{old.symbol} -> {new.symbol}",
                    old_id=key[0],
                    new_id=key[1],
                    vc=c.verb_change,
                    before=before.get(key, "-") if baseline else None,
                    old_text=old.paragraph(c.old[0]).text,
                    new_text=new.paragraph(c.new[0]).text,
                )
            )
    return n, seen


def _verdict(vc: VerbChange) -> str:
    return "minor" if vc.minor else vc.direction


def _group_lines(seen: list[Seen], *, changed_only: bool, contexts: bool) -> list[str]:
    """One line per (old lead, new lead, reason), most frequent first, minor ones last."""
    groups: dict[tuple[str, str], list[Seen]] = collections.defaultdict(list)
    for s in seen:
        groups[(s.vc.old, s.vc.new)].append(s)
    out = []
    order = sorted(groups.items(), key=lambda kv: (kv[1][0].vc.minor, -len(kv[1]), kv[0]))
    for _, items in order:
        by_reason: dict[str, list[Seen]] = collections.defaultdict(list)
        for s in items:
            by_reason[s.vc.reason].append(s)
        for reason, same in by_reason.items():
            was = collections.Counter(s.before for s in same if s.before is not None)
            if changed_only and set(was) <= {same[0].vc.direction}:
                continue
            before = ", ".join(f"{k} x{v}" for k, v in was.items())
            before = f"  [baseline: {before}]" if before else ""
            out.append(f"{len(same):4d}  {_verdict(same[0].vc):8s} {reason}{before}")
            for s in same if contexts else []:
                out.append(f"        {s.pair} {s.old_id} -> {s.new_id}")
                out.append(f"          old: {s.old_text[:150]}")
                out.append(f"          new: {s.new_text[:150]}")
    return out


def _totals(n_pairs: int, seen: list[Seen]) -> list[str]:
    by = collections.Counter(_verdict(s.vc) for s in seen)
    distinct = len({(s.vc.old, s.vc.new) for s in seen})
    out = [
        f"{len(seen)} verb changes in {n_pairs} pairs, {distinct} distinct (old, new) leads: "
        + ", ".join(f"{k} {by[k]}" for k in ("minor", "same", "stronger", "weaker"))
    ]
    if any(s.before is not None for s in seen):
        new_here = sum(s.before == "-" for s in seen)
        flipped = [s for s in seen if s.before not in (None, "-", s.vc.direction)]
        hidden = sum(s.vc.minor for s in seen if s.before not in (None, "-"))
        out.append(
            f"against the baseline: {len(flipped)} verdicts changed, {new_here} verb changes "
            f"new (leads read further, intensifiers), {hidden} now minor (hidden)"
        )
        for k, v in collections.Counter(f"{s.before} -> {s.vc.direction}" for s in flipped).items():
            out.append(f"    {k}: {v}")
    return out


def report(n_pairs: int, seen: list[Seen], *, changed_only: bool, contexts: bool) -> str:
    """Every group of verb changes, then the totals."""
    lines = _group_lines(seen, changed_only=changed_only, contexts=contexts)
    return "\n".join([*lines, "", *_totals(n_pairs, seen)]) + "\n"


def main() -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--baseline", type=Path, help="a snapshot folder (benchmarks/snapshot.py)")
    ap.add_argument("--changed", action="store_true", help="only groups whose verdict changed")
    ap.add_argument("--contexts", action="store_true", help="print the paragraphs too")
    args = ap.parse_args()
    if not CORPUS.is_dir():
        print(f"no corpus at {CORPUS}", file=sys.stderr)
        return 2
    n, seen = collect(args.baseline)
    sys.stdout.write(report(n, seen, changed_only=args.changed, contexts=args.contexts))
    return 0


if __name__ == "__main__":
    sys.exit(main())
