"""Known edits applied to real UN paragraphs must be recovered exactly.

The old version is the first paragraphs of a real resolution of sessions 78-79
(../shared/corpus/unga-78-79); the new version is the same list after one
known edit. Paragraphs that look like another paragraph of the same text are
left out, so that each edit has one right answer.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import diffing
from diffing.align import match_paragraphs, paragraph_similarity
from diffing.model import Paragraph, Resolution
from diffing.reference import reference_alignment
from tests.conftest import CORPUS, needs_corpus

pytestmark = needs_corpus

FILES = [
    "A_RES_78_14_en.txt",
    "A_RES_78_69_en.txt",
    "A_RES_78_119_en.txt",
    "A_RES_78_168_en.txt",
    "A_RES_78_218_en.txt",
    "A_RES_78_234_en.txt",
    "A_RES_79_144_en.txt",
    "A_RES_79_161_en.txt",
]
SIZE = 12
SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@cache
def _doc(name: str) -> tuple[tuple[str, str], ...]:
    """(kind, text) of up to SIZE distinct paragraphs of one real resolution."""
    r = diffing.parse((CORPUS / "unga-78-79" / name).read_text(encoding="utf-8"))
    out: list[tuple[str, str]] = []
    for p in r.paragraphs:
        if len(p.text.split()) < 12:
            continue
        if any(paragraph_similarity(p.text, t) >= 0.4 for _, t in out):
            continue
        out.append((p.kind, p.text))
        if len(out) == SIZE:
            break
    return tuple(out)


def _res(paras: list[tuple[str, str]]) -> Resolution:
    return Resolution([Paragraph(f"P{n}", k, t) for n, (k, t) in enumerate(paras, 1)])  # type: ignore[arg-type]


def _round_trip(c: diffing.Comparison) -> None:
    old = {p.id: p.text for p in c.old.paragraphs}
    new = {p.id: p.text for p in c.new.paragraphs}
    for ch in c.changes:
        assert "".join(o.old for o in ch.ops) == "\n".join(old[i] for i in ch.old)
        assert "".join(o.new for o in ch.ops) == "\n".join(new[i] for i in ch.new)
    assert sorted(i for ch in c.changes for i in ch.old) == sorted(old)
    assert sorted(i for ch in c.changes for i in ch.new) == sorted(new)


def _others_unchanged(
    c: diffing.Comparison, expected: list[tuple[str, list[str], list[str]]]
) -> None:
    got = [(ch.type, ch.old, ch.new) for ch in c.changes if ch.type != "unchanged"]
    assert got == expected


docs = st.sampled_from(FILES)


@given(docs, st.data())
@SETTINGS
def test_reword_a_few_words(name: str, data: st.DataObject) -> None:
    paras = list(_doc(name))
    k = data.draw(st.integers(0, len(paras) - 1))
    words = paras[k][1].split(" ")
    spots = data.draw(st.lists(st.integers(1, len(words) - 1), min_size=1, max_size=3, unique=True))
    for s in spots:
        words[s] = data.draw(
            st.sampled_from(["significant", "relevant", "all", "further", "urgent"])
        )
    new = list(paras)
    new[k] = (paras[k][0], " ".join(words))
    assume(new[k][1] != paras[k][1])
    c = diffing.compare(_res(paras), _res(new))
    _round_trip(c)
    _others_unchanged(c, [("reworded", [f"P{k + 1}"], [f"P{k + 1}"])])


@given(docs, st.data())
@SETTINGS
def test_move_is_one_move(name: str, data: st.DataObject) -> None:
    paras = list(_doc(name))
    i = data.draw(st.integers(0, len(paras) - 1))
    j = data.draw(st.integers(0, len(paras) - 1).filter(lambda x: abs(x - i) > 1))
    new = list(paras)
    new.insert(j, new.pop(i))
    c = diffing.compare(_res(paras), _res(new))
    _round_trip(c)
    _others_unchanged(c, [("moved", [f"P{i + 1}"], [f"P{j + 1}"])])


@given(docs, st.data())
@SETTINGS
def test_split_at_a_comma(name: str, data: st.DataObject) -> None:
    paras = list(_doc(name))
    k = data.draw(st.integers(0, len(paras) - 1))
    text = paras[k][1]
    n = len(text)
    commas = [m.start() for m in re.finditer(", ", text) if 0.2 * n < m.start() < 0.8 * n]
    assume(commas)
    at = data.draw(st.sampled_from(commas))
    head, tail = text[: at + 1], text[at + 2 :]
    new = [*paras[:k], (paras[k][0], head), (paras[k][0], tail), *paras[k + 1 :]]
    c = diffing.compare(_res(paras), _res(new))
    _round_trip(c)
    _others_unchanged(c, [("split", [f"P{k + 1}"], [f"P{k + 1}", f"P{k + 2}"])])


@given(docs, st.data())
@SETTINGS
def test_merge_two_neighbours(name: str, data: st.DataObject) -> None:
    paras = list(_doc(name))
    k = data.draw(st.integers(0, len(paras) - 2))
    merged = paras[k][1].rstrip(",;. ") + ", and " + paras[k + 1][1]
    new = [*paras[:k], (paras[k][0], merged), *paras[k + 2 :]]
    c = diffing.compare(_res(paras), _res(new))
    _round_trip(c)
    _others_unchanged(c, [("merged", [f"P{k + 1}", f"P{k + 2}"], [f"P{k + 1}"])])


@given(docs, docs, st.data())
@SETTINGS
def test_insert_a_paragraph_from_another_resolution(
    name: str, other: str, data: st.DataObject
) -> None:
    assume(name != other)
    paras = list(_doc(name))
    extra = data.draw(st.sampled_from(_doc(other)))
    assume(all(paragraph_similarity(extra[1], t) < 0.3 for _, t in paras))
    k = data.draw(st.integers(0, len(paras)))
    new = [*paras[:k], extra, *paras[k:]]
    c = diffing.compare(_res(paras), _res(new))
    _round_trip(c)
    _others_unchanged(c, [("added", [], [f"P{k + 1}"])])


@given(docs, st.data())
@SETTINGS
def test_delete_a_paragraph(name: str, data: st.DataObject) -> None:
    paras = list(_doc(name))
    k = data.draw(st.integers(0, len(paras) - 1))
    new = [*paras[:k], *paras[k + 1 :]]
    c = diffing.compare(_res(paras), _res(new))
    _round_trip(c)
    _others_unchanged(c, [("removed", [f"P{k + 1}"], [])])
    # the removed paragraph stands where it stood
    assert [ch.type for ch in c.changes].index("removed") == k


@given(docs, st.data())
@settings(max_examples=40, deadline=None)
def test_fast_aligner_agrees_with_the_reference(name: str, data: st.DataObject) -> None:
    paras = [t for _, t in _doc(name)]
    old = data.draw(st.lists(st.sampled_from(paras), min_size=1, max_size=6, unique=True))
    new = data.draw(st.permutations(old))
    drop = data.draw(st.integers(0, 2))
    new = list(new[drop:])
    extra = data.draw(st.lists(st.sampled_from(paras), max_size=2, unique=True))
    new += [t for t in extra if t not in new]
    # light rewording of some paragraphs keeps them well above the move threshold
    new = [t.replace(" the ", " all the ", 1) if data.draw(st.booleans()) else t for t in new]
    pairs, heaviest, score = reference_alignment(old, new)
    # only cases with one clear answer: every candidate pair is either a true pair or far off
    assume(all(s >= 0.8 or s < 0.4 for s in score.values()))
    got = match_paragraphs(old, new)
    assert all(len(m.old) == 1 and len(m.new) == 1 for m in got)
    assert frozenset((m.old[0], m.new[0]) for m in got) == pairs
    kept = sum(1.0 + m.score / 2.0 for m in got if m.in_place)
    assert kept == pytest.approx(heaviest)


def test_corpus_files_exist() -> None:
    for f in FILES:
        assert Path(CORPUS / "unga-78-79" / f).is_file()
