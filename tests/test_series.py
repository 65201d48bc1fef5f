"""compare_series: one row per paragraph lineage across versions."""

from __future__ import annotations

import pytest

import diffing
from diffing.errors import InvalidRequestError
from diffing.model import Paragraph, Resolution
from tests.conftest import INTERPOL, needs_corpus

SYMBOLS = ["73_11", "75_10", "77_20", "79_136"]


def _v(*texts: str) -> Resolution:
    return Resolution([Paragraph(f"OP{n}", "operative", t) for n, t in enumerate(texts, 1)])


def _check_rows(s: diffing.Series) -> None:
    n = len(s.versions)
    for k, v in enumerate(s.versions):
        ids = [r.ids[k] for r in s.rows if r.ids[k] is not None]
        assert sorted(ids) == sorted(p.id for p in v.paragraphs)  # each paragraph in one row
    last = [r.ids[-1] for r in s.rows if r.ids[-1] is not None]
    assert last == [p.id for p in s.versions[-1].paragraphs]  # reading order of the last
    for r in s.rows:
        assert len(r.ids) == len(r.changes) == n
        assert r.changes[0] is None
        for k in range(1, n):
            before, now, ch = r.ids[k - 1], r.ids[k], r.changes[k]
            if before is None and now is None:
                assert ch is None
            if before is None and now is not None:
                assert ch in ("added", "split")
            if before is not None and now is None:
                assert ch in ("removed", "merged")
            if before is not None and now is not None:
                assert ch in ("unchanged", "reworded", "moved", "split", "merged")


def test_needs_two_versions() -> None:
    with pytest.raises(InvalidRequestError):
        diffing.compare_series([_v("Decides a;")])


def test_added_removed_and_after() -> None:
    a = "Decides to remain seized of the question of cooperation with regional organizations;"
    b = "Welcomes the report of the Secretary-General on the implementation of the strategy;"
    c = "Requests the Secretary-General to report on the implementation of the present resolution;"
    s = diffing.compare_series([_v(a, b), _v(a, c), _v(a, c)])
    rows = [r.to_dict() for r in s.rows]
    assert rows == [
        {"ids": ["OP1", "OP1", "OP1"], "changes": [None, "unchanged", "unchanged"]},
        {"ids": ["OP2", None, None], "changes": [None, "removed", None]},
        {"ids": [None, "OP2", "OP2"], "changes": [None, "added", "unchanged"]},
    ]
    assert len(s.steps) == 2
    _check_rows(s)


def test_split_and_merge_lineages() -> None:
    whole = (
        "Encourages Member States to strengthen border management and information-sharing, "
        "including through advance passenger information, and to provide technical "
        "assistance to developing countries in building their capacity;"
    )
    head, tail = whole.split(", and ")
    other = "Decides to remain seized of the question of cooperation with regional organizations;"
    s = diffing.compare_series(
        [
            _v(whole, other),
            _v(head + ";", "Also encourages Member States " + tail, other),
            _v(whole, other),
        ]
    )
    rows = [r.to_dict() for r in s.rows]
    assert rows[0] == {"ids": ["OP1", "OP1", "OP1"], "changes": [None, "split", "merged"]}
    assert rows[1] == {"ids": [None, "OP2", None], "changes": [None, "split", "merged"]}
    _check_rows(s)


@needs_corpus
def test_interpol_series() -> None:
    versions = [
        diffing.parse((INTERPOL / f"A_RES_{s}_en.txt").read_text(encoding="utf-8")) for s in SYMBOLS
    ]
    s = diffing.compare_series(versions)
    _check_rows(s)
    d = s.to_dict()
    assert [v["symbol"] for v in d["versions"]] == [v.symbol for v in versions]
    by_first = {tuple(r["ids"][:3]): r for r in d["rows"]}
    # the recalled-resolutions paragraph is renewed at every step
    pp1 = by_first["PP1", "PP1", "PP1"]
    assert pp1["changes"][1:3] == ["reworded", "reworded"]
    # the COVID-19 paragraph: added in 75/10 as PP4, moved to PP24 in 77/20
    covid = by_first[None, "PP4", "PP24"]
    assert covid["changes"][:3] == [None, "added", "moved"]
    # Urges -> Encourages: the gender paragraph added in 75/10 as OP4
    gender = by_first[None, "OP4", "OP4"]
    assert gender["changes"][:3] == [None, "added", "reworded"]
    assert len(s.steps) == 3 and all(isinstance(c, diffing.Comparison) for c in s.steps)
