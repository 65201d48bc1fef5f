"""The report of a draft and its amendments, in every format: the instructions not applied
first, each edit marked with its amendment and instruction, each amendment its own colour,
Word revisions signed by each amendment (accept or reject one amendment by its author).

The draft and the amendments are the authored fixtures of ``fixtures/amendments/``:
A/99/L.9 (Ruritania: five instructions, the fifth quoting words the draft does not
hold) and A/99/L.10 (four sponsors: four instructions, the fourth on words A/99/L.9
already replaced), and A/99/L.9 in French.
"""

from __future__ import annotations

import dataclasses
import io
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import pypdf
import pytest
from lxml import etree
from test_render_docx import NS, _body, _body_texts, _q, _resolve

from diffing import Comparison, apply_amendments, parse
from service import reports
from service.render.amendments import author
from service.reports import Options, render

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "amendments"
L9, L10 = "Ruritania (A/99/L.9)", "Borduria and others (A/99/L.10)"


def _read(name: str):  # type: ignore[no-untyped-def]
    return parse((FIXTURES / f"{name}.txt").read_text(encoding="utf-8"))


def amended(*names: str, lang: str = "en") -> Comparison:
    return apply_amendments(_read(f"draft_{lang}"), [_read(n) for n in names])


@pytest.fixture(scope="module")
def both() -> Comparison:
    return amended("amendment_en", "amendment2_en")


def _missed_labels(c: Comparison) -> list[str]:
    return [f"{a.symbol}, instruction {i.number}" for a, i in c.not_applied()]


def test_the_kind_of_report() -> None:
    kind = reports.KINDS["amend"]
    assert kind.formats == ("json", "text", "html", "pdf", "docx")
    assert kind.min_versions == 2 and kind.max_versions is None
    with pytest.raises(reports.InvalidRequestError, match="for a draft with amendments"):
        reports.request("amend", "csv")
    # the Word revisions are signed by the amendments: no author option for the docx
    assert reports.request("amend", "docx", Options(author="X")).options.author == "resdiff"
    assert kind.file_stem(["A_80_L.3", "A_80_L.28", "A_80_L.30"]) == (
        "A_80_L.3_amended_by_A_80_L.28_A_80_L.30"
    )


def test_authors_of_the_word_revisions() -> None:
    assert author("A/80/L.19", ["Russian Federation"]) == "Russian Federation (A/80/L.19)"
    assert author("A/80/L.9", ["Cuba", "Nicaragua"]) == "Cuba and Nicaragua (A/80/L.9)"
    many = ["Albania", "Andorra", "Australia", "Austria"]
    assert author("A/C.3/80/L.55", many) == "Albania and others (A/C.3/80/L.55)"
    long_pair = ["United Kingdom of Great Britain and Northern Ireland", "Bolivarian Republic"]
    assert author("A/80/L.1", long_pair) == (
        "United Kingdom of Great Britain and Northern Ireland and others (A/80/L.1)"
    )
    assert author("A/80/L.9", ["Bélarus", "Cuba", "Iran"], "fr") == "Bélarus et autres (A/80/L.9)"
    assert author(None, []) == "amendment" and author("A/80/L.2", []) == "A/80/L.2"


# -- text ------------------------------------------------------------------------------


def test_text_lists_what_was_not_applied_first(both: Comparison) -> None:
    text = render("amend", both, "text").decode()
    lines = text.splitlines()
    assert lines[0] == "draft: A/99/L.7  draft resolution  [en]"
    assert lines[1] == "       Sponsors: Freedonia, Sylvania"
    assert lines[2].startswith("amended by: A/99/L.9 (Ruritania); A/99/L.10 (Borduria, ")
    first = text.index("NOT APPLIED: 2 instructions")
    assert first < text.index("Amendment A/99/L.9") < text.index("Changes:")
    assert "A/99/L.9 instruction 5: not found: “the annual report” is not in OP1" in text
    assert "Title: Cooperation on the protection of [-historic lighthouses-]" in text
    assert "[A/99/L.9 #1]" in text.split("Title:")[1].split("\n\n")[0]
    assert re.search(r"^PP2  reworded  \[A/99/L\.9 #2, A/99/L\.10 #2\]$", text, re.M)


# -- HTML and PDF ---------------------------------------------------------------------------


def _visible(html: str) -> str:
    """The HTML without the words only screen readers hear ("inserted:", "deleted:")."""
    return re.sub(r'<span class="rd-vh">[^<]*</span>', "", html)


def test_html_shows_the_instructions_not_applied_first(both: Comparison) -> None:
    html = _visible(render("amend", both, "html").decode())
    missed = html.index('class="rd-missed"')
    assert missed < html.index('class="rd-amendments"') < html.index('class="rd-changes"')
    assert missed < html.index('<article class="rd-text"')
    box = html[missed : html.index("</section>", missed)]
    assert "2 instructions not applied" in box
    for label in _missed_labels(both):
        assert label in box
    assert "not found" in box and "conflict" in box
    assert "In operative paragraph 1, replace “the annual report” with “the report”." in box


def test_html_marks_each_edit_with_its_amendment_and_instruction(both: Comparison) -> None:
    html = _visible(render("amend", both, "html").decode())
    # each amendment its own colour, and a legend that says whose it is
    assert re.search(r'<ins class="rd-am0" title="A/99/L\.9, instruction 1">heritage', html)
    assert '<ins class="rd-am1" title="A/99/L.10, instruction 1"><i>Welcomes</i></ins>' in html
    assert re.search(r'<del class="rd-am1" title="A/99/L\.10, instruction 1"><i>Takes note', html)
    legend = html[html.index('class="rd-legend"') :]
    legend = legend[: legend.index("</section>")]
    assert "by A/99/L.9" in legend and "by A/99/L.10" in legend
    # each change names its instructions; PP2 was edited by both amendments
    pp2 = html[html.index('<span class="rd-id">PP2</span>') :][:600]
    assert '<span class="rd-by rd-by0">A/99/L.9, instruction 2</span>' in pp2
    assert '<span class="rd-by rd-by1">A/99/L.10, instruction 2</span>' in pp2
    # in a paragraph several instructions changed, each edit says whose it is (in print too)
    assert '<span class="rd-edit-tag rd-by1" aria-hidden="true">L.10 #2</span>' in pp2 + html
    assert re.search(r"storms, floods</ins><span class=\"rd-edit-tag rd-by1\"[^>]*>L\.10 #2<", html)
    assert re.search(r"rising seas</del><span class=\"rd-edit-tag rd-by0\"[^>]*>L\.9 #2<", html)
    assert html.count('class="rd-edit-tag') == 2  # PP2 only: no other paragraph has two
    # the title's change is an entry of the text, before the Assembly's line
    title = html.index('id="title"')
    assert title < html.index("The General Assembly,", html.index('<article class="rd-text"'))
    assert '<ins class="rd-am0" title="A/99/L.9, instruction 1">heritage lighthouses</ins>' in html
    # each instruction links to the changes it made
    assert '<a href="#title">Title</a>' in html
    assert "(new OP3)" in html and ">OP3 (new)</a>" in html


def test_one_amendment_keeps_the_usual_colours() -> None:
    html = _visible(render("amend", amended("amendment_en"), "html").decode())
    assert not re.search(r'class="rd-am\d', html) and 'class="rd-swatch' not in html
    assert '<ins title="A/99/L.9, instruction 1">heritage lighthouses</ins>' in html
    assert '<h2 id="rd-amendments-h">The amendment</h2>' in html


def test_side_by_side_has_the_title_and_the_marks(both: Comparison) -> None:
    html = _visible(render("amend", both, "html", Options(view="side-by-side")).decode())
    assert 'class="rd-sbs"' in html and 'class="rd-row rd-changed rd-title-row" id="title"' in html
    assert 'title="A/99/L.10, instruction 3">, in cooperation with Member States</ins>' in html


def _contrast(a: str, b: str) -> float:
    def luminance(colour: str) -> float:
        rgb = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_every_amendment_colour_is_readable() -> None:
    """WCAG AA (4.5:1) for the text of each colour on its tint and on white."""
    css = (
        Path(reports.__file__).parent.parent / "templates" / "report" / "amendments.css"
    ).read_text()
    inks = dict(re.findall(r"--am(\d): (#[0-9a-f]{6})", css))
    tints = dict(re.findall(r"--am(\d)-bg: (#[0-9a-f]{6})", css))
    assert len(inks) == len(tints) == 6
    for k, ink in inks.items():
        assert _contrast(ink, tints[k]) >= 4.5, (k, ink, tints[k])
        assert _contrast(ink, "#ffffff") >= 4.5, (k, ink)
    # the colours differ from one another
    assert len(set(inks.values())) == 6


def test_pdf_shows_the_instructions_not_applied_first(both: Comparison) -> None:
    reader = pypdf.PdfReader(io.BytesIO(render("amend", both, "pdf")))
    first = reader.pages[0].extract_text()
    assert "2 instructions not applied" in first
    text = "\n".join(p.extract_text() for p in reader.pages)
    assert text.index("instructions not applied") < text.index("CHANGES")
    for label in ("A/99/L.9, instruction 1", "A/99/L.10, instruction 3", "A/99/L.9, instruction 4"):
        assert label in text
    assert "Cooperation on the protection of historic lighthousesheritage lighthouses" in text


# -- Word ----------------------------------------------------------------------------------


def _resolve_by(data: bytes, accepted: set[str]) -> list[str]:
    """The paragraph texts once the revisions of the ``accepted`` authors are accepted and
    every other one rejected (what Word's and LibreOffice's filters by author do)."""
    texts: list[str] = []
    carry = ""
    for p in _body(data).iterfind("w:p", NS):
        parts = []
        for el in p.iter(_q("t"), _q("delText")):
            rev = next((a for a in el.iterancestors() if a.tag in (_q("ins"), _q("del"))), None)
            if rev is not None:
                kept = (rev.get(_q("author")) in accepted) == (rev.tag == _q("ins"))
                if not kept:
                    continue
            parts.append(el.text or "")
        text = carry + "".join(parts)
        mark = p.find("w:pPr/w:rPr/*", NS)
        if mark is not None:
            kept = (mark.get(_q("author")) in accepted) == (mark.tag == _q("ins"))
            if not kept:  # the paragraph mark is gone: the paragraph joins the next
                carry = text
                continue
        carry = ""
        texts.append(text)
    return texts


def test_word_accept_all_gives_the_amended_draft_and_reject_all_the_draft(both: Comparison) -> None:
    data = render("amend", both, "docx")
    accepted, rejected = _resolve(data, accept=True), _resolve(data, accept=False)
    assert accepted[0] == both.new.title and rejected[0] == both.old.title
    assert _body_texts(accepted) == [p.text for p in both.new.paragraphs]
    assert _body_texts(rejected) == [p.text for p in both.old.paragraphs]


def test_word_revisions_are_signed_by_each_amendment(both: Comparison) -> None:
    data = render("amend", both, "docx", Options(date="2099-12-05"))
    revisions = _body(data).xpath("//w:ins | //w:del", namespaces=NS)
    assert {r.get(_q("author")) for r in revisions} == {L9, L10}
    assert {r.get(_q("date")) for r in revisions} == {"2099-12-05T00:00:00Z"}
    ids = [r.get(_q("id")) for r in revisions]
    assert len(ids) == len(set(ids))
    # accepting one amendment's revisions and rejecting the other's gives the draft
    # as that amendment alone would amend it
    draft, l9, l10 = _read("draft_en"), _read("amendment_en"), _read("amendment2_en")
    for alone, amendment in ((L9, l9), (L10, l10)):
        # its instructions applied with the other amendment (A/99/L.10's fourth was not)
        kept = dataclasses.replace(amendment, instructions=amendment.instructions[:-1])
        texts = _body_texts(_resolve_by(data, {alone}))
        assert texts == [p.text for p in apply_amendments(draft, [kept]).new.paragraphs], alone


def test_word_says_what_was_not_applied(both: Comparison) -> None:
    data = render("amend", both, "docx", Options(date="2099-12-05"))
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        comments = etree.fromstring(z.read("word/comments.xml"))
    [comment] = comments.iterfind("w:comment", NS)
    assert comment.get(_q("author")) == "resdiff"
    assert comment.get(_q("date")) == "2099-12-05T00:00:00Z"
    said = "\n".join("".join(p.itertext()) for p in comment.iterfind("w:p", NS))
    assert said.startswith("2 instructions NOT applied")
    for label in _missed_labels(both):
        assert label in said
    # anchored on the title, the document's first paragraph
    first = _body(data).find("w:p", NS)
    assert first.find("w:commentRangeStart", NS) is not None
    header = docx.Document(io.BytesIO(data)).sections[0].header.paragraphs[0].text
    assert "A/99/L.7 as amended by A/99/L.9, A/99/L.10" in header
    assert "2 instructions NOT applied" in header
    # nothing to say when every instruction is applied: no comment at all
    clean = render("amend", _all_applied(), "docx")
    with zipfile.ZipFile(io.BytesIO(clean)) as z:
        assert "word/comments.xml" not in z.namelist()


def _all_applied() -> Comparison:
    c = amended("amendment2_en")
    assert [i.status for i in c.amendments[0].instructions] == ["applied"] * 4  # type: ignore[index]
    return c


def test_french_draft_and_amendment() -> None:
    c = amended("amendment_fr", lang="fr")
    assert _missed_labels(c) == ["A/99/L.9, instruction 5"]
    assert c.new.title == "Coopération pour la protection des phares patrimoniaux"
    data = render("amend", c, "docx")
    assert {r.get(_q("author")) for r in _body(data).xpath("//w:ins", namespaces=NS)} == {
        "Ruritanie (A/99/L.9)"
    }
    assert _body_texts(_resolve(data, True), "L\u2019Assembl\u00e9e g\u00e9n\u00e9rale,") == [
        p.text for p in c.new.paragraphs
    ]


def test_word_opens_in_libreoffice_with_each_amendment_as_an_author(
    both: Comparison, tmp_path: Path
) -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed: cannot check the docx opens there")
    src = tmp_path / "amended.docx"
    src.write_bytes(render("amend", both, "docx"))
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{tmp_path}/profile",
            "--headless",
            "--convert-to",
            "odt",
            "--outdir",
            str(tmp_path),
            str(src),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    with zipfile.ZipFile(tmp_path / "amended.odt") as z:
        content = etree.fromstring(z.read("content.xml"))
    ns = {
        "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
        "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
        "dc": "http://purl.org/dc/elements/1.1/",
    }
    regions = content.xpath("//text:tracked-changes/text:changed-region", namespaces=ns)
    creators = [r.xpath("string(.//office:change-info/dc:creator)", namespaces=ns) for r in regions]
    # LibreOffice reads every revision with its amendment as author (Edit > Track Changes >
    # Manage > Filter by author accepts or rejects one amendment)
    assert set(creators) == {L9, L10}
    assert creators.count(L10) >= 4 and creators.count(L9) >= 8
    kinds = {r.xpath("local-name(./*[1])") for r in regions}
    assert kinds == {"insertion", "deletion"}
    # and the comment on the title
    notes = content.xpath("//office:annotation", namespaces=ns)
    assert len(notes) == 1 and "NOT applied" in "".join(notes[0].itertext())
