"""Ingest of text and Markdown, format detection, limits and the errors of bad input."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

from diffing import parse
from service import ingest
from service.cli import cli
from service.errors import (
    EmptyDocumentError,
    LimitExceededError,
    ResdiffError,
    UnreadableDocumentError,
    UnsupportedFormatError,
)
from tests.conftest import INTERPOL, needs_corpus

TEXT = """A/RES/99/3
The General Assembly,

Recalling its resolution 98/3,

1. Decides to remain seized of the matter.
"""


def _docx_bytes() -> bytes:
    d = docx.Document()
    for line in TEXT.strip().split("\n"):
        if line:
            d.add_paragraph(line)
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


@pytest.mark.parametrize(
    ("data", "filename", "expected"),
    [
        (b"%PDF-1.7\n%binary", None, "pdf"),
        (b"\n  %PDF-1.4\n", "x.txt", "pdf"),
        (b"\x00\x01junk%PDF-1.4\n", None, "pdf"),
        (TEXT.encode(), "r.txt", "text"),
        (TEXT.encode(), None, "text"),
        (TEXT.encode(), "r.md", "markdown"),
        (b"1. *Decides* to remain seized.", "r.txt", "markdown"),
        (b"Recalling **its** resolution", None, "markdown"),
        (b"adopted [A/75/L.20](#) on", None, "markdown"),
        # Markdown is what the parser reads as such (diffing.cleanup.is_markdown), or a .md
        # file: a "# " heading alone is text to the parser, so it is text here too
        (b"# Title\n\nRecalling", None, "text"),
        (b"# Title\n\nRecalling", "r.md", "markdown"),
        (b"3 * 4 = 12 and 5 * 6", None, "text"),
        ("Rappelant sa résolution".encode("utf-8-sig"), None, "text"),
        ("Rappelant sa résolution".encode("utf-16"), None, "text"),
        ("Rappelant sa résolution".encode("utf-16-be").join([b"\xfe\xff", b""]), None, "text"),
    ],
)
def test_detect_format(data: bytes, filename: str | None, expected: str) -> None:
    assert ingest.detect_format(data, filename) == expected


def test_detect_docx_by_content_whatever_the_name() -> None:
    assert ingest.detect_format(_docx_bytes(), "draft.pdf") == "docx"
    assert ingest.detect_format(_docx_bytes(), None) == "docx"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-32"])
def test_text_encodings_parse_alike(encoding: str) -> None:
    data = TEXT.encode(encoding)
    if encoding == "utf-16-le":
        data = b"\xff\xfe" + data  # with its byte-order mark
    res = ingest.load_bytes(data, "r.txt")
    assert [(p.id, p.text) for p in res.paragraphs] == [
        (p.id, p.text) for p in parse(TEXT).paragraphs
    ]


def test_text_docx_and_markdown_give_the_same_structure() -> None:
    plain = ingest.load_bytes(TEXT.encode(), "r.txt")
    md = ingest.load_bytes(TEXT.replace("Decides", "*Decides*").encode(), "r.md")
    word = ingest.load_bytes(_docx_bytes(), "r.docx")
    expected = [(p.id, p.kind, p.text) for p in plain.paragraphs]
    assert expected == [(p.id, p.kind, p.text) for p in md.paragraphs]
    assert expected == [(p.id, p.kind, p.text) for p in word.paragraphs]
    assert expected[-1] == ("OP1", "operative", "Decides to remain seized of the matter.")


def test_latin1_text_is_unreadable_with_its_position() -> None:
    data = "Recalling\nla résolution".encode("latin-1")
    with pytest.raises(UnreadableDocumentError) as err:
        ingest.load_bytes(data, "r.txt")
    assert err.value.detail == (
        "r.txt is not UTF-8 text: byte 0xe9 at offset 14 (line 2) cannot be decoded;"
        " save the file as UTF-8"
    )


def test_bad_utf16_after_its_bom_is_unreadable() -> None:
    with pytest.raises(UnreadableDocumentError, match="byte-order mark"):
        ingest.load_bytes(b"\xff\xfe" + "ok".encode("utf-16-le") + b"\x00\xd8", "r.txt")


@pytest.mark.parametrize("data", [b"", b"   \n\t\n", "\ufeff \n".encode()])
def test_empty_documents(data: bytes) -> None:
    with pytest.raises(EmptyDocumentError):
        ingest.load_bytes(data, "r.txt")


@pytest.mark.parametrize(
    ("data", "match"),
    [
        (b"\x89PNG\r\n\x1a\n" + b"\0" * 64, "PNG image"),
        (b"\xff\xd8\xff\xe0" + b"\0" * 64, "JPEG image"),
        (b"GIF89a" + b"\0" * 64, "GIF image"),
        (b"{\\rtf1\\ansi Recalling}", "RTF"),
        (b"Recalling\x00\x00\x00 its resolution", "binary file"),
    ],
)
def test_unsupported_files(data: bytes, match: str) -> None:
    with pytest.raises(UnsupportedFormatError, match=match):
        ingest.load_bytes(data, "upload.bin")


def test_random_bytes_are_refused_with_a_resdiff_error() -> None:
    junk = bytes((i * 2654435761 >> 7) % 256 for i in range(5000))
    with pytest.raises(ResdiffError):
        ingest.load_bytes(junk, "junk")


def test_truncated_zip_is_unreadable() -> None:
    data = _docx_bytes()
    with pytest.raises(UnreadableDocumentError, match="ZIP"):
        ingest.load_bytes(data[:200], "r.docx")


def test_size_limit_from_arguments_and_from_a_limits_object(tmp_path: Path) -> None:
    data = TEXT.encode()
    with pytest.raises(LimitExceededError, match="limit is 10 bytes"):
        ingest.load_bytes(data, "r.txt", max_bytes=10)

    class Limits:
        file_bytes = 20
        pdf_pages = 5
        docx_bytes = 1000

    with pytest.raises(LimitExceededError, match="limit is 20 bytes"):
        ingest.load_bytes(data, "r.txt", limits=Limits())
    path = tmp_path / "r.txt"
    path.write_bytes(data)
    with pytest.raises(LimitExceededError):
        ingest.load(path, max_bytes=10)
    assert ingest.load(path).paragraphs


def test_docx_limit_from_a_limits_object() -> None:
    class Limits:
        file_bytes = 10_000_000
        pdf_pages = 5
        docx_bytes = 1000

    with pytest.raises(LimitExceededError, match="inflate"):
        ingest.load_bytes(_docx_bytes(), "r.docx", limits=Limits())


def test_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(UnreadableDocumentError, match="does not exist"):
        ingest.load(tmp_path / "nope.pdf")
    with pytest.raises(UnreadableDocumentError, match="directory"):
        ingest.load(tmp_path)


def test_error_messages_name_the_file() -> None:
    with pytest.raises(UnreadableDocumentError, match=r"^junk\.pdf: the PDF is damaged"):
        ingest.load_bytes(b"%PDF-1.4\n" + b"x" * 100, "uploads/junk.pdf")


def test_extract_text_reports_the_format() -> None:
    text, fmt = ingest.extract_text(_docx_bytes(), "r.docx")
    assert fmt == "docx"
    assert "1. Decides to remain seized of the matter." in text


def test_zip_of_a_workbook_is_unsupported() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("xl/workbook.xml", "<workbook/>")
    with pytest.raises(UnsupportedFormatError, match="Excel"):
        ingest.load_bytes(out.getvalue(), "book.xlsx")


def test_cli_parse_reads_docx_and_reports_errors(tmp_path: Path) -> None:
    path = tmp_path / "r.docx"
    path.write_bytes(_docx_bytes())
    result = CliRunner().invoke(cli, ["parse", str(path)])
    assert result.exit_code == 0, result.output
    assert "OP1" in result.output
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"PK\x03\x04 not really")
    result = CliRunner().invoke(cli, ["parse", str(bad)])
    assert result.exit_code == 2
    assert "error: bad.docx is a damaged or truncated ZIP archive" in result.output


@needs_corpus
def test_french_markdown_of_the_corpus() -> None:
    path = INTERPOL / "A_RES_75_10_fr.md"
    assert ingest.detect_format(path.read_bytes(), None) == "markdown"
    res = ingest.load(path)
    assert res.language == "fr"
    assert [p.id for p in res.paragraphs] == [
        p.id for p in parse(path.read_text(encoding="utf-8")).paragraphs
    ]
