"""The three real amendments of session 80 applied to their drafts (../shared/corpus).

Amendments and drafts are both read by :func:`diffing.parse` from their files,
as the service reads them.
"""

from __future__ import annotations

import re

import pytest
from conftest import CORPUS, needs_corpus
from test_amendments import rebuilt

from diffing import Comparison, Resolution, apply_amendments, parse

pytestmark = [needs_corpus, pytest.mark.corpus]
FOLDER = CORPUS / "unga-80-committee"


def load(amendment: str, draft: str, *, one_line: bool = False) -> tuple[Resolution, Comparison]:
    a = parse((FOLDER / f"{amendment}_en.txt").read_text())
    assert a.document_type == "amendment" and not a.paragraphs
    if one_line:  # the instructions as one line each, the way a parser may join them
        for i in a.instructions:
            i.text = " ".join(i.text.split())
    d = parse((FOLDER / f"{draft}_en.txt").read_text())
    return a, apply_amendments(d, [a])


def statuses(c: Comparison) -> list[str]:
    assert c.amendments is not None
    return [i.status for a in c.amendments for i in a.instructions]


def test_l28_on_l3_chornobyl() -> None:
    a, c = load("A_80_L.28", "A_80_L.3")
    assert a.amends == "A/80/L.3" and a.sponsors == ["Ukraine"]
    assert statuses(c) == ["applied"] * 8
    rebuilt(c)
    new = {p.id: p.text for p in c.new.paragraphs}
    assert c.new.title == "Persistent legacy of the Chornobyl disaster"
    # "Chornobyl" in the title and every paragraph; the new OP10 renames the Day on purpose
    assert [pid for pid, t in new.items() if "Chernobyl" in t] == ["OP10"]
    assert new["OP10"].startswith("Decides to rename International Chernobyl Disaster")
    assert "closure of the Chornobyl nuclear power plant of Ukraine, and" in new["PP2"]
    assert new["PP6"].startswith("Stressing that the fortieth anniversary of the Chornobyl")
    assert new["OP1"].startswith("Welcomes ")
    assert new["OP5"].startswith("Expresses grave alarm at the damage arising from the drone")
    assert new["OP6"].startswith("Stresses the importance of continued support")
    assert (
        "Remembrance Day, including by paying particular attention to the significance of "
        "marking this day in 2026, and notes" in new["OP11"]
    )
    added = [
        (ch.new, [r.instruction for r in ch.amendment]) for ch in c.changes if ch.type == "added"
    ]
    assert added == [(["PP6"], [3]), (["OP5"], [5]), (["OP6"], [5]), (["OP10"], [6])]
    # the paragraphs after the insertions are renumbered, not changed
    pairs = {ch.old[0]: (ch.new[0], ch.type) for ch in c.changes if ch.old and ch.new}
    assert pairs["OP7"] == ("OP9", "unchanged")
    assert pairs["OP5"] == ("OP7", "reworded") and pairs["OP10"] == ("OP13", "reworded")
    assert c.summary["removed"] == 0
    assert c.amendments is not None
    assert "already read so after instruction 1" in c.amendments[0].instructions[7].detail


def _without(old: str, quote: str) -> str:
    """``old`` with ``quote`` (line breaks as spaces) taken out, spaces tidied by hand."""
    q = " ".join(quote.split())
    assert q in old
    return re.sub(r" {2,}", " ", old.replace(q, "", 1)).replace(" ,", ",").strip()


def test_l30_on_l25_eleven_deletions() -> None:
    a, c = load("A_80_L.30", "A_80_L.25")
    assert a.amends == "A/80/L.25" and a.sponsors == ["United States of America"]
    assert [i.number for i in a.instructions] == list(range(1, 12))
    assert statuses(c) == ["applied"] * 11
    rebuilt(c)
    removed = [ch.old[0] for ch in c.changes if ch.type == "removed"]
    assert removed == ["PP16", "PP20", "PP23", "OP22"]
    new = {ch.old[0]: c.new.paragraph(ch.new[0]).text for ch in c.changes if ch.old and ch.new}
    quoted = {"PP4": 1, "PP15": 2, "PP41": 6, "OP21": 7, "OP24": 9, "OP33": 10, "OP39": 11}
    for pid, n in quoted.items():
        quote = re.search(r"“(.+?)”", a.instructions[n - 1].text, re.S)
        assert quote is not None
        assert new[pid] == _without(c.old.paragraph(pid).text, quote.group(1)), pid
    reworded = sorted(ch.old[0] for ch in c.changes if ch.type == "reworded")
    assert reworded == sorted(quoted)
    assert c.new.paragraph("PP44").text == c.old.paragraph("PP47").text
    assert c.new.paragraph("OP94").text == c.old.paragraph("OP95").text


def test_l24_on_c6_l14_one_unnumbered_instruction() -> None:
    a, c = load("A_C.6_80_L.24", "A_C.6_80_L.14")
    assert a.amends == "A/C.6/80/L.14" and a.sponsors == ["Russian Federation"]
    assert [i.number for i in a.instructions] == [None]
    assert statuses(c) == ["applied"]
    rebuilt(c)
    [ch] = [ch for ch in c.changes if ch.type != "unchanged"]
    assert ch.old == ch.new == ["OP2"]
    assert [r.to_dict() for r in ch.amendment] == [{"symbol": "A/C.6/80/L.24", "instruction": None}]
    assert "to the Conference to discuss the organization" in c.new.paragraph("OP2").text


@pytest.mark.parametrize(
    ("amendment", "draft"),
    [("A_80_L.28", "A_80_L.3"), ("A_80_L.30", "A_80_L.25"), ("A_C.6_80_L.24", "A_C.6_80_L.14")],
)
def test_instructions_joined_on_one_line_give_the_same_text(amendment: str, draft: str) -> None:
    _, lines = load(amendment, draft)
    _, joined = load(amendment, draft, one_line=True)
    assert statuses(joined) == statuses(lines)
    assert [p.to_dict() for p in joined.new.paragraphs] == [
        p.to_dict() for p in lines.new.paragraphs
    ]
