"""PDF reports with WeasyPrint: the HTML report on A4 with CSS paged media.

The URL fetcher refuses everything but the ``data:`` URIs we could generate
ourselves: a report never loads a remote URL or a local file, whatever the
documents contain (their text is escaped anyway).
"""

from __future__ import annotations

import functools
from typing import Any

from diffing.model import Comparison, Series
from service.render.html import render_comparison_html, render_series_html

__all__ = [
    "FetchRefusedError",
    "refuse_fetch",
    "render_comparison_pdf",
    "render_series_pdf",
    "url_fetcher",
]


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


def _pdf(html: str) -> bytes:
    import weasyprint

    doc = weasyprint.HTML(string=html, base_url="about:blank", url_fetcher=url_fetcher())
    out = doc.write_pdf(font_config=_font_config())
    assert isinstance(out, bytes)
    return out


def render_comparison_pdf(
    comparison: Comparison,
    *,
    view: str = "inline",
    author: str = "resdiff",
    date: str | None = None,
) -> bytes:
    html = render_comparison_html(comparison, view=view, author=author, date=date, pdf=True)
    return _pdf(html)


def render_series_pdf(series: Series, *, date: str | None = None) -> bytes:
    return _pdf(render_series_html(series, date=date, pdf=True))
