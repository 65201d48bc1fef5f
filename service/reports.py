"""Comparisons and series rendered in a format, cached in the store.

The cache key is a digest of the parsed structures, the format, the options and
the fingerprint of the code that made the report (:mod:`service.fingerprint`),
so the same request is computed once however its documents were given.

Time budget: the comparison and its report share ``limits.compare_seconds``
(``RESDIFF_COMPARE_SECONDS``). The engine checks the deadline in its loops
(:mod:`diffing.budget`) and a large PDF renders in a child process killed at the
deadline (:func:`service.render.pdf.html_to_pdf`); past it the answer is 413
``comparison-too-large``, and the worker is free again.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import time
from collections.abc import Iterator
from typing import Any

import diffing
from diffing.budget import EXCEEDED
from diffing.errors import ComparisonTooLargeError, InvalidRequestError
from service import render, symbols
from service.config import Limits
from service.documents import Resolved, check_comparison
from service.fingerprint import reports_fingerprint
from service.store import Store

__all__ = [
    "COMPARE_FORMATS",
    "SERIES_FORMATS",
    "VIEWS",
    "check_format",
    "download_name",
    "media_type",
    "render_report",
    "time_budget",
]

COMPARE_FORMATS = ("json", "html", "pdf", "docx")
SERIES_FORMATS = ("json", "html", "pdf")
VIEWS = ("inline", "side-by-side")


def check_format(kind: str, fmt: str | None, view: str | None) -> tuple[str, str]:
    """The format and view of a request, validated (400 otherwise)."""
    fmt = (fmt or "json").lower()
    allowed = COMPARE_FORMATS if kind == "compare" else SERIES_FORMATS
    if fmt not in allowed:
        raise InvalidRequestError(
            f"unknown format {fmt!r} for a {kind}: use one of {', '.join(allowed)}"
        )
    view = (view or "inline").lower()
    if view not in VIEWS:
        raise InvalidRequestError(f"unknown view {view!r}: use one of {', '.join(VIEWS)}")
    return fmt, view


def media_type(fmt: str) -> str:
    return render.MEDIA_TYPES.get(fmt, "application/octet-stream")


def download_name(versions: list[Resolved], fmt: str) -> str:
    """``resdiff_A_RES_73_11_vs_A_RES_75_10.pdf`` (symbols are validated, so safe)."""
    names = []
    for i, v in enumerate(versions, 1):
        sym = v.resolution.symbol
        names.append(symbols.file_stem(sym) if sym and symbols.is_symbol(sym) else f"version{i}")
    return "resdiff_" + "_vs_".join(names) + "." + fmt


def _cache_key(kind: str, versions: list[Resolved], fmt: str, options: dict[str, Any]) -> str:
    canonical = json.dumps(
        [reports_fingerprint(), kind, [v.key for v in versions], fmt, options], sort_keys=True
    )
    return hashlib.sha256(canonical.encode()).hexdigest()[:32]


def render_report(
    kind: str,
    versions: list[Resolved],
    fmt: str,
    *,
    limits: Limits,
    view: str = "inline",
    store: Store | None = None,
) -> tuple[bytes, bool]:
    """The comparison (two versions) or series (two or more) of ``versions`` in ``fmt``.

    Returns the report and whether it came from the cache.
    """
    options: dict[str, Any] = {"view": view} if fmt == "html" and kind == "compare" else {}
    key = _cache_key(kind, versions, fmt, options)
    if store is not None:
        cached = store.get_rendering(key, fmt)
        if cached is not None:
            return cached, True
    resolutions = [v.resolution for v in versions]
    check_comparison(resolutions, limits)
    with time_budget(limits) as deadline:
        body = _compute(kind, resolutions, fmt, options, limits, deadline)
    if store is not None:
        store.put_rendering(key, fmt, body)
    return body, False


@contextlib.contextmanager
def time_budget(limits: Limits) -> Iterator[float]:
    """The deadline of one comparison; a budget error raised inside names the budget:
    "comparison exceeded its time budget of 20 s while ..." (413)."""
    try:
        yield time.monotonic() + limits.compare_seconds
    except ComparisonTooLargeError as e:
        detail = e.detail
        if detail.startswith(EXCEEDED):
            budget = f"{limits.compare_seconds:g}"
            detail = f"{EXCEEDED} of {budget} s{detail[len(EXCEEDED) :]}"
        raise ComparisonTooLargeError(detail) from None


def _compute(
    kind: str,
    resolutions: list[diffing.Resolution],
    fmt: str,
    options: dict[str, Any],
    limits: Limits,
    deadline: float,
) -> bytes:
    if kind == "compare":
        comparison = diffing.compare(resolutions[0], resolutions[1], deadline=deadline)
        if fmt != "pdf":
            return render.render_comparison(comparison, fmt, **options)
        html = render.render_comparison_html(comparison, pdf=True)
    else:
        series = diffing.compare_series(resolutions, deadline=deadline)
        if fmt != "pdf":
            return render.render_series(series, fmt)
        html = render.render_series_html(series, pdf=True)
    from service.render.pdf import html_to_pdf

    return html_to_pdf(html, deadline=deadline, inline_bytes=limits.pdf_inline_bytes)
