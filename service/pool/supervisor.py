"""The pool: a fixed number of worker processes and one queue in front of them.

:class:`ProcessPool` hands each job to an idle process, one job per process at
a time (so WeasyPrint never renders twice at once in one process, and never
shares its font configuration between threads). A caller waits its turn in
one first-come first-served queue, at most ``queue_seconds`` (then
:class:`~service.errors.ServiceBusyError`, 503 with ``Retry-After``); the
queue holds at most ``queue_length`` callers (more are told to retry at
once). A job's time budget counts from the moment a process takes it, not from
the wait: a job past its budget has its process killed (:class:`TaskTimeout`)
and a new process takes the place. A process that runs out of memory or dies
costs its job a :class:`~service.errors.MemoryLimitError` (413), and nothing
else.
"""

from __future__ import annotations

import contextlib
import logging
import math
import queue
import subprocess
import sys
import threading
import time
from collections import deque
from typing import Any

from service.errors import MemoryLimitError, ResdiffError, ServiceBusyError, problem_types
from service.pool import frames

__all__ = ["GRACE", "ProcessPool", "TaskTimeout"]

log = logging.getLogger(__name__)

#: seconds a process has past a job's budget to answer (its own checks come first)
GRACE = 0.5
_DEAD = object()


class TaskTimeout(Exception):
    """A job outlived its time budget; its process was killed."""


class _Process:
    """One worker process, and a thread that reads its answers."""

    def __init__(self, pool: ProcessPool) -> None:
        argv = [sys.executable, "-m", "service.pool.child", "--memory", str(pool.memory)]
        if pool.warm:
            argv.append("--warm")
        self.pool = pool
        self.proc = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        self.answers: queue.SimpleQueue[Any] = queue.SimpleQueue()
        self.ready = False
        self.killed = False
        threading.Thread(target=self._read, daemon=True, name="pool-reader").start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        try:
            while True:
                message = frames.read(self.proc.stdout)
                if message[0] == "ready":
                    self.pool._ready(self)
                else:
                    self.answers.put(message)
        except (EOFError, OSError, ValueError):
            pass
        self.proc.wait()
        self.answers.put(_DEAD)
        self.pool._gone(self)

    def call(self, task: str, args: tuple[Any, ...], seconds: float | None) -> Any:
        """Send a job and wait for its answer, at most ``seconds`` (+ :data:`GRACE`)."""
        assert self.proc.stdin is not None
        with contextlib.suppress(OSError):  # if it died, the reader says so
            frames.write(self.proc.stdin, (task, args, seconds))
        try:
            reply = self.answers.get(timeout=None if seconds is None else seconds + GRACE)
        except queue.Empty:
            self.kill()
            raise TaskTimeout(task) from None
        if reply is not _DEAD and reply[0] == "memory":
            self.killed = True  # it exits after a MemoryError: never hand it a job again
        if reply is _DEAD:
            code = self.proc.returncode
            log.warning(
                "pool process %s ended during a %s job (exit %s)", self.proc.pid, task, code
            )
            raise _Died(code)
        return reply

    def kill(self) -> None:
        self.killed = True
        with contextlib.suppress(OSError):
            self.proc.kill()

    @property
    def alive(self) -> bool:
        return not self.killed and self.proc.poll() is None


class _Died(Exception):
    pass


class ProcessPool:
    """``size`` worker processes (started when first needed) and one queue."""

    def __init__(
        self,
        size: int,
        *,
        memory: int = 0,
        queue_seconds: float = 10.0,
        queue_length: int = 32,
        warm: bool = False,
    ) -> None:
        self.size = max(1, size)
        self.memory = memory
        self.queue_seconds = queue_seconds
        self.queue_length = queue_length
        self.warm = warm
        self._lock = threading.Condition()
        self._processes: list[_Process] = []
        self._idle: deque[_Process] = deque()
        self._waiting: deque[object] = deque()
        self._failures = 0
        self._closed = False

    # -- processes coming and going ----------------------------------------------------

    def start(self) -> None:
        """Start every process now (a server does, so that none is cold)."""
        with self._lock:
            while len(self._processes) < self.size:
                self._processes.append(_Process(self))

    def wait_ready(self, seconds: float) -> bool:
        """Wait until every process has started and warmed up (at most ``seconds``)."""
        end = time.monotonic() + seconds
        with self._lock:
            while len(self._idle) < self.size and self._failures < 3:
                left = end - time.monotonic()
                if left <= 0:
                    return False
                self._lock.wait(left)
            return len(self._idle) >= self.size

    def _ready(self, proc: _Process) -> None:
        with self._lock:
            proc.ready = True
            self._failures = 0
            if proc in self._processes and not self._closed:
                self._idle.append(proc)
            self._lock.notify_all()

    def _gone(self, proc: _Process) -> None:
        with self._lock:
            if not proc.ready:
                self._failures += 1
                log.error("a pool process failed to start (exit %s)", proc.proc.returncode)
            with contextlib.suppress(ValueError):
                self._processes.remove(proc)
            with contextlib.suppress(ValueError):
                self._idle.remove(proc)
            if self.warm and not self._closed and self._failures < 3:
                self._processes.append(_Process(self))  # keep the pool full and warm
            self._lock.notify_all()

    def close(self) -> None:
        """Stop every process."""
        with self._lock:
            self._closed = True
            processes = list(self._processes)
            self._processes.clear()
            self._idle.clear()
            self._lock.notify_all()
        for proc in processes:
            proc.kill()

    # -- the queue ----------------------------------------------------------------------

    def _busy(self, why: str) -> ServiceBusyError:
        return ServiceBusyError(
            f"{why}: retry in a few seconds", retry_after=math.ceil(max(1.0, self.queue_seconds))
        )

    def _acquire(self) -> _Process:
        with self._lock:
            if len(self._waiting) >= self.queue_length:
                raise self._busy(f"{len(self._waiting)} requests already wait for a worker")
            ticket = object()
            self._waiting.append(ticket)
            end = time.monotonic() + self.queue_seconds
            try:
                while True:
                    if self._closed:
                        raise self._busy("the server is stopping")
                    if self._waiting[0] is ticket:
                        while self._idle:
                            proc = self._idle.popleft()
                            if proc.alive:
                                return proc
                        if len(self._processes) < self.size:
                            if self._failures >= 3:
                                raise self._busy("the worker processes fail to start")
                            self._processes.append(_Process(self))
                    left = end - time.monotonic()
                    if left <= 0:
                        raise self._busy(
                            f"all {self.size} worker processes stayed busy for"
                            f" {self.queue_seconds:g} s"
                        )
                    self._lock.wait(left)
            finally:
                self._waiting.remove(ticket)
                self._lock.notify_all()

    def _release(self, proc: _Process) -> None:
        with self._lock:
            if proc.alive and proc in self._processes and not self._closed:
                self._idle.append(proc)
            self._lock.notify_all()

    # -- jobs ---------------------------------------------------------------------------

    def run(self, task: str, *args: Any, seconds: float | None = None, what: str = "") -> Any:
        """Run ``task`` in a pool process; its budget of ``seconds`` starts when a process
        takes it. Raises :class:`TaskTimeout`, :class:`ServiceBusyError` (the wait),
        :class:`MemoryLimitError` (the process ran out of memory or died), the job's own
        :class:`ResdiffError`, or :class:`RuntimeError` for a bug."""
        proc = self._acquire()
        try:
            reply = proc.call(task, args, seconds)
        except _Died as died:
            raise self._out_of_memory(what or task, died.args[0]) from None
        finally:
            self._release(proc)
        return _unpack(reply, self, what or task)

    def _out_of_memory(self, what: str, code: int | None) -> MemoryLimitError:
        limit = f"the limit of {self.memory // 2**20:,} MiB" if self.memory else "the memory"
        how = "" if code in (0, None) else f" (the process stopped with status {code})"
        return MemoryLimitError(f"{what} needed more memory than {limit}{how}")

    def stats(self) -> dict[str, int]:
        with self._lock:
            return {
                "processes": len(self._processes),
                "idle": len(self._idle),
                "waiting": len(self._waiting),
                "size": self.size,
            }


def _unpack(reply: tuple[Any, ...], pool: ProcessPool, what: str) -> Any:
    kind = reply[0]
    if kind == "ok":
        return reply[1]
    if kind == "memory":
        raise pool._out_of_memory(what, None)
    if kind == "error":
        cls = problem_types().get(reply[1], ResdiffError)
        raise cls(reply[2])
    raise RuntimeError(f"a pool process failed while {what}:\n{reply[1]}")
