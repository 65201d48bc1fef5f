"""Retrieval of UN documents by symbol: a local mirror first, then the UN system.

The UN Official Document System answers
``GET {base}/api/symbol/access?s=A/RES/73/11&l=en&t=pdf`` with a redirect to the
PDF. A download has one deadline for everything (connecting, each redirect, the
headers and the body: a server that sends a byte every 2 s is cut off when the
deadline passes, a watchdog shuts its socket), a redirect limit, redirects only
to the hosts of the UN document system (``RESDIFF_ODS_HOSTS``), a size cap
(the body is read in chunks and abandoned past the limit) and a content check
(``%PDF-``). Its errors never repeat what the other end sent.

A mirror is one or more folders (``RESDIFF_MIRROR``, separated by ``os.pathsep``)
holding files named after the symbol: ``A_RES_73_11_en.txt``, ``.md``, ``.pdf``
or ``.docx`` (English PDFs may also be named ``A_RES_73_11.pdf``).
"""

from __future__ import annotations

import contextlib
import functools
import http.client
import os
import socket
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from http.client import HTTPMessage
from pathlib import Path
from typing import IO, Any, Literal

from service.config import DEFAULTS
from service.errors import DocumentNotFoundError, FetchError, LimitExceededError, ResdiffError
from service.library import symbols

__all__ = ["Fetched", "Retriever", "mirror_files"]

MIRROR_SUFFIXES = (".txt", ".md", ".pdf", ".docx")
_CHUNK = 64 * 1024


@dataclass
class Fetched:
    """The bytes of a document, where they came from, and a file name for ingest."""

    data: bytes
    filename: str
    source: Literal["mirror", "ods"]
    url: str


def mirror_files(folders: list[Path], symbol: str, language: str) -> list[Path]:
    """The mirror files that hold ``symbol`` in ``language``, best first."""
    stem = symbols.file_stem(symbol)
    names = [f"{stem}_{language}{suffix}" for suffix in MIRROR_SUFFIXES]
    if language == "en":
        names += [f"{stem}{suffix}" for suffix in MIRROR_SUFFIXES]
    found = []
    for folder in folders:
        for name in names:
            path = folder / name
            # the stem is validated; this also guards against any link out of the mirror
            if path.is_file() and path.resolve().parent == folder.resolve():
                found.append(path)
    return found


class _Deadline:
    """The one deadline of a download: when it passes, every socket it opened is shut."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.end = time.monotonic() + seconds
        self.expired = False
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self.expire)
        self._timer.daemon = True

    def __enter__(self) -> _Deadline:
        self._timer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._timer.cancel()

    def left(self) -> float:
        return self.end - time.monotonic()

    def track(self, sock: socket.socket) -> None:
        with self._lock:
            self._sockets.append(sock)
            if not self.expired:
                return
        self._shut(sock)

    def expire(self) -> None:
        with self._lock:
            self.expired = True
            sockets = list(self._sockets)
        for sock in sockets:
            self._shut(sock)

    @staticmethod
    def _shut(sock: socket.socket) -> None:
        with contextlib.suppress(OSError):
            sock.shutdown(socket.SHUT_RDWR)


def _connect_within(conn: _Connection | _TLSConnection, connect: Callable[[], None]) -> None:
    """Open ``conn`` (its class's ``connect``) within the time its download has left,
    and watch its socket until the deadline."""
    left = conn.deadline.left()
    if left <= 0:
        raise TimeoutError("the download deadline has passed")
    if not isinstance(conn.timeout, int | float) or conn.timeout > left:
        conn.timeout = left
    connect()
    conn.deadline.track(conn.sock)


class _Connection(http.client.HTTPConnection):
    def __init__(self, host: str, *, deadline: _Deadline, **kwargs: Any) -> None:
        super().__init__(host, **kwargs)
        self.deadline = deadline

    def connect(self) -> None:
        _connect_within(self, super().connect)


class _TLSConnection(http.client.HTTPSConnection):
    def __init__(self, host: str, *, deadline: _Deadline, **kwargs: Any) -> None:
        super().__init__(host, **kwargs)
        self.deadline = deadline

    def connect(self) -> None:
        _connect_within(self, super().connect)


class _HTTPHandler(urllib.request.HTTPHandler):
    def __init__(self, deadline: _Deadline) -> None:
        super().__init__()
        self.deadline = deadline

    def http_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        factory = functools.partial(_Connection, deadline=self.deadline)
        return self.do_open(factory, req)


class _HTTPSHandler(urllib.request.HTTPSHandler):
    def __init__(self, deadline: _Deadline) -> None:
        super().__init__()
        self.deadline = deadline

    def https_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        factory = functools.partial(_TLSConnection, deadline=self.deadline)
        return self.do_open(factory, req, context=self._context)  # type: ignore[attr-defined]


class _Redirects(urllib.request.HTTPRedirectHandler):
    """Follows at most ``limit`` redirects, over http(s), to allowed hosts only."""

    def __init__(self, allowed: Callable[[str], bool]) -> None:
        super().__init__()
        self.allowed = allowed

    @classmethod
    def at_most(cls, limit: int, allowed: Callable[[str], bool]) -> _Redirects:
        """A handler that follows at most ``limit`` redirects to hosts ``allowed``."""
        limited = type(
            "_LimitedRedirects", (cls,), {"max_redirections": limit, "max_repeats": limit}
        )
        handler: _Redirects = limited(allowed)
        return handler

    def redirect_request(
        self,
        req: urllib.request.Request,
        fp: IO[bytes],
        code: int,
        msg: str,
        headers: HTTPMessage,
        newurl: str,
    ) -> urllib.request.Request | None:
        target = urllib.parse.urlsplit(newurl)
        if target.scheme not in {"http", "https"}:
            raise FetchError("the UN document system redirected to a URL that is not http(s)")
        if not self.allowed(target.hostname or ""):
            raise FetchError(
                f"the UN document system redirected to {target.hostname or 'an unnamed host'},"
                " which is not one of its hosts (RESDIFF_ODS_HOSTS): refused"
            )
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def host_matcher(base_url: str, hosts: str) -> Callable[[str], bool]:
    """Whether a host is one of the UN document system's: the host of ``base_url``, or
    one of ``hosts`` (separated by spaces or commas; ``.un.org`` allows subdomains).

    >>> allowed = host_matcher("https://documents.un.org", "undocs.org .un.org")
    >>> [allowed(h) for h in ("documents.un.org", "x.un.org", "un.org.evil", "127.0.0.1")]
    [True, True, False, False]
    """
    exact = {h.lower() for h in hosts.replace(",", " ").split() if not h.startswith(".")}
    suffixes = tuple(h.lower() for h in hosts.replace(",", " ").split() if h.startswith("."))
    base = (urllib.parse.urlsplit(base_url).hostname or "").lower()

    def allowed(host: str) -> bool:
        host = host.lower().rstrip(".")
        return host == base or host in exact or (bool(suffixes) and host.endswith(suffixes))

    return allowed


class Retriever:
    """Finds a document by symbol in the mirror, else downloads it from the UN system."""

    def __init__(
        self,
        *,
        base_url: str = DEFAULTS["RESDIFF_ODS_URL"],
        mirror: str | os.PathLike[str] | None = None,
        timeout: float = DEFAULTS["RESDIFF_FETCH_TIMEOUT"],
        max_bytes: int = DEFAULTS["RESDIFF_MAX_FILE_BYTES"],
        max_redirects: int = DEFAULTS["RESDIFF_FETCH_REDIRECTS"],
        hosts: str = DEFAULTS["RESDIFF_ODS_HOSTS"],
    ) -> None:
        scheme = urllib.parse.urlsplit(base_url).scheme
        if scheme not in {"http", "https"}:
            raise ValueError(f"RESDIFF_ODS_URL must be an http(s) URL, not {base_url!r}")
        self.base_url = base_url.rstrip("/")
        self.mirrors = [Path(p) for p in str(mirror or "").split(os.pathsep) if p]
        self.timeout = timeout
        self.max_bytes = max_bytes
        self.max_redirects = max_redirects
        self.allowed = host_matcher(self.base_url, hosts)

    @classmethod
    def from_settings(cls, settings: Any) -> Retriever:
        return cls(
            base_url=settings["RESDIFF_ODS_URL"],
            mirror=settings.get("RESDIFF_MIRROR"),
            timeout=float(settings["RESDIFF_FETCH_TIMEOUT"]),
            max_bytes=int(settings["RESDIFF_MAX_FILE_BYTES"]),
            max_redirects=int(settings["RESDIFF_FETCH_REDIRECTS"]),
            hosts=str(settings.get("RESDIFF_ODS_HOSTS") or DEFAULTS["RESDIFF_ODS_HOSTS"]),
        )

    def url(self, symbol: str, language: str) -> str:
        query = urllib.parse.urlencode(
            {"s": symbols.normalise(symbol), "l": symbols.language(language), "t": "pdf"}
        )
        return f"{self.base_url}/api/symbol/access?{query}"

    def from_mirror(self, symbol: str, language: str) -> Fetched | None:
        for path in mirror_files(self.mirrors, symbol, symbols.language(language)):
            if path.stat().st_size > self.max_bytes:
                raise LimitExceededError(
                    f"{path.name} is larger than the limit of {self.max_bytes:,} bytes"
                )
            return Fetched(path.read_bytes(), path.name, "mirror", path.as_uri())
        return None

    def retrieve(self, symbol: str, language: str, *, network: bool = True) -> Fetched:
        """The document ``symbol`` in ``language``: from the mirror, else the UN system."""
        symbol, language = symbols.normalise(symbol), symbols.language(language)
        found = self.from_mirror(symbol, language)
        if found is not None:
            return found
        if not network:
            raise DocumentNotFoundError(f"{symbol} ({language}) is not in the local mirror")
        return self.download(symbol, language)

    def download(self, symbol: str, language: str) -> Fetched:
        """Download the PDF of ``symbol`` in ``language`` from the UN document system,
        within ``timeout`` seconds in all."""
        request = urllib.request.Request(
            self.url(symbol, language),
            headers={
                "User-Agent": "resdiff/0.1 (+UN resolution diffs)",
                "Accept": "application/pdf",
            },
        )
        what = f"{symbol} ({language})"
        with _Deadline(self.timeout) as deadline:
            opener = urllib.request.build_opener(
                _HTTPHandler(deadline),
                _HTTPSHandler(deadline),
                _Redirects.at_most(self.max_redirects, self.allowed),
            )
            try:
                data, final_url = self._read(opener, request, what)
            except (FetchError, LimitExceededError, DocumentNotFoundError):
                raise
            except Exception as exc:
                if deadline.expired or isinstance(exc, TimeoutError | socket.timeout):
                    raise FetchError(
                        f"the UN document system did not send {what} within {self.timeout:g} s"
                    ) from None
                raise self._failed(exc, what) from None
            if deadline.expired:
                raise FetchError(
                    f"the UN document system did not send {what} within {self.timeout:g} s"
                )
        if not data.startswith(b"%PDF-"):
            raise FetchError(f"the UN document system did not return a PDF for {symbol}")
        filename = f"{symbols.file_stem(symbol)}_{language}.pdf"
        return Fetched(data, filename, "ods", final_url)

    def _read(
        self, opener: urllib.request.OpenerDirector, request: urllib.request.Request, what: str
    ) -> tuple[bytes, str]:
        with opener.open(request, timeout=self.timeout) as response:
            declared = response.headers.get("Content-Length")
            if declared and declared.isdigit() and int(declared) > self.max_bytes:
                raise LimitExceededError(
                    f"the UN document system answered {int(declared):,} bytes for {what}:"
                    f" more than the limit of {self.max_bytes:,}"
                )
            chunks: list[bytes] = []
            size = 0
            while chunk := response.read(_CHUNK):
                size += len(chunk)
                if size > self.max_bytes:
                    raise LimitExceededError(
                        f"the document {what} is larger than the limit of {self.max_bytes:,} bytes"
                    )
                chunks.append(chunk)
            return b"".join(chunks), str(response.geturl())

    def _failed(self, exc: Exception, what: str) -> ResdiffError:
        """The error to show for a failed download (never the other end's words)."""
        if isinstance(exc, urllib.error.HTTPError):
            if exc.code in (404, 410):
                return DocumentNotFoundError(
                    f"the UN document system has no document {what} (HTTP {exc.code})"
                )
            return FetchError(f"the UN document system answered HTTP {exc.code} for {what}")
        if isinstance(exc, urllib.error.URLError):
            if isinstance(exc.reason, FetchError):
                return exc.reason
            if isinstance(exc.reason, TimeoutError | socket.timeout):
                return FetchError(
                    f"the UN document system did not answer within {self.timeout:g} s for {what}"
                )
            return FetchError(f"could not reach the UN document system for {what}: {exc.reason}")
        if isinstance(exc, OSError | http.client.HTTPException):
            return FetchError(f"could not download {what} from the UN document system: {exc}")
        raise exc
