"""PDF ingest: the official PDFs parse to the structure of their text twins.

The corpus texts were extracted from the same PDFs by another tool (PyMuPDF),
so the parse of the PDF and the parse of the twin must agree paragraph by
paragraph: same ids, same kinds, same texts. One difference is allowed, and
checked precisely: where one parse left a footnote marker in the text
(``2000 7``, ``Development 6``), the other must have taken out exactly that
number and recorded it among the paragraph's footnotes. The PDF shows which
digits are superscripts (they reach the parser as ``⁷``); the extracted text
does not, so there the parser must guess.

A synthetic PDF written here checks the layout rules without the corpus.
"""

from __future__ import annotations

import difflib
import io
import time
from collections import Counter
from pathlib import Path

import pytest

from diffing import parse
from diffing.model import Paragraph, Resolution
from service import ingest
from service.errors import (
    EncryptedDocumentError,
    LimitExceededError,
    ResdiffError,
    UnreadableDocumentError,
)
from service.ingest.pdf import pdf_to_text
from tests.conftest import CORPUS, INTERPOL, needs_corpus

PDF_DIR = CORPUS / "unga-78-79-pdf"
TXT_DIR = CORPUS / "unga-78-79"


def _pdf_names() -> list[str]:
    if not PDF_DIR.is_dir():
        return ["(corpus absent)"]
    return sorted(p.stem for p in PDF_DIR.glob("*.pdf"))


def _marker_disagreements(pdf_para: Paragraph, txt_para: Paragraph) -> list[str]:
    """The differences between the two texts that are not footnote markers.

    A difference is allowed only where one side has a number of one to three
    digits that the other side took out as a footnote marker of this very
    paragraph: the two parses disagree on what is a marker, nothing else.
    """
    a, b = pdf_para.text.split(), txt_para.text.split()
    problems = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        left, right = " ".join(a[i1:i2]), " ".join(b[j1:j2])
        if not (
            _detached(left, right, pdf_para.footnotes) or _detached(right, left, txt_para.footnotes)
        ):
            problems.append(f"{pdf_para.id}: pdf {left!r} / txt {right!r}")
    return problems


def _detached(without: str, with_: str, markers: list[str]) -> bool:
    """``with_`` is ``without`` plus one of ``markers`` somewhere."""
    cuts = [(i, j) for i in range(len(with_)) for j in range(i + 1, min(i + 3, len(with_)) + 1)]
    return any(
        with_[i:j].isdigit()
        and with_[i:j] in markers
        and " ".join((with_[:i] + with_[j:]).split()) == without
        for i, j in cuts
    )


def _compare(from_pdf: Resolution, from_txt: Resolution) -> list[str]:
    problems = []
    ids_pdf = [(p.id, p.kind) for p in from_pdf.paragraphs]
    ids_txt = [(p.id, p.kind) for p in from_txt.paragraphs]
    if ids_pdf != ids_txt:
        return [f"structure differs: {len(ids_pdf)} vs {len(ids_txt)} paragraphs"]
    for p, t in zip(from_pdf.paragraphs, from_txt.paragraphs, strict=True):
        if p.text != t.text:
            problems += _marker_disagreements(p, t)
    for attr in ("symbol", "title", "session", "agenda_item", "adopted", "drafts"):
        if getattr(from_pdf, attr) != getattr(from_txt, attr):
            problems.append(f"{attr}: {getattr(from_pdf, attr)!r} != {getattr(from_txt, attr)!r}")
    return problems


@needs_corpus
def test_interpol_79_136_from_the_official_pdf() -> None:
    res = ingest.load(INTERPOL / "A_RES_79_136_en.pdf")
    kinds = Counter(p.kind for p in res.paragraphs)
    assert kinds == {"preambular": 29, "operative": 25, "subparagraph": 5}
    assert res.symbol == "A/RES/79/136"
    # the inline "(b)" of OP1 that starts a PDF line is not a sub-paragraph
    assert "OP1(b)" not in [p.id for p in res.paragraphs]
    assert "(b) preventing and countering terrorism" in res.paragraph("OP1").text
    # every footnote is found, and its marker taken out of exactly one paragraph
    assert [f.marker for f in res.footnotes] == [str(n) for n in range(1, 10)]
    attached = [m for p in res.paragraphs for m in p.footnotes]
    assert sorted(attached, key=int) == [str(n) for n in range(1, 10)]
    assert res.paragraph("PP9").footnotes == ["3", "4"]
    assert "Strategy, including through" in res.paragraph("PP9").text
    twin = parse((INTERPOL / "A_RES_79_136_en.txt").read_text(encoding="utf-8"))
    assert _compare(res, twin) == []


@needs_corpus
@pytest.mark.parametrize("stem", _pdf_names())
def test_official_pdf_parses_like_its_text_twin(stem: str) -> None:
    data = (PDF_DIR / f"{stem}.pdf").read_bytes()
    started = time.perf_counter()
    text = pdf_to_text(data)
    elapsed = time.perf_counter() - started
    from_pdf = parse(text)
    from_txt = parse((TXT_DIR / f"{stem}_en.txt").read_text(encoding="utf-8"))
    assert from_pdf.paragraphs, f"{stem}: no paragraph parsed from the PDF"
    assert _compare(from_pdf, from_txt) == []
    print(f"{stem}: {elapsed * 1000:.0f} ms, {len(from_pdf.paragraphs)} paragraphs")


# --- a synthetic PDF ----------------------------------------------------------------------

Item = tuple[float, float, float, str]  # x, y, font size, text ("^1^" is a superscript)


def _show(size: float, text: str) -> str:
    """Text operators drawing ``text``; ``^...^`` parts smaller and raised, as markers are."""
    ops = []
    for i, part in enumerate(text.split("^")):
        if not part:
            continue
        part = part.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        if i % 2:
            ops.append(
                f"/F1 {size * 0.65:.2f} Tf {size * 0.35:.2f} Ts ({part}) Tj /F1 {size} Tf 0 Ts"
            )
        else:
            ops.append(f"({part}) Tj")
    return " ".join(ops)


def make_pdf(pages: list[list[Item]], drawing: str = "") -> bytes:
    """A PDF drawing each item with Helvetica at its place: the least a PDF needs.

    ``drawing`` (path operators) is added to every page.
    """
    objects: list[bytes] = [b"", b""]  # 1 catalog, 2 pages: filled in below
    font = len(objects) + 1
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    kids = []
    for items in pages:
        stream = "".join(f"BT /F1 {s} Tf {x} {y} Td {_show(s, t)} ET\n" for x, y, s, t in items)
        stream += drawing
        body = stream.encode("latin-1")
        objects.append(b"<< /Length %d >>\nstream\n" % len(body) + body + b"endstream")
        content = len(objects)
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
            b"/Resources << /Font << /F1 %d 0 R >> >> /Contents %d 0 R >>" % (font, content)
        )
        kids.append(len(objects))
    objects[0] = b"<< /Type /Catalog /Pages 2 0 R >>"
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % k for k in kids),
        len(kids),
    )
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for i, obj in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % i + obj + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for off in offsets:
        out.write(b"%010d 00000 n \n" % off)
    out.write(
        b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    )
    return out.getvalue()


PAGE1: list[Item] = [
    (60, 740, 10, "United Nations"),
    (480, 740, 10, "A/RES/99/2"),
    (60, 720, 10, "General Assembly"),
    (400, 720, 10, "Distr.: General"),
    (60, 40, 8, "44-12345 (E)"),
    (60, 690, 10, "Ninety-ninth session"),
    (60, 678, 10, "Agenda item 7"),
    (120, 640, 12, "Resolution adopted by the General Assembly on 1 December 2044"),
    (120, 610, 12, "99/2. Review of the Treaty"),
    (140, 580, 10, "The General Assembly,"),
    (140, 560, 10, "Recalling the Final Documents of the 2000^1^ and the 2010 Review"),
    (120, 548, 10, "Conferences,"),
    (140, 530, 10, "Noting the Strategy,^2^ including the Counter-"),
    (120, 518, 10, "Terrorism Centre,"),
    (120, 500, 10, "1."),
    (150, 500, 10, "Decides to continue"),
    (120, 110, 9, "_______________"),
    (117, 95, 8.5, "^1^ See A/60/88."),
    (117, 82, 8.5, "^2^ Resolution 60/288."),
]  # fmt: skip
PAGE2: list[Item] = [
    (60, 750, 8, "A/RES/99/2"),
    (60, 738, 8, "Review of the Treaty"),
    (60, 40, 8, "2/2"),
    (520, 40, 7, "44-12345"),
    (120, 700, 10, "its work on the Treaty;"),
    (120, 682, 10, "2."),
    (150, 682, 10, "Requests a report."),
]  # fmt: skip


def test_synthetic_pdf_layout_rules() -> None:
    text = pdf_to_text(make_pdf([PAGE1, PAGE2]))
    # superscripts become unambiguous markers, glued to the word they follow
    assert "2000¹ and the 2010 Review" in text
    assert "Strategy,² including" in text
    # footnote labels open their footnote lines, each its own block
    assert "\n \n1 See A/60/88.\n \n2 Resolution 60/288.\n" in text
    # the line-end hyphen stays, the two page-1 columns are separate lines
    assert "Counter-\nTerrorism" in text
    assert "United Nations\nA/RES/99/2" in text
    res = parse(text)
    assert res.symbol == "A/RES/99/2"
    assert [(p.id, p.kind) for p in res.paragraphs] == [
        ("PP1", "preambular"), ("PP2", "preambular"), ("OP1", "operative"), ("OP2", "operative"),
    ]  # fmt: skip
    assert res.paragraph("PP1").text == (
        "Recalling the Final Documents of the 2000 and the 2010 Review Conferences,"
    )
    assert res.paragraph("PP1").footnotes == ["1"]
    assert res.paragraph("OP1").text == "Decides to continue its work on the Treaty;"
    assert [(f.marker, f.text) for f in res.footnotes] == [
        ("1", "See A/60/88."), ("2", "Resolution 60/288."),
    ]  # fmt: skip


def test_word_export_with_a_drawn_footnote_rule_and_page_numbers() -> None:
    """No running header, the footnote rule a path, bare page numbers at the foot."""
    page1 = [item for item in PAGE1 if not item[3].startswith(("_", "44-"))] + [(300, 40, 10, "1")]
    page2 = [item for item in PAGE2 if item[1] > 100] + [(300, 40, 10, "2")]
    page2 = [item for item in page2 if not item[3].startswith(("A/RES", "Review"))]
    text = pdf_to_text(make_pdf([page1, page2], drawing="120 108 m 260 108 l S\n"))
    assert "\n_______________\n \n1 See A/60/88.\n \n2 Resolution 60/288.\n" in text
    assert "\n1\n" not in text and "\n2\n" not in text
    res = parse(text)
    assert [f.marker for f in res.footnotes] == ["1", "2"]
    assert res.paragraph("PP2").footnotes == ["2"]
    assert res.paragraph("OP1").text == "Decides to continue its work on the Treaty;"


def test_page_limit() -> None:
    data = make_pdf([PAGE1, PAGE2])
    with pytest.raises(LimitExceededError, match="2 pages"):
        ingest.load_bytes(data, "r.pdf", max_pages=1)
    assert ingest.load_bytes(data, "r.pdf", max_pages=2).paragraphs


def test_encrypted_pdf_is_refused_and_owner_only_protection_is_read() -> None:
    pypdf = pytest.importorskip("pypdf")
    plain = make_pdf([PAGE1, PAGE2])

    def encrypt(user: str) -> bytes:
        writer = pypdf.PdfWriter(clone_from=io.BytesIO(plain))
        writer.encrypt(user_password=user, owner_password="owner", algorithm="AES-128")
        out = io.BytesIO()
        writer.write(out)
        return out.getvalue()

    with pytest.raises(EncryptedDocumentError, match="password"):
        ingest.load_bytes(encrypt("secret"), "locked.pdf")
    # no user password: anyone may open it, so may we
    assert ingest.load_bytes(encrypt(""), "open.pdf").symbol == "A/RES/99/2"


@pytest.mark.parametrize("cut", [0.3, 0.6, 0.95])
def test_truncated_pdf_never_leaks_a_library_error(cut: float) -> None:
    data = make_pdf([PAGE1, PAGE2])
    try:
        res = ingest.load_bytes(data[: int(len(data) * cut)], "cut.pdf")
    except ResdiffError:
        return
    assert res is not None  # PDFium may rebuild a damaged file: then it parses


def test_random_bytes_after_the_pdf_magic_are_unreadable() -> None:
    junk = bytes((i * 7919 + 13) % 256 for i in range(4000))
    with pytest.raises(UnreadableDocumentError, match="damaged or truncated"):
        ingest.load_bytes(b"%PDF-1.7\n" + junk, "junk.pdf")


def test_pdf_without_text_is_empty() -> None:
    with pytest.raises(ResdiffError, match="no text"):
        ingest.load_bytes(make_pdf([[]]), "scan.pdf")


@needs_corpus
def test_cli_parse_reads_a_pdf(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from service.cli import cli

    result = CliRunner().invoke(
        cli, ["parse", str(INTERPOL / "A_RES_79_136_en.pdf"), "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    assert '"id": "OP25"' in result.output
