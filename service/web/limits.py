"""Request rates per user on the expensive endpoints (Flask-Limiter).

:func:`expensive` marks a view whose work is heavy: a PDF or Word report, a
series, and later amendments and drafts. They share one budget per user,
``RESDIFF_RATE_LIMIT`` (``30/minute;300/hour`` by default), counted by account
(by client address without accounts); past it the answer is 429 problem+json
with ``Retry-After`` (seconds), a page saying so for the web pages.

The counters live in the service's own database (:class:`DatabaseCounters`,
fixed windows, one atomic upsert per hit), so every worker and every server on
one database share them: no Redis to run. Signing in is limited too (per address).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any, TypeVar, cast

from flask import Flask, current_app, g, request
from flask_limiter import Limiter, RequestLimit
from limits.storage import Storage

from service.web.context import get_store

__all__ = [
    "DatabaseCounters",
    "expensive",
    "expensive_format",
    "init_app",
    "limiter",
    "retry_after",
    "sign_in_rate",
]

F = TypeVar("F", bound=Callable[..., Any])

#: report formats whose rendering is expensive
EXPENSIVE_FORMATS = frozenset({"pdf", "docx"})


class DatabaseCounters(Storage):
    """A :mod:`limits` storage in the store of the current request (``resdiff://``)."""

    STORAGE_SCHEME = ["resdiff"]  # noqa: RUF012 - declared so by limits.Storage

    def __init__(self, uri: str | None = None, wrap_exceptions: bool = False, **options: Any):
        super().__init__(uri, wrap_exceptions=wrap_exceptions, **options)

    @property
    def base_exceptions(self) -> type[Exception] | tuple[type[Exception], ...]:
        return Exception

    def incr(self, key: str, expiry: float, amount: int = 1) -> int:
        return get_store().rate_hit(key, float(expiry), amount)

    def get(self, key: str) -> int:
        return get_store().rate_window(key)[0]

    def get_expiry(self, key: str) -> float:
        return get_store().rate_window(key)[1]

    def check(self) -> bool:
        return get_store().integrity() == "ok"

    def reset(self) -> int | None:
        get_store().rate_clear()
        return None

    def clear(self, key: str) -> None:
        get_store().rate_clear(key)


def _who() -> str:
    """The account of the request, else its client address."""
    viewer = g.get("viewer")
    if viewer is not None and viewer.user_id is not None:
        return f"user:{viewer.user_id}"
    return f"address:{request.remote_addr}"


limiter = Limiter(
    key_func=_who,
    storage_uri="resdiff://",
    strategy="fixed-window",
    headers_enabled=False,
    key_prefix="resdiff",
)


def _rate() -> str:
    return str(current_app.config.get("RESDIFF_RATE_LIMIT") or "30/minute;300/hour")


def _message() -> str:
    return (
        "too many expensive requests (PDF and Word reports, series):"
        f" the limit is {_rate().replace(';', ' and ')} per user; try again later"
    )


def expensive(when: Callable[[], bool] | None = None) -> Callable[[F], F]:
    """Count the decorated view against the user's budget of expensive work (only
    when ``when()`` says so, if given)."""
    exempt = (lambda: not when()) if when is not None else None
    limit = limiter.shared_limit(
        _rate, scope="expensive", exempt_when=exempt, error_message=_message
    )
    return cast(Callable[[F], F], limit)


def expensive_format() -> bool:
    """Whether the report asked for by ``?format=`` (or the path) is a PDF or Word file."""
    fmt = request.args.get("format") or (request.view_args or {}).get("fmt") or ""
    return str(fmt).lower() in EXPENSIVE_FORMATS


def retry_after() -> int:
    """Seconds until the limit just hit lets requests through again (at least 1)."""
    limit: RequestLimit | None = limiter.current_limit
    if limit is None:
        return 60
    return max(1, int(limit.reset_at - time.time()))


def init_app(app: Flask) -> None:
    """After :mod:`service.web.auth` (the key is the account it found)."""
    app.config.setdefault("RATELIMIT_ENABLED", True)
    limiter.init_app(app)


#: the sign-in form, per client address
sign_in_rate = limiter.limit(
    "10/minute", methods=["POST"], key_func=lambda: f"address:{request.remote_addr}"
)
