"""DOCX ingest: Word's automatic numbering, footnotes, tracked changes, damaged files.

Every Word file is built here with python-docx in ``tmp_path``; numbering
definitions are written into the numbering part with lxml, the way Word
stores them.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence
from pathlib import Path

import docx
import pytest
from docx.document import Document as WordDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph as WordParagraph
from lxml import etree

from diffing import parse
from diffing.model import Resolution
from service import ingest
from service.errors import (
    EncryptedDocumentError,
    LimitExceededError,
    ResdiffError,
    UnreadableDocumentError,
    UnsupportedFormatError,
)
from service.ingest.docx import docx_to_text, label_for
from tests.conftest import CORPUS, INTERPOL, needs_corpus

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

FRONT = [
    "United Nations A/RES/99/1",
    "General Assembly Distr.: General",
    "Ninety-ninth session",
    "Agenda item 12",
    "Resolution adopted by the General Assembly on 1 December 2044",
    "99/1. Cooperation between the United Nations and the International Criminal Police Organization",
    "The General Assembly,",
]
PREAMBLE = [
    ("Recalling", " its resolution 51/1 of 15 October 1996,"),
    ("Welcoming also", " the cooperation between the United Nations and INTERPOL,"),
]
OPERATIVE = [
    "Calls for the strengthening of cooperation between the two organizations;",
    "Encourages Member States:",
    "Requests the Secretary-General to report on the implementation of the present resolution;",
]
SUBS = [
    "To share information on criminal activities;",
    "To make effective use of INTERPOL databases;",
]


# --- building Word files ------------------------------------------------------------


def _el(tag: str, **attrs: str) -> etree._Element:
    el = etree.Element(qn(tag))
    for k, v in attrs.items():
        el.set(qn(f"w:{k}"), v)
    return el


def _level(
    ilvl: int, fmt: str, text: str, start: int = 1, restart: int | None = None
) -> etree._Element:
    lvl = _el("w:lvl", ilvl=str(ilvl))
    lvl.append(_el("w:start", val=str(start)))
    lvl.append(_el("w:numFmt", val=fmt))
    if restart is not None:
        lvl.append(_el("w:lvlRestart", val=str(restart)))
    lvl.append(_el("w:lvlText", val=text))
    return lvl


def add_list(
    document: WordDocument,
    abstract_id: int,
    levels: list[tuple[str, str]],
    num_ids: list[int],
    *,
    start_overrides: dict[int, dict[int, int]] | None = None,
) -> None:
    """Define abstract list ``abstract_id`` and the ``w:num`` instances ``num_ids`` of it."""
    numbering = document.part.numbering_part.element
    ab = _el("w:abstractNum", abstractNumId=str(abstract_id))
    for i, (fmt, text) in enumerate(levels):
        ab.append(_level(i, fmt, text))
    # abstractNum elements must come before the num elements
    first_num = numbering.find(qn("w:num"))
    if first_num is None:
        numbering.append(ab)
    else:
        first_num.addprevious(ab)
    for nid in num_ids:
        num = _el("w:num", numId=str(nid))
        num.append(_el("w:abstractNumId", val=str(abstract_id)))
        for ilvl, start in (start_overrides or {}).get(nid, {}).items():
            over = _el("w:lvlOverride", ilvl=str(ilvl))
            over.append(_el("w:startOverride", val=str(start)))
            num.append(over)
        numbering.append(num)


def number(paragraph: WordParagraph, num_id: int, ilvl: int = 0) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    num_pr = _el("w:numPr")
    num_pr.append(_el("w:ilvl", val=str(ilvl)))
    num_pr.append(_el("w:numId", val=str(num_id)))
    ppr.append(num_pr)


def resolution_docx(path: Path) -> Path:
    """A resolution whose operative numbers and sub-paragraph letters are all automatic."""
    d = docx.Document()
    add_list(d, 40, [("decimal", "%1."), ("lowerLetter", "(%2)")], [40])
    for line in FRONT:
        d.add_paragraph(line)
    for lead, rest in PREAMBLE:
        p = d.add_paragraph()
        p.add_run(lead).italic = True
        p.add_run(rest)
    for i, text in enumerate(OPERATIVE):
        p = d.add_paragraph()
        verb, _, rest = text.partition(" ")
        p.add_run(verb).italic = True
        p.add_run(" " + rest)
        number(p, 40, 0)
        if i == 1:
            for sub in SUBS:
                number(d.add_paragraph(sub), 40, 1)
    d.save(str(path))
    return path


def resolution_text() -> str:
    """The same resolution as plain text, numbers typed."""
    blocks = [*FRONT]
    blocks += [lead + rest for lead, rest in PREAMBLE]
    for i, text in enumerate(OPERATIVE, 1):
        blocks.append(f"{i}. {text}")
        if i == 2:
            blocks += [f"({chr(96 + k)}) {s}" for k, s in enumerate(SUBS, 1)]
    return "\n \n".join(blocks) + "\n"


def structure(res: object) -> list[tuple[str, str, str]]:
    return [(p.id, p.kind, p.text) for p in res.paragraphs]  # type: ignore[attr-defined]


def with_part(path: Path, name: str, xml: str) -> bytes:
    """The bytes of the DOCX at ``path`` with part ``name`` added or replaced."""
    out = io.BytesIO()
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            if info.filename != name:
                dst.writestr(info, src.read(info.filename))
        dst.writestr(name, xml)
    return out.getvalue()


def body_text(data: bytes) -> list[str]:
    return [b.strip() for b in docx_to_text(data).split("\n \n") if b.strip()]


# --- numbering ----------------------------------------------------------------------------


def test_automatic_numbering_gives_the_structure_of_the_typed_text(tmp_path: Path) -> None:
    path = resolution_docx(tmp_path / "draft.docx")
    from_docx = ingest.load(path)
    from_text = parse(resolution_text())
    assert structure(from_docx) == structure(from_text)
    ids = [p.id for p in from_docx.paragraphs]
    assert ids == ["PP1", "PP2", "OP1", "OP2", "OP2(a)", "OP2(b)", "OP3"]
    assert from_docx.paragraph("OP2(b)").parent == "OP2"
    assert from_docx.paragraph("PP2").lead == "Welcoming also"


def test_labels_are_prefixed_to_the_paragraph_text(tmp_path: Path) -> None:
    blocks = body_text(resolution_docx(tmp_path / "d.docx").read_bytes())
    assert blocks[-1].startswith("3. Requests the Secretary-General")
    assert "(a) To share information on criminal activities;" in blocks
    assert "(b) To make effective use of INTERPOL databases;" in blocks


def test_num_instances_of_one_list_continue_unless_restarted(tmp_path: Path) -> None:
    d = docx.Document()
    add_list(d, 41, [("decimal", "%1.")], [41, 42, 43], start_overrides={43: {0: 7}})
    for nid, text in [(41, "A"), (41, "B"), (42, "C"), (43, "D"), (43, "E")]:
        number(d.add_paragraph(text), nid)
    d.save(str(tmp_path / "d.docx"))
    assert body_text((tmp_path / "d.docx").read_bytes()) == ["1. A", "2. B", "3. C", "7. D", "8. E"]


def test_deeper_levels_restart_after_a_shallower_one(tmp_path: Path) -> None:
    d = docx.Document()
    add_list(d, 44, [("upperRoman", "%1."), ("decimal", "%2."), ("lowerLetter", "(%3)")], [44])
    plan = [(0, "Part"), (1, "x"), (2, "y"), (2, "z"), (1, "w"), (2, "v"), (0, "Part"), (1, "u")]
    for ilvl, text in plan:
        number(d.add_paragraph(text), 44, ilvl)
    d.save(str(tmp_path / "d.docx"))
    assert body_text((tmp_path / "d.docx").read_bytes()) == [
        "I. Part", "1. x", "(a) y", "(b) z", "2. w", "(a) v", "II. Part", "1. u",
    ]  # fmt: skip


def test_multi_level_text_and_lvl_restart_zero(tmp_path: Path) -> None:
    d = docx.Document()
    add_list(d, 45, [("decimal", "%1."), ("decimal", "%1.%2")], [45])
    ab = d.part.numbering_part.element.find(
        qn("w:abstractNum") + "[@" + qn("w:abstractNumId") + "='45']"
    )
    ab[1].insert(2, _el("w:lvlRestart", val="0"))  # level 2 never restarts
    for ilvl, text in [(0, "a"), (1, "b"), (0, "c"), (1, "d")]:
        number(d.add_paragraph(text), 45, ilvl)
    d.save(str(tmp_path / "d.docx"))
    assert body_text((tmp_path / "d.docx").read_bytes()) == ["1. a", "1.1 b", "2. c", "2.2 d"]


def test_numbering_from_the_paragraph_style(tmp_path: Path) -> None:
    d = docx.Document()
    add_list(d, 46, [("decimal", "%1.")], [46])
    style = d.styles.add_style("OperativePara", WD_STYLE_TYPE.PARAGRAPH)
    num_pr = _el("w:numPr")
    num_pr.append(_el("w:numId", val="46"))
    style.element.get_or_add_pPr().append(num_pr)
    d.add_paragraph("Decides to remain seized of the matter.", style="OperativePara")
    d.add_paragraph("Not numbered.")
    d.add_paragraph("Requests a report.", style="OperativePara")
    off = d.add_paragraph("Numbering switched off.", style="OperativePara")
    number(off, 0)
    d.save(str(tmp_path / "d.docx"))
    assert body_text((tmp_path / "d.docx").read_bytes()) == [
        "1. Decides to remain seized of the matter.",
        "Not numbered.",
        "2. Requests a report.",
        "Numbering switched off.",
    ]


def test_bullets_get_no_label(tmp_path: Path) -> None:
    d = docx.Document()
    add_list(d, 47, [("bullet", "\uf0b7")], [47])
    number(d.add_paragraph("item"), 47)
    d.save(str(tmp_path / "d.docx"))
    assert body_text((tmp_path / "d.docx").read_bytes()) == ["item"]


@pytest.mark.parametrize(
    ("value", "fmt", "label"),
    [
        (1, "decimal", "1"),
        (12, "decimal", "12"),
        (3, "decimalZero", "03"),
        (1, "lowerLetter", "a"),
        (26, "lowerLetter", "z"),
        (27, "lowerLetter", "aa"),
        (2, "upperLetter", "B"),
        (9, "lowerRoman", "ix"),
        (1994, "upperRoman", "MCMXCIV"),
    ],
)
def test_label_formats(value: int, fmt: str, label: str) -> None:
    assert label_for(value, fmt) == label


# --- footnotes, tracked changes ------------------------------------------------------------

FOOTNOTES_XML = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:footnotes xmlns:w="{W}">
  <w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>
  <w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>
  <w:footnote w:id="7"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> Resolution 60/288.</w:t></w:r></w:p></w:footnote>
  <w:footnote w:id="9"><w:p><w:r><w:t xml:space="preserve">* Reissued for technical reasons.</w:t></w:r></w:p></w:footnote>
  <w:footnote w:id="3"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> United Nations, </w:t></w:r><w:r><w:rPr><w:i/></w:rPr><w:t>Treaty Series</w:t></w:r><w:r><w:t>, vol. 1996.</w:t></w:r></w:p></w:footnote>
</w:footnotes>"""


def _reference(paragraph: WordParagraph, note_id: int) -> None:
    run = paragraph.add_run()
    rpr = run._r.get_or_add_rPr()
    rpr.append(_el("w:vertAlign", val="superscript"))
    run._r.append(_el("w:footnoteReference", id=str(note_id)))


def test_footnotes_are_numbered_in_reference_order_and_attached(tmp_path: Path) -> None:
    d = docx.Document()
    for line in FRONT:
        d.add_paragraph(line)
    sponsors = d.paragraphs[3]
    run = sponsors.add_run()
    run._r.append(_el("w:footnoteReference", id="9", customMarkFollows="1"))
    sponsors.add_run("*")
    p = d.add_paragraph("Recalling the Global Counter-Terrorism Strategy,")
    _reference(p, 7)
    p.add_run(" and the cooperation agreement of 1997,")
    _reference(p, 3)
    d.add_paragraph("1. Decides to remain seized of the matter.")
    d.save(str(tmp_path / "d.docx"))
    data = with_part(tmp_path / "d.docx", "word/footnotes.xml", FOOTNOTES_XML)
    text = docx_to_text(data)
    assert "Strategy,¹ and the cooperation agreement of 1997,²" in text
    assert "Agenda item 12*\n" in text
    assert text.endswith(
        "\n \n* Reissued for technical reasons.\n \n1 Resolution 60/288.\n \n2 United Nations, Treaty Series, vol. 1996.\n"
    )
    res = ingest.load_bytes(data, "d.docx")
    assert [(f.marker, f.text) for f in res.footnotes] == [
        ("*", "Reissued for technical reasons."),
        ("1", "Resolution 60/288."),
        ("2", "United Nations, Treaty Series, vol. 1996."),
    ]
    pp1 = res.paragraph("PP1")
    assert (
        pp1.text
        == "Recalling the Global Counter-Terrorism Strategy, and the cooperation agreement of 1997,"
    )
    assert pp1.footnotes == ["1", "2"]


def test_tracked_changes_are_read_as_accepted_and_hidden_text_dropped(tmp_path: Path) -> None:
    d = docx.Document()
    p = d.add_paragraph("Decides to ")
    ins = _el("w:ins", id="1", author="x")
    r = etree.SubElement(ins, qn("w:r"))
    etree.SubElement(r, qn("w:t")).text = "remain"
    p._p.append(ins)
    dele = _el("w:del", id="2", author="x")
    r = etree.SubElement(dele, qn("w:r"))
    etree.SubElement(r, qn("w:delText")).text = " not"
    p._p.append(dele)
    p.add_run(" seized")
    hidden = p.add_run(" (secret)")
    hidden.font.hidden = True
    p.add_run(" of the matter.")
    d.save(str(tmp_path / "d.docx"))
    assert body_text((tmp_path / "d.docx").read_bytes()) == [
        "Decides to remain seized of the matter."
    ]


# --- damaged, hostile and foreign files ---------------------------------------------------


def test_truncated_docx_is_unreadable(tmp_path: Path) -> None:
    data = resolution_docx(tmp_path / "d.docx").read_bytes()
    with pytest.raises(UnreadableDocumentError, match="damaged or truncated"):
        ingest.load_bytes(data[: len(data) // 2], "d.docx")


def test_malformed_document_xml_is_unreadable(tmp_path: Path) -> None:
    data = with_part(resolution_docx(tmp_path / "d.docx"), "word/document.xml", "<w:document")
    with pytest.raises(UnreadableDocumentError, match=r"word/document\.xml"):
        ingest.load_bytes(data, "d.docx")


def test_zip_bomb_is_refused_from_the_declared_sizes(tmp_path: Path) -> None:
    data = with_part(resolution_docx(tmp_path / "d.docx"), "word/media/pad.bin", "\0" * 3_000_000)
    assert len(data) < 100_000  # compresses to almost nothing
    with pytest.raises(LimitExceededError, match="inflate"):
        ingest.load_bytes(data, "d.docx", max_docx_bytes=1_000_000)
    assert ingest.load_bytes(data, "d.docx", max_docx_bytes=10_000_000).paragraphs


def test_zip_lying_about_its_sizes_is_refused(tmp_path: Path) -> None:
    big = "<w:document xmlns:w='" + W + "'><w:body>" + "<w:p/>" * 400_000 + "</w:body></w:document>"
    data = bytearray(with_part(resolution_docx(tmp_path / "d.docx"), "word/document.xml", big))
    # rewrite the uncompressed size of word/document.xml in the central directory to 100 bytes
    at = data.rfind(b"word/document.xml")
    header = data.rfind(b"PK\x01\x02", 0, at)
    data[header + 24 : header + 28] = (100).to_bytes(4, "little")
    with pytest.raises((LimitExceededError, UnreadableDocumentError)):
        ingest.load_bytes(bytes(data), "d.docx", max_docx_bytes=1_000_000)


def test_encrypted_office_file_is_reported_as_encrypted() -> None:
    # An encrypted DOCX is an OLE compound file holding an EncryptedPackage stream.
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504 + "EncryptedPackage".encode("utf-16-le")
    with pytest.raises(EncryptedDocumentError, match="password"):
        ingest.load_bytes(ole + b"\0" * 1024, "secret.docx")


def test_legacy_doc_is_unsupported() -> None:
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 2048
    with pytest.raises(UnsupportedFormatError, match=r"\.doc"):
        ingest.load_bytes(ole, "old.doc")


def _zip(members: dict[str, str]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name, text in members.items():
            z.writestr(name, text)
    return out.getvalue()


@pytest.mark.parametrize(
    ("members", "match"),
    [
        ({"xl/workbook.xml": "<workbook/>", "[Content_Types].xml": "<Types/>"}, "Excel"),
        ({"notes.txt": "hello"}, "ZIP archive without a Word document"),
        (
            {
                "mimetype": "application/vnd.oasis.opendocument.text",
                "META-INF/manifest.xml": "<m/>",
            },
            "OpenDocument",
        ),
    ],
)
def test_other_zips_are_unsupported(members: dict[str, str], match: str) -> None:
    with pytest.raises(UnsupportedFormatError, match=match):
        ingest.load_bytes(_zip(members), "file.docx")


def test_docx_without_text_is_empty(tmp_path: Path) -> None:
    docx.Document().save(str(tmp_path / "blank.docx"))
    with pytest.raises(ResdiffError, match="no text"):
        ingest.load(tmp_path / "blank.docx")


def retype(res: Resolution, front: list[str], path: Path, header: Sequence[str] = ()) -> Path:
    """``res`` typed again in Word: numbers and letters automatic, leads in italics."""
    d = docx.Document()
    add_list(d, 50, [("decimal", "%1."), ("lowerLetter", "(%2)"), ("lowerRoman", "(%3)")], [50])
    if header:
        section = d.sections[0]
        section.different_first_page_header_footer = True
        first = section.first_page_header
        first.paragraphs[0].text = header[0]
        for line in header[1:]:
            first.add_paragraph(line)
        section.header.paragraphs[0].text = "later pages only"
    for line in front:
        d.add_paragraph(line)
    for para in res.paragraphs:
        p = d.add_paragraph()
        rest = para.text
        if para.lead and rest.startswith(para.lead):
            p.add_run(para.lead).italic = True
            rest = rest[len(para.lead) :]
        p.add_run(rest)
        if para.kind != "preambular":
            level = 0 if para.kind == "operative" else para.id.count("(")
            number(p, 50, level)
    d.save(str(path))
    return path


@needs_corpus
def test_real_resolution_retyped_in_word_with_automatic_numbering(tmp_path: Path) -> None:
    twin = parse((INTERPOL / "A_RES_79_136_en.txt").read_text(encoding="utf-8"))
    front = ["A/RES/79/136", twin.title or "", "The General Assembly,"]
    res = ingest.load(retype(twin, front, tmp_path / "79_136.docx"))
    assert structure(res) == structure(twin)
    assert len(res.paragraphs) == 59


@needs_corpus
def test_real_draft_with_its_symbol_in_the_first_page_header(tmp_path: Path) -> None:
    text = (CORPUS / "unga-80-drafts" / "A_80_L.9_en.txt").read_text(encoding="utf-8")
    twin = parse(text)
    lines = [line.strip() for line in text.split("The General Assembly,")[0].split("\n")]
    header = [line for line in lines[:8] if line]
    blocks = "\n".join(lines[12:]).split("\n\n")
    front = [" ".join(b.split()) for b in blocks if b.strip()] + ["The General Assembly,"]
    res = ingest.load(retype(twin, front, tmp_path / "L9.docx", header))
    assert "later pages only" not in docx_to_text((tmp_path / "L9.docx").read_bytes())
    assert (res.symbol, res.document_type, res.title) == (
        "A/80/L.9",
        "draft resolution",
        twin.title,
    )
    assert res.sponsors == twin.sponsors
    assert structure(res) == structure(twin)
