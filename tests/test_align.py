"""The aligner on small resolutions built by hand."""

from __future__ import annotations

import doctest
import importlib

import pytest

from diffing import compare
from diffing.model import Paragraph, Resolution

PP = [
    "Recalling its resolution 51/1 of 15 October 1996 on cooperation with regional organizations,",
    "Recognizing the importance of capacity-building for developing countries, upon their request,",
    "Noting with appreciation the report of the Secretary-General on the implementation of the strategy,",
    "Concerned at the growing threat posed by transnational organized crime in all its forms,",
]
OP = [
    "Calls upon Member States to strengthen their cooperation in preventing and combating crime;",
    "Urges all States to ratify the Convention against Transnational Organized Crime without delay;",
    "Encourages the United Nations Office on Drugs and Crime to continue its technical assistance;",
    "Requests the Secretary-General to submit to the General Assembly at its seventy-fifth session a report on the implementation of the present resolution;",
]


def res(pps: list[str], ops: list[str], symbol: str | None = "A/RES/73/11") -> Resolution:
    paras = [Paragraph(f"PP{n}", "preambular", t) for n, t in enumerate(pps, 1)]
    paras += [Paragraph(f"OP{n}", "operative", t) for n, t in enumerate(ops, 1)]
    return Resolution(paras, symbol=symbol)


def kinds(old: Resolution, new: Resolution) -> list[tuple[str, list[str], list[str]]]:
    return [(c.type, c.old, c.new) for c in compare(old, new).changes]


def test_identical_versions() -> None:
    c = compare(res(PP, OP), res(PP, OP))
    assert {ch.type for ch in c.changes} == {"unchanged"}
    assert c.summary["unchanged"] == 8


def test_typography_and_line_breaks_are_no_change() -> None:
    new_pp = [t.replace(" ", "\n", 3).replace("-", "\u2011") for t in PP]
    new_op = [t.replace(" ", "\u00a0", 2) for t in OP]
    c = compare(res(PP, OP), res(new_pp, new_op))
    assert [ch.type for ch in c.changes] == ["unchanged"] * 8
    assert all(ch.tags == [] for ch in c.changes)


def test_footnote_markers_are_tagged_not_changed() -> None:
    old, new = res(PP, OP), res(PP, OP)
    old.paragraphs[1].footnotes = ["1"]
    new.paragraphs[1].footnotes = ["2"]
    new.paragraphs[5].footnotes = ["3"]
    c = compare(old, new)
    tagged = [(ch.type, ch.new, ch.tags) for ch in c.changes if ch.tags]
    assert tagged == [("unchanged", ["PP2"], ["footnotes"]), ("unchanged", ["OP2"], ["footnotes"])]


def test_renumbering_alone_is_not_a_change() -> None:
    new_op = ["Welcomes the adoption of the political declaration on crime prevention;", *OP]
    got = kinds(res(PP, OP), res(PP, new_op))
    assert got[4] == ("added", [], ["OP1"])
    assert got[5:] == [("unchanged", [f"OP{n}"], [f"OP{n + 1}"]) for n in range(1, 5)]


def test_one_move_is_one_move() -> None:
    new_pp = [PP[1], PP[2], PP[3], PP[0]]
    got = kinds(res(PP, OP), res(new_pp, OP))
    assert [g for g in got if g[0] != "unchanged"] == [("moved", ["PP1"], ["PP4"])]
    assert got[3] == ("moved", ["PP1"], ["PP4"])  # listed where it now stands


def test_moved_and_reworded() -> None:
    new_pp = [PP[1], PP[2], PP[3], PP[0].replace("regional", "regional and other")]
    c = compare(res(PP, OP), res(new_pp, OP))
    moved = [ch for ch in c.changes if ch.type == "moved"]
    assert len(moved) == 1 and moved[0].old == ["PP1"]
    assert ("insert", "", "and other ") in [(o.op, o.old, o.new) for o in moved[0].ops]


def test_part_change() -> None:
    new_pp = PP[:3]
    new_op = [
        "Expresses concern at the growing threat posed by transnational organized crime in all its forms;",
        *OP,
    ]
    c = compare(res(PP, OP), res(new_pp, new_op))
    ch = next(ch for ch in c.changes if ch.old == ["PP4"])
    assert ch.new == ["OP1"]
    assert "part-change" in ch.tags
    assert ch.type == "reworded"


def test_added_and_removed_stand_where_they_stood() -> None:
    old = res(PP, OP)
    new = res([PP[0], PP[2], PP[3]], [OP[0], "Decides to remain seized of the matter;", *OP[1:]])
    got = kinds(old, new)
    assert got[:3] == [
        ("unchanged", ["PP1"], ["PP1"]),
        ("removed", ["PP2"], []),
        ("unchanged", ["PP3"], ["PP2"]),
    ]
    assert got[5] == ("added", [], ["OP2"])


def test_split_in_two_is_one_split() -> None:
    long = (
        "Encourages Member States to strengthen border management and information-sharing, "
        "including through the use of advance passenger information, and to provide "
        "technical assistance to developing countries in building their capacity;"
    )
    head, tail = long.split(", and ")
    old = res(PP, [*OP[:2], long, OP[3]])
    new = res(PP, [*OP[:2], head + ";", "Also encourages Member States " + tail, OP[3]])
    c = compare(old, new)
    assert [(ch.type, ch.old, ch.new) for ch in c.changes if ch.type != "unchanged"] == [
        ("split", ["OP3"], ["OP3", "OP4"])
    ]
    ch = next(ch for ch in c.changes if ch.type == "split")
    assert "".join(o.new for o in ch.ops) == new.paragraphs[6].text + "\n" + new.paragraphs[7].text


def test_two_merged_into_one_is_one_merge() -> None:
    merged = OP[1][:-1] + ", and " + OP[2][0].lower() + OP[2][1:]
    c = compare(res(PP, OP), res(PP, [OP[0], merged, OP[3]]))
    assert [(ch.type, ch.old, ch.new) for ch in c.changes if ch.type != "unchanged"] == [
        ("merged", ["OP2", "OP3"], ["OP2"])
    ]


def test_rollover_only_is_tagged() -> None:
    old = res(
        [
            PP[0].replace(
                "resolution 51/1 of 15 October 1996", "resolution 71/19 of 21 November 2016"
            )
        ],
        [OP[3]],
    )
    new = res(
        [
            PP[0].replace(
                "resolution 51/1 of 15 October 1996",
                "resolutions 71/19 of 21 November 2016 and 73/11 of 26 November 2018",
            )
        ],
        [OP[3].replace("seventy-fifth", "seventy-seventh")],
        symbol="A/RES/75/10",
    )
    c = compare(old, new)
    assert [(ch.type, ch.tags) for ch in c.changes] == [("reworded", ["rollover"])] * 2


def test_rollover_needs_the_series_number() -> None:
    old = res([PP[0]], [OP[3]], symbol="A/RES/73/11")
    new = res(
        [
            PP[0].replace(
                "51/1 of 15 October 1996", "51/1 of 15 October 1996 and 60/288 of 8 September 2006"
            )
        ],
        [
            OP[3].replace(
                "seventy-fifth session a report", "seventy-seventh session a comprehensive report"
            )
        ],
    )
    c = compare(old, new)
    assert [(ch.type, ch.tags) for ch in c.changes] == [("reworded", [])] * 2


def _tags(old: str, new: str, sessions: tuple[int | None, int | None] = (78, 79)) -> list[str]:
    a, b = res([], [old], "A/RES/78/23"), res([], [new], "A/RES/79/30")
    a.session, b.session = sessions
    return compare(a, b).changes[0].tags


@pytest.mark.parametrize(
    ("old", "new"),
    [
        # a change of case is an edit, of an ordinal too
        (
            "Recalls the decision at the twelfth Ministerial Conference;",
            "Recalls the decision at the Twelfth Ministerial Conference;",
        ),
        # a citation given its date, or losing it: nothing moved on
        (
            "Recalls paragraph 223 of resolution 77/118, to conduct a review;",
            "Recalls paragraph 223 of resolution 77/118 of 9 December 2022, to conduct a review;",
        ),
        (
            "Welcomes resolution 5/14 of 2 March 2022, to convene a committee;",
            "Welcomes resolution 5/14 to convene a committee;",
        ),
        # a new date in a list of events is news
        (
            "Notes the consultations held on 7 February 2022 and 19 May 2023;",
            "Notes the consultations held on 7 February 2022, 19 May 2023 and 12 April 2024;",
        ),
        # "and" added away from the ordinal that moved on
        (
            "Calls upon States to keep markets open to maintain trade, and looks forward to "
            "meaningful progress at the thirteenth Ministerial Conference;",
            "Calls upon States to keep markets open and to maintain trade, and looks forward to "
            "meaningful progress at the fourteenth Ministerial Conference;",
        ),
        # a report moved to a two-year cycle: the session moves by two in one year
        (
            "Requests the Secretary-General to submit to the General Assembly at its "
            "seventy-ninth session a report;",
            "Requests the Secretary-General to submit to the General Assembly at its "
            "eighty-first session a report;",
        ),
    ],
)
def test_content_updates_are_not_rollover(old: str, new: str) -> None:
    assert _tags(old, new) == []


def test_what_stays_rollover() -> None:
    report = "Requests a report to the General Assembly at its {} session;"
    assert _tags(report.format("seventy-ninth"), report.format("eightieth")) == ["rollover"]
    # biennial versions: two sessions on; sessions unknown: not checked
    two = (report.format("seventy-ninth"), report.format("eighty-first"))
    assert _tags(*two, sessions=(77, 79)) == ["rollover"]
    assert _tags(*two, sessions=(None, None)) == ["rollover"]
    # another body's sessions keep their own calendar
    council = "Invites the Human Rights Council to consider it at its {} session;"
    assert _tags(council.format("fifty-fourth"), council.format("fifty-seventh")) == ["rollover"]
    # the series joins a list of citations: its commas and "and" go with it
    history = (
        "Recalling its resolution 76/233 of 24 December 2021 and its decisions 76/568 of "
        "21 June 2022 and 77/547 of 30 December 2022,"
    )
    grown = (
        "Recalling its resolution 76/233 of 24 December 2021, its decisions 76/568 of "
        "21 June 2022 and 77/547 of 30 December 2022 and its resolution 78/23 of 4 December 2023,"
    )
    assert _tags(history, grown) == ["rollover"]


def test_verb_change_on_operative_paragraphs_only() -> None:
    new_op = [OP[0], OP[1].replace("Urges", "Encourages"), *OP[2:]]
    new_pp = [PP[0].replace("Recalling", "Recalling also"), *PP[1:]]
    c = compare(res(PP, OP), res(new_pp, new_op))
    vcs = [(ch.new, ch.verb_change) for ch in c.changes if ch.verb_change]
    assert [(new, vc.old, vc.new, vc.direction) for new, vc in vcs] == [
        (["OP2"], "Urges", "Encourages", "weaker")
    ]


def test_parser_lead_is_used_when_given() -> None:
    old, new = res([], ["Urges States to act;"]), res([], ["Calls upon States to act;"])
    old.paragraphs[0].lead, new.paragraphs[0].lead = "Urges", "Calls upon"
    vc = compare(old, new).changes[0].verb_change
    assert vc is not None and vc.direction == "weaker"


def test_unrelated_paragraphs_are_added_and_removed_not_paired() -> None:
    c = compare(
        res([], ["Decides to remain seized of the matter;"]),
        res([], ["Welcomes the report of the Special Rapporteur on the right to food;"]),
    )
    assert [ch.type for ch in c.changes] == ["removed", "added"]


@pytest.mark.parametrize(("n_old", "n_new"), [(0, 0), (0, 3), (3, 0)])
def test_empty_sides(n_old: int, n_new: int) -> None:
    c = compare(res([], OP[:n_old]), res([], OP[:n_new]))
    assert c.summary["removed"] == n_old and c.summary["added"] == n_new


def test_contract_shape() -> None:
    d = compare(res(PP, OP), res(PP[::-1], OP)).to_dict()
    assert set(d) == {"old", "new", "changes", "summary"}
    for ch in d["changes"]:
        assert set(ch) == {
            "type",
            "old",
            "new",
            "similarity",
            "ops",
            "tags",
            "routine",
            "verb_change",
        }
        assert 0.0 <= ch["similarity"] <= 1.0
        assert all(o["op"] in {"equal", "insert", "delete", "replace"} for o in ch["ops"])
    assert sum(d["summary"].values()) == 8


@pytest.mark.parametrize(
    "module",
    ["align", "series", "normalize", "tokens", "worddiff", "verbs", "reading", "rollover"],
)
def test_docstring_examples(module: str) -> None:
    result = doctest.testmod(importlib.import_module(f"diffing.{module}"))
    assert result.attempted > 0 and result.failed == 0
