"""The web pages in a real browser: Debian's chromium driven by Playwright, against the app
served on a free 127.0.0.1 port. Set RESDIFF_SCREENSHOTS=DIR to keep the screenshots."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from service.web.app import create_app
from tests.conftest import INTERPOL
from tests.test_api import AMENDED, DRAFT

CHROMIUM = Path("/usr/bin/chromium")

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason="/usr/bin/chromium is absent (make deps installs it)"
    ),
]


@pytest.fixture
def base_url(tmp_path: Path) -> Iterator[str]:
    app = create_app(
        {
            "RESDIFF_DATA_DIR": str(tmp_path / "data"),
            "RESDIFF_MIRROR": str(INTERPOL) if INTERPOL.is_dir() else None,
            "RESDIFF_ODS_URL": "http://127.0.0.1:9",
        }
    )
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


@pytest.fixture
def page(tmp_path: Path):  # type: ignore[no-untyped-def]
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=str(CHROMIUM),
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        context = browser.new_context(
            accept_downloads=True, viewport={"width": 1280, "height": 900}
        )
        yield context.new_page()
        context.close()
        browser.close()


def _shot(page, tmp_path: Path, name: str) -> None:  # type: ignore[no-untyped-def]
    folder = Path(os.environ.get("RESDIFF_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(folder / name), full_page=True)


def _download(page, selector: str) -> bytes:  # type: ignore[no-untyped-def]
    with page.expect_download() as info:
        page.click(selector)
    return Path(info.value.path()).read_bytes()


def test_upload_a_draft_compare_and_download(page, base_url: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    page.goto(base_url + "/")
    assert "Compare two versions" in page.content()
    if INTERPOL.is_dir():
        # the real case: the last resolution against a negotiator's draft of the next one
        page.click("#load-interpol")
        page.wait_for_selector("text=loaded 4 resolutions")
        _shot(page, tmp_path, "home.png")
        old_id = page.locator("#old_id option", has_text="A/RES/79/136").first.get_attribute(
            "value"
        )
        page.select_option("#old_id", old_id)
        last = (INTERPOL / "A_RES_79_136_en.txt").read_text()
        draft = last.replace("Encourages", "Strongly urges", 1).replace(
            "Requests the Secretary-General", "Invites the Secretary-General", 1
        )
        assert draft != last
    else:
        _shot(page, tmp_path, "home.png")
        page.fill("#old_text", DRAFT)
        draft = AMENDED
    draft_file = tmp_path / "draft-v1.txt"
    draft_file.write_text(draft)
    page.set_input_files("#new_file", str(draft_file))
    page.select_option("#new_id", "")
    page.click("#compare-button")
    page.wait_for_url("**/report/**")

    frame = page.frame_locator("#report-frame")
    frame.locator("ins").first.wait_for(state="visible")
    frame.locator("del").first.wait_for(state="visible")
    assert frame.locator("ins").count() >= 1 and frame.locator("del").count() >= 1
    _shot(page, tmp_path, "report.png")

    assert _download(page, "#download-pdf").startswith(b"%PDF-")
    assert _download(page, "#download-docx").startswith(b"PK")

    page.click("text=Side by side")
    page.frame_locator("#report-frame").locator("ins").first.wait_for(state="visible")
    _shot(page, tmp_path, "report-side-by-side.png")


def test_error_page_is_friendly(page, base_url: str) -> None:  # type: ignore[no-untyped-def]
    response = page.goto(base_url + "/report/nothing")
    assert response is not None and response.status == 404
    assert page.locator("h1").inner_text() == "Document not found"
    assert "Traceback" not in page.content()


def test_the_pages_and_reports_break_no_content_security_policy_rule(page, base_url: str) -> None:  # type: ignore[no-untyped-def]
    """Issue 16: the CSP of every answer holds for the real pages; the report's own
    script (j/k) and the page's (fitting the frame) still run."""
    violations: list[str] = []
    page.on(
        "console", lambda m: violations.append(m.text) if "Content Security" in m.text else None
    )
    page.goto(base_url + "/")
    page.fill("#old_text", DRAFT)
    page.fill("#new_text", AMENDED)
    page.click("#compare-button")
    page.wait_for_url("**/report/**")
    frame = page.frame_locator("#report-frame")
    frame.locator("ins").first.wait_for(state="visible")
    # (Playwright's wait_for_function evaluates strings, which the CSP forbids: poll here)
    fitted = "() => document.getElementById('report-frame').style.height"
    assert _poll(page, fitted).endswith("px")  # app.js fitted the frame
    report = page.evaluate("() => document.getElementById('report-frame').src")
    page.goto(report)  # the report alone: its inline script, allowed by its hash, runs
    page.keyboard.press("j")
    assert _poll(page, "() => location.hash").startswith("#c"), violations
    assert [v for v in violations if "Content Security" in v] == []


def _poll(page, script: str) -> str:  # type: ignore[no-untyped-def]
    """The value of ``script`` once it is not empty (10 s at most)."""
    import time

    end = time.monotonic() + 10
    while not (value := page.evaluate(script)) and time.monotonic() < end:
        time.sleep(0.1)
    return str(value)


def test_start_the_next_draft_from_the_library(page, base_url: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The library's button downloads the Word file; its redline link opens the report."""
    from tests.test_draft_report import BASE

    base = tmp_path / "A_RES_78_54.txt"
    base.write_text(BASE, encoding="utf-8")
    page.goto(base_url + "/")
    page.set_input_files("#library input[name=file]", str(base))
    page.click("#library button:has-text('Add files')")
    page.wait_for_selector("p.message.ok")
    with page.expect_download() as info:
        page.click("form.draft-form button[value=docx]")
    assert info.value.suggested_filename == "resdiff_draft_from_A_RES_78_54.docx"
    assert Path(info.value.path()).read_bytes().startswith(b"PK")
    page.click("form.draft-form button[value=html]")
    page.wait_for_url("**/report/**")
    frame = page.frame_locator("#report-frame")
    frame.locator("text=Proposed, not made").first.wait_for(state="visible")
    assert frame.locator(".rd-why").count() >= 3
    _shot(page, tmp_path, "draft.png")
    assert _download(page, "#download-docx").startswith(b"PK")
