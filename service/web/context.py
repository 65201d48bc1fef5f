"""The Flask glue: the store and library of the current request, and a report as a response.

The library (:mod:`service.library`) knows nothing of Flask: :func:`init_app`
creates (or migrates) the database, records the retriever and limits on the app,
and takes the key that signs sessions from the database unless one is given
(so every server on one database shares it); each request gets a store
(:func:`get_store`: its thread's SQLite connection, opened once per thread and
process, or one borrowed from the PostgreSQL pool and given back when the
request ends), and a library for the viewer that
:mod:`service.web.auth` found. Both blueprints (the API and the pages) answer
reports through :func:`report_response`.
"""

from __future__ import annotations

import os
import secrets
import threading
from collections.abc import Collection

from flask import Flask, Response, current_app, g

from service import config
from service.config import Limits
from service.library import Library, Retriever, Store, Viewer, open_store
from service.library.store import is_postgres
from service.pool import Executor, RemotePool, local_pool
from service.reports import Report
from service.web.guards import attachment, security_headers

__all__ = [
    "get_executor",
    "get_executor_stats",
    "get_library",
    "get_limits",
    "get_store",
    "get_viewer",
    "init_app",
    "report_response",
]


def init_app(app: Flask) -> None:
    """Create or migrate the database, and close the store after each request."""
    database = config.database_url(app.config)
    app.config["RESDIFF_DATABASE"] = database
    with open_store(database, create=True) as store:
        given = app.config.get("RESDIFF_SECRET_KEY") or app.config.get("SECRET_KEY")
        app.config["SECRET_KEY"] = given or store.setting("secret_key", secrets.token_hex(32))
    app.extensions["resdiff.cache_bytes"] = config.cache_bytes(app.config)
    app.extensions["resdiff.threads"] = threading.local()
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
    """The store of the current request: the thread's own SQLite connection (opening
    one costs a third of a cached answer), or a PostgreSQL connection of the pool."""
    if "store" not in g:
        database = current_app.config["RESDIFF_DATABASE"]
        if is_postgres(database):
            g.store = _open(database)
        else:
            g.store, g.kept = _thread_store(database), True
    store: Store = g.store
    return store


def _open(database: str) -> Store:
    return open_store(database, cache_bytes=current_app.extensions["resdiff.cache_bytes"])


def _thread_store(database: str) -> Store:
    """This thread's SQLite store, opened again in a forked process (a connection
    must not cross a fork)."""
    local = current_app.extensions["resdiff.threads"]
    kept: tuple[int, Store] | None = getattr(local, "store", None)
    if kept is None or kept[0] != os.getpid():
        local.store = kept = (os.getpid(), _open(database))
    return kept[1]


def _close_store(exc: BaseException | None = None) -> None:
    store = g.pop("store", None)
    if store is None:
        return
    if g.pop("kept", False):
        from service.library.sqlite import SQLiteStore

        assert isinstance(store, SQLiteStore)
        store.end_request()
    else:
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


def get_viewer() -> Viewer:
    """Who the current request is (:mod:`service.web.auth`); anonymous before that."""
    viewer: Viewer | None = g.get("viewer")
    return viewer if viewer is not None else Viewer.anonymous()


def get_library() -> Library:
    """The library of the current request, for its viewer (its store is the request's store)."""
    return Library(
        get_store,
        current_app.extensions["resdiff.retriever"],
        get_limits(),
        viewer=get_viewer(),
        executor=get_executor(),
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
