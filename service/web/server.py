"""``resdiff serve``: the Flask app under gunicorn (several workers, each with threads)."""

from __future__ import annotations

import sys
from typing import Any

import click
from flask import Flask
from gunicorn.app.base import BaseApplication

from service.web.app import create_app

__all__ = ["run"]


class _Gunicorn(BaseApplication):  # type: ignore[misc]
    def __init__(self, options: dict[str, Any]) -> None:
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            if key in self.cfg.settings:  # settings of newer gunicorns are skipped by older ones
                self.cfg.set(key, value)

    def load(self) -> Flask:
        return create_app()


def run(*, host: str, port: int, workers: int = 2, threads: int = 4) -> None:
    """Serve until interrupted. Each worker builds its own app (its own connections)."""
    app = create_app()  # fail early on a bad setting, and create the database once
    url = f"http://{host}:{port}/"
    database = app.config["RESDIFF_DATABASE"]

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
        }
    ).run()
