"""The aligner over every real pair of the corpus: 170 renewals and 8 drafts.

Each pair must compare without error, account for every paragraph of both
versions exactly once, list the new paragraphs in reading order, and give ops
that rebuild both texts. A text compared with itself is all unchanged.
"""

from __future__ import annotations

from functools import cache
from itertools import pairwise
from pathlib import Path

import pytest

import diffing
from tests.conftest import CORPUS, needs_corpus

pytestmark = needs_corpus


def _pairs() -> list[tuple[Path, Path]]:
    if not CORPUS.is_dir():
        return []
    out: list[tuple[Path, Path]] = []
    lines = (CORPUS / "unga-78-79.SERIES.tsv").read_text(encoding="utf-8").splitlines()[1:]
    for line in lines:
        files = line.split("\t")[1].split()
        out += [(CORPUS / "unga-78-79" / a, CORPUS / "unga-78-79" / b) for a, b in pairwise(files)]
    for line in (CORPUS / "unga-80-drafts.PAIRS.tsv").read_text(encoding="utf-8").splitlines()[1:]:
        a, b = line.split("\t")
        out.append((CORPUS / "unga-80-drafts" / a, CORPUS / "unga-80-drafts" / b))
    return out


PAIRS = _pairs()


@cache
def _parse(path: Path) -> diffing.Resolution:
    return diffing.parse(path.read_text(encoding="utf-8"))


def _check(c: diffing.Comparison) -> None:
    old = {p.id: p.text for p in c.old.paragraphs}
    new = {p.id: p.text for p in c.new.paragraphs}
    assert sorted(i for ch in c.changes for i in ch.old) == sorted(old)
    assert sorted(i for ch in c.changes for i in ch.new) == sorted(new)
    order = [i for ch in c.changes for i in ch.new]
    assert order == [p.id for p in c.new.paragraphs]
    for ch in c.changes:
        assert "".join(o.old for o in ch.ops) == "\n".join(old[i] for i in ch.old)
        assert "".join(o.new for o in ch.ops) == "\n".join(new[i] for i in ch.new)
        assert 0.0 <= ch.similarity <= 1.0
        if ch.type == "unchanged":
            assert all(o.op == "equal" for o in ch.ops)
        if ch.type in ("reworded", "moved", "split", "merged"):
            assert ch.old and ch.new
        if ch.type == "split":
            assert len(ch.old) == 1 and len(ch.new) > 1
        if ch.type == "merged":
            assert len(ch.old) > 1 and len(ch.new) == 1
        if "rollover" in ch.tags:
            assert ch.type in ("reworded", "moved")
    d = c.to_dict()
    assert sum(d["summary"].values()) == len(d["changes"])


def test_corpus_lists_the_pairs() -> None:
    assert len(PAIRS) >= 178


@pytest.mark.parametrize("chunk", range(4))
def test_every_real_pair(chunk: int) -> None:
    for a, b in PAIRS[chunk::4]:
        try:
            _check(diffing.compare(_parse(a), _parse(b)))
        except AssertionError as e:  # name the pair that failed
            raise AssertionError(f"{a.name} -> {b.name}: {e}") from e


def test_a_text_against_itself_is_unchanged() -> None:
    for a, _ in PAIRS[::20]:
        c = diffing.compare(_parse(a), _parse(a))
        assert {ch.type for ch in c.changes} <= {"unchanged"}
        assert all(not ch.tags for ch in c.changes)


def test_most_paragraphs_of_renewals_are_paired() -> None:
    """Renewals keep most of their text: the aligner must find it, not add/remove it."""
    paired = total = 0
    for a, b in PAIRS[:170:5]:
        c = diffing.compare(_parse(a), _parse(b))
        total += len(c.new.paragraphs)
        paired += sum(len(ch.new) for ch in c.changes if ch.type not in ("added", "removed"))
    assert paired >= 0.8 * total
