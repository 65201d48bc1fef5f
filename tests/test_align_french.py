"""French texts: typography, verbs and rollover on the project's own fixture (75/10 fr)."""

from __future__ import annotations

import copy

import diffing
from tests.conftest import FIXTURES


def _fr() -> diffing.Resolution:
    return diffing.parse((FIXTURES / "A_RES_75_10_fr.md").read_text(encoding="utf-8"))


def test_french_typography_is_no_change() -> None:
    old = _fr()
    new = copy.deepcopy(old)
    for p in new.paragraphs:
        p.text = p.text.replace(" ;", "\u00a0;").replace("« ", "«\u202f").replace("'", "\u2019")
    c = diffing.compare(old, new)
    assert {ch.type for ch in c.changes} == {"unchanged"}


def test_french_verb_and_rollover() -> None:
    old = _fr()
    new = copy.deepcopy(old)
    by_id = {p.id: p for p in new.paragraphs}
    by_id["OP4"].text = by_id["OP4"].text.replace("Engage", "Encourage", 1)
    by_id["OP4"].lead = "Encourage"
    for pid in ("OP15", "OP16"):
        by_id[pid].text = by_id[pid].text.replace("soixante-dix-septième", "soixante-dix-neuvième")
    by_id["PP1"].text = by_id["PP1"].text.replace(
        "71/19 du 21 novembre 2016 et 73/11 du 26 novembre 2018",
        "71/19 du 21 novembre 2016, 73/11 du 26 novembre 2018 et 75/10 du 23 novembre 2020",
    )
    # the version adopted two sessions later: its sessions move on by two
    new.symbol, new.session = "A/RES/77/20", 77
    c = diffing.compare(old, new)
    changed = {ch.new[0]: ch for ch in c.changes if ch.type != "unchanged"}
    assert sorted(changed) == ["OP15", "OP16", "OP4", "PP1"]
    vc = changed["OP4"].verb_change
    assert vc is not None and (vc.old, vc.new, vc.direction) == ("Engage", "Encourage", "weaker")
    for pid in ("OP15", "OP16", "PP1"):
        assert changed[pid].tags == ["rollover"], pid


def test_a_session_moved_within_one_session_is_no_rollover() -> None:
    """Two texts of session 75: a report moved from the seventy-seventh to the
    seventy-ninth session is a negotiated change, not a renewal's routine."""
    old = _fr()
    new = copy.deepcopy(old)
    op15 = next(p for p in new.paragraphs if p.id == "OP15")
    op15.text = op15.text.replace("soixante-dix-septième", "soixante-dix-neuvième")
    change = next(ch for ch in diffing.compare(old, new).changes if ch.new == ["OP15"])
    assert (change.type, change.tags, change.routine) == ("reworded", [], False)
