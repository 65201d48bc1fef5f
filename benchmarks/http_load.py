"""HTTP load of ``POST /api/compare`` against a ``resdiff serve`` started for the purpose.

``Server`` starts ``resdiff serve --host 127.0.0.1 --port P --workers 2`` on a
free port with a throw-away ``RESDIFF_DATA_DIR`` and stops it (its own process
group) at the end. Run as a script, this module is the load generator: it runs
in its own process, so the client's Python does not share a GIL with the
timing code, and sends a bounded number of requests over keep-alive
connections from N threads::

    python benchmarks/http_load.py --port P --body BODY.json --requests 200 --threads 2 \
        [--unique new|both] [--path "/api/compare?format=pdf"]

``--unique`` makes every request body different (a distinct closing line
appended to the new text, or to both texts), so no answer can come from the
comparison cache; with ``both``, no text of the request has been seen before.
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import json
import math
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

PATH = "/api/compare"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _resdiff() -> str:
    """The ``resdiff`` command of this Python's environment (``make bench`` runs the
    project's Python without its ``bin`` on PATH), else the one on PATH."""
    beside = Path(sys.executable).with_name("resdiff")
    return str(beside) if beside.exists() else "resdiff"


class Server:
    """``resdiff serve`` on 127.0.0.1 in its own process group, for a ``with`` block."""

    def __init__(self, workers: int = 2, extra_env: dict[str, str] | None = None) -> None:
        self.port = free_port()
        self.workers = workers
        self.extra_env = extra_env or {}
        self._tmp = tempfile.TemporaryDirectory(prefix="resdiff-bench-")
        self.log = Path(self._tmp.name) / "serve.log"
        self.proc: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> Server:
        env = dict(
            os.environ, RESDIFF_DATA_DIR=str(Path(self._tmp.name) / "data"), **self.extra_env
        )
        cmd = [_resdiff(), "serve", "--host", "127.0.0.1", "--port", str(self.port)]
        cmd += ["--workers", str(self.workers)]
        with self.log.open("wb") as log:
            self.proc = subprocess.Popen(
                cmd, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
            )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"resdiff serve exited: {self.tail()}")
            try:
                conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
                conn.request("GET", "/healthz")
                conn.getresponse().read()
                conn.close()
                return self
            except OSError:
                time.sleep(0.2)
        self.__exit__(None, None, None)
        raise RuntimeError(f"resdiff serve did not answer within 60 s: {self.tail()}")

    def cpu_seconds(self) -> float:
        """CPU time (user and system) used so far by the processes of the server's
        process group that are alive (its web workers and pool processes), from /proc;
        NaN where /proc is missing."""
        if self.proc is None or not Path("/proc/self/stat").exists():
            return math.nan
        tick = os.sysconf("SC_CLK_TCK")
        total = 0
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rpartition(")")[2].split()
            except OSError:
                continue
            # after the name: state ppid pgrp session ... utime (12th) stime (13th)
            if int(fields[2]) == self.proc.pid:
                total += int(fields[11]) + int(fields[12])
        return total / tick

    def tail(self, n: int = 1500) -> str:
        try:
            return self.log.read_text(errors="replace")[-n:]
        except OSError:
            return ""

    def __exit__(self, *exc: object) -> None:
        if self.proc is not None and self.proc.poll() is None:
            try:
                os.killpg(self.proc.pid, signal.SIGTERM)
                self.proc.wait(timeout=15)
            except (ProcessLookupError, subprocess.TimeoutExpired):
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(timeout=5)
        self._tmp.cleanup()


def run_load(
    port: int,
    body: dict[str, Any],
    *,
    requests: int,
    threads: int,
    unique: str = "",
    max_s: float,
    path: str = PATH,
) -> dict[str, Any]:
    """Run the load generator in another process and return its figures (``path``:
    the endpoint and its query, ``/api/compare?format=pdf`` for the PDF report)."""
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False, encoding="utf-8") as f:
        json.dump(body, f, ensure_ascii=False)
    try:
        cmd = [sys.executable, __file__, "--port", str(port), "--body", f.name]
        cmd += ["--requests", str(requests), "--threads", str(threads), "--max-s", str(max_s)]
        cmd += ["--path", path]
        if unique:
            cmd += ["--unique", unique]
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=max_s + 120, check=False)
        if out.returncode != 0:
            raise RuntimeError(f"load generator failed: {out.stderr[-1500:]}")
        return json.loads(out.stdout)  # type: ignore[no-any-return]
    finally:
        os.unlink(f.name)


def variant(body: dict[str, Any], i: int, which: str = "new") -> bytes:
    """The request body with a distinct closing line on the new text (or on both)."""
    out = dict(body)
    for side in ("old", "new") if which == "both" else ("new",):
        doc = dict(body[side])
        doc["text"] = doc["text"].rstrip("\n") + f"\n\nBenchmark run {i} of the load generator.\n"
        out[side] = doc
    return json.dumps(out, ensure_ascii=False).encode()


def _client(args: argparse.Namespace) -> dict[str, Any]:
    body = json.loads(Path(args.body).read_text(encoding="utf-8"))
    fixed = json.dumps(body, ensure_ascii=False).encode()
    salt = time.time_ns()
    # bodies are prepared before the clock starts: the client measures the server
    bodies = [
        variant(body, salt + i, args.unique) if args.unique else fixed for i in range(args.requests)
    ]
    lock = threading.Lock()
    next_i = [0]
    latencies: list[float] = []
    statuses: dict[str, int] = {}
    cache_headers: dict[str, int] = {}
    sizes: list[int] = []
    stop_at = time.perf_counter() + args.max_s

    def worker() -> None:
        conn = http.client.HTTPConnection("127.0.0.1", args.port, timeout=120)
        while True:
            with lock:
                i = next_i[0]
                next_i[0] += 1
            if i >= args.requests or time.perf_counter() > stop_at:
                break
            t0 = time.perf_counter()
            try:
                conn.request(
                    "POST", args.path, body=bodies[i], headers={"Content-Type": "application/json"}
                )
                resp = conn.getresponse()
                data = resp.read()
                status = str(resp.status)
                cache = resp.getheader("X-Cache") or resp.getheader("X-Resdiff-Cache") or "-"
            except (OSError, http.client.HTTPException) as exc:
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", args.port, timeout=120)
                data, status, cache = b"", type(exc).__name__, "-"
            dt = time.perf_counter() - t0
            with lock:
                latencies.append(dt)
                statuses[status] = statuses.get(status, 0) + 1
                cache_headers[cache] = cache_headers.get(cache, 0) + 1
                sizes.append(len(data))
        conn.close()

    pool = [threading.Thread(target=worker) for _ in range(args.threads)]
    t0 = time.perf_counter()
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    wall = time.perf_counter() - t0
    ok = statuses.get("200", 0)
    lat = sorted(latencies)
    return {
        "requests": len(latencies),
        "ok": ok,
        "statuses": statuses,
        "cache_header": cache_headers,
        "wall_s": wall,
        "rps": ok / wall if wall else 0.0,
        "latency_median_s": statistics.median(lat) if lat else None,
        "latency_p90_s": lat[int(0.9 * (len(lat) - 1))] if lat else None,
        "response_bytes": statistics.median(sizes) if sizes else 0,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--body", required=True)
    ap.add_argument("--requests", type=int, default=100)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--max-s", type=float, default=30.0)
    ap.add_argument("--unique", choices=["new", "both"], default="")
    ap.add_argument("--path", default=PATH, help="the endpoint and its query string")
    json.dump(_client(ap.parse_args()), sys.stdout)


if __name__ == "__main__":
    main()
