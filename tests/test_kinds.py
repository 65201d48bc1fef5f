"""Front matter and structure of every kind of session-80 document (issue 11 audit).

The documents in ``fixtures/kinds/`` are written for the project after the way
the UN prints each kind (front page and a few paragraphs, as a PDF text
extraction gives them): drafts of the six Main Committees and of the plenary,
revised and reissued drafts, facilitators' texts, texts submitted by the
President of the General Assembly or a Committee's Chair, draft decisions,
amendments, adopted decisions and a resolution in parts; English and French;
some as ``pdftotext -layout`` prints them (fields side by side on one line) or
with no blank line at all. Every expected value is read from the page.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from diffing import parse
from diffing.model import Resolution, Submitter
from tests.conftest import FIXTURES

KINDS = FIXTURES / "kinds"
FIRST, SECOND, THIRD = "First Committee", "Second Committee", "Third Committee"
FOURTH = "Special Political and Decolonization Committee (Fourth Committee)"
FIFTH, SIXTH = "Fifth Committee", "Sixth Committee"
UK = "United Kingdom of Great Britain and Northern Ireland"


@dataclass
class Page:
    """What a document's first page says, and the ids of its paragraphs."""

    type: str
    symbol: str
    committee: str | None
    agenda: str
    title: str
    ids: list[str]
    sponsors: list[str] = field(default_factory=list)
    submitted_by: Submitter | None = None
    based_on: list[str] = field(default_factory=list)
    amends: str | None = None
    instructions: list[int | None] = field(default_factory=list)
    adopted: str | None = None
    drafts: list[str] = field(default_factory=list)
    reissued: str | None = None  # the reason the star's note gives
    language: str = "en"


PLAIN = ["PP1", "PP2", "OP1", "OP2", "OP3"]
CHILD_SPONSORS = [
    "Albania",
    "Andorra",
    "Argentina",
    "Australia",
    "Austria",
    "Belgium",
    "Bolivia (Plurinational State of)",
    "Bosnia and Herzegovina",
    "Brazil",
    "Bulgaria",
    "Canada",
    "Chile",
    "Colombia",
    "Costa Rica",
    "Croatia",
    "Cyprus",
    "Czechia",
    "Denmark",
    "Dominican Republic",
    "Ecuador",
    "El Salvador",
    "Estonia",
    "Finland",
    "France",
    "Georgia",
    "Germany",
    "Greece",
    "Guatemala",
    "Honduras",
    "Hungary",
    "Iceland",
    "Ireland",
    "Italy",
    "Latvia",
    "Liechtenstein",
    "Lithuania",
    "Luxembourg",
    "Malta",
    "Mexico",
    "Monaco",
    "Montenegro",
    "Netherlands (Kingdom of the)",
    "North Macedonia",
    "Norway",
    "Panama",
    "Paraguay",
    "Peru",
    "Poland",
    "Portugal",
    "Republic of Moldova",
    "Romania",
    "San Marino",
    "Serbia",
    "Slovakia",
    "Slovenia",
    "Spain",
    "Sweden",
    "Switzerland",
    "Ukraine",
    UK,
    "Uruguay",
]
NCD = (
    "Political declaration of the high-level meeting on the prevention and control of"
    " non-communicable diseases"
)
NCD_FR = (
    "Déclaration politique de la réunion de haut niveau sur la prévention et la maîtrise des"
    " maladies non transmissibles"
)
DECLARATION = ["OP1", "ANNEX.H1", "ANNEX.PP1", "ANNEX.OP1", "ANNEX.OP2", "ANNEX.OP2(a)",
               "ANNEX.OP2(b)", "ANNEX.H2", "ANNEX.OP3"]  # fmt: skip
SPECIAL_SUBJECTS = ["I.H1", "I.PP1", "I.OP1", "I.OP2", "II.H1", "II.PP1", "II.OP1", "II.OP2"]
INFORMATION = ["A.H1", "A.PP1", "A.OP1", "B.H1", "B.PP1", "B.OP1", "B.OP2"]
COMMEMORATION = (
    "Commemoration of the eightieth anniversary of the first session of the General Assembly"
)
OBSERVER = (
    "Observer status for the International Organization for Mountain Development in the"
    " General Assembly"
)

PAGES: dict[str, Page] = {
    # --- First Committee
    "A_C.1_80_L.12_en.txt": Page(
        "draft resolution", "A/C.1/80/L.12", FIRST, "99 (aa)", "Nuclear disarmament verification",
        ["PP1", "PP2", "PP3", "OP1", "OP2", "OP2(a)", "OP2(b)", "OP2(c)", "OP3", "OP4"],
        sponsors=["Argentina", "Austria", "Brazil", "Chile", "Costa Rica", "Ecuador", "Indonesia",
                  "Ireland", "Kazakhstan", "Malaysia", "Mexico", "New Zealand", "Nigeria",
                  "Norway", "Philippines", "Saint Vincent and the Grenadines", "South Africa",
                  "Thailand", "Trinidad and Tobago"],
    ),
    "A_C.1_80_L.40_Rev.1_en.txt": Page(
        "revised draft resolution", "A/C.1/80/L.40/Rev.1", FIRST, "99",
        "Problems arising from the accumulation of conventional ammunition stockpiles in surplus",
        ["PP1", "PP2", "OP1", "OP2"],
        sponsors=["Côte d’Ivoire", "Germany", "Netherlands (Kingdom of the)", "Türkiye",
                  "United Republic of Tanzania", "Venezuela (Bolivarian Republic of)"],
    ),
    "A_C.1_80_L.68_en.txt": Page(
        "draft decision", "A/C.1/80/L.68", FIRST, "130",
        "Provisional programme of work and timetable of the First Committee for 2026",
        ["OP1", "ANNEX.H1", "ANNEX.H2", "ANNEX.H3", "ANNEX.H4", "ANNEX.H5"],
        submitted_by=Submitter("Chair"),
    ),
    # --- Second Committee
    "A_C.2_80_L.9_en.txt": Page(
        "draft resolution", "A/C.2/80/L.9", SECOND, "17 (b)",
        "International financial system and development", PLAIN, sponsors=["Iraq"],
    ),
    "A_C.2_80_L.52_en.txt": Page(
        "draft resolution", "A/C.2/80/L.52", SECOND, "20 (a)",
        "Implementation of the Third United Nations Decade for the Eradication of Poverty"
        " (2018–2027)",
        PLAIN,
        submitted_by=Submitter("Vice-Chair of the Committee", "María Fernanda López", "Mexico"),
        based_on=["A/C.2/80/L.5"],
    ),
    "A_C.2_80_L.61_en.txt": Page(
        "draft resolution", "A/C.2/80/L.61", SECOND, "19 (d)",
        "Protection of global climate for present and future generations of humankind",
        ["PP1", "OP1", "OP2"],
        submitted_by=Submitter("Rapporteur of the Committee", "Lars Henrik Ødegaard", "Norway"),
        based_on=["A/C.2/80/L.7", "A/C.2/80/L.31"],
    ),
    "A_C.2_80_L.61_fr.txt": Page(
        "draft resolution", "A/C.2/80/L.61", SECOND, "19 (d)",
        "Sauvegarde du climat mondial pour les générations présentes et futures",
        ["PP1", "OP1", "OP2"],
        submitted_by=Submitter("Rapporteur de la Commission", "Lars Henrik Ødegaard", "Norvège"),
        based_on=["A/C.2/80/L.7", "A/C.2/80/L.31"], language="fr",
    ),
    "A_C.2_80_L.47_layout_en.txt": Page(
        "draft resolution", "A/C.2/80/L.47", SECOND, "21",
        "Follow-up to the Fourth United Nations Conference on the Least Developed Countries",
        ["PP1", "OP1", "OP2"],
        submitted_by=Submitter("Vice-Chair of the Committee", "Weronika Garbacz", "Poland"),
        based_on=["A/C.2/80/L.14"],
    ),
    # --- Third Committee
    "A_C.3_80_L.12_flat_en.txt": Page(
        "draft resolution", "A/C.3/80/L.12", THIRD, "71 (b)", "Protection of migrants",
        ["PP1", "PP2", "OP1", "OP2"],
        sponsors=["Argentina", "Brazil", "Chile", "Colombia", "Costa Rica", "Mexico", "Panama",
                  "Paraguay", "Uruguay"],
    ),
    "A_C.3_80_L.14_en.txt": Page(
        "draft resolution", "A/C.3/80/L.14", THIRD, "71 (b)", "The right to development",
        ["PP1", "PP2", "OP1", "OP2"], sponsors=["Iraq"],
        reissued="Reissued for technical reasons on 11 November 2025.",
    ),
    "A_C.3_80_L.14_fr.txt": Page(
        "draft resolution", "A/C.3/80/L.14", THIRD, "71 (b)", "Le droit au développement",
        ["PP1", "PP2", "OP1", "OP2"], sponsors=["Iraq"],
        reissued="Nouveau tirage pour raisons techniques (11 novembre 2025).", language="fr",
    ),
    "A_C.3_80_L.22_Rev.1_en.txt": Page(
        "revised draft resolution", "A/C.3/80/L.22/Rev.1", THIRD, "66 (a)", "Rights of the child",
        ["PP1", "PP2", "H1", "OP1", "OP2", "H2", "OP3", "OP4"], sponsors=CHILD_SPONSORS,
    ),
    "A_C.3_80_L.33_layout_en.txt": Page(
        "draft resolution", "A/C.3/80/L.33", THIRD, "27 (a)",
        "Promoting social integration through social inclusion", PLAIN,
        sponsors=["Chile", "Colombia", "Ecuador", "Honduras", "Paraguay", "Peru"],
    ),
    "A_C.3_80_L.57_en.txt": Page(
        "amendment", "A/C.3/80/L.57", THIRD, "71 (c)", "Situation of human rights in Utopia", [],
        sponsors=["Belarus", "Nicaragua", "Russian Federation"], amends="A/C.3/80/L.41",
        instructions=[1, 2, 3],
    ),
    "A_C.3_80_L.57_fr.txt": Page(
        "amendment", "A/C.3/80/L.57", THIRD, "71 (c)", "Situation des droits humains en Utopie",
        [], sponsors=["Bélarus", "Fédération de Russie", "Nicaragua"], amends="A/C.3/80/L.41",
        instructions=[1, 2, 3], language="fr",
    ),
    # --- Fourth Committee
    "A_C.4_80_L.6_en.txt": Page(
        "draft resolution", "A/C.4/80/L.6", FOURTH, "55", "Questions relating to information",
        INFORMATION, sponsors=["Cuba", "Indonesia", "Mauritius", "Sri Lanka"],
    ),
    "A_C.4_80_L.14_en.txt": Page(
        "draft decision", "A/C.4/80/L.14", FOURTH, "53",
        "Membership of the Special Committee on Peacekeeping Operations", ["OP1"],
        sponsors=["Argentina", "Canada", "Egypt", "Japan", "Poland"],
    ),
    "A_C.4_80_L.14_fr.txt": Page(
        "draft decision", "A/C.4/80/L.14", FOURTH, "53",
        "Composition du Comité spécial des opérations de maintien de la paix", ["OP1"],
        sponsors=["Argentine", "Canada", "Égypte", "Japon", "Pologne"], language="fr",
    ),
    # --- Fifth Committee
    "A_C.5_80_L.12_en.txt": Page(
        "draft resolution", "A/C.5/80/L.12", FIFTH, "136",
        "Special subjects relating to the proposed programme budget for 2026", SPECIAL_SUBJECTS,
        submitted_by=Submitter("Chair of the Committee", "Tariq Hamid", "Pakistan"),
    ),
    "A_C.5_80_L.12_fr.txt": Page(
        "draft resolution", "A/C.5/80/L.12", FIFTH, "136",
        "Questions spéciales relatives au projet de budget-programme pour 2026", SPECIAL_SUBJECTS,
        submitted_by=Submitter("Président de la Commission", "Tariq Hamid", "Pakistan"),
        language="fr",
    ),
    "A_C.5_80_L.20_en.txt": Page(
        "draft decision", "A/C.5/80/L.20", FIFTH, "139",
        "Questions deferred for future consideration", ["OP1", "OP1(a)", "OP1(b)"],
        submitted_by=Submitter("Chair of the Committee"),
    ),
    # --- Sixth Committee
    "A_C.6_80_L.9_en.txt": Page(
        "draft resolution", "A/C.6/80/L.9", SIXTH, "79",
        "Report of the International Law Commission on the work of its seventy-sixth session",
        ["PP1", "PP2", "OP1", "OP2", "OP3"],
    ),
    "A_C.6_80_L.9_fr.txt": Page(
        "draft resolution", "A/C.6/80/L.9", SIXTH, "79",
        "Rapport de la Commission du droit international sur les travaux de sa soixante-seizième"
        " session",
        ["PP1", "OP1", "OP2"], language="fr",
    ),
    "A_C.6_80_L.19_en.txt": Page(
        "draft decision", "A/C.6/80/L.19", SIXTH, "171", OBSERVER, ["OP1"],
    ),
    # --- Plenary
    "A_80_L.40_en.txt": Page(
        "draft resolution", "A/80/L.40", None, "123", NCD, DECLARATION,
        submitted_by=Submitter("President of the General Assembly"),
    ),
    "A_80_L.40_fr.txt": Page(
        "draft resolution", "A/80/L.40", None, "123", NCD_FR, DECLARATION,
        submitted_by=Submitter("Président de l’Assemblée générale"), language="fr",
    ),
    "A_80_L.44_en.txt": Page(
        "amendment", "A/80/L.44", None, "123", NCD, [],
        sponsors=["Argentina", "United States of America"], amends="A/80/L.40",
        instructions=[1, 2],
    ),
    # --- Adopted texts
    "A_DEC_80_512_en.txt": Page(
        "decision", "A/DEC/80/512", None, "7", COMMEMORATION,
        ["OP1", "OP1(a)", "OP1(b)", "OP1(c)"], adopted="2025-12-10", drafts=["A/80/L.52"],
    ),
    "A_DEC_80_512_fr.txt": Page(
        "decision", "A/DEC/80/512", None, "7",
        "Commémoration du quatre-vingtième anniversaire de la première session de l’Assemblée"
        " générale",
        ["OP1", "OP1(a)", "OP1(b)", "OP1(c)"], adopted="2025-12-10", drafts=["A/80/L.52"],
        language="fr",
    ),
    "A_DEC_80_544_en.txt": Page(
        "decision", "A/DEC/80/544", SIXTH, "171", OBSERVER, ["OP1"], adopted="2025-12-16",
        drafts=["A/80/528"],
    ),
    "A_RES_80_99_en.txt": Page(
        "resolution", "A/RES/80/99 A-B", FOURTH, "55", "Questions relating to information",
        INFORMATION, adopted="2025-12-08", drafts=["A/80/408"],
    ),
}  # fmt: skip


def _parse(name: str) -> Resolution:
    return parse((KINDS / name).read_text(encoding="utf-8"))


def test_every_fixture_is_expected() -> None:
    assert sorted(p.name for p in KINDS.glob("*.txt")) == sorted(PAGES)
    assert len(PAGES) >= 20
    committees = {page.committee for page in PAGES.values()}
    assert committees == {FIRST, SECOND, THIRD, FOURTH, FIFTH, SIXTH, None}


@pytest.mark.parametrize("name", sorted(PAGES))
def test_front_matter(name: str) -> None:
    page, r = PAGES[name], _parse(name)
    assert (r.document_type, r.symbol, r.committee) == (page.type, page.symbol, page.committee)
    assert (r.session, r.agenda_item, r.language) == (80, page.agenda, page.language)
    assert r.title == page.title
    assert r.sponsors == page.sponsors
    assert r.submitted_by == page.submitted_by
    assert (r.based_on, r.amends) == (page.based_on, page.amends)
    assert (r.adopted, r.drafts) == (page.adopted, page.drafts)


@pytest.mark.parametrize("name", sorted(PAGES))
def test_structure(name: str) -> None:
    page, r = PAGES[name], _parse(name)
    assert [p.id for p in r.paragraphs] == page.ids
    assert [i.number for i in r.instructions] == page.instructions
    for p in r.paragraphs:
        assert p.text == p.text.strip() and "*" not in p.text
        assert not p.text.endswith((";1", ",1", ";2", ".1")), p.id  # markers are footnotes
    if page.type.endswith("decision"):
        assert r.paragraphs[0].number is None and r.paragraphs[0].kind == "operative"


@pytest.mark.parametrize("name", sorted(PAGES))
def test_notes(name: str) -> None:
    """A reissued document says why; nothing else is noted on these documents but the
    unnumbered operative paragraphs they print."""
    page, r = PAGES[name], _parse(name)
    reissue = [n for n in r.notes if n.startswith("reissued")]
    if page.reissued is None:
        assert reissue == []
    else:
        assert reissue == [f"reissued ({page.symbol}*): {page.reissued}"]
    others = [n for n in r.notes if not n.startswith(("reissued", "the operative part is not"))]
    assert others == []


@pytest.mark.parametrize(
    ("name", "markers"),
    [
        ("A_C.2_80_L.9_en.txt", ["*", "1"]),
        ("A_C.3_80_L.14_en.txt", ["*", "**", "1"]),
        ("A_C.3_80_L.14_fr.txt", ["*", "**", "1"]),
        ("A_C.3_80_L.33_layout_en.txt", ["*", "1"]),
        ("A_C.3_80_L.12_flat_en.txt", ["*", "1"]),
    ],
)
def test_footnotes_printed_without_blank_lines_between_them(name: str, markers: list[str]) -> None:
    r = _parse(name)
    assert [f.marker for f in r.footnotes] == markers
    assert r.footnotes[-1].text.startswith(("A/80/", "See A/HRC", "Voir A/HRC", "Resolution 217"))
    assert any(p.footnotes == ["1"] for p in r.paragraphs)


def test_a_wrapped_footnote_line_opening_with_a_number_stays_in_its_footnote() -> None:
    r = parse(
        "The General Assembly,\n\nRecalling the Rio Declaration,1 and Agenda 21,2\n\n"
        "1. Decides to remain seized of the matter.\n__________________\n \n"
        "1 Report of the United Nations Conference on Environment and Development, Rio de Janeiro,\n"
        "3 – 14 June 1992, vol. I.\n2 Ibid., annex II.\n"
    )
    assert [f.marker for f in r.footnotes] == ["1", "2"]
    assert r.footnotes[0].text.endswith("Rio de Janeiro, 3 – 14 June 1992, vol. I.")
    assert r.footnotes[1].text == "Ibid., annex II."


def test_parts_keep_their_letters_after_a_closing_line() -> None:
    """80/99 A-B prints "55th plenary meeting" after part A: part B is B, not B-2."""
    r = _parse("A_RES_80_99_en.txt")
    assert {p.part for p in r.paragraphs} == {"A", "B"}
    assert (
        r.paragraph("B.H1").text == "United Nations global communications policies and activities"
    )


def test_a_draft_in_parts_has_the_parts_of_its_resolution() -> None:
    draft, resolution = _parse("A_C.4_80_L.6_en.txt"), _parse("A_RES_80_99_en.txt")
    assert [p.id for p in draft.paragraphs] == [p.id for p in resolution.paragraphs]
    assert draft.title == resolution.title


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_declarations_draft_adopts_it_in_one_operative_paragraph(lang: str) -> None:
    r = _parse(f"A_80_L.40_{lang}.txt")
    op = r.paragraph("OP1")
    assert (op.kind, op.number) == ("operative", None)
    assert op.lead == {"en": "Adopts", "fr": "Adopte"}[lang]
    assert r.paragraph("ANNEX.H2").text == {"en": "Follow-up", "fr": "Suivi"}[lang]


def test_french_preambular_paragraphs_stay_preambular() -> None:
    """Only a French operative verb opens the operative part of an unnumbered text:
    "Se félicitant ..." (a participle) stays preambular."""
    r = parse(
        "L’Assemblée générale,\n\nSe félicitant des travaux du Comité,\n\n"
        "Rappelant sa résolution 79/1,\n\nPrend note du rapport du Comité.\n"
    )
    assert [(p.id, p.kind) for p in r.paragraphs] == [
        ("PP1", "preambular"),
        ("PP2", "preambular"),
        ("OP1", "operative"),
    ]
