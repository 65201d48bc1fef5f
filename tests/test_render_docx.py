"""The Word report: real tracked changes that accept to the new text and reject to the old."""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from conftest import INTERPOL, needs_corpus
from lxml import etree
from render_samples import sample_comparison

import diffing
from diffing.model import Comparison
from service.reports import render_comparison

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}


def _q(tag: str) -> str:
    return f"{{{W}}}{tag}"


def _body(data: bytes) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        root = etree.fromstring(z.read("word/document.xml"))
    return root.find("w:body", NS)


def _resolve(data: bytes, accept: bool) -> list[str]:
    """The paragraph texts once every revision is accepted (or rejected).

    accept: drop w:del, unwrap w:ins, a paragraph whose mark is deleted joins
    the next; reject: drop w:ins, unwrap w:del (delText becomes text), a
    paragraph whose mark is inserted joins the next.
    """
    gone = "del" if accept else "ins"
    texts: list[str] = []
    carry = ""
    for p in _body(data).iterfind("w:p", NS):
        parts = []
        for el in p.iter(_q("t"), _q("delText")):
            wrappers = {a.tag for a in el.iterancestors() if a.tag in (_q("ins"), _q("del"))}
            if _q(gone) in wrappers:
                continue
            parts.append(el.text or "")
        text = carry + "".join(parts)
        mark = p.find("w:pPr/w:rPr", NS)
        mark_gone = mark is not None and mark.find(f"w:{gone}", NS) is not None
        if mark_gone:
            carry = text
            continue
        carry = ""
        texts.append(text)
    if carry:
        texts.append(carry)
    return texts


def _body_texts(texts: list[str], assembly: str = "The General Assembly,") -> list[str]:
    """The resolution's paragraphs: after the Assembly line, without part headings."""
    start = texts.index(assembly) + 1
    return [t for t in texts[start:] if t]


def _check_accept_reject(c: Comparison, data: bytes) -> None:
    new = [p.text for p in c.new.paragraphs]
    old = [p.text for p in c.old.paragraphs]
    assert _body_texts(_resolve(data, accept=True)) == new
    assert _body_texts(_resolve(data, accept=False)) == old


def test_accept_gives_new_and_reject_gives_old() -> None:
    c = sample_comparison()
    _check_accept_reject(c, render_comparison(c, "docx"))


def test_revisions_have_unique_ids_author_and_date() -> None:
    data = render_comparison(sample_comparison(), "docx", author="Delegation X", date="2024-05-01")
    body = _body(data)
    revs = body.xpath("//w:ins | //w:del", namespaces=NS)
    assert len(revs) > 10
    ids = [r.get(_q("id")) for r in revs]
    assert len(ids) == len(set(ids))
    assert {r.get(_q("author")) for r in revs} == {"Delegation X"}
    assert {r.get(_q("date")) for r in revs} == {"2024-05-01T00:00:00Z"}
    # deleted text is in w:delText, never in w:t
    assert not body.xpath("//w:del//w:t", namespaces=NS)
    assert body.xpath("//w:del//w:delText", namespaces=NS)


def test_paragraph_marks_are_tracked() -> None:
    body = _body(render_comparison(sample_comparison(), "docx"))
    marks_ins = body.xpath("//w:p/w:pPr/w:rPr/w:ins", namespaces=NS)
    marks_del = body.xpath("//w:p/w:pPr/w:rPr/w:del", namespaces=NS)
    # added PP5, moved PP2 (destination) and the split OP3|OP4 insert a mark;
    # removed OP4, moved PP4 (origin) and the merge OP5+OP6 delete one
    assert len(marks_ins) == 3
    assert len(marks_del) == 3


def test_operative_paragraphs_are_numbered_by_word() -> None:
    data = render_comparison(sample_comparison(), "docx")
    d = docx.Document(io.BytesIO(data))
    numbered = [p for p in d.paragraphs if p._p.xpath("./w:pPr/w:numPr")]
    levels = [int(p._p.xpath("./w:pPr/w:numPr/w:ilvl/@w:val")[0]) for p in numbered]
    assert 0 in levels and 1 in levels
    # the number is Word's, not part of the text
    assert not any(p.text.lstrip().startswith(("1.", "(a)")) for p in numbered)


def test_reopens_in_python_docx_with_markup_as_text() -> None:
    data = render_comparison(sample_comparison(), "docx")
    d = docx.Document(io.BytesIO(data))
    assert any("General Assembly" in p.text for p in d.paragraphs)
    xml = _body(data)
    assert not xml.xpath("//script | //img")  # markup stays text
    assert any("<script>" in (t.text or "") for t in xml.iter(_q("delText")))


def test_arabic_paragraphs_are_right_to_left() -> None:
    c = sample_comparison(language="ar")
    body = _body(render_comparison(c, "docx"))
    assert body.xpath("//w:p/w:pPr/w:bidi", namespaces=NS)
    assert body.xpath("//w:r/w:rPr/w:rtl", namespaces=NS)
    assert "\u0625\u0646 \u0627\u0644\u062c\u0645\u0639\u064a\u0629" in "".join(
        _resolve(render_comparison(c, "docx"), True)
    )


@needs_corpus
@pytest.mark.parametrize(
    ("old", "new"),
    [("A_RES_73_11_en.txt", "A_RES_75_10_en.txt"), ("A_RES_75_10_en.txt", "A_RES_77_20_en.txt")],
)
def test_real_series_steps_accept_and_reject(old: str, new: str) -> None:
    c = diffing.compare(
        diffing.parse((INTERPOL / old).read_text(encoding="utf-8")),
        diffing.parse((INTERPOL / new).read_text(encoding="utf-8")),
    )
    data = render_comparison(c, "docx")
    _check_accept_reject(c, data)
    docx.Document(io.BytesIO(data))


def test_opens_in_libreoffice(tmp_path: Path) -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed: cannot check the docx opens there")
    src = tmp_path / "report.docx"
    src.write_bytes(render_comparison(sample_comparison(), "docx"))
    subprocess.run(
        [soffice, "--headless", "--convert-to", "txt:Text", "--outdir", str(tmp_path), str(src)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    assert "Member States" in (tmp_path / "report.txt").read_text(
        encoding="utf-8", errors="replace"
    )
