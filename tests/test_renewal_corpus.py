"""Drafts made from real resolutions against the versions the General Assembly
then adopted: the INTERPOL series, the French 75/10, and the 170 renewals of
sessions 78 -> 79 (../shared/corpus)."""

from __future__ import annotations

from pathlib import Path

import pytest

import diffing
from diffing.renewal.score import DraftScore, score
from diffing.tokens import paragraph_key
from tests.conftest import CORPUS, FIXTURES, INTERPOL, needs_corpus

SERIES = CORPUS / "unga-78-79.SERIES.tsv"


def _load(path: Path) -> diffing.Resolution:
    return diffing.parse(path.read_text(encoding="utf-8"))


def _changed(d: diffing.Draft) -> list[str]:
    return [c.old[0] for c in d.changes if c.type != "unchanged"]


def _same(d: diffing.Draft, pid: str, real: diffing.Resolution, rid: str) -> bool:
    return paragraph_key(d.new.paragraph(pid).text) == paragraph_key(real.paragraph(rid).text)


@needs_corpus
@pytest.mark.parametrize(
    ("base", "real", "pairs"),
    [
        (
            "A_RES_77_20_en.txt",
            "A_RES_79_136_en.txt",
            {"PP1": "PP1", "OP19": "OP24", "OP20": "OP25"},
        ),
        (
            "A_RES_75_10_en.txt",
            "A_RES_77_20_en.txt",
            {"PP1": "PP1", "OP15": "OP19", "OP16": "OP20"},
        ),
    ],
)
def test_interpol_draft_is_the_routine_part_of_the_next_version(
    base: str, real: str, pairs: dict[str, str]
) -> None:
    d = diffing.next_draft(_load(INTERPOL / base))  # the series' period: two sessions
    adopted = _load(INTERPOL / real)
    assert d.session == adopted.session
    assert _changed(d) == list(pairs)
    for pid, rid in pairs.items():
        assert _same(d, pid, adopted, rid), pid
        assert "rollover" in next(c for c in d.changes if c.old == [pid]).tags
    s = score(d, adopted)
    assert s.routine and not s.missed and not s.false_edits


@needs_corpus
def test_interpol_73_11_lone_recall_is_proposed() -> None:
    d = diffing.next_draft(_load(INTERPOL / "A_RES_73_11_en.txt"))
    adopted = _load(INTERPOL / "A_RES_75_10_en.txt")
    assert d.session == 75
    assert _changed(d) == ["OP10", "OP11"]
    assert _same(d, "OP10", adopted, "OP15") and _same(d, "OP11", adopted, "OP16")
    proposals = [s.text for s in d.suggestions if s.paragraph == "PP1"]
    # 75/10 made the first one (without the comma after the list)
    assert any(
        "and its resolutions 71/19 of 21 November 2016 and 73/11 of 26 November 2018," in t
        for t in proposals
    )


def test_french_75_10() -> None:
    d = diffing.next_draft(_load(FIXTURES / "A_RES_75_10_fr.md"))
    assert (d.session, d.new.language) == (77, "fr")
    assert _changed(d) == ["PP1", "OP15", "OP16"]
    assert (
        "ses résolutions 71/19 du 21 novembre 2016, 73/11 du 26 novembre 2018 "
        "et 75/10 du 23 novembre 2020 concernant"
    ) in d.new.paragraph("PP1").text
    assert "à sa soixante-dix-neuvième session" in d.new.paragraph("OP15").text
    assert "provisoire de sa soixante-dix-neuvième session" in d.new.paragraph("OP16").text
    assert d.front_matter()["session_heading"] == "Soixante-dix-septième session"


# -- the 170 renewals of sessions 78 -> 79 ---------------------------------------------


@pytest.fixture(scope="module")
def renewals() -> DraftScore:
    if not SERIES.is_file():
        pytest.skip("../shared/corpus is absent: real UN texts not available")
    total = DraftScore()
    for line in SERIES.read_text(encoding="utf-8").splitlines()[1:]:
        old, new = line.split("\t")[1].split()[:2]
        base = _load(CORPUS / "unga-78-79" / old)
        total.add(score(diffing.next_draft(base, 79), _load(CORPUS / "unga-78-79" / new)))
    return total


def test_no_paragraph_kept_by_the_assembly_is_changed(renewals: DraftScore) -> None:
    assert len(renewals.unchanged) > 5000
    assert renewals.false_edits == []


def test_at_least_95_percent_of_the_routine_edits_are_reproduced(renewals: DraftScore) -> None:
    """The goal of issue 19 (README: 279 of 286 when this was written)."""
    assert len(renewals.routine) > 250
    assert renewals.reproduced / len(renewals.routine) >= 0.95


def test_the_working_group_report_on_two_sessions_moves_on() -> None:
    if not SERIES.is_file():
        pytest.skip("../shared/corpus is absent: real UN texts not available")
    base = _load(CORPUS / "unga-78-79" / "A_RES_78_203_en.txt")
    real = _load(CORPUS / "unga-78-79" / "A_RES_79_170_en.txt")
    d = diffing.next_draft(base, 79)
    text = d.new.paragraph("OP6").text
    assert (
        text
        == "Takes note of the report of the Working Group on its twenty-fourth and twenty-fifth sessions;"
    )
    assert any(p.text == text for p in real.paragraphs)
