"""The PDF report: no WeasyPrint warning, the right text and pages, Noto fonts, no fetching."""

from __future__ import annotations

import io
import logging
from typing import Any

import pypdf
import pytest
from conftest import INTERPOL, needs_corpus
from render_samples import FILE_IMG, SCRIPT, change, sample_comparison

import diffing
from diffing.model import Comparison, Paragraph, Resolution
from service.render.pdf import FetchRefusedError, refuse_fetch, url_fetcher
from service.reports import render_comparison


@pytest.fixture
def no_warnings(caplog: pytest.LogCaptureFixture):  # type: ignore[no-untyped-def]
    caplog.set_level(logging.WARNING, logger="weasyprint")
    yield
    records = [r for r in caplog.records if r.name.startswith("weasyprint")]
    assert not records, [r.getMessage() for r in records]


def _pdf(data: bytes) -> pypdf.PdfReader:
    assert data.startswith(b"%PDF-")
    return pypdf.PdfReader(io.BytesIO(data))


def _text(reader: pypdf.PdfReader) -> str:
    return "\n".join(page.extract_text() for page in reader.pages)


def _fonts(reader: pypdf.PdfReader) -> set[str]:
    names = set()
    for page in reader.pages:
        resources: Any = page["/Resources"].get_object()
        fonts = resources.get("/Font", {})
        for ref in fonts.values():
            names.add(str(ref.get_object()["/BaseFont"]).split("+")[-1])
    return names


def test_sample_report(no_warnings: None) -> None:
    reader = _pdf(render_comparison(sample_comparison(), "pdf"))
    n = len(reader.pages)
    text = _text(reader)
    assert 1 <= n <= 4
    assert "A/RES/73/11" in text and "A/RES/75/10" in text
    assert f"page 1 of {n}" in text and f"page {n} of {n}" in text
    assert "Legend" in text or "LEGEND" in text
    assert "Changes" in text or "CHANGES" in text
    assert "Recognizing the role of women in policing" in " ".join(text.split())
    # hostile markup prints as text, it never runs or loads
    assert "<script>" in text and "file:///etc/passwd" in text
    assert any(f.replace("-", "").startswith("NotoSerif") for f in _fonts(reader))


def test_side_by_side_pdf(no_warnings: None) -> None:
    reader = _pdf(render_comparison(sample_comparison(), "pdf", view="side-by-side"))
    assert "Stresses the need for funding" in " ".join(_text(reader).split())


def test_arabic_and_chinese_get_noto_fonts(no_warnings: None) -> None:
    ar = "إن الجمعية العامة، إذ تشير إلى قرارها بشأن التعاون بين الأمم المتحدة والإنتربول،"
    zh = "回顾其关于联合国与国际刑事警察组织合作的决议，"
    old = Resolution(
        symbol="A/RES/1",
        language="ar",
        paragraphs=[Paragraph("PP1", "preambular", ar, lead="إذ تشير")],
    )
    new = Resolution(
        symbol="A/RES/2",
        language="ar",
        paragraphs=[Paragraph("PP1", "preambular", ar + " " + zh, lead="إذ تشير")],
    )
    c = Comparison(old, new, [change("reworded", old, new, ["PP1"], ["PP1"])])
    fonts = _fonts(_pdf(render_comparison(c, "pdf")))
    assert any("Arabic" in f for f in fonts), fonts
    assert any("CJK" in f for f in fonts), fonts


def test_fetcher_refuses_files_and_network() -> None:
    fetcher = url_fetcher()
    for url in (
        "file:///etc/passwd",
        "http://127.0.0.1:9/x.css",
        "https://example.org/a.png",
        "/etc/passwd",
    ):
        with pytest.raises((FetchRefusedError, ValueError)):
            fetcher.fetch(url)
    with pytest.raises(FetchRefusedError):
        refuse_fetch("FILE:///etc/passwd")
    refuse_fetch("data:text/plain,ok")  # our own data: URIs are allowed
    resp = fetcher.fetch("data:text/plain,ok")
    assert resp is not None


def test_a_document_asking_for_files_gets_nothing(caplog: pytest.LogCaptureFixture) -> None:
    """Even raw HTML (not ours, not escaped) cannot make the renderer read a file."""
    import weasyprint

    caplog.set_level(logging.WARNING, logger="weasyprint")
    html = f'<p>x</p>{FILE_IMG}<link rel="stylesheet" href="file:///etc/passwd">{SCRIPT}'
    data = weasyprint.HTML(
        string=html, base_url="about:blank", url_fetcher=url_fetcher()
    ).write_pdf()
    assert "root:" not in _text(_pdf(data))
    messages = " ".join(r.getMessage() for r in caplog.records)
    assert "passwd" in messages  # the fetch was attempted and refused


@needs_corpus
def test_real_report_73_11_to_75_10(no_warnings: None) -> None:
    c = diffing.compare(
        diffing.parse((INTERPOL / "A_RES_73_11_en.txt").read_text(encoding="utf-8")),
        diffing.parse((INTERPOL / "A_RES_75_10_en.txt").read_text(encoding="utf-8")),
    )
    reader = _pdf(render_comparison(c, "pdf"))
    n = len(reader.pages)
    assert 3 <= n <= 20
    first = reader.pages[0].extract_text()
    assert "A/RES/73/11" in first and ("Changes" in first or "CHANGES" in first)
    flat = " ".join(_text(reader).split())
    assert f"page {n} of {n}" in flat
    for p in c.new.paragraphs[:3]:
        assert p.text.split()[0] in flat


def _changed_entries(html: str) -> dict[str, str]:
    """The classes of each changed entry of a PDF's HTML, by paragraph label."""
    import re

    pattern = (
        r'<div class="rd-entry rd-changed ([^"]*)">\s*<div class="rd-label"[^>]*>'
        r'<h3 class="rd-h" id="[^"]*"><span class="rd-id">([^<]*)</span>'
    )
    return {label: classes for classes, label in re.findall(pattern, html)}


def test_a_label_taller_than_its_text_floats() -> None:
    from service.render.html import pdf_css, render_comparison_html

    html = render_comparison_html(sample_comparison(), pdf=True)
    entries = _changed_entries(html)
    # the verb change's label (id, badge, verbs, direction) is taller than its one line
    assert "rd-inflow" not in entries["OP1"]
    # the stylesheet is WeasyPrint's, parsed once: the HTML carries the page numbers only
    head = html.split("</style>")[0]
    assert ".rd-inflow" not in head and "counter(pages)" in head
    assert ".rd-inflow" in pdf_css()


@needs_corpus
def test_labels_lie_in_the_flow_beside_longer_texts() -> None:
    from service.render.html import render_comparison_html

    old, new = (
        diffing.parse((INTERPOL / n).read_text(encoding="utf-8"))
        for n in ("A_RES_73_11_en.txt", "A_RES_75_10_en.txt")
    )
    entries = _changed_entries(render_comparison_html(diffing.compare(old, new), pdf=True))
    # "PP4 (new)" and its badge: two lines beside four lines of text
    assert "rd-inflow" in entries["PP4 (new)"]
    # a routine update's id, badge and two tags take more lines: it floats
    assert "rd-inflow" not in entries["PP1"]
