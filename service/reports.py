"""Comparisons and series rendered in a format, cached in the store.

The cache key is a digest of the parsed structures, the format and the options,
so the same request is computed once however its documents were given.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

import diffing
from diffing.errors import InvalidRequestError
from service import render
from service.config import Limits
from service.documents import Resolved, check_comparison
from service.store import Store

__all__ = [
    "COMPARE_FORMATS",
    "SERIES_FORMATS",
    "VIEWS",
    "download_name",
    "media_type",
    "render_report",
]

COMPARE_FORMATS = ("json", "html", "pdf", "docx")
SERIES_FORMATS = ("json", "html", "pdf")
VIEWS = ("inline", "side-by-side")
_SUFFIX = {"json": "json", "html": "html", "pdf": "pdf", "docx": "docx"}


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
    from service import symbols

    names = []
    for i, v in enumerate(versions, 1):
        sym = v.resolution.symbol
        names.append(symbols.file_stem(sym) if sym and symbols.is_symbol(sym) else f"version{i}")
    return "resdiff_" + "_vs_".join(names) + "." + _SUFFIX[fmt]


def _cache_key(kind: str, versions: list[Resolved], fmt: str, options: dict[str, Any]) -> str:
    canonical = json.dumps([kind, [v.key for v in versions], fmt, options], sort_keys=True)
    return hashlib.sha256(canonical.encode()).hexdigest()[:32]


def render_report(
    kind: str,
    versions: list[Resolved],
    fmt: str,
    *,
    limits: Limits,
    view: str = "inline",
    store: Store | None = None,
) -> bytes:
    """The comparison (two versions) or series (two or more) of ``versions`` in ``fmt``."""
    options: dict[str, Any] = {"view": view} if fmt == "html" and kind == "compare" else {}
    key = _cache_key(kind, versions, fmt, options)
    if store is not None:
        cached = store.get_rendering(key, fmt)
        if cached is not None:
            return cached
    resolutions = [v.resolution for v in versions]
    check_comparison(resolutions, limits)
    if kind == "compare":
        comparison = diffing.compare(resolutions[0], resolutions[1])
        body = render.render_comparison(comparison, fmt, **options)
    else:
        body = render.render_series(diffing.compare_series(resolutions), fmt)
    if store is not None:
        store.put_rendering(key, fmt, body)
    return body
