"""Every kind of General Assembly document: committee drafts, decisions, amendments,
facilitators' texts, reissued drafts, headings (issue 11).

The expected values below are read by hand from each document's first page and
its line in ``unga-80-committee.FILES.tsv``; the French front matter is written
in ``fixtures/french/`` after the official forms.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from diffing import compare, compare_series, parse
from diffing.model import Resolution, Submitter
from tests.conftest import CORPUS, FIXTURES, needs_corpus

COMMITTEE = CORPUS / "unga-80-committee"
FIRST = "First Committee"
SECOND = "Second Committee"
THIRD = "Third Committee"
FOURTH = "Special Political and Decolonization Committee (Fourth Committee)"
FIFTH = "Fifth Committee"
SIXTH = "Sixth Committee"
UK = "United Kingdom of Great Britain and Northern Ireland"


def _read(path: Path) -> Resolution:
    return parse(path.read_text(encoding="utf-8"))


# name: (type, symbol, committee, (sponsor count, first, last), submitted_by, based_on, amends)
EXPECTED: dict[str, tuple[str, str, str | None, tuple[int, str, str] | None, Submitter | None, list[str], str | None]] = {
    "A_80_L.28_en.txt": ("amendment", "A/80/L.28", None, (1, "Ukraine", "Ukraine"), None, [], "A/80/L.3"),
    "A_80_L.3_en.txt": ("draft resolution", "A/80/L.3", None, (1, "Belarus", "Belarus"), None, [], None),
    "A_80_L.30_en.txt": ("amendment", "A/80/L.30", None, (1, "United States of America", "United States of America"), None, [], "A/80/L.25"),
    "A_80_L.25_en.txt": ("draft resolution", "A/80/L.25", None, (33, "Armenia", "Uruguay"), None, [], None),
    "A_C.6_80_L.24_en.txt": ("amendment", "A/C.6/80/L.24", SIXTH, (1, "Russian Federation", "Russian Federation"), None, [], "A/C.6/80/L.14"),
    "A_C.6_80_L.14_en.txt": ("draft resolution", "A/C.6/80/L.14", SIXTH, (33, "Bahamas (The)", "State of Palestine"), None, [], None),
    "A_C.4_80_L.10_en.txt": ("draft decision", "A/C.4/80/L.10", FOURTH, (7, "Austria", "Spain"), None, [], None),
    "A_C.1_80_L.35_en.txt": ("draft decision", "A/C.1/80/L.35", FIRST, (1, UK, UK), None, [], None),
    "A_C.2_80_L.2_en.txt": ("draft resolution", "A/C.2/80/L.2", SECOND, (1, "Palau", "Palau"), None, [], None),
    "A_C.2_80_L.43_en.txt": ("draft resolution", "A/C.2/80/L.43", SECOND, None, Submitter("Rapporteur of the Committee", "Javad Momeni", "Islamic Republic of Iran"), ["A/C.2/80/L.2"], None),
    "A_RES_80_146_en.txt": ("resolution", "A/RES/80/146", SECOND, None, None, [], None),
    "A_C.2_80_L.21_en.txt": ("draft resolution", "A/C.2/80/L.21", SECOND, (1, "Iraq", "Iraq"), None, [], None),
    "A_C.2_80_L.44_en.txt": ("draft resolution", "A/C.2/80/L.44", SECOND, None, Submitter("Vice-Chair of the Committee", "Weronika Garbacz", "Poland"), ["A/C.2/80/L.21"], None),
    "A_RES_80_125_en.txt": ("resolution", "A/RES/80/125", SECOND, None, None, [], None),
    "A_C.6_80_L.11_en.txt": ("draft resolution", "A/C.6/80/L.11", SIXTH, None, None, [], None),
    "A_RES_80_170_en.txt": ("resolution", "A/RES/80/170", SIXTH, None, None, [], None),
    "A_C.3_80_L.29_en.txt": ("draft resolution", "A/C.3/80/L.29", THIRD, (41, "Australia", UK), None, [], None),
    "A_RES_80_220_en.txt": ("resolution", "A/RES/80/220", THIRD, None, None, [], None),
    "A_C.1_80_L.17_en.txt": ("draft resolution", "A/C.1/80/L.17", FIRST, (37, "Algeria", "Zimbabwe"), None, [], None),
    "A_RES_80_50_en.txt": ("resolution", "A/RES/80/50", FIRST, None, None, [], None),
    "A_C.4_80_L.8_en.txt": ("draft resolution", "A/C.4/80/L.8", FOURTH, (1, "Morocco", "Morocco"), None, [], None),
    "A_RES_80_76_en.txt": ("resolution", "A/RES/80/76", FOURTH, None, None, [], None),
    "A_C.5_80_L.4_en.txt": ("draft resolution", "A/C.5/80/L.4", FIFTH, None, Submitter("Chair of the Committee"), [], None),
    "A_RES_80_242_en.txt": ("resolution", "A/RES/80/242", FIFTH, None, None, [], None),
}  # fmt: skip


@needs_corpus
def test_every_committee_document_is_expected() -> None:
    with (CORPUS / "unga-80-committee.FILES.tsv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    assert sorted(r["file"] for r in rows) == sorted(EXPECTED)
    for r in rows:
        assert EXPECTED[r["file"]][0] == r["document type"]


@needs_corpus
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_committee_document_front_matter(name: str) -> None:
    kind, symbol, committee, sponsors, submitter, based_on, amends = EXPECTED[name]
    r = _read(COMMITTEE / name)
    assert (r.document_type, r.symbol, r.committee) == (kind, symbol, committee)
    assert r.session == 80
    if sponsors is None:
        assert r.sponsors == []
    else:
        assert (len(r.sponsors), r.sponsors[0], r.sponsors[-1]) == sponsors
        assert all(s == " ".join(s.split()) and not s.endswith("*") for s in r.sponsors)
    assert r.submitted_by == submitter
    assert (r.based_on, r.amends) == (based_on, amends)
    assert r.title and r.agenda_item
    if kind == "amendment":
        assert r.paragraphs == [] and r.instructions
    else:
        assert r.instructions == [] and any(p.kind == "operative" for p in r.paragraphs)
    assert (r.adopted is not None) == (kind == "resolution")


@needs_corpus
def test_committee_documents_in_json() -> None:
    d = _read(COMMITTEE / "A_C.2_80_L.44_en.txt").to_dict()
    assert d["submitted_by"] == {
        "role": "Vice-Chair of the Committee",
        "name": "Weronika Garbacz",
        "country": "Poland",
    }
    assert d["based_on"] == ["A/C.2/80/L.21"] and d["committee"] == SECOND
    assert Resolution.from_dict(d).to_dict() == d


@needs_corpus
def test_the_reissued_draft() -> None:
    """A/C.3/80/L.29 is printed "A/C.3/80/L.29*": the star is no part of the symbol."""
    r = _read(COMMITTEE / "A_C.3_80_L.29_en.txt")
    assert r.symbol == "A/C.3/80/L.29"
    assert [n for n in r.notes if n.startswith("reissued")] == [
        "reissued (A/C.3/80/L.29*): Second reissue for technical reasons (12 November 2025)."
    ]


def test_revisions_addenda_and_corrigenda_stay_in_symbols() -> None:
    for symbol in ("A/C.3/78/L.60/Rev.1", "A/80/L.21/Add.1", "A/C.2/80/L.5/Corr.1"):
        r = parse(
            f"United Nations\n{symbol}*\n\nGeneral Assembly\nDistr.: Limited\n\n"
            "Eightieth session\nThird Committee\nAgenda item 71\n\n"
            "Utopia:* draft resolution\n\nA matter\n\nThe General Assembly,\n\n"
            "1. Decides to remain seized of the matter.\n"
        )
        assert r.symbol == symbol
        assert any(n.startswith(f"reissued ({symbol}*)") for n in r.notes)
    assert r.committee == THIRD


# --- amendments ---------------------------------------------------------------


@needs_corpus
@pytest.mark.parametrize(
    ("name", "numbers"),
    [
        ("A_80_L.28_en.txt", list(range(1, 9))),
        ("A_80_L.30_en.txt", list(range(1, 12))),
        ("A_C.6_80_L.24_en.txt", [None]),
    ],
)
def test_amendment_instructions_numbered_as_printed(name: str, numbers: list[int | None]) -> None:
    r = _read(COMMITTEE / name)
    assert [i.number for i in r.instructions] == numbers
    assert r.paragraphs == []
    for i in r.instructions:
        assert i.text and i.text == i.text.strip() and "\ue000" not in i.text
        assert "list of sponsors" not in i.text


@needs_corpus
def test_amendment_quoted_paragraphs_stay_in_their_instruction() -> None:
    r = _read(COMMITTEE / "A_80_L.28_en.txt")
    third = r.instructions[2].text.split("\n")
    assert third[0] == (
        "After the fifth preambular paragraph, insert a new preambular paragraph reading:"
    )
    assert third[1].startswith("Stressing that the fortieth anniversary of the Chornobyl")
    assert third[1].endswith("resilience and sustainable development,")
    fifth = r.instructions[4].text.split("\n")
    assert len(fifth) == 3  # "insert two new operative paragraphs reading:" and the two
    assert fifth[1].startswith("Expresses grave alarm") and fifth[2].startswith("Stresses")
    assert r.instructions[3].text == (
        "In operative paragraph 1, replace “Takes note” with “Welcomes”."
    )
    # Instruction 6 opens page 2, after the sponsors' note and the page header.
    assert r.instructions[5].text.startswith("After operative paragraph 7, insert")
    one = _read(COMMITTEE / "A_C.6_80_L.24_en.txt").instructions[0]
    assert one.text.startswith("In operative paragraph 2, delete “, to decide on the")
    assert one.text.endswith("to be prepared by the Secretariat, and”.")


def test_unnumbered_instructions_and_the_text_they_quote() -> None:
    r = parse(
        "Utopia: amendments to revised draft resolution A/C.3/80/L.5/Rev.1\n\nA matter\n\n"
        "In operative paragraph 3, replace the text with the following:\n\n"
        "“Decides to act without delay;”\n\n"
        "In operative paragraph 5, delete “promptly”.\n"
    )
    assert (r.document_type, r.amends, r.sponsors) == (
        "amendment", "A/C.3/80/L.5/Rev.1", ["Utopia"],
    )  # fmt: skip
    assert [(i.number, i.text) for i in r.instructions] == [
        (None, "In operative paragraph 3, replace the text with the following:\n"
         "“Decides to act without delay;”"),
        (None, "In operative paragraph 5, delete “promptly”."),
    ]  # fmt: skip


# --- decisions -------------------------------------------------------------------


@needs_corpus
@pytest.mark.parametrize("name", ["A_C.1_80_L.35_en.txt", "A_C.4_80_L.10_en.txt"])
def test_a_one_sentence_decision_is_one_operative_paragraph(name: str) -> None:
    r = _read(COMMITTEE / name)
    [op] = r.paragraphs
    assert (op.id, op.kind, op.number) == ("OP1", "operative", None)
    assert op.text.startswith("The General Assembly, ")
    assert " decides to " in op.text and op.text.endswith(".")
    assert not any("General Assembly,' line" in n for n in r.notes)


@needs_corpus
def test_decision_footnote() -> None:
    r = _read(COMMITTEE / "A_C.4_80_L.10_en.txt")
    assert r.paragraphs[0].footnotes == ["1"]
    assert "held in Vienna from 25 June to 2 July 2025, decides" in r.paragraphs[0].text


def test_decision_with_lettered_sub_paragraphs() -> None:
    r = parse(
        "Utopia:* draft decision\n\nA decision\n\n"
        "The General Assembly decides:\n\n(a) To hold a meeting;\n\n(b) To report on it.\n"
    )
    assert r.document_type == "draft decision"
    assert [(p.id, p.number) for p in r.paragraphs] == [
        ("OP1", None),
        ("OP1(a)", "a"),
        ("OP1(b)", "b"),
    ]
    assert r.paragraph("OP1(b)").parent == "OP1"


def test_an_adopted_decision() -> None:
    r = parse(
        "General Assembly\n\nEightieth session\nAgenda item 48\n\n"
        "Decision adopted by the General Assembly on 5 December 2025\n\n"
        "[on the report of the Special Political and Decolonization Committee\n"
        "(Fourth Committee) (A/80/537, para. 16)]\n\n"
        "80/512. Increase in the membership of the Committee on the Peaceful Uses of Outer"
        " Space\n\nThe General Assembly, taking note of the application of Côte d’Ivoire,"
        " decides to appoint Côte d’Ivoire as a member of the Committee.\n\n"
        "52nd plenary meeting\n5 December 2025\n"
    )
    assert (r.document_type, r.symbol, r.committee) == ("decision", "A/DEC/80/512", FOURTH)
    assert (r.adopted, r.drafts) == ("2025-12-05", ["A/80/537"])
    assert [(p.id, p.kind, p.number) for p in r.paragraphs] == [("OP1", "operative", None)]
    assert r.notes == []


# --- declarations adopted by a one-paragraph resolution ---------------------------


def _as_a_draft(resolution: str) -> str:
    """The draft of a declaration's resolution: a draft's front matter, no closing."""
    body = resolution[resolution.index("The General Assembly") :]
    for closing in ("16th plenary meeting \n5 October 2023 \n",):
        body = body.replace(closing, "")
    return (
        "United Nations\nA/78/L.2\n\nGeneral Assembly\nDistr.: Limited\n\n"
        "Seventy-eighth session\nAgenda item 125\n\nPresident of the General Assembly:"
        " draft resolution\n\nPolitical declaration\n\n" + body
    )


@needs_corpus
def test_a_declarations_draft_has_the_parts_of_its_resolution() -> None:
    text = (CORPUS / "unga-78-79" / "A_RES_78_3_en.txt").read_text(encoding="utf-8")
    resolution = parse(text)
    draft_text = _as_a_draft(text)
    assert "plenary meeting" not in draft_text  # nothing closes the draft before its annex
    draft = parse(draft_text)
    assert draft.document_type == "draft resolution" and draft.adopted is None
    assert [p.id for p in draft.paragraphs] == [p.id for p in resolution.paragraphs]
    first = draft.paragraphs[0]
    assert (first.id, first.kind, first.number) == ("OP1", "operative", None)
    assert first.text.startswith("Adopts the political declaration")
    assert draft.paragraphs[1].id == "ANNEX.H1"
    assert draft.paragraphs[1].text.startswith("Political declaration of the General Assembly")


def test_a_declarations_annex_is_found_without_a_closing_line() -> None:
    text = (
        "Utopia:* draft resolution\n\nPolitical declaration on things\n\n"
        "The General Assembly,\n\nAdopts the political declaration on things annexed to the"
        " present resolution.\n\nAnnex\n\nPolitical declaration on things\n\n"
        "We, Heads of State and Government, assembled at the United Nations,\n\n"
        "1. Reaffirm our commitment to things;\n\n2. Commit to more things.\n"
    )
    r = parse(text)
    assert [p.id for p in r.paragraphs] == [
        "OP1", "ANNEX.H1", "ANNEX.PP1", "ANNEX.OP1", "ANNEX.OP2",
    ]  # fmt: skip


# --- drafts and resolutions have the same parts -------------------------------------

PAIRS = [
    ("A_C.2_80_L.2_en.txt", "A_C.2_80_L.43_en.txt"),
    ("A_C.2_80_L.43_en.txt", "A_RES_80_146_en.txt"),
    ("A_C.2_80_L.21_en.txt", "A_C.2_80_L.44_en.txt"),
    ("A_C.2_80_L.44_en.txt", "A_RES_80_125_en.txt"),
    ("A_C.6_80_L.11_en.txt", "A_RES_80_170_en.txt"),
    ("A_C.3_80_L.29_en.txt", "A_RES_80_220_en.txt"),
    ("A_C.1_80_L.17_en.txt", "A_RES_80_50_en.txt"),
    ("A_C.4_80_L.8_en.txt", "A_RES_80_76_en.txt"),
    ("A_C.5_80_L.4_en.txt", "A_RES_80_242_en.txt"),
]


def _parts(r: Resolution) -> list[str | None]:
    out: list[str | None] = []
    for p in r.paragraphs:
        if p.part not in out:
            out.append(p.part)
    return out


@needs_corpus
@pytest.mark.parametrize(("draft", "resolution"), PAIRS)
def test_committee_drafts_have_the_parts_of_their_resolutions(draft: str, resolution: str) -> None:
    old, new = _read(COMMITTEE / draft), _read(COMMITTEE / resolution)
    assert _parts(old) == _parts(new)
    assert old.title == new.title


@needs_corpus
def test_shared_drafts_have_the_parts_of_their_resolutions() -> None:
    drafts = CORPUS / "unga-80-drafts"
    with (CORPUS / "unga-80-drafts.PAIRS.tsv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            old, new = _read(drafts / row["draft"]), _read(drafts / row["resolution"])
            assert _parts(old) == _parts(new), row


@needs_corpus
def test_a_negotiation_in_three_versions() -> None:
    names = ["A_C.2_80_L.2_en.txt", "A_C.2_80_L.43_en.txt", "A_RES_80_146_en.txt"]
    versions = [_read(COMMITTEE / n) for n in names]
    series = compare_series(versions)
    assert [v.document_type for v in series.versions] == [
        "draft resolution",
        "draft resolution",
        "resolution",
    ]
    assert len(series.rows) == 6  # PP1 and OP1-5, followed through the three versions
    assert all(None not in row.ids for row in series.rows)


# --- headings ----------------------------------------------------------------------


@needs_corpus
def test_79_233_annex_numbering_and_its_headings() -> None:
    r = _read(CORPUS / "unga-78-79" / "A_RES_79_233_en.txt")
    annex = [p for p in r.paragraphs if p.part == "ANNEX"]
    numbers = [p.number for p in annex if p.kind == "operative"]
    assert numbers == [str(i) for i in range(1, len(numbers) + 1)]
    assert len(numbers) > 300
    ids = [p.id for p in annex]

    def above(pid: str) -> tuple[str, str | None, str]:
        p = r.paragraph(ids[ids.index(pid) - 1])
        return p.kind, p.number, p.text

    # The two headings that paragraph 35 swallowed with paragraphs 36 to 42.
    assert above("ANNEX.OP36") == (
        "heading",
        None,
        "Priority area 1: Structural transformation and science, technology and innovation",
    )
    assert above("ANNEX.OP40") == ("heading", "I", "Productive capacity development")
    assert r.paragraph("ANNEX.OP35").text.endswith(
        "additional dedicated actions on implementation, follow-up and monitoring."
    )
    # Paragraph 34 keeps the list of the five priority areas it announces.
    assert r.paragraph("ANNEX.OP34").text.endswith("Priority area 5: Means of implementation.")
    assert all(p.kind != "preambular" for p in annex)


@needs_corpus
def test_headings_take_no_number_and_are_in_reading_order() -> None:
    for name in ("A_RES_79_233_en.txt", "A_RES_79_1_en.txt", "A_RES_79_258_en.txt"):
        r = _read(CORPUS / "unga-78-79" / name)
        counts: dict[str | None, int] = {}
        for p in r.paragraphs:
            if p.kind == "heading":
                counts[p.part] = counts.get(p.part, 0) + 1
                prefix = f"{p.part}." if p.part else ""
                assert p.id == f"{prefix}H{counts[p.part]}"
                assert p.lead == "" and p.text and p.parent is None
        assert counts


def test_headings_are_aligned_with_headings() -> None:
    old = parse(
        "The General Assembly,\n\nRecalling its resolutions,\n\n"
        "I\nCooperation with regional organizations\n\n"
        "1. Decides to cooperate with regional organizations on the matter;\n\n"
        "2. Requests the Secretary-General to report on the cooperation;\n\n"
        "II\nFunding of the programme\n\n"
        "3. Decides to fund the programme from the regular budget;\n\n"
        "4. Invites voluntary contributions to the trust fund;\n"
    )
    new = parse(
        "The General Assembly,\n\nRecalling its resolutions,\n\n"
        "I\nStrengthening national capacities\n\n"
        "1. Encourages States to strengthen their national capacities in the field;\n\n"
        "II\nCooperation with regional organizations\n\n"
        "2. Decides to cooperate with regional organizations on the matter;\n\n"
        "3. Requests the Secretary-General to report on the cooperation;\n\n"
        "III\nFunding of the entire programme\n\n"
        "4. Decides to fund the programme from the regular budget;\n\n"
        "5. Invites voluntary contributions to the trust fund;\n"
    )
    changes = {(c.type, tuple(c.old), tuple(c.new)) for c in compare(old, new).changes}
    assert ("added", (), ("H1",)) in changes
    # Renumbered with its section (I -> II): no change.
    assert ("unchanged", ("H1",), ("H2",)) in changes
    assert ("reworded", ("H2",), ("H3",)) in changes
    assert ("unchanged", ("OP1",), ("OP2",)) in changes
    # Series follow headings like paragraphs.
    rows = [(tuple(r.ids), tuple(r.changes)) for r in compare_series([old, new]).rows]
    assert (("H1", "H2"), (None, "unchanged")) in rows
    assert ((None, "H1"), (None, "added")) in rows
    # A heading is never paired with a paragraph.
    kinds = {p.id: p.kind for p in old.paragraphs} | {p.id: p.kind for p in new.paragraphs}
    for _, o, n in changes:
        assert len({kinds[i] == "heading" for i in (*o, *n)}) == 1


# --- footnote markers ----------------------------------------------------------------


@needs_corpus
def test_a_marker_at_the_start_of_a_line_is_found() -> None:
    """79/136: "Strategy,\\n3  including through": marker 3, between markers 2 and 4."""
    interpol = CORPUS / "interpol"
    new = _read(interpol / "A_RES_79_136_en.txt")
    pp9 = new.paragraph("PP9")
    assert pp9.footnotes == ["3", "4"]
    assert "Counter-Terrorism Strategy, including through information-sharing" in pp9.text
    old = _read(interpol / "A_RES_77_20_en.txt")
    [change] = [c for c in compare(old, new).changes if c.new == ["PP9"]]
    assert (change.type, change.old) == ("unchanged", ["PP9"])


def test_a_number_opening_a_line_is_not_always_a_marker() -> None:
    r = parse(
        "The General Assembly,\n\nNoting that the camp hosts over 41,000 people,\n"
        "94 per cent of whom are women and children, as reported,\n\n"
        "Recalling the meeting held from\n23  to 28 May 2022,\n\n"
        "1. Decides to remain seized of the matter.\n"
        "__________________\n\n1 See A/1.\n\n23 See A/23.\n\n94 See A/94.\n"
    )
    assert "over 41,000 people, 94 per cent" in r.paragraph("PP1").text
    assert "from 23 to 28 May 2022" in r.paragraph("PP2").text
    assert r.paragraph("PP1").footnotes == r.paragraph("PP2").footnotes == []


# --- French front matter --------------------------------------------------------------

FRENCH = FIXTURES / "french"


def test_french_draft_submitted_by_a_vice_chair() -> None:
    r = _read(FRENCH / "A_C.2_80_L.44_fr.txt")
    assert (r.language, r.document_type, r.symbol, r.session) == (
        "fr", "draft resolution", "A/C.2/80/L.44", 80,
    )  # fmt: skip
    assert (r.committee, r.agenda_item, r.sponsors) == (SECOND, "16 (e)", [])
    assert r.submitted_by == Submitter(
        "Vice-Présidente de la Commission", "Weronika Garbacz", "Pologne"
    )
    assert r.based_on == ["A/C.2/80/L.21"]
    assert r.title == "Inclusion financière au service du développement durable"
    assert [p.id for p in r.paragraphs] == ["PP1", "PP2", "OP1", "OP2"]


def test_french_draft_submitted_by_the_president() -> None:
    r = _read(FRENCH / "A_80_L.15_fr.txt")
    assert r.document_type == "draft resolution" and r.committee is None
    assert r.submitted_by == Submitter("Président de l'Assemblée générale")
    assert r.sponsors == [] and r.based_on == []


def test_french_amendment() -> None:
    r = _read(FRENCH / "A_80_L.30_fr.txt")
    assert (r.document_type, r.amends, r.sponsors) == (
        "amendment", "A/80/L.25", ["États-Unis d'Amérique"],
    )  # fmt: skip
    assert r.paragraphs == []
    assert [i.number for i in r.instructions] == [1, 2, 3, 4, 5]
    assert r.instructions[2].text.startswith("Au quarante et unième alinéa du préambule")
    quoted = r.instructions[3].text.split("\n")
    assert quoted[0].endswith("ainsi libellés :") and len(quoted) == 3
    assert r.title == (
        "Renforcement de la coordination de l'aide humanitaire d'urgence fournie par les "
        "organismes des Nations Unies"
    )


def test_french_draft_decision() -> None:
    r = _read(FRENCH / "A_C.1_80_L.35_fr.txt")
    assert (r.document_type, r.committee) == ("draft decision", FIRST)
    assert r.sponsors == ["Royaume-Uni de Grande-Bretagne et d'Irlande du Nord"]
    [op] = r.paragraphs
    assert (op.id, op.number) == ("OP1", None)
    assert op.text.startswith("L'Assemblée générale, rappelant sa résolution 79/22")


def test_french_reissued_revised_draft_of_the_fourth_committee() -> None:
    r = _read(FRENCH / "A_C.4_80_L.8_fr.txt")
    assert (r.symbol, r.document_type, r.committee) == (
        "A/C.4/80/L.8", "revised draft resolution", FOURTH,
    )  # fmt: skip
    assert r.sponsors == ["Allemagne", "Autriche", "Côte d'Ivoire", "France", "Gabon", "Maroc"]
    assert (
        "reissued (A/C.4/80/L.8*): Nouveau tirage pour raisons techniques (30 octobre 2025)."
        in r.notes
    )


def test_french_resolution_on_the_report_of_a_committee() -> None:
    r = _read(FRENCH / "A_RES_80_146_fr.txt")
    assert (r.document_type, r.committee, r.adopted) == ("resolution", SECOND, "2025-12-15")
    assert r.title == "Indice de vulnérabilité multidimensionnelle"
    assert all(p.kind != "heading" for p in r.paragraphs)
