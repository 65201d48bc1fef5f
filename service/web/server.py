"""``resdiff serve``: the Flask app under gunicorn (several workers, each with threads).

On an address other than loopback the service refuses to start without an
account, unless ``--no-auth`` says that serving everyone is intended: every
page then says so (:func:`check_exposure`).
"""

from __future__ import annotations

import ipaddress
import sys
from typing import Any

import click
from flask import Flask
from gunicorn.app.base import BaseApplication

import diffing
from service.errors import ResdiffError
from service.library.store import is_postgres
from service.web.app import create_app

__all__ = ["check_exposure", "is_loopback", "run"]


class ExposedError(ResdiffError):
    """``resdiff serve`` on the network without accounts."""

    title = "Refusing to serve without accounts"
    slug = "exposed"


class _Gunicorn(BaseApplication):  # type: ignore[misc]
    def __init__(self, options: dict[str, Any], app_config: dict[str, Any]) -> None:
        self.options = options
        self.app_config = app_config
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            if key in self.cfg.settings:  # settings of newer gunicorns are skipped by older ones
                self.cfg.set(key, value)

    def load(self) -> Flask:
        return create_app(self.app_config)


def is_loopback(host: str) -> bool:
    """Whether ``host`` is reachable from this machine only.

    >>> is_loopback("127.0.0.1"), is_loopback("::1"), is_loopback("localhost")
    (True, True, True)
    >>> is_loopback("0.0.0.0"), is_loopback("10.1.2.3"), is_loopback("resdiff.example.org")
    (False, False, False)
    """
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False  # a name: it may resolve to anything


def check_exposure(app: Flask, host: str, no_auth: bool) -> None:
    """Refuse a network address without accounts, unless ``no_auth``."""
    if is_loopback(host) or no_auth:
        return
    if str(app.config.get("RESDIFF_AUTH", "auto")).lower() == "required":
        return
    from service.library import open_store

    with open_store(app.config["RESDIFF_DATABASE"]) as store:
        if store.count_users() > 0:
            return
    raise ExposedError(
        f"refusing to serve {host} without accounts: anyone who reached it could read and"
        " delete every document. Add one first (resdiff user add NAME --admin), or serve"
        " 127.0.0.1, or pass --no-auth to serve everyone without accounts"
    )


def run(*, host: str, port: int, workers: int = 2, threads: int = 4, no_auth: bool = False) -> None:
    """Serve until interrupted. Each worker builds its own app (its own connections)."""
    app_config: dict[str, Any] = {}
    if no_auth and not is_loopback(host):
        app_config["RESDIFF_OPEN_NETWORK"] = True
    app = create_app(app_config)  # fail early on a bad setting, and create the database once
    check_exposure(app, host, no_auth)
    diffing.warm_up()  # before the workers fork: each inherits numpy and the built tables
    url = f"http://{host}:{port}/"
    database = app.config["RESDIFF_DATABASE"]
    if is_postgres(database):
        from service.library.postgres import close_pools

        close_pools()  # each worker makes its own pool after the fork
        database = database.split("://", 1)[0] + "://" + database.rsplit("@", 1)[-1]  # no password

    def when_ready(server: Any) -> None:
        click.echo(f"resdiff is serving on {url}  (database: {database})", err=True)
        sys.stderr.flush()

    _Gunicorn(
        {
            "bind": f"{host}:{port}",
            "workers": workers,
            "threads": threads,
            "worker_class": "gthread",
            "timeout": int(app.config["RESDIFF_TIMEOUT"]),
            "graceful_timeout": 10,
            "accesslog": "-",
            "when_ready": when_ready,
            # no shared control socket in ~/.gunicorn: several servers may run side by side
            "control_socket_disable": True,
        },
        app_config,
    ).run()
