"""The 170 real successive versions of sessions 78-79, compared one pair per task."""

from __future__ import annotations

import itertools
import time
from pathlib import Path

from common import SERIES_TSV, UNGA


def series_pairs() -> list[tuple[Path, Path]]:
    """Consecutive versions of every title of ``unga-78-79.SERIES.tsv``."""
    pairs = []
    for line in SERIES_TSV.read_text(encoding="utf-8").splitlines()[1:]:
        if not line.strip():
            continue
        files = line.split("\t")[1].split()
        pairs += [(UNGA / a, UNGA / b) for a, b in itertools.pairwise(files)]
    return pairs


def compare_pair(pair: tuple[Path, Path]) -> tuple[str, float, str | None]:
    """Load (ingest + parse) both files and compare them; (name, seconds, error)."""
    import diffing
    from service import ingest

    t0 = time.perf_counter()
    try:
        diffing.compare(ingest.load(pair[0]), ingest.load(pair[1]))
        err = None
    except Exception as exc:  # a failure is a figure too: count it, don't stop the batch
        err = f"{type(exc).__name__}: {exc}"[:200]
    return f"{pair[0].name} -> {pair[1].name}", time.perf_counter() - t0, err
