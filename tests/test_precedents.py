"""The agreed-language index: kept by the store, searched for a viewer, ranked on the
comparison scale, its recall against an exhaustive scan.

The pure half (:mod:`diffing.precedents`) is checked against brute force with
hypothesis; the index (:mod:`service.library.precedents`) through the store, on SQLite
and on a real PostgreSQL (``database_url`` is parametrized, as in ``test_store.py``).
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import diffing
from diffing.errors import InvalidRequestError
from diffing.model import Change, Comparison, Op, Paragraph, Precedent, Resolution
from diffing.precedents import (
    FLOOR,
    GRAM_SCHEME,
    TokenCode,
    attach,
    bounds,
    grams,
    pick_grams,
    rank,
    searched,
)
from diffing.worddiff import diff_words
from service.library import Accounts, Viewer, open_store
from service.library.schema import VERSION
from service.library.store import Store
from tests.conftest import CORPUS, needs_corpus, run_in_threads

COOPERATE = "Urges all Member States to cooperate with INTERPOL in the fight against terrorism;"
REWORDED = (
    "Encourages all Member States to cooperate closely with INTERPOL in the fight against crime;"
)
OTHER = "Decides to include in the provisional agenda of its eighty-first session the item;"
OPERATOR = Viewer.operator()


def resolution(symbol: str | None, adopted: str | None, *texts: str) -> Resolution:
    paras = [Paragraph(f"OP{k}", "operative", t) for k, t in enumerate(texts, 1)]
    return Resolution(paras, symbol=symbol, title=f"Title of {symbol}", adopted=adopted)


@pytest.fixture
def store(database_url: str) -> Iterator[Store]:
    s = open_store(database_url, create=True)
    yield s
    s.close()


def put(store: Store, res: Resolution, source: str = "file", **kw: Any) -> str:
    """Store ``res`` (its bytes made unique from its content); its id."""
    data = repr((res.symbol, res.adopted, [p.text for p in res.paragraphs], kw)).encode()
    doc, _ = store.add_document(
        original=data,
        structure=res.to_dict(),
        source=source,
        language="en",
        symbol=res.symbol,
        **kw,
    )
    return doc.id


def query(store: Store, text: str, limit: int = 5, **kw: Any) -> list[Precedent]:
    return store.find_precedents(text, limit, viewer=kw.pop("viewer", OPERATOR), **kw)


def rows(store: Store, sql: str) -> list[Any]:
    return store._execute(sql).fetchall()  # type: ignore[attr-defined,no-any-return]


def postings_agree(store: Store) -> bool:
    """The gram counts are exactly the number of postings of each gram."""
    counted = {
        (r["gram"], r["n"]) for r in rows(store, "SELECT gram, n FROM precedent_gram_counts")
    }
    actual = {
        (r["gram"], r["n"])
        for r in rows(store, "SELECT gram, count(*) AS n FROM precedent_grams GROUP BY gram")
    }
    return counted == actual


# -- the store keeps the index ----------------------------------------------------------


def test_storing_a_document_indexes_its_paragraphs_once(store: Store) -> None:
    assert store.precedent_counts() == (0, 0)
    first = store.precedent_generation()
    doc = resolution("A/RES/78/1", "2023-10-01", COOPERATE, OTHER)
    put(store, doc)
    put(store, doc)  # the same bytes: the same document, nothing indexed again
    assert store.precedent_counts() == (1, 2)
    assert store.precedent_generation() > first
    assert postings_agree(store)
    (best,) = query(store, COOPERATE, 1)
    assert (best.symbol, best.paragraph, best.similarity) == ("A/RES/78/1", "OP1", 1.0)


def test_deleting_a_document_takes_its_paragraphs_out(store: Store) -> None:
    d1 = put(store, resolution("A/RES/78/1", "2023-10-01", COOPERATE, OTHER))
    put(store, resolution("A/RES/79/1", "2024-10-01", REWORDED))
    before = store.precedent_generation()
    store.delete_document(d1)
    assert store.precedent_generation() != before
    assert store.precedent_counts() == (1, 1)
    assert [p.symbol for p in query(store, COOPERATE)] == ["A/RES/79/1"]
    assert postings_agree(store)
    store.delete_document(store.list_documents(viewer=OPERATOR)[0].id)
    for table in ("precedent_grams", "precedent_gram_counts", "precedent_paragraphs"):
        assert rows(store, f"SELECT count(*) AS n FROM {table}")[0]["n"] == 0


def test_a_document_and_its_paragraphs_are_stored_in_one_transaction(store: Store) -> None:
    with pytest.raises(RuntimeError), store.transaction():
        put(store, resolution("A/RES/78/1", "2023-10-01", COOPERATE))
        assert store.precedent_counts() == (1, 1)
        raise RuntimeError("the disk is full")
    assert store.count_documents(viewer=OPERATOR) == 0
    assert store.precedent_counts() == (0, 0) and query(store, COOPERATE) == []


def test_writers_storing_several_documents_at_once_take_turns(database_url: str) -> None:
    """Two transactions, each storing two documents with other grams, in the opposite
    order, in threads with their own connections (each waits, after its first
    document, for the other to have stored its own first): no deadlock, each
    paragraph indexed once. (Were the grams' counts locked before the index's own
    row, each would hold the counts the other needs next.)"""
    open_store(database_url, create=True).close()
    texts = [COOPERATE, OTHER]
    both_started = threading.Barrier(2)

    def work(n: int) -> None:
        with open_store(database_url) as s, s.transaction():
            for k, text in enumerate(texts[::1] if n == 0 else texts[::-1]):
                put(s, resolution(f"A/RES/7{n}/{k}", "2023-10-01", text))
                if k == 0:
                    with contextlib.suppress(threading.BrokenBarrierError):
                        both_started.wait(timeout=2)  # the other one waits its turn

    errors = run_in_threads(work, 2)
    assert not errors
    with open_store(database_url) as s:
        assert s.precedent_counts() == (4, 4)
        assert postings_agree(s)


def test_a_new_structure_is_indexed_again(store: Store) -> None:
    doc_id = put(store, resolution("A/RES/78/1", "2023-10-01", COOPERATE, OTHER))
    store.replace_structure(
        doc_id, resolution("A/RES/78/1", "2023-10-01", REWORDED).to_dict(), "e2"
    )
    assert store.precedent_counts() == (1, 1)
    assert query(store, REWORDED, 1)[0].similarity == 1.0
    assert all(p.text != COOPERATE for p in query(store, COOPERATE))
    assert postings_agree(store)


def test_an_index_of_another_gram_scheme_is_built_again(database_url: str) -> None:
    with open_store(database_url, create=True) as s:
        put(s, resolution("A/RES/78/1", "2023-10-01", COOPERATE, OTHER))
        put(s, resolution("A/RES/79/1", "2024-10-01", REWORDED))
        assert s.reindex_precedents() == 0  # the same scheme: nothing to do
        with s.transaction():
            s._execute("DELETE FROM precedent_grams")  # type: ignore[attr-defined]
            s._execute("UPDATE precedent_index SET scheme = 'an older scheme'")  # type: ignore[attr-defined]
    with open_store(database_url, create=True) as s:  # what a newer resdiff finds
        assert s.precedent_counts() == (2, 3)
        assert rows(s, "SELECT scheme FROM precedent_index")[0]["scheme"] == GRAM_SCHEME
        assert postings_agree(s)
        assert query(s, COOPERATE, 1)[0].similarity == 1.0


def test_a_store_of_the_previous_version_indexes_the_documents_it_holds(database_url: str) -> None:
    """Upgrading a library made before the index (schema version 4) indexes every
    document it already holds."""
    with open_store(database_url, create=True) as s:
        put(s, resolution("A/RES/78/1", "2023-10-01", COOPERATE, OTHER))
        put(s, resolution("A/RES/79/1", "2024-10-01", REWORDED), source="upload")
        with s.transaction():
            for table in ("grams", "gram_counts", "paragraphs", "documents", "index"):
                s._execute(f"DROP TABLE precedent_{table}")  # type: ignore[attr-defined]
            s._execute("DROP INDEX documents_access")  # type: ignore[attr-defined]
            s._execute("UPDATE schema_version SET version = 4")  # type: ignore[attr-defined]
    with open_store(database_url, create=True) as s:
        assert s.schema_version() == VERSION
        assert s.precedent_counts() == (2, 3)
        assert postings_agree(s)
        assert [p.symbol for p in query(s, REWORDED, 1)] == ["A/RES/79/1"]


# -- who finds what -------------------------------------------------------------------------


def test_a_private_draft_is_nobody_elses_precedent(store: Store) -> None:
    accounts = Accounts(store)
    for name, group in (("ana", "eu"), ("bea", "eu"), ("carl", "au")):
        accounts.add(name, groups=[group])
    who = {u.name: Viewer.user(u.id, u.name, groups=u.groups) for u in store.list_users()}
    put(store, resolution("A/RES/78/1", "2023-10-01", OTHER, REWORDED), source="ods")
    draft = put(store, resolution(None, None, COOPERATE), source="paste", owner=who["ana"].user_id)
    put(store, resolution(None, None, COOPERATE), source="upload")  # before accounts: nobody's

    def found(viewer: Viewer) -> list[tuple[str | None, float]]:
        return [(p.document, p.similarity) for p in query(store, COOPERATE, viewer=viewer)]

    official = [(p.document, p.similarity) for p in query(store, REWORDED, 1)]
    assert next(d for d, _ in found(who["ana"])) == draft  # her own draft, identical
    for viewer in (who["bea"], who["carl"], Viewer.anonymous()):
        assert draft not in [d for d, _ in found(viewer)]
        assert len(found(viewer)) == 1 and found(viewer)[0][0] == official[0][0]
    generation = store.precedent_generation()
    store.set_shares(draft, ["eu"])
    assert store.precedent_generation() != generation  # reports with precedents are remade
    assert found(who["bea"])[0] == (draft, 1.0)
    assert draft not in [d for d, _ in found(who["carl"])]
    assert len(found(OPERATOR)) == 3  # the operator (and the tool without accounts) sees all


def test_before_keeps_only_what_was_adopted_earlier(store: Store) -> None:
    put(store, resolution("A/RES/75/1", "2020-11-23", COOPERATE))
    put(store, resolution("A/RES/79/1", "2024-12-06", COOPERATE))
    put(store, resolution("A/80/L.1", None, COOPERATE))  # a draft: no adoption date
    assert {p.symbol for p in query(store, COOPERATE)} == {"A/RES/75/1", "A/RES/79/1", "A/80/L.1"}
    assert [p.symbol for p in query(store, COOPERATE, before="2024-12-06")] == ["A/RES/75/1"]
    assert query(store, COOPERATE, before="2020-11-23") == []
    assert query(store, COOPERATE, before=date(2024, 12, 6)) == query(
        store, COOPERATE, before=datetime(2024, 12, 6, 23, 59)
    )


def test_exclude_by_symbol_and_by_document(store: Store) -> None:
    d1 = put(store, resolution("A/RES/75/1", "2020-11-23", COOPERATE))
    put(store, resolution("A/RES/79/1", "2024-12-06", COOPERATE))
    d3 = put(store, resolution(None, None, COOPERATE), source="paste")
    left = {p.symbol for p in query(store, COOPERATE, exclude=["A/RES/79/1"])}
    assert left == {"A/RES/75/1", None}
    assert query(store, COOPERATE, exclude=["A/RES/79/1"], exclude_documents=[d3, d1]) == []


# -- searching ------------------------------------------------------------------------------


def test_a_match_carries_its_document_and_the_contract_keys(store: Store) -> None:
    doc_id = put(store, resolution("A/RES/78/1", "2023-10-01", OTHER, REWORDED))
    (best,) = query(store, COOPERATE, 1)
    assert best.to_dict().keys() == {
        "symbol", "paragraph", "kind", "title", "adopted", "similarity", "text", "ops", "document",
    }  # fmt: skip
    assert (best.symbol, best.paragraph, best.kind, best.document) == (
        "A/RES/78/1",
        "OP2",
        "operative",
        doc_id,
    )
    assert (best.title, best.adopted, best.text) == ("Title of A/RES/78/1", "2023-10-01", REWORDED)
    assert best.label == "A/RES/78/1 OP2"


def test_ops_go_from_the_match_to_the_query(store: Store) -> None:
    put(store, resolution("A/RES/78/1", "2023-10-01", REWORDED))
    (best,) = query(store, COOPERATE)
    assert "".join(o.old for o in best.ops) == REWORDED
    assert "".join(o.new for o in best.ops) == COOPERATE
    assert {o.op for o in best.ops} >= {"equal", "replace"}


def test_similarity_is_the_one_a_comparison_gives(store: Store) -> None:
    old = resolution("A/RES/78/1", "2023-10-01", OTHER, REWORDED)
    new = resolution("A/RES/80/1", "2025-10-01", OTHER, COOPERATE)
    put(store, old)
    (change,) = [c for c in diffing.compare(old, new).changes if c.type == "reworded"]
    (best,) = query(store, COOPERATE, 1)
    assert best.similarity == change.similarity


def test_best_first_and_ties_to_the_latest(store: Store) -> None:
    put(store, resolution("A/RES/77/1", "2022-10-01", COOPERATE))
    put(store, resolution("A/RES/78/1", "2023-10-01", REWORDED, OTHER))
    put(store, resolution("A/RES/79/1", "2024-10-01", COOPERATE))
    found = query(store, COOPERATE)
    sims = [p.similarity for p in found]
    assert sims == sorted(sims, reverse=True)
    assert [(p.symbol, p.similarity) for p in found[:3]] == [
        ("A/RES/79/1", 1.0),
        ("A/RES/77/1", 1.0),
        ("A/RES/78/1", diff_words(REWORDED, COOPERATE).similarity),
    ]
    assert len(query(store, COOPERATE, 1)) == 1


@pytest.mark.parametrize("before", ["31/12/2025", "2025-13-01", "yesterday"])
def test_a_bad_date_is_a_clear_error(store: Store, before: str) -> None:
    with pytest.raises(InvalidRequestError, match="'before' must be a date"):
        query(store, COOPERATE, before=before)


def test_nothing_to_search_gives_nothing(store: Store) -> None:
    assert query(store, COOPERATE) == []  # an empty library
    put(store, resolution("A/RES/78/1", "2023-10-01", COOPERATE))
    assert query(store, "; , .") == []  # no word at all
    assert query(store, "Zebras quietly graze savannah grasslands") == []  # no gram in common
    for viewer in (Viewer.anonymous(), OPERATOR):  # searched with filters, and without
        assert query(store, "Zebras graze", viewer=viewer, before="2030-01-01") == []
    with pytest.raises(InvalidRequestError, match="'limit'"):
        query(store, COOPERATE, 0)


# -- agreed language in a comparison (the pure half) -----------------------------------------


def test_attach_searches_what_the_new_version_words_anew() -> None:
    old = resolution("A/RES/78/1", "2023-10-01", OTHER, REWORDED, "Welcomes the report;")
    new = resolution("A/RES/80/1", "2025-10-01", OTHER, COOPERATE, "Welcomes the report;", "New.")
    comparison = diffing.compare(old, new)
    asked: list[str] = []

    def find(text: str) -> list[Precedent]:
        asked.append(text)
        sims = (0.9, FLOOR, FLOOR - 0.01, 0.8)
        return [
            Precedent("A/RES/1", f"OP{k}", "operative", None, None, s, "t")
            for k, s in enumerate(sims)
        ]

    attach(comparison, find)
    assert sorted(asked) == sorted([COOPERATE, "New."])
    by_type = {c.type: c for c in comparison.changes}
    assert by_type["unchanged"].precedents is None  # not looked for
    kept = by_type["reworded"].precedents
    assert kept is not None and [p.similarity for p in kept] == [0.9, FLOOR, 0.8]
    assert "precedents" in by_type["added"].to_dict()
    assert "precedents" not in by_type["unchanged"].to_dict()
    assert not searched(Change("removed", ["OP1"], []))
    assert not searched(Change("moved", ["OP1"], ["OP2"], ops=[Op("equal", "a", "a")]))
    assert searched(Change("moved", ["OP1"], ["OP2"], ops=[Op("replace", "a", "b")]))


def test_attach_with_nothing_found_gives_an_empty_list() -> None:
    comparison = Comparison(resolution(None, None), resolution(None, None, "New."), [])
    comparison.changes = [Change("added", [], ["OP1"])]
    attach(comparison, lambda text: [])
    assert comparison.changes[0].precedents == []
    assert comparison.to_dict()["changes"][0]["precedents"] == []


# -- the pure half against brute force --------------------------------------------------------

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


# -- real resolutions -----------------------------------------------------------------------


def _series(n: int) -> list[tuple[Path, Path]]:
    lines = (CORPUS / "unga-78-79.SERIES.tsv").read_text(encoding="utf-8").splitlines()[1:]
    pairs = [row.split("\t")[1].split() for row in lines]
    folder = CORPUS / "unga-78-79"
    return [(folder / a, folder / b) for a, b, *_ in pairs[:: len(pairs) // n]][:n]


@needs_corpus
@pytest.mark.slow
def test_recall_on_renewed_resolutions_against_an_exhaustive_scan(store: Store) -> None:
    """Store the session-78 texts of 25 renewed resolutions and ask for the paragraphs
    of their session-79 versions (not stored): a query whose best match in an
    exhaustive scan is at least 0.7 similar finds one as similar in its top 5 (at
    least 98 % of them)."""
    from service.ingest import load

    library, asked = [], []
    for old, new in _series(25):
        r = load(old)
        put(store, r)
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
        found = [p.similarity for p in query(store, q, 5, viewer=Viewer.anonymous())]
        hits += bool(found) and max(found) >= best[0][1].similarity - 1e-9
    assert graded > 300
    assert hits / graded >= 0.98, f"recall {hits}/{graded}"


def test_a_document_stored_twice_gives_each_paragraph_once(store: Store) -> None:
    from service.config import Limits
    from service.library import Library, Retriever

    official = resolution("A/RES/78/1", "2023-10-01", COOPERATE, OTHER)
    put(store, official, source="ods")
    put(store, official, source="file", filename="A_RES_78_1_en.pdf")  # its PDF too
    put(store, resolution("A/RES/77/5", "2022-10-01", REWORDED), source="ods")
    assert [p.symbol for p in query(store, COOPERATE, 3)].count("A/RES/78/1") == 2
    library = Library(store, Retriever(base_url="http://127.0.0.1:9"), Limits(), viewer=OPERATOR)
    found = library.precedents(COOPERATE, 3)
    assert [(p.symbol, p.paragraph) for p in found] == [
        ("A/RES/78/1", "OP1"),
        ("A/RES/77/5", "OP1"),
    ]
