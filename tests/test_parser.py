"""diffing.parse on the INTERPOL series, the French Markdown, drafts, synthetic texts."""

from __future__ import annotations

import contextlib
import re
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from diffing import parse
from diffing.cleanup import _occurs, join_lines, remove_furniture
from diffing.errors import EmptyDocumentError, ResdiffError
from diffing.metadata import split_sponsors
from diffing.model import Resolution
from tests.conftest import CORPUS, FIXTURES, INTERPOL, needs_corpus

DRAFTS = CORPUS / "unga-80-drafts"


def _read(path: Path) -> Resolution:
    return parse(path.read_text(encoding="utf-8"))


def _counts(r: Resolution) -> tuple[int, int, int]:
    c = Counter(p.kind for p in r.paragraphs)
    return c["preambular"], c["operative"], c["subparagraph"]


# --- the INTERPOL series -------------------------------------------------------

COUNTS = [
    ("A_RES_73_11_en.txt", (17, 11, 5)),
    ("A_RES_75_10_en.txt", (21, 16, 5)),
    ("A_RES_77_20_en.txt", (25, 20, 5)),
    ("A_RES_79_136_en.txt", (29, 25, 5)),
]

META = [
    (
        "A_RES_73_11_en.txt",
        "A/RES/73/11",
        73,
        "128 (y)",
        "2018-11-26",
        ["A/73/L.21", "A/73/L.21/Add.1"],
    ),
    (
        "A_RES_75_10_en.txt",
        "A/RES/75/10",
        75,
        "130 (y)",
        "2020-11-23",
        ["A/75/L.20", "A/75/L.20/Add.1"],
    ),
    ("A_RES_77_20_en.txt", "A/RES/77/20", 77, "127 (y)", "2022-11-21", ["A/77/L.20"]),
    ("A_RES_79_136_en.txt", "A/RES/79/136", 79, "125 (y)", "2024-12-06", ["A/79/L.17"]),
]
INTERPOL_TITLE = (
    "Cooperation between the United Nations and the International Criminal Police "
    "Organization (INTERPOL)"
)


@needs_corpus
@pytest.mark.parametrize(("name", "expected"), COUNTS)
def test_interpol_counts(name: str, expected: tuple[int, int, int]) -> None:
    assert _counts(_read(INTERPOL / name)) == expected


@needs_corpus
@pytest.mark.parametrize(("name", "symbol", "session", "agenda", "adopted", "drafts"), META)
def test_interpol_metadata(
    name: str, symbol: str, session: int, agenda: str, adopted: str, drafts: list[str]
) -> None:
    r = _read(INTERPOL / name)
    assert r.symbol == symbol
    assert r.session == session
    assert r.agenda_item == agenda
    assert r.adopted == adopted
    assert r.drafts == drafts
    assert r.title == INTERPOL_TITLE
    assert r.document_type == "resolution"
    assert r.language == "en"
    assert r.sponsors == []


@needs_corpus
@pytest.mark.parametrize(("name", "_expected"), COUNTS)
def test_interpol_ids_are_in_order(name: str, _expected: tuple[int, int, int]) -> None:
    r = _read(INTERPOL / name)
    pp = [p.id for p in r.paragraphs if p.kind == "preambular"]
    op = [p.id for p in r.paragraphs if p.kind == "operative"]
    assert pp == [f"PP{i}" for i in range(1, len(pp) + 1)]
    assert op == [f"OP{i}" for i in range(1, len(op) + 1)]
    assert all(p.number == p.id[2:] for p in r.paragraphs if p.kind == "operative")
    for p in r.paragraphs:
        assert p.text == " ".join(p.text.split())
        assert p.text.startswith(p.lead)
        if p.kind == "subparagraph":
            assert p.parent is not None and p.id == f"{p.parent}({p.number})"


@needs_corpus
def test_73_11_paragraph_texts() -> None:
    r = _read(INTERPOL / "A_RES_73_11_en.txt")
    pp9 = r.paragraph("PP9")
    assert pp9.text == (
        "Welcoming also the cooperation between the United Nations counter-terrorism "
        "entities and INTERPOL in preventing and countering terrorism by assisting Member "
        "States, upon their request, in implementing the United Nations Global "
        "Counter-Terrorism Strategy, including through information-sharing on foreign "
        "terrorist fighters, including those returning or relocating, and on improvements "
        "in border security,"
    )
    assert pp9.footnotes == ["2", "3"]
    assert pp9.lead == "Welcoming also"
    pp2 = r.paragraph("PP2")
    assert pp2.text == (
        "Recalling also the cooperation agreement of 1997 between the United Nations and "
        "INTERPOL and all other relevant cooperation agreements between them,"
    )
    assert pp2.footnotes == ["1"]
    assert r.paragraph("PP3").lead == "Recalling further"
    # A paragraph cut by a page break and its footnote block.
    pp15 = r.paragraph("PP15")
    assert "Small Arms and Light Weapons in All Its Aspects, and the relevant role" in pp15.text
    assert pp15.footnotes == ["6"]
    op1 = r.paragraph("OP1")
    assert op1.lead == "Calls for"
    assert "corruption and money-laundering, trafficking" in op1.text
    assert "; and (b) preventing and countering terrorism" in op1.text
    assert op1.text.endswith("perpetrated by criminal and terrorist groups;")
    # Footnote 6 is referred to a second time in OP7, after footnote 7.
    assert r.paragraph("OP7").footnotes == ["7", "6"]
    assert r.paragraph("OP5").lead == "Also reaffirms"
    op8b = r.paragraph("OP8(b)")
    assert op8b.kind == "subparagraph" and op8b.parent == "OP8" and op8b.number == "b"
    assert op8b.text == (
        "INTERPOL databases, by populating, updating and querying them, as appropriate, "
        "with a view to sharing accurate information between Member States in a timely "
        "manner in accordance with INTERPOL rules and regulations, in full respect of "
        "national sovereignty and operational priorities, through full access to them;"
    )
    assert r.paragraph("OP10").text.startswith("Requests the Secretary-General to submit")
    assert r.paragraph("OP11").text.endswith("Criminal Police Organization (INTERPOL)”.")
    assert [f.marker for f in r.footnotes] == ["1", "2", "3", "4", "5", "6", "7"]
    assert r.footnotes[0].text == "United Nations, Treaty Series, vol. 1996, No. 1200."
    assert r.footnotes[6].text == (
        "Report of the United Nations Conference on the Illicit Trade in Small Arms and "
        "Light Weapons in All Its Aspects, New York, 9–20 July 2001 (A/CONF.192/15), "
        "chap. IV, para. 24."
    )
    d = r.to_dict()
    assert d["paragraphs"][0]["id"] == "PP1" and d["paragraphs"][0]["number"] is None


@needs_corpus
def test_79_136_inline_b_is_not_a_subparagraph() -> None:
    r = _read(INTERPOL / "A_RES_79_136_en.txt")
    assert "OP1(b)" not in {p.id for p in r.paragraphs}
    assert " and (b) preventing" in r.paragraph("OP1").text
    assert r.paragraph("PP5").footnotes == ["2"]
    assert "is an apolitical and neutral" in r.paragraph("PP5").text


@needs_corpus
def test_no_furniture_in_interpol_texts() -> None:
    for name, _ in COUNTS:
        for p in _read(INTERPOL / name).paragraphs:
            assert "/5" not in p.text.split()
            assert "____" not in p.text
            assert "A/RES/" not in p.text or "A/RES/" in p.text[: len(p.text)]
            assert not any(w.isdigit() and len(w) == 8 for w in p.text.split())


# --- French Markdown ---------------------------------------------------------


def test_french_markdown() -> None:
    r = _read(FIXTURES / "A_RES_75_10_fr.md")
    assert _counts(r) == (21, 16, 5)
    assert r.language == "fr"
    assert r.symbol == "A/RES/75/10"
    assert r.session == 75
    assert r.agenda_item == "130 (y)"
    assert r.adopted == "2020-11-23"
    assert r.drafts == ["A/75/L.20", "A/75/L.20/Add.1"]
    assert r.title == (
        "Coopération entre l'Organisation des Nations Unies et l'Organisation "
        "internationale de police criminelle (INTERPOL)"
    )
    assert r.paragraph("PP2").lead == "Rappelant également"
    assert r.paragraph("PP2").footnotes == ["1"]
    assert r.paragraph("PP3").lead == "Rappelant en outre"
    assert r.paragraph("OP1").lead == "Demande"
    assert r.paragraph("OP7").lead == "Réaffirme également"
    assert r.paragraph("OP12").lead == "Se félicite"
    # Continues after the footnotes of a page break.
    assert r.paragraph("PP13").text.endswith(
        "d'aide à la mise en place d'une police nationale et d'autres services de "
        "répression dans le contexte des missions,"
    )
    # Continues after a blank line in the middle of the sentence.
    op9 = r.paragraph("OP9")
    assert "prévenir, combattre et éliminer le commerce illicite des armes légères sous" in op9.text
    assert op9.footnotes == ["7"]
    assert op9.text.endswith("Tableau de référence INTERPOL des armes à feu ;")
    assert r.paragraph("OP13(a)").parent == "OP13"
    assert r.paragraph("OP13(e)").text.startswith("Les activités d'appui")
    assert [f.marker for f in r.footnotes] == [str(i) for i in range(1, 8)]
    assert r.footnotes[0].text == "Nations Unies, Recueil des Traités, vol. 1996, n° 1200."
    for p in r.paragraphs:
        assert "*" not in p.text and "](" not in p.text and "¹" not in p.text


@needs_corpus
def test_french_and_english_75_10_align() -> None:
    en = _read(INTERPOL / "A_RES_75_10_en.txt")
    fr = _read(FIXTURES / "A_RES_75_10_fr.md")
    assert [p.id for p in en.paragraphs] == [p.id for p in fr.paragraphs]
    assert [p.footnotes for p in en.paragraphs] == [p.footnotes for p in fr.paragraphs]


# --- drafts ---------------------------------------------------------------------

DRAFT_META = [
    (
        "A_80_L.14_en.txt",
        "A/80/L.14",
        39,
        "Austria",
        "United Kingdom of Great Britain and Northern Ireland",
    ),
    ("A_80_L.16_en.txt", "A/80/L.16", 6, "Djibouti", "State of Palestine"),
    ("A_80_L.18_en.txt", "A/80/L.18", 49, "Armenia", "Viet Nam"),
    ("A_80_L.21_en.txt", "A/80/L.21", 14, "Armenia", "Tunisia"),
    ("A_80_L.24_en.txt", "A/80/L.24", 5, "Kazakhstan", "Uzbekistan"),
    ("A_80_L.26_en.txt", "A/80/L.26", 17, "Algeria", "State of Palestine"),
    ("A_80_L.9_en.txt", "A/80/L.9", 60, "Andorra", "State of Palestine"),
]


@needs_corpus
@pytest.mark.parametrize(("name", "symbol", "n", "first", "last"), DRAFT_META)
def test_drafts(name: str, symbol: str, n: int, first: str, last: str) -> None:
    r = _read(DRAFTS / name)
    assert r.symbol == symbol
    assert r.document_type == "draft resolution"
    assert r.session == 80
    assert len(r.sponsors) == n
    assert r.sponsors[0] == first and r.sponsors[-1] == last
    assert all(s == s.strip() and s and "\n" not in s and not s.endswith("*") for s in r.sponsors)
    assert r.adopted is None
    assert any(p.kind == "operative" for p in r.paragraphs)


@needs_corpus
def test_draft_sponsor_names_with_and_and_parentheses() -> None:
    r = _read(DRAFTS / "A_80_L.9_en.txt")
    assert "Bosnia and Herzegovina" in r.sponsors
    assert "Netherlands (Kingdom of the)" in r.sponsors
    assert "Republic of Korea" in r.sponsors
    assert "Democratic Republic of the Congo" in r.sponsors
    assert r.title == "Report of the International Criminal Court"


@needs_corpus
def test_draft_submitted_by_the_president() -> None:
    r = _read(DRAFTS / "A_80_L.15_en.txt")
    assert r.document_type == "draft resolution"
    assert r.sponsors == []
    assert r.title == "2025 review of the United Nations peacebuilding architecture"
    assert r.submitted_by is not None
    assert r.submitted_by.role == "President of the General Assembly"
    assert r.notes == []  # who submitted it is a field, not a warning


@needs_corpus
def test_drafts_and_adopted_texts_have_the_same_shape() -> None:
    pairs = (CORPUS / "unga-80-drafts.PAIRS.tsv").read_text().split("\n")[1:]
    for row in filter(None, pairs):
        draft_name, res_name = row.split("\t")
        draft, res = _read(DRAFTS / draft_name), _read(DRAFTS / res_name)
        assert res.document_type == "resolution"
        assert res.drafts == [draft.symbol]
        assert res.title == draft.title
        assert res.agenda_item == draft.agenda_item
        assert res.adopted is not None and res.adopted.startswith("2025-")


def test_split_sponsors() -> None:
    assert split_sponsors(
        "Antigua and Barbuda, Bolivia (Plurinational State of), Saint Vincent and the "
        "Grenadines and United Kingdom of Great Britain and Northern Ireland:*"
    ) == [
        "Antigua and Barbuda",
        "Bolivia (Plurinational State of)",
        "Saint Vincent and the Grenadines",
        "United Kingdom of Great Britain and Northern Ireland",
    ]


def test_revised_draft_in_a_committee() -> None:
    text = (
        "United Nations\nA/C.3/78/L.60/Rev.1\n \nGeneral Assembly\nDistr.: Limited\n"
        "10 November 2023\n \nSeventy-eighth session\nThird Committee\nAgenda item 71 (b)\n"
        " \nItaly and Turkmenistan:* revised draft resolution\n \n"
        "Promotion of something good\n \nThe General Assembly,\n \n"
        "Recalling its resolutions,\n \n1. Decides to continue.\n"
    )
    r = parse(text)
    assert r.symbol == "A/C.3/78/L.60/Rev.1"
    assert r.document_type == "revised draft resolution"
    assert r.sponsors == ["Italy", "Turkmenistan"]
    assert r.session == 78
    assert r.agenda_item == "71 (b)"
    assert r.title == "Promotion of something good"


# --- synthetic texts: parts, annex, nested sub-paragraphs ------------------------


def test_parts_and_annex() -> None:
    r = _read(FIXTURES / "synthetic_parts_annex_en.txt")
    assert [p.id for p in r.paragraphs] == [
        "A.H1", "A.PP1", "A.PP2", "A.OP1", "A.OP2",
        "B.H1", "B.PP1", "B.OP1", "B.OP1(a)", "B.OP1(b)", "B.OP1(b)(i)", "B.OP1(b)(ii)", "B.OP2",
        "ANNEX.H1", "ANNEX.OP1", "ANNEX.OP2",
    ]  # fmt: skip
    # Each part's heading: its letter as number, its title as text.
    headings = [(p.id, p.number, p.text) for p in r.paragraphs if p.kind == "heading"]
    assert headings == [
        ("A.H1", "A", "Imaginary territory"),
        ("B.H1", "B", "Another question"),
        ("ANNEX.H1", None, "Programme of work"),
    ]
    assert r.paragraph("B.OP1(b)(i)").parent == "B.OP1(b)"
    assert r.paragraph("B.OP1(b)(i)").number == "i"
    assert r.paragraph("A.PP2").lead == "Noting with concern"
    assert r.paragraph("B.OP1").lead == "Calls upon"
    assert r.paragraph("ANNEX.OP2").part == "ANNEX"
    assert r.adopted == "2044-12-20"
    assert r.agenda_item == "12 (b)"
    assert r.title == "Questions relating to an imaginary territory"


def test_section_headings_that_do_not_restart_are_not_parts() -> None:
    text = (
        "The General Assembly,\n \nRecalling its resolutions,\n \nI\n \nFirst matter\n \n"
        "1. Decides one;\n \n2. Decides two;\n \nII\n \nSecond matter\n \n3. Decides three.\n"
    )
    r = parse(text)
    assert [p.id for p in r.paragraphs] == ["PP1", "H1", "OP1", "OP2", "H2", "OP3"]
    # "I" then its title is one heading; headings take no number from the paragraphs.
    assert [(p.number, p.text, p.lead) for p in r.paragraphs if p.kind == "heading"] == [
        ("I", "First matter", ""),
        ("II", "Second matter", ""),
    ]


def test_numbered_list_inside_an_operative_paragraph() -> None:
    text = (
        "The General Assembly,\n \nRecalling its resolutions,\n \n"
        "1. Approves the following agenda:\n \n1. Opening of the meeting.\n \n"
        "2. Adoption of the agenda.\n \n2. Requests a report.\n"
    )
    r = parse(text)
    assert [p.id for p in r.paragraphs] == ["PP1", "OP1", "OP1(1)", "OP1(2)", "OP2"]


def test_page_break_inside_a_paragraph() -> None:
    text = (
        "A/RES/1/1\n \nThe General Assembly,\n \nRecalling the cooperation between the\n"
        "__________________\n \n1 See A/1/1.\n\nA/RES/1/1\nTitle\n \n18-20444\n2/5\n \n"
        "United Nations and INTERPOL,1\n \n1. Decides.\n"
    )
    r = parse(text)
    assert (
        r.paragraph("PP1").text
        == "Recalling the cooperation between the United Nations and INTERPOL,"
    )
    assert r.paragraph("PP1").footnotes == ["1"]
    assert r.footnotes[0].text == "See A/1/1."


def test_hyphenation_uses_the_document_vocabulary() -> None:
    vocab = frozenset({"implementation", "counter-terrorism"})
    assert join_lines(["the imple-", "mentation of"], vocab) == "the implementation of"
    assert join_lines(["counter-", "terrorism"], vocab) == "counter-terrorism"
    assert join_lines(["money-", "laundering"], vocab) == "money-laundering"
    assert join_lines(["Counter-", "Terrorism"], vocab) == "Counter-Terrorism"
    assert join_lines(["low-", "and middle-income"], vocab) == "low- and middle-income"


def test_remove_furniture_keeps_text() -> None:
    lines = ["text,", "", "Title line", "A/RES/1/1", " ", "3/5", "18-20444", " ", "more"]
    assert remove_furniture(lines) == ["text,", "\x00PAGE\x00", "more"]


def test_unstructured_text_parses_with_a_note() -> None:
    r = parse("Just a sentence without structure.\n\nAnother one.")
    assert len(r.paragraphs) == 2
    assert r.notes


@pytest.mark.parametrize("text", ["", "   ", "\n\n \t\n"])
def test_empty_text_raises(text: str) -> None:
    with pytest.raises(EmptyDocumentError):
        parse(text)


# --- robustness ---------------------------------------------------------------

_PIECES = st.sampled_from(
    [
        "The General Assembly,\n", "1. ", "(a) ", "a) ", "Recalling ", "Decides ", "\n", " \n",
        "__________________\n", "1 See A/1.\n", "A/RES/73/11\n", "2/5\n", "18-20444\n", "*1820444*\n",
        "Annex\n", "A\n", "II\n", "INTERPOL1 ", "Strategy, 2 ", "Counter-\n", "¹", "*x*", "[a](#)",
        "39th plenary meeting\n", "26 November 2018\n", ":* draft resolution\n", "\x00", "\f", "-",
    ]
)  # fmt: skip


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(_PIECES, st.text(max_size=30)), max_size=40))
def test_parse_never_crashes(pieces: list[str]) -> None:
    text = "".join(pieces)
    try:
        r = parse(text)
    except ResdiffError:
        return
    ids = [p.id for p in r.paragraphs]
    assert len(ids) == len(set(ids))
    assert all(p.text == p.text.strip() for p in r.paragraphs)
    r.to_dict()


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=300))
def test_parse_arbitrary_unicode(text: str) -> None:
    with contextlib.suppress(ResdiffError):
        parse(text)


def _as_pasted_text(r: Resolution) -> str:
    """The resolution as pasted from a web page: one paragraph per line."""
    lines = [r.symbol or "", f"{r.session}/1. {r.title}", "The General Assembly,"]
    for p in r.paragraphs:
        label = f"{p.number}. " if p.kind == "operative" else ""
        if p.kind == "subparagraph":
            label = f"({p.number}) "
        lines.append(label + p.text)
    return "\n".join(lines)


@needs_corpus
@pytest.mark.parametrize(("name", "_expected"), COUNTS)
def test_one_paragraph_per_line_gives_the_same_paragraphs(
    name: str, _expected: tuple[int, int, int]
) -> None:
    r = _read(INTERPOL / name)
    again = parse(_as_pasted_text(r))
    assert [(p.id, p.text, p.lead) for p in again.paragraphs] == [
        (p.id, p.text, p.lead) for p in r.paragraphs
    ]
    assert again.title == r.title


def test_unnumbered_operative_paragraph() -> None:
    r = parse(
        "The General Assembly,\n \nHaving considered the report of the Credentials Committee,\n"
        " \nApproves the report of the Credentials Committee.\n"
    )
    assert [(p.id, p.kind, p.number, p.lead) for p in r.paragraphs] == [
        ("PP1", "preambular", None, "Having considered"),
        ("OP1", "operative", None, "Approves"),
    ]
    assert any("not numbered" in n for n in r.notes)


def test_articles_of_an_annexed_convention_are_parts() -> None:
    r = parse(
        "The General Assembly,\n \n1. Adopts the Convention annexed to the present resolution.\n"
        " \n10th plenary meeting\n1 January 2040\n \nAnnex\n \nConvention on things\n \n"
        "Article 1\n \nUse of terms\n \n1. Each State shall act.\n \n2. Each State may act.\n \n"
        "Article 2\n \nScope\n \n1. This Convention applies:\n \n(a) To things;\n \n(b) To more.\n"
    )
    assert [p.id for p in r.paragraphs] == [
        "OP1",
        "ANNEX.H1",
        "ANNEX.Art1.H1",
        "ANNEX.Art1.OP1",
        "ANNEX.Art1.OP2",
        "ANNEX.Art2.H1",
        "ANNEX.Art2.OP1",
        "ANNEX.Art2.OP1(a)",
        "ANNEX.Art2.OP1(b)",
    ]
    assert [p.text for p in r.paragraphs if p.kind == "heading"] == [
        "Convention on things",
        "Article 1 Use of terms",
        "Article 2 Scope",
    ]
    assert r.adopted == "2040-01-01"


def test_lettered_section_inside_a_list() -> None:
    r = parse(
        "The General Assembly,\n \n1. Commits to:\n \nA.\nFirst area\n \n(a) One;\n \n(b) Two;\n"
        " \nB.\nSecond area\n \n(a) Three;\n \n2. Decides to continue.\n"
    )
    assert [p.id for p in r.paragraphs] == [
        "OP1", "H1", "OP1(a)", "OP1(b)", "H2", "OP1.B(a)", "OP2",
    ]  # fmt: skip
    assert [(p.number, p.text) for p in r.paragraphs if p.kind == "heading"] == [
        ("A", "First area"),
        ("B", "Second area"),
    ]
    assert r.paragraph("OP1.B(a)").parent == "OP1"


def test_paragraphs_without_blank_lines_between_them() -> None:
    r = parse(
        "The General Assembly,\n \nReaffirming that the rights of the child are human rights,\n"
        "Reaffirming further that States shall act,\n \n25. Recalls x;\n \n26\n"
        "Condemns y;\n27. Affirms z.\n"
    )
    assert [p.id for p in r.paragraphs] == ["PP1", "PP2", "OP25", "OP26", "OP27"]
    assert r.paragraph("OP26").text == "Condemns y;"


def test_markers_after_a_year_and_after_a_word() -> None:
    text = (
        "The General Assembly,\n \nRecalling the Geneva Conventions of 12 August 19491 and the "
        "Paris Agreement 2  and its entry into force,\n \n1. Decides to meet on 12 May 2040.\n"
        "__________________\n \n1 United Nations, Treaty Series, vol. 75.\n \n2 See X.\n"
    )
    r = parse(text)
    assert r.paragraph("PP1").text == (
        "Recalling the Geneva Conventions of 12 August 1949 and the Paris Agreement and its "
        "entry into force,"
    )
    assert r.paragraph("PP1").footnotes == ["1", "2"]
    assert r.paragraph("OP1").text == "Decides to meet on 12 May 2040."


@needs_corpus
def test_starred_sponsor_note_without_separator_is_a_footnote() -> None:
    """A/80/L.18 prints "* Any changes to the list of sponsors ..." with no rule above it."""
    res = parse((DRAFTS / "A_80_L.18_en.txt").read_text(encoding="utf-8"))
    assert all("list of sponsors" not in p.text for p in res.paragraphs)
    assert res.footnotes[0].marker == "*"
    assert res.footnotes[0].text.startswith("Any changes to the list of sponsors")


@needs_corpus
def test_a_resolution_number_alone_on_a_line_is_not_a_page_number() -> None:
    """A/RES/80/72 sets PP2 one word per line: "73/89" stands alone and must stay."""
    res = parse((DRAFTS / "A_RES_80_72_en.txt").read_text(encoding="utf-8"))
    assert res.paragraph("PP2").text == (
        "Recalling also its resolution 73/89 of 6 December 2018, entitled"
        " “Comprehensive, just and lasting peace in the Middle East”,"
    )


@needs_corpus
def test_a_list_of_resolutions_cut_by_a_page_break_stays_one_paragraph() -> None:
    """79/98 PP7 lists Security Council resolutions; page 2 opens with "2044 (2012) on ..."."""
    res = parse((CORPUS / "unga-78-79" / "A_RES_79_98_en.txt").read_text(encoding="utf-8"))
    pp7 = res.paragraph("PP7").text
    assert pp7.startswith("Underlining the adoption of Security Council resolutions 1754 (2007)")
    assert "27 April 2011, 2044 (2012) on 24 April 2012," in pp7
    assert pp7.endswith("2703 (2023) on 30 October 2023,")
    assert res.paragraph("PP8").text.startswith("Expressing its satisfaction that the parties")


def test_operative_numbering_goes_past_999() -> None:
    body = "\n\n".join(f"{i}. Decides to consider item {i} of the agenda;" for i in range(1, 1206))
    res = parse("The General Assembly,\n\n" + body + "\n")
    ids = [p.id for p in res.paragraphs]
    assert ids == [f"OP{i}" for i in range(1, 1206)]


def test_a_year_opening_a_line_is_not_a_paragraph_number() -> None:
    res = parse(
        "The General Assembly,\n\n1. Decides to hold the conference in\n"
        "2030. It will be the third one;\n\n2. Requests a report.\n"
    )
    assert [p.id for p in res.paragraphs] == ["OP1", "OP2"]
    assert (
        res.paragraph("OP1").text
        == "Decides to hold the conference in 2030. It will be the third one;"
    )


@needs_corpus
def test_a_preambular_line_without_its_comma_is_kept() -> None:
    """78/8 prints "Having received the report ... for 2022 1" with no comma: a paragraph."""
    res = parse((CORPUS / "unga-78-79" / "A_RES_78_8_en.txt").read_text(encoding="utf-8"))
    first = res.paragraphs[0]
    assert (first.id, first.lead, first.footnotes) == ("PP1", "Having received", ["1"])
    assert (
        first.text
        == "Having received the report of the International Atomic Energy Agency for 2022"
    )


@needs_corpus
def test_a_preambular_paragraph_cut_by_a_blank_line_stays_whole() -> None:
    """79/145 leaves a blank line inside "... adopted by the Food and Agriculture / Organization"."""
    res = parse((CORPUS / "unga-78-79" / "A_RES_79_145_en.txt").read_text(encoding="utf-8"))
    texts = [p.text for p in res.paragraphs]
    assert "Organization of the United Nations," not in texts
    assert (
        "Recalling the International Plan of Action to Prevent, Deter and Eliminate Illegal,"
        " Unreported and Unregulated Fishing adopted by the Food and Agriculture Organization"
        " of the United Nations,"
    ) in texts


def test_a_footnote_block_in_the_front_matter_does_not_shift_the_body() -> None:
    text = (
        "United Nations\nA/80/L.99\n\nGeneral Assembly\nDistr.: Limited\n\n"
        "Utopia:* draft resolution\n__________________\n\n"
        "* Any changes to the list of sponsors will be reflected in the official record.\n\n"
        "Cooperation on a matter\n\nThe General Assembly,\n\n"
        "Recalling its resolution 1/1,\n\nNoting the report,\n\n"
        "1. Decides to remain seized of the matter.\n"
    )
    res = parse(text)
    assert [p.id for p in res.paragraphs] == ["PP1", "PP2", "OP1"]
    assert res.paragraph("PP1").text == "Recalling its resolution 1/1,"


@given(st.text(alphabet="ab-_ é1\n.", max_size=14), st.text(alphabet="ab", min_size=1, max_size=3))
def test_whole_word_search_agrees_with_the_pattern(text: str, word: str) -> None:
    """The hyphenation vocabulary's fast search means what its regular expression says."""
    expected = re.search(rf"(?<![\w-]){re.escape(word)}(?!\w|-\w)", text) is not None
    assert _occurs(text, word) == expected


@pytest.mark.parametrize("label", ["1.\nEndorses", "1. Endorses"])
def test_operative_paragraph_1_right_under_the_last_preambular_line(label: str) -> None:
    text = (
        "The General Assembly,\n\nRecalling its resolution 79/1,\n\n"
        "Having considered the report of the Committee on the work of its\n"
        f"sixty-eighth session,9\n{label} the report of the Committee;\n\n"
        "2. Agrees that the Committee should meet;\n"
    )
    r = parse(text)
    assert [(p.id, p.text.split(" ", 1)[0]) for p in r.paragraphs] == [
        ("PP1", "Recalling"),
        ("PP2", "Having"),
        ("OP1", "Endorses"),
        ("OP2", "Agrees"),
    ]


def test_a_number_continuing_a_preambular_line_does_not_start_operative_paragraph_1() -> None:
    from diffing.blocks import Block, split_block

    block = Block(
        ["Noting the reports on", "the levels of the past,", "1. per cent of the budget,"]
    )
    assert split_block(block, {1}, in_operative=False)[1] is None
    block = Block(["Noting the reports on", "the levels of the past,", "1. Decides to continue;"])
    assert split_block(block, {1}, in_operative=False)[1] is not None


def test_roman_sub_items_of_four_letters_and_more_are_labels() -> None:
    items = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix"]
    body = "\n\n".join(f"({x}) Violations of the rights of group {x};" for x in items)
    r = parse(
        f"The General Assembly,\n\n1. Expresses its concern about:\n\n(a) Reports of:\n\n{body}\n"
    )
    assert [p.id for p in r.paragraphs][-3:] == ["OP1(a)(vii)", "OP1(a)(viii)", "OP1(a)(ix)"]
