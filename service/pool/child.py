"""One pool process: ``python -m service.pool.child [--warm] [--memory BYTES]``.

It limits its own address space (``RLIMIT_AS``: a job that needs more gets a
:class:`MemoryError`, or dies, and costs one request a 413, never the
machine), warms up when asked (:func:`service.pool.tasks.warm`), says
``ready``, then runs one job at a time: a job in on stdin, its answer out on
the original stdout (:mod:`service.pool.frames`); stray output of a library
goes to stderr. It exits when its parent does.
"""

from __future__ import annotations

import argparse
import os
import sys
import threading
import time
import traceback
from typing import IO, Any

from service.pool import frames, limits

__all__ = ["main", "serve"]


def _orphan_watch(parent: int) -> None:
    """Exit as soon as the parent process is gone (checked every half second)."""
    while True:
        time.sleep(0.5)
        if os.getppid() != parent:
            os._exit(0)


def answer(task: str, args: tuple[Any, ...], seconds: float | None) -> tuple[Any, ...]:
    """The reply to one job: ``("ok", value)``, ``("error", slug, detail)``,
    ``("memory",)`` or ``("crash", traceback)``."""
    from service.errors import ResdiffError
    from service.pool import tasks

    deadline = None if seconds is None else time.monotonic() + seconds
    try:
        return ("ok", tasks.run(task, args, deadline))
    except MemoryError:
        return ("memory",)
    except ResdiffError as exc:
        return ("error", exc.slug, exc.detail)
    except Exception:
        return ("crash", traceback.format_exc(limit=8))


def serve(inbox: IO[bytes], outbox: IO[bytes], *, warm: bool) -> None:
    """Say ready, then answer jobs until the parent closes ``inbox``."""
    if warm:
        from service.pool import tasks

        tasks.warm()
    frames.write(outbox, ("ready", os.getpid()))
    while True:
        try:
            task, args, seconds = frames.read(inbox)
        except EOFError:
            return
        reply = answer(task, args, seconds)
        del args
        try:
            frames.write(outbox, reply)
        except MemoryError:
            frames.write(outbox, ("memory",))
        if reply[0] == "memory":
            return  # after a MemoryError the process may be in poor shape: a new one comes


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m service.pool.child")
    parser.add_argument("--warm", action="store_true")
    parser.add_argument("--memory", type=int, default=0)
    args = parser.parse_args(argv)
    outbox = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)  # print() of any library goes to stderr, never into the channel
    limits.limit_memory(args.memory)
    threading.Thread(target=_orphan_watch, args=(os.getppid(),), daemon=True).start()
    serve(sys.stdin.buffer, outbox, warm=args.warm)


if __name__ == "__main__":
    main()
