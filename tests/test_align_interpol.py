"""The INTERPOL series against hand-written expected alignments (tests/expected/)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import diffing
from tests.conftest import INTERPOL, ROOT, needs_corpus

EXPECTED = sorted((ROOT / "tests" / "expected").glob("interpol_*.json"))

pytestmark = needs_corpus


def _load(name: str) -> diffing.Resolution:
    return diffing.parse((INTERPOL / name).read_text(encoding="utf-8"))


def _norm(s: str) -> str:
    return " ".join(s.split())


@pytest.fixture(scope="module", params=EXPECTED, ids=[p.stem for p in EXPECTED])
def case(request: pytest.FixtureRequest) -> tuple[dict, diffing.Comparison]:
    path: Path = request.param
    exp = json.loads(path.read_text(encoding="utf-8"))
    return exp, diffing.compare(_load(exp["old"]), _load(exp["new"]))


def test_every_change_as_read(case: tuple[dict, diffing.Comparison]) -> None:
    exp, comp = case
    got = [(c.type, c.old, c.new) for c in comp.changes]
    want = [(e["type"], e["old"], e["new"]) for e in exp["changes"]]
    assert got == want


def test_tags_and_verb_changes_as_read(case: tuple[dict, diffing.Comparison]) -> None:
    exp, comp = case
    for c, e in zip(comp.changes, exp["changes"], strict=True):
        assert sorted(c.tags) == sorted(e.get("tags", [])), (c.old, c.new)
        want = e.get("verb_change")
        got = c.verb_change.to_dict() if c.verb_change else None
        if got is not None and want is not None:  # the fields the expected file states
            got = {k: got[k] for k in want}
        assert got == want, (c.old, c.new)


def test_expected_edits_present(case: tuple[dict, diffing.Comparison]) -> None:
    exp, comp = case
    for c, e in zip(comp.changes, exp["changes"], strict=True):
        ops = {(o.op, _norm(o.old), _norm(o.new)) for o in c.ops}
        for op, old, new in e.get("ops", []):
            assert (op, old, new) in ops, (c.old, c.new, sorted(ops))


def test_ops_give_back_both_texts(case: tuple[dict, diffing.Comparison]) -> None:
    _, comp = case
    old = {p.id: p.text for p in comp.old.paragraphs}
    new = {p.id: p.text for p in comp.new.paragraphs}
    for c in comp.changes:
        assert "".join(o.old for o in c.ops) == "\n".join(old[i] for i in c.old)
        assert "".join(o.new for o in c.ops) == "\n".join(new[i] for i in c.new)


def test_summary_counts_every_paragraph(case: tuple[dict, diffing.Comparison]) -> None:
    _, comp = case
    d = comp.to_dict()
    assert sum(d["summary"].values()) == len(d["changes"])
    assert sorted(i for c in comp.changes for i in c.old) == sorted(
        p.id for p in comp.old.paragraphs
    )
    assert sorted(i for c in comp.changes for i in c.new) == sorted(
        p.id for p in comp.new.paragraphs
    )
