"""Series reports: one row per paragraph lineage across the versions."""

from __future__ import annotations

import json
import logging

import lxml.html
import pytest
from conftest import INTERPOL, needs_corpus
from render_samples import sample_comparison

import diffing
from diffing.model import Series, SeriesRow
from service.reports import render_series


def _sample_series() -> Series:
    c = sample_comparison()
    rows = [
        SeriesRow([ch.old[0] if ch.old else None, ch.new[0] if ch.new else None], [None, ch.type])
        for ch in c.changes
    ]
    return Series([c.old, c.new], [c], rows)


def test_json_is_to_dict() -> None:
    s = _sample_series()
    assert json.loads(render_series(s, "json")) == s.to_dict()


def test_html_grid_escapes_and_details() -> None:
    s = _sample_series()
    out = render_series(s, "html").decode()
    assert "<script>alert" not in out and "&lt;script&gt;" in out
    doc = lxml.html.fromstring(out)
    rows = doc.xpath("//table[contains(@class, 'rd-grid')]/tbody/tr")
    assert len(rows) == len(s.rows)
    assert doc.xpath("//td[contains(@class, 'rd-cell-added')]")
    assert doc.xpath("//td[contains(@class, 'rd-cell-removed')]")
    details = doc.xpath("//details")
    assert details and details[0].xpath(".//ins | .//del")


def test_text_grid() -> None:
    out = render_series(_sample_series(), "text").decode()
    assert out.splitlines()[0] == "Series: A/RES/73/11 -> A/RES/75/10"
    assert "PP5+" in out and "(removed)" in out


@needs_corpus
def test_interpol_series(caplog: pytest.LogCaptureFixture) -> None:
    files = [
        "A_RES_73_11_en.txt",
        "A_RES_75_10_en.txt",
        "A_RES_77_20_en.txt",
        "A_RES_79_136_en.txt",
    ]
    s = diffing.compare_series(
        [diffing.parse((INTERPOL / f).read_text(encoding="utf-8")) for f in files]
    )
    doc = lxml.html.fromstring(render_series(s, "html").decode())
    header = [
        th.text_content() for th in doc.xpath("//table[contains(@class, 'rd-grid')]/thead//th")
    ]
    assert header[:4] == ["A/RES/73/11", "A/RES/75/10", "A/RES/77/20", "A/RES/79/136"]
    assert len(doc.xpath("//table[contains(@class, 'rd-grid')]/tbody/tr")) == len(s.rows)
    caplog.set_level(logging.WARNING, logger="weasyprint")
    pdf = render_series(s, "pdf")
    assert pdf.startswith(b"%PDF-")
    assert not [r for r in caplog.records if r.name.startswith("weasyprint")]
