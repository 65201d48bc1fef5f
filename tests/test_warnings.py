"""Odd inputs are said at the top of every report: different languages, the same text twice,
an e-mail instead of a resolution, versions in the wrong order, different titles, a series
that runs from one resolution into another."""

from __future__ import annotations

import copy
import io
import zipfile

import lxml.html
import pypdf
import pytest
from conftest import FIXTURES, INTERPOL, needs_corpus
from render_samples import sample_resolutions

import diffing
from diffing.model import Resolution
from service.render.warnings import comparison_warnings, series_warnings
from service.reports import render_comparison, render_series

EMAIL = """Dear colleagues,

Please find attached the latest draft of the INTERPOL resolution for your review.
Comments are welcome by Friday.

Best regards,
Jane
"""


def _parse(name: str) -> Resolution:
    return diffing.parse((INTERPOL / name).read_text(encoding="utf-8"))


def _codes(old: Resolution, new: Resolution) -> list[str]:
    return [w.code for w in comparison_warnings(diffing.compare(old, new))]


def _everywhere(old: Resolution, new: Resolution, words: str) -> None:
    """``words`` stand in the HTML, text, PDF reports and the Word header."""
    c = diffing.compare(old, new)
    html = lxml.html.fromstring(render_comparison(c, "html").decode())
    box = html.xpath("//section[contains(@class, 'rd-warnings')]")
    assert box and words in " ".join(box[0].text_content().split())
    assert words in " ".join(render_comparison(c, "text").decode().split())
    pdf = pypdf.PdfReader(io.BytesIO(render_comparison(c, "pdf")))
    assert words in " ".join(pdf.pages[0].extract_text().split())
    with zipfile.ZipFile(io.BytesIO(render_comparison(c, "docx"))) as z:
        header = " ".join(z.read(n).decode() for n in z.namelist() if "header" in n)
    assert words in header


def test_a_normal_renewal_has_no_warning() -> None:
    old, new = sample_resolutions()
    assert _codes(old, new) == []


@needs_corpus
def test_french_against_english() -> None:
    fr = diffing.parse((FIXTURES / "A_RES_75_10_fr.md").read_text(encoding="utf-8"))
    en = _parse("A_RES_75_10_en.txt")
    assert _codes(fr, en)[0] == "languages"
    _everywhere(fr, en, "different languages (French and English)")


@needs_corpus
def test_the_same_document_twice() -> None:
    res = _parse("A_RES_79_136_en.txt")
    assert _codes(res, copy.deepcopy(res)) == ["identical"]
    _everywhere(res, copy.deepcopy(res), "The two texts are identical.")


@needs_corpus
def test_an_email_instead_of_a_resolution() -> None:
    mail = diffing.parse(EMAIL)
    codes = _codes(mail, _parse("A_RES_79_136_en.txt"))
    assert "notes" in codes and "unrelated" in codes
    _everywhere(mail, _parse("A_RES_79_136_en.txt"), "The old text may not be a resolution")


@needs_corpus
def test_versions_in_the_wrong_order() -> None:
    newer, older = _parse("A_RES_79_136_en.txt"), _parse("A_RES_77_20_en.txt")
    assert _codes(newer, older) == ["order"]
    _everywhere(newer, older, "A/RES/79/136 (adopted 6 December 2024) is more recent than")


def test_different_titles() -> None:
    old, new = sample_resolutions()
    new.title = "Oceans and the law of the sea"
    assert _codes(old, new) == ["titles"]


@needs_corpus
def test_a_series_across_unrelated_titles() -> None:
    """A series that runs from committee drafts into INTERPOL says so."""
    oceans = copy.deepcopy(_parse("A_RES_77_20_en.txt"))
    oceans.title = "Sustainable fisheries, including through the 1995 Agreement"
    versions = [_parse("A_RES_73_11_en.txt"), _parse("A_RES_75_10_en.txt"), oceans]
    s = diffing.compare_series(versions)
    found = series_warnings(s)
    assert [w.code for w in found] == ["titles"]
    html = render_series(s, "html").decode()
    assert "A/RES/77/20 has a title unlike that of A/RES/73/11" in " ".join(html.split())
    assert "WARNING: A/RES/77/20 has a title unlike" in render_series(s, "text").decode()


@pytest.mark.parametrize("code", ["languages", "order", "identical"])
def test_warnings_in_french(code: str) -> None:
    old, new = sample_resolutions(language="fr")
    if code == "languages":
        new.language = "en"
    elif code == "order":
        old.adopted, new.adopted = "2024-12-06", "2022-11-21"
    else:
        new = copy.deepcopy(old)
    c = diffing.compare(old, new)
    text = render_comparison(c, "text", language="fr").decode()
    assert "ATTENTION : " in text
    assert {"languages": "langues différentes", "order": "plus récente", "identical": "identiques"}[
        code
    ] in text
