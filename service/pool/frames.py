"""Length-prefixed pickles: how the pool and its processes talk over pipes and sockets.

Only resdiff's own processes are at either end (a pipe to a child, a Unix socket
in a private folder), so pickle is safe here and carries the engine's dataclasses
as they are.
"""

from __future__ import annotations

import pickle
import struct
from typing import Any, Protocol

__all__ = ["read", "write"]


class _Writer(Protocol):
    def write(self, data: bytes, /) -> int: ...
    def flush(self) -> None: ...


class _Reader(Protocol):
    def read(self, size: int, /) -> bytes: ...


_HEADER = struct.Struct(">Q")


def write(stream: _Writer, message: Any) -> None:
    """Send one message (any picklable value) and flush."""
    data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(_HEADER.pack(len(data)))
    stream.write(data)
    stream.flush()


def read(stream: _Reader) -> Any:
    """The next message; :class:`EOFError` when the other end has closed."""
    header = _exactly(stream, _HEADER.size)
    (size,) = _HEADER.unpack(header)
    return pickle.loads(_exactly(stream, size))


def _exactly(stream: _Reader, size: int) -> bytes:
    chunks: list[bytes] = []
    left = size
    while left:
        chunk = stream.read(left)
        if not chunk:
            raise EOFError("the other end closed the channel")
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)
