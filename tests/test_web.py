"""The web pages: library, compare form (library, upload, paste), series, report page."""

from __future__ import annotations

import io
import re

from tests.conftest import needs_corpus
from tests.test_api import AMENDED, DRAFT


def test_home_on_an_empty_store(client) -> None:  # type: ignore[no-untyped-def]
    r = client.get("/")
    assert r.status_code == 200 and r.mimetype == "text/html"
    page = r.get_data(as_text=True)
    assert "Compare two versions" in page and "The library is empty" in page
    assert "Load the INTERPOL series" in page or "RESDIFF_MIRROR" not in page


def test_static_files_are_local(client) -> None:  # type: ignore[no-untyped-def]
    page = client.get("/").get_data(as_text=True)
    assert "http://" not in page.replace("http://www.w3.org", "") and "https://" not in page
    assert client.get("/static/style.css").status_code == 200
    assert client.get("/static/app.js").status_code == 200


def test_paste_two_texts_then_download_every_format(client) -> None:  # type: ignore[no-untyped-def]
    r = client.post("/compare", data={"old_text": DRAFT, "new_text": AMENDED, "view": "inline"})
    assert r.status_code == 303
    page = client.get(r.headers["Location"])
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    key = r.headers["Location"].split("/report/")[1].split("?")[0]
    for fmt in ("pdf", "docx", "json"):
        assert f"/report/{key}.{fmt}" in text
    html = client.get(f"/report/{key}.html")
    assert html.status_code == 200 and b"<ins" in html.data and b"<del" in html.data
    pdf = client.get(f"/report/{key}.pdf")
    assert pdf.data.startswith(b"%PDF-") and "attachment" in pdf.headers["Content-Disposition"]
    assert client.get(f"/report/{key}.docx").data.startswith(b"PK")
    assert client.get(f"/report/{key}.json").get_json()["summary"]["added"] == 1
    # the pasted versions are now in the library
    assert client.get("/api/documents").get_json()["total"] == 2


def test_upload_a_file_against_a_library_document(client) -> None:  # type: ignore[no-untyped-def]
    doc = client.post("/api/documents", json={"text": DRAFT}).get_json()
    r = client.post(
        "/compare",
        data={"old_id": doc["id"], "new_file": (io.BytesIO(AMENDED.encode()), "draft-v2.txt")},
    )
    assert r.status_code == 303
    assert client.get(r.headers["Location"]).status_code == 200


def test_compare_without_a_version_is_a_friendly_error(client) -> None:  # type: ignore[no-untyped-def]
    r = client.post("/compare", data={"new_text": DRAFT})
    assert r.status_code == 400 and r.mimetype == "text/html"
    assert b"choose the old version" in r.data


def test_upload_form_reports_bad_files_and_continues(client) -> None:  # type: ignore[no-untyped-def]
    r = client.post(
        "/documents",
        data={"file": [(io.BytesIO(DRAFT.encode()), "good.txt"), (io.BytesIO(b""), "empty.txt")]},
    )
    assert r.status_code == 200
    page = r.get_data(as_text=True)
    assert "good.txt: added" in page and "empty.txt:" in page and 'class="message error"' in page


def test_fetch_form_with_a_bad_symbol(client) -> None:  # type: ignore[no-untyped-def]
    r = client.post("/fetch", data={"symbol": "A/RES/../x", "language": "en"})
    assert r.status_code == 400 and b"not a UN General Assembly document symbol" in r.data


@needs_corpus
def test_load_and_follow_the_interpol_series(client) -> None:  # type: ignore[no-untyped-def]
    r = client.post("/load-interpol")
    assert r.status_code == 200
    assert b"loaded 4 resolutions" in r.data and b"A/RES/71/19" in r.data
    home = client.get("/").get_data(as_text=True)
    assert "Follow the INTERPOL series" in home and "A/RES/79/136" in home
    r = client.post("/series", data={"interpol": "1"})
    assert r.status_code == 303
    page = client.get(r.headers["Location"]).get_data(as_text=True)
    assert "Series of 4 versions" in page and "rd-grid" in page
    key = r.headers["Location"].rsplit("/", 1)[1]
    assert client.get(f"/report/{key}.json").get_json()["versions"][0]["symbol"] == "A/RES/73/11"
    assert client.get(f"/report/{key}.docx").status_code == 400  # no docx for a series


def test_one_source_per_side(client) -> None:  # type: ignore[no-untyped-def]
    """The form's tabs say which source a side takes: the others are not read, even
    when they hold something (a library choice left next to an uploaded file)."""
    kept = client.post("/api/documents", json={"text": DRAFT}).get_json()
    r = client.post(
        "/compare",
        data={
            "old_source": "paste",
            "old_text": DRAFT,
            "old_id": "nothing-such",  # left over in the library tab: not read
            "new_source": "file",
            "new_file": (io.BytesIO(AMENDED.encode()), "amended.txt"),
            "new_id": kept["id"],
        },
    )
    assert r.status_code == 303
    key = r.headers["Location"].split("/report/")[1].split("?")[0]
    report = client.get(f"/report/{key}.json").get_json()
    assert report["summary"]["added"] == 1  # the uploaded amended text, not the stored draft
    r = client.post(
        "/compare", data={"old_source": "file", "old_id": kept["id"], "new_text": DRAFT}
    )
    assert r.status_code == 400 and b"choose a file for the old version" in r.data


def test_report_page_holds_the_report(client) -> None:  # type: ignore[no-untyped-def]
    r = client.post("/compare", data={"old_text": DRAFT, "new_text": AMENDED})
    page = client.get(r.headers["Location"]).get_data(as_text=True)
    assert "<iframe" not in page and 'class="rd-report' in page
    assert page.count("<h1") == 1  # the report's own
    assert "<style" not in page and "<script>" not in page and 'style="' not in page
    key = r.headers["Location"].split("/report/")[1].split("?")[0]
    for asset in ("report.css", "report.js"):
        assert client.get(f"/report-assets/{asset}").status_code == 200
    # the page's choices carry to the downloads
    page = client.get(f"/report/{key}?view=side-by-side&changes_only=1").get_data(as_text=True)
    assert f"/report/{key}.pdf?view=side-by-side&amp;changes_only=1" in page
    assert "rd-changes-only" in page and "rd-view-side-by-side" in page
    summary = client.get(f"/report/{key}.pdf?summary_only=1")
    assert summary.data.startswith(b"%PDF-")
    html = client.get(f"/report/{key}.html?download=1")
    assert "attachment" in html.headers["Content-Disposition"] and b"<style>" in html.data


def test_pages_speak_the_readers_language(client) -> None:  # type: ignore[no-untyped-def]
    page = client.get("/", headers={"Accept-Language": "fr-CH, fr;q=0.9, en;q=0.8"})
    text = page.get_data(as_text=True)
    assert '<html lang="fr"' in text and "Comparer deux versions" in text
    assert "Accept-Language" in page.headers["Vary"]
    switched = client.get("/?lang=en", headers={"Accept-Language": "fr"})
    assert "Compare two versions" in switched.get_data(as_text=True)
    assert "resdiff_lang=en" in switched.headers["Set-Cookie"]
    # the choice is kept (the cookie) over the browser's language
    again = client.get("/", headers={"Accept-Language": "fr"}).get_data(as_text=True)
    assert "Compare two versions" in again
    r = client.post("/compare", data={"new_text": DRAFT}, headers={"Accept-Language": "fr"})
    assert r.status_code == 400


def test_every_section_of_the_home_page_speaks_french(client) -> None:  # type: ignore[no-untyped-def]
    english = client.get("/?lang=en").get_data(as_text=True)
    french = client.get("/?lang=fr").get_data(as_text=True)
    heads = re.compile(r"<h2[^>]*>(.*?)</h2>|id=\"amend-link\">(.*?)</a>", re.S)
    assert len(heads.findall(english)) >= 5
    assert not set(heads.findall(english)) & set(heads.findall(french))
    assert "Appliquer des amendements à un projet" in french
    assert "Before a vote" not in french and "Avant un vote" in french


def test_a_french_report_on_an_english_page(client) -> None:  # type: ignore[no-untyped-def]
    from tests.render_samples import french_pair

    old, new = french_pair()
    r = client.post("/compare", data={"old_text": old, "new_text": new})
    page = client.get(r.headers["Location"], headers={"Accept-Language": "en"})
    text = page.get_data(as_text=True)
    assert "Report options and downloads" in text  # the page: the reader's language
    assert 'class="rd-report rd-comparison rd-view-inline" lang="fr"' in text  # the report: French
    key = r.headers["Location"].split("/report/")[1].split("?")[0]
    english = client.get(f"/report/{key}?language=en").get_data(as_text=True)
    assert 'rd-view-inline" lang="en"' in english
    # the page's language switch keeps the report's choices
    assert f"/report/{key}?language=en&amp;lang=fr" in english


def test_the_library_comes_in_pages(client, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from service.web import pages

    monkeypatch.setattr(pages, "PAGE_SIZE", 2)
    for n in range(5):
        text = DRAFT.replace("Recalling", f"Recalling {n} times")
        assert client.post("/api/documents", json={"text": text}).status_code == 201
    first = client.get("/").get_data(as_text=True)
    assert "Documents 1 to 2 of 5" in first and "?page=2" in first and "?page=0" not in first
    assert first.count('class="sym"') == 2
    last = client.get("/?page=3").get_data(as_text=True)
    assert "Documents 5 to 5 of 5" in last and "?page=2" in last and "?page=4" not in last
    assert last.count('class="sym"') == 1
    assert "Documents 5 to 5 of 5" in client.get("/?page=99").get_data(as_text=True)
    assert "Documents 1 to 2 of 5" in client.get("/?page=x").get_data(as_text=True)
    assert "Documents 1 à 2 sur 5" in client.get("/?lang=fr").get_data(as_text=True)
