"""Agreed language through the real store (issue 13): ingest, query latency, recall and
the cost of ``--precedents``.

    python benchmarks/agreed.py [--quick] [--1m] [--pg] [--results FILE]

(``benchmarks/run.py --precedents`` runs the 31,000-paragraph part as a section of
``make bench``; ``--precedents-1m`` adds the 1,000,000-paragraph library.)

- **Ingest**: ``resdiff ingest ../shared/corpus/unga-78-79/`` (the command itself, in a
  new process, on a new SQLite store): the 659 resolutions parsed, stored and indexed;
  then the same command again (nothing new: nothing parsed or indexed).
- **Queries**: the 1,925 paragraphs of the session-80 texts (``unga-80-drafts/``,
  ``unga-80-committee/``) and of INTERPOL 75/10, 77/20, 79/136 (with A/RES/79/136 left
  out), none of them in the library, asked through ``Library.precedents`` (top 5) as
  the operator (who sees everything: no visibility predicate) and as a user (the
  predicate joined in the query; the user owns one private draft).
- **Recall**: of the queries whose best match in an exhaustive rapidfuzz scan (every
  paragraph, ranked the same way) is at least 0.7 similar, the share whose top 5
  holds a paragraph as similar.
- **The cost of --precedents**: ``reports.produce`` of 73/11 -> 75/10 (json) with and
  without agreed language, interleaved; 75/10 (2020) is older than every resolution of
  the library, so its searches find nothing by date; and 77/20 -> 79/136, whose new
  paragraphs have precedents.
- **1,000,000 paragraphs** (``--1m``): the 659 and 32 varied copies of each
  (:func:`precedents.varied_copies`), stored through the store, ``--sample`` queries
  timed, recall on the first 100 of them against the exhaustive scan.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import precedents as pb
from common import (
    INTERPOL,
    REPO,
    UNGA,
    Goal,
    Table,
    interleaved,
    machine,
    median,
    ms,
    write_measured,
)

from service import config, reports
from service.library import Accounts, Library, Retriever, Viewer, open_store
from service.library.store import Store

LIMIT = 5
GOOD = 0.7


# -- the library -------------------------------------------------------------------------


def ingest(database: Path) -> tuple[float, float, str]:
    """``resdiff ingest`` of the 659, twice, in new processes; the seconds of each run
    and the last line of the first."""
    env = {**os.environ, "RESDIFF_DATA_DIR": str(database.parent)}
    command = [str(REPO / ".venv" / "bin" / "resdiff"), "ingest", str(UNGA)]
    runs = []
    for _ in range(2):
        t0 = time.perf_counter()
        done = subprocess.run(command, env=env, capture_output=True, text=True, check=True)
        runs.append((time.perf_counter() - t0, done.stdout.strip().splitlines()[-1]))
    return runs[0][0], runs[1][0], runs[0][1]


def libraries(store: Store) -> dict[str, Library]:
    """The library as the operator sees it, and as a user with one private draft."""
    settings = config.settings()
    retriever = Retriever.from_settings({**settings, "RESDIFF_MIRROR": None})
    limits = config.limits_from(settings)
    accounts = Accounts(store)
    user = accounts.get("bench") if store.user_by_name("bench") else accounts.add("bench")[0]
    viewer = Viewer.user(user.id, user.name, groups=user.groups)
    mine = Library(store, retriever, limits, viewer=viewer)
    draft = pb.CORPUS / "unga-80-drafts" / "A_80_L.14_en.txt"
    mine.add(draft.read_bytes(), draft.name, source="upload")
    return {
        "operator": Library(store, retriever, limits, viewer=Viewer.operator()),
        "user": mine,
    }


# -- measuring ---------------------------------------------------------------------------


@dataclass
class Latency:
    median: float
    p95: float
    recall: float | None
    graded: int


def measure(lib: Library, qs: Sequence[pb.Query], truth: dict[int, float]) -> Latency:
    times, hits, graded = [], 0, 0
    for k, q in enumerate(qs):
        t0 = time.perf_counter()
        found = lib.precedents(q.text, LIMIT, exclude=q.exclude)
        times.append(time.perf_counter() - t0)
        best = truth.get(k)
        if best is not None and best >= GOOD:
            graded += 1
            hits += bool(found) and found[0].similarity >= best - 1e-9
    times.sort()
    return Latency(
        statistics.median(times),
        times[int(len(times) * 0.95)],
        hits / graded if graded else None,
        graded,
    )


def _pct(share: float | None, of: int) -> str:
    return "n/a" if share is None else f"{share:.2%} of {of}"


def cost_of_precedents(lib: Library, rounds: int) -> Table:
    """``reports.produce`` (json) with and without agreed language, interleaved."""
    t = Table(
        f"The cost of --precedents: `reports.produce(json)`, {rounds} interleaved rounds",
        ["comparison", "without", "with", "added", "paragraphs searched", "with a precedent"],
    )
    plain = reports.request("compare", "json")
    agreed = reports.request("compare", "json", reports.Options(precedents=True))
    for old, new in (("A_RES_73_11_en.txt", "A_RES_75_10_en.txt"),
                     ("A_RES_77_20_en.txt", "A_RES_79_136_en.txt")):  # fmt: skip
        versions = [lib.resolve_argument(str(INTERPOL / n)) for n in (old, new)]

        def run(req: reports.Request, versions: Any = versions) -> Any:
            return reports.produce(req, versions, limits=lib.limits, library=lib)

        times = interleaved(
            {"without": lambda: run(plain), "with": lambda: run(agreed)}, rounds=rounds
        )
        made = run(agreed).body
        changes = json.loads(made)["changes"]
        searched = [c for c in changes if "precedents" in c]
        a, b = median(times["without"]), median(times["with"])
        t.add(
            f"{old[6:-7].replace('_', '/')} -> {new[6:-7].replace('_', '/')}",
            ms(a),
            ms(b),
            f"+{ms(b - a)} ({b / a:.1f}x)",
            len(searched),
            sum(bool(c["precedents"]) for c in searched),
        )
    t.notes.append(
        "73/11 -> 75/10: 75/10 was adopted in 2020, before every resolution of the library:"
        " the searches run, and find nothing adopted earlier"
    )
    return t


# -- the two scales ------------------------------------------------------------------------


def run_31k(work: Path, quick: bool, goals: list[Goal], pg: str | None = None) -> list[Table]:
    """Ingest, latency, recall and the cost of --precedents on the 659 resolutions."""
    database = work / "ingest" / "resdiff.sqlite3"
    first, second, said = ingest(database)
    t_ingest = Table("Ingest of the 659 resolutions: `resdiff ingest ../shared/corpus/unga-78-79/`",
                     ["run", "time", "said"])  # fmt: skip
    t_ingest.add("first (parse, store, index)", ms(first), said)
    t_ingest.add("again (nothing new)", ms(second), "")
    t_ingest.notes.append(
        f"database: {database.stat().st_size / 1e6:,.0f} MB (originals, structures, index)"
    )
    goals.append(Goal("ingest of the 659 resolutions", "< 60 s", ms(first), first < 60))
    docs, _ = pb.library()
    qs = pb.queries()
    if quick:
        qs = random.Random(13).sample(qs, 300)
    t0 = time.perf_counter()
    truth = pb.ground_truth(docs, qs)
    scan = time.perf_counter() - t0
    tables = [t_ingest]
    t = Table(
        f"Agreed language at 31k: {len(qs):,} queries through `Library.precedents` (top {LIMIT})",
        ["store", "viewer", "median", "p95", f"recall (best >= {GOOD})"],
    )
    stores = [("SQLite", open_store(database))]
    if pg:
        stores.append(("PostgreSQL", _pg_store(pg, docs)))
    for name, store in stores:
        for viewer, lib in libraries(store).items():
            f = measure(lib, qs, truth)
            t.add(name, viewer, ms(f.median), ms(f.p95), _pct(f.recall, f.graded))
            if name == "SQLite" and viewer == "user":
                goals.append(
                    Goal(
                        "agreed language: median query at 31k paragraphs (user)",
                        "< 20 ms",
                        ms(f.median),
                        f.median < 0.020,
                    )
                )
                goals.append(Goal("agreed language: recall (best >= 0.7 in the top 5)", ">= 98%", _pct(f.recall, f.graded), f.recall is not None and f.recall >= 0.98))  # fmt: skip
    t.notes.append(
        f"ground truth: an exhaustive rapidfuzz scan of every paragraph, {scan:.0f} s for all queries (2 workers)"
    )
    t.notes.append(
        "user: an account with one private draft; its queries join the visibility predicate"
    )
    tables.append(t)
    tables.append(cost_of_precedents(libraries(stores[0][1])["operator"], 3 if quick else 9))
    for _, store in stores:
        store.close()
    return tables


def _pg_store(url: str, docs: Sequence[pb.Doc]) -> Store:
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("DROP SCHEMA public CASCADE")
        conn.execute("CREATE SCHEMA public")
    store = open_store(url, create=True)
    pb._store_all(store, docs, 32)
    store._execute("VACUUM ANALYZE")  # type: ignore[attr-defined]
    return store


def run_1m(work: Path, sample: int, goals: list[Goal]) -> list[Table]:
    """The 659 and 32 varied copies of each: about 1,000,000 paragraphs."""
    docs, _ = pb.library()
    lib_docs = docs + list(pb.varied_copies(docs, pb.COPIES_1M))
    paragraphs = sum(len(r.paragraphs) for _, r in lib_docs)
    path = work / "million" / "resdiff.sqlite3"
    path.parent.mkdir(parents=True, exist_ok=True)
    store = open_store(path, create=True)
    t0 = time.perf_counter()
    pb._store_all(store, lib_docs, 500)
    built = time.perf_counter() - t0
    store._execute("PRAGMA wal_checkpoint(TRUNCATE)")  # type: ignore[attr-defined]
    qs = random.Random(5).sample(pb.queries(), sample)
    graded_qs = qs[:100]
    t1 = time.perf_counter()
    truth = pb.ground_truth(lib_docs, graded_qs)
    scan = time.perf_counter() - t1
    t = Table(
        f"Agreed language at 1m: {len(lib_docs):,} documents, {paragraphs:,} paragraphs, {len(qs)} queries",
        ["viewer", "median", "p95", f"recall (best >= {GOOD})"],
    )
    for viewer, lib in libraries(store).items():
        f = measure(lib, qs, truth)
        t.add(viewer, ms(f.median), ms(f.p95), _pct(f.recall, f.graded))
        if viewer == "user":
            goals.append(Goal("agreed language: median query at 1,000,000 paragraphs (user)", "< 100 ms", ms(f.median), f.median < 0.100))  # fmt: skip
    t.notes.append(
        f"built through the store in {built:,.0f} s (500 documents a transaction); database {path.stat().st_size / 1e6:,.0f} MB"
    )
    t.notes.append(
        f"recall graded on the first 100 queries against an exhaustive scan ({scan:,.0f} s)"
    )
    store.close()
    return [t]


@contextlib.contextmanager
def workdir(keep: Path | None) -> Iterator[Path]:
    if keep is not None:
        keep.mkdir(parents=True, exist_ok=True)
        yield keep
        return
    work = Path(tempfile.mkdtemp(prefix="agreed-"))
    work.chmod(0o755)  # the PostgreSQL server's own account reaches its folder inside
    try:
        yield work
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--quick", action="store_true", help="300 queries instead of 1,925")
    ap.add_argument("--1m", dest="million", action="store_true", help="also 1,000,000 paragraphs")
    ap.add_argument("--sample", type=int, default=400, help="queries timed at 1M")
    ap.add_argument("--pg", action="store_true", help="also on PostgreSQL (a throwaway server)")
    ap.add_argument("--work", type=Path, default=None, help="keep the databases here")
    ap.add_argument("--results", type=Path, default=None, help="write the tables as Markdown")
    args = ap.parse_args(argv)
    if not UNGA.is_dir():
        print(f"error: {UNGA} is absent", file=sys.stderr)
        return 2
    goals: list[Goal] = []
    m = machine()
    print(f"machine: {m}", flush=True)
    with workdir(args.work) as work, contextlib.ExitStack() as stack:
        url = stack.enter_context(pb.postgres(work)) if args.pg else None
        tables = run_31k(work, args.quick, goals, url)
        if args.million:
            tables += run_1m(work, args.sample, goals)
    goal_table = Table("Goals", ["goal", "target", "measured", "verdict"])
    for g in goals:
        goal_table.add(g.name, g.target, g.measured, g.verdict)
    text = "\n".join(t.markdown() for t in [goal_table, *tables])
    print(text)
    if args.results:
        command = f"python benchmarks/agreed.py {' '.join(argv or sys.argv[1:])}"
        write_measured(
            args.results, "Agreed language through the store, measured", command, text, m
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
