"""The Flask glue: the store and library of the current request, and a report as a response.

The library (:mod:`service.library`) knows nothing of Flask: :func:`init_app`
creates the database and records the retriever and limits on the app, and each
request opens its own store (:func:`get_store`), closed when the request ends.
Both blueprints (the API and the pages) answer reports through
:func:`report_response`.
"""

from __future__ import annotations

from collections.abc import Collection

from flask import Flask, Response, current_app, g

from service import config
from service.config import Limits
from service.library import Library, Retriever, Store, open_store
from service.pool import Executor, RemotePool, local_pool
from service.reports import Report
from service.web.guards import attachment, security_headers

__all__ = [
    "get_executor",
    "get_executor_stats",
    "get_library",
    "get_limits",
    "get_store",
    "init_app",
    "report_response",
]


def init_app(app: Flask) -> None:
    """Create the database and its schema, and close the store after each request."""
    path = config.database_path(app.config)
    app.config["RESDIFF_DATABASE"] = str(path)
    open_store(path, create=True).close()
    app.extensions["resdiff.retriever"] = Retriever.from_settings(app.config)
    app.extensions["resdiff.limits"] = config.limits_from(app.config)
    pool = config.pool_from(app.config)
    socket = app.config.get("RESDIFF_POOL_SOCKET")
    executor: Executor = (
        RemotePool(socket, queue_seconds=pool.queue_seconds) if socket else local_pool(pool)
    )
    app.extensions["resdiff.executor"] = executor
    app.teardown_appcontext(_close_store)


def get_store() -> Store:
    """The store of the current request (one connection per request)."""
    if "store" not in g:
        g.store = open_store(current_app.config["RESDIFF_DATABASE"])
    store: Store = g.store
    return store


def _close_store(exc: BaseException | None = None) -> None:
    store = g.pop("store", None)
    if store is not None:
        store.close()


def get_limits() -> Limits:
    limits: Limits = current_app.extensions["resdiff.limits"]
    return limits


def get_executor() -> Executor:
    """Where documents are read and PDF and Word reports made: the pool of ``resdiff
    serve`` (``RESDIFF_POOL_SOCKET``), else a pool of this process."""
    executor: Executor = current_app.extensions["resdiff.executor"]
    return executor


def get_executor_stats() -> dict[str, int]:
    """The state of the pool (processes, idle, waiting, size), without queueing."""
    executor = get_executor()
    stats = getattr(executor, "stats", None)
    return stats() if stats is not None else {}


def get_library() -> Library:
    """The library of the current request (its store is the request's store)."""
    return Library(
        get_store, current_app.extensions["resdiff.retriever"], get_limits(), get_executor()
    )


def report_response(report: Report, *, attach: Collection[str]) -> Response:
    """A report with its media type and ``X-Cache: hit|miss``; the formats in ``attach``
    are downloads (``Content-Disposition: attachment``)."""
    fmt = report.request.format
    response = Response(report.body, mimetype=None, content_type=fmt.media_type)
    response.headers["X-Cache"] = "hit" if report.cached else "miss"
    if fmt.name in attach:
        response.headers["Content-Disposition"] = attachment(report.filename)
    return security_headers(response, report=True)
