"""Shared pieces of the benchmark: corpus location, timing loops, table output.

Every figure is a median over interleaved rounds after warm-up runs, and every
contender is reported as a ratio against resdiff measured in the same process
and the same rounds: the machine is shared, so absolute times are noisy and only
the ratios carry across runs.
"""

from __future__ import annotations

import os
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus"
INTERPOL = CORPUS / "interpol"
UNGA = CORPUS / "unga-78-79"
SERIES_TSV = CORPUS / "unga-78-79.SERIES.tsv"


class Unavailable(Exception):
    """A piece of resdiff that the benchmark needs is not there (yet)."""


# Memo caches keyed by a single word: any earlier document fills them with the
# language's common words, so a long-running process has them warm even for a
# pair of documents it has never seen. They are left alone.
KEEP_WARM = frozenset({"token_key"})


def clear_engine_caches() -> int:
    """Empty the memo caches (``functools.lru_cache``) of the ``diffing`` package
    that are keyed by whole texts (paragraphs, pairs of paragraphs).

    A benchmark repeats the same texts, so without this every run after the
    first would be served from those caches, which a new pair of documents never
    is. Word-level caches (:data:`KEEP_WARM`) stay warm, as in a running
    service. Returns how many caches were cleared.
    """
    cleared = 0
    for name, module in list(sys.modules.items()):
        if module is None or not (name == "diffing" or name.startswith("diffing.")):
            continue
        for attr, obj in list(vars(module).items()):
            if attr in KEEP_WARM or getattr(obj, "__name__", None) in KEEP_WARM:
                continue
            if callable(getattr(obj, "cache_clear", None)) and hasattr(obj, "cache_info"):
                obj.cache_clear()
                cleared += 1
    return cleared


def median(xs: Sequence[float]) -> float:
    return statistics.median(xs) if xs else float("nan")


def interleaved(
    contenders: dict[str, Callable[[], Any]],
    *,
    rounds: int,
    warmup: int = 1,
    setup: dict[str, Callable[[], Any]] | None = None,
    cpu: dict[str, list[float]] | None = None,
) -> dict[str, list[float]]:
    """Time each contender ``rounds`` times, one run of each per round (wall time).

    The order rotates every round so that no contender always runs right after
    another one (caches, frequency scaling and neighbours' load even out).
    ``setup[name]``, when given, runs untimed right before each run of ``name``.
    ``cpu``, when given, receives the process's CPU time of each run, by name (on
    shared cores it counts only the time this process had a core).
    """
    names = list(contenders)
    setup = setup or {}
    for _ in range(warmup):
        for name in names:
            setup.get(name, _nothing)()
            contenders[name]()
    times: dict[str, list[float]] = {name: [] for name in names}
    if cpu is not None:
        cpu.update({name: [] for name in names})
    for r in range(rounds):
        k = r % len(names)
        for name in names[k:] + names[:k]:
            fn = contenders[name]
            setup.get(name, _nothing)()
            c0 = time.process_time()
            t0 = time.perf_counter()
            fn()
            times[name].append(time.perf_counter() - t0)
            if cpu is not None:
                cpu[name].append(time.process_time() - c0)
    return times


def _nothing() -> None:
    pass


def time_runs(fn: Callable[[], Any], *, runs: int, warmup: int = 1) -> list[float]:
    for _ in range(warmup):
        fn()
    out = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t0)
    return out


def ms(seconds: float) -> str:
    if seconds != seconds:  # NaN
        return "n/a"
    if seconds >= 10:
        return f"{seconds:,.1f} s"
    if seconds >= 1:
        return f"{seconds:,.2f} s"
    return f"{seconds * 1000:,.1f} ms"


@dataclass
class Table:
    title: str
    header: list[str]
    rows: list[list[str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def add(self, *cells: object) -> None:
        self.rows.append([str(c) for c in cells])

    def markdown(self) -> str:
        lines = [f"### {self.title}", ""]
        lines.append("| " + " | ".join(self.header) + " |")
        lines.append("|" + "|".join("---" for _ in self.header) + "|")
        lines += ["| " + " | ".join(r) + " |" for r in self.rows]
        if self.notes:
            lines.append("")
            lines += [f"- {n}" for n in self.notes]
        return "\n".join(lines) + "\n"


@dataclass
class Goal:
    name: str
    target: str
    measured: str
    met: bool | None  # None: could not be measured

    @property
    def verdict(self) -> str:
        return {True: "met", False: "MISSED", None: "not measured"}[self.met]


def machine() -> dict[str, str]:
    cpu = platform.processor() or "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=REPO,
            capture_output=True,
            text=True,
            check=False,
        ).stdout.strip()
    except OSError:
        commit = "?"
    return {
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "cpu": cpu,
        "cores": str(os.cpu_count()),
        "python": platform.python_version(),
        "os": platform.platform(terse=True),
        "commit": commit or "?",
    }


def write_measured(
    path: Path, title: str, command: str, text: str, m: dict[str, str] | None = None
) -> None:
    """Write a benchmark's tables to ``path`` under ``# title`` and a line saying on
    which machine (``m``, :func:`machine` now if not given), at which commit and by
    which command they were measured."""
    m = m or machine()
    head = (
        f"# {title}\n\nMeasured {m['date']} on {m['cpu']} ({m['cores']} cores, shared),"
        f" Python {m['python']}, commit {m['commit']}: `{command}`.\n\n"
    )
    path.write_text(head + text, encoding="utf-8")
