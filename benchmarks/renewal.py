"""Issue 19: how much of a real renewal the draft of :func:`diffing.next_draft` makes.

Run: ``.venv/bin/python benchmarks/renewal.py [--misses] [--rounds N]``.

* The 170 renewals of sessions 78 -> 79 (``unga-78-79.SERIES.tsv``): the draft
  made from the session-78 text for session 79 against the session-79 text
  (:func:`diffing.renewal.score.score`): the share of the paragraphs that
  ``diffing.compare(78, 79)`` tags ``rollover`` that the draft reads as the
  session-79 text does (goal: at least 95%), and the paragraphs kept unchanged
  in session 79 that the draft changed (goal: none).
* The INTERPOL series: from 73/11, 75/10 and 77/20, the draft for the next
  session of the series against the version adopted then.
* Time: making a draft against comparing the two versions, the same pairs,
  interleaved rounds in one process (texts parsed once, outside the timing).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import itertools

from common import INTERPOL, SERIES_TSV, UNGA, clear_engine_caches, interleaved, median, ms

import diffing
from diffing.renewal.score import DraftScore, score

INTERPOL_SERIES = [
    "A_RES_73_11_en.txt",
    "A_RES_75_10_en.txt",
    "A_RES_77_20_en.txt",
    "A_RES_79_136_en.txt",
]


def _load(path: Path) -> diffing.Resolution:
    return diffing.parse(path.read_text(encoding="utf-8"))


def renewal_pairs() -> list[tuple[diffing.Resolution, diffing.Resolution]]:
    pairs = []
    for line in SERIES_TSV.read_text(encoding="utf-8").splitlines()[1:]:
        old, new = line.split("\t")[1].split()[:2]
        pairs.append((_load(UNGA / old), _load(UNGA / new)))
    return pairs


def _ops(ops: list[diffing.Op]) -> str:
    return "; ".join(f"{o.old!r} -> {o.new!r}" for o in ops if o.op != "equal") or "(nothing)"


def measure(
    pairs: list[tuple[diffing.Resolution, diffing.Resolution]], *, misses: bool
) -> tuple[DraftScore, int]:
    total = DraftScore()
    suggestions = 0
    for base, real in pairs:
        draft = diffing.next_draft(base, real.session)
        s = score(draft, real)
        total.add(s)
        suggestions += len(draft.suggestions)
        if misses and (s.missed or s.false_edits):
            _show(base, real, draft, s)
    return total, suggestions


def _show(
    base: diffing.Resolution, real: diffing.Resolution, draft: diffing.Draft, s: DraftScore
) -> None:
    comparison = diffing.compare(base, real)
    for pid in s.missed:
        actual = next(c for c in comparison.changes if c.old == [pid])
        made = next(c for c in draft.changes if c.old == [pid])
        proposed = [x.reason for x in draft.suggestions if x.paragraph == pid]
        print(f"  missed {base.symbol} {pid}: session 79 made {_ops(actual.ops)}")
        print(
            f"      the draft made {_ops(made.ops)}"
            + (f"; proposed {proposed}" if proposed else "")
        )
    for pid in s.false_edits:
        made = next(c for c in draft.changes if c.old == [pid])
        print(f"  FALSE EDIT {base.symbol} {pid}: {made.reason}: {_ops(made.ops)}")


def interpol() -> None:
    if not INTERPOL.is_dir():
        print("INTERPOL series: corpus absent")
        return
    versions = [_load(INTERPOL / name) for name in INTERPOL_SERIES]
    print(
        "INTERPOL series (the draft for the series' next session against the version adopted then):"
    )
    for base, real in itertools.pairwise(versions):
        draft = diffing.next_draft(base)
        s = score(draft, real)
        made = [f"{c.old[0]} ({c.reason})" for c in draft.changes if c.type != "unchanged"]
        print(
            f"  {base.symbol} -> draft for session {draft.session} vs {real.symbol}: "
            f"{s.reproduced} of {len(s.routine)} routine edits, {len(s.false_edits)} false edits; "
            f"made {', '.join(made)}; {len(draft.suggestions)} proposed"
        )


def timing(pairs: list[tuple[diffing.Resolution, diffing.Resolution]], rounds: int) -> None:
    def drafts() -> None:
        for base, real in pairs:
            diffing.next_draft(base, real.session)

    def compares() -> None:
        for base, real in pairs:
            diffing.compare(base, real)

    times = interleaved(
        {"next_draft": drafts, "compare": compares},
        rounds=rounds,
        setup={"next_draft": clear_engine_caches, "compare": clear_engine_caches},
    )
    d, c = median(times["next_draft"]), median(times["compare"])
    n = len(pairs)
    print(
        f"Time for the {n} pairs (median of {rounds} interleaved rounds): next_draft {ms(d)} "
        f"({ms(d / n)} a base), compare {ms(c)} ({ms(c / n)} a pair): a draft costs "
        f"{d / c:.2f}x a comparison"
    )


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--misses", action="store_true", help="list every miss and false edit")
    ap.add_argument("--rounds", type=int, default=3, help="timing rounds (0: no timing)")
    args = ap.parse_args()
    if not SERIES_TSV.is_file():
        print("the corpus (../shared/corpus) is absent")
        return 1
    pairs = renewal_pairs()
    total, suggestions = measure(pairs, misses=args.misses)
    routine, reproduced = len(total.routine), total.reproduced
    print(
        f"Renewals of sessions 78 -> 79: {len(pairs)} pairs, draft for session 79 from the 78 text"
    )
    print(
        f"  routine edits reproduced: {reproduced} of {routine} paragraphs tagged rollover "
        f"= {100 * reproduced / routine:.1f}% (goal >= 95%: {'met' if reproduced >= 0.95 * routine else 'MISSED'})"
    )
    print(
        f"  false edits: {len(total.false_edits)} of {len(total.unchanged)} paragraphs kept "
        f"unchanged (goal 0: {'met' if not total.false_edits else 'MISSED'})"
    )
    print(f"  edits proposed, not made: {suggestions}")
    interpol()
    if args.rounds:
        timing(pairs, args.rounds)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
