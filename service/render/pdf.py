"""PDF reports with WeasyPrint: the HTML report on A4 with CSS paged media.

The URL fetcher refuses everything but the ``data:`` URIs we could generate
ourselves: a report never loads a remote URL or a local file, whatever the
documents contain (their text is escaped anyway).

Time: WeasyPrint takes about 0.25 s per 1,000 words of a comparison (the
largest real pair of the corpus, 56,000 words, 9 to 15 s) and cannot be
interrupted. :func:`html_to_pdf` therefore renders a small report (HTML up to
``inline_bytes``, a few seconds at most) in the calling process, and a
larger one in a child process (``python -m service.render.pdf``) that is
killed when the deadline passes: a report can never hold a worker past its
time budget. At most ``CHILDREN`` such processes run at once per server process,
which bounds their memory.
"""

from __future__ import annotations

import functools
import subprocess
import sys
import threading
import time
from typing import Any

from diffing.budget import EXCEEDED
from diffing.errors import ComparisonTooLargeError

__all__ = [
    "INLINE_BYTES",
    "FetchRefusedError",
    "html_to_pdf",
    "refuse_fetch",
    "url_fetcher",
]

#: HTML size rendered in the calling process by :func:`html_to_pdf` (2 to 4 s at most)
INLINE_BYTES = 100_000
#: child processes one server process runs at once (each may take a few hundred MB);
#: a report waits for one within its time budget
CHILDREN = 2
_children = threading.BoundedSemaphore(CHILDREN)


class FetchRefusedError(ValueError):
    """The PDF renderer tried to load a resource; we never allow it."""


def refuse_fetch(url: str) -> None:
    """Refuse ``url`` unless it is a ``data:`` URI (raise :class:`FetchRefusedError`)."""
    if not url.lower().startswith("data:"):
        raise FetchRefusedError(f"resdiff reports load no external resource: {url[:80]!r}")


@functools.cache
def _fetcher_class() -> Any:
    from weasyprint.urls import URLFetcher

    class _DataOnlyFetcher(URLFetcher):  # type: ignore[misc]
        """Loads ``data:`` URIs only: no network, no local file."""

        def __init__(self) -> None:
            super().__init__(allowed_protocols=("data",), allow_redirects=False)

        def fetch(self, url: str, headers: Any = None) -> Any:
            refuse_fetch(url)
            return super().fetch(url, headers)

    return _DataOnlyFetcher


def url_fetcher() -> Any:
    """A WeasyPrint URL fetcher that refuses everything except ``data:`` URIs."""
    return _fetcher_class()()


@functools.cache
def _font_config() -> Any:
    from weasyprint.text.fonts import FontConfiguration

    return FontConfiguration()


#: a tagged PDF (PDF/UA-1): its structure (headings, tables, lists) and language are read
#: by screen readers; about 10% slower to make than an untagged one
PDF_VARIANT = "pdf/ua-1"


def _pdf(html: str) -> bytes:
    import weasyprint

    doc = weasyprint.HTML(string=html, base_url="about:blank", url_fetcher=url_fetcher())
    out = doc.write_pdf(font_config=_font_config(), pdf_variant=PDF_VARIANT)
    assert isinstance(out, bytes)
    return out


def html_to_pdf(
    html: str, *, deadline: float | None = None, inline_bytes: int = INLINE_BYTES
) -> bytes:
    """The PDF of a report's HTML, within ``deadline`` (a :func:`time.monotonic` value).

    Raises :class:`ComparisonTooLargeError` when the deadline passes first.
    """
    if deadline is None or len(html) <= inline_bytes:
        return _pdf(html)
    if not _children.acquire(timeout=max(0.0, deadline - time.monotonic())):
        raise ComparisonTooLargeError(_TOO_SLOW)
    try:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise ComparisonTooLargeError(_TOO_SLOW)
        done = subprocess.run(
            [sys.executable, "-m", "service.render.pdf"],
            input=html.encode("utf-8"),
            capture_output=True,
            timeout=remaining,
            check=False,
        )
    except subprocess.TimeoutExpired:  # the child is killed by subprocess.run
        raise ComparisonTooLargeError(_TOO_SLOW) from None
    finally:
        _children.release()
    if done.returncode != 0 or not done.stdout.startswith(b"%PDF"):
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()[-1:]
        raise RuntimeError(f"the PDF renderer failed ({done.returncode}): {message}")
    return done.stdout


_TOO_SLOW = (
    f"{EXCEEDED} while rendering the PDF report:"
    " ask for the html or docx report, which are much quicker"
)


def _main() -> None:
    """Read a report's HTML on stdin, write its PDF on stdout (see :func:`html_to_pdf`)."""
    html = sys.stdin.buffer.read().decode("utf-8")
    sys.stdout.buffer.write(_pdf(html))


if __name__ == "__main__":
    _main()
