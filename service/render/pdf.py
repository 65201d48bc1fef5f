"""PDF reports with WeasyPrint: the HTML report on A4 with CSS paged media.

The URL fetcher refuses everything but the ``data:`` URIs we could generate
ourselves: a report never loads a remote URL or a local file, whatever the
documents contain (their text is escaped anyway).

WeasyPrint (through Pango and fontconfig) is not safe to run from several
threads at once with one font configuration: :func:`html_to_pdf` renders one
report at a time per process (a lock), with the one font configuration of the
process. The service renders every PDF in a process of its pool
(:mod:`service.pool`), one job per process, killed when the time budget runs
out: WeasyPrint cannot be interrupted otherwise (about 0.25 s per 1,000
words of a comparison).

Python's cyclic garbage collector is paused while WeasyPrint renders
(:func:`diffing.collector.paused`): a render allocates hundreds of thousands of boxes and
styles that live until it ends, so the collector's full passes found nothing to
free and cost a quarter of the time of a report (a third of a series). Reference
counting still frees everything as usual; the cycles of the render are collected
by the next pass after it.
"""

from __future__ import annotations

import functools
import threading
from typing import Any

from diffing.collector import paused

__all__ = [
    "FetchRefusedError",
    "html_to_pdf",
    "refuse_fetch",
    "url_fetcher",
]

#: one render at a time in a process: the font configuration is shared
_RENDER = threading.Lock()


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


@functools.cache
def _stylesheet() -> Any:
    """The reports' stylesheet (:func:`~service.render.html.pdf_css`), parsed once per
    process: selectors compiled, page rules read."""
    import weasyprint

    from service.render.html import pdf_css

    return weasyprint.CSS(
        string=pdf_css(),
        base_url="about:blank",
        url_fetcher=url_fetcher(),
        font_config=_font_config(),
    )


#: a tagged PDF (PDF/UA-1): its structure (headings, tables, lists) and language are read
#: by screen readers; about 10% slower to make than an untagged one
PDF_VARIANT = "pdf/ua-1"


def html_to_pdf(html: str, *, variant: str | None = PDF_VARIANT) -> bytes:
    """The PDF of a report's HTML, styled by the reports' stylesheet (one render at a
    time in this process, the garbage collector paused), tagged unless ``variant`` is
    None."""
    import weasyprint

    with _RENDER, paused():
        doc = weasyprint.HTML(string=html, base_url="about:blank", url_fetcher=url_fetcher())
        out = doc.write_pdf(
            stylesheets=[_stylesheet()], font_config=_font_config(), pdf_variant=variant
        )
    assert isinstance(out, bytes)
    return out
