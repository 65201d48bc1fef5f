"""Issue 16: the pool of worker processes that reads documents and renders PDF and Word.

One job per process at a time, one first-come first-served queue, a time budget
counted from the moment a process takes the job, a waiting caller told to retry
(503 with Retry-After) instead of "too large", an address-space limit per process
so that a runaway job costs its own request a 413 and nothing else.
"""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from service.config import Limits
from service.errors import MemoryLimitError, ServiceBusyError
from service.pool import ProcessPool, RemotePool, TaskTimeout
from service.pool.server import PoolServer

GOOD = "The General Assembly,\n\nRecalling its resolution 1/1,\n\n1. Decides to remain seized.\n"


@pytest.fixture
def pool() -> Iterator[ProcessPool]:
    p = ProcessPool(1, memory=1024 * 2**20, queue_seconds=30)
    yield p
    p.close()


def _in_thread(target, *args):  # type: ignore[no-untyped-def]
    out: dict[str, object] = {}

    def run() -> None:
        try:
            out["value"] = target(*args)
        except Exception as exc:
            out["error"] = exc

    thread = threading.Thread(target=run)
    thread.start()
    return thread, out


def test_jobs_run_in_another_process(pool: ProcessPool) -> None:
    res, words = pool.run("parse", GOOD, "the text", Limits(), seconds=20)
    assert [p.id for p in res.paragraphs] == ["PP1", "OP1"] and words > 5
    assert pool.stats()["processes"] == 1
    (proc,) = pool._processes
    assert proc.proc.pid != os.getpid()


def test_a_job_past_its_budget_is_killed_and_replaced(pool: ProcessPool) -> None:
    pool.run("ping", seconds=5)
    (first,) = pool._processes
    started = time.monotonic()
    with pytest.raises(TaskTimeout):
        pool.run("ping", 5.0, seconds=0.3)
    assert time.monotonic() - started < 3
    assert first.proc.wait(timeout=5) != 0  # killed
    assert pool.run("ping", seconds=10) == "pong"  # by a new process
    assert pool._processes[0] is not first


def test_the_budget_counts_from_the_start_of_the_job(pool: ProcessPool) -> None:
    """Two jobs of 1 s on one process: the second waits 1 s for the process, then has its
    whole budget of 2 s (counted from the submission, it would have been killed)."""
    pool.run("ping", seconds=5)  # started and warm
    first, out1 = _in_thread(lambda: pool.run("ping", 1.5, seconds=5))
    time.sleep(0.2)
    started = time.monotonic()
    assert pool.run("ping", 1.0, seconds=2.0) == "pong"
    assert time.monotonic() - started > 2.0  # it waited, and was not killed for it
    first.join()
    assert out1["value"] == "pong"


def test_a_waiting_caller_is_told_to_retry(pool: ProcessPool) -> None:
    """Every process busy past ``queue_seconds``: 503 with Retry-After, not 413."""
    pool.run("ping", seconds=5)
    pool.queue_seconds = 0.3
    busy, out = _in_thread(lambda: pool.run("ping", 2.0, seconds=5))
    time.sleep(0.2)
    with pytest.raises(ServiceBusyError) as caught:
        pool.run("ping", seconds=5)
    assert caught.value.status == 503 and caught.value.retry_after >= 1
    assert "busy" in caught.value.detail and "retry" in caught.value.detail
    busy.join()
    assert out["value"] == "pong"


def test_a_full_queue_is_refused_at_once(pool: ProcessPool) -> None:
    pool.queue_length = 1
    pool.run("ping", seconds=5)
    busy, _ = _in_thread(lambda: pool.run("ping", 1.5, seconds=5))
    time.sleep(0.1)
    waiting, _ = _in_thread(lambda: pool.run("ping", seconds=5))
    time.sleep(0.1)
    started = time.monotonic()
    with pytest.raises(ServiceBusyError, match="already wait"):
        pool.run("ping", seconds=5)
    assert time.monotonic() - started < 0.5
    busy.join()
    waiting.join()


def test_running_out_of_memory_costs_one_job_a_413() -> None:
    """400,000 paragraphs (limits lifted) need more than a 300 MiB address space: the
    job gets 413 and the next job of the pool is served as usual."""
    pool = ProcessPool(1, memory=300 * 2**20)
    try:
        text = "The General Assembly,\n\n" + "1. a\n\n2. b\n\n" * 200_000
        big = Limits(paragraphs=10**7, words=10**8)
        with pytest.raises(MemoryLimitError, match="more memory than the limit of 300 MiB"):
            pool.run("parse", text, "the text", big, seconds=60, what="reading the text")
        assert pool.run("parse", GOOD, "the text", Limits(), seconds=20)[1] > 5
    finally:
        pool.close()


def test_a_process_that_dies_costs_one_job(pool: ProcessPool) -> None:
    pool.run("ping", seconds=5)
    (proc,) = pool._processes
    killer = threading.Timer(0.3, os.kill, (proc.proc.pid, signal.SIGSEGV))
    killer.start()
    with pytest.raises(MemoryLimitError, match="stopped with status"):
        pool.run("ping", 3.0, seconds=10, what="rendering the PDF report")
    assert pool.run("ping", seconds=10) == "pong"


def test_one_render_at_a_time_per_process_and_warm_processes() -> None:
    pool = ProcessPool(2, warm=True)
    try:
        pool.start()
        assert pool.wait_ready(120)
        from service.pool.tasks import WARM_HTML

        started = time.monotonic()
        pdf = pool.run("pdf", WARM_HTML.format(css=""), seconds=20)
        assert pdf.startswith(b"%PDF")
        assert time.monotonic() - started < 5  # WeasyPrint was imported and warmed before
        assert pool.stats() == {"processes": 2, "idle": 2, "waiting": 0, "size": 2}
    finally:
        pool.close()


def test_the_pool_server_serves_web_workers(tmp_path: Path) -> None:
    pool = ProcessPool(1, queue_seconds=0.5, warm=True)
    pool.start()
    assert pool.wait_ready(120)
    path = str(tmp_path / "pool.sock")
    server = PoolServer(path, pool)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    try:
        assert oct(os.stat(path).st_mode & 0o777) == "0o600"
        remote = RemotePool(path, queue_seconds=0.5)
        res, _ = remote.run("parse", GOOD, "old.text", Limits(), seconds=20)
        assert res.paragraphs[-1].id == "OP1"
        with pytest.raises(TaskTimeout):
            remote.run("ping", 3.0, seconds=0.2)
        assert pool.wait_ready(120)
        busy, _ = _in_thread(lambda: remote.run("ping", 1.5, seconds=5))
        time.sleep(0.3)
        with pytest.raises(ServiceBusyError):
            remote.run("ping", seconds=5)
        busy.join()
        assert pool.wait_ready(120)  # the killed one is replaced, and warm
        killer = threading.Timer(0.3, os.kill, (pool._processes[0].proc.pid, signal.SIGKILL))
        killer.start()
        with pytest.raises(MemoryLimitError):
            remote.run("ping", 3.0, seconds=20)
        assert remote.stats()["size"] == 1
    finally:
        server.shutdown()
        server.server_close()
        pool.close()
        thread.join()
    with pytest.raises(ServiceBusyError, match="not available"):
        RemotePool(path).run("ping", seconds=1)
