"""Retrieval of UN documents by symbol: a local mirror first, then the UN system.

The UN Official Document System answers
``GET {base}/api/symbol/access?s=A/RES/73/11&l=en&t=pdf`` with a redirect to the
PDF. Downloads have a timeout, a redirect limit, a size cap (the body is read in
chunks and abandoned past the limit) and a content check (``%PDF-``).

A mirror is one or more folders (``RESDIFF_MIRROR``, separated by ``os.pathsep``)
holding files named after the symbol: ``A_RES_73_11_en.txt``, ``.md``, ``.pdf``
or ``.docx`` (English PDFs may also be named ``A_RES_73_11.pdf``).
"""

from __future__ import annotations

import os
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from http.client import HTTPMessage
from pathlib import Path
from typing import IO, Any, Literal

from service.config import DEFAULTS
from service.errors import DocumentNotFoundError, FetchError, LimitExceededError
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


def _redirect_handler(limit: int) -> urllib.request.HTTPRedirectHandler:
    class LimitedRedirects(_HttpOnlyRedirects):
        max_redirections = limit
        max_repeats = limit

    return LimitedRedirects()


class _HttpOnlyRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(
        self,
        req: urllib.request.Request,
        fp: IO[bytes],
        code: int,
        msg: str,
        headers: HTTPMessage,
        newurl: str,
    ) -> urllib.request.Request | None:
        if urllib.parse.urlsplit(newurl).scheme not in {"http", "https"}:
            raise FetchError(f"the UN document system redirected to an unsupported URL: {newurl}")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


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
    ) -> None:
        scheme = urllib.parse.urlsplit(base_url).scheme
        if scheme not in {"http", "https"}:
            raise ValueError(f"RESDIFF_ODS_URL must be an http(s) URL, not {base_url!r}")
        self.base_url = base_url.rstrip("/")
        self.mirrors = [Path(p) for p in str(mirror or "").split(os.pathsep) if p]
        self.timeout = timeout
        self.max_bytes = max_bytes
        self.opener = urllib.request.build_opener(_redirect_handler(max_redirects))

    @classmethod
    def from_settings(cls, settings: Any) -> Retriever:
        return cls(
            base_url=settings["RESDIFF_ODS_URL"],
            mirror=settings.get("RESDIFF_MIRROR"),
            timeout=float(settings["RESDIFF_FETCH_TIMEOUT"]),
            max_bytes=int(settings["RESDIFF_MAX_FILE_BYTES"]),
            max_redirects=int(settings["RESDIFF_FETCH_REDIRECTS"]),
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
        """Download the PDF of ``symbol`` in ``language`` from the UN document system."""
        url = self.url(symbol, language)
        request = urllib.request.Request(
            url,
            headers={
                "User-Agent": "resdiff/0.1 (+UN resolution diffs)",
                "Accept": "application/pdf",
            },
        )
        what = f"{symbol} ({language})"
        deadline = time.monotonic() + self.timeout
        try:
            with self.opener.open(request, timeout=self.timeout) as response:
                content_type = response.headers.get("Content-Type", "unknown type")
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
                    if time.monotonic() > deadline:
                        raise FetchError(
                            f"the UN document system took more than {self.timeout:g} s to send {what}"
                        )
                    chunks.append(chunk)
                final_url = response.geturl()
        except urllib.error.HTTPError as exc:
            if exc.code in (404, 410):
                raise DocumentNotFoundError(
                    f"the UN document system has no document {what} (HTTP {exc.code})"
                ) from None
            raise FetchError(
                f"the UN document system answered HTTP {exc.code} for {what}"
            ) from None
        except TimeoutError:
            raise FetchError(
                f"the UN document system did not answer within {self.timeout:g} s for {what}"
            ) from None
        except urllib.error.URLError as exc:
            reason = exc.reason
            if isinstance(reason, TimeoutError | socket.timeout):
                raise FetchError(
                    f"the UN document system did not answer within {self.timeout:g} s for {what}"
                ) from None
            raise FetchError(
                f"could not reach the UN document system for {what}: {reason}"
            ) from None
        except OSError as exc:
            raise FetchError(
                f"could not download {what} from the UN document system: {exc}"
            ) from None
        data = b"".join(chunks)
        if not data.startswith(b"%PDF-"):
            kind = content_type.split(";")[0].strip() or "unknown type"
            raise FetchError(
                f"the UN document system did not return a PDF for {symbol} (got {kind})"
            )
        filename = f"{symbols.file_stem(symbol)}_{language}.pdf"
        return Fetched(data, filename, "ods", final_url)
