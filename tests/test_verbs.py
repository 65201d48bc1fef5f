"""The operative verb ladder, English and French: verdicts, folded adverbs, intensifiers, reasons."""

from __future__ import annotations

import itertools

import pytest

import diffing
from diffing.ladder import NOUNS, RUNGS, VERBS
from diffing.verbs import extract_lead, read, verb_change
from tests.conftest import FIXTURES, INTERPOL, needs_corpus


@pytest.mark.parametrize(
    ("old", "new", "direction"),
    [
        ("Urges", "Encourages", "weaker"),
        ("Encourages", "Calls upon", "stronger"),
        ("Stresses", "Emphasizes", "same"),
        ("Invites", "Requests", "stronger"),
        ("Decides", "Recommends", "weaker"),
        ("Takes note of", "Welcomes", "stronger"),
        ("Welcomes", "Recalls", "weaker"),
        ("Notes", "Recalls", "same"),
        ("Recognizes", "Stresses", "stronger"),
        ("Endorses", "Stresses", "weaker"),
        # intensifiers
        ("Strongly urges", "Urges", "weaker"),
        ("Condemns", "Strongly condemns", "stronger"),
        ("Expresses deep concern", "Expresses its concern", "weaker"),
        ("Expresses deep concern", "Expresses grave concern", "stronger"),
        ("Notes with concern", "Notes with deep concern", "stronger"),
        ("Calls upon", "Urgently calls upon", "stronger"),
        ("Remains deeply concerned", "Is concerned", "weaker"),
        ("Strongly condemns", "Condemns in the strongest terms", "stronger"),
        ("Welcomes", "Welcomes with appreciation", "stronger"),
        # the rung decides before the intensity
        ("Strongly encourages", "Calls upon", "stronger"),
        ("Strongly encourages", "Urges", "stronger"),
        ("Expresses grave concern", "Urges", "stronger"),
        # a restating verb takes the rung of what it restates
        ("Requests", "Reiterates its request", "same"),
        ("Decides", "Recalls its decision", "same"),
        ("Invites", "Recalls its invitation", "same"),
        ("Calls upon", "Reiterates its call", "same"),
        ("Encourages", "Reiterates its invitation", "weaker"),
        ("Reiterates its request", "Reiterates its invitation", "weaker"),
        ("Notes", "Notes with concern", "stronger"),
        ("Takes note", "Takes note with appreciation", "stronger"),
        # French
        ("Prie instamment", "Engage", "weaker"),
        ("Engage vivement", "Engage", "weaker"),
        ("Engage", "Encourage", "weaker"),
        ("Encourage", "Demande", "stronger"),
        ("Invite", "Prend note", "weaker"),
        ("Décide", "Exige", "same"),
        ("Condamne", "Condamne énergiquement", "stronger"),
        ("Se déclare profondément préoccupée", "Se déclare préoccupée", "weaker"),
        ("Exprime sa profonde préoccupation", "Exprime sa grave préoccupation", "stronger"),
        ("Prie", "Réitère sa demande", "same"),
        ("Se félicite", "Rappelle", "weaker"),
        ("Souligne", "Reconnaît", "weaker"),
    ],
)
def test_direction(old: str, new: str, direction: str) -> None:
    vc = verb_change(old, new)
    assert vc is not None
    assert (vc.old, vc.new, vc.direction, vc.minor) == (old, new, direction, False)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("Also emphasizes", "Emphasizes"),
        ("Also decides", "Further decides"),
        ("Once again invites", "Invites"),
        ("Calls once again upon", "Calls upon"),
        ("Encourages further", "Encourages"),
        ("Notes, in this regard,", "Also notes"),
        ("Continues to encourage", "Encourages"),
        ("Further recognizes with appreciation", "Also recognizes with appreciation"),
        ("Expresses concern", "Expresses its concern"),
        ("Reiterates its requests", "Also reiterates its request"),
        ("Calls on", "Calls upon"),
        ("Recognises", "Recognizes"),
        ("Demande également", "Demande"),
        ("Réaffirme en outre", "Réaffirme"),
        ("Prie de nouveau", "Prie"),
        ("Invite à nouveau", "Invite"),
    ],
)
def test_ordinal_adverbs_are_folded_into_a_minor_same(old: str, new: str) -> None:
    for a, b in ((old, new), (new, old)):
        vc = verb_change(a, b)
        assert vc is not None
        assert (vc.direction, vc.minor) == ("same", True)
        assert (vc.old_rung, vc.old_intensity) == (vc.new_rung, vc.new_intensity)


def test_a_minor_change_is_never_a_change_of_verb_noun_or_intensity() -> None:
    for old, new in [
        ("Stresses", "Emphasizes"),
        ("Also urges", "Strongly urges"),
        ("Reiterates its request", "Reiterates its call"),
        ("Takes note", "Notes"),
        ("Expresses its concern", "Expresses its appreciation"),
    ]:
        vc = verb_change(old, new)
        assert vc is not None and not vc.minor, (old, new)


def test_no_change_when_the_lead_is_the_same_or_unknown() -> None:
    assert verb_change("Urges", "urges") is None
    assert verb_change("Urges", "Further seizes") is None
    assert verb_change("Frobnicates", "Urges") is None
    assert read("Recalling its resolution 51/1") is None
    assert read("The Assembly decides") is None


@pytest.mark.parametrize(
    ("old", "new", "reason"),
    [
        ("Urges", "Encourages", "Urges -> Encourages: weaker, rung 7 -> rung 5"),
        (
            "Expresses deep concern",
            "Expresses its concern",
            "Expresses deep concern -> Expresses its concern: weaker, rung 4, "
            "intensity 1 -> 0 ('deep' dropped)",
        ),
        ("Stresses", "Emphasizes", "Stresses -> Emphasizes: same, rung 3"),
        (
            "Also recognizes",
            "Recognizes",
            "Also recognizes -> Recognizes: same, only the ordinal adverb changed ('also')",
        ),
        (
            "Requests",
            "Reiterates its request",
            "Requests -> Reiterates its request: same, rung 6, "
            "'Reiterates its request' takes the rung of 'request'",
        ),
        (
            "Prie instamment",
            "Engage",
            "Prie instamment -> Engage: weaker, rung 7 -> rung 6",
        ),
    ],
)
def test_reason_text(old: str, new: str, reason: str) -> None:
    vc = verb_change(old, new)
    assert vc is not None and vc.reason == reason


@pytest.mark.parametrize(
    ("old_text", "new_text", "direction", "why"),
    [
        (  # a clause put before the verb: the request stands
            "Requests the Secretary-General to render the necessary assistance;",
            "Expresses its gratitude to the Secretary-General for his support, and requests "
            "him to render the necessary assistance;",
            "same",
            "'requests' still follows in the new paragraph",
        ),
        (  # the clause before it dropped: the urge was already there
            "Expresses its appreciation to those Member States that have paid, and urges all "
            "other Member States to make every possible effort to pay in full;",
            "Urges all Member States to make every possible effort to pay in full;",
            "same",
            "'urges' already followed in the old paragraph",
        ),
        (  # a later "welcomes" that bears on something else does not count
            "Welcomes the adoption of the Kintélé Declaration on hate speech in Central Africa;",
            "Recalls the adoption of the Kintélé Declaration on hate speech in Central Africa, "
            "welcomes the organization of the regional forum of ministers of communication;",
            "weaker",
            "rung 2 -> rung 1",
        ),
        (  # the stronger clause moved up, whatever its verb
            "Expresses serious concern about the number of States Parties in arrears, appeals "
            "to all States Parties in arrears to pay their assessed contributions;",
            "Encourages remaining States Parties in arrears to pay their assessed contributions;",
            "same",
            "'appeals to' already followed in the old paragraph (rung 5)",
        ),
        (
            "Welcomes and calls upon States and other stakeholders to promote gender equality;",
            "Calls upon States and other stakeholders to continue to promote gender equality;",
            "same",
            "'calls upon' already followed in the old paragraph",
        ),
        (
            "Prie le Secrétaire général de lui présenter un rapport;",
            "Prend note avec satisfaction du rapport, et prie le Secrétaire général de lui "
            "présenter un rapport;",
            "same",
            "'prie' still follows in the new paragraph",
        ),
    ],
)
def test_a_verb_that_moved_to_a_later_clause_is_kept(
    old_text: str, new_text: str, direction: str, why: str
) -> None:
    vc = verb_change(extract_lead(old_text), extract_lead(new_text), old_text=old_text,
                     new_text=new_text)  # fmt: skip
    assert vc is not None and vc.direction == direction and why in vc.reason, vc
    back = verb_change(vc.new, vc.old, old_text=new_text, new_text=old_text)
    assert back is not None and back.direction == _MIRROR[direction]
    # without the paragraphs, the leads alone decide
    alone = verb_change(vc.old, vc.new)
    assert alone is not None and alone.direction != "same"


LEADS = [
    "Decides", "Also decides", "Demands", "Strongly urges", "Urges", "Calls upon",
    "Further calls upon", "Requests", "Reiterates its request", "Condemns",
    "Strongly condemns", "Encourages", "Strongly encourages", "Recommends", "Invites",
    "Expresses concern", "Expresses deep concern", "Expresses grave concern",
    "Notes with concern", "Endorses", "Stresses", "Reaffirms", "Welcomes",
    "Welcomes with appreciation", "Recognizes", "Takes note", "Notes", "Recalls",
    "Décide", "Prie instamment", "Engage vivement", "Demande", "Engage", "Encourage",
    "Invite", "Se déclare préoccupée", "Souligne", "Se félicite", "Prend note", "Rappelle",
]  # fmt: skip
_MIRROR = {"weaker": "stronger", "stronger": "weaker", "same": "same"}


def test_verdicts_are_antisymmetric_and_explain_themselves() -> None:
    for a, b in itertools.permutations(LEADS, 2):
        ab, ba = verb_change(a, b), verb_change(b, a)
        assert ab is not None and ba is not None, (a, b)
        assert ba.direction == _MIRROR[ab.direction] and ab.minor == ba.minor, (a, b)
        assert ab.reason.startswith(f"{a} -> {b}: {ab.direction}"), ab.reason
        assert f"rung {ab.old_rung}" in ab.reason or ab.minor, ab.reason
        key_a = (ab.old_rung or 0, ab.old_intensity)
        key_b = (ab.new_rung or 0, ab.new_intensity)
        want = "same" if key_a == key_b else ("stronger" if key_b > key_a else "weaker")
        assert ab.direction == want, (a, b)


def test_ladder_orders_the_classic_verbs_in_both_languages() -> None:
    en = ["Decides", "Urges", "Calls upon", "Encourages", "Invites", "Stresses", "Welcomes"]
    fr = ["Décide", "Prie instamment", "Demande", "Encourage", "Invite", "Souligne", "Salue"]
    en += ["Takes note"]
    fr += ["Prend note"]
    rungs = [read(v).rung for v in en]  # type: ignore[union-attr]
    assert rungs == sorted(rungs, reverse=True) and len(set(rungs)) == len(rungs)
    assert [read(v).rung for v in fr] == rungs  # type: ignore[union-attr]
    assert sorted(RUNGS) == list(range(1, len(RUNGS) + 1))
    assert {r for r, _ in VERBS.values()} == set(RUNGS)
    assert all(p == p.lower() for p in [*VERBS, *NOUNS])


def test_to_dict_keeps_old_new_direction_and_adds_the_reasons() -> None:
    vc = verb_change("Urges", "Encourages")
    assert vc is not None
    assert vc.to_dict() == {
        "old": "Urges",
        "new": "Encourages",
        "direction": "weaker",
        "minor": False,
        "reason": "Urges -> Encourages: weaker, rung 7 -> rung 5",
        "old_rung": 7,
        "new_rung": 5,
        "old_intensity": 0,
        "new_intensity": 0,
    }


@pytest.mark.parametrize(
    ("text", "lead"),
    [
        ("Calls upon Member States to act;", "Calls upon"),
        ("Also requests the Secretary-General to report;", "Also requests"),
        ("Prie instamment les États", "Prie instamment"),
        ("Strongly urges all States to act;", "Strongly urges"),
        ("Expresses its deep concern at the situation", "Expresses its deep concern"),
        ("Reiterates its request to the Secretary-General", "Reiterates its request"),
        ("Notes with grave concern that", "Notes with grave concern"),
        ("Condemns in the strongest terms all attacks", "Condemns in the strongest terms"),
        ("Exprime sa profonde préoccupation face à", "Exprime sa profonde préoccupation"),
        ("Recalls its resolution 77/205", "Recalls"),
        ("Recalling its resolution 51/1,", ""),
    ],
)
def test_extract_lead(text: str, lead: str) -> None:
    assert extract_lead(text) == lead


# UN French renders one English verb by several, and the reverse: "Engage" renders
# "Urges" in 75/10 (and "Calls upon" elsewhere), "Constate" renders "Acknowledges"
# (and "Notes"). resdiff reads each at the lower rung (README, "The verb ladder").
KNOWN_ONE_TO_MANY = {("Engage", "Urges"), ("Constate", "Acknowledges")}


@needs_corpus
def test_the_french_and_english_texts_of_75_10_stand_on_the_same_rungs() -> None:
    fr = diffing.parse((FIXTURES / "A_RES_75_10_fr.md").read_text(encoding="utf-8"))
    en = diffing.parse((INTERPOL / "A_RES_75_10_en.txt").read_text(encoding="utf-8"))
    en_by_id = {p.id: p for p in en.paragraphs}
    differ = set()
    ops = [p for p in fr.paragraphs if p.kind == "operative"]
    assert len(ops) >= 16
    for p in ops:
        f, e = read(p.text), read(en_by_id[p.id].text)
        assert f is not None and e is not None, p.id
        if f.rung != e.rung:
            differ.add((extract_lead(p.text), extract_lead(en_by_id[p.id].text)))
    assert differ == KNOWN_ONE_TO_MANY
