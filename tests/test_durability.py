"""The real server (``resdiff serve``: gunicorn, several workers) on a free 127.0.0.1 port:
committed writes survive ``kill -9``; concurrent uploads and comparisons all succeed; the
database stays intact; an oversized body is refused from its Content-Length."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import requests

from tests.conftest import ROOT

pytestmark = pytest.mark.slow

TEXT = """The General Assembly,

Recalling its resolution {n} of 1 January 2000,

1. Welcomes the report number {n};

2. Requests the Secretary-General to report on the implementation of the present resolution.
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Server:
    """``resdiff serve`` in a process group of its own, on a free 127.0.0.1 port, its
    output in ``log`` (``env`` adds settings)."""

    def __init__(
        self,
        data_dir: Path,
        log: Path,
        env: dict[str, str] | None = None,
        workers: int = 2,
        *,
        threads: int = 4,
    ) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        env = {
            **os.environ,
            "RESDIFF_DATA_DIR": str(data_dir),
            "RESDIFF_MIRROR": "",
            "RESDIFF_ODS_URL": "http://127.0.0.1:9",
            "MAX_CONTENT_LENGTH": str(1024 * 1024),
            **(env or {}),
        }
        self.log = log.open("ab")
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "service.cli",
                "serve",
                "--host",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--workers",
                str(workers),
                "--threads",
                str(threads),
            ],
            cwd=ROOT,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + 120
        while True:
            try:
                with urllib.request.urlopen(self.url + "/healthz", timeout=2) as r:
                    if json.load(r)["status"] == "ok":
                        return
            except OSError:
                pass
            if self.proc.poll() is not None or time.monotonic() > deadline:
                self.kill()
                pytest.fail(f"resdiff serve did not start; see {log}:\n{log.read_text()[-2000:]}")
            time.sleep(0.2)

    def kill(self, sig: int = signal.SIGKILL) -> None:
        """Signal the whole process group (master and workers) and wait for the master."""
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.proc.pid, sig)
        self.proc.wait(timeout=30)
        self.log.close()


@pytest.fixture
def data_dir(tmp_path: Path) -> Iterator[Path]:
    yield tmp_path / "data"


def test_kill_9_concurrency_and_integrity(data_dir: Path, tmp_path: Path) -> None:
    log = tmp_path / "server.log"
    server = Server(data_dir, log)
    try:
        r = requests.post(
            server.url + "/api/documents",
            files={"file": ("draft.txt", TEXT.format(n="1/1").encode())},
            timeout=30,
        )
        assert r.status_code == 201, r.text
        doc = r.json()
    finally:
        server.kill(signal.SIGKILL)  # no chance to flush or close anything

    server = Server(data_dir, log)
    try:
        r = requests.get(f"{server.url}/api/documents/{doc['id']}", timeout=30)
        assert r.status_code == 200
        assert r.json()["sha256"] == doc["sha256"]
        assert r.json()["structure"] == doc["structure"]

        def upload(n: int) -> int:
            text = TEXT.format(n=f"{n + 100}/{n}")
            resp = requests.post(
                server.url + "/api/documents",
                files={"file": (f"d{n}.txt", text.encode())},
                timeout=60,
            )
            return resp.status_code

        def compare(n: int) -> int:
            body = {"old": {"id": doc["id"]}, "new": {"text": TEXT.format(n=f"{n}/9")}}
            resp = requests.post(server.url + "/api/compare", json=body, timeout=60)
            assert resp.json()["summary"]["reworded"] >= 1
            return resp.status_code

        with ThreadPoolExecutor(max_workers=20) as pool:
            futures = [pool.submit(upload if n % 2 else compare, n) for n in range(40)]
            statuses = [f.result() for f in futures]
        assert statuses.count(201) == 20 and statuses.count(200) == 20, statuses
        assert requests.get(server.url + "/api/documents", timeout=30).json()["total"] == 21

        # an oversized body is refused from its Content-Length, before it is sent
        with socket.create_connection(("127.0.0.1", server.port), timeout=10) as s:
            s.sendall(
                b"POST /api/compare HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                b"Content-Length: 1000000000\r\n\r\n{"
            )
            answer = s.recv(65536).decode("latin-1")
        assert answer.startswith("HTTP/1.1 413")
        assert "application/problem+json" in answer
    finally:
        server.kill(signal.SIGTERM)

    with sqlite3.connect(data_dir / "resdiff.sqlite3") as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert db.execute("SELECT count(*) FROM documents").fetchone()[0] == 21
