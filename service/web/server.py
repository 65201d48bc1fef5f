"""``resdiff serve``: the Flask app under gunicorn, and the pool of worker processes.

The worker model (see README "Serving"):

* gunicorn's threaded workers (``gthread``, ``--workers`` processes of
  ``--threads`` threads) answer requests; each worker limits its own address
  space (``RESDIFF_WORKER_MEMORY``): a request that would need more gets a
  :class:`MemoryError`, which is a 503 for that request only;
* a client may not hold a thread for long: reading the headers of a request
  has ``RESDIFF_HEADER_SECONDS`` in all, its body ``RESDIFF_BODY_SECONDS`` in
  all and ``RESDIFF_READ_SECONDS`` between two reads, sending an answer
  ``RESDIFF_SEND_SECONDS``; past them the connection is closed (a client that
  opens connections and sends nothing holds no thread at all after gunicorn's
  first 5 s);
* reading documents and rendering PDF and Word reports happen in the pool
  server (:mod:`service.pool.server`), started first and shared by every
  worker: one queue, ``RESDIFF_PROCESSES`` warm processes (one per core by
  default), one job each at a time.

Behind a reverse proxy that buffers requests (nginx), a slow client never
reaches gunicorn at all.

On an address other than loopback the service refuses to start without an
account, unless ``--no-auth`` says that serving everyone is intended: every
page then says so (:func:`check_exposure`).
"""

from __future__ import annotations

import ipaddress
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from typing import Any

import click
from flask import Flask
from gunicorn.app.base import BaseApplication
from gunicorn.workers.gthread import ThreadWorker

import diffing
from service import config
from service.errors import ResdiffError
from service.library.store import is_postgres
from service.pool.limits import limit_memory
from service.web.app import create_app

__all__ = ["ClientSocket", "ResdiffWorker", "check_exposure", "is_loopback", "run"]

MiB = 1024 * 1024


class ClientSocket(socket.socket):
    """A client connection that bounds how long reading a request and sending an
    answer may take. A read past its deadline returns ``b""``, as if the client had
    gone: gunicorn closes the connection, and the thread is free again."""

    header_seconds: float = config.DEFAULTS["RESDIFF_HEADER_SECONDS"]
    read_seconds: float = config.DEFAULTS["RESDIFF_READ_SECONDS"]
    body_seconds: float = config.DEFAULTS["RESDIFF_BODY_SECONDS"]
    send_seconds: float = config.DEFAULTS["RESDIFF_SEND_SECONDS"]

    @classmethod
    def adopt(cls, sock: socket.socket) -> ClientSocket:
        """The connection ``sock`` as a :class:`ClientSocket` (``sock`` is emptied)."""
        new = cls(sock.family, sock.type, sock.proto, fileno=sock.detach())
        new.expect("headers")
        return new

    def expect(self, phase: str) -> None:
        """Start reading the headers or the body of a request: a new deadline."""
        self._seconds = self.header_seconds if phase == "headers" else self.body_seconds
        self._deadline: float | None = None
        self._expired = False

    def setblocking(self, flag: bool) -> None:
        if flag:
            super().settimeout(self.read_seconds)
        else:
            super().setblocking(False)

    def recv(self, bufsize: int, flags: int = 0) -> bytes:
        if self.gettimeout() == 0.0:  # the poller's non-blocking reads
            return super().recv(bufsize, flags)
        now = time.monotonic()
        if self._deadline is None:
            self._deadline = now + self._seconds
        left = self._deadline - now
        if self._expired or left <= 0:
            self._expired = True
            return b""
        super().settimeout(min(self.read_seconds, left))
        try:
            return super().recv(bufsize, flags)
        except TimeoutError:
            self._expired = True
            return b""

    def sendall(self, data: Any, flags: int = 0) -> None:
        super().settimeout(self.send_seconds)
        try:
            super().sendall(data, flags)
        finally:
            super().settimeout(self.read_seconds)


class ResdiffWorker(ThreadWorker):  # type: ignore[misc]
    """gunicorn's threaded worker, with the deadlines of :class:`ClientSocket`."""

    def handle(self, conn: Any) -> Any:
        if not isinstance(conn.sock, ClientSocket):
            if conn.initialized:  # cannot happen: every connection is adopted first
                return super().handle(conn)
            conn.sock = ClientSocket.adopt(conn.sock)
        else:
            conn.sock.expect("headers")
        return super().handle(conn)

    def handle_request(self, req: Any, conn: Any) -> Any:
        if isinstance(conn.sock, ClientSocket):
            conn.sock.expect("body")
        return super().handle_request(req, conn)


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


def _start_pool(settings: dict[str, Any], folder: str) -> tuple[subprocess.Popen[bytes], str]:
    """Start the pool server (``python -m service.pool``) and wait until it is warm."""
    pool = config.pool_from(settings)
    path = os.path.join(folder, "pool.sock")
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "service.pool",
            path,
            "--processes",
            str(pool.size),
            "--memory",
            str(pool.memory),
            "--queue-seconds",
            str(pool.queue_seconds),
            "--queue-length",
            str(pool.queue_length),
        ],
        stdout=subprocess.PIPE,
    )
    assert proc.stdout is not None
    if proc.stdout.readline().strip() != b"ready":
        proc.kill()
        raise click.ClickException("the pool of worker processes did not start (see above)")
    return proc, path


def run(
    *, host: str, port: int, workers: int = 2, threads: int = 32, no_auth: bool = False
) -> None:
    """Serve until interrupted. Each worker builds its own app (its own connections)."""
    app_config: dict[str, Any] = {}
    if no_auth and not is_loopback(host):
        app_config["RESDIFF_OPEN_NETWORK"] = True
    app = create_app(app_config)  # fail early on a bad setting, and create the database once
    check_exposure(app, host, no_auth)
    diffing.warm_up()  # before the workers fork: each inherits numpy and the built tables
    settings = dict(app.config)
    url = f"http://{host}:{port}/"
    database = app.config["RESDIFF_DATABASE"]
    if is_postgres(database):
        from service.library.postgres import close_pools

        close_pools()  # each worker makes its own pool after the fork
        database = database.split("://", 1)[0] + "://" + database.rsplit("@", 1)[-1]  # no password
    for name in ("header", "read", "body", "send"):
        key = f"RESDIFF_{name.upper()}_SECONDS"
        setattr(ClientSocket, f"{name}_seconds", float(settings[key]))
    worker_memory = int(settings["RESDIFF_WORKER_MEMORY"] or 0)

    def post_fork(server: Any, worker: Any) -> None:
        limit_memory(worker_memory, arenas=4)

    def when_ready(server: Any) -> None:
        click.echo(f"resdiff is serving on {url}  (database: {database})", err=True)
        sys.stderr.flush()

    folder = tempfile.mkdtemp(prefix="resdiff-pool-")  # private (0700): the pool's socket
    pool, path = _start_pool(settings, folder)
    app_config["RESDIFF_POOL_SOCKET"] = path  # every worker's app sends its jobs there
    try:
        _Gunicorn(
            {
                "bind": f"{host}:{port}",
                "workers": workers,
                "threads": threads,
                "worker_class": "service.web.server.ResdiffWorker",
                "timeout": int(settings["RESDIFF_TIMEOUT"]),
                "graceful_timeout": 10,
                "keepalive": 5,
                "accesslog": "-",
                "post_fork": post_fork,
                "when_ready": when_ready,
                # no shared control socket in ~/.gunicorn: several servers may run side by side
                "control_socket_disable": True,
            },
            app_config,
        ).run()
    finally:
        pool.terminate()
        try:
            pool.wait(timeout=10)
        except subprocess.TimeoutExpired:
            pool.kill()
        shutil.rmtree(folder, ignore_errors=True)
