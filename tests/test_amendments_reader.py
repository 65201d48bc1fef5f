"""Reading instructions: the phrasing patterns of UN amendments, English and French,
and properties of applying them."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from diffing import Instruction, Paragraph, Resolution, apply_amendments
from diffing.amendments import NotUnderstood, read_instruction
from diffing.amendments.actions import (
    DeleteParagraphs,
    DeleteSpan,
    EditWords,
    InsertParagraphs,
    ReplaceEverywhere,
    ReplaceParagraph,
)
from diffing.amendments.blocks import read_block
from diffing.lexicon import ordinal_value


def ids(text: str) -> list[str]:
    """The tabled ids an instruction points at."""
    out: list[str] = []
    for a in read_instruction(text):
        if isinstance(a, DeleteParagraphs):
            out.extend(p.pid for p in a.places)
        elif isinstance(a, EditWords):
            out.append(a.place.pid)
        elif isinstance(a, InsertParagraphs) and a.anchor is not None:
            out.append(a.anchor.pid)
    return out


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Delete the forty-first preambular paragraph.", ["PP41"]),
        ("Delete the twenty-third preambular paragraph.", ["PP23"]),
        ("Delete the 4th preambular paragraph.", ["PP4"]),
        ("Delete preambular paragraph 12.", ["PP12"]),
        ("Delete the sixteenth and seventeenth preambular paragraphs.", ["PP16", "PP17"]),
        ("Delete the sixteenth to eighteenth preambular paragraphs.", ["PP16", "PP17", "PP18"]),
        ("Delete operative paragraphs 5 to 7.", ["OP5", "OP6", "OP7"]),
        ("Delete operative paragraphs 5, 6 and 8.", ["OP5", "OP6", "OP8"]),
        ("Delete operative paragraphs 5–7.", ["OP5", "OP6", "OP7"]),
        ("Operative paragraph 9 should be deleted.", ["OP9"]),
        (
            "Delete subparagraphs (a) to (c) of operative paragraph 5.",
            ["OP5(a)", "OP5(b)", "OP5(c)"],
        ),
        ("Delete operative paragraph 5 (b) (ii).", ["OP5(b)(ii)"]),
        ("In the chapeau of operative paragraph 5, delete “all”.", ["OP5"]),
        ("Supprimer le quarante et unième alinéa du préambule.", ["PP41"]),
        ("Supprimer les seizième et dix-septième alinéas du préambule.", ["PP16", "PP17"]),
        ("Supprimer les paragraphes 5 à 7 du dispositif.", ["OP5", "OP6", "OP7"]),
        ("Supprimer l’alinéa b) du paragraphe 5 du dispositif.", ["OP5(b)"]),
        ("Au paragraphe 5 b) du dispositif, supprimer « tous ».", ["OP5(b)"]),
        ("Supprimer le soixante et onzième alinéa du préambule.", ["PP71"]),
        (
            "Après le paragraphe 4 du dispositif, insérer le nouveau paragraphe suivant : « X ; »",
            ["OP4"],
        ),
        ("Insert a new operative paragraph 4 bis reading: “Decides;”", ["OP4"]),
        (
            "Delete operative paragraph 5 and renumber the subsequent paragraphs accordingly.",
            ["OP5"],
        ),
        (
            "Supprimer le paragraphe 5 du dispositif et renuméroter les paragraphes suivants.",
            ["OP5"],
        ),
        ("Operative paragraph 5: delete “all”.", ["OP5"]),
        ("In operative paragraph 7, replace “A” with “B” and “C” with “D”.", ["OP7", "OP7"]),
        ("At the end of operative paragraph 5, add the following words: “, and X”.", ["OP5"]),
    ],
)
def test_places_ordinals_ranges_and_lists(text: str, expected: list[str]) -> None:
    assert ids(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        'In operative paragraph 3, replace "A" with "B".',
        "In operative paragraph 3, replace “A” with “B”.",
        "In operative paragraph 3, replace the words “A” by the words “B”.",
        "In operative paragraph 3, the word “A” should be replaced by “B”.",
        "In operative paragraph 3, substitute “B” for “A”.",
        "Replace “A” with “B” in operative paragraph 3.",
        "Au paragraphe 3 du dispositif, remplacer « A » par « B ».",
        "Dans le paragraphe 3 du dispositif, remplacer les mots « A » par les mots « B ».",
    ],
)
def test_the_forms_of_a_replacement(text: str) -> None:
    [a] = read_instruction(text)
    assert isinstance(a, EditWords)
    assert (a.verb, a.place.pid, a.old, a.new) == ("replace", "OP3", "A", "B")


@pytest.mark.parametrize(
    ("text", "scopes"),
    [
        (
            "Replace “A” with “B” in the title, the preambular paragraphs and the operative paragraphs.",
            {"title", "preamble", "operative"},
        ),
        ("Replace “A” with “B” throughout the text.", {"title", "preamble", "operative"}),
        (
            "Throughout the draft resolution, replace “A” with “B”.",
            {"title", "preamble", "operative"},
        ),
        ("Replace “A” by “B” in the operative part.", {"operative"}),
        ("Remplacer « A » par « B » dans l’ensemble du texte.", {"title", "preamble", "operative"}),
        ("Remplacer « A » par « B » dans les alinéas du préambule.", {"preamble"}),
    ],
)
def test_the_scopes_of_a_replacement_everywhere(text: str, scopes: set[str]) -> None:
    [a] = read_instruction(text)
    assert isinstance(a, ReplaceEverywhere)
    assert (a.old, a.new, set(a.scopes)) == ("A", "B", scopes)


def test_a_quotation_holding_quotation_marks_and_lines() -> None:
    [a] = read_instruction(
        "In operative paragraph 10, delete “under the sub-item entitled “Strengthening\nof "
        "cooperation””."
    )
    assert isinstance(a, EditWords)
    assert a.old == "under the sub-item entitled “Strengthening\nof cooperation”"


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Make the text better.",
        "In operative paragraph 2, improve “A”.",
        "After operative paragraph 2: “Decides;”",
        "Delete the title.",
    ],
)
def test_what_is_not_read_says_so(text: str) -> None:
    with pytest.raises(NotUnderstood):
        read_instruction(text)


def test_ordinals_english_and_french() -> None:
    words = {
        "first": 1, "twelfth": 12, "twentieth": 20, "forty-first": 41, "ninety-ninth": 99,
        "premier": 1, "deuxième": 2, "vingt et unième": 21, "quarante et unième": 41,
        "soixante-dixième": 70, "soixante et onzième": 71, "quatre-vingtième": 80,
        "quatre-vingt-unième": 81, "quatre-vingt-dix-neuvième": 99, "21st": 21, "3e": 3,
    }  # fmt: skip
    assert {w: ordinal_value(w) for w in words} == words


def test_a_block_split_by_the_count_announced() -> None:
    block = "Stresses X, Y and Z; Decides to remain seized of the matter."
    assert [p.text for p in read_block(block, count=2)] == [
        "Stresses X, Y and Z;",
        "Decides to remain seized of the matter.",
    ]
    assert len(read_block(block)) == 1


@pytest.mark.parametrize(
    ("text", "action", "where"),
    [
        (
            "In operative paragraph 20, delete subparagraphs (m) and (q).",
            DeleteParagraphs,
            ["OP20(m)", "OP20(q)"],
        ),
        ("Au paragraphe 13 du dispositif, supprimer l’alinéa c).", DeleteParagraphs, ["OP13(c)"]),
        ("Operative paragraph 4\nDelete the paragraph.", DeleteParagraphs, ["OP4"]),
        ("Operative paragraph 4\nDelete operative paragraph 4.", DeleteParagraphs, ["OP4"]),
        ("Supprimer le paragraphe 2 de l’annexe.", DeleteParagraphs, ["ANNEX.OP2"]),
        ("Delete paragraph 2 of annex II.", DeleteParagraphs, ["ANNEX-II.OP2"]),
        ("Operative paragraph 32 to read as follows: “Invites X.”", ReplaceParagraph, ["OP32"]),
        ("Operative paragraph 3 is amended to read: “Urges X;”", ReplaceParagraph, ["OP3"]),
        (
            "Le paragraphe 5 du dispositif est modifié comme suit : « Prie X ; »",
            ReplaceParagraph,
            ["OP5"],
        ),
        (
            "Replace the existing text of operative paragraph 5 with the following: “Urges X;”",
            ReplaceParagraph,
            ["OP5"],
        ),
        (
            "Fifth preambular paragraph\nReplace the paragraph with the following:\n“Noting X,”",
            ReplaceParagraph,
            ["PP5"],
        ),
        ("Insert a new operative paragraph 5 reading: “Urges X;”", InsertParagraphs, ["OP5"]),
        (
            "Insérer un nouveau paragraphe 5 du dispositif ainsi libellé : « Prie X ; »",
            InsertParagraphs,
            ["OP5"],
        ),
        (
            "In operative paragraph 3, insert a new subparagraph (d) reading: “(d) To X;”",
            InsertParagraphs,
            ["OP3(d)"],
        ),
        (
            "After paragraph 14 of the annex, insert a new paragraph reading: “We X.”",
            InsertParagraphs,
            ["ANNEX.OP14"],
        ),
        ("Add at the end of operative paragraph 24: “, X”.", EditWords, ["OP24"]),
        ("Add the following at the end of operative paragraph 24: “, X”", EditWords, ["OP24"]),
        ("Operative paragraph 3\nAdd at the end of the paragraph: “, X”.", EditWords, ["OP3"]),
        ("Ajouter à la fin du dix-huitième alinéa du préambule : « , X ».", EditWords, ["PP18"]),
        ("In operative paragraph 6, insert “, X” before the final semicolon.", EditWords, ["OP6"]),
        ("In operative paragraph 38, the word “shall” is replaced by “may”.", EditWords, ["OP38"]),
        ("In operative paragraph 2, the words “X” are deleted.", EditWords, ["OP2"]),
        ("Au deuxième alinéa du préambule, le mot « X » est supprimé.", EditWords, ["PP2"]),
        ("In paragraph 3 of the annex, delete the second sentence.", EditWords, ["ANNEX.OP3"]),
        ("Delete the last sentence of paragraph 16 of the annex.", EditWords, ["ANNEX.OP16"]),
        ("Supprimer la dernière phrase du paragraphe 3 du dispositif.", EditWords, ["OP3"]),
        ("Replace the second sentence of operative paragraph 4 with “We X.”", EditWords, ["OP4"]),
        (
            "In subparagraph (a) (iv) of the thirteenth preambular paragraph, replace “A” with “B”.",
            EditWords,
            ["PP13(a)(iv)"],
        ),
        ("In operative paragraph 10, delete the text after “X”.", DeleteSpan, ["OP10"]),
        ("In operative paragraph 9, delete the words from “A” to “B”.", DeleteSpan, ["OP9"]),
        (
            "In the sixth preambular paragraph, delete the words from “A” to the end of the paragraph.",
            DeleteSpan,
            ["PP6"],
        ),
        (
            "Au paragraphe 13 d) du dispositif, supprimer le texte après « X ».",
            DeleteSpan,
            ["OP13(d)"],
        ),
    ],
)
def test_more_forms_of_real_amendments(text: str, action: type, where: list[str]) -> None:
    [a] = read_instruction(text)
    assert isinstance(a, action)
    if isinstance(a, DeleteParagraphs):
        assert [p.pid for p in a.places] == where
    elif isinstance(a, InsertParagraphs):
        assert a.anchor is not None and [a.anchor.pid] == where
    else:
        assert isinstance(a, EditWords | DeleteSpan | ReplaceParagraph)
        assert [a.place.pid] == where


def _sentences_draft() -> Resolution:
    """A draft with an annex whose paragraphs have several sentences."""
    annex = [
        "We meet in Nice. The ocean is in danger. We must act now.",
        "We recall the declaration of 2022.",
    ]
    return Resolution(
        symbol="A/1/L.1",
        document_type="draft resolution",
        paragraphs=[
            Paragraph("OP1", "operative", "Endorses the declaration in the annex.", number="1"),
            *(
                Paragraph(f"ANNEX.OP{i}", "operative", t, number=str(i), part="ANNEX")
                for i, t in enumerate(annex, 1)
            ),
        ],
    )


@pytest.mark.parametrize(
    ("instruction", "status", "annex1"),
    [
        (
            "In paragraph 1 of the annex, delete the second sentence.",
            "applied",
            "We meet in Nice. We must act now.",
        ),
        (
            "Delete the last sentence of paragraph 1 of the annex.",
            "applied",
            "We meet in Nice. The ocean is in danger.",
        ),
        (
            "Supprimer la première phrase du paragraphe 1 de l’annexe.",
            "applied",
            "The ocean is in danger. We must act now.",
        ),
        (
            "In paragraph 1 of the annex, replace the second sentence with “The ocean needs us.”",
            "applied",
            "We meet in Nice. The ocean needs us. We must act now.",
        ),
        ("In paragraph 1 of the annex, delete the fourth sentence.", "not found", None),
        ("In paragraph 2 of the annex, delete the last sentence.", "not found", None),
        ("In paragraph 3 of the annex, delete “Nice”.", "not found", None),
        ("In paragraph 1 of annex II, delete “Nice”.", "not found", None),
    ],
)
def test_sentences_and_the_annex(instruction: str, status: str, annex1: str | None) -> None:
    draft = _sentences_draft()
    amendment = Resolution(
        symbol="A/1/L.2",
        document_type="amendment",
        amends="A/1/L.1",
        instructions=[Instruction(1, instruction)],
    )
    c = apply_amendments(draft, [amendment])
    assert c.amendments is not None
    report = c.amendments[0].instructions[0]
    assert report.status == status, report
    new = {p.id: p.text for p in c.new.paragraphs}
    assert new["OP1"] == "Endorses the declaration in the annex."
    assert new["ANNEX.OP1"] == (annex1 or draft.paragraph("ANNEX.OP1").text)
    if status == "not found":
        assert report.detail in (
            "ANNEX.OP1 has 3 sentences, not 4",
            "ANNEX.OP2 has only one sentence",
            "the draft has no paragraph 3 of the annex (it has ANNEX.OP1 to ANNEX.OP2)",
            "the draft has no annex II",
        )


# -- properties ------------------------------------------------------------------

_WORDS = st.sampled_from(
    [
        "the",
        "of",
        "and",
        "Member",
        "States",
        "Assembly",
        "Decides",
        "Urges",
        "report",
        "climate",
        "peace",
        "rights",
    ]
)
_PARA = st.lists(_WORDS, min_size=3, max_size=12).map(lambda ws: " ".join(ws) + ";")


def _draft(texts: list[str]) -> Resolution:
    return Resolution(
        symbol="A/1/L.1",
        document_type="draft resolution",
        title="A title",
        paragraphs=[
            Paragraph(f"OP{i}", "operative", t, number=str(i)) for i, t in enumerate(texts, 1)
        ],
    )


@st.composite
def _edits(draw: st.DrawFn) -> tuple[list[str], list[str]]:
    texts = draw(st.lists(_PARA, min_size=1, max_size=5))
    instructions = []
    for _ in range(draw(st.integers(1, 4))):
        n = draw(st.integers(1, len(texts)))
        words = texts[n - 1].rstrip(";").split()
        a = draw(st.integers(0, len(words) - 1))
        b = draw(st.integers(a + 1, len(words)))
        quote = " ".join(words[a:b])
        new = draw(_WORDS)
        form = draw(st.integers(0, 7))
        instructions.append(
            [
                f"In operative paragraph {n}, delete “{quote}”.",
                f"In operative paragraph {n}, replace “{quote}” with “{new}”.",
                f"In operative paragraph {n}, insert “{new}” after “{quote}”.",
                f"Au paragraphe {n} du dispositif, insérer « {new} » avant « {quote} ».",
                f"Delete operative paragraph {n}.",
                f"After operative paragraph {n}, insert a new operative paragraph reading: “{new} X;”",
                f"In operative paragraph {n}, delete the text after “{quote}”.",
                f"Insert a new operative paragraph {n} reading: “{new} X;”",
            ][form]
        )
    return texts, instructions


@settings(max_examples=150, deadline=None)
@given(_edits())
def test_ops_rebuild_both_texts_whatever_the_instructions(
    case: tuple[list[str], list[str]],
) -> None:
    texts, instructions = case
    draft = _draft(texts)
    amendment = Resolution(
        symbol="A/1/L.2",
        document_type="amendment",
        amends="A/1/L.1",
        instructions=[Instruction(i, t) for i, t in enumerate(instructions, 1)],
    )
    c = apply_amendments(draft, [amendment])
    assert c.amendments is not None
    reports = c.amendments[0].instructions
    assert all(r.status in ("applied", "not found", "conflict") for r in reports), reports
    first = reports[0]  # the first always finds the tabled words
    assert first.status == "applied" or first.detail.startswith("nothing follows"), first
    old = {p.id: p.text for p in c.old.paragraphs}
    new = {p.id: p.text for p in c.new.paragraphs}
    for ch in c.changes:
        assert "".join(o.old for o in ch.ops) == "\n".join(old[i] for i in ch.old)
        assert "".join(o.new for o in ch.ops) == "\n".join(new[i] for i in ch.new)
        assert bool(ch.amendment) == (ch.type != "unchanged")
    assert [p.number for p in c.new.paragraphs] == [str(i) for i in range(1, len(new) + 1)]


@settings(max_examples=100, deadline=None)
@given(st.lists(_PARA, min_size=1, max_size=3), st.data())
def test_a_replacement_replaces_exactly_the_quoted_words(
    texts: list[str], data: st.DataObject
) -> None:
    n = data.draw(st.integers(1, len(texts)))
    words = texts[n - 1].rstrip(";").split()
    a = data.draw(st.integers(0, len(words) - 1))
    quote = " ".join(words[a : data.draw(st.integers(a + 1, len(words)))])
    new = data.draw(_WORDS)
    amendment = Resolution(
        symbol="A/1/L.2",
        document_type="amendment",
        instructions=[
            Instruction(1, f"In operative paragraph {n}, replace “{quote}” with “{new}”.")
        ],
    )
    c = apply_amendments(_draft(texts), [amendment])
    old = texts[n - 1]
    # the first occurrence that is whole words
    padded = f" {old[:-1]} "
    at = padded.find(f" {quote} ")
    expected = (padded[: at + 1] + new + padded[at + 1 + len(quote) :]).strip() + ";"
    assert c.new.paragraph(f"OP{n}").text == expected
