"""The agreed-language index: writing, filters, ranking on the comparison scale, recall.

The pure half (:mod:`diffing.precedents`) is checked against brute force with
hypothesis; the SQL half (:mod:`service.precedents_index`) on SQLite in memory,
and on real resolutions against an exhaustive scan.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import diffing
from diffing.errors import InvalidRequestError
from diffing.model import Paragraph, Resolution
from diffing.precedents import (
    GRAM_SCHEME,
    Precedent,
    TokenCode,
    bounds,
    grams,
    pick_grams,
    rank,
)
from diffing.worddiff import diff_words
from service.precedents_index import PrecedentIndex
from tests.conftest import CORPUS, needs_corpus

COOPERATE = "Urges all Member States to cooperate with INTERPOL in the fight against terrorism;"
REWORDED = (
    "Encourages all Member States to cooperate closely with INTERPOL in the fight against crime;"
)
OTHER = "Decides to include in the provisional agenda of its eighty-first session the item;"


def resolution(symbol: str | None, adopted: str | None, *texts: str) -> Resolution:
    paras = [Paragraph(f"OP{k}", "operative", t) for k, t in enumerate(texts, 1)]
    return Resolution(paras, symbol=symbol, title=f"Title of {symbol}", adopted=adopted)


@pytest.fixture
def index() -> Iterator[PrecedentIndex]:
    conn = sqlite3.connect(":memory:")
    ix = PrecedentIndex(conn)
    assert ix.create_schema() is True  # new: its documents must be added
    yield ix
    conn.close()


def postings_agree(ix: PrecedentIndex) -> bool:
    """The gram counts are exactly the number of postings of each gram."""
    db = ix.conn.cursor()
    counted = dict(db.execute("SELECT gram, n FROM precedent_gram_counts").fetchall())
    actual = dict(db.execute("SELECT gram, count(*) FROM precedent_grams GROUP BY gram").fetchall())
    return counted == actual


# -- writing -------------------------------------------------------------------------


def test_add_is_idempotent_and_counts_stay_in_step(index: PrecedentIndex) -> None:
    doc = resolution("A/RES/78/1", "2023-10-01", COOPERATE, OTHER)
    assert index.add("d1", doc) is True
    assert index.add("d1", doc) is False  # same content: nothing to do
    assert index.count() == (1, 2)
    assert index.documents() == {"d1"}
    assert postings_agree(index)


def test_new_content_under_the_same_id_replaces_the_old(index: PrecedentIndex) -> None:
    index.add("d1", resolution("A/RES/78/1", "2023-10-01", COOPERATE, OTHER))
    assert index.add("d1", resolution("A/RES/78/1", "2023-10-01", OTHER)) is True
    assert index.count() == (1, 1)
    assert [p.text for p in index.query(COOPERATE, 5)] != [COOPERATE]
    assert postings_agree(index)


def test_remove_takes_out_every_paragraph_and_posting(index: PrecedentIndex) -> None:
    index.add("d1", resolution("A/RES/78/1", "2023-10-01", COOPERATE, OTHER))
    index.add("d2", resolution("A/RES/79/1", "2024-10-01", REWORDED))
    assert index.remove("d1") is True
    assert index.remove("d1") is False
    assert index.count() == (1, 1)
    assert [p.symbol for p in index.query(COOPERATE, 5)] == ["A/RES/79/1"]
    assert postings_agree(index)
    index.remove("d2")
    db = index.conn.cursor()
    for table in ("precedent_grams", "precedent_gram_counts", "precedent_paragraphs"):
        assert db.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == 0


def test_an_index_of_another_gram_scheme_is_emptied(index: PrecedentIndex) -> None:
    index.add("d1", resolution("A/RES/78/1", "2023-10-01", COOPERATE))
    assert index.create_schema() is False  # same scheme, documents in it: nothing to redo
    index.conn.cursor().execute("UPDATE precedent_meta SET value = 'an older scheme'")
    assert index.create_schema() is True
    assert index.count() == (0, 0)
    row = index.conn.cursor().execute("SELECT value FROM precedent_meta").fetchone()
    assert row[0] == GRAM_SCHEME


# -- searching -----------------------------------------------------------------------


def test_a_match_carries_its_document_and_the_contract_keys(index: PrecedentIndex) -> None:
    index.add("d1", resolution("A/RES/78/1", "2023-10-01", OTHER, REWORDED))
    (best,) = index.query(COOPERATE, 1)
    assert best.to_dict().keys() == {
        "symbol", "paragraph", "kind", "title", "adopted", "similarity", "text", "ops",
    }  # fmt: skip
    assert (best.symbol, best.paragraph, best.kind) == ("A/RES/78/1", "OP2", "operative")
    assert (best.title, best.adopted, best.text) == ("Title of A/RES/78/1", "2023-10-01", REWORDED)


def test_ops_go_from_the_match_to_the_query(index: PrecedentIndex) -> None:
    index.add("d1", resolution("A/RES/78/1", "2023-10-01", REWORDED))
    (best,) = index.query(COOPERATE, 5)
    assert "".join(o.old for o in best.ops) == REWORDED
    assert "".join(o.new for o in best.ops) == COOPERATE
    assert {o.op for o in best.ops} >= {"equal", "replace"}


def test_similarity_is_the_one_a_comparison_gives(index: PrecedentIndex) -> None:
    old = resolution("A/RES/78/1", "2023-10-01", OTHER, REWORDED)
    new = resolution("A/RES/80/1", "2025-10-01", OTHER, COOPERATE)
    index.add("d1", old)
    (change,) = [c for c in diffing.compare(old, new).changes if c.type == "reworded"]
    (best,) = index.query(COOPERATE, 1)
    assert best.similarity == change.similarity


def test_best_first_and_ties_to_the_latest(index: PrecedentIndex) -> None:
    index.add("d1", resolution("A/RES/77/1", "2022-10-01", COOPERATE))
    index.add("d2", resolution("A/RES/78/1", "2023-10-01", REWORDED, OTHER))
    index.add("d3", resolution("A/RES/79/1", "2024-10-01", COOPERATE))
    found = index.query(COOPERATE, 5)
    sims = [p.similarity for p in found]
    assert sims == sorted(sims, reverse=True)
    assert [(p.symbol, p.similarity) for p in found[:3]] == [
        ("A/RES/79/1", 1.0),
        ("A/RES/77/1", 1.0),
        ("A/RES/78/1", diff_words(REWORDED, COOPERATE).similarity),
    ]
    assert len(index.query(COOPERATE, 1)) == 1


def test_before_keeps_only_what_was_adopted_earlier(index: PrecedentIndex) -> None:
    index.add("d1", resolution("A/RES/75/1", "2020-11-23", COOPERATE))
    index.add("d2", resolution("A/RES/79/1", "2024-12-06", COOPERATE))
    index.add("d3", resolution("A/80/L.1", None, COOPERATE))  # a draft: no adoption date
    assert {p.symbol for p in index.query(COOPERATE, 5)} == {"A/RES/75/1", "A/RES/79/1", "A/80/L.1"}
    assert [p.symbol for p in index.query(COOPERATE, 5, before="2024-12-06")] == ["A/RES/75/1"]
    assert index.query(COOPERATE, 5, before="2020-11-23") == []
    assert index.query(COOPERATE, 5, before=date(2024, 12, 6)) == index.query(
        COOPERATE, 5, before=datetime(2024, 12, 6, 23, 59)
    )


def test_exclude_by_symbol_and_by_document(index: PrecedentIndex) -> None:
    index.add("d1", resolution("A/RES/75/1", "2020-11-23", COOPERATE))
    index.add("d2", resolution("A/RES/79/1", "2024-12-06", COOPERATE))
    index.add("d3", resolution(None, None, COOPERATE))  # a pasted text
    assert {p.symbol for p in index.query(COOPERATE, 5, exclude=["A/RES/79/1"])} == {
        "A/RES/75/1",
        None,
    }
    found = index.query(COOPERATE, 5, exclude=["A/RES/79/1"], exclude_documents=["d3", "d1"])
    assert found == []


@pytest.mark.parametrize("before", ["31/12/2025", "2025-13-01", "yesterday"])
def test_a_bad_date_is_a_clear_error(index: PrecedentIndex, before: str) -> None:
    with pytest.raises(InvalidRequestError, match="'before' must be a date"):
        index.query(COOPERATE, 5, before=before)


def test_nothing_to_search_gives_nothing(index: PrecedentIndex) -> None:
    assert index.query(COOPERATE, 5) == []  # an empty library
    index.add("d1", resolution("A/RES/78/1", "2023-10-01", COOPERATE))
    assert index.query("; , .", 5) == []  # no word at all
    assert index.query("Zebras quietly graze savannah grasslands", 5) == []  # no gram in common
    with pytest.raises(InvalidRequestError, match="'limit'"):
        index.query(COOPERATE, 0)


def test_postgresql_gets_its_own_placeholders() -> None:
    ix = PrecedentIndex(sqlite3.connect(":memory:"), dialect="postgresql")
    assert ix._sql("SELECT n FROM t WHERE a = ? AND b IN (?, ?)") == (
        "SELECT n FROM t WHERE a = %s AND b IN (%s, %s)"
    )


# -- the pure half against brute force -------------------------------------------------

WORDS = ["States", "Member", "urges", "the", "of", "cooperation", "INTERPOL", ",", "crime", "and"]
texts = st.lists(st.sampled_from(WORDS), min_size=0, max_size=14).map(" ".join)


@settings(max_examples=150, deadline=None)
@given(query=texts, pool=st.lists(texts, min_size=1, max_size=12), limit=st.integers(1, 4))
def test_rank_is_the_exact_top_on_the_comparison_scale(
    query: str, pool: list[str], limit: int
) -> None:
    up = bounds(query, pool)
    sims = [diff_words(t, query).similarity for t in pool]
    assert all(u >= s - 1e-12 for u, s in zip(up, sims, strict=True))  # bounds bound
    expected = sorted(range(len(pool)), key=lambda i: (-sims[i], i))[:limit]
    got = rank(query, pool, limit)
    assert [i for i, _ in got] == expected
    assert [d.similarity for _, d in got] == [sims[i] for i in expected]


@given(st.dictionaries(st.integers(), st.integers(0, 500), max_size=40), st.integers(1, 20))
def test_pick_grams_takes_the_rarest_within_the_budget(counts: dict[int, int], most: int) -> None:
    picked = pick_grams(counts, most=most, budget=1000)
    ns = [counts[g] for g in picked]
    assert ns == sorted(ns) and all(n > 0 for n in ns) and len(picked) <= most
    assert len(picked) <= 1 or sum(ns) <= 1000
    left = [n for g, n in counts.items() if g not in picked and n > 0]
    assert not picked or not left or min(left) >= max(ns)  # never skips a rarer one
    assert bool(picked) == any(n > 0 for n in counts.values())


def test_grams_ignore_case_typography_and_stop_words() -> None:
    assert grams("Urges “all” Member-States;") == grams('URGES "all" member-states.')
    assert grams("the of and ,") == set()
    assert len(grams("INTERPOL")) == 1


def test_a_precedent_serialises_its_ops() -> None:
    d = diff_words("a b", "a c")
    p = Precedent("A/RES/1", "OP1", "operative", None, None, d.similarity, "a b", d.ops)
    assert p.to_dict()["ops"] == [o.to_dict() for o in d.ops]


# -- real resolutions -------------------------------------------------------------------


def _series(n: int) -> list[tuple[Path, Path]]:
    rows = (CORPUS / "unga-78-79.SERIES.tsv").read_text(encoding="utf-8").splitlines()[1:]
    pairs = [row.split("\t")[1].split() for row in rows]
    folder = CORPUS / "unga-78-79"
    return [(folder / a, folder / b) for a, b, *_ in pairs[:: len(pairs) // n]][:n]


@needs_corpus
@pytest.mark.slow
def test_recall_on_renewed_resolutions_against_an_exhaustive_scan(
    index: PrecedentIndex,
) -> None:
    """Index the session-78 texts of 25 renewed resolutions and ask for the
    paragraphs of their session-79 versions (not in the index): a query whose
    best match in an exhaustive scan is at least 0.7 similar finds one as
    similar in its top 5 (at least 98 % of them)."""
    from service.ingest import load

    library, asked = [], []
    for old, new in _series(25):
        r = load(old)
        index.add(old.name, r)
        library += [p.text for p in r.paragraphs]
        asked += [p.text for p in load(new).paragraphs]
    code = TokenCode()
    encoded = [code.encode(t) for t in library]
    graded = hits = 0
    for q in asked:
        up = code.bounds(q, encoded)
        if max(up) < 0.7:  # nothing can be 0.7 similar: not graded
            continue
        best = rank(q, library, 1, upper=up)
        if best[0][1].similarity < 0.7:
            continue
        graded += 1
        found = [p.similarity for p in index.query(q, 5)]
        hits += bool(found) and max(found) >= best[0][1].similarity - 1e-9
    assert graded > 300
    assert hits / graded >= 0.98, f"recall {hits}/{graded}"


@needs_corpus
def test_interpol_79_136_excluded_finds_its_precedents_elsewhere(
    index: PrecedentIndex,
) -> None:
    from service.ingest import load

    folder = CORPUS / "interpol"
    for name in ("A_RES_73_11_en.txt", "A_RES_79_136_en.txt"):
        index.add(name, load(folder / name))
    new = load(folder / "A_RES_79_136_en.txt")
    for p in new.paragraphs[:8]:
        found = index.query(p.text, 3, exclude=["A/RES/79/136"])
        assert all(f.symbol == "A/RES/73/11" for f in found)
        assert found == index.query(p.text, 3, before=new.adopted)
