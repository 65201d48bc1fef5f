"""Renderers of comparisons and series: json, text, html, pdf, docx.

``render_comparison(comparison, fmt, *, view, author, date) -> bytes`` and
``render_series(series, fmt) -> bytes``; ``MEDIA_TYPES`` maps a format to its
content type. ``render_comparison_html(..., standalone=False)`` gives an HTML
fragment for the web pages, styled by ``report_css()``.
"""

from __future__ import annotations

import json

from diffing.errors import InvalidRequestError
from diffing.model import Comparison, Series
from service.render.html import render_comparison_html, render_series_html, report_css

__all__ = [
    "COMPARISON_FORMATS",
    "MEDIA_TYPES",
    "SERIES_FORMATS",
    "render_comparison",
    "render_comparison_html",
    "render_series",
    "render_series_html",
    "report_css",
]

MEDIA_TYPES = {
    "json": "application/json",
    "text": "text/plain; charset=utf-8",
    "html": "text/html; charset=utf-8",
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
COMPARISON_FORMATS = ("json", "text", "html", "pdf", "docx")
SERIES_FORMATS = ("json", "text", "html", "pdf")


def render_comparison(
    comparison: Comparison,
    fmt: str,
    *,
    view: str = "inline",
    author: str = "resdiff",
    date: str | None = None,
) -> bytes:
    """The report of one comparison in ``fmt`` (one of :data:`COMPARISON_FORMATS`).

    ``view`` (html, pdf) is ``inline`` or ``side-by-side``; ``author`` and
    ``date`` (ISO 8601) sign the tracked changes of the docx and the reports.
    """
    if fmt == "json":
        return json.dumps(comparison.to_dict(), ensure_ascii=False, indent=2).encode()
    if fmt == "text":
        from service.render.text import render_comparison_text

        return render_comparison_text(comparison).encode()
    if fmt == "html":
        return render_comparison_html(comparison, view=view, author=author, date=date).encode()
    if fmt == "pdf":
        from service.render.pdf import render_comparison_pdf

        return render_comparison_pdf(comparison, view=view, author=author, date=date)
    if fmt == "docx":
        from service.render.docx import render_comparison_docx

        return render_comparison_docx(comparison, author=author, date=date)
    raise InvalidRequestError(f"unknown report format {fmt!r}")


def render_series(series: Series, fmt: str, *, date: str | None = None) -> bytes:
    """The report of a series in ``fmt`` (one of :data:`SERIES_FORMATS`)."""
    if fmt == "json":
        return json.dumps(series.to_dict(), ensure_ascii=False, indent=2).encode()
    if fmt == "text":
        from service.render.text import render_series_text

        return render_series_text(series).encode()
    if fmt == "html":
        return render_series_html(series, date=date).encode()
    if fmt == "pdf":
        from service.render.pdf import render_series_pdf

        return render_series_pdf(series, date=date)
    raise InvalidRequestError(f"unknown report format {fmt!r}")
