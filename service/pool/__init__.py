"""Worker processes for the heavy, native or unbounded work: reading documents, PDF and Word.

Reading an upload (PDFium, lxml, the parser), rendering a PDF (WeasyPrint, Pango)
and writing a Word report run in a bounded pool of processes, never in a web
worker: each process runs one job at a time under an address-space limit, a
job's time budget counts from the moment a process takes it and a process
past it is killed, and callers wait in one queue, at most
``RESDIFF_QUEUE_SECONDS`` (then 503 with ``Retry-After``).

* :mod:`~service.pool.supervisor` - :class:`ProcessPool`, the processes and the queue;
* :mod:`~service.pool.server` - the pool of ``resdiff serve``, shared by its web
  workers over a Unix socket (:class:`RemotePool`);
* :mod:`~service.pool.child` - the loop of one process; :mod:`~service.pool.tasks`
  - its jobs and warm-up; :mod:`~service.pool.frames` - the messages;
  :mod:`~service.pool.limits` - memory limits.

An :class:`Executor` is anything with ``run(task, *args, seconds, what)``: a
:class:`ProcessPool`, a :class:`RemotePool`, or :class:`Inline` (the calling
process: no kill, no memory limit).
"""

from __future__ import annotations

import atexit
import threading
import time
from typing import Any, Protocol

from service.config import PoolSettings
from service.pool.server import RemotePool
from service.pool.supervisor import ProcessPool, TaskTimeout

__all__ = [
    "Executor",
    "Inline",
    "ProcessPool",
    "RemotePool",
    "TaskTimeout",
    "local_pool",
]


class Executor(Protocol):
    """Where a job runs."""

    def run(self, task: str, *args: Any, seconds: float | None = None, what: str = "") -> Any:
        """The value of job ``task``; its budget of ``seconds`` starts when the job starts."""
        ...


class Inline:
    """Jobs run in the calling process (the budget checks of the job only)."""

    def run(self, task: str, *args: Any, seconds: float | None = None, what: str = "") -> Any:
        from service.pool import tasks

        deadline = None if seconds is None else time.monotonic() + seconds
        return tasks.run(task, args, deadline)


_POOLS: dict[PoolSettings, ProcessPool] = {}
_POOLS_LOCK = threading.Lock()


def local_pool(settings: PoolSettings) -> ProcessPool:
    """This process's own pool for ``settings`` (the CLI's, a test client's), made once;
    its processes start when first needed and stop when this process exits."""
    with _POOLS_LOCK:
        pool = _POOLS.get(settings)
        if pool is None:
            pool = ProcessPool(
                settings.size,
                memory=settings.memory,
                queue_seconds=settings.queue_seconds,
                queue_length=settings.queue_length,
            )
            _POOLS[settings] = pool
        return pool


@atexit.register
def _close_pools() -> None:
    for pool in _POOLS.values():
        pool.close()
