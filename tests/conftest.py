"""Shared fixtures: the corpus location, and skipping when it is absent."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
CORPUS = ROOT.parent / "shared" / "corpus"
INTERPOL = CORPUS / "interpol"

needs_corpus = pytest.mark.skipif(
    not CORPUS.is_dir(), reason="../shared/corpus is absent: real UN texts not available"
)


@pytest.fixture(scope="session")
def corpus() -> Path:
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus is absent: real UN texts not available")
    return CORPUS


# -- the databases: SQLite, and a real PostgreSQL server ------------------------------


@pytest.fixture(scope="session")
def postgres_server():  # type: ignore[no-untyped-def]
    """A PostgreSQL server of Debian's package for the whole run (skips when absent)."""
    from tests.pgserver import SKIP_REASON, PostgresServer, binaries

    bindir = binaries()
    if bindir is None:
        pytest.skip(SKIP_REASON)
    server = PostgresServer(bindir)
    yield server
    server.stop()


@pytest.fixture
def postgres_url(postgres_server):  # type: ignore[no-untyped-def]
    """The address of a new empty PostgreSQL database, dropped after the test."""
    with postgres_server.database() as url:
        yield url


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request, tmp_path: Path) -> str:  # type: ignore[no-untyped-def]
    """A new empty database of each backend: a SQLite file, then a PostgreSQL database."""
    if request.param == "sqlite":
        return str(tmp_path / "db" / "resdiff.sqlite3")
    return str(request.getfixturevalue("postgres_url"))


# -- the web service (Flask fixtures, after the Flask tutorial) ---------------------


def run_in_threads(work: Callable[[int], None], n: int) -> list[BaseException]:
    """Run ``work(0)`` ... ``work(n - 1)`` in threads at once; what they raised."""
    errors: list[BaseException] = []

    def guarded(k: int) -> None:
        try:
            work(k)
        except BaseException as exc:  # pragma: no cover - reported by the caller
            errors.append(exc)

    threads = [threading.Thread(target=guarded, args=(k,)) for k in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return errors


@pytest.fixture
def app(tmp_path: Path):  # type: ignore[no-untyped-def]
    """The app on an empty store in a temporary folder, with the INTERPOL mirror if present,
    and a UN document system address that refuses connections (no test touches the internet)."""
    from service.web.app import create_app

    return create_app(
        {
            "TESTING": True,
            "RESDIFF_DATA_DIR": str(tmp_path / "data"),
            "RESDIFF_MIRROR": str(INTERPOL) if INTERPOL.is_dir() else None,
            "RESDIFF_ODS_URL": "http://127.0.0.1:9",
            "RESDIFF_FETCH_TIMEOUT": 2.0,
            # forms are posted without their token here; tests/test_accounts.py checks CSRF
            "WTF_CSRF_ENABLED": False,
        }
    )


@pytest.fixture
def client(app):  # type: ignore[no-untyped-def]
    return app.test_client()


@pytest.fixture
def runner(app):  # type: ignore[no-untyped-def]
    return app.test_cli_runner()


# -- a local stand-in for the UN Official Document System ---------------------------


class FakeUN:
    """An HTTP server on 127.0.0.1 that answers like documents.un.org.

    ``/api/symbol/access?s=A/RES/79/136&l=en&t=pdf`` redirects (302) to the real PDF
    of 79/136 from the corpus; other symbols give: A/RES/99/999 an HTML page,
    A/RES/97/1 a slow answer, A/RES/96/1 HTTP 500, A/RES/95/1 a redirect loop,
    A/RES/94/1 a PDF dripped one byte every ``drip`` seconds, A/RES/93/1 headers dripped
    likewise, A/RES/92/1 a redirect to another host (``localhost``), A/RES/91/1 and
    A/RES/91/2 the same bytes as A/RES/79/136, A/RES/90/<n> those bytes too, sent in 16
    pieces over ``slow`` seconds; anything else 404. ``requests`` lists the
    paths asked for.
    """

    def __init__(self, pdf: bytes) -> None:
        import http.server
        import threading
        import time
        import urllib.parse

        fake = self
        self.pdf = pdf
        self.requests: list[str] = []
        self.drip = 2.0
        self.slow = 3.0

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def send(self, status: int, body: bytes, ctype: str, **headers: str) -> None:
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                for k, v in headers.items():
                    self.send_header(k, v)
                self.end_headers()
                # the client may give up (size cap, timeout): as it should
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    self.wfile.write(body)

            def dripping(self, data: bytes, *, headers: bool) -> None:
                """Send ``data`` one byte every ``fake.drip`` seconds (60 s at most)."""
                end = time.monotonic() + 60
                with contextlib.suppress(BrokenPipeError, ConnectionResetError, OSError):
                    for i in range(len(data)):
                        self.wfile.write(data[i : i + 1])
                        self.wfile.flush()
                        if time.monotonic() > end:
                            return
                        time.sleep(fake.drip)
                    if not headers:
                        return

            def do_GET(self) -> None:
                fake.requests.append(self.path)
                url = urllib.parse.urlsplit(self.path)
                if url.path == "/files/79_136.pdf":
                    return self.send(200, fake.pdf, "application/pdf")
                query = urllib.parse.parse_qs(url.query)
                symbol = query.get("s", [""])[0]
                lang = query.get("l", [""])[0]
                if url.path != "/api/symbol/access":
                    return self.send(404, b"not found", "text/plain")
                if symbol in ("A/RES/79/136", "A/RES/91/1", "A/RES/91/2") and lang == "en":
                    return self.send(302, b"", "text/plain", Location="/files/79_136.pdf")
                if symbol.startswith("A/RES/90/"):
                    self.send_response(200)
                    self.send_header("Content-Type", "application/pdf")
                    self.send_header("Content-Length", str(len(fake.pdf)))
                    self.end_headers()
                    step = -(-len(fake.pdf) // 16)
                    with contextlib.suppress(BrokenPipeError, ConnectionResetError, OSError):
                        for at in range(0, len(fake.pdf), step):
                            time.sleep(fake.slow / 16)
                            self.wfile.write(fake.pdf[at : at + step])
                            self.wfile.flush()
                    return None
                if symbol == "A/RES/94/1":
                    self.send_response(200)
                    self.send_header("Content-Type", "application/pdf")
                    self.send_header("Content-Length", str(len(fake.pdf)))
                    self.end_headers()
                    return self.dripping(fake.pdf, headers=False)
                if symbol == "A/RES/93/1":
                    head = b"HTTP/1.1 200 OK\r\nContent-Type: application/pdf\r\n" * 20
                    return self.dripping(head, headers=True)
                if symbol == "A/RES/92/1":
                    port = fake.server.server_address[1]
                    elsewhere = f"http://localhost:{port}/files/79_136.pdf"
                    return self.send(302, b"", "text/plain", Location=elsewhere)
                if symbol == "A/RES/99/999":
                    return self.send(
                        200, b"<html><body>Not available</body></html>", "text/html; charset=utf-8"
                    )
                if symbol == "A/RES/97/1":
                    time.sleep(3)
                    return self.send(200, fake.pdf, "application/pdf")
                if symbol == "A/RES/96/1":
                    return self.send(500, b"oops", "text/plain")
                if symbol == "A/RES/95/1":
                    return self.send(302, b"", "text/plain", Location=self.path)
                return self.send(404, b"<html>no such document</html>", "text/html")

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def fake_un():  # type: ignore[no-untyped-def]
    pdf = INTERPOL / "A_RES_79_136_en.pdf"
    if not pdf.is_file():
        pytest.skip("../shared/corpus is absent: the real PDF of A/RES/79/136 is needed")
    server = FakeUN(pdf.read_bytes())
    yield server
    server.close()
