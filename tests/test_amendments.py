"""Every action of an amendment, in English and in French, against a draft amended by hand.

The drafts are ``fixtures/amendments/draft_en.txt`` and ``draft_fr.txt`` (the
same small draft resolution, authored for these tests). Each case gives one
instruction and what the amended draft must read, written out by hand: the
paragraphs it changes (by their id in the amended text), the title if it
changes, and the tabled paragraphs it removes. Every other paragraph must
read as tabled, renumbered.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from diffing import Comparison, Instruction, Resolution, apply_amendments, parse
from diffing.errors import AmendmentMismatchError, NotADraftError, NotAnAmendmentError

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "amendments"
DRAFTS = {lang: parse((FIXTURES / f"draft_{lang}.txt").read_text()) for lang in ("en", "fr")}


def amendment(*texts: str, symbol: str = "A/99/L.9", amends: str = "A/99/L.7") -> Resolution:
    """An amendment as the parser reads one (issue 11): numbered instructions."""
    return Resolution(
        symbol=symbol,
        document_type="amendment",
        sponsors=["Ruritania"],
        amends=amends,
        instructions=[Instruction(n, t) for n, t in enumerate(texts, 1)],
    )


def rebuilt(c: Comparison) -> None:
    """The word ops of every change rebuild both texts exactly (the README's contract)."""
    old = {p.id: p.text for p in c.old.paragraphs}
    new = {p.id: p.text for p in c.new.paragraphs}
    for ch in c.changes:
        assert "".join(o.old for o in ch.ops) == "\n".join(old[i] for i in ch.old)
        assert "".join(o.new for o in ch.ops) == "\n".join(new[i] for i in ch.new)
    seen_old = [i for ch in c.changes for i in ch.old]
    seen_new = [i for ch in c.changes for i in ch.new]
    assert sorted(seen_old) == sorted(old) and sorted(seen_new) == sorted(new)


@dataclass
class Case:
    instruction: str
    reads: dict[str, str] = field(default_factory=dict)  # amended id -> text
    title: str | None = None
    removed: list[str] = field(default_factory=list)  # tabled ids
    action: str = ""


EN = {
    "delete words": Case(
        "In the second preambular paragraph, delete “, rising seas”.",
        {"PP2": "Noting with concern the damage caused to lighthouses by storms and neglect,"},
        action="delete words",
    ),
    "insert words after": Case(
        "In operative paragraph 2, insert “and lightships” after “historic lighthouses”.",
        {
            "OP2": "Encourages Member States to protect lighthouses, in particular historic "
            "lighthouses and lightships, and to share best practices;"
        },
        action="insert words",
    ),
    "insert words before": Case(
        "In operative paragraph 4, before “work”, insert “valuable”.",
        {"OP4": "Invites the International Lighthouse Association to continue its valuable work;"},
        action="insert words",
    ),
    "insert words at the end": Case(
        "At the end of operative paragraph 4, add “, in cooperation with Member States”.",
        {
            "OP4": "Invites the International Lighthouse Association to continue its work, "
            "in cooperation with Member States;"
        },
        action="insert words",
    ),
    "replace words": Case(
        "In operative paragraph 1, replace “Takes note of” with “Welcomes”.",
        {"OP1": "Welcomes the report of the Secretary-General;"},
        action="replace words",
    ),
    "two clauses": Case(
        "In operative paragraph 2, replace “Encourages” with “Urges” and delete "
        "“, in particular historic lighthouses,”.",
        {"OP2": "Urges Member States to protect lighthouses and to share best practices;"},
        action="replace words; delete words",
    ),
    "replace everywhere": Case(
        "Replace “historic” with “heritage” in the title, the preambular paragraphs and the "
        "operative paragraphs.",
        {
            "PP1": "Recalling its resolution 98/12 of 1 December 2098 on the protection of "
            "heritage lighthouses,",
            "OP2": "Encourages Member States to protect lighthouses, in particular heritage "
            "lighthouses, and to share best practices;",
            "OP3(a)": "To compile a register of heritage lighthouses;",
            "OP5": "Decides to include in the provisional agenda of its hundredth session the "
            'item entitled "Protection of heritage lighthouses".',
        },
        title="Cooperation on the protection of heritage lighthouses",
        action="replace words everywhere",
    ),
    "replace in the operative part only": Case(
        "Replace “historic” with “heritage” in the operative paragraphs.",
        {
            "OP2": "Encourages Member States to protect lighthouses, in particular heritage "
            "lighthouses, and to share best practices;",
            "OP3(a)": "To compile a register of heritage lighthouses;",
            "OP5": "Decides to include in the provisional agenda of its hundredth session the "
            'item entitled "Protection of heritage lighthouses".',
        },
    ),
    "change the title": Case(
        "Replace the title with “Protection of lighthouses and lightships”.",
        title="Protection of lighthouses and lightships",
        action="replace title",
    ),
    "words of the title": Case(
        "In the title, replace “Cooperation on the protection” with “Protection”.",
        title="Protection of historic lighthouses",
    ),
    "delete a paragraph": Case(
        "Delete the third preambular paragraph.",
        {"PP3": "Recognizing that lighthouses are part of the maritime heritage of humanity,"},
        removed=["PP3"],
        action="delete paragraphs",
    ),
    "delete a list": Case(
        "Delete the third and fourth preambular paragraphs.", removed=["PP3", "PP4"]
    ),
    "delete a range": Case(
        "Delete operative paragraphs 1 to 2.",
        {"OP1": "Requests the Secretary-General:"},
        removed=["OP1", "OP2"],
    ),
    "delete a sub-paragraph": Case(
        "Delete operative paragraph 3 (b).",
        {"OP3(b)": "To convene a meeting of experts;"},
        removed=["OP3(b)"],
    ),
    "delete a paragraph and its sub-paragraphs": Case(
        "Delete operative paragraph 3.",
        {"OP3": "Invites the International Lighthouse Association to continue its work;"},
        removed=["OP3", "OP3(a)", "OP3(b)", "OP3(c)"],
    ),
    "replace a paragraph": Case(
        "Replace operative paragraph 4 with the following: “Invites all relevant "
        "organizations to support the work of the International Lighthouse Association;”",
        {
            "OP4": "Invites all relevant organizations to support the work of the "
            "International Lighthouse Association;"
        },
        action="replace paragraph",
    ),
    "replace a sub-paragraph": Case(
        "Replace subparagraph (c) of operative paragraph 3 with “To convene a meeting of "
        "experts in 2100;”.",
        {"OP3(c)": "To convene a meeting of experts in 2100;"},
    ),
    "insert a paragraph": Case(
        "After the fourth preambular paragraph, insert a new preambular paragraph reading:\n\n"
        "Mindful of the role of lighthouses in the safety of\nnavigation,",
        {"PP5": "Mindful of the role of lighthouses in the safety of navigation,"},
        action="insert paragraphs",
    ),
    "insert two paragraphs": Case(
        "After operative paragraph 2, insert two new operative paragraphs reading:\n\n"
        "“Calls upon Member States to fund the restoration of lighthouses;”\n\n"
        "“Encourages volunteers to help keep lighthouses;”",
        {
            "OP3": "Calls upon Member States to fund the restoration of lighthouses;",
            "OP4": "Encourages volunteers to help keep lighthouses;",
            "OP5": "Requests the Secretary-General:",
            "OP5(a)": "To compile a register of historic lighthouses;",
        },
    ),
    "insert a paragraph before": Case(
        "Insert a new preambular paragraph before the first preambular paragraph, reading: "
        "“Guided by the Charter of the United Nations,”",
        {"PP1": "Guided by the Charter of the United Nations,"},
    ),
    "insert a sub-paragraph": Case(
        "After operative paragraph 3 (b), insert a new subparagraph reading: “(c) To identify "
        "lighthouses at risk;”",
        {
            "OP3(c)": "To identify lighthouses at risk;",
            "OP3(d)": "To convene a meeting of experts;",
        },
    ),
    "insert a numbered paragraph with sub-paragraphs": Case(
        "After operative paragraph 4, insert a new operative paragraph reading:\n"
        "“5. Requests the International Lighthouse Association:\n(a) To train keepers;\n"
        "(b) To share its archives;”",
        {
            "OP5": "Requests the International Lighthouse Association:",
            "OP5(a)": "To train keepers;",
            "OP5(b)": "To share its archives;",
            "OP6": "Decides to include in the provisional agenda of its hundredth session the "
            'item entitled "Protection of historic lighthouses".',
        },
    ),
    "insert at the end of the operative part": Case(
        "At the end of the operative part, add a new paragraph reading: “Decides to remain "
        "seized of the matter.”",
        {"OP6": "Decides to remain seized of the matter."},
    ),
    "add a sub-paragraph to a paragraph": Case(
        "Add a new subparagraph to operative paragraph 3, reading: “(d) To publish the "
        "register online;”",
        {"OP3(d)": "To publish the register online;"},
    ),
    "insert words at the end, with a colon": Case(
        "Add at the end of operative paragraph 4: “, in cooperation with Member States”.",
        {
            "OP4": "Invites the International Lighthouse Association to continue its work, "
            "in cooperation with Member States;"
        },
    ),
    "insert words before the final semicolon": Case(
        "In operative paragraph 1, insert “and its recommendations” before the final semicolon.",
        {"OP1": "Takes note of the report of the Secretary-General and its recommendations;"},
    ),
    "insert words opening with a comma before other words": Case(
        "In operative paragraph 2, insert “, as appropriate,” before “to share”.",
        {
            "OP2": "Encourages Member States to protect lighthouses, in particular historic "
            "lighthouses, and, as appropriate, to share best practices;"
        },
    ),
    "replace words, passive": Case(
        "In operative paragraph 1, the words “Takes note of” are replaced by “Welcomes”.",
        {"OP1": "Welcomes the report of the Secretary-General;"},
    ),
    "delete the text after words": Case(
        "In operative paragraph 2, delete the text after “to protect lighthouses”.",
        {"OP2": "Encourages Member States to protect lighthouses;"},
        action="delete words",
    ),
    "delete the words from ... to ...": Case(
        "In operative paragraph 2, delete the words from “in particular” to “lighthouses,”.",
        {"OP2": "Encourages Member States to protect lighthouses, and to share best practices;"},
    ),
    "delete sub-paragraphs named by their letters alone": Case(
        "In operative paragraph 3, delete subparagraphs (a) and (b).",
        {"OP3(a)": "To convene a meeting of experts;"},
        removed=["OP3(a)", "OP3(b)"],
    ),
    "a paragraph named as a heading": Case(
        "Operative paragraph 4\nDelete the paragraph.", removed=["OP4"], action="delete paragraphs"
    ),
    "replace a paragraph: to read as follows": Case(
        "Operative paragraph 4 to read as follows: “Invites all relevant organizations to "
        "support the International Lighthouse Association;”",
        {
            "OP4": "Invites all relevant organizations to support the International Lighthouse "
            "Association;"
        },
        action="replace paragraph",
    ),
    "insert a paragraph at its number": Case(
        "Insert a new operative paragraph 3 reading: “Calls upon Member States to fund the "
        "restoration of lighthouses;”",
        {
            "OP3": "Calls upon Member States to fund the restoration of lighthouses;",
            "OP4": "Requests the Secretary-General:",
            "OP4(a)": "To compile a register of historic lighthouses;",
        },
    ),
    "insert a paragraph at a number after the last": Case(
        "Insert a new operative paragraph 6 reading: “Decides to remain seized of the matter.”",
        {"OP6": "Decides to remain seized of the matter."},
    ),
    "delete the last preambular paragraph": Case(
        "Delete the last preambular paragraph.", removed=["PP4"], action="delete paragraphs"
    ),
    "replace two paragraphs with one": Case(
        "Replace operative paragraphs 1 and 2 with the following: “Welcomes the report of the "
        "Secretary-General and encourages Member States to protect lighthouses;”",
        {
            "OP1": "Welcomes the report of the Secretary-General and encourages Member States to "
            "protect lighthouses;",
            "OP2": "Requests the Secretary-General:",
        },
        removed=["OP1", "OP2"],
        action="delete paragraphs; insert paragraphs",
    ),
    "replace words in two paragraphs": Case(
        "Replace “historic” with “heritage” in operative paragraphs 2 and 5.",
        {
            "OP2": "Encourages Member States to protect lighthouses, in particular heritage "
            "lighthouses, and to share best practices;",
            "OP5": "Decides to include in the provisional agenda of its hundredth session the "
            'item entitled "Protection of heritage lighthouses".',
        },
        action="replace words",
    ),
    "words that should read other words": Case(
        "In operative paragraph 1, the words “Takes note of” should read “Welcomes”.",
        {"OP1": "Welcomes the report of the Secretary-General;"},
    ),
    "insert a sub-paragraph at its letter": Case(
        "In operative paragraph 3, insert a new subparagraph (b) reading: “(b) To identify "
        "lighthouses at risk;”",
        {
            "OP3(b)": "To identify lighthouses at risk;",
            "OP3(c)": "To report on the state of lighthouses worldwide;",
            "OP3(d)": "To convene a meeting of experts;",
        },
    ),
}

FR = {
    "supprimer des mots": Case(
        "Dans le deuxième alinéa du préambule, supprimer « , la montée des eaux ».",
        {
            "PP2": "Notant avec préoccupation les dommages causés aux phares par les tempêtes "
            "et l'abandon,"
        },
        action="delete words",
    ),
    "insérer après": Case(
        "Au paragraphe 2 du dispositif, insérer « et les bateaux-phares » après « les phares "
        "historiques ».",
        {
            "OP2": "Encourage les États Membres à protéger les phares, en particulier les "
            "phares historiques et les bateaux-phares, et à échanger leurs bonnes pratiques ;"
        },
    ),
    "insérer avant": Case(
        "Au paragraphe 4 du dispositif, avant « travaux », insérer « précieux ».",
        {
            "OP4": "Invite l'Association internationale des phares à poursuivre ses précieux travaux ;"
        },
    ),
    "ajouter à la fin": Case(
        "À la fin du paragraphe 4 du dispositif, ajouter « , en coopération avec les États "
        "Membres ».",
        {
            "OP4": "Invite l'Association internationale des phares à poursuivre ses travaux, "
            "en coopération avec les États Membres ;"
        },
    ),
    "remplacer des mots": Case(
        "Au paragraphe 1 du dispositif, remplacer « Prend note du » par « Accueille avec "
        "satisfaction le ».",
        {"OP1": "Accueille avec satisfaction le rapport du Secrétaire général ;"},
        action="replace words",
    ),
    "remplacer partout": Case(
        "Remplacer « historiques » par « patrimoniaux » dans le titre, les alinéas du "
        "préambule et les paragraphes du dispositif.",
        {
            "PP1": "Rappelant sa résolution 98/12 du 1er décembre 2098 sur la protection des "
            "phares patrimoniaux,",
            "OP2": "Encourage les États Membres à protéger les phares, en particulier les "
            "phares patrimoniaux, et à échanger leurs bonnes pratiques ;",
            "OP3(a)": "D'établir un registre des phares patrimoniaux ;",
            "OP5": "Décide d'inscrire à l'ordre du jour provisoire de sa centième session la "
            "question intitulée « Protection des phares patrimoniaux ».",
        },
        title="Coopération pour la protection des phares patrimoniaux",
        action="replace words everywhere",
    ),
    "remplacer le titre": Case(
        "Remplacer le titre par « Protection des phares et des bateaux-phares ».",
        title="Protection des phares et des bateaux-phares",
    ),
    "supprimer un alinéa": Case(
        "Supprimer le troisième alinéa du préambule.",
        {"PP3": "Considérant que les phares font partie du patrimoine maritime de l'humanité,"},
        removed=["PP3"],
    ),
    "supprimer des alinéas": Case(
        "Supprimer les troisième et quatrième alinéas du préambule.", removed=["PP3", "PP4"]
    ),
    "supprimer des paragraphes": Case(
        "Supprimer les paragraphes 1 à 2 du dispositif.",
        {"OP1": "Prie le Secrétaire général :"},
        removed=["OP1", "OP2"],
    ),
    "supprimer un alinéa de paragraphe": Case(
        "Supprimer l'alinéa b) du paragraphe 3 du dispositif.",
        {"OP3(b)": "De convoquer une réunion d'experts ;"},
        removed=["OP3(b)"],
    ),
    "remplacer un paragraphe": Case(
        "Remplacer le paragraphe 4 du dispositif par le texte suivant : « Invite toutes les "
        "organisations compétentes à appuyer les travaux de l'Association internationale des "
        "phares ; »",
        {
            "OP4": "Invite toutes les organisations compétentes à appuyer les travaux de "
            "l'Association internationale des phares ;"
        },
    ),
    "insérer un alinéa": Case(
        "Après le quatrième alinéa du préambule, insérer un nouvel alinéa ainsi libellé :\n\n"
        "« Consciente du rôle des phares dans la sécurité de la navigation, »",
        {"PP5": "Consciente du rôle des phares dans la sécurité de la navigation,"},
    ),
    "insérer deux paragraphes": Case(
        "Après le paragraphe 2 du dispositif, insérer deux nouveaux paragraphes ainsi "
        "libellés :\n\n« Demande aux États Membres de financer la restauration des phares ; »\n\n"
        "« Encourage les bénévoles à aider à l'entretien des phares ; »",
        {
            "OP3": "Demande aux États Membres de financer la restauration des phares ;",
            "OP4": "Encourage les bénévoles à aider à l'entretien des phares ;",
            "OP5": "Prie le Secrétaire général :",
        },
    ),
    "insérer un alinéa de paragraphe": Case(
        "Après l'alinéa b) du paragraphe 3 du dispositif, insérer un nouvel alinéa ainsi "
        "libellé : « c) De recenser les phares menacés ; »",
        {
            "OP3(c)": "De recenser les phares menacés ;",
            "OP3(d)": "De convoquer une réunion d'experts ;",
        },
    ),
    "ajouter à la fin, avec deux-points": Case(
        "Ajouter à la fin du quatrième alinéa du préambule : « , à préserver ».",
        {
            "PP4": "Considérant que les phares font partie du patrimoine maritime de "
            "l'humanité, à préserver,"
        },
    ),
    "mot supprimé, au passif": Case(
        "Au paragraphe 2 du dispositif, le mot « historiques » est supprimé.",
        {
            "OP2": "Encourage les États Membres à protéger les phares, en particulier les "
            "phares, et à échanger leurs bonnes pratiques ;"
        },
    ),
    "supprimer le texte après": Case(
        "Au paragraphe 2 du dispositif, supprimer le texte après « à protéger les phares ».",
        {"OP2": "Encourage les États Membres à protéger les phares ;"},
    ),
    "supprimer un alinéa nommé par sa lettre": Case(
        "Au paragraphe 3 du dispositif, supprimer l'alinéa c).", removed=["OP3(c)"]
    ),
    "supprimer le dernier alinéa": Case(
        "Supprimer le dernier alinéa du préambule.", removed=["PP4"]
    ),
    "insérer un paragraphe à son numéro": Case(
        "Insérer un nouveau paragraphe 3 du dispositif ainsi libellé : « Demande aux États "
        "Membres de financer la restauration des phares ; »",
        {
            "OP3": "Demande aux États Membres de financer la restauration des phares ;",
            "OP4": "Prie le Secrétaire général :",
        },
    ),
    "le paragraphe se lira": Case(
        "Le paragraphe 4 du dispositif se lira comme suit : « Invite les organisations "
        "compétentes à appuyer l'Association internationale des phares ; »",
        {
            "OP4": "Invite les organisations compétentes à appuyer l'Association internationale des phares ;"
        },
    ),
    "ajouter à la fin du dispositif": Case(
        "À la fin du dispositif, ajouter un nouveau paragraphe ainsi libellé : « Décide de "
        "rester saisie de la question. »",
        {"OP6": "Décide de rester saisie de la question."},
    ),
}


def check_case(draft: Resolution, case: Case) -> None:
    c = apply_amendments(draft, [amendment(case.instruction)])
    assert c.amendments is not None
    report = c.amendments[0].instructions[0]
    assert report.status == "applied", report
    if case.action:
        assert report.action == case.action
    rebuilt(c)
    amended = {p.id: p.text for p in c.new.paragraphs}
    for pid, text in case.reads.items():
        assert amended[pid] == text
    assert c.new.title == (case.title or draft.title)
    removed = [i for ch in c.changes if ch.type == "removed" for i in ch.old]
    assert removed == case.removed
    # every other paragraph reads as tabled
    by_new = {ch.new[0]: ch for ch in c.changes if ch.new}
    for pid, text in amended.items():
        if pid not in case.reads:
            ch = by_new[pid]
            assert ch.type == "unchanged" or pid in case.reads, (pid, ch.type)
            assert text == draft.paragraph(ch.old[0]).text
    # the changes the amendment made carry it, and so does each of their edits
    made = [ch for ch in c.changes if ch.type != "unchanged"]
    if c.title_change is not None:
        made.append(c.title_change)
    by = {"symbol": "A/99/L.9", "instruction": 1}
    for ch in c.changes:
        assert not (ch.type == "unchanged" and ch.amendment)
    for ch in made:
        assert [a.to_dict() for a in ch.amendment] == [by]
        edits = [o for o in ch.ops if o.op != "equal"]
        assert edits and all(o.to_dict().get("amendment") == by for o in edits)
        assert all(o.amendment is None for o in ch.ops if o.op == "equal")
    # the title's change rebuilds both titles, and is there only when the title changed
    t = c.title_change
    assert (t is not None) == (c.new.title != draft.title)
    if t is not None:
        assert "".join(o.old for o in t.ops) == draft.title
        assert "".join(o.new for o in t.ops) == c.new.title
        assert c.to_dict()["title_change"]["old"] == ["title"]


@pytest.mark.parametrize("name", list(EN))
def test_every_action_in_english(name: str) -> None:
    check_case(DRAFTS["en"], EN[name])


@pytest.mark.parametrize("name", list(FR))
def test_every_action_in_french(name: str) -> None:
    check_case(DRAFTS["fr"], FR[name])


def test_renumbering_is_not_a_change() -> None:
    c = apply_amendments(DRAFTS["en"], [amendment(EN["insert two paragraphs"].instruction)])
    moved = [(ch.old, ch.new, ch.type) for ch in c.changes if ch.old and ch.old != ch.new]
    assert (["OP3"], ["OP5"], "unchanged") in moved
    assert (["OP3(c)"], ["OP5(c)"], "unchanged") in moved
    assert [ch.new for ch in c.changes if ch.type == "added"] == [["OP3"], ["OP4"]]
    assert c.summary["added"] == 2 and c.summary["reworded"] == 0
    assert c.amendments is not None
    assert c.amendments[0].instructions[0].detail == "new OP3, OP4"


def test_a_verb_change_is_flagged() -> None:
    c = apply_amendments(DRAFTS["en"], [amendment(EN["replace words"].instruction)])
    ch = next(ch for ch in c.changes if ch.type == "reworded")
    assert ch.verb_change is not None
    assert (ch.verb_change.old, ch.verb_change.new) == ("Takes note", "Welcomes")


# -- what is not applied, and why ----------------------------------------------------


def statuses(draft: Resolution, *amendments: Resolution) -> list[tuple[str, str]]:
    c = apply_amendments(draft, list(amendments))
    assert c.amendments is not None
    rebuilt(c)
    return [(i.status, i.detail) for a in c.amendments for i in a.instructions]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "Make the text of the draft more ambitious."),
        ("en", "In operative paragraph 2, strengthen “protect”."),
        ("fr", "Rendre le texte plus ambitieux."),
    ],
)
def test_a_made_up_instruction_is_not_understood(lang: str, text: str) -> None:
    [(status, detail)] = statuses(DRAFTS[lang], amendment(text))
    assert status == "not understood"
    assert " ".join(text.split()) in detail


@pytest.mark.parametrize(
    ("lang", "text", "says"),
    [
        ("en", "In operative paragraph 1, delete “of the Director-General”.", "is not in OP1"),
        ("en", "In operative paragraph 2, insert “X” after “lighthouse keepers”.", "is not in OP2"),
        ("en", "Delete operative paragraph 9.", "no operative paragraph 9 (it has OP1 to OP5)"),
        (
            "en",
            "Delete the ninth preambular paragraph.",
            "no preambular paragraph 9 (it has PP1 to PP4)",
        ),
        ("en", "Delete operative paragraph 3 (f).", "no operative paragraph 3 (f)"),
        (
            "fr",
            "Au paragraphe 1 du dispositif, supprimer « du Directeur général ».",
            "is not in OP1",
        ),
        ("fr", "Supprimer le paragraphe 9 du dispositif.", "no operative paragraph 9"),
        ("en", "Replace “lightships” with “buoys” throughout the text.", "is not in the title"),
    ],
)
def test_a_wrong_quotation_or_paragraph_is_not_found(lang: str, text: str, says: str) -> None:
    [(status, detail)] = statuses(DRAFTS[lang], amendment(text))
    assert status == "not found"
    assert says in detail


@pytest.mark.parametrize(
    "text",
    [
        "Renumber the subsequent paragraphs accordingly.",
        "Renuméroter les paragraphes en conséquence.",
    ],
)
def test_renumbering_asked_alone_is_applied(text: str) -> None:
    c = apply_amendments(DRAFTS["en"], [amendment("Delete operative paragraph 1.", text)])
    assert c.amendments is not None
    second = c.amendments[0].instructions[1]
    assert (second.status, second.action) == ("applied", "renumber paragraphs")
    assert second.detail == "the amended text is numbered as printed"
    assert c.new.paragraph("OP1").text == DRAFTS["en"].paragraph("OP2").text


def test_two_instructions_on_the_same_words_conflict() -> None:
    result = statuses(
        DRAFTS["en"],
        amendment(
            "In operative paragraph 1, replace “Takes note of” with “Welcomes”.",
            "In operative paragraph 1, delete “Takes note”.",
        ),
    )
    assert result[0][0] == "applied"
    assert result[1][0] == "conflict"
    assert "instruction 1 of this amendment" in result[1][1]


def test_two_amendments_on_the_same_words_conflict() -> None:
    a = amendment("In operative paragraph 1, replace “Takes note of” with “Welcomes”.")
    b = amendment(
        "In operative paragraph 1, replace “Takes note” with “Notes”.", symbol="A/99/L.10"
    )
    c = apply_amendments(DRAFTS["en"], [a, b])
    assert c.amendments is not None
    second = c.amendments[1].instructions[0]
    assert (second.status, second.targets) == ("conflict", ["OP1"])
    assert "A/99/L.9 instruction 1" in second.detail
    assert c.new.paragraph("OP1").text == "Welcomes the report of the Secretary-General;"
    assert c.not_applied() == [(c.amendments[1], second)]


def test_words_of_a_paragraph_another_amendment_deletes_conflict() -> None:
    a = amendment("Delete operative paragraph 4.")
    b = amendment("In operative paragraph 4, delete “International”.", symbol="A/99/L.10")
    [(s1, _), (s2, d2)] = statuses(DRAFTS["en"], a, b)
    assert (s1, s2) == ("applied", "conflict")
    assert "OP4 was deleted by A/99/L.9 instruction 1" in d2


def test_two_amendments_apply_to_the_draft_as_tabled() -> None:
    """Both refer to the tabled numbering: OP4 is the tabled OP4 although A inserted before it."""
    a = amendment(EN["insert two paragraphs"].instruction)
    b = amendment("In operative paragraph 4, before “work”, insert “valuable”.", symbol="A/99/L.10")
    c = apply_amendments(DRAFTS["en"], [a, b])
    assert [i.status for x in c.amendments or [] for i in x.instructions] == ["applied", "applied"]
    assert c.new.paragraph("OP6").text == (
        "Invites the International Lighthouse Association to continue its valuable work;"
    )
    ch = next(ch for ch in c.changes if ch.old == ["OP4"])
    assert ch.new == ["OP6"] and [a.symbol for a in ch.amendment] == ["A/99/L.10"]


def test_each_edit_names_the_amendment_that_made_it() -> None:
    """Two amendments edit one paragraph: each insertion and deletion is its own."""
    a = amendment("In operative paragraph 2, replace “Encourages” with “Urges”.")
    b = amendment(
        "In operative paragraph 2, insert “and lightships” after “historic lighthouses”.",
        "Replace the title with “Lighthouses”.",
        symbol="A/99/L.10",
    )
    c = apply_amendments(DRAFTS["en"], [a, b])
    ch = next(ch for ch in c.changes if ch.old == ["OP2"])
    edits = [(o.op, o.old, o.new, o.amendment) for o in ch.ops if o.op != "equal"]
    assert [(op, old, new) for op, old, new, _ in edits] == [
        ("replace", "Encourages", "Urges"),
        ("insert", "", " and lightships"),
    ]
    assert [(r.symbol, r.instruction) for *_, r in edits if r] == [
        ("A/99/L.9", 1),
        ("A/99/L.10", 1),
    ]
    assert c.title_change is not None
    assert [a.to_dict() for a in c.title_change.amendment] == [
        {"symbol": "A/99/L.10", "instruction": 2}
    ]
    assert {o.amendment for o in c.title_change.ops if o.op != "equal"} == {
        c.title_change.amendment[0]
    }
    # an ordinary comparison has neither
    from diffing import compare

    d = compare(DRAFTS["en"], c.new).to_dict()
    assert "title_change" not in d
    assert all("amendment" not in o for ch in d["changes"] for o in ch["ops"])


def test_a_failed_instruction_changes_nothing() -> None:
    """An instruction is applied whole or not at all: the first clause is undone."""
    text = "In operative paragraph 2, replace “Encourages” with “Urges” and delete “nothing here”."
    c = apply_amendments(DRAFTS["en"], [amendment(text)])
    assert c.amendments is not None
    assert c.amendments[0].instructions[0].status == "not found"
    assert c.summary["reworded"] == 0
    assert c.new.paragraphs == DRAFTS["en"].paragraphs


def test_an_instruction_already_carried_out_is_applied() -> None:
    c = apply_amendments(
        DRAFTS["en"],
        [
            amendment(
                "Replace “historic” with “heritage” throughout the text.",
                "In operative paragraph 2, replace “in particular historic lighthouses” with "
                "“in particular heritage lighthouses”.",
            )
        ],
    )
    assert c.amendments is not None
    second = c.amendments[0].instructions[1]
    assert second.status == "applied"
    assert "already read so after instruction 1" in second.detail
    ch = next(ch for ch in c.changes if ch.old == ["OP2"])
    assert [a.instruction for a in ch.amendment] == [1, 2]


def test_the_json_contract() -> None:
    c = apply_amendments(DRAFTS["en"], [amendment(EN["replace words"].instruction, "Make it so.")])
    d = c.to_dict()
    assert d["amendments"] == [
        {
            "symbol": "A/99/L.9",
            "sponsors": ["Ruritania"],
            "instructions": [
                {
                    "number": 1,
                    "text": EN["replace words"].instruction,
                    "action": "replace words",
                    "targets": ["OP1"],
                    "status": "applied",
                    "detail": "",
                },
                {
                    "number": 2,
                    "text": "Make it so.",
                    "action": "unknown",
                    "targets": [],
                    "status": "not understood",
                    "detail": "no paragraph of the draft is named: Make it so.",
                },
            ],
        }
    ]
    reworded = [ch for ch in d["changes"] if ch["type"] == "reworded"]
    assert [ch["amendment"] for ch in reworded] == [[{"symbol": "A/99/L.9", "instruction": 1}]]
    assert all("amendment" not in ch for ch in d["changes"] if ch["type"] == "unchanged")
    assert d["new"]["notes"] == ["as amended by A/99/L.9"]


def test_a_plain_comparison_has_no_amendments_key() -> None:
    from diffing import compare

    d = compare(DRAFTS["en"], DRAFTS["en"]).to_dict()
    assert "amendments" not in d
    assert all("amendment" not in ch for ch in d["changes"])


def test_bad_inputs_are_clear_errors() -> None:
    with pytest.raises(
        NotAnAmendmentError, match=re.escape("A/99/L.7 is a draft resolution, not an amendment")
    ):
        apply_amendments(DRAFTS["en"], [DRAFTS["en"]])
    with pytest.raises(
        AmendmentMismatchError, match=re.escape("A/99/L.9 amends A/99/L.8, not A/99/L.7")
    ):
        apply_amendments(
            DRAFTS["en"], [amendment("Delete operative paragraph 1.", amends="A/99/L.8")]
        )
    one = amendment("Delete operative paragraph 1.", amends="A/99/L.7")
    with pytest.raises(
        NotADraftError,
        match=re.escape(
            "A/99/L.9 is an amendment, not a draft: give the draft it amends (A/99/L.7)"
        ),
    ):
        apply_amendments(one, [one])
    assert NotAnAmendmentError.status == AmendmentMismatchError.status == 422
    assert NotADraftError.status == 422


def test_the_deadline_is_kept() -> None:
    from diffing.errors import ComparisonTooLargeError

    with pytest.raises(ComparisonTooLargeError):
        apply_amendments(DRAFTS["en"], [amendment("Delete operative paragraph 1.")], deadline=0.0)
