"""The operative verb ladder, English and French."""

from __future__ import annotations

import pytest

from diffing.verbs import LADDER, extract_lead, strength, verb_change


@pytest.mark.parametrize(
    ("old", "new", "direction"),
    [
        ("Urges", "Encourages", "weaker"),
        ("Encourages", "Calls upon", "stronger"),
        ("Also emphasizes", "Emphasizes", "same"),
        ("Stresses", "Emphasizes", "same"),
        ("Invites", "Requests", "stronger"),
        ("Decides", "Recommends", "weaker"),
        ("Strongly urges", "Urges", "weaker"),
        ("Takes note of", "Welcomes", "stronger"),
        ("Prie instamment", "Engage", "weaker"),
        ("Encourage", "Demande", "stronger"),
        ("Invite", "Prend note", "weaker"),
        ("Engage vivement", "Engage", "weaker"),
        ("Décide", "Exige", "same"),
        ("Demande également", "Demande", "same"),
    ],
)
def test_direction(old: str, new: str, direction: str) -> None:
    vc = verb_change(old, new)
    assert vc is not None
    assert (vc.old, vc.new, vc.direction) == (old, new, direction)


def test_no_change_when_the_lead_is_the_same_or_unknown() -> None:
    assert verb_change("Urges", "urges") is None
    assert verb_change("Urges", "Further seizes") is None
    assert verb_change("Frobnicates", "Urges") is None


def test_ladder_orders_the_classic_verbs() -> None:
    order = ["Decides", "Urges", "Calls upon", "Encourages", "Invites", "Welcomes", "Takes note"]
    levels = [strength(v) for v in order]
    assert all(x is not None for x in levels)
    assert levels == sorted(levels, reverse=True)  # type: ignore[type-var]
    fr = ["Décide", "Prie instamment", "Demande", "Encourage", "Invite", "Salue", "Prend note"]
    assert [strength(v) for v in fr] == levels
    assert all(v == v.lower() for v in LADDER)


@pytest.mark.parametrize(
    ("text", "lead"),
    [
        ("Calls upon Member States to act;", "Calls upon"),
        ("Also requests the Secretary-General to report;", "Also requests"),
        ("Prie instamment les États", "Prie instamment"),
        ("Recalling its resolution 51/1,", ""),
    ],
)
def test_extract_lead(text: str, lead: str) -> None:
    assert extract_lead(text) == lead
