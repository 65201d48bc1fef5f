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
    gone = ("del", "moveFrom") if accept else ("ins", "moveTo")
    tracked = {_q(t) for t in ("ins", "del", "moveFrom", "moveTo")}
    texts: list[str] = []
    carry = ""
    for p in _body(data).iterfind("w:p", NS):
        parts = []
        for el in p.iter(_q("t"), _q("delText")):
            wrappers = {a.tag for a in el.iterancestors() if a.tag in tracked}
            if wrappers & {_q(g) for g in gone}:
                continue
            if el.getparent().find("w:footnoteReference", NS) is not None:
                continue  # a footnote's own mark ("*")
            parts.append(el.text or "")
        text = carry + "".join(parts)
        mark = p.find("w:pPr/w:rPr", NS)
        mark_gone = mark is not None and any(mark.find(f"w:{g}", NS) is not None for g in gone)
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
    src = tmp_path / "report.docx"
    src.write_bytes(render_comparison(sample_comparison(), "docx"))
    text = _convert(src, "txt:Text", tmp_path).read_text(encoding="utf-8", errors="replace")
    assert "Member States" in text


@needs_corpus
@pytest.mark.slow
def test_real_report_in_libreoffice_has_its_footnotes(tmp_path: Path) -> None:
    """77/20 -> 79/136 as a delegate opens it: LibreOffice prints the footnotes as
    footnotes (at the foot of their page, not in the text)."""
    c = diffing.compare(
        diffing.parse((INTERPOL / "A_RES_77_20_en.txt").read_text(encoding="utf-8")),
        diffing.parse((INTERPOL / "A_RES_79_136_en.txt").read_text(encoding="utf-8")),
    )
    src = tmp_path / "interpol.docx"
    src.write_bytes(render_comparison(c, "docx"))
    pdf = _convert(src, "pdf", tmp_path)
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    for note in c.new.footnotes[:3]:
        assert note.text in " ".join(text.split())


def _part(data: bytes, name: str) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return etree.fromstring(z.read(name))


def test_footnotes_are_word_footnotes() -> None:
    data = render_comparison(sample_comparison(), "docx")
    notes = _part(data, "word/footnotes.xml")
    texts = {
        fn.get(_q("id")): "".join(fn.xpath(".//w:t/text() | .//w:delText/text()", namespaces=NS))
        for fn in notes.iterfind("w:footnote", NS)
    }
    # the separators, then one footnote per reference, the new one inserted
    assert {"-1", "0"} <= set(texts)
    refs = _body(data).xpath("//w:footnoteReference", namespaces=NS)
    assert sorted(r.get(_q("id")) for r in refs) == sorted(k for k in texts if k not in ("-1", "0"))
    assert "See A/71/L.12." in " ".join(texts.values())
    inserted = _body(data).xpath("//w:ins//w:footnoteReference", namespaces=NS)
    assert [texts[r.get(_q("id"))].strip() for r in inserted] == ["See A/73/L.21."]
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert "footnotes.xml" in z.read("word/_rels/document.xml.rels").decode()
        assert "footnotes+xml" in z.read("[Content_Types].xml").decode()


def test_document_properties_name_the_report_and_its_maker() -> None:
    from datetime import UTC, datetime, timedelta

    from service.render.docx import resdiff_version

    d = docx.Document(io.BytesIO(render_comparison(sample_comparison(), "docx")))
    props = d.core_properties
    assert props.title == "Cooperation between the United Nations and INTERPOL"
    assert props.author == f"resdiff {resdiff_version()}" and "python-docx" not in (
        props.comments or ""
    )
    assert props.subject == "A/RES/73/11 → A/RES/75/10: tracked changes"
    assert abs(props.created - datetime.now(UTC)) < timedelta(minutes=5)
    assert props.language == "en"


MOVE_OLD = """The General Assembly,

Recalling its resolution 71/19 of 21 November 2016,

Noting the rise of transnational crime in every region of the world,

Acknowledging the importance of cooperation between the United Nations and INTERPOL,

1. Encourages Member States to cooperate with INTERPOL;

2. Requests the Secretary-General to report at its seventy-fifth session.
"""
MOVE_NEW = MOVE_OLD.replace(
    "Noting the rise of transnational crime in every region of the world,\n\n"
    "Acknowledging the importance of cooperation between the United Nations and INTERPOL,\n",
    "Acknowledging the importance of cooperation between the United Nations and INTERPOL,\n\n"
    "Noting the rise of transnational crime in every region of the world,\n",
)


def _moved() -> Comparison:
    c = diffing.compare(diffing.parse(MOVE_OLD), diffing.parse(MOVE_NEW))
    assert [ch.type for ch in c.changes].count("moved") == 1
    return c


def test_a_plain_move_is_a_word_move() -> None:
    c = _moved()
    data = render_comparison(c, "docx")
    body = _body(data)
    starts = {
        side: body.xpath(f"//w:{side}RangeStart/@w:name", namespaces=NS)
        for side in ("moveFrom", "moveTo")
    }
    assert starts["moveFrom"] == starts["moveTo"] and len(starts["moveTo"]) == 1
    moved_from = "".join(body.xpath("//w:moveFrom//w:t/text()", namespaces=NS))
    moved = next(ch for ch in c.changes if ch.type == "moved")
    assert moved_from == c.old.paragraph(moved.old[0]).text
    assert "".join(body.xpath("//w:moveTo//w:t/text()", namespaces=NS)) == moved_from
    assert not body.xpath("//w:moveFrom//w:delText", namespaces=NS)
    _check_accept_reject(c, data)


def test_changes_only_leaves_unchanged_paragraphs_out() -> None:
    c = sample_comparison()
    data = render_comparison(c, "docx", changes_only=True)
    texts = [t for t in _resolve(data, accept=True) if t]
    unchanged = [c.new.paragraph(ch.new[0]).text for ch in c.changes if ch.type == "unchanged"]
    assert unchanged and not any(u in texts for u in unchanged)
    assert any(t.startswith("[") and "unchanged paragraph" in t for t in texts)
    assert (
        "Changes only"
        in docx.Document(io.BytesIO(data)).sections[0].first_page_header.paragraphs[-1].text
    )


def test_the_first_page_header_gives_the_warnings() -> None:
    c = sample_comparison()
    c.new.language = "fr"  # an odd pair: a French text against an English one
    d = docx.Document(io.BytesIO(render_comparison(c, "docx", language="en")))
    header = "\n".join(p.text for p in d.sections[0].first_page_header.paragraphs)
    assert "different languages" in header and "A/RES/73/11" in header
    assert d.sections[0].different_first_page_header_footer


def _soffice() -> str:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed: cannot check the docx opens there")
    return soffice


def _convert(src: Path, target: str, outdir: Path) -> Path:
    subprocess.run(
        [_soffice(), "--headless", f"-env:UserInstallation=file://{outdir}/profile",
         "--convert-to", target, "--outdir", str(outdir), str(src)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    return outdir / (src.stem + "." + target.split(":")[0])


@pytest.mark.slow
def test_libreoffice_keeps_footnotes_and_moves(tmp_path: Path) -> None:
    """Word's moves and footnotes survive a round trip through LibreOffice, which opens
    the file without complaint: the accepted text is still the new text."""
    c = _moved()
    c.new.footnotes = [diffing.model.Footnote("1", "Resolution 71/19 of 21 November 2016.")]
    c.new.paragraphs[0].footnotes = ["1"]
    src = tmp_path / "moved.docx"
    src.write_bytes(render_comparison(c, "docx"))
    back = _convert(src, "docx:MS Word 2007 XML", tmp_path / "out")
    data = back.read_bytes()
    body = _body(data)
    assert body.xpath("//w:moveFromRangeStart", namespaces=NS)
    assert body.xpath("//w:moveToRangeStart", namespaces=NS)
    assert [t for t in _resolve(data, accept=True) if t][-4:] == [p.text for p in c.new.paragraphs][
        -4:
    ]
    notes = "".join(_part(data, "word/footnotes.xml").itertext())
    assert "Resolution 71/19 of 21 November 2016." in notes
