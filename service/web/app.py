"""The resdiff web service: ``create_app()`` builds the Flask application.

Run it with ``resdiff serve`` (gunicorn), or ``flask --app service.web run`` while
developing. Every error of an ``/api`` path is an RFC 9457 problem document
(``application/problem+json`` with ``type``, ``title``, ``status``, ``detail``);
every error of a page is a friendly HTML page.
"""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any, cast

from flask import Flask, Response, jsonify, render_template, request
from flask.json.provider import DefaultJSONProvider
from flask_limiter import RateLimitExceeded
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, RequestEntityTooLarge
from werkzeug.middleware.proxy_fix import ProxyFix

from service import config
from service.errors import (
    FormRefusedError,
    LimitExceededError,
    RateLimitedError,
    ResdiffError,
    ServiceBusyError,
)
from service.resources import TEMPLATES, WEB_STATIC
from service.web import context, locale
from service.web.guards import GuardedRequest, security_headers
from service.web.schemas import Health, PoolState, Problem, Ready

__all__ = ["create_app", "problem"]

PROBLEM_BASE = "/problems/"

log = logging.getLogger(__name__)


class _JSONProvider(DefaultJSONProvider):
    """JSON answers keep the order of the contract (``id`` first, ``structure`` last)."""

    sort_keys = False


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    """The application factory: defaults, then the environment, then ``test_config``."""
    app = Flask(
        __name__,
        instance_path=str(config.instance_folder()),
        instance_relative_config=True,
        template_folder=str(TEMPLATES),
        static_folder=str(WEB_STATIC),
    )
    app.config.from_mapping(config.DEFAULTS)
    app.config.from_mapping(config.from_env())
    if test_config is not None:
        app.config.from_mapping(test_config)
    app.json = _JSONProvider(app)
    app.request_class = GuardedRequest
    proxies = int(app.config.get("RESDIFF_PROXIES") or 0)
    if proxies > 0:  # trust X-Forwarded-* of that many reverse proxies, no more
        app.wsgi_app = ProxyFix(  # type: ignore[method-assign]
            app.wsgi_app, x_for=proxies, x_proto=proxies, x_host=proxies, x_prefix=proxies
        )
    hours = float(app.config.get("RESDIFF_SESSION_HOURS") or 12)
    app.config["PERMANENT_SESSION_LIFETIME"] = timedelta(hours=hours)

    context.init_app(app)
    locale.init_app(app)

    from service.web import api, auth, limits, pages

    _init_errors(app)
    auth.init_app(app)  # who the request is, before the limits counted per user
    limits.init_app(app)
    app.register_blueprint(api.bp)
    app.register_blueprint(pages.bp)
    app.after_request(security_headers)
    app.add_url_rule("/healthz", "healthz", healthz)
    app.add_url_rule("/readyz", "readyz", readyz)
    return app


def healthz() -> Response:
    """Liveness: the worker answers. It touches nothing that may be slow (no database,
    no pool, no account: :mod:`service.web.auth` lets it through unread), so that a busy
    server still says it is alive."""
    body: Health = {"status": "ok"}
    return jsonify(body)


def readyz() -> Response:
    """Readiness: the database answers a query, and the pool of worker processes its
    state (503 otherwise)."""
    try:
        context.get_store().ping()
    except Exception as exc:
        log.error("readiness: the database failed: %s", exc)
        return problem(503, "Database unavailable", "the database did not answer")
    try:
        pool = context.get_executor_stats()
    except ResdiffError as exc:
        return problem(503, "Worker processes unavailable", exc.detail)
    body: Ready = {"status": "ok", "database": "ok", "pool": cast(PoolState, pool)}
    return jsonify(body)


# -- errors -------------------------------------------------------------------------


def problem(status: int, title: str, detail: str, slug: str | None = None) -> Response:
    """An RFC 9457 problem response: ``{type, title, status, detail}``."""
    body: Problem = {
        "type": PROBLEM_BASE + slug if slug else "about:blank",
        "title": title,
        "status": status,
        "detail": detail,
    }
    response = jsonify(body)
    response.status_code = status
    response.mimetype = "application/problem+json"
    return response


def _wants_json() -> bool:
    return request.path.startswith("/api") or request.path in ("/healthz", "/readyz")


def _error_page(status: int, title: str, detail: str) -> tuple[str, int]:
    return render_template("web/error.html", status=status, title=title, detail=detail), status


def _init_errors(app: Flask) -> None:
    @app.before_request
    def refuse_large_bodies() -> None:
        # answer at once from the header, before reading any of the body
        limit = app.config.get("MAX_CONTENT_LENGTH")
        length = request.content_length
        if limit and length is not None and length > limit:
            raise RequestEntityTooLarge(
                f"the request body is {length:,} bytes: the limit is {limit:,}"
            )

    @app.errorhandler(ResdiffError)
    def resdiff_error(exc: ResdiffError) -> Any:
        if _wants_json():
            response = problem(exc.status, exc.title, exc.detail, exc.slug)
        else:
            response = app.make_response(_error_page(exc.status, exc.title, exc.detail))
        if exc.status == 401:
            response.headers["WWW-Authenticate"] = 'Bearer realm="resdiff"'
        if isinstance(exc, ServiceBusyError):
            response.headers["Retry-After"] = str(exc.retry_after)
        return response

    @app.errorhandler(MemoryError)
    def out_of_memory(exc: MemoryError) -> Any:
        # the worker's address-space limit (RESDIFF_WORKER_MEMORY): this request only
        log.error("out of memory on %s %s", request.method, request.path)
        return resdiff_error(
            ServiceBusyError(
                "the server has not enough memory for this request now", retry_after=30
            )
        )

    @app.errorhandler(CSRFError)
    def csrf_error(exc: CSRFError) -> Any:
        detail = (
            f"the form was refused: {exc.description.rstrip('.').lower()}."
            " Reload the page and send it again (an API client sends its token as"
            " 'Authorization: Bearer TOKEN')"
        )
        err = FormRefusedError(detail)
        if _wants_json():
            return problem(err.status, err.title, detail, err.slug)
        return _error_page(err.status, err.title, detail)

    @app.errorhandler(RateLimitExceeded)
    def rate_limited(exc: RateLimitExceeded) -> Any:
        from service.web.limits import retry_after

        err = RateLimitedError(exc.description or "too many requests")
        if _wants_json():
            response = problem(err.status, err.title, err.detail, err.slug)
        else:
            response = app.make_response(_error_page(err.status, err.title, err.detail))
        response.headers["Retry-After"] = str(retry_after())
        return response

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException) -> Any:
        status = exc.code or 500
        title = exc.name
        detail = exc.description or title
        if isinstance(exc, RequestEntityTooLarge) and detail == RequestEntityTooLarge.description:
            limit = app.config.get("MAX_CONTENT_LENGTH")
            detail = f"the request body is larger than the limit of {limit:,} bytes"
        if isinstance(exc, RequestEntityTooLarge):  # as every other limit says it
            title, slug = LimitExceededError.title, LimitExceededError.slug
        else:
            slug = None  # about:blank: the status says it all (RFC 9457, 4.2.1)
        if _wants_json():
            response = problem(status, title, detail, slug)
            if exc.code == 405 and exc.response is None:
                allowed = getattr(exc, "valid_methods", None)
                if allowed:
                    response.headers["Allow"] = ", ".join(allowed)
            return response
        return _error_page(status, title, detail)

    @app.errorhandler(Exception)
    def unexpected(exc: Exception) -> Any:
        log.exception("unexpected error on %s %s", request.method, request.path)
        detail = "an unexpected error occurred; it has been logged"
        if _wants_json():
            return problem(500, "Internal Server Error", detail)
        return _error_page(500, "Internal Server Error", detail)
