"""The 170 renewals of sessions 78 -> 79 against redlines, pair by pair (issue 18).

For each pair of ``unga-78-79.SERIES.tsv``, resdiff does the whole job from the
raw texts (``compare(parse(a), parse(b))``, memo caches emptied before each
run) and redlines renders its Markdown redline of the same texts; the runs of
the two alternate. A short pair gets more rounds (its times are short and
noisy), a long one fewer (redlines takes seconds on the longest). The figure
kept is the median of each one's CPU time: the process's own time on the
core, which neighbours on shared cores inflate less than the wall time.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from types import ModuleType
from typing import Any

import batch
from common import interleaved, median

NOTES = [
    "each pair: one warm-up run of each, then 7 interleaved rounds when redlines takes "
    "under 20 ms, 3 under 300 ms, else 1; medians of CPU time (the process's own time on "
    "a core; the machine's cores are shared)",
    "ratio = redlines' time / resdiff's: above 1, resdiff is faster",
]


@dataclass
class Result:
    """One pair: its name, the characters of both texts, the two median CPU times."""

    name: str
    chars: int
    resdiff: float
    redlines: float

    @property
    def ratio(self) -> float:
        return self.redlines / self.resdiff


def pairs() -> list[tuple[str, str, str]]:
    """(name, old text, new text) of each renewal, the shortest first."""
    out = []
    for a, b in batch.series_pairs():
        out.append((f"{a.stem} -> {b.stem}", a.read_text("utf-8"), b.read_text("utf-8")))
    return sorted(out, key=lambda p: len(p[1]) + len(p[2]))


def measure(
    todo: list[tuple[str, str, str]], diffing: ModuleType, clear: Callable[[], Any]
) -> list[Result]:
    from redlines import Redlines

    results = []
    for name, a, b in todo:
        contenders: dict[str, Callable[[], Any]] = {
            "resdiff": lambda a=a, b=b: diffing.compare(diffing.parse(a), diffing.parse(b)),
            "redlines": lambda a=a, b=b: Redlines(a, b).output_markdown,
        }
        clear()
        contenders["resdiff"]()
        c0 = time.process_time()
        contenders["redlines"]()
        once = time.process_time() - c0
        rounds = 7 if once < 0.02 else 3 if once < 0.3 else 1
        cpu: dict[str, list[float]] = {}
        interleaved(contenders, rounds=rounds, warmup=0, setup={"resdiff": clear}, cpu=cpu)
        results.append(
            Result(name, len(a) + len(b), median(cpu["resdiff"]), median(cpu["redlines"]))
        )
    return results


def quarters(results: list[Result]) -> list[tuple[str, list[Result]]]:
    """The results (shortest first) in four quarters, and all of them."""
    n = len(results)
    cuts = [0, n // 4, n // 2, 3 * n // 4, n]
    names = ["shortest quarter", "second quarter", "third quarter", "longest quarter"]
    out = [(names[k], results[cuts[k] : cuts[k + 1]]) for k in range(4) if cuts[k] < cuts[k + 1]]
    return [*out, (f"all {n}", results)]
