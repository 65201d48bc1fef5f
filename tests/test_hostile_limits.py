"""Issue 16: every resource bounded, every bad input a clear answer (the in-process part).

Each test reproduces one defect the probe found and checks its fix; the large inputs
are read in a pool process under an address-space limit (``RESDIFF_PROCESS_MEMORY``),
so a regression fails the test instead of the machine. The real server (idle clients,
slow upstreams, concurrent PDFs) is tested in ``tests/test_load.py``.
"""

from __future__ import annotations

import io
import json
import re
import sqlite3
import time
import zipfile
from pathlib import Path

import hypothesis
import hypothesis.strategies
import pytest
from click.testing import CliRunner

from service.cli import cli
from tests.conftest import INTERPOL, needs_corpus
from tests.hostile_inputs import (
    empty_paragraphs_docx,
    numbered_docx,
    numbered_text,
    pdf_bomb,
    run_limited,
)

MiB = 2**20
GOOD = """The General Assembly,

Recalling its resolution 1/1,

1. Decides to remain seized of the matter.
"""


@pytest.fixture
def tight(app):  # type: ignore[no-untyped-def]
    """The app with pool processes limited to 512 MiB of address space."""
    from service import config
    from service.pool import local_pool

    app.config["RESDIFF_PROCESS_MEMORY"] = 512 * MiB
    pool = local_pool(config.pool_from(app.config))
    app.extensions["resdiff.executor"] = pool
    return app


def _problem(r, status: int, *words: str) -> dict:  # type: ignore[no-untyped-def,type-arg]
    assert r.status_code == status, r.get_data(as_text=True)[:500]
    assert r.mimetype == "application/problem+json"
    body = r.get_json()
    for w in words:
        assert w in body["detail"], body["detail"]
    return body  # type: ignore[no-any-return]


def _upload(client, data: bytes, name: str):  # type: ignore[no-untyped-def]
    return client.post("/api/documents", data={"file": (io.BytesIO(data), name)})


# -- limits before work -------------------------------------------------------------


def test_520_kb_of_numbered_paragraphs_are_refused_before_parsing(tight) -> None:  # type: ignore[no-untyped-def]
    """The probe's 520 KB of "1." paragraphs took a worker to 3.2 GB: now they are
    counted before the parser sees them (413, "too-large", not "memory-limit")."""
    text = numbered_text(520_000)
    r = tight.test_client().post("/api/documents", json={"text": text})
    body = _problem(r, 413, "paragraphs or numbered lines", "the limit is 3,000 paragraphs")
    assert body["type"] == "/problems/too-large"


def test_a_290_kb_docx_of_numbered_paragraphs_is_refused_before_parsing(tight) -> None:  # type: ignore[no-untyped-def]
    data = numbered_docx()
    assert 250_000 < len(data) < 330_000
    r = _upload(tight.test_client(), data, "numbered.docx")
    body = _problem(r, 413, "numbered.docx", "paragraphs or numbered lines")
    assert body["type"] == "/problems/too-large"


@pytest.mark.parametrize("source", ["text", "docx"])
def test_the_parser_reads_numbered_paragraphs_in_linear_memory(source: str) -> None:
    """The parser itself, limits lifted, within 1 GiB of address space: 520 KB of "1."
    paragraphs, or the text of the 290 KB DOCX. Each paragraph opens a new part; its
    name once repeated every part before it (``V-2-2-2-...``): quadratic."""
    make = (
        "from tests.hostile_inputs import numbered_text; text = numbered_text(520_000)"
        if source == "text"
        else "from service.ingest.docx import docx_to_text\n"
        "from tests.hostile_inputs import numbered_docx\n"
        "text = docx_to_text(numbered_docx(), max_elements=10**7, max_chars=10**8)"
    )
    done = run_limited(
        make + "\nfrom diffing import parse\nprint(len(parse(text).paragraphs))", 1024 * MiB
    )
    assert done.returncode == 0, done.stderr[-500:]
    assert int(done.stdout) > 30_000


def test_a_docx_of_95_mib_of_empty_paragraphs_is_refused_while_inflating(tight) -> None:  # type: ignore[no-untyped-def]
    """146 KB inflating to 95 MiB of ``<w:p/>`` (accepted after 36 s and 2 GB before):
    the XML elements are counted while the part is inflated."""
    data = empty_paragraphs_docx()
    assert len(data) < 200_000
    r = _upload(tight.test_client(), data, "bomb.docx")
    _problem(r, 413, "bomb.docx", "more than 1,000,000 XML elements")


@pytest.mark.slow
def test_a_pdf_bomb_is_refused_before_pdfium_inflates_it(tight) -> None:  # type: ignore[no-untyped-def]
    """2 MB of PDF whose content stream inflates to 2 GiB (3.3 GB of worker before a 422):
    the streams are inflated through a capped counter first, nothing kept."""
    data = pdf_bomb()
    assert len(data) < 3 * MiB
    r = _upload(tight.test_client(), data, "bomb.pdf")
    _problem(r, 413, "bomb.pdf", "inflate to more than 134,217,728 bytes")


def test_reading_an_upload_has_the_time_budget(app, client) -> None:  # type: ignore[no-untyped-def]
    """Uploads had no time budget: reading one is now a job of the pool with
    RESDIFF_COMPARE_SECONDS, whose process is killed past it (``tests/test_pool.py``), and
    the request gets 413."""
    from service.pool import Inline, TaskTimeout

    seen: list[tuple[str, float | None]] = []

    class Slow:
        def run(self, task: str, *args: object, seconds: float | None = None, what: str = ""):  # type: ignore[no-untyped-def]
            seen.append((task, seconds))
            if "slow" in str(args[1]):
                raise TaskTimeout(task)
            return Inline().run(task, *args, seconds=seconds)

    app.extensions["resdiff.executor"] = Slow()
    assert _upload(client, GOOD.encode(), "quick.txt").status_code == 201
    r = _upload(client, GOOD.replace("1/1", "2/2").encode(), "slow.docx")
    _problem(r, 413, "reading slow.docx exceeded its time budget of 20 s")
    r = client.post("/api/documents", json={"text": GOOD.replace("1/1", "3/3")})
    assert r.status_code == 201
    assert seen == [("read", 20.0), ("read", 20.0), ("parse", 20.0)]


def test_the_upload_form_takes_at_most_10_files(client) -> None:  # type: ignore[no-untyped-def]
    files = [(io.BytesIO(GOOD.replace("1/1", f"{i}/1").encode()), f"d{i}.txt") for i in range(11)]
    r = client.post("/documents", data={"file": files})
    assert r.status_code == 413
    assert "11 files in one upload: the limit is 10" in r.get_data(as_text=True)
    assert client.get("/api/documents").get_json()["total"] == 0  # none was read


def test_the_upload_form_shares_one_time_budget(app, client) -> None:  # type: ignore[no-untyped-def]
    """Ten files are read within one budget, not ten: past it, the rest are not read."""
    from service import config

    app.config["RESDIFF_COMPARE_SECONDS"] = 0
    app.extensions["resdiff.limits"] = config.limits_from(app.config)
    files = [(io.BytesIO(GOOD.replace("1/1", f"{i}/1").encode()), f"d{i}.txt") for i in range(3)]
    page = client.post("/documents", data={"file": files}).get_data(as_text=True)
    assert page.count("was not read: the time budget ran out") == 3
    assert client.get("/api/documents").get_json()["total"] == 0


def test_more_than_1000_form_parts_is_a_413_that_says_so(client) -> None:  # type: ignore[no-untyped-def]
    data = {f"f{i}": "x" for i in range(1001)}
    r = client.post("/documents", data=data, content_type="multipart/form-data")
    assert r.status_code == 413
    page = r.get_data(as_text=True)
    assert "more than 1,000 parts" in page and "request body is larger" not in page
    r = client.post("/api/documents", data=data, content_type="multipart/form-data")
    _problem(r, 413, "more than 1,000 parts")


def test_a_form_field_too_large_is_a_413_that_says_so(app, client) -> None:  # type: ignore[no-untyped-def]
    app.config["MAX_FORM_MEMORY_SIZE"] = 1000
    r = client.post("/compare", data={"old_text": "x" * 2000}, content_type="multipart/form-data")
    assert r.status_code == 413
    assert "a text field of the form is larger than the limit of 1,000 bytes" in r.get_data(
        as_text=True
    )


def test_the_web_series_form_obeys_the_version_limit(client) -> None:  # type: ignore[no-untyped-def]
    r = client.post("/series", data={"version": [f"{i:016x}" for i in range(2000)]})
    assert r.status_code == 400
    assert "between 2 and 12 documents, not 2000" in r.get_data(as_text=True)


# -- answers, not 500s ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "words"),
    [
        (b"[" * 1000 + b"]" * 1000, "nested more than 32 levels deep"),
        (b'{"old": {"text": "a"}, "new": ' + b"9" * 4300 + b"}", "more than 30 digits"),
        (b'{"old": {"text": "a"}, "new": 1e999999}', "a number too large"),
        (b'{"old": NaN, "new": 1}', "NaN, which JSON does not allow"),
        (b'{"old": "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[", "new": "]]"}', "old must be an object"),
    ],
    ids=["deep", "huge-int", "huge-float", "nan", "brackets-in-strings"],
)
def test_json_depth_and_number_size_are_400(client, body: bytes, words: str) -> None:  # type: ignore[no-untyped-def]
    r = client.post("/api/compare", data=body, content_type="application/json")
    _problem(r, 400, words)


@pytest.mark.parametrize("digits", ["٧٣", "７３", "۷۳"])
def test_symbols_are_ascii(client, digits: str) -> None:  # type: ignore[no-untyped-def]
    from service.library.symbols import is_symbol

    assert not is_symbol(f"A/RES/{digits}/11")
    r = client.post("/api/documents", json={"symbol": f"A/RES/{digits}/11"})
    _problem(r, 400, "not a UN General Assembly document symbol")


def test_a_symbol_with_eastern_digits_never_breaks_a_download(client) -> None:  # type: ignore[no-untyped-def]
    """Such a title broke the Content-Disposition of every download (500)."""
    old = "United Nations A/RES/٧٣/١١\n\n" + GOOD
    new = old.replace("1/1", "2/2")
    ids = []
    for text in (old, new):
        ids.append(client.post("/api/documents", json={"text": text}).get_json()["id"])
    r = client.post("/compare", data={"old_id": ids[0], "new_id": ids[1]})
    report = r.headers["Location"].split("?")[0]
    for fmt in ("pdf", "docx", "json"):
        got = client.get(f"{report}.{fmt}")
        assert got.status_code == 200, (fmt, got.get_data(as_text=True)[:300])
        disposition = got.headers["Content-Disposition"]
        assert disposition.isascii() and disposition.endswith(f".{fmt}"), disposition
    body = {"old": {"text": old}, "new": {"text": new}}
    for fmt in ("pdf", "docx"):
        assert client.post(f"/api/compare?format={fmt}", json=body).status_code == 200


@pytest.mark.parametrize(
    ("name", "ascii_suffix", "exact"),
    [("a.中文", "", ".%E4%B8%AD%E6%96%87"), ("a.café", ".cafe", ".caf%C3%A9")],
)
def test_originals_download_under_any_file_name(client, name, ascii_suffix, exact) -> None:  # type: ignore[no-untyped-def]
    """A non-Latin-1 extension made the original undownloadable (500), a Latin-1 one
    sent raw bytes: now an ASCII name, and the exact one in ``filename*``."""
    doc = _upload(client, GOOD.encode(), name).get_json()
    r = client.get(f"/api/documents/{doc['id']}/original")
    assert r.status_code == 200 and r.data == GOOD.encode()
    raw = r.headers["Content-Disposition"]
    assert raw.isascii()
    assert raw == (
        f"attachment; filename={doc['id']}{ascii_suffix}; filename*=UTF-8''{doc['id']}{exact}"
    )


def test_the_word_report_drops_what_xml_cannot_hold(client) -> None:  # type: ignore[no-untyped-def]
    """One BEL, ESC or U+FFFE in a paragraph made the Word report 500."""
    docx = pytest.importorskip("docx")
    new = GOOD.replace("seized", "seized\x07 of\x1b[31m it\ufffe and")
    r = client.post("/api/compare?format=docx", json={"old": {"text": GOOD}, "new": {"text": new}})
    assert r.status_code == 200, r.get_data(as_text=True)[:300]
    with zipfile.ZipFile(io.BytesIO(r.data)) as z:
        xml = z.read("word/document.xml").decode()
    assert "[31m it" in xml and "\x07" not in xml and "\x1b" not in xml
    assert docx.Document(io.BytesIO(r.data)).paragraphs


def test_the_cli_prints_no_control_sequences(tmp_path: Path) -> None:
    """A document's OSC, backspace and colour sequences reached the terminal raw."""
    hostile = GOOD.replace("seized", "seized\x1b]0;pwned\x07 of\x08\x08 \x1b[2J\x9b31m it")
    (tmp_path / "old.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "new.txt").write_text(hostile, encoding="utf-8")
    env = {"RESDIFF_DATA_DIR": str(tmp_path / "data")}
    runner = CliRunner()
    for args in (
        ["parse", str(tmp_path / "new.txt")],
        ["compare", str(tmp_path / "old.txt"), str(tmp_path / "new.txt")],
        ["compare", str(tmp_path / "old.txt"), str(tmp_path / "new.txt"), "--format", "html"],
    ):
        out = runner.invoke(cli, args, env=env).output
        assert "seized" in out
        assert not any(ch in out for ch in "\x1b\x07\x08\x9b"), (args, out)
    out = runner.invoke(cli, ["parse", str(tmp_path / "new.txt"), "--format", "json"], env=env)
    assert "\\u001b]0;pwned\\u0007" in out.output and "\\u009b31m" in out.output
    assert json.loads(out.output)["paragraphs"][-1]["text"].count("\x1b") == 2


def test_a_series_pdf_over_budget_advises_only_what_series_offer() -> None:
    from diffing.errors import ComparisonTooLargeError
    from service import reports
    from service.pool import TaskTimeout

    class Slow:
        def run(self, *args: object, **kwargs: object) -> bytes:
            raise TaskTimeout("pdf")

    budget = reports.Budget(time.monotonic() + 5, Slow())
    with pytest.raises(ComparisonTooLargeError) as series:
        reports._pdf("<p>x</p>", budget, ("html",))
    assert series.value.detail.endswith("ask for the html report, which is much quicker")
    assert "docx" not in series.value.detail
    with pytest.raises(ComparisonTooLargeError) as compare:
        reports._pdf("<p>x</p>", budget, ("html", "docx"))
    assert "ask for the html or docx report, which are much quicker" in compare.value.detail
    spec = reports.KINDS["series"]
    assert "docx" not in spec.formats


# -- availability, in process ---------------------------------------------------------


def test_a_pdf_that_waits_for_a_busy_pool_is_503_with_retry_after(app, client) -> None:  # type: ignore[no-untyped-def]
    """Renderer slots busy: the request is told to retry (it used to get 413 "too large"
    at 20 s, its budget running while it waited)."""
    import threading

    from service.pool import ProcessPool

    pool = ProcessPool(1, queue_seconds=30)
    app.extensions["resdiff.executor"] = pool
    try:
        ids = [
            client.post("/api/documents", json={"text": t}).get_json()["id"]
            for t in (GOOD, GOOD.replace("1/1", "2/2"))
        ]
        pool.queue_seconds = 0.3
        busy = threading.Thread(target=pool.run, args=("ping", 2.0), kwargs={"seconds": 10})
        busy.start()
        time.sleep(0.2)
        body = {"old": {"id": ids[0]}, "new": {"id": ids[1]}}
        r = client.post("/api/compare?format=pdf", json=body)
        busy.join()
        assert r.status_code == 503 and r.headers["Retry-After"].isdigit()
        assert r.get_json()["type"] == "/problems/busy"
        assert client.post("/api/compare?format=pdf", json=body).status_code == 200
    finally:
        pool.close()


def test_the_word_report_has_a_time_budget() -> None:
    """Word rendering had no budget (44 s for an accepted pair): it runs in a pool process,
    which stops at the budget between paragraphs and is killed past it."""
    import diffing
    from diffing.errors import ComparisonTooLargeError
    from service import reports
    from service.pool import ProcessPool

    def text(seed: int) -> str:
        words = [f"w{(i * seed) % 997}" for i in range(60)]
        ops = "\n\n".join(f"{n}. Decides {' '.join(words[n % 7 :])};" for n in range(1, 800))
        return f"The General Assembly,\n\n{ops}\n"

    comparison = diffing.compare(diffing.parse(text(3)), diffing.parse(text(5)))
    pool = ProcessPool(1)
    try:
        pool.run("ping", seconds=30)
        budget = reports.Budget(time.monotonic() + 0.05, pool)
        with pytest.raises(ComparisonTooLargeError, match="comparison exceeded its time budget"):
            reports._comparison_docx(comparison, reports.Options(), budget)
        assert pool.run("ping", seconds=30) == "pong"
    finally:
        pool.close()


def test_healthz_touches_no_database(app, client, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """``/healthz`` ran a full database check (110 ms on a 422 MB database): now it
    touches nothing slow; ``/readyz`` checks the database with one quick query."""
    from service.web import context

    def broken() -> None:
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(context, "get_store", broken)
    assert client.get("/healthz").get_json() == {"status": "ok"}
    r = client.get("/readyz")
    _problem(r, 503, "the database did not answer")


def test_security_headers_and_a_csp_the_reports_satisfy(client) -> None:  # type: ignore[no-untyped-def]
    import base64
    import hashlib
    import re

    for path in ("/", "/api/openapi.json", "/healthz", "/api/documents/nope"):
        r = client.get(path)
        assert r.headers["X-Content-Type-Options"] == "nosniff"
        assert r.headers["X-Frame-Options"] == "SAMEORIGIN"
        assert r.headers["Referrer-Policy"] == "no-referrer"
        csp = r.headers["Content-Security-Policy"]
        assert "default-src 'none'" in csp and "frame-ancestors 'self'" in csp
        assert "'unsafe-inline'" not in csp
    body = {"old": {"text": GOOD}, "new": {"text": GOOD.replace("1/1", "2/2")}}
    r = client.post("/api/compare?format=html", json=body)
    csp = r.headers["Content-Security-Policy"]
    blocks = re.findall(rb"<(style|script)>(.*?)</\1>", r.data, re.DOTALL)
    assert {kind for kind, _ in blocks} == {b"style", b"script"}
    for kind, block in blocks:
        digest = base64.b64encode(hashlib.sha256(block).digest()).decode()
        directive = csp.split(f"{kind.decode()}-src", 1)[1].split(";", 1)[0]
        assert f"'sha256-{digest}'" in directive
    page = client.get("/").get_data(as_text=True)
    assert "<style" not in page and "<script>" not in page and " style=" not in page


# -- the library -----------------------------------------------------------------------


@needs_corpus
def test_the_same_bytes_under_two_symbols_keep_both(app, client, fake_un) -> None:  # type: ignore[no-untyped-def]
    """Two symbols returning the same bytes relabelled one stored document: now the
    document is found by either symbol, and nothing is downloaded twice."""
    app.extensions["resdiff.retriever"].base_url = fake_un.url
    first = client.post("/api/documents", json={"symbol": "A/RES/91/1"})
    second = client.post("/api/documents", json={"symbol": "A/RES/91/2"})
    assert first.status_code == 201 and second.status_code == 200
    assert first.get_json()["id"] == second.get_json()["id"]
    fetched = len(fake_un.requests)
    for symbol in ("A/RES/91/1", "A/RES/91/2"):
        r = client.post("/api/documents", json={"symbol": symbol})
        assert r.status_code == 200 and r.get_json()["id"] == first.get_json()["id"]
    assert len(fake_un.requests) == fetched
    assert client.get(f"/api/documents/{first.get_json()['id']}").get_json()["symbol"] == (
        "A/RES/91/1"
    )


@needs_corpus
def test_redirects_stay_within_the_un_document_system(fake_un) -> None:  # type: ignore[no-untyped-def]
    from service.errors import FetchError
    from service.library.ods import Retriever

    r = Retriever(base_url=fake_un.url, timeout=5)
    with pytest.raises(FetchError) as caught:
        r.download("A/RES/92/1", "en")
    assert "redirected to localhost, which is not one of its hosts" in caught.value.detail
    assert "application/pdf" not in caught.value.detail
    assert not any(p.startswith("/files/") for p in fake_un.requests)
    allowed = Retriever(base_url=fake_un.url, timeout=5, hosts="localhost")
    assert allowed.download("A/RES/92/1", "en").data == fake_un.pdf


@needs_corpus
@pytest.mark.parametrize("symbol", ["A/RES/94/1", "A/RES/93/1"], ids=["body", "headers"])
def test_a_dripping_upstream_is_cut_at_the_total_deadline(fake_un, symbol: str) -> None:  # type: ignore[no-untyped-def]
    """A byte every 2 s held a request for 150 s (the timeout applied between reads):
    one deadline now covers the whole download."""
    from service.errors import FetchError
    from service.library.ods import Retriever

    fake_un.drip = 0.2
    r = Retriever(base_url=fake_un.url, timeout=1.0)
    started = time.monotonic()
    with pytest.raises(FetchError, match=r"did not send .* within 1 s"):
        r.download(symbol, "en")
    assert time.monotonic() - started < 10  # dripping the whole file would take hours


def test_a_deleted_document_leaves_no_text_in_the_database(client, app) -> None:  # type: ignore[no-untyped-def]
    """``secure_delete``: the pages a deleted draft used are overwritten."""
    marker = "Confidentialissimo" * 40
    text = GOOD.replace("seized", f"seized {marker}")
    doc = client.post("/api/documents", json={"text": text}).get_json()
    assert client.delete(f"/api/documents/{doc['id']}").status_code == 204
    path = app.config["RESDIFF_DATABASE"]
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    assert marker.encode() not in Path(path).read_bytes()


def test_the_docx_element_cap_counts_every_part(tmp_path: Path) -> None:
    from service.errors import LimitExceededError
    from service.ingest.docx import docx_to_text
    from tests.test_ingest_docx import resolution_docx

    data = resolution_docx(tmp_path / "r.docx").read_bytes()
    assert docx_to_text(data)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        elements = z.read("word/document.xml").count(b"<w:")
    with pytest.raises(LimitExceededError, match="XML elements"):
        docx_to_text(data, max_elements=elements // 2)


@needs_corpus
def test_real_pdfs_are_far_below_the_inflation_and_object_caps() -> None:
    from service.ingest.pdf import prescan

    for path in sorted((INTERPOL.parent / "unga-78-79-pdf").glob("*.pdf"))[:10]:
        prescan(path.read_bytes(), max_inflated=8 * MiB, max_objects=2000)


def test_every_setting_is_documented_with_its_default() -> None:
    """config.py's table names every setting, and the README's limits table every limit."""
    from service import config
    from tests.conftest import ROOT

    doc = config.__doc__ or ""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    limits = readme.split("## Limits", 1)[1].split("\n## ", 1)[0]
    not_limits = {
        "RESDIFF_DATA_DIR",
        "RESDIFF_MIRROR",
        "RESDIFF_ODS_URL",
        "RESDIFF_POOL_SOCKET",
        "RESDIFF_DATABASE_URL",
        "RESDIFF_DATABASE_POOL",
        "RESDIFF_AUTH",
        "RESDIFF_PROXIES",
        "RESDIFF_SESSION_HOURS",
        "RESDIFF_SECRET_KEY",
    }
    for name in config.DEFAULTS:
        assert f"\n{name} " in doc, name
        if name not in not_limits:
            assert f"| `{name}` |" in limits, name


@hypothesis.given(hypothesis.strategies.text(alphabet='"\\[]{}a', max_size=40))
def test_the_json_string_pattern_skips_what_the_plain_one_does(text: str) -> None:
    from service.web import guards

    plain = re.compile(rb'"(?:[^"\\]|\\.)*"', re.DOTALL)
    raw = text.encode()
    assert guards._STRING.sub(b'""', raw) == plain.sub(b'""', raw)
