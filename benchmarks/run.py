"""resdiff's benchmark (issue 6): ``make bench`` or ``python3 benchmarks/run.py [--quick]``.

Sections (all by default, or pick with flags):

``--pair``    73/11 -> 75/10: resdiff parse + align + word diff against redlines,
              difflib and diff-match-patch on the same raw texts, three runs of
              interleaved rounds.
``--renewals`` the 170 renewals of sessions 78 -> 79: resdiff against redlines,
              pair by pair (:mod:`renewal_peers`).
``--scale``   synthetic pairs of 250 ... 20,000 operative paragraphs: time, memory,
              growth exponent, whether the injected edits were found, and whether
              the parser read every paragraph of the text.
``--render``  HTML, PDF and DOCX reports of 73/11 -> 75/10.
``--batch``   the 170 real pairs of sessions 78-79, one process vs. a pool of two.
``--http``    ``POST /api/compare`` against ``resdiff serve --workers 2``, with and
              without the comparison cache.
``--precedents``  agreed language (``benchmarks/agreed.py``): ``resdiff ingest`` of the
              659 resolutions, query latency and recall through the store, the cost
              of ``--precedents``; ``--precedents-1m`` adds the 1,000,000-paragraph
              library (half an hour or more: not part of the default run).

``--results FILE`` writes the tables as Markdown (machine, date, figures);
``--profile`` profiles every missed goal and prints where the time goes.
Timings are medians; competing figures are ratios measured side by side in the
same process, because the machine is shared and absolute times are noisy.
"""

from __future__ import annotations

import argparse
import cProfile
import functools
import io
import json
import math
import multiprocessing
import os
import pstats
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import batch
import http_load
import pdfs
import peers
import renewal_peers
import synth
from common import INTERPOL, Goal, Table, clear_engine_caches, interleaved, machine, median, ms

OLD = INTERPOL / "A_RES_73_11_en.txt"
NEW = INTERPOL / "A_RES_75_10_en.txt"
PAIR = "73/11 -> 75/10"


class Bench:
    def __init__(self, quick: bool, million: bool = False) -> None:
        self.quick = quick
        self.million = million
        self.tables: list[Table] = []
        self.goals: list[Goal] = []
        self.profilers: dict[str, Callable[[], str]] = {}
        self.a = OLD.read_text(encoding="utf-8")
        self.b = NEW.read_text(encoding="utf-8")

    def emit(self, table: Table) -> None:
        self.tables.append(table)
        print(table.markdown(), flush=True)

    # -- 73/11 -> 75/10 against the peers ---------------------------------------------

    def pair(self) -> None:
        import diffing

        a, b = self.a, self.b
        runs, rounds = (1, 7) if self.quick else (3, 20)
        t = Table(
            f"{PAIR} (English): whole job from the raw texts, {runs} runs of {rounds} "
            "interleaved rounds",
            [
                "contender",
                "median",
                "min",
                "CPU time median",
                "time / resdiff's (medians)",
                "each run",
                "(CPU time)",
            ],
        )
        try:
            old, new = diffing.parse(a), diffing.parse(b)
            comparison = diffing.compare(old, new)
        except NotImplementedError as exc:
            t.notes.append(f"not measured: resdiff not implemented yet ({exc!r})")
            self.goals.append(Goal(f"faster than redlines on {PAIR}", ">= 10x", "n/a", None))
            self.emit(t)
            return

        main = "**resdiff** `compare(parse(a), parse(b))`"
        warm = "  same, memo caches left warm from the previous round"
        contenders: dict[str, Callable[[], Any]] = {
            main: lambda: diffing.compare(diffing.parse(a), diffing.parse(b)),
            "  of which: `parse` of both texts": lambda: (diffing.parse(a), diffing.parse(b)),
            "  of which: `compare` (align + word diff)": lambda: diffing.compare(old, new),
            warm: lambda: diffing.compare(diffing.parse(a), diffing.parse(b)),
        }
        for name, make in peers.PEERS:
            contenders[name] = make(a, b)
        cold = {name: clear_engine_caches for name in list(contenders)[:3]}
        wall: dict[str, list[float]] = {name: [] for name in contenders}
        cpu: dict[str, list[float]] = {name: [] for name in contenders}
        each: dict[str, list[float]] = {name: [] for name in contenders}  # ratio per run
        for run in range(runs):
            run_cpu: dict[str, list[float]] = {}
            times = interleaved(
                contenders, rounds=rounds, warmup=2 if run == 0 else 1, setup=cold, cpu=run_cpu
            )
            for name in contenders:
                wall[name] += times[name]
                cpu[name] += run_cpu[name]
                each[name].append(median(times[name]) / median(times[main]))
        base, base_cpu = median(wall[main]), median(cpu[main])
        for name in contenders:
            m, c = median(wall[name]), median(cpu[name])
            if name.startswith("  "):
                ratios = [f"{m / base:.0%}", "", f"{c / base_cpu:.0%}"]
            else:
                spread = ", ".join(f"{x:.2f}" for x in each[name])
                ratios = [f"{m / base:.2f}", spread, f"{c / base_cpu:.2f}"]
            t.add(name, ms(m), ms(min(wall[name])), ms(c), *ratios)
        t.notes.append(
            f"{len(old.paragraphs)} -> {len(new.paragraphs)} paragraphs; "
            f"resdiff found {_summary(comparison.summary)}"
        )
        t.notes.append(
            "resdiff runs with its memo caches keyed by whole texts (paragraph tokens and keys, "
            "word diffs) emptied before each run, as for a pair it has never seen; its "
            "word-level cache stays warm, as in a running process; the 'warm' row keeps "
            "every cache and shows what they save on a repeat of the same pair"
        )
        t.notes.append(
            "every contender gets the same two raw texts (PDF-extracted, with page headers "
            "and footnotes); resdiff's figure includes parsing them; 'each run' gives the "
            "ratio of the medians of each run of interleaved rounds; CPU time is the "
            "process's own (the time it had a core), a steadier figure on shared cores"
        )
        self.emit(t)
        red = next(n for n in contenders if n.startswith("redlines"))
        speedup = median(wall[red]) / base
        self.goals.append(
            Goal(
                f"faster than redlines on {PAIR}",
                ">= 10x in each run",
                f"{speedup:.1f}x (runs: {', '.join(f'{x:.1f}' for x in each[red])}; "
                f"CPU time {median(cpu[red]) / base_cpu:.1f}x)",
                min(each[red]) >= 10,
            )
        )
        self.profilers[self.goals[-1].name] = lambda: profile(
            lambda: diffing.compare(diffing.parse(a), diffing.parse(b)),
            f"resdiff parse + compare of {PAIR}, 10 times, memo caches emptied before each",
            repeat=10,
            setup=clear_engine_caches,
        )

    # -- the 170 renewals against redlines ----------------------------------------------

    def renewals(self) -> None:
        import diffing

        pairs = renewal_peers.pairs()
        if self.quick:
            pairs = pairs[: len(pairs) // 4]  # the smallest quarter: where fixed costs show
        t = Table(
            f"The {len(pairs)} renewals of sessions 78 -> 79 from the raw texts: resdiff "
            "`compare(parse(a), parse(b))` against redlines, pair by pair",
            [
                "pairs, by size of both texts",
                "characters",
                "resdiff",
                "redlines",
                "time / resdiff's (totals)",
                "lowest pair",
                "median pair",
            ],
        )
        results = renewal_peers.measure(pairs, diffing, clear_engine_caches)
        for label, part in renewal_peers.quarters(results):
            t.add(
                label,
                f"{part[0].chars:,} to {part[-1].chars:,}",
                ms(sum(r.resdiff for r in part)),
                ms(sum(r.redlines for r in part)),
                f"{sum(r.redlines for r in part) / sum(r.resdiff for r in part):.1f}",
                f"{min(r.ratio for r in part):.2f}",
                f"{median([r.ratio for r in part]):.2f}",
            )
        low = sorted(results, key=lambda r: r.ratio)
        t.notes.append(
            "lowest ratios: "
            + "; ".join(
                f"{r.name} ({r.chars:,} characters): {r.ratio:.2f} "
                f"({ms(r.resdiff)} vs {ms(r.redlines)})"
                for r in low[:5]
            )
        )
        t.notes += renewal_peers.NOTES
        self.emit(t)
        slower = [r for r in results if r.ratio <= 1]
        total = sum(r.redlines for r in results) / sum(r.resdiff for r in results)
        self.goals.append(
            Goal(
                f"faster than redlines on every one of the {len(results)} renewal pairs",
                "> 1x on each",
                f"lowest {low[0].ratio:.2f}x ({low[0].name}), {len(slower)} slower; "
                f"{total:.1f}x on all together",
                not slower,
            )
        )

    # -- synthetic scale ------------------------------------------------------------

    def scale(self) -> None:
        sizes = [250, 1000, 4000] if self.quick else [250, 1000, 4000, 10000, 20000]
        runs = (
            {250: 3, 1000: 3, 4000: 1}
            if self.quick
            else {250: 7, 1000: 7, 4000: 5, 10000: 3, 20000: 3}
        )
        timeout = 60 if self.quick else 300
        pool, how = synth.collect_pool(int(max(sizes) * 1.02) + 10)
        t = Table(
            "Scale: synthetic pairs (5% reworded, 1% moved, 1% removed, 1% added), "
            "one process per size",
            [
                "operative paragraphs",
                "compare median",
                "CPU time median",
                "runs",
                "growth exponent (CPU)",
                "peak RSS",
                "tracemalloc peak",
                "parse of the text",
                "reworded found",
                "moved found",
                "removed found",
                "added found",
                "other changes reported",
            ],
        )
        t.notes.append(
            f"paragraph pool: {len(pool):,} distinct real paragraphs of unga-78-79 "
            f"({how}; near-duplicates dropped)"
        )
        results: dict[int, float] = {}  # CPU time medians
        unread: dict[int, int] = {}  # paragraphs the parser did not read, by size
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
            json.dump(pool, f)
        try:
            prev: tuple[int, float] | None = None
            prev_parse: tuple[int, float] | None = None
            for n in sizes:
                cmd = [sys.executable, str(Path(synth.__file__)), "--pool", f.name, "--n", str(n)]
                cmd += ["--runs", str(runs[n]), "--warmup", "1" if n <= 1000 else "0", "--parse"]
                cmd.append("--tracemalloc")
                try:
                    out = subprocess.run(
                        cmd, capture_output=True, text=True, timeout=timeout, check=False
                    )
                except subprocess.TimeoutExpired:
                    t.add(n, f"> {timeout} s (timeout)", *["-"] * 11)
                    break
                if out.returncode != 0:
                    t.add(n, "error", *["-"] * 11)
                    t.notes.append(f"n={n}: " + " / ".join(out.stderr.strip().splitlines()[-3:]))
                    break
                r = json.loads(out.stdout)
                if "error" in r:
                    t.add(n, "n/a", *["-"] * 11)
                    t.notes.append(f"n={n}: {r['error']}")
                    break
                m = median(r["times"])
                cpu = median(r["cpu_times"])
                results[n] = cpu
                expo = f"{math.log(cpu / prev[1]) / math.log(n / prev[0]):.2f}" if prev else "-"
                prev = (n, cpu)
                rec = r["recovery"]
                found = [
                    f"{rec[k]['found']}/{rec[k]['injected']}"
                    for k in ("reworded", "moved", "removed", "added")
                ]
                extra = {
                    k: rec[k]["engine_total"] - (rec[k]["found"] if rec[k]["injected"] >= 0 else 0)
                    for k in rec
                    if k != "unchanged"
                }
                extra_s = ", ".join(f"{v} {k}" for k, v in extra.items() if v) or "none"
                t.notes += [f"n={n:,}, not injected: {x}" for x in r.get("surprises", [])]
                tm = r.get("tracemalloc_peak")
                parse_s = r.get("parse_s")
                parse_cell = "n/a"
                if parse_s is not None:
                    unread[n] = n - r["parse_read"]
                    parse_cell = f"{ms(parse_s)} ({r['parse_read']:,}/{n:,} OPs read"
                    if prev_parse:
                        e = math.log(parse_s / prev_parse[1]) / math.log(n / prev_parse[0])
                        parse_cell += f", growth {e:.2f}"
                    parse_cell += ")"
                    prev_parse = (n, parse_s)
                t.add(
                    f"{n:,}",
                    ms(m),
                    ms(cpu),
                    len(r["times"]),
                    expo,
                    _mib(r["rss_kib"] * 1024),
                    _mib(tm) if tm else "skipped (slow)",
                    parse_cell,
                    *found,
                    extra_s,
                )
        finally:
            Path(f.name).unlink()
        t.notes.append(
            "growth exponent = log(t2/t1)/log(n2/n1) against the previous size, on the "
            "process's CPU time (neighbours on the shared cores inflate it less than the wall "
            "time, which the first column gives); "
            "peak RSS is the worker process's (interpreter, libraries, pool and pair included; "
            "most of it is imports); tracemalloc peak is the Python allocations of one "
            "compare; "
            "'found' counts injected edits reported with exactly the right type and ids"
        )
        t.notes.append(
            "parse of the text: the old version laid out as a PDF-extracted text, parsed by "
            "`diffing.parse`; x/n OPs read = numbered paragraphs it read as the operative "
            "paragraph of their number, out of n; growth = its exponent"
        )
        if unread:
            missed = {k: v for k, v in unread.items() if v}
            t.notes.append(
                "every paragraph read: "
                + (
                    "yes, at every size"
                    if not missed
                    else "NO: " + ", ".join(f"{v:,} missed of {k:,}" for k, v in missed.items())
                )
            )
        self.emit(t)
        if 1000 in results and 4000 in results:
            e = math.log(results[4000] / results[1000]) / math.log(4)
            self.goals.append(
                Goal("growth exponent 1,000 -> 4,000 paragraphs", "<= 1.3", f"{e:.2f}", e <= 1.3)
            )
            self.profilers[self.goals[-1].name] = lambda: _profile_scale(pool, 4000)
        else:
            self.goals.append(
                Goal("growth exponent 1,000 -> 4,000 paragraphs", "<= 1.3", "n/a", None)
            )
        big = "growth exponent 1,000 -> 20,000 paragraphs, every paragraph read"
        if 1000 in results and 20000 in results:
            e = math.log(results[20000] / results[1000]) / math.log(20)
            read = unread.get(20000) == 0 and unread.get(1000) == 0
            self.goals.append(
                Goal(
                    big,
                    "<= 1.1, 20,000 of 20,000 read",
                    f"{e:.2f} (CPU time), {20000 - unread.get(20000, 20000):,} of 20,000 read",
                    e <= 1.1 and read,
                )
            )
            self.profilers[big] = lambda: _profile_scale(pool, 20000)
        elif not self.quick:
            self.goals.append(Goal(big, "<= 1.1, 20,000 of 20,000 read", "n/a", None))
        if 10000 in results:
            self.goals.append(
                Goal(
                    "10,000 paragraphs",
                    "< 3 s",
                    f"{ms(results[10000])} (CPU time)",
                    results[10000] < 3,
                )
            )
            self.profilers[self.goals[-1].name] = lambda: _profile_scale(pool, 10000)
        elif not self.quick:
            self.goals.append(Goal("10,000 paragraphs", "< 3 s", "n/a", None))

    # -- reports ------------------------------------------------------------------

    def render(self) -> None:
        import diffing
        from service.reports import render_comparison

        runs = 2 if self.quick else 5
        t = Table(
            f"Reports of {PAIR}: `render_comparison(comparison, fmt)`, {runs} interleaved rounds",
            ["format", "first call", "median", "size"],
        )
        try:
            comparison = diffing.compare(diffing.parse(self.a), diffing.parse(self.b))
        except NotImplementedError as exc:
            t.notes.append(f"not measured: resdiff not implemented yet ({exc!r})")
            self.goals.append(Goal(f"PDF report of {PAIR}", "< 1.5 s", "n/a", None))
            self.emit(t)
            return
        first: dict[str, float] = {}
        sizes: dict[str, int] = {}
        ok: dict[str, Callable[[], Any]] = {}
        for fmt in ("json", "html", "pdf", "docx"):
            t0 = time.perf_counter()
            try:
                sizes[fmt] = len(render_comparison(comparison, fmt))
            except Exception as exc:
                t.add(fmt, f"n/a ({type(exc).__name__}: {str(exc)[:60]})", "-", "-")
                continue
            first[fmt] = time.perf_counter() - t0
            ok[fmt] = functools.partial(render_comparison, comparison, fmt)
        times = interleaved(ok, rounds=runs, warmup=0) if ok else {}
        for fmt, ts in times.items():
            t.add(fmt, ms(first[fmt]), ms(median(ts)), f"{sizes[fmt]:,} bytes")
        t.notes.append("first call includes lazy imports, font and template loading")
        self.emit(t)
        if "pdf" in times:
            pdf = median(times["pdf"])
            self.goals.append(Goal(f"PDF report of {PAIR}", "< 1.5 s", ms(pdf), pdf < 1.5))
            self.profilers[self.goals[-1].name] = lambda: profile(
                lambda: render_comparison(comparison, "pdf"), f"PDF report of {PAIR}"
            )
        else:
            self.goals.append(Goal(f"PDF report of {PAIR}", "< 1.5 s", "n/a", None))
            return
        self.pdf_floor(comparison)

    def pdf_floor(self, comparison: Any) -> None:
        """The PDF report against WeasyPrint on the bare document of the same text, and
        the series PDF of the four INTERPOL versions (issue 18)."""
        runs, rounds = (2, 3) if self.quick else (3, 7)
        t = Table(
            f"PDF of {PAIR} against WeasyPrint on the bare document (the same paragraphs with "
            f"their `<ins>`/`<del>`), {runs} runs of {rounds} interleaved rounds",
            ["contender", "median", "time / bare document's (median of runs, range)"],
        )
        res = pdfs.ratio_runs(
            pdfs.contenders(comparison), "bare document", runs=runs, rounds=rounds
        )
        for name, r in res.items():
            t.add(name, ms(r["time"]), pdfs.spread(r))
        series = pdfs.series_pdf_times(runs=3 if self.quick else 5)
        t.notes.append(
            f"series PDF of the four INTERPOL versions, warm: median {ms(median(series))}, "
            f"min {ms(min(series))}"
        )
        t.notes.append(pdfs.__doc__.split("\n\n")[1].replace("\n", " "))
        r = res["report (tagged, PDF/UA-1)"]
        floor = res["bare document, GC paused"]["ratios"]
        same = [a / b for a, b in zip(r["ratios"], floor, strict=True)]
        t.notes.append(
            "against the floor with the garbage collector paused as the report's render pauses "
            f"it: {median(same):.2f}x ({min(same):.2f}-{max(same):.2f})"
        )
        self.goals.append(
            Goal(
                f"PDF of {PAIR} / bare document",
                "<= 1.5x",
                f"{pdfs.spread(r)}; {median(same):.2f}x against the GC-paused floor",
                r["ratio"] <= 1.5,
            )
        )
        self.emit(t)
        s = median(series)
        self.goals.append(
            Goal("series PDF of the 4 INTERPOL versions, warm", "< 0.8 s", ms(s), s < 0.8)
        )

    # -- the 170 real pairs -----------------------------------------------------------

    def batch(self) -> None:
        import diffing  # noqa: F401  (imported before the fork: workers inherit it)
        from service import ingest  # noqa: F401

        pairs = batch.series_pairs()
        if self.quick:
            pairs = pairs[:40]
        t = Table(
            f"Batch: {len(pairs)} real pairs of unga-78-79.SERIES.tsv, ingest + parse + compare",
            ["mode", "wall", "per pair", "speed-up", "cores obtained", "failures"],
        )
        batch.compare_pair(pairs[0])  # warm-up: lazy imports, compiled patterns
        first = batch.compare_pair(pairs[1])
        if first[2] and all(batch.compare_pair(p)[2] for p in pairs[2:6]):
            t.notes.append(f"not measured: the pairs fail, e.g. {first[0]}: {first[2]}")
            self.emit(t)
            return
        # The pool is started once (its start-up is timed on its own); then the pairs go
        # through in blocks, each block once in this process and once through the pool,
        # in alternating order, so that both modes see the same load from the neighbours.
        ctx = multiprocessing.get_context("fork")
        children0 = os.times()
        t0 = time.perf_counter()
        pool = ctx.Pool(2)
        pool.map(batch.compare_pair, pairs[:2], chunksize=1)  # both workers up and warm
        startup = time.perf_counter() - t0
        single: list[tuple[str, float, str | None]] = []
        double: list[tuple[str, float, str | None]] = []
        wall1 = wall2 = cpu1 = 0.0
        block = 17
        try:
            for k in range(0, len(pairs), block):
                chunk = pairs[k : k + block]
                for mode in (0, 1) if (k // block) % 2 == 0 else (1, 0):
                    t0, c0 = time.perf_counter(), time.process_time()
                    if mode == 0:
                        single += [batch.compare_pair(p) for p in chunk]
                        wall1 += time.perf_counter() - t0
                        cpu1 += time.process_time() - c0
                    else:
                        double += pool.map(batch.compare_pair, chunk, chunksize=1)
                        wall2 += time.perf_counter() - t0
        finally:
            pool.close()
            pool.join()
        children1 = os.times()
        cpu2 = (children1.children_user + children1.children_system) - (
            children0.children_user + children0.children_system
        )
        errors = [(name, err) for name, _, err in single if err]
        n = len(pairs)
        t.add("one process", ms(wall1), ms(wall1 / n), "1", f"{cpu1 / wall1:.2f}", len(errors))
        t.add(
            "Pool(2), both cores",
            ms(wall2),
            ms(wall2 / n),
            f"{wall1 / wall2:.2f}x",
            f"{cpu2 / wall2:.2f}",
            sum(1 for _, _, e in double if e),
        )
        per = sorted((s, name) for name, s, err in single if not err)
        if per:
            t.notes.append(
                f"one process, per pair: median {ms(median([s for s, _ in per]))}, "
                f"slowest {', '.join(f'{name} {ms(s)}' for s, name in per[-3:][::-1])}"
            )
        for name, err in errors[:5]:
            t.notes.append(f"failed: {name}: {err}")
        t.notes.append(
            "cores obtained = CPU time / wall time (at most 1 for one process, 2 for the "
            "pool; the pool's includes its start-up): below that, neighbours had the cores. "
            f"Load average during the batch: {_loadavg()}"
        )
        t.notes.append(
            f"pairs in blocks of {block}, each block through both modes in alternating order; "
            f"starting the pool (fork, 2 workers, one warm-up pair each) took {ms(startup)}, "
            "not included above"
        )
        self.emit(t)

    # -- HTTP ---------------------------------------------------------------------------

    def http(self) -> None:
        body = {"old": {"text": self.a}, "new": {"text": self.b}}
        n_unc, n_cac = (15, 150) if self.quick else (60, 600)
        t = Table(
            f"HTTP: `POST {http_load.PATH}` ({PAIR}, JSON) against `resdiff serve --workers 2` "
            "on 127.0.0.1",
            [
                "cache",
                "client threads",
                "requests",
                "req/s",
                "median latency",
                "p90 latency",
                "cache header",
            ],
        )
        goal = "cached comparison served faster than uncached"
        unique_check = _check_unique_bodies(body)
        try:
            server = http_load.Server(workers=2).__enter__()
        except Exception as exc:
            t.notes.append(f"not measured: could not start `resdiff serve`: {exc}"[:600])
            self.goals.append(Goal(goal, ">= 10x", "n/a", None))
            self.emit(t)
            return
        try:
            probe = http_load.run_load(server.port, body, requests=1, threads=1, max_s=60)
            if probe["ok"] != 1:
                t.notes.append(
                    f"not measured: `POST {http_load.PATH}` answered {probe['statuses']}; "
                    f"server log: {server.tail(400)!r}"
                )
                self.goals.append(Goal(goal, ">= 10x", "n/a", None))
                self.emit(t)
                return
            res: dict[tuple[str, int], dict[str, Any]] = {}
            label = {
                "both": "without: both texts new in each request",
                "new": "without: new text changes, old text repeats",
                "": "with: the same request again",
            }
            runs = [(1, "both"), (1, "new"), (1, ""), (4, "both"), (4, "")]
            for threads, unique in runs:
                r = http_load.run_load(
                    server.port,
                    body,
                    requests=n_unc if unique else n_cac,
                    threads=threads,
                    unique=unique,
                    max_s=30 if self.quick else 60,
                )
                res[unique, threads] = r
                t.add(
                    label[unique],
                    threads,
                    f"{r['ok']}/{r['requests']}",
                    f"{r['rps']:,.1f}",
                    ms(r["latency_median_s"] or math.nan),
                    ms(r["latency_p90_s"] or math.nan),
                    ", ".join(f"{k}: {v}" for k, v in r["cache_header"].items()),
                )
        finally:
            server.__exit__(None, None, None)
        cached = res["", 1]["latency_median_s"]
        lat = res["both", 1]["latency_median_s"] / cached
        lat_new = res["new", 1]["latency_median_s"] / cached
        thr = res["", 4]["rps"] / max(res["both", 4]["rps"], 1e-9)
        t.notes.append(
            f"cache speed-up: {lat:.1f}x on median latency (one client thread, both texts new), "
            f"{lat_new:.1f}x when the old text repeats (its parse is remembered by the worker), "
            f"{thr:.1f}x on throughput (4 client threads, both texts new)"
        )
        t.notes.append(
            "the load generator is a Python process on the same 2 cores as the server: "
            "the cached req/s is a lower bound"
        )
        t.notes.append(unique_check)
        self.emit(t)
        self.goals.append(
            Goal(
                goal,
                ">= 10x",
                f"{lat:.1f}x (latency), {thr:.1f}x (req/s); {lat_new:.1f}x if the old text repeats",
                lat >= 10,
            )
        )
        self.profilers[goal] = lambda: _profile_cached_request(body)
        self.http_pdf(body)

    def http_pdf(self, body: dict[str, Any]) -> None:
        """Uncached PDF reports over HTTP: one client at a time gives the time per PDF,
        then as many clients as cores; the ideal throughput is cores / time per PDF."""
        cores = os.cpu_count() or 1
        path = f"{http_load.PATH}?format=pdf"
        n_one, n_all = (4, 4 * cores) if self.quick else (8, 12 * cores)
        t = Table(
            f"HTTP: uncached PDF reports of {PAIR} (`POST {path}`, both texts new in each "
            f"request) against `resdiff serve --workers {cores}` on 127.0.0.1",
            [
                "client threads",
                "PDFs",
                "PDF/s",
                "median latency",
                "p90 latency",
                "server CPU per PDF",
                "load average",
            ],
        )
        goal = "uncached PDF throughput over HTTP / (cores / time per PDF)"
        # the limit of expensive requests per user would turn the load into 429s
        env = {"RESDIFF_RATE_LIMIT": "100000/minute"}
        try:
            server = http_load.Server(workers=cores, extra_env=env).__enter__()
        except Exception as exc:
            t.notes.append(f"not measured: could not start `resdiff serve`: {exc}"[:600])
            self.goals.append(Goal(goal, ">= 80%", "n/a", None))
            self.emit(t)
            return
        res: dict[int, dict[str, Any]] = {}
        try:
            # warm every worker (and its pool process) before the clock
            http_load.run_load(
                server.port,
                body,
                requests=2 * cores,
                threads=cores,
                unique="both",
                max_s=120,
                path=path,
            )
            for threads, n in ((1, n_one), (cores, n_all)):
                cpu0 = server.cpu_seconds()
                r = http_load.run_load(
                    server.port,
                    body,
                    requests=n,
                    threads=threads,
                    unique="both",
                    max_s=120,
                    path=path,
                )
                res[threads] = r
                t.add(
                    threads,
                    f"{r['ok']}/{r['requests']}",
                    f"{r['rps']:.2f}",
                    ms(r["latency_median_s"] or math.nan),
                    ms(r["latency_p90_s"] or math.nan),
                    ms((server.cpu_seconds() - cpu0) / max(r["ok"], 1)),
                    _loadavg(),
                )
        finally:
            server.__exit__(None, None, None)
        one = res[1]["latency_median_s"] or math.nan
        ideal = cores / one
        share = res[cores]["rps"] / ideal
        t.notes.append(
            f"time per PDF (one client, median): {ms(one)}; ideal throughput {cores} cores / "
            f"{ms(one)} = {ideal:.2f} PDF/s; measured {res[cores]['rps']:.2f} PDF/s with "
            f"{cores} clients: {share:.0%} of it"
        )
        t.notes.append(
            "the load generator runs on the same cores, and so does whatever else the machine "
            "runs (load average): the measured share is a lower bound; the server's CPU per "
            "PDF, alike at both concurrencies, says whether the PDFs slow each other down"
        )
        self.emit(t)
        self.goals.append(Goal(goal, ">= 80%", f"{share:.0%}", share >= 0.8))

    # -- agreed language -------------------------------------------------------------

    def precedents(self) -> None:
        import agreed

        with agreed.workdir(None) as work:
            for t in agreed.run_31k(work, self.quick, self.goals):
                self.emit(t)
            if self.million:
                for t in agreed.run_1m(work, 400, self.goals):
                    self.emit(t)


def _loadavg() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "?"


def _mib(n_bytes: float) -> str:
    return f"{n_bytes / 2**20:,.1f} MiB" if n_bytes < 10 * 2**20 else f"{n_bytes / 2**20:,.0f} MiB"


def _summary(s: dict[str, int]) -> str:
    return ", ".join(f"{v} {k}" for k, v in s.items() if v)


def _profile_scale(pool: list[str], n: int) -> str:
    import diffing

    old, new, _ = synth.build_pair(pool, n)
    return profile(
        lambda: diffing.compare(old, new),
        f"compare of a synthetic pair of {n:,}",
        setup=clear_engine_caches,
    )


def _check_unique_bodies(body: dict[str, Any]) -> str:
    """Do two 'unique' request bodies parse to different structures (the cache key)?"""
    import diffing

    bodies = [json.loads(http_load.variant(body, i, "both")) for i in (1, 2)]
    try:
        differ = all(
            diffing.parse(bodies[0][side]["text"]).to_dict()
            != diffing.parse(bodies[1][side]["text"]).to_dict()
            for side in ("old", "new")
        )
    except NotImplementedError:
        return "unique bodies: not checked (no parser)"
    if differ:
        return (
            "unique bodies: a distinct closing line is appended to the texts of each request; "
            "checked to parse to distinct structures, so each misses the cache"
        )
    return "WARNING: the unique bodies parse to the same structure: they may hit the cache"


def _profile_cached_request(body: dict[str, Any]) -> str:
    """The cached ``POST /api/compare`` in-process (Flask test client), 20 times."""
    from service.web.app import create_app

    with tempfile.TemporaryDirectory(prefix="resdiff-bench-") as tmp:
        app = create_app({"RESDIFF_DATA_DIR": tmp, "TESTING": True})
        client = app.test_client()
        first = client.post(http_load.PATH, json=body)
        if first.status_code != 200:
            return f"profile of the cached request: the service answered {first.status_code}\n"

        return profile(
            lambda: client.post(http_load.PATH, json=body),
            f"cached `POST {http_load.PATH}` of {PAIR}, 20 requests in-process",
            repeat=20,
        )


def profile(
    fn: Callable[[], Any],
    label: str,
    *,
    repeat: int = 1,
    setup: Callable[[], Any] | None = None,
    top: int = 14,
) -> str:
    """cProfile of ``fn`` run ``repeat`` times (``setup`` before each run, not profiled):
    the functions with the most own time, and resdiff's own functions by cumulative time."""
    prof = cProfile.Profile()
    for _ in range(repeat):
        if setup is not None:
            setup()
        prof.runcall(fn)
    st = pstats.Stats(prof, stream=io.StringIO())
    total = st.total_tt  # type: ignore[attr-defined]
    entries = st.stats  # type: ignore[attr-defined]
    lines = [f"#### Profile: {label} (total {ms(total)} under cProfile)", "", "```"]

    def where(key: tuple[str, int, str]) -> str:
        file, line, func = key
        for marker in ("/diffing/", "/service/", "/site-packages/", "/lib/python3"):
            if marker in file:
                file = marker.strip("/") + "/" + file.split(marker, 1)[1]
                break
        return f"{func} ({file}:{line})"

    lines.append("own time  share  calls       function")
    for key, (_cc, nc, tt, _ct, _) in sorted(entries.items(), key=lambda kv: -kv[1][2])[:top]:
        lines.append(f"{ms(tt):>9} {tt / total:6.1%} {nc:>9,}  {where(key)}")
    lines.append("")
    lines.append("cumulative, libraries included (where the time is spent, stage by stage)")
    for key, (_cc, nc, _tt, ct, _) in sorted(entries.items(), key=lambda kv: -kv[1][3])[:top]:
        lines.append(f"{ms(ct):>9} {ct / total:6.1%} {nc:>9,}  {where(key)}")
    lines.append("")
    lines.append("cumulative (resdiff's own functions)")
    ours = [kv for kv in entries.items() if "/diffing/" in kv[0][0] or "/service/" in kv[0][0]]
    for key, (_cc, nc, _tt, ct, _) in sorted(ours, key=lambda kv: -kv[1][3])[:top]:
        lines.append(f"{ms(ct):>9} {ct / total:6.1%} {nc:>9,}  {where(key)}")
    lines.append("```")
    return "\n".join(lines) + "\n"


def write_results(
    path: Path, bench: Bench, argv: list[str], elapsed: float, profiles: list[str]
) -> None:
    m = machine()
    parts = [
        "# resdiff benchmark results",
        "",
        f"Measured {m['date']} on {m['cpu']} ({m['cores']} cores, shared with other jobs), "
        f"Python {m['python']}, {m['os']}, commit {m['commit']}; "
        f"`python3 benchmarks/run.py {' '.join(argv)}` took {elapsed:.0f} s "
        f"(load average at the end: {_loadavg()}).",
        "",
        "Medians after warm-up; contenders interleaved round by round in the same process. "
        "The machine's 2 cores were shared with other work while this ran: trust the ratios, "
        "read the absolute times as indications.",
        "",
        "Run it again with `make bench` (everything, a few minutes) or "
        "`python3 benchmarks/run.py --quick` (under a minute); pick sections with "
        "`--pair --renewals --scale --render --batch --http --precedents` (`--precedents-1m`: "
        "agreed language on 1,000,000 paragraphs too); `--profile` adds a cProfile of every "
        "missed goal; `--results FILE` writes this file.",
        "",
        _goals_table(bench.goals).markdown(),
    ]
    parts += [t.markdown() for t in bench.tables]
    parts += profiles
    path.write_text("\n".join(parts), encoding="utf-8")


def _goals_table(goals: list[Goal]) -> Table:
    t = Table("Goals", ["goal", "target", "measured", "verdict"])
    for g in goals:
        t.add(g.name, g.target, g.measured, g.verdict)
    return t


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="fewer rounds and sizes (under a minute)")
    sections = ["pair", "renewals", "scale", "render", "batch", "http", "precedents"]
    for s in sections:
        ap.add_argument(f"--{s}", action="store_true", help=f"run the {s} section")
    ap.add_argument(
        "--precedents-1m",
        action="store_true",
        help="agreed language on 1,000,000 paragraphs too (implies --precedents; long)",
    )
    ap.add_argument("--results", type=Path, help="write the tables as Markdown to this file")
    ap.add_argument(
        "--profile",
        nargs="?",
        const="missed",
        choices=["missed", "all"],
        help="profile every missed goal (or every goal: --profile all) with cProfile",
    )
    args = ap.parse_args()
    if args.precedents_1m:
        args.precedents = True
    chosen = [s for s in sections if getattr(args, s)] or sections
    t0 = time.perf_counter()
    bench = Bench(args.quick, args.precedents_1m)
    m = machine()
    print(
        f"resdiff benchmark, {m['date']}, {m['cpu']}, {m['cores']} cores, Python {m['python']}, "
        f"commit {m['commit']}, load average {_loadavg()}{' (quick)' if args.quick else ''}\n",
        flush=True,
    )
    for s in chosen:
        try:
            getattr(bench, s)()
        except Exception as exc:  # one broken section must not hide the others' figures
            t = Table(f"{s}: failed", ["error"])
            t.add(f"{type(exc).__name__}: {exc}"[:500])
            bench.emit(t)
    print(_goals_table(bench.goals).markdown(), flush=True)
    profiles = []
    if args.profile:
        for g in bench.goals:
            if (g.met is False or args.profile == "all") and g.name in bench.profilers:
                out = bench.profilers[g.name]()
                print(out, flush=True)
                profiles.append(out)
    elapsed = time.perf_counter() - t0
    print(f"total {elapsed:.0f} s")
    if args.results:
        write_results(args.results, bench, sys.argv[1:], elapsed, profiles)
        print(f"wrote {args.results}")


if __name__ == "__main__":
    main()
