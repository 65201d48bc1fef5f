"""Memory bounds of a process: its address space (``RLIMIT_AS``) and glibc's arenas.

An address-space limit turns a runaway allocation into a :class:`MemoryError`
in the request that makes it (or the death of a pool process, which the pool
reports as a 413), instead of the kernel's OOM killer ending whatever it
chooses. glibc reserves 64 MiB of address space per malloc arena, up to eight
per core; :func:`limit_memory` keeps them few so that the limit measures
memory, not reservations.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import resource

__all__ = ["address_space", "limit_memory"]

_M_ARENA_MAX = -8


def limit_memory(limit: int, *, arenas: int = 2) -> None:
    """Limit this process's address space to ``limit`` bytes (0: no limit), and
    glibc's malloc to ``arenas`` arenas."""
    name = ctypes.util.find_library("c")
    if name:
        with contextlib.suppress(OSError, AttributeError):  # not glibc
            ctypes.CDLL(name).mallopt(_M_ARENA_MAX, arenas)
    if limit > 0:
        _, hard = resource.getrlimit(resource.RLIMIT_AS)
        if hard != resource.RLIM_INFINITY:
            limit = min(limit, hard)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def address_space() -> int:
    """The address-space limit of this process in bytes (0: none)."""
    soft, _ = resource.getrlimit(resource.RLIMIT_AS)
    return 0 if soft == resource.RLIM_INFINITY else int(soft)
