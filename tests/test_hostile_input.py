"""Issue 7: whatever a delegation pastes or uploads gets a clear answer.

Each malformed input goes through the API (Flask test client), the CLI
(``resdiff parse`` / ``resdiff compare``: one line ``error: ...``, exit 2),
and a representative subset through the real server on 127.0.0.1. Then the
time budget (413 ``comparison-too-large``), the escaping of document text in
the reports (a ``file:///etc/passwd`` image in a resolution loads nothing) and
uploaded file names that never reach a path.
"""

from __future__ import annotations

import io
import json
import random
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import requests
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from diffing.errors import ComparisonTooLargeError
from service.cli import cli
from tests.conftest import ROOT
from tests.test_ingest_docx import resolution_docx, with_part
from tests.test_ingest_pdf import PAGE1, PAGE2, make_pdf

GOOD = """The General Assembly,

Recalling its resolution 1/1,

1. Decides to remain seized of the matter.
"""
NO_STRUCTURE = "Just a sentence without any structure.\n\nAnother one.\n"


def _pdf() -> bytes:
    return make_pdf([PAGE1, PAGE2])


def _encrypted_pdf() -> bytes:
    pypdf = pytest.importorskip("pypdf")
    writer = pypdf.PdfWriter(clone_from=io.BytesIO(_pdf()))
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="AES-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _docx(tmp: Path) -> bytes:
    return resolution_docx(tmp / "r.docx").read_bytes()


def _zip_bomb(tmp: Path) -> bytes:
    """A DOCX with a 3 MB part of zeros, compressed to a few kilobytes."""
    data = with_part(resolution_docx(tmp / "b.docx"), "word/media/pad.bin", "\0" * 3_000_000)
    assert len(data) < 100_000
    return data


DOCX_LIMIT = 1_000_000  # RESDIFF_MAX_DOCX_BYTES of these tests
PAGE_LIMIT = 1  # RESDIFF_MAX_PDF_PAGES of these tests (the sample PDF has 2 pages)

# name, file name, bytes (given a temporary folder), status, words of the detail
BAD_FILES: list[tuple[str, str, Callable[[Path], bytes], int, str]] = [
    ("truncated PDF", "cut.pdf", lambda t: _pdf()[: len(_pdf()) // 2], 422, "damaged or truncated"),
    (
        "random-byte PDF",
        "rand.pdf",
        lambda t: b"%PDF-1.7\n" + random.Random(7).randbytes(4000),
        422,
        "damaged or truncated",
    ),
    ("encrypted PDF", "locked.pdf", lambda t: _encrypted_pdf(), 422, "password protected"),
    (
        "corrupt DOCX",
        "bad.docx",
        lambda t: _docx(t)[: len(_docx(t)) // 2],
        422,
        "damaged or truncated ZIP",
    ),
    ("zip bomb DOCX", "bomb.docx", _zip_bomb, 413, "would inflate to"),
    (
        "too many PDF pages",
        "long.pdf",
        lambda t: _pdf(),
        413,
        "the PDF has 2 pages; the limit is 1",
    ),
    (
        "non-UTF-8 text",
        "latin1.txt",
        lambda t: "Résolution adoptée\n\n1. Décide".encode("latin-1"),
        422,
        "is not UTF-8 text: byte 0xe9 at offset 1",
    ),
    ("random bytes", "noise.bin", lambda t: random.Random(3).randbytes(4000), 422, "not UTF-8"),
    ("empty text", "empty.txt", lambda t: b"", 422, "empty.txt is empty"),
    ("blank text", "blank.txt", lambda t: b" \n\n\t \n", 422, "blank.txt is empty"),
    ("a picture", "photo.png", lambda t: b"\x89PNG\r\n\x1a\n" + bytes(200), 415, "PNG image"),
]
IDS = [c[0] for c in BAD_FILES]


@pytest.fixture
def limited_app(app):  # type: ignore[no-untyped-def]
    from service import config

    app.config["RESDIFF_MAX_DOCX_BYTES"] = DOCX_LIMIT
    app.config["RESDIFF_MAX_PDF_PAGES"] = PAGE_LIMIT
    app.extensions["resdiff.limits"] = config.limits_from(app.config)
    return app


def _problem(r, status: int, words: str) -> None:  # type: ignore[no-untyped-def]
    assert r.status_code == status, r.data[:300]
    assert r.mimetype == "application/problem+json"
    body = r.get_json()
    assert body["status"] == status and words in body["detail"], body
    assert "Traceback" not in r.get_data(as_text=True)


@pytest.mark.parametrize(("name", "filename", "make", "status", "words"), BAD_FILES, ids=IDS)
def test_bad_files_through_the_api(
    limited_app, tmp_path, name, filename, make, status, words
) -> None:  # type: ignore[no-untyped-def]
    client = limited_app.test_client()
    data = make(tmp_path)
    r = client.post("/api/documents", data={"file": (io.BytesIO(data), filename)})
    _problem(r, status, words)
    assert filename in r.get_json()["detail"]  # the detail names the file
    assert client.get("/api/documents").get_json()["total"] == 0  # nothing half-stored


@pytest.fixture
def cli_env(tmp_path: Path) -> dict[str, str]:
    return {
        "RESDIFF_DATA_DIR": str(tmp_path / "data"),
        "RESDIFF_MIRROR": "",
        "RESDIFF_ODS_URL": "http://127.0.0.1:9",
        "RESDIFF_MAX_DOCX_BYTES": str(DOCX_LIMIT),
        "RESDIFF_MAX_PDF_PAGES": str(PAGE_LIMIT),
    }


def _one_line_error(result, words: str) -> None:  # type: ignore[no-untyped-def]
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith("error: ") and words in lines[0], lines
    assert "Traceback" not in result.output


@pytest.mark.parametrize(("name", "filename", "make", "status", "words"), BAD_FILES, ids=IDS)
def test_bad_files_through_the_cli(cli_env, tmp_path, name, filename, make, status, words) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / filename
    bad.write_bytes(make(tmp_path))
    good = tmp_path / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    runner = CliRunner()
    _one_line_error(runner.invoke(cli, ["parse", str(bad)], env=cli_env), words)
    _one_line_error(runner.invoke(cli, ["compare", str(good), str(bad)], env=cli_env), words)


def test_the_installed_command_prints_one_line(tmp_path: Path) -> None:
    """The real ``resdiff`` entry point, not the click test runner."""
    bad = tmp_path / "cut.pdf"
    bad.write_bytes(_pdf()[:900])
    done = subprocess.run(
        [sys.executable, "-m", "service.cli", "parse", str(bad)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        check=False,
    )
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        "error: cut.pdf: the PDF is damaged or truncated and cannot be read"
    ]


# --- requests that are not documents -------------------------------------------

BAD_REQUESTS = [
    ("broken JSON", b'{"old": {"text": "x"},', "application/json", 400, "not valid JSON"),
    ("wrong content type", b"old=x&new=y", "application/x-www-form-urlencoded", 415, "send the request as application/json"),
    ("empty text", b'{"old": {"text": ""}, "new": {"text": "x"}}', "application/json", 422, "old.text is empty"),
    ("non-UTF-8 JSON", b'{"old": {"text": "\xe9"}}', "application/json", 400, "UTF-8"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("name", "body", "ctype", "status", "words"), BAD_REQUESTS, ids=[c[0] for c in BAD_REQUESTS]
)
def test_bad_requests(client, name, body, ctype, status, words) -> None:  # type: ignore[no-untyped-def]
    _problem(client.post("/api/compare", data=body, content_type=ctype), status, words)


def test_text_without_structure_is_compared_with_a_note(client) -> None:  # type: ignore[no-untyped-def]
    body = {"old": {"text": NO_STRUCTURE}, "new": {"text": NO_STRUCTURE.replace("any ", "")}}
    r = client.post("/api/compare", json=body)
    assert r.status_code == 200
    out = r.get_json()
    assert out["summary"]["reworded"] == 1 and out["summary"]["unchanged"] == 1
    assert any("no numbered operative paragraph" in n for n in out["new"]["notes"])


def test_text_without_structure_through_the_cli(cli_env, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(NO_STRUCTURE, encoding="utf-8")
    (tmp_path / "b.txt").write_text(NO_STRUCTURE.replace("any ", ""), encoding="utf-8")
    r = CliRunner().invoke(
        cli,
        ["compare", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), "--format", "json"],
        env=cli_env,
    )
    assert r.exit_code == 0, r.output
    assert '"no numbered operative paragraph found"' in r.stdout


# --- the time budget -------------------------------------------------------------


def _long_paragraph(n: int, seed: int) -> str:
    rnd = random.Random(seed)
    words = [f"w{rnd.randrange(3000)}" for _ in range(n)]
    return "The General Assembly,\n\n1. Decides " + " ".join(words) + ";\n"


def test_a_comparison_past_its_budget_is_413(app, client) -> None:  # type: ignore[no-untyped-def]
    from service import config

    app.config["RESDIFF_COMPARE_SECONDS"] = 0
    app.extensions["resdiff.limits"] = config.limits_from(app.config)
    body = {"old": {"text": _long_paragraph(3000, 1)}, "new": {"text": _long_paragraph(3000, 2)}}
    r = client.post("/api/compare", json=body)
    _problem(r, 413, "comparison exceeded its time budget of 0 s while")
    assert r.get_json()["type"] == "/problems/comparison-too-large"


def test_the_budget_is_configurable_and_documented() -> None:
    from service import config

    assert config.DEFAULTS["RESDIFF_COMPARE_SECONDS"] == 20.0
    assert "RESDIFF_COMPARE_SECONDS" in (config.__doc__ or "")
    env = config.from_env({"RESDIFF_COMPARE_SECONDS": "2.5"})
    assert config.limits_from({**config.DEFAULTS, **env}).compare_seconds == 2.5


def test_the_cli_keeps_the_budget_too(cli_env, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(_long_paragraph(2000, 1), encoding="utf-8")
    (tmp_path / "b.txt").write_text(_long_paragraph(2000, 2), encoding="utf-8")
    r = CliRunner().invoke(
        cli,
        ["compare", str(tmp_path / "a.txt"), str(tmp_path / "b.txt")],
        env={**cli_env, "RESDIFF_COMPARE_SECONDS": "0"},
    )
    _one_line_error(r, "comparison exceeded its time budget of 0 s")


def test_a_large_pdf_is_killed_at_the_deadline() -> None:
    """A PDF renders in a pool process that is killed when the budget runs out (here: a
    20,000-word paragraph, several seconds of WeasyPrint, against half a second)."""
    import diffing
    from service.pool import ProcessPool
    from service.render.html import render_comparison_html
    from service.reports import Budget, _pdf

    old, new = (diffing.parse(_long_paragraph(20_000, s)) for s in (1, 2))
    html = render_comparison_html(diffing.compare(old, new), pdf=True)
    pool = ProcessPool(1)
    try:
        started = time.monotonic()
        with pytest.raises(ComparisonTooLargeError, match="while rendering the PDF report"):
            _pdf(html, Budget(time.monotonic() + 0.5, pool), ("html",))
        assert time.monotonic() - started < 30  # the cold start of the process does not count
        assert pool.run("ping", seconds=5) == "pong"  # a new process took its place
    finally:
        pool.close()


# --- injection ----------------------------------------------------------------------

HOSTILE = (
    'The General Assembly,\n\n1. Decides <img src="file:///etc/passwd"> and '
    '<link rel="stylesheet" href="file:///etc/passwd"><script>alert(1)</script> today;\n'
)


def test_markup_in_a_resolution_is_text_in_the_html_report(client) -> None:  # type: ignore[no-untyped-def]
    body = {"old": {"text": GOOD}, "new": {"text": HOSTILE}}
    r = client.post("/api/compare?format=html", json=body)
    assert r.status_code == 200
    page = r.get_data(as_text=True)
    assert "<img" not in page and "<script>alert" not in page
    assert "&lt;img src=" in page and "&lt;script&gt;" in page


def test_markup_in_a_resolution_loads_nothing_in_the_pdf_report(client) -> None:  # type: ignore[no-untyped-def]
    pypdf = pytest.importorskip("pypdf")
    body = {"old": {"text": GOOD}, "new": {"text": HOSTILE}}
    r = client.post("/api/compare?format=pdf", json=body)
    assert r.status_code == 200 and r.data.startswith(b"%PDF")
    reader = pypdf.PdfReader(io.BytesIO(r.data))
    text = " ".join(page.extract_text() for page in reader.pages)
    assert '<img src="file:///etc/passwd">' in " ".join(text.split()).replace('" >', '">')
    assert "root:" not in text
    assert all(not page.images for page in reader.pages)  # no image was loaded


def test_an_uploaded_file_name_never_reaches_a_path(client, app, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    name = "../../../etc/passwd"
    r = client.post("/api/documents", data={"file": (io.BytesIO(GOOD.encode()), name)})
    assert r.status_code == 201
    doc = r.get_json()
    assert doc["filename"] == "passwd"
    original = client.get(f"/api/documents/{doc['id']}/original")
    assert original.status_code == 200 and original.data == GOOD.encode()
    assert "/" not in original.headers.get("Content-Disposition", "").split("filename=")[-1]
    data_dir = Path(app.config["RESDIFF_DATA_DIR"])
    assert sorted(p.name for p in data_dir.rglob("*") if "passwd" in p.name) == []


# --- the real server on 127.0.0.1 ------------------------------------------------------


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from tests.test_durability import Server

    tmp = tmp_path_factory.mktemp("hostile")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("RESDIFF_MAX_DOCX_BYTES", str(DOCX_LIMIT))
        mp.setenv("RESDIFF_COMPARE_SECONDS", "1")
        srv = Server(tmp / "data", tmp / "server.log")
    try:
        yield srv.url
    finally:
        srv.kill(signal.SIGTERM)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("name", "filename", "make", "status", "words"),
    [
        c
        for c in BAD_FILES
        if c[0] in {"truncated PDF", "encrypted PDF", "zip bomb DOCX", "non-UTF-8 text"}
    ],
    ids=lambda v: v if isinstance(v, str) and " " in v else None,
)
def test_bad_files_through_the_real_server(
    server, tmp_path, name, filename, make, status, words
) -> None:  # type: ignore[no-untyped-def]
    r = requests.post(
        server + "/api/documents", files={"file": (filename, make(tmp_path))}, timeout=60
    )
    assert r.status_code == status, r.text[:300]
    assert r.headers["Content-Type"].startswith("application/problem+json")
    assert words in r.json()["detail"]


@pytest.mark.slow
def test_the_real_server_answers_a_pathological_comparison_within_its_budget(server) -> None:  # type: ignore[no-untyped-def]
    """Two versions of one 60,000-word paragraph as a PDF, on a server whose budget is
    1 s: 413 (the comparison or its PDF, killed in its pool process, ran out of time),
    not a worker held for minutes. The server still answers afterwards."""
    body = {
        "old": {"text": _long_paragraph(60_000, 1)},
        "new": {"text": _long_paragraph(60_000, 2)},
    }
    r = requests.post(server + "/api/compare?format=pdf", json=body, timeout=120)
    assert r.status_code == 413, r.text[:300]
    assert "time budget of 1 s" in r.json()["detail"]
    assert requests.get(server + "/healthz", timeout=30).json()["status"] == "ok"
    small = {"old": {"text": GOOD}, "new": {"text": GOOD.replace("1/1", "2/2")}}
    assert requests.post(server + "/api/compare", json=small, timeout=60).status_code == 200


# --- JSON bodies with odd strings: never a server error -----------------------------

_ODD = st.sampled_from(["\ud800", "x\udfffy", "\x00", "\ufeff", "A/RES/73/11", "0" * 64, ""])
_STR = st.one_of(_ODD, st.text(max_size=20), st.lists(_ODD, max_size=3).map("".join))
_VALUE = st.one_of(_ODD, _STR, st.integers(), st.none(), st.lists(_STR, max_size=2))
_SPEC = st.one_of(
    *(
        st.fixed_dictionaries({k: _VALUE}, optional={"language": _VALUE})
        for k in ("text", "id", "symbol")
    ),
    st.dictionaries(st.sampled_from(["text", "id", "symbol", "language"]), _VALUE, max_size=3),
)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    path=st.sampled_from(["/api/compare", "/api/series", "/api/documents"]),
    old=_SPEC,
    new=_SPEC,
    fmt=st.sampled_from(["json", "html", "docx", "nope"]),
)
def test_odd_json_bodies_never_cause_a_server_error(client, path, old, new, fmt) -> None:  # type: ignore[no-untyped-def]
    """Lone surrogates (valid JSON: ``"\\ud800"``), NUL, wrong types, in every field."""
    body = {"/api/compare": {"old": old, "new": new}, "/api/series": {"documents": [old, new]}}
    data = json.dumps(body.get(path, old)).encode()  # ASCII: surrogates as \\u escapes
    r = client.post(path, data=data, content_type="application/json", query_string={"format": fmt})
    assert r.status_code < 500, r.get_data(as_text=True)[:300]
    if r.status_code >= 400:
        assert r.mimetype == "application/problem+json"


def test_a_lone_surrogate_in_a_pasted_text_is_422(client) -> None:  # type: ignore[no-untyped-def]
    data = b'{"old": {"text": "1. Decides \\ud800 x;"}, "new": {"text": "1. Decides y;"}}'
    r = client.post("/api/compare", data=data, content_type="application/json")
    _problem(
        r, 422, "old.text is not valid Unicode text: the unpaired surrogate U+D800 at position 11"
    )
