"""The store, on SQLite and on a real PostgreSQL: documents and their owners, what each
viewer sees, saved reports, the bounded report cache, accounts, the audit trail,
settings and rate-limit counters, concurrency, and upgrades that keep every row.

Every test taking ``store`` runs twice (``database_url`` is parametrized): once on a
SQLite file, once on a database of the PostgreSQL server that ``conftest.py`` starts
from Debian's package (skipped, saying so, when it is not installed).
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from service.errors import DocumentNotFoundError, InvalidRequestError, StoreVersionError
from service.library import Accounts, Viewer, open_store
from service.library.schema import MIGRATIONS, VERSION, statements
from service.library.sqlite import SQLiteStore
from service.library.store import Store, sha256
from tests.conftest import run_in_threads

STRUCTURE = {"symbol": "A/RES/1/1", "title": "A title", "paragraphs": [{"id": "OP1"}]}
OPERATOR = Viewer.operator()


@pytest.fixture
def store(database_url: str) -> Iterator[Store]:
    s = open_store(database_url, create=True)
    yield s
    s.close()


def add(store: Store, data: bytes, **kw: Any) -> Any:
    args = {"structure": STRUCTURE, "source": "upload", "language": "en", **kw}
    return store.add_document(original=data, **args)


def viewer(store: Store, name: str) -> Viewer:
    user = store.user_by_name(name)
    assert user is not None
    return Viewer.user(user.id, user.name, admin=user.admin, groups=user.groups)


@pytest.fixture
def people(store: Store) -> dict[str, Viewer]:
    """ana and bea of the group eu, carl of the group au."""
    accounts = Accounts(store)
    accounts.add("ana", groups=["eu"])
    accounts.add("bea", groups=["eu"])
    accounts.add("carl", groups=["au"])
    return {n: viewer(store, n) for n in ("ana", "bea", "carl")}


# -- documents -------------------------------------------------------------------------


def test_the_schema_is_at_its_latest_version(store: Store) -> None:
    assert store.schema_version() == VERSION == MIGRATIONS[-1].version
    assert store.migrate() == VERSION  # again: nothing to do


def test_a_database_of_a_newer_resdiff_is_refused(store: Store) -> None:
    with store.transaction():  # type: ignore[attr-defined]
        store._execute("UPDATE schema_version SET version = ?", (VERSION + 1,))  # type: ignore[attr-defined]
    with pytest.raises(StoreVersionError, match="newer resdiff"):
        store.migrate()


def test_same_bytes_give_the_same_document(store: Store) -> None:
    first, created1 = add(store, b"one text")
    again, created2 = add(store, b"one text", filename="other-name.txt")
    other, created3 = add(store, b"another text")
    assert (created1, created2, created3) == (True, False, True)
    assert again.id == first.id and again.sha256 == sha256(b"one text")
    assert other.id != first.id
    assert store.count_documents(viewer=OPERATOR) == 2


def test_same_bytes_are_one_document_per_owner(store: Store, people: dict[str, Viewer]) -> None:
    ana, carl = people["ana"].user_id, people["carl"].user_id
    public, _ = add(store, b"the text", source="ods")
    mine, created = add(store, b"the text", owner=ana)
    theirs, created2 = add(store, b"the text", owner=carl)
    again, created3 = add(store, b"the text", owner=ana)
    assert created and created2 and not created3
    assert len({public.id, mine.id, theirs.id}) == 3 and again.id == mine.id
    # an owned document's id tells nothing of its content
    assert mine.id != sha256(b"the text")[:16] == public.id
    assert store.find_by_hash(sha256(b"the text"), owner=carl).id == theirs.id  # type: ignore[union-attr]


def test_get_returns_metadata_structure_and_original(store: Store) -> None:
    doc, _ = add(store, b"\x00binary\xff", filename="x.pdf", media_type="application/pdf")
    got, data = store.get_original(doc.id, viewer=OPERATOR)
    assert data == b"\x00binary\xff"
    assert got.structure == STRUCTURE
    assert got.meta()["paragraphs"] == 1 and got.meta()["title"] == "A title"
    assert got.filename == "x.pdf" and got.size == len(data)
    assert got.meta()["owner"] is None and got.meta()["shared_with"] == []


def test_unknown_id_is_not_found(store: Store) -> None:
    with pytest.raises(DocumentNotFoundError, match="nope"):
        store.get_document("nope", viewer=OPERATOR)
    with pytest.raises(DocumentNotFoundError):
        store.delete_document("nope")
    with pytest.raises(DocumentNotFoundError):
        store.get_document("\ud800", viewer=OPERATOR)


def test_lookup_by_symbol_trusts_only_official_sources(store: Store) -> None:
    add(store, b"a draft claiming the symbol", symbol="A/RES/1/1", source="upload")
    assert store.find_by_symbol("A/RES/1/1", "en") is None
    official, _ = add(store, b"the official text", symbol="A/RES/1/1", source="ods")
    assert store.find_by_symbol("A/RES/1/1", "en").id == official.id  # type: ignore[union-attr]
    assert store.find_by_symbol("A/RES/1/1", "fr") is None


def test_one_document_under_two_symbols_keeps_both(store: Store) -> None:
    """Issue 16: the same bytes for two symbols relabelled one stored document; now the
    second symbol is recorded beside the first, and both find it, until it is deleted."""
    doc, _ = add(store, b"the same bytes", symbol="A/RES/1/1", source="ods")
    store.add_symbol(doc.id, "A/RES/1/2", "en")
    assert store.find_by_symbol("A/RES/1/1", "en").id == doc.id  # type: ignore[union-attr]
    assert store.find_by_symbol("A/RES/1/2", "en").id == doc.id  # type: ignore[union-attr]
    assert store.find_by_symbol("A/RES/1/2", "fr") is None
    assert store.get_document(doc.id, viewer=OPERATOR).symbol == "A/RES/1/1"
    store.delete_document(doc.id)
    assert store.find_by_symbol("A/RES/1/2", "en") is None
    store.ping()


def test_list_is_paginated(store: Store) -> None:
    for i in range(5):
        add(store, f"text {i}".encode(), symbol=f"A/RES/1/{i}")
    page1 = store.list_documents(viewer=OPERATOR, limit=2)
    page2 = store.list_documents(viewer=OPERATOR, limit=2, offset=2)
    rest = store.list_documents(viewer=OPERATOR, limit=10, offset=4)
    ids = [d.id for d in page1 + page2 + rest]
    assert len(ids) == 5 == len(set(ids))


def test_structure_and_origin_updates(store: Store) -> None:
    doc, _ = add(store, b"text")
    store.replace_structure(doc.id, {"paragraphs": []}, "engine-2")
    store.set_origin(doc.id, symbol="A/RES/2/2", language="fr", source="ods")
    got = store.get_document(doc.id, viewer=OPERATOR)
    assert (got.engine, got.structure, got.symbol, got.language, got.source) == (
        "engine-2",
        {"paragraphs": []},
        "A/RES/2/2",
        "fr",
        "ods",
    )


# -- who sees what ------------------------------------------------------------------


def test_what_each_viewer_sees(store: Store, people: dict[str, Viewer]) -> None:
    ana, bea, carl = people["ana"], people["bea"], people["carl"]
    official, _ = add(store, b"official", source="ods", symbol="A/RES/1/1")
    ingested, _ = add(store, b"ingested by the operator", source="file")
    nobodys, _ = add(store, b"uploaded before accounts existed")
    draft, _ = add(store, b"ana's draft", owner=ana.user_id)
    for_carl, _ = add(store, b"ana's draft for carl", owner=ana.user_id)
    store.set_shares(for_carl.id, ["carl"])
    for_eu, _ = add(store, b"carl's draft for the eu", owner=carl.user_id)
    store.set_shares(for_eu.id, ["eu"])

    def seen(v: Viewer) -> set[str]:
        listed = {d.id for d in store.list_documents(viewer=v, limit=100)}
        assert store.count_documents(viewer=v) == len(listed)
        return listed

    public = {official.id, ingested.id}
    assert seen(ana) == public | {draft.id, for_carl.id, for_eu.id}
    assert seen(bea) == public | {for_eu.id}
    assert seen(carl) == public | {for_carl.id, for_eu.id}
    assert seen(Viewer.anonymous()) == public
    everything = public | {nobodys.id, draft.id, for_carl.id, for_eu.id}
    assert seen(OPERATOR) == seen(Viewer.local()) == everything
    for v, doc in ((bea, draft), (carl, draft), (bea, nobodys), (Viewer.anonymous(), for_eu)):
        with pytest.raises(DocumentNotFoundError):
            store.get_document(doc.id, viewer=v)
        with pytest.raises(DocumentNotFoundError):
            store.get_original(doc.id, viewer=v)
    got = store.get_document(for_eu.id, viewer=bea)
    assert got.owner == "carl" and got.shared_with == ["eu"]


def test_shares_are_replaced_and_checked(store: Store, people: dict[str, Viewer]) -> None:
    doc, _ = add(store, b"a draft", owner=people["ana"].user_id)
    assert store.set_shares(doc.id, ["carl", "eu", "eu", " "]) == ["carl", "eu"]
    assert store.get_document(doc.id, viewer=OPERATOR).shared_with == ["carl", "eu"]
    assert store.set_shares(doc.id, []) == []
    with pytest.raises(DocumentNotFoundError):
        store.get_document(doc.id, viewer=people["carl"])
    with pytest.raises(InvalidRequestError, match="'nobody'"):
        store.set_shares(doc.id, ["carl", "nobody"])
    assert store.get_document(doc.id, viewer=OPERATOR).shared_with == []


# -- saved reports and the bounded cache --------------------------------------------------


def test_report_keys_are_stable_and_renderings_cached(store: Store) -> None:
    a, _ = add(store, b"a")
    b, _ = add(store, b"b")
    r1 = store.save_report("compare", [a.id, b.id], {})
    r2 = store.save_report("compare", [a.id, b.id], {})
    r3 = store.save_report("compare", [b.id, a.id], {})
    assert r1.key == r2.key != r3.key
    assert store.get_report(r1.key).documents == [a.id, b.id]
    with pytest.raises(DocumentNotFoundError):
        store.get_report("missing")
    assert store.get_rendering("k", "pdf", viewer=OPERATOR) is None
    store.put_rendering("k", "pdf", b"%PDF-1.7 ...", sources=[a.id, b.id])
    assert store.get_rendering("k", "pdf", viewer=OPERATOR) == b"%PDF-1.7 ..."


def test_deleting_a_document_deletes_what_was_made_from_it(store: Store) -> None:
    a, _ = add(store, b"a")
    b, _ = add(store, b"b")
    c, _ = add(store, b"c")
    ab = store.save_report("compare", [a.id, b.id], {})
    bc = store.save_report("compare", [b.id, c.id], {})
    store.put_rendering("ab", "pdf", b"from a and b", sources=[a.id, b.id])
    store.put_rendering("ab", "json", b"{}", sources=[a.id, b.id])
    store.put_rendering("bc", "pdf", b"from b and c", sources=[b.id, c.id])
    store.delete_document(a.id)
    assert store.get_rendering("ab", "pdf", viewer=OPERATOR) is None
    assert store.get_rendering("ab", "json", viewer=OPERATOR) is None
    assert store.get_rendering("bc", "pdf", viewer=OPERATOR) == b"from b and c"
    with pytest.raises(DocumentNotFoundError):
        store.get_report(ab.key)
    assert store.get_report(bc.key).documents == [b.id, c.id]
    assert store.cache_size() == len(b"from b and c")


def test_a_rendering_is_served_only_to_who_sees_all_its_documents(
    store: Store, people: dict[str, Viewer]
) -> None:
    official, _ = add(store, b"official", source="ods")
    draft, _ = add(store, b"ana's draft", owner=people["ana"].user_id)
    store.put_rendering("k", "html", b"report", sources=[official.id, draft.id])
    assert store.get_rendering("k", "html", viewer=people["ana"]) == b"report"
    assert store.get_rendering("k", "html", viewer=people["bea"]) is None
    store.set_shares(draft.id, ["eu"])
    assert store.get_rendering("k", "html", viewer=people["bea"]) == b"report"


def test_the_cache_evicts_the_least_recently_used(store: Store) -> None:
    store.cache_bytes = 1000
    store.touch_seconds = 0  # type: ignore[attr-defined]  # every hit counts as a use
    for name in "abcd":
        store.put_rendering(name, "pdf", name.encode() * 300)
    # d pushed a out (a was the oldest): 3 x 300 fit in 1000
    assert store.get_rendering("a", "pdf", viewer=OPERATOR) is None
    assert store.get_rendering("b", "pdf", viewer=OPERATOR) is not None  # b is now the newest
    store.put_rendering("e", "pdf", b"e" * 300)
    assert store.get_rendering("c", "pdf", viewer=OPERATOR) is None  # c was the oldest
    assert {n for n in "bde" if store.get_rendering(n, "pdf", viewer=OPERATOR)} == set("bde")
    assert store.cache_size() <= store.cache_bytes
    store.put_rendering("huge", "pdf", b"x" * 1001)  # larger than the whole cache: not kept
    assert store.get_rendering("huge", "pdf", viewer=OPERATOR) is None
    assert store.cache_size() == 900


def test_the_cache_stays_under_its_limit(store: Store) -> None:
    store.cache_bytes = 20_000
    doc, _ = add(store, b"source")
    for i in range(120):
        store.put_rendering(
            f"key{i}", "html", bytes([65 + i % 26]) * (100 + 37 * i % 900), sources=[doc.id]
        )
        assert store.cache_size() <= store.cache_bytes
    assert store.get_rendering("key119", "html", viewer=OPERATOR) is not None


# -- accounts --------------------------------------------------------------------------


def test_accounts_tokens_and_groups(store: Store) -> None:
    accounts = Accounts(store)
    assert not accounts.exist()
    ana, token = accounts.add("ana", admin=True, groups=["eu", "g77"])
    assert accounts.exist() and ana.admin and ana.groups == ("eu", "g77")
    assert token.startswith("rd_") and len(token) >= 40
    assert accounts.authenticate(token).name == "ana"  # type: ignore[union-attr]
    assert accounts.authenticate(token + "x") is None and accounts.authenticate("") is None
    new = accounts.rotate("ana")
    assert accounts.authenticate(token) is None and accounts.authenticate(new).name == "ana"  # type: ignore[union-attr]
    # users and groups share one set of names
    with pytest.raises(InvalidRequestError, match="taken"):
        accounts.add("eu")
    with pytest.raises(InvalidRequestError, match="taken"):
        accounts.add("bea", groups=["ana"])
    with pytest.raises(InvalidRequestError, match="not a valid name"):
        accounts.add("a b")
    assert [u.name for u in accounts.list()] == ["ana"]


def test_tokens_are_stored_hashed(database_url: str) -> None:
    with open_store(database_url, create=True) as store:
        _, token = Accounts(store).add("ana")
        user = store.user_by_name("ana")
        assert user is not None and user.token_hash == sha256(token.encode())
        assert token not in repr(user) and "token_hash" not in user.describe()
    if "://" not in database_url:  # and nowhere in the SQLite file
        for f in Path(database_url).parent.iterdir():
            assert token.encode() not in f.read_bytes(), f.name


def test_removing_a_user_deletes_their_documents(store: Store, people: dict[str, Viewer]) -> None:
    official, _ = add(store, b"official", source="ods")
    draft, _ = add(store, b"ana's draft", owner=people["ana"].user_id)
    store.set_shares(draft.id, ["eu"])
    store.put_rendering("k", "pdf", b"made from it", sources=[official.id, draft.id])
    store.put_rendering("t", "pdf", b"from pasted text", owner=people["ana"].user_id)
    assert Accounts(store).remove("ana") == 1
    with pytest.raises(DocumentNotFoundError):
        store.get_document(draft.id, viewer=OPERATOR)
    assert store.get_rendering("k", "pdf", viewer=OPERATOR) is None
    assert store.get_rendering("t", "pdf", viewer=OPERATOR) is None
    assert store.get_document(official.id, viewer=OPERATOR).id == official.id
    assert [u.name for u in store.list_users()] == ["bea", "carl"]


# -- the audit trail, settings, rate limits -----------------------------------------------


def test_the_audit_trail(store: Store) -> None:
    store.audit("ana", "add", "d1", "draft.docx")
    store.audit("bea", "read", "d1")
    store.audit("ana", "delete", "d2")
    trail = store.audit_trail()
    assert [(e.actor, e.action, e.document) for e in trail] == [
        ("ana", "delete", "d2"),
        ("bea", "read", "d1"),
        ("ana", "add", "d1"),
    ]
    assert [e.action for e in store.audit_trail(actor="ana")] == ["delete", "add"]
    assert [e.actor for e in store.audit_trail(document="d1")] == ["bea", "ana"]
    assert [e.action for e in store.audit_trail(limit=1, offset=1)] == ["read"]


def test_settings_are_made_once(database_url: str) -> None:
    with open_store(database_url, create=True) as one, open_store(database_url) as two:
        assert one.setting("secret_key", "first") == "first"
        assert two.setting("secret_key", "second") == "first"


def test_rate_limit_counters(store: Store) -> None:
    assert [store.rate_hit("u1", 60) for _ in range(3)] == [1, 2, 3]
    assert store.rate_hit("u2", 60, amount=2) == 2
    hits, ends = store.rate_window("u1")
    assert hits == 3 and ends > 0
    assert store.rate_hit("over", -1) == 1  # a window already over...
    assert store.rate_hit("over", 60) == 1  # ...starts again
    store.rate_clear("u1")
    assert store.rate_window("u1")[0] == 0 and store.rate_window("u2")[0] == 2
    store.rate_clear()
    assert store.rate_window("u2")[0] == 0


# -- concurrency and upgrades ---------------------------------------------------------------


def test_writers_in_threads_with_their_own_connections(database_url: str) -> None:
    open_store(database_url, create=True).close()

    def work(n: int) -> None:
        with open_store(database_url) as s:
            for i in range(10):
                add(s, f"thread {n} doc {i}".encode())
                add(s, b"shared document")  # the same bytes from every thread
                s.rate_hit("everyone", 60)

    errors = run_in_threads(work, 6)
    assert not errors
    with open_store(database_url) as s:
        assert s.count_documents(viewer=OPERATOR) == 6 * 10 + 1
        assert s.rate_window("everyone")[0] == 60
        assert s.integrity() == "ok"


def test_servers_started_together_migrate_once(database_url: str) -> None:
    if "://" not in database_url:
        Path(database_url).parent.mkdir(parents=True)
    errors: list[BaseException] = []

    def start() -> None:
        try:
            open_store(database_url, create=True).close()
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=start) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    with open_store(database_url) as s:
        assert s.schema_version() == VERSION


#: the schema of the store before versions (resdiff up to accounts): what a database
#: made by the previous release holds
OLD_SQLITE_SCHEMA = """
CREATE TABLE documents (
    id TEXT PRIMARY KEY, sha256 TEXT NOT NULL UNIQUE, symbol TEXT, language TEXT NOT NULL,
    source TEXT NOT NULL, filename TEXT, media_type TEXT, size INTEGER NOT NULL,
    original BLOB NOT NULL, structure TEXT NOT NULL, created TEXT NOT NULL, engine TEXT
);
CREATE INDEX documents_symbol ON documents (symbol, language);
CREATE TABLE reports (
    key TEXT PRIMARY KEY, kind TEXT NOT NULL, documents TEXT NOT NULL,
    options TEXT NOT NULL, created TEXT NOT NULL
);
CREATE TABLE renderings (
    key TEXT NOT NULL, format TEXT NOT NULL, body BLOB NOT NULL, created TEXT NOT NULL,
    PRIMARY KEY (key, format)
);
"""


def _fill_old(execute: Any) -> None:
    for i, source in enumerate(("upload", "ods", "paste")):
        data = f"old document {i}".encode()
        execute(
            "INSERT INTO documents (id, sha256, symbol, language, source, filename, media_type,"
            " size, original, structure, created, engine)"
            " VALUES (?, ?, ?, 'en', ?, ?, 'text/plain', ?, ?, '{\"paragraphs\": []}',"
            " '2026-01-01T00:00:00+00:00', 'old-engine')",
            (sha256(data)[:16], sha256(data), f"A/RES/9/{i}", source, f"d{i}.txt", len(data), data),
        )
    ids = [sha256(f"old document {i}".encode())[:16] for i in range(3)]
    execute(
        "INSERT INTO reports (key, kind, documents, options, created)"
        " VALUES ('r1', 'compare', ?, '{}', '2026-01-01')",
        (f'["{ids[0]}", "{ids[1]}"]',),
    )
    execute(
        "INSERT INTO renderings (key, format, body, created) VALUES ('k', 'pdf', ?, '2026-01-01')",
        (b"%PDF old",),
    )


def _check_upgraded(store: Store) -> None:
    assert store.schema_version() == VERSION
    docs = store.list_documents(viewer=OPERATOR)
    assert len(docs) == 3
    for i in range(3):
        data = f"old document {i}".encode()
        doc, original = store.get_original(sha256(data)[:16], viewer=OPERATOR)
        assert original == data and doc.symbol == f"A/RES/9/{i}" and doc.engine == "old-engine"
        assert doc.owner is None
    report = store.get_report("r1")
    assert report.documents == [sha256(f"old document {i}".encode())[:16] for i in (0, 1)]
    # the report cache is derived data: made again under the new keys
    assert store.cache_size() == 0
    # and the upgraded store works: a deleted document takes its saved report along
    store.delete_document(report.documents[0])
    with pytest.raises(DocumentNotFoundError):
        store.get_report("r1")
    assert store.count_documents(viewer=OPERATOR) == 2


def test_upgrading_a_sqlite_database_of_the_previous_schema_keeps_every_row(
    tmp_path: Path,
) -> None:
    path = tmp_path / "resdiff.sqlite3"
    db = sqlite3.connect(path)
    db.executescript(OLD_SQLITE_SCHEMA)
    _fill_old(db.execute)
    db.commit()
    db.close()
    with open_store(path, create=True) as store:
        _check_upgraded(store)


def test_upgrading_a_postgresql_database_of_version_1_keeps_every_row(postgres_url: str) -> None:
    import psycopg

    with psycopg.connect(postgres_url, autocommit=True) as conn:
        conn.execute("CREATE TABLE schema_version (version INTEGER NOT NULL)")
        conn.execute("INSERT INTO schema_version VALUES (1)")
        for statement in statements(MIGRATIONS[0], "postgresql"):
            conn.execute(statement)
        _fill_old(lambda sql, params=(): conn.execute(sql.replace("?", "%s"), params))
    with open_store(postgres_url, create=True) as store:
        _check_upgraded(store)


# -- SQLite: durability settings, and deleted text gone from the file ------------------------


def test_sqlite_wal_full_sync_and_secure_delete(tmp_path: Path) -> None:
    with SQLiteStore.create(tmp_path / "db.sqlite3") as store:
        assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert store.db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
        assert store.db.execute("PRAGMA secure_delete").fetchone()[0] == 1
        assert store.db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert store.integrity() == "ok"


def test_sqlite_a_deleted_draft_leaves_no_text_in_the_files(tmp_path: Path) -> None:
    secret = b"CONFIDENTIAL-DRAFT-" + b"Zebra quartz " * 400
    with SQLiteStore.create(tmp_path / "db.sqlite3") as store:
        doc, _ = add(store, secret, structure={"paragraphs": [{"text": secret.decode()}]})
        keep, _ = add(store, b"another document")
        store.put_rendering("k", "html", secret, sources=[doc.id])
        assert any(b"CONFIDENTIAL-DRAFT" in f.read_bytes() for f in tmp_path.iterdir())
        store.delete_document(doc.id)
        assert store.get_document(keep.id, viewer=OPERATOR).id == keep.id
        for f in tmp_path.iterdir():
            assert b"CONFIDENTIAL-DRAFT" not in f.read_bytes(), f.name
