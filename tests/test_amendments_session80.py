"""Seventeen amendments written as UN amendments are printed, applied to real drafts.

``fixtures/amendments/session80/`` holds amendment documents authored for this test
(see its README): front matter, page furniture, numbered instructions in the forms
delegations use, English and French. Each applies to a real draft of
``../shared/corpus`` (or to a resolution standing for the draft it was adopted from).
What each amended draft must read was worked out by hand from the instructions: the
edits of each tabled paragraph (``old`` -> ``new``, exact words, commas and spaces),
the paragraphs replaced, added and removed, and some of the renumbering. Every other
paragraph must read as tabled.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pytest
from conftest import CORPUS, ROOT, needs_corpus
from test_amendments import rebuilt

from diffing import Comparison, Resolution, apply_amendments, parse

pytestmark = [needs_corpus, pytest.mark.corpus]
HERE = ROOT / "fixtures" / "amendments" / "session80"
DRAFTS = CORPUS / "unga-80-drafts"
COMMITTEE = CORPUS / "unga-80-committee"


@dataclass(frozen=True)
class Cut:
    """The words of a tabled paragraph from ``start`` through ``end`` (both included)."""

    start: str
    end: str

    def find(self, text: str) -> str:
        i = text.index(self.start)
        j = text.index(self.end, i + len(self.start))
        return text[i : j + len(self.end)]


@dataclass
class Case:
    amendment: str
    draft: Path
    sponsors: list[str]
    statuses: list[str]
    #: tabled id -> the edits made to it, in order: (old words or Cut, new words)
    edits: dict[str, list[tuple[str | Cut, str]]] = field(default_factory=dict)
    #: tabled id -> the whole new text
    replaced: dict[str, str] = field(default_factory=dict)
    #: the paragraphs added, in order: (amended id, text)
    added: list[tuple[str, str]] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    #: tabled id -> amended id
    moved: dict[str, str] = field(default_factory=dict)
    title: str | None = None
    #: other amendments applied before this one (file names in the same folder as the draft)
    before: list[Path] = field(default_factory=list)


def edited(text: str, edits: list[tuple[str | Cut, str]]) -> str:
    for old, new in edits:
        words = old.find(text) if isinstance(old, Cut) else old
        assert words in text, words
        text = text.replace(words, new, 1)
    return text


CASES = {
    "A/80/L.91 on A/80/L.21": Case(
        "A_80_L.91_en.txt",
        DRAFTS / "A_80_L.21_en.txt",
        ["Egypt", "Jordan"],
        ["applied"] * 6,
        edits={
            "PP4": [("Taking note of", "Welcoming")],
            "PP7": [(", among others,", "")],
            "OP2": [
                (
                    "as well as schools,",
                    "as well as schools, universities and research institutions,",
                )
            ],
        },
        replaced={
            "OP4": "Stresses that the costs of all the activities that may arise from the "
            "implementation of the present resolution should be met from voluntary contributions;"
        },
        added=[
            (
                "OP6",
                "Invites the World Health Organization, within its mandate, to support the "
                "observance of the International Day, in particular through its regional offices;",
            )
        ],
        removed=["PP9", "PP10"],
        moved={"PP11": "PP9", "OP5": "OP5", "OP6": "OP7"},
    ),
    "A/80/L.92 on A/80/L.9 (straight quotes)": Case(
        "A_80_L.92_en.txt",
        DRAFTS / "A_80_L.9_en.txt",
        ["Kiribati", "Nauru", "Tuvalu"],
        ["applied"] * 7,
        edits={
            "PP6": [
                (
                    "ending impunity is",
                    "ending impunity for the most serious crimes of concern to the international "
                    "community as a whole is",
                )
            ],
            "OP9": [(" shall be able", " should be able")],
            "OP10": [
                (
                    "in this respect;",
                    "in this respect, including through South-South and triangular cooperation;",
                )
            ],
            "OP24": [("thus far;", "thus far, in accordance with the Rome Statute;")],
        },
        replaced={
            "OP32": "Invites the International Criminal Court to submit a report on its activities "
            "for 2025/26 for consideration by the General Assembly at its eighty-first session."
        },
        added=[
            (
                "PP7",
                "Recognizing the primary responsibility of States to investigate and prosecute the "
                "most serious crimes of concern to the international community,",
            )
        ],
        removed=["OP25", "OP26", "OP27"],
        moved={"PP7": "PP8", "OP28": "OP25", "OP32": "OP29"},
    ),
    "A/C.3/80/L.91 on A/C.3/80/L.29*": Case(
        "A_C.3_80_L.91_en.txt",
        COMMITTEE / "A_C.3_80_L.29_en.txt",
        ["Ruritania", "Freedonia"],
        ["applied"] * 7,
        edits={
            "PP2": [(", the Commission on Human Rights", "")],
            "OP2(a)(vi)": [("All-pervasive and severe restrictions", "Restrictions")],
            "OP20(c)": [("cruel, inhumane and degrading", "cruel, inhuman or degrading")],
            "OP28": [("eighty-first session", "eighty-second session")],
        },
        added=[
            (
                "OP27",
                "Encourages the Democratic People’s Republic of Korea to continue its engagement "
                "with the universal periodic review and to consider accepting further "
                "recommendations;",
            )
        ],
        removed=["PP16", "PP20", "OP20(m)", "OP20(q)"],
        moved={
            "PP17": "PP16",
            "PP21": "PP19",
            "OP20(n)": "OP20(m)",
            "OP20(r)": "OP20(p)",
            "OP27": "OP28",
            "OP28": "OP29",
        },
    ),
    "A/75/L.95 on A/RES/75/10 (French)": Case(
        "A_75_L.95_fr.txt",
        ROOT / "fixtures" / "A_RES_75_10_fr.md",
        ["Ruritanie", "Syldavie"],
        ["applied"] * 8,
        edits={
            "PP4": [("inédits ", "")],
            "OP2": [
                (
                    "étrangers, y compris",
                    "étrangers, conformément au droit international, y compris",
                )
            ],
            "OP13(b)": [("informations exactes", "informations fiables")],
            "OP16": [("soixante-dix-septième session", "soixante-dix-huitième session")],
        },
        replaced={
            "OP15": "Prie le Secrétaire général de lui rendre compte à sa soixante-dix-huitième "
            "session de l’application de la présente résolution ;"
        },
        added=[
            (
                "PP4",
                "Réaffirmant que la coopération policière internationale doit s’exercer dans le "
                "plein respect de la souveraineté des États et du droit international,",
            ),
            (
                "OP12",
                "Invite INTERPOL à tenir les États Membres informés des activités menées en "
                "application de la présente résolution ;",
            ),
        ],
        removed=["PP12", "PP13"],
        moved={"PP4": "PP5", "PP14": "PP13", "OP12": "OP13", "OP13(b)": "OP14(b)"},
    ),
    "A/C.6/80/L.91 on A/C.6/80/L.11": Case(
        "A_C.6_80_L.91_en.txt",
        COMMITTEE / "A_C.6_80_L.11_en.txt",
        ["Freedonia"],
        ["applied"] * 6,
        edits={
            "PP3": [
                ("the development of", "the progressive development of"),
                ("legal order", "legal system"),
            ],
            "OP2": [
                ("that some Member States continue to consider", "that Member States consider")
            ],
            "OP12": [("resources, an online", "resources, options for an online")],
            "OP20": [
                (
                    "international organizations to submit",
                    "international organizations, as appropriate, to submit",
                )
            ],
            "OP21": [("framework”.", "framework and the registration of treaties”.")],
        },
        title="Strengthening and promoting the international treaty framework and the "
        "registration of treaties",
    ),
    "A/C.4/80/L.91 on A/C.4/80/L.8": Case(
        "A_C.4_80_L.91_en.txt",
        COMMITTEE / "A_C.4_80_L.8_en.txt",
        ["Ruritania"],
        ["applied"] * 6,
        edits={
            "PP2": [("enabled humans", "enabled humankind")],
            "PP8": [("space debris", "orbital debris")],
            "PP16": [("space debris", "orbital debris")],
            "OP3": [
                (
                    "(UNISPACE IV) in 2027;",
                    "(UNISPACE IV) in 2027, subject to the availability of voluntary "
                    "contributions;",
                )
            ],
            "OP16": [("implementing space debris", "implementing orbital debris")],
            "OP17": [("space debris", "orbital debris")] * 5,
            "OP20": [(Cut(", and to include in the provisional agenda", "sustainability”"), "")],
        },
        added=[
            # the new paragraphs, printed 28 and 29 (OP1 right under the last preambular
            # line: "session,9 / 1. Endorses")
            (
                "OP28",
                "Encourages the Office to strengthen its capacity-building activities for "
                "developing countries in the field of space law and policy;",
            ),
            (
                "OP29",
                "Invites Member States to share information on their national space legislation "
                "with the Office, on a voluntary basis;",
            ),
        ],
        removed=["OP36", "OP37"],
    ),
    "A/80/L.93 on A/80/L.15 (sub-paragraphs)": Case(
        "A_80_L.93_en.txt",
        DRAFTS / "A_80_L.15_en.txt",
        [
            "Antigua and Barbuda",
            "Bosnia and Herzegovina",
            "Saint Vincent and the Grenadines",
            "Trinidad and Tobago",
            "United Kingdom of Great Britain and Northern Ireland",
        ],
        ["applied"] * 7,
        edits={
            "PP4": [(Cut(", and expressing grave alarm", "the United Nations system"), "")],
            "OP1(b)(ii)": [
                (Cut(" and, where appropriate and in line", "of their implementation"), "")
            ],
            "OP2(b)": [
                (
                    "informal interactive dialogues and",
                    "informal interactive dialogues, Arria-formula meetings and",
                )
            ],
            "OP12": [("an annual “peacebuilding week” in June", "a biennial “peacebuilding week”")],
        },
        replaced={
            "OP13": "Calls for the full and timely implementation of relevant resolutions on "
            "financing for peacebuilding;"
        },
        added=[
            (
                "OP1(d)",
                "Encouraging the Peacebuilding Commission to hold at least one annual meeting in a "
                "country on its agenda, at the invitation of the country concerned;",
            )
        ],
        removed=["OP1(h)"],
        moved={"OP1(d)": "OP1(e)", "OP1(g)": "OP1(h)", "OP1(i)": "OP1(i)", "OP2(b)": "OP2(b)"},
    ),
    "A/80/L.94 on A/80/L.16 (a quotation across a page)": Case(
        "A_80_L.94_en.txt",
        DRAFTS / "A_80_L.16_en.txt",
        ["Freedonia", "Ruritania"],
        ["applied"] * 6,
        edits={
            "PP16": [
                (
                    "the firing of rockets against Israeli civilian areas",
                    "all attacks against civilians",
                )
            ],
            "OP5": [(" in Moscow,", ",")],
            "OP11": [("Rejects", "Condemns")],
            "OP12": [
                (
                    "a breach of international law,",
                    "a breach of international law, including the Charter of the United Nations,",
                )
            ],
        },
        added=[
            (
                "PP14",
                "Taking note of the report of the Special Coordinator for the Middle East Peace "
                "Process to the Security Council of 20 November 2025, and of the recommendations "
                "contained therein on the reconstruction of the Gaza Strip,",
            )
        ],
        removed=["PP4", "PP5"],
        moved={"PP6": "PP4", "PP15": "PP13", "PP16": "PP15", "PP17": "PP16"},
    ),
    "A/C.5/80/L.91 on A/C.5/80/L.4": Case(
        "A_C.5_80_L.91_en.txt",
        COMMITTEE / "A_C.5_80_L.4_en.txt",
        ["Ruritania"],
        ["applied"] * 6,
        edits={
            "OP38": [(" shall be screened", " may be screened")],
            "OP16": [("markedly ", "")],
            "OP10": [(Cut(", stresses that the UN80", "budget submission"), "")],
            "OP24": [
                (
                    "institutional knowledge;",
                    "institutional knowledge, in all six official languages;",
                )
            ],
        },
        added=[
            (
                "OP39",
                "Requests the Secretary-General to ensure that staff members affected by the "
                "downsizing policy receive timely information on the options available to them;",
            )
        ],
        removed=["OP4"],
        moved={"OP5": "OP4", "OP39": "OP38", "OP40": "OP40"},
    ),
    "A/C.1/80/L.91 on A/C.1/80/L.17": Case(
        "A_C.1_80_L.91_en.txt",
        COMMITTEE / "A_C.1_80_L.17_en.txt",
        ["Syldavia"],
        ["applied"] * 6,
        edits={
            "PP5": [("mankind", "humankind")],
            "OP2": [("the only way", "the only absolute guarantee")],
            "OP6": [
                (
                    "destruction;",
                    "destruction, including through the full implementation of their existing "
                    "obligations;",
                )
            ],
        },
        replaced={
            "PP11": "Cognizant that no State or international body could adequately address the "
            "immediate humanitarian emergency caused by a nuclear weapon detonation,"
        },
        added=[
            (
                "OP5",
                "Calls upon all States to refrain from any action that could lead to the use of "
                "nuclear weapons;",
            )
        ],
        removed=["PP9", "PP10"],
        moved={"PP11": "PP9", "OP5": "OP6", "OP6": "OP7"},
    ),
    "A/80/L.95 on A/80/L.14 (paragraphs named as headings)": Case(
        "A_80_L.95_en.txt",
        DRAFTS / "A_80_L.14_en.txt",
        ["Ruritania"],
        ["applied"] * 5,
        edits={
            "OP2": [
                (
                    "shall be financed through extrabudgetary resources",
                    "shall be met through voluntary contributions",
                )
            ],
            "OP3": [
                (
                    "of the Conference;",
                    "of the Conference, and encourages other Member States to consider hosting "
                    "future conferences;",
                )
            ],
        },
        replaced={
            "PP5": "Recognizing the central role of the General Assembly and the Economic and "
            "Social Council in the implementation of Sustainable Development Goal 14,"
        },
        removed=["OP4"],
        moved={"OP5": "OP4"},
        title="2028 United Nations Ocean Conference",
    ),
    "A/80/L.96 on A/80/L.18 (ordinals in words)": Case(
        "A_80_L.96_en.txt",
        DRAFTS / "A_80_L.18_en.txt",
        ["Ruritania", "Syldavia"],
        ["applied"] * 8,
        edits={
            "PP19": [(", and hate speech", ""), ("that undermine trust", "which undermine trust")],
            "PP41": [
                ("the Moscow, Brasilia, Stockholm and Marrakech Declarations, adopted at ", "")
            ],
            "PP44": [("Noting also", "Emphasizing")],
            "OP1": [("Takes note with appreciation of", "Welcomes")],
            "OP2": [("and refugee law", "and international refugee law")],
            "OP3": [(", including extremist attacks,", "")],
        },
        removed=["PP27", "PP28", "PP29", "OP9"],
        moved={"PP30": "PP27", "PP44": "PP41", "OP10": "OP9"},
    ),
    "A/79/L.98 on A/RES/79/314 (the annex, sentences)": Case(
        "A_79_L.98_en.txt",
        CORPUS / "unga-78-79" / "A_RES_79_314_en.txt",
        ["Ruritania"],
        ["applied"] * 7,
        edits={
            "OP1": [("profound gratitude", "gratitude")],
            "ANNEX.OP1": [("Nice, France,", "Nice,")],
            "ANNEX.OP3": [(Cut("The ocean and its ecosystems are", "and pollution. "), "")],
            "ANNEX.OP16": [(Cut(" We encourage all competent", "marine species."), "")],
            "ANNEX.OP13": [("and encourage States", "and invite States")],
            "ANNEX.OP30(d)": [("also note the proposal", "welcome the proposal")],
        },
        added=[
            (
                "ANNEX.OP15",
                "We look forward to the fourth United Nations Ocean Conference, to be held in "
                "2028, and invite States to contribute to its preparation.",
            )
        ],
        moved={"ANNEX.OP15": "ANNEX.OP16", "ANNEX.OP30(d)": "ANNEX.OP31(d)"},
    ),
    "A/C.6/80/L.92 after the real A/C.6/80/L.24 (a conflict)": Case(
        "A_C.6_80_L.92_en.txt",
        COMMITTEE / "A_C.6_80_L.14_en.txt",
        ["Freedonia"],
        ["applied", "applied", "conflict", "applied"],
        edits={
            "OP2": [
                ("from 31 August to 4 September 2026", "from 7 to 11 September 2026"),
                (Cut(", to decide on the participation", "by the Secretariat, and"), ""),
            ],
            "OP9": [(Cut(", on the understanding that", "as appropriate"), "")],
        },
        removed=["OP15"],
        moved={"OP16": "OP15"},
        before=[COMMITTEE / "A_C.6_80_L.24_en.txt"],
    ),
    "A/75/L.96 on A/RES/75/10 (French forms)": Case(
        "A_75_L.96_fr.txt",
        ROOT / "fixtures" / "A_RES_75_10_fr.md",
        ["Syldavie"],
        ["applied"] * 7,
        edits={
            "PP2": [("pertinents ", "")],
            "OP13(d)": [(Cut(", dans le cadre des activités", "analyse criminelle"), "")],
            "OP4": [("des femmes et de leur", "des femmes et des filles et de leur")],
            "PP18": [("non étatiques,", "non étatiques, conformément au droit international,")],
        },
        replaced={
            "OP15": "Prie le Secrétaire général de lui présenter, à sa soixante-dix-septième "
            "session, un rapport sur l’application de la présente résolution ;"
        },
        added=[
            (
                "OP5",
                "Encourage INTERPOL à poursuivre sa coopération avec les organisations "
                "régionales, dans le cadre de son mandat ;",
            )
        ],
        removed=["OP13(c)"],
        moved={"OP5": "OP6", "OP13(d)": "OP14(c)"},
    ),
    "A/80/L.97 on A/80/L.24 (straight quotes, a paragraph that is not there)": Case(
        "A_80_L.97_en.txt",
        DRAFTS / "A_80_L.24_en.txt",
        ["Syldavia"],
        ["applied"] * 6 + ["not found"],
        edits={
            "OP1": [("Legal Literacy", "Legal Awareness and Literacy")],
            "PP7": [("learners’ needs", "the needs of learners")],
            "PP9": [
                (Cut(", and in this regard taking note of the experience", "its citizens"), "")
            ],
            "OP2": [
                (
                    "national human rights institutions and",
                    "national human rights institutions, academic institutions and",
                )
            ],
            "OP3": [("upon request", "at their request")],
            "OP4": [
                (Cut(", and calls upon all relevant stakeholders", "the International Year"), "")
            ],
        },
        title="International Year of Legal Awareness and Literacy, 2027",
    ),
    "A/80/L.99 on A/80/L.26 (sub-paragraphs of the preamble)": Case(
        "A_80_L.99_en.txt",
        DRAFTS / "A_80_L.26_en.txt",
        ["Ruritania"],
        ["applied"] * 7,
        edits={
            "PP13(a)(iv)": [
                ("forcible transfer and deportation", "forcible transfer or deportation")
            ],
            "PP6": [(Cut(", and noting that Israel", "humanitarian conditions there"), "")],
            "OP2": [("Gaza Strip;", "Gaza Strip and the West Bank;")],
            "OP3(g)": [(", or contributes to,", "")],
        },
        added=[
            ("OP5(g)", "Cooperating with the United Nations and its agencies on the ground;"),
            ("OP8", "Decides to remain seized of the matter."),
        ],
        removed=["OP5(f)"],
        moved={"OP5(g)": "OP5(f)", "OP8": "OP9"},
    ),
}


def apply(case: Case) -> tuple[Resolution, Resolution, Comparison]:
    draft = parse(case.draft.read_text(encoding="utf-8"))
    amendment = parse((HERE / case.amendment).read_text(encoding="utf-8"))
    before = [parse(p.read_text(encoding="utf-8")) for p in case.before]
    return draft, amendment, apply_amendments(draft, [*before, amendment])


@pytest.mark.parametrize("name", list(CASES))
def test_the_amended_draft_reads_as_worked_out_by_hand(name: str) -> None:
    case = CASES[name]
    draft, amendment, c = apply(case)
    assert amendment.document_type == "amendment" and not amendment.paragraphs
    assert amendment.sponsors == case.sponsors
    assert c.amendments is not None
    report = c.amendments[-1]
    assert [i.status for i in report.instructions] == case.statuses, report
    assert [i.number for i in report.instructions] == list(range(1, len(case.statuses) + 1))
    assert all(i.status == "applied" for a in c.amendments[:-1] for i in a.instructions)
    rebuilt(c)
    assert c.new.title == (case.title or draft.title)
    new = {p.id: p.text for p in c.new.paragraphs}
    changed = {pid: edited(draft.paragraph(pid).text, e) for pid, e in case.edits.items()}
    changed.update(case.replaced)
    for ch in c.changes:
        if ch.type == "added":
            continue
        [old] = ch.old
        if ch.type == "removed":
            assert old in case.removed, old
            continue
        [now] = ch.new
        assert new[now] == changed.get(old, draft.paragraph(old).text), old
        assert ch.type == ("reworded" if old in changed else "unchanged"), old
    assert sorted(changed) == sorted(ch.old[0] for ch in c.changes if ch.type == "reworded")
    assert [i for ch in c.changes if ch.type == "removed" for i in ch.old] == case.removed
    added = [(ch.new[0], new[ch.new[0]]) for ch in c.changes if ch.type == "added"]
    assert added == case.added
    renumbered = {ch.old[0]: ch.new[0] for ch in c.changes if ch.old and ch.new}
    assert {k: renumbered[k] for k in case.moved} == case.moved


def test_a_paragraph_that_is_not_there_is_reported_with_what_the_draft_has() -> None:
    _, _, c = apply(
        CASES["A/80/L.97 on A/80/L.24 (straight quotes, a paragraph that is not there)"]
    )
    assert c.not_applied()[0][1].detail == (
        "the draft has no operative paragraph 6 (it has OP1 to OP5)"
    )


def test_words_an_earlier_instruction_edited_are_deleted_with_that_edit() -> None:
    """Instruction 3 quotes PP9 as tabled, “Year of Legal Literacy” included, after
    instruction 1 replaced “Legal Literacy” everywhere: the whole passage goes."""
    _, _, c = apply(
        CASES["A/80/L.97 on A/80/L.24 (straight quotes, a paragraph that is not there)"]
    )
    assert c.amendments is not None
    third = c.amendments[0].instructions[2]
    assert "with what instruction 1 of this amendment changed in it" in third.detail
    ch = next(ch for ch in c.changes if ch.old == ["PP9"])
    assert [r.instruction for r in ch.amendment] == [1, 3]


def test_a_conflict_with_another_amendment_names_it() -> None:
    _, _, c = apply(CASES["A/C.6/80/L.92 after the real A/C.6/80/L.24 (a conflict)"])
    assert c.amendments is not None
    third = c.amendments[1].instructions[2]
    assert third.targets == ["OP2"]
    assert "was already changed by A/C.6/80/L.24 instruction 1" in third.detail


def test_alone_the_conflicting_instruction_applies() -> None:
    case = CASES["A/C.6/80/L.92 after the real A/C.6/80/L.24 (a conflict)"]
    draft = parse(case.draft.read_text(encoding="utf-8"))
    amendment = parse((HERE / case.amendment).read_text(encoding="utf-8"))
    c = apply_amendments(draft, [amendment])
    assert [i.status for a in c.amendments or [] for i in a.instructions] == ["applied"] * 4
    text = c.new.paragraph("OP2").text
    assert "Conference, to discuss the organization" not in text
    assert "to the Conference, including on the modalities for such decision" in text


def test_the_new_paragraphs_numbered_in_the_amendment_stay_with_their_instruction() -> None:
    """“28. Encourages ...” and “29. Invites ...” are the text of instruction 6 (a
    quotation still open, numbers that are not the next instruction's), not instructions."""
    amendment = parse((HERE / "A_C.4_80_L.91_en.txt").read_text(encoding="utf-8"))
    assert [i.number for i in amendment.instructions] == [1, 2, 3, 4, 5, 6]
    assert "\n29. Invites Member States" in amendment.instructions[5].text
