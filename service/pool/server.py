"""The pool of ``resdiff serve``, shared by every web worker: one queue for the server.

``resdiff serve`` starts ``python -m service.pool SOCKET`` before
gunicorn: a :class:`~service.pool.supervisor.ProcessPool` with its warm
processes, behind a Unix socket in a private folder. Each web worker reaches
it through a :class:`RemotePool` (one connection per job); a job's answer,
error or time-out comes back as the pool gave it. The server exits with its
parent.
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import signal
import socket
import socketserver
import sys
import threading
import time
from typing import Any

from service.errors import ResdiffError, ServiceBusyError, problem_types
from service.pool import frames
from service.pool.supervisor import ProcessPool, TaskTimeout

__all__ = ["PoolServer", "RemotePool", "main"]

log = logging.getLogger(__name__)


class _Handler(socketserver.StreamRequestHandler):
    server: PoolServer

    def handle(self) -> None:
        try:
            task, args, seconds, what = frames.read(self.rfile)
        except (EOFError, OSError, ValueError):
            return
        pool = self.server.pool
        try:
            if task == "stats":
                reply: tuple[Any, ...] = ("ok", pool.stats())
            else:
                reply = ("ok", pool.run(task, *args, seconds=seconds, what=what))
        except TaskTimeout:
            reply = ("timeout",)
        except ServiceBusyError as exc:
            reply = ("busy", exc.detail, exc.retry_after)
        except ResdiffError as exc:
            reply = ("error", exc.slug, exc.detail)
        except Exception as exc:
            log.exception("pool job %s failed", task)
            reply = ("crash", str(exc))
        with contextlib.suppress(OSError):
            frames.write(self.wfile, reply)


class PoolServer(socketserver.ThreadingMixIn, socketserver.UnixStreamServer):
    """A :class:`ProcessPool` behind a Unix socket (a thread per connection)."""

    daemon_threads = True
    request_queue_size = 1024  # every thread of every web worker may ask at once

    def __init__(self, path: str, pool: ProcessPool) -> None:
        self.pool = pool
        super().__init__(path, _Handler)
        os.chmod(path, 0o600)


class RemotePool:
    """The pool server, seen from a web worker: the same :meth:`run` as a
    :class:`ProcessPool`."""

    def __init__(self, path: str, *, queue_seconds: float = 10.0) -> None:
        self.path = path
        self.queue_seconds = queue_seconds

    def _ask(self, message: tuple[Any, ...], wait: float | None) -> tuple[Any, ...]:
        try:
            with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
                self._connect(sock)
                sock.settimeout(wait)
                with sock.makefile("rwb") as stream:
                    frames.write(stream, message)
                    reply: tuple[Any, ...] = frames.read(stream)
                    return reply
        except (OSError, EOFError) as exc:
            log.error("the pool server at %s did not answer: %s", self.path, exc)
            raise ServiceBusyError(
                "the worker processes are not available", retry_after=5
            ) from None

    def _connect(self, sock: socket.socket) -> None:
        """Connect, waiting a little while the server's backlog is full."""
        end = time.monotonic() + 5.0
        while True:
            try:
                sock.connect(self.path)
                return
            except BlockingIOError:
                if time.monotonic() > end:
                    raise
                time.sleep(0.02)

    def run(self, task: str, *args: Any, seconds: float | None = None, what: str = "") -> Any:
        wait = None if seconds is None else self.queue_seconds + seconds + 5.0
        reply = self._ask((task, args, seconds, what or task), wait)
        kind = reply[0]
        if kind == "ok":
            return reply[1]
        if kind == "timeout":
            raise TaskTimeout(task)
        if kind == "busy":
            raise ServiceBusyError(reply[1], retry_after=reply[2])
        if kind == "error":
            cls = problem_types().get(reply[1], ResdiffError)
            raise cls(reply[2])
        raise RuntimeError(f"the pool failed while {what or task}: {reply[1]}")

    def stats(self) -> dict[str, int]:
        reply = self._ask(("stats", (), None, "stats"), 5.0)
        stats: dict[str, int] = reply[1]
        return stats


def _remove(path: str) -> None:
    """Remove the socket, and its private folder when it is left empty."""
    with contextlib.suppress(OSError):
        os.unlink(path)
    with contextlib.suppress(OSError):
        os.rmdir(os.path.dirname(path))


def _orphan_watch(parent: int, server: PoolServer, path: str) -> None:
    """Stop (processes, socket and folder) as soon as the parent process is gone, even
    killed with SIGKILL."""
    while os.getppid() == parent:
        time.sleep(0.5)
    server.pool.close()
    _remove(path)
    os._exit(0)


def main(argv: list[str] | None = None) -> None:
    """Serve a pool on the socket ``path`` until the parent process ends."""
    parser = argparse.ArgumentParser(prog="python -m service.pool")
    parser.add_argument("socket")
    parser.add_argument("--processes", type=int, default=1)
    parser.add_argument("--memory", type=int, default=0)
    parser.add_argument("--queue-seconds", type=float, default=10.0)
    parser.add_argument("--queue-length", type=int, default=32)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="[pool] %(levelname)s %(message)s")
    pool = ProcessPool(
        args.processes,
        memory=args.memory,
        queue_seconds=args.queue_seconds,
        queue_length=args.queue_length,
        warm=True,
    )
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))  # stop through ``finally``
    pool.start()
    pool.wait_ready(60.0)
    server = PoolServer(args.socket, pool)
    watch = threading.Thread(target=_orphan_watch, args=(os.getppid(), server, args.socket))
    watch.daemon = True
    watch.start()
    print("ready", flush=True)
    try:
        server.serve_forever(poll_interval=0.5)
    finally:
        pool.close()
        _remove(args.socket)
