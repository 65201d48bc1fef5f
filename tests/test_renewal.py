"""The routine edits of a renewal, one kind at a time, on hand-written texts
(English and French): :func:`diffing.next_draft`."""

from __future__ import annotations

import json

import pytest

import diffing
from diffing.errors import InvalidRequestError
from diffing.lexicon import find_ordinals, ordinal_like, ordinal_value, ordinal_word

HEAD_EN = """A/RES/78/54

Resolution adopted by the General Assembly on 4 December 2023

78/54. Assistance to States

The General Assembly,

"""
HEAD_FR = """A/RES/78/54

Résolution adoptée par l'Assemblée générale le 4 décembre 2023

78/54. Assistance aux États

L'Assemblée générale,

"""
CLOSING_EN = (
    "\n\n9. Decides to include in the provisional agenda of its seventy-ninth session "
    'the item entitled "Assistance to States".\n'
)
CLOSING_FR = (
    "\n\n9. Décide d'inscrire à l'ordre du jour provisoire de sa soixante-dix-neuvième "
    "session la question intitulée « Assistance aux États ».\n"
)


def draft(body: str, *, french: bool = False, session: int | None = None) -> diffing.Draft:
    head, closing = (HEAD_FR, CLOSING_FR) if french else (HEAD_EN, CLOSING_EN)
    return diffing.next_draft(diffing.parse(head + body + closing), session)


def edited(d: diffing.Draft, pid: str) -> str:
    return d.new.paragraph(pid).text


def change(d: diffing.Draft, pid: str) -> diffing.Change:
    return next(c for c in d.changes if c.old == [pid])


def suggested(d: diffing.Draft, pid: str) -> list[str]:
    return [s.text for s in d.suggestions if s.paragraph == pid]


# -- ordinals -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("n", "en", "fr"),
    [
        (1, "first", "premier"),
        (21, "twenty-first", "vingt et unième"),
        (71, "seventy-first", "soixante et onzième"),
        (77, "seventy-seventh", "soixante-dix-septième"),
        (80, "eightieth", "quatre-vingtième"),
        (81, "eighty-first", "quatre-vingt-unième"),
        (91, "ninety-first", "quatre-vingt-onzième"),
        (101, "one hundred and first", "cent unième"),
    ],
)
def test_ordinals_both_ways(n: int, en: str, fr: str) -> None:
    assert ordinal_word(n) == en
    assert ordinal_word(n, "fr") == fr
    assert ordinal_value(en) == n
    assert ordinal_value(fr) == n
    assert ordinal_value(en.capitalize()) == n


def test_ordinals_keep_the_model_form() -> None:
    assert ordinal_like(81, "79th") == "81st"
    assert ordinal_like(80, "Seventy-ninth") == "Eightieth"
    assert ordinal_like(79, "77e") == "79e"
    assert [v for *_, v in find_ordinals("its twenty-second and 23rd sessions, with")] == [22, 23]


# -- General Assembly sessions --------------------------------------------------------


def test_next_session_moves_on_in_an_operative_paragraph() -> None:
    d = draft("1. Requests the Secretary-General to report to it at its seventy-ninth session;")
    assert edited(d, "OP1").endswith("at its eightieth session;")
    c = change(d, "OP1")
    assert (c.type, c.tags, c.reason) == ("reworded", ["rollover"], "session 79 -> 80")
    assert edited(d, "OP9").startswith(
        "Decides to include in the provisional agenda of its eightieth"
    )


def test_next_session_in_the_preamble_is_only_proposed() -> None:
    d = draft(
        "Looking forward to the report to be submitted at its seventy-ninth session,\n\n"
        "1. Takes note of the report;"
    )
    assert change(d, "PP1").type == "unchanged"
    assert suggested(d, "PP1") == [
        "Looking forward to the report to be submitted at its eightieth session,"
    ]


def test_base_session_moves_on_unless_recalled() -> None:
    d = draft(
        "1. Decides that the States shall be permitted to vote until the end of its "
        "seventy-eighth session;\n\n"
        "2. Recalls that it decided to continue the consideration at the seventy-eighth session;\n\n"
        "3. Notes the briefings held during the seventieth to seventy-eighth sessions;"
    )
    assert "end of its seventy-ninth session" in edited(d, "OP1")
    assert change(d, "OP2").type == "unchanged"
    assert suggested(d, "OP2")  # proposed, not made
    assert "the seventieth to seventy-ninth sessions" in edited(d, "OP3")


def test_history_and_special_sessions_stay() -> None:
    d = draft(
        "Recalling the Final Document of the Tenth Special Session of the General Assembly, "
        "and the tenth special session,\n\n"
        "1. Recalls the decision of the Assembly at its seventy-fifth session;"
    )
    assert change(d, "PP1").type == "unchanged"
    assert change(d, "OP1").type == "unchanged"
    assert not suggested(d, "OP1")


def test_another_bodys_session_is_not_the_assemblys() -> None:
    d = draft(
        "1. Notes the endorsement by the Commission at its seventy-ninth session of the plan;\n\n"
        "2. Invites the Commission to consider, at its seventy-ninth session, the plan, and decides "
        "to remain seized of the matter at its seventy-ninth session;"
    )
    assert change(d, "OP1").type == "unchanged"
    assert edited(d, "OP2") == (
        "Invites the Commission to consider, at its seventy-ninth session, the plan, and decides "
        "to remain seized of the matter at its eightieth session;"
    )


def test_a_main_committee_meets_in_the_assemblys_session() -> None:
    d = draft("1. Requests a briefing to the Sixth Committee at its seventy-ninth session;")
    assert "Sixth Committee at its eightieth session" in edited(d, "OP1")


def test_sessions_in_figures_and_later_sessions() -> None:
    d = draft(
        "1. Requests a report at its 79th session;\n\n"
        "2. Requests a further report at its eighty-first session;"
    )
    assert "at its 80th session" in edited(d, "OP1")
    assert change(d, "OP2").type == "unchanged"
    assert suggested(d, "OP2") == ["Requests a further report at its eighty-second session;"]


def test_french_sessions() -> None:
    d = draft(
        "1. Prie le Secrétaire général de lui rendre compte à sa soixante-dix-neuvième session ;",
        french=True,
    )
    assert edited(d, "OP1").endswith("à sa quatre-vingtième session ;")
    assert "sa quatre-vingtième session la question" in edited(d, "OP9")
    assert d.front_matter()["session_heading"] == "Soixante-dix-neuvième session"
    assert d.front_matter()["title"] == "Assistance aux États"


def test_a_biennial_series_moves_on_by_two() -> None:
    text = HEAD_EN.replace("78/54", "77/20").replace("2023", "2022") + (
        "1. Requests a report at its seventy-ninth session;\n\n"
        "2. Decides to include in the provisional agenda of its seventy-ninth session the item."
    )
    d = diffing.next_draft(diffing.parse(text))
    assert (d.session, d.period) == (79, 2)
    assert edited(d, "OP1") == "Requests a report at its eighty-first session;"
    assert change(d, "OP1").reason == "session 79 -> 81"


def test_consecutive_years() -> None:
    d = draft("1. Reiterates, for the eighteenth consecutive year, its concern;")
    assert edited(d, "OP1") == "Reiterates, for the nineteenth consecutive year, its concern;"


# -- other bodies ---------------------------------------------------------------------


def test_a_body_with_a_calendar_moves_on_by_its_own_sessions() -> None:
    d = draft(
        "Having considered the report of the Human Rights Council on its fifty-fourth session,\n\n"
        "Recalling the decision of the Human Rights Council at its seventeenth session,\n\n"
        "Looking forward to the debate of the Council at its fifty-fifth session,\n\n"
        "1. Requests an interim report to the Human Rights Council at its fifty-sixth session;\n\n"
        "2. Invites the Council to consider the report at its fifty-fifth session;"
    )
    assert "its fifty-seventh session" in edited(d, "PP1")  # three sessions a year
    assert change(d, "PP1").reason == "Human Rights Council session 54 -> 57"
    assert change(d, "PP2").type == "unchanged"  # history
    assert change(d, "PP3").type == "unchanged" and suggested(d, "PP3")  # ahead: proposed
    assert "at its fifty-ninth session" in edited(d, "OP1")
    assert "at its fifty-eighth session" in edited(d, "OP2")  # "the Council", named before


def test_meetings_of_states_parties_only_where_the_convention_is_named() -> None:
    body = "1. Welcomes the report of the thirty-third Meeting of States Parties to the Convention;"
    assert change(draft(body), "OP1").type == "unchanged"
    d = draft("Recalling the United Nations Convention on the Law of the Sea,\n\n" + body)
    assert "thirty-fourth Meeting" in edited(d, "OP1")


def test_a_report_on_a_run_of_sessions_moves_on_by_the_run() -> None:
    d = draft(
        "Welcoming the report of the Working Group on its twenty-second and twenty-third sessions,"
        "\n\n1. Takes note of the report of the Working Group on its twenty-second and "
        "twenty-third sessions;\n\n"
        "2. Takes note of the reports of the Committee on its thirty-third and thirty-fourth "
        "sessions and thirty-fifth and thirty-sixth sessions;\n\n"
        "3. Welcomes the report of the Group on its ninth and tenth sessions, and notes the "
        "holding of the ninth and tenth sessions in 2023;\n\n"
        "4. Recalls the report of the Group on its first and second sessions;"
    )
    assert edited(d, "OP1") == (
        "Takes note of the report of the Working Group on its twenty-fourth and "
        "twenty-fifth sessions;"
    )
    assert change(d, "OP1").reason == (
        "Working Group session 22 -> 24; Working Group session 23 -> 25"
    )
    assert change(d, "PP1").type == "unchanged" and suggested(d, "PP1")  # preamble: proposed
    assert change(d, "OP2").type == "unchanged"  # several runs: left alone
    assert change(d, "OP3").type == "unchanged" and suggested(d, "OP3")  # said more of them
    assert change(d, "OP4").type == "unchanged" and not suggested(d, "OP4")  # history
    # a biennial series: the next report covers the same run, one period on
    text = HEAD_EN.replace("78/54", "77/20").replace("2023", "2022") + (
        "1. Takes note of the report of the Working Group on its twenty-second and "
        "twenty-third sessions;\n\n"
        "2. Decides to include in the provisional agenda of its seventy-ninth session the item."
    )
    assert (
        "twenty-fourth and twenty-fifth"
        in diffing.next_draft(diffing.parse(text)).new.paragraph("OP1").text
    )
    fr = draft(
        "1. Prend note du rapport du Groupe de travail sur ses vingt-deuxième et vingt-troisième "
        "sessions ;",
        french=True,
    )
    assert "sur ses vingt-quatrième et vingt-cinquième sessions" in edited(fr, "OP1")


# -- recalled resolutions -------------------------------------------------------------


def test_a_list_grows_by_the_base() -> None:
    d = draft(
        "Recalling its resolutions 75/10 of 23 November 2020, 76/30 of 6 December 2021 "
        "and 77/53 of 7 December 2022,\n\n"
        "Recalling also its resolutions 70/1 of 25 September 2015 and 77/53 of 7 December 2022, "
        "in which it decided,\n\n"
        "1. Takes note;"
    )
    assert edited(d, "PP1") == (
        "Recalling its resolutions 75/10 of 23 November 2020, 76/30 of 6 December 2021, "
        "77/53 of 7 December 2022 and 78/54 of 4 December 2023,"
    )
    assert change(d, "PP1").reason == "recalls 78/54 of 2023-12-04"
    assert change(d, "PP2").type == "unchanged"


def test_list_styles() -> None:
    d = draft(
        "Recalling its resolutions 75/10, 76/30, and 77/53,\n\n"
        "Recalling further its resolutions 75/10 of 23 November 2020, 77/53 of 7 December 2022 "
        "and all other resolutions on the question,\n\n"
        "Recalling also its resolutions 75/10 of 23 November 2020, 76/30 of 6 December 2021 "
        "and 77/53, and its decisions 77/501 and 77/502,\n\n"
        "Noting the report pursuant to resolution 77/53 of 7 December 2022,\n\n"
        "1. Takes note;"
    )
    assert edited(d, "PP1") == "Recalling its resolutions 75/10, 76/30, 77/53, and 78/54,"
    assert edited(d, "PP2").startswith(
        "Recalling further its resolutions 75/10 of 23 November 2020, 77/53 of 7 December 2022, "
        "78/54 of 4 December 2023 and all other"
    )
    assert edited(d, "PP3").startswith(
        "Recalling also its resolutions 75/10 of 23 November 2020, 76/30 of 6 December 2021, "
        "77/53 of 7 December 2022 and 78/54, and its decisions"
    )
    assert edited(d, "PP4") == "Noting the report pursuant to resolution 78/54 of 4 December 2023,"


def test_decisions_and_council_resolutions_are_not_the_series() -> None:
    d = draft(
        "Recalling its decisions 76/501 and 77/501 and Council resolutions 52/1 and 53/2,\n\n"
        "1. Takes note;"
    )
    assert change(d, "PP1").type == "unchanged"


def test_a_lone_recall_is_proposed_both_ways() -> None:
    d = draft("Recalling its resolution 77/53 of 7 December 2022,\n\n1. Takes note;")
    assert change(d, "PP1").type == "unchanged"
    assert suggested(d, "PP1") == [
        "Recalling its resolutions 77/53 of 7 December 2022 and 78/54 of 4 December 2023,",
        "Recalling its resolution 78/54 of 4 December 2023,",
    ]


def test_the_previous_version_decides_a_lone_recall() -> None:
    base = diffing.parse(HEAD_EN + "Recalling its resolution 77/53 of 7 December 2022,")
    young = diffing.parse(HEAD_EN.replace("78/54", "77/53").replace("2023", "2022") + "Noting.")
    latest = diffing.parse(
        HEAD_EN.replace("78/54", "77/53").replace("2023", "2022")
        + "Recalling its resolution 76/30 of 6 December 2021,"
    )
    grown = diffing.next_draft(base, previous=young)
    assert edited(grown, "PP1") == (
        "Recalling its resolutions 77/53 of 7 December 2022 and 78/54 of 4 December 2023,"
    )
    replaced = diffing.next_draft(base, previous=latest)
    assert edited(replaced, "PP1") == "Recalling its resolution 78/54 of 4 December 2023,"


def test_french_recalls() -> None:
    d = draft(
        "Rappelant ses résolutions 76/30 du 6 décembre 2021 et 77/53 du 7 décembre 2022,\n\n"
        "Rappelant également sa résolution 77/53 du 7 décembre 2022,\n\n"
        "1. Prend note ;",
        french=True,
    )
    assert edited(d, "PP1") == (
        "Rappelant ses résolutions 76/30 du 6 décembre 2021, 77/53 du 7 décembre 2022 "
        "et 78/54 du 4 décembre 2023,"
    )
    assert suggested(d, "PP2")[0] == (
        "Rappelant également ses résolutions 77/53 du 7 décembre 2022 et 78/54 du 4 décembre 2023,"
    )


# -- the result -----------------------------------------------------------------------


def test_the_draft_as_a_document_and_as_json() -> None:
    d = draft("Recalling its resolutions 76/30 and 77/53,\n\n1. Takes note;")
    assert (d.new.symbol, d.new.document_type, d.new.session) == (None, "draft resolution", 79)
    assert (d.new.adopted, d.new.sponsors, d.new.title) == (None, [], "Assistance to States")
    front = d.front_matter()
    assert (front["session_heading"], front["base"], front["agenda_item"]) == (
        "Seventy-ninth session",
        "A/RES/78/54",
        None,
    )
    data = json.loads(json.dumps(d.to_dict()))
    assert data["draft"]["session"] == 79 and data["draft"]["period"] == 1
    assert {c["reason"] for c in data["changes"] if c["type"] == "reworded"} == {
        "recalls 78/54 of 2023-12-04",
        "session 79 -> 80",
    }
    assert "reason" not in next(c for c in data["changes"] if c["type"] == "unchanged")
    assert isinstance(data["suggestions"], list)


def test_compare_output_keeps_its_shape() -> None:
    r = diffing.parse(HEAD_EN + "1. Takes note;")
    assert all("reason" not in c for c in diffing.compare(r, r).to_dict()["changes"])


def test_bad_requests() -> None:
    with pytest.raises(InvalidRequestError, match="after the base"):
        draft("1. Takes note;", session=78)
    with pytest.raises(InvalidRequestError, match="session is unknown"):
        diffing.next_draft(diffing.parse("The General Assembly,\n\n1. Takes note;"))


# -- years ----------------------------------------------------------------------------


def test_years_tied_to_a_session_or_a_period() -> None:
    d = draft(
        "Noting that the Conference on Disarmament, during its 2023 session, met,\n\n"
        "Recalling the decision of the Conference for its 2009 session,\n\n"
        "Having considered the financial report for the year ended 31 December 2022,\n\n"
        "1. Urges the Conference to begin its work during its 2024 session;\n\n"
        "2. Approves the budget for the period from 1 July 2024 to 30 June 2025;\n\n"
        "3. Decides to achieve the goals by 2030 in the biennium 2024–2025;"
    )
    assert "during its 2024 session" in edited(d, "PP1")
    assert change(d, "PP1").reason == "year 2023 -> 2024"
    assert change(d, "PP2").type == "unchanged"
    assert "ended 31 December 2023" in edited(d, "PP3")
    assert change(d, "OP1").type == "unchanged" and suggested(d, "OP1")
    assert "from 1 July 2025 to 30 June 2026" in edited(d, "OP2")
    assert change(d, "OP2").reason == "period 2024-2025 -> 2025-2026"
    assert change(d, "OP3").type == "unchanged"  # "by 2030" stays; a biennium: proposed
    assert suggested(d, "OP3") == [
        "Decides to achieve the goals by 2030 in the biennium 2026–2027;"
    ]


def test_french_years() -> None:
    d = draft(
        "1. Approuve le budget de l'exercice allant du 1er juillet 2024 au 30 juin 2025 ;",
        french=True,
    )
    assert "du 1er juillet 2025 au 30 juin 2026" in edited(d, "OP1")


def test_a_number_no_body_could_have_is_the_assemblys() -> None:
    d = draft(
        "1. Decides that the Informal Consultative Process will continue its work, with a review "
        "of its effectiveness at its eighty-second session;"
    )
    assert [s.reason for s in d.suggestions if s.paragraph == "OP1"] == ["session 82 -> 83"]


def test_a_history_of_resolutions_and_decisions_gains_the_base() -> None:
    d = draft(
        "Recalling its decision 59/515 of 3 December 2004 and its resolutions 60/74 of "
        "8 December 2005 and 74/65 of 12 December 2019, its resolution 76/233 of 24 December 2021 "
        "and its decisions 76/568 of 21 June 2022 and 77/547 of 30 December 2022,\n\n"
        "Recalling also its decisions 76/568 and 77/547,\n\n"
        "1. Takes note;"
    )
    assert edited(d, "PP1").endswith(
        "24 December 2021, its decisions 76/568 of 21 June 2022 and 77/547 of 30 December 2022 "
        "and its resolution 78/54 of 4 December 2023,"
    )
    assert change(d, "PP2").type == "unchanged"  # no resolution recalled with them


def test_a_heading_above_operative_paragraphs_moves_on_as_they_do() -> None:
    d = draft(
        "Recalling its resolution 77/53,\n\nSeventy-ninth session of the General Assembly\n\n"
        "1. Takes note of the report;\n\nII\nSeventy-ninth session of the General Assembly\n\n"
        "2. Requests a report;"
    )
    headings = [p for p in d.new.paragraphs if p.kind == "heading"]
    assert [p.text for p in headings] == ["Eightieth session of the General Assembly"] * 2
    assert change(d, headings[0].id).reason == "session 79 -> 80"


def test_a_heading_in_the_preamble_is_only_proposed() -> None:
    d = draft(
        "A. Seventy-ninth session of the General Assembly\n\n"
        "Recalling its resolution 77/53,\n\n1. Takes note of the report;"
    )
    heading = next(p for p in d.new.paragraphs if p.kind == "heading")
    assert heading.text.endswith("Seventy-ninth session of the General Assembly")
    assert suggested(d, heading.id) == [heading.text.replace("Seventy-ninth", "Eightieth")]


def test_the_previous_version_must_come_before_the_base() -> None:
    base = diffing.parse(HEAD_EN + "1. Takes note;" + CLOSING_EN)
    later = diffing.parse(HEAD_EN.replace("78/54", "79/54") + "1. Takes note;")
    with pytest.raises(InvalidRequestError, match="must come before the base"):
        diffing.next_draft(base, previous=later)
