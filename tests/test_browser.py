"""The web pages in a real browser: Debian's chromium driven by Playwright, against the app
served on a free 127.0.0.1 port, as the three users of issue 15 use them (a delegate
preparing the INTERPOL renewal, a secretary with a draft and its adopted text, a
francophone delegate): printing, keyboard navigation, the series page, the forms, phones
(390 x 844), accessibility. Set RESDIFF_SCREENSHOTS=DIR to keep the screenshots."""

from __future__ import annotations

import os
import re
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from werkzeug.serving import make_server

import diffing
from service.web.app import create_app
from tests.conftest import INTERPOL, needs_corpus
from tests.render_samples import french_pair
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
def browser():  # type: ignore[no-untyped-def]
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
        yield browser
        browser.close()


@pytest.fixture
def page(browser):  # type: ignore[no-untyped-def]
    context = browser.new_context(accept_downloads=True, viewport={"width": 1280, "height": 900})
    yield context.new_page()
    context.close()


@pytest.fixture
def phone(browser):  # type: ignore[no-untyped-def]
    context = browser.new_context(
        viewport={"width": 390, "height": 844},
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
    )
    yield context.new_page()
    context.close()


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
        page.click("label[for=old-src-paste]")
        page.fill("#old_text", DRAFT)
        draft = AMENDED
    draft_file = tmp_path / "draft-v1.txt"
    draft_file.write_text(draft)
    page.click("label[for=new-src-file]")  # the file tab: the library's choice is left aside
    page.set_input_files("#new_file", str(draft_file))
    page.click("#compare-button")
    page.wait_for_url("**/report/**")

    page.locator("article ins").first.wait_for(state="visible")
    page.locator("article del").first.wait_for(state="visible")
    _shot(page, tmp_path, "report.png")

    assert _download(page, "#download-pdf").startswith(b"%PDF-")
    assert _download(page, "#download-docx").startswith(b"PK")
    assert _download(page, "#download-html").startswith(b"<!DOCTYPE html>")

    page.click("text=Side by side")
    page.locator(".rd-sbs ins").first.wait_for(state="visible")
    _shot(page, tmp_path, "report-side-by-side.png")


def test_error_page_is_friendly(page, base_url: str) -> None:  # type: ignore[no-untyped-def]
    response = page.goto(base_url + "/report/nothing")
    assert response is not None and response.status == 404
    assert page.locator("h1").inner_text() == "Document not found"
    assert "Traceback" not in page.content()


def test_the_pages_and_reports_break_no_content_security_policy_rule(page, base_url: str) -> None:  # type: ignore[no-untyped-def]
    """Issue 16: the CSP of every answer holds for the real pages; the report's script
    (j/k, filters) runs on the page (a file) and in the report alone (inline)."""
    violations: list[str] = []
    page.on(
        "console", lambda m: violations.append(m.text) if "Content Security" in m.text else None
    )
    _pasted_report(page, base_url)
    page.locator("article ins").first.wait_for(state="visible")
    page.keyboard.press("j")  # report.js, a file of the page, runs
    assert _poll(page, "() => location.hash").startswith("#c"), violations
    assert page.locator(".rd-filters").is_visible()
    key = page.url.split("/report/")[1].split("?")[0].split("#")[0]
    page.goto(f"{base_url}/report/{key}.html")  # the report alone: its inline script and style
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
    page.locator("text=Proposed, not made").first.wait_for(state="visible")
    assert page.locator(".rd-why").count() >= 3
    _shot(page, tmp_path, "draft.png")
    assert _download(page, "#download-docx").startswith(b"PK")


# -- helpers ------------------------------------------------------------------------------


def _interpol_report(page, base_url: str, view: str = "inline") -> str:  # type: ignore[no-untyped-def]
    """77/20 -> 79/136 through the forms (the library tab is preselected); its page's URL."""
    page.goto(base_url + "/")
    page.click("#load-interpol")
    page.wait_for_selector("text=loaded 4 resolutions")
    if view != "inline":
        page.check(f"input[name=view][value={view}]")
    page.click("#compare-button")
    page.wait_for_url("**/report/**")
    return str(page.url)


def _pasted_report(page, base_url: str, old: str = DRAFT, new: str = AMENDED) -> str:  # type: ignore[no-untyped-def]
    page.goto(base_url + "/")
    for side, text in (("old", old), ("new", new)):
        page.click(f"label[for={side}-src-paste]")
        page.fill(f"#{side}_text", text)
    page.click("#compare-button")
    page.wait_for_url("**/report/**")
    return str(page.url)


def _pdf_text(page, tmp_path: Path, name: str) -> str:  # type: ignore[no-untyped-def]
    """The page as the browser prints it (print media), as text."""
    path = tmp_path / name
    page.pdf(path=str(path), format="A4", print_background=True)
    out = subprocess.run(["pdftotext", str(path), "-"], check=True, capture_output=True, text=True)
    return " ".join(out.stdout.split())


def _printed(paragraph: str, printed: str) -> bool:
    """Whether a paragraph's opening and closing words are in a printout (the labels of
    the changes may stand between its lines in the extracted text)."""
    words = paragraph.split()
    return " ".join(words[:6]) in printed and words[-1] in printed.split()


# -- printing -----------------------------------------------------------------------------


@needs_corpus
def test_printing_the_report_page_gives_the_whole_report(
    page, base_url: str, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    _interpol_report(page, base_url)
    last = diffing.parse((INTERPOL / "A_RES_79_136_en.txt").read_text(encoding="utf-8"))
    printed = _pdf_text(page, tmp_path, "report.pdf")
    assert _printed(last.paragraphs[-1].text, printed)  # OP25, the end of the text
    first_page = printed.split("\f")[0] if "\f" in printed else printed[:1500]
    assert "CHANGES" in first_page.upper() and "Report options" not in printed
    assert "Library" not in printed.split("A/RES/77/20")[0]  # no site header before the report
    page.click("text=Side by side")
    page.wait_for_selector(".rd-sbs")
    assert _printed(last.paragraphs[-1].text, _pdf_text(page, tmp_path, "sbs.pdf"))


@needs_corpus
def test_printing_the_series_page_gives_every_row(page, base_url: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    page.goto(base_url + "/")
    page.click("#load-interpol")
    page.wait_for_selector("text=loaded 4 resolutions")
    page.click("text=Follow the INTERPOL series")
    page.wait_for_url("**/report/**")
    printed = _pdf_text(page, tmp_path, "series.pdf")
    last = diffing.parse((INTERPOL / "A_RES_79_136_en.txt").read_text(encoding="utf-8"))
    assert _printed(last.paragraphs[-1].text, printed)
    # the rows' word changes print too, though their rows are closed on screen
    assert page.locator("details[open]").count() == 0
    assert "A/RES/77/20 → A/RES/79/136 · OP25" in printed


def test_printing_a_pasted_comparison(page, base_url: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _pasted_report(page, base_url)
    printed = _pdf_text(page, tmp_path, "pasted.pdf")
    assert _printed(diffing.parse(AMENDED).paragraphs[-1].text, printed)
    assert page.locator("#print-button").is_visible()


# -- keyboard -----------------------------------------------------------------------------


def _focused_change(page) -> str:  # type: ignore[no-untyped-def]
    return str(page.evaluate("document.activeElement.closest('.rd-changed[id]')?.id || ''"))


@needs_corpus
def test_j_and_k_move_from_the_current_position(page, base_url: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _interpol_report(page, base_url)
    ids = page.eval_on_selector_all(".rd-text .rd-changed[id]", "els => els.map(e => e.id)")
    assert len(ids) > 10
    page.keyboard.press("j")  # no click first
    assert _focused_change(page) == ids[0] and page.url.endswith("#" + ids[0])
    page.keyboard.press("j")
    assert _focused_change(page) == ids[1]
    page.keyboard.press("k")
    assert _focused_change(page) == ids[0]
    # scrolled away by the reader: j goes on from where the reader is, not from the focus
    page.evaluate(f"document.getElementById('{ids[10]}').scrollIntoView({{block: 'start'}})")
    page.evaluate("window.scrollBy(0, -40)")
    page.keyboard.press("j")
    assert _focused_change(page) == ids[10]
    page.keyboard.press("j")
    assert _focused_change(page) == ids[11]
    # a focused change on screen is the current position: k goes back from it
    page.evaluate("window.scrollBy(0, 60)")
    page.keyboard.press("k")
    assert _focused_change(page) == ids[10]
    # far above (the focused change off screen), the reader is half-way into a change:
    # k goes back to its top
    tops = page.eval_on_selector_all(
        ".rd-text .rd-changed[id]", "els => els.map(e => e.getBoundingClientRect().top + scrollY)"
    )
    height = page.evaluate("innerHeight")
    far = max(i for i in range(10) if tops[10] - tops[i] > 2 * height)
    page.evaluate(f"document.getElementById('{ids[far]}').scrollIntoView({{block: 'start'}})")
    page.evaluate("window.scrollBy(0, 40)")
    page.keyboard.press("k")
    assert _focused_change(page) == ids[far]
    top = page.evaluate(f"document.getElementById('{ids[far]}').getBoundingClientRect().top")
    assert 0 <= top < 40  # brought to the top of the window
    _shot(page, tmp_path, "report-keys.png")


# -- the change list's filters ---------------------------------------------------------------


def test_filters_show_one_kind_of_change(page, base_url: str) -> None:  # type: ignore[no-untyped-def]
    _pasted_report(page, base_url)
    rows = page.locator(".rd-cl-row")
    total = rows.count()
    page.click(".rd-filter[data-filter=addrem]")
    shown = page.locator(".rd-cl-row:visible")
    kinds = {shown.nth(i).get_attribute("data-kind") for i in range(shown.count())}
    assert kinds <= {"added", "removed"} and 0 < shown.count() < total
    assert page.locator(".rd-text .rd-same:visible").count() == 0
    assert page.locator(".rd-filter[data-filter=addrem]").get_attribute("aria-pressed") == "true"
    assert re.search(r"Showing \d+ of \d+ changes", page.locator(".rd-filter-status").inner_text())
    page.click(".rd-filter[data-filter=all]")
    assert page.locator(".rd-cl-row:visible").count() == total


# -- the series page ----------------------------------------------------------------------


@needs_corpus
def test_the_series_page_grows_with_its_rows(page, base_url: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    page.goto(base_url + "/")
    page.click("#load-interpol")
    page.wait_for_selector("text=loaded 4 resolutions")
    page.click("text=Follow the INTERPOL series")
    page.wait_for_url("**/report/**")
    closed = page.evaluate("document.documentElement.scrollHeight")
    page.click("text=Expand all")
    assert page.locator("details:not([open])").count() == 0
    opened = page.evaluate("document.documentElement.scrollHeight")
    assert opened > closed * 1.5  # the page grew: no frame of a fixed height, no inner scroll
    scrolls = page.evaluate(
        """[...document.querySelectorAll('body *')].filter(e => {
             const s = getComputedStyle(e);
             return /(auto|scroll)/.test(s.overflowY) && e.scrollHeight > e.clientHeight + 2;
           }).length"""
    )
    assert scrolls == 0
    last = page.locator(".rd-grid tbody tr").last
    last.scroll_into_view_if_needed()
    assert last.is_visible()
    _shot(page, tmp_path, "series-open.png")
    page.click("text=Collapse all")
    assert page.locator("details[open]").count() == 0
    page.check(".rd-only-changed")
    assert page.locator(".rd-row-same:visible").count() == 0


# -- the forms ----------------------------------------------------------------------------


def test_one_source_per_side_and_a_busy_state(page, base_url: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    page.goto(base_url + "/")
    assert page.locator("#old_file").is_visible()  # empty library: the file tab
    page.click("label[for=old-src-paste]")
    assert page.locator("#old_text").is_visible() and not page.locator("#old_file").is_visible()
    page.click("label[for=old-src-library]")
    assert page.locator("#old_id").is_visible() and not page.locator("#old_text").is_visible()
    # the busy state: the button waits and the page says why (submission held back here)
    page.evaluate(
        "document.querySelector('.compare-form').addEventListener('submit', e => e.preventDefault())"
    )
    page.click("#compare-button")
    assert page.locator("#compare-button").is_disabled()
    assert "Comparing the two versions" in page.locator("#busy-status").inner_text()
    assert page.locator("#busy-status").is_visible()
    _shot(page, tmp_path, "busy.png")


# -- phones -------------------------------------------------------------------------------


def _no_sideways_scroll(page) -> None:  # type: ignore[no-untyped-def]
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, width
    cut = page.evaluate(
        """[...document.querySelectorAll('button, a.button, .tab, select, input, textarea')]
             .filter(e => e.offsetParent !== null)
             .filter(e => { const r = e.getBoundingClientRect(); return r.right > 391 || r.left < -1; })
             .map(e => e.outerHTML.slice(0, 80))"""
    )
    assert not cut, cut


@needs_corpus
def test_phone_layout(phone, base_url: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    phone.goto(base_url + "/")
    phone.click("#load-interpol")
    phone.wait_for_selector("text=loaded 4 resolutions")
    _no_sideways_scroll(phone)
    _shot(phone, tmp_path, "phone-home.png")
    url = _interpol_report(phone, base_url, view="side-by-side")
    _no_sideways_scroll(phone)
    row = phone.locator(".rd-sbs tr.rd-changed").first
    old = row.locator("td.rd-old").bounding_box()
    new = row.locator("td.rd-new").bounding_box()
    assert old and new and new["y"] >= old["y"] + old["height"] - 1  # stacked, not columns
    assert new["width"] > 300
    _shot(phone, tmp_path, "phone-side-by-side.png")
    phone.goto(url.replace("view=side-by-side", "view=inline"))
    _no_sideways_scroll(phone)
    phone.goto(base_url + "/")
    phone.click("text=Follow the INTERPOL series")
    phone.wait_for_url("**/report/**")
    _no_sideways_scroll(phone)
    card = phone.locator(".rd-grid tbody tr").first
    assert card.evaluate("e => getComputedStyle(e).display") == "flex"  # one card per paragraph
    _shot(phone, tmp_path, "phone-series.png")


# -- accessibility -------------------------------------------------------------------------

_CONTRAST = """() => {
  const lum = c => { const v = c.map(x => { x /= 255; return x <= 0.03928 ? x / 12.92 : Math.pow((x + 0.055) / 1.055, 2.4); });
                     return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2]; };
  const rgb = s => (s.match(/[\\d.]+/g) || []).map(Number);
  const bg = e => { for (; e; e = e.parentElement) { const c = rgb(getComputedStyle(e).backgroundColor);
                    if (c.length === 3 || (c.length === 4 && c[3] > 0.5)) return c.slice(0, 3); } return [255, 255, 255]; };
  const bad = [];
  for (const e of document.querySelectorAll('body *')) {
    if (!e.offsetParent || e.closest('.rd-vh, .vh, .skip')) continue;
    const own = [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
    if (!own) continue;
    const s = getComputedStyle(e);
    if (parseFloat(s.opacity) < 1) continue;
    const fg = rgb(s.color).slice(0, 3), b = bg(e);
    const [l1, l2] = [lum(fg), lum(b)].sort((x, y) => y - x);
    const ratio = (l1 + 0.05) / (l2 + 0.05);
    if (ratio < 4.5) bad.push(e.tagName + '.' + e.className + ' ' + ratio.toFixed(2) + ' ' + e.textContent.trim().slice(0, 30));
  }
  return bad;
}"""

_TARGETS = """() => [...document.querySelectorAll('button, .button, .tab, .rd-nav a, .rd-clist a, summary, .source-tab, nav a')]
  .filter(e => e.offsetParent !== null)
  .filter(e => { const r = e.getBoundingClientRect(); return r.width < 24 || r.height < 24; })
  .map(e => e.outerHTML.slice(0, 80))"""


def test_accessibility_of_the_report_page(page, base_url: str) -> None:  # type: ignore[no-untyped-def]
    _pasted_report(page, base_url)
    assert page.locator("h1").count() == 1
    assert (
        page.locator(".rd-entry.rd-changed h3").count()
        == page.locator(".rd-entry.rd-changed").count()
    )
    assert page.evaluate(_CONTRAST) == []
    assert page.evaluate(_TARGETS) == []
    ins = page.locator("article ins").first
    assert ins.locator(".rd-vh").inner_text().strip() == "inserted:"
    # focus is visible
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline not in ("none", "")
    page.goto(base_url + "/")
    assert page.locator("h1").count() == 1
    assert page.evaluate(_CONTRAST) == []
    assert page.evaluate(_TARGETS) == []


def test_a_francophone_delegate(page, base_url: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    context = page.context
    context.set_extra_http_headers({"Accept-Language": "fr-FR,fr;q=0.9"})
    page.goto(base_url + "/")
    assert page.locator("html").get_attribute("lang") == "fr"
    assert "Comparer deux versions" in page.locator("#compare-h").inner_text()
    old, new = french_pair()
    _pasted_report(page, base_url, old, new)
    assert page.locator(".rd-report").get_attribute("lang") == "fr"
    assert page.locator(".rd-changes h2").inner_text().upper() == "MODIFICATIONS"
    assert "a)" in page.locator(".rd-subparagraph .rd-num").first.inner_text()
    assert "23 novembre 2020" in page.locator(".rd-docs").inner_text()
    assert "Imprimer" in page.locator("#print-button").inner_text()
    _shot(page, tmp_path, "report-fr.png")
