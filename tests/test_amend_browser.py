"""The Amendments page in a real browser (Debian's chromium driven by Playwright): from
the home page to the report of a draft as amended, one source per field, the Word file."""

from __future__ import annotations

import io
import os
import threading
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from test_browser import CHROMIUM, _shot, browser, page  # noqa: F401 - the page fixture
from werkzeug.serving import make_server

from service.web.app import create_app

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "amendments"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason="/usr/bin/chromium is absent (make deps installs it)"
    ),
]


@pytest.fixture
def base_url(tmp_path: Path) -> Iterator[str]:
    """The app, with a mirror that holds the draft A/99/L.7 under its symbol."""
    mirror = tmp_path / "mirror"
    mirror.mkdir()
    (mirror / "A_99_L.7_en.txt").write_bytes((FIXTURES / "draft_en.txt").read_bytes())
    app = create_app(
        {
            "RESDIFF_DATA_DIR": str(tmp_path / "data"),
            "RESDIFF_MIRROR": str(mirror),
            "RESDIFF_ODS_URL": "http://127.0.0.1:9",
        }
    )
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


def test_a_delegate_applies_two_amendments(page, base_url: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    page.goto(base_url + "/")
    page.click("#amend-link")
    assert page.url.endswith("/amend")
    # the draft: the one the amendments name, the first tab; one panel shown per field
    assert page.is_checked("#draft-src-named")
    assert page.is_visible(".panel-named") and not page.is_visible("#draft_text")
    page.click("label[for=amendment1-src-paste]")
    assert page.is_visible("#amendment1_text") and not page.is_visible("#amendment1_id")
    page.fill("#amendment1_text", (FIXTURES / "amendment_en.txt").read_text(encoding="utf-8"))
    page.click("label[for=amendment2-src-file]")
    page.set_input_files("#amendment2_file", str(FIXTURES / "amendment2_en.txt"))
    _shot(page, tmp_path, "amend-form.png")
    page.click("#amend-button")
    page.wait_for_url("**/report/**")
    assert "as amended by" in page.inner_text("h1")
    frame = page  # the report is part of the page (no frame)
    missed = frame.locator(".rd-missed")
    missed.wait_for()
    assert "2 instructions not applied" in missed.inner_text()
    assert frame.locator("ins.rd-am1").count() > 0  # two amendments, two colours
    _shot(page, tmp_path, "amend-report.png")
    with page.expect_download() as info:
        page.click("#download-docx")
    data = Path(info.value.path()).read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        body = z.read("word/document.xml").decode()
    assert 'w:author="Ruritania (A/99/L.9)"' in body
    assert 'w:author="Borduria and others (A/99/L.10)"' in body
    assert os.path.getsize(info.value.path()) == len(data)
