"""Agreed language (issue 13): which paragraph index to build, measured.

    python benchmarks/precedents.py [--scales 31k,1m] [--work DIR] [--only NAME,...]

The library is the 659 resolutions of ``../shared/corpus/unga-78-79/`` (31,060
paragraphs); the 1,000,000-paragraph library adds 32 varied copies of every
document (:func:`vary`: a quarter of the words or so replaced by other words of
the corpus, an adjacent pair swapped: near the original, never a duplicate).
The queries are the paragraphs of documents not in the library: the session-80
texts of ``unga-80-drafts/`` and ``unga-80-committee/``, and the INTERPOL
75/10, 77/20 and 79/136 with A/RES/79/136 excluded from the search.

Every contender returns its top 5 on the comparison scale (candidates re-ranked
by :func:`diffing.precedents.rank`). Recall: of the queries whose best match
in an exhaustive scan (every paragraph, same ranking) is at least 0.7 similar,
the share whose top 5 holds a paragraph as similar as that best one.

Contenders: ``grams`` (the index built: word-pair postings in plain SQL
tables, now :mod:`service.library.precedents`, measured through the store) on
SQLite and on PostgreSQL; SQLite
FTS5 (BM25 over an OR of the query's 16 rarest words); MinHash LSH (a small
numpy MinHash over the same word pairs, bands in an SQL table); tantivy (BM25,
the same OR); and the exhaustive rapidfuzz scan held in memory. PostgreSQL and
tantivy are measured when ``psycopg`` / ``tantivy`` can be imported (both are
in the ``dev`` extra, not run-time dependencies).

The PostgreSQL server is a throwaway one (``initdb`` in a temporary folder,
127.0.0.1, a free port), stopped at the end.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import random
import re
import shutil
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from common import CORPUS, UNGA, Table, machine, ms, write_measured
from rapidfuzz import process
from rapidfuzz.distance import Indel

from diffing.model import Paragraph, Resolution
from diffing.precedents import CANDIDATES, grams, rank
from diffing.tokens import split_tokens
from diffing.worddiff import STOP_WORDS
from service.ingest import load
from service.library import Viewer, open_store
from service.library.store import Store

LIMIT = 5
GOOD = 0.7
FAIR = 0.5  # also reported: queries whose best match is only 0.5 to 0.7 similar
COPIES_1M = 32
PG_BIN = Path("/usr/lib/postgresql/15/bin")
Doc = tuple[str, Resolution]


@dataclass
class Query:
    symbol: str
    paragraph: str
    text: str
    exclude: tuple[str, ...]


# -- data ---------------------------------------------------------------------------


def library() -> tuple[list[Doc], float]:
    """The 659 resolutions, parsed, and the time the parsing took."""
    t0 = time.perf_counter()
    docs = [(p.name, load(p)) for p in sorted(UNGA.glob("A_RES_*.txt"))]
    return docs, time.perf_counter() - t0


def queries() -> list[Query]:
    out: list[Query] = []
    for folder in ("unga-80-drafts", "unga-80-committee"):
        for path in sorted((CORPUS / folder).glob("*.txt")):
            r = load(path)
            out += [Query(r.symbol or path.name, p.id, p.text, ()) for p in r.paragraphs]
    for name in ("A_RES_75_10_en.txt", "A_RES_77_20_en.txt", "A_RES_79_136_en.txt"):
        r = load(CORPUS / "interpol" / name)
        out += [Query(r.symbol or name, p.id, p.text, ("A/RES/79/136",)) for p in r.paragraphs]
    return out


def vary(text: str, rng: random.Random, words: Sequence[str]) -> str:
    """*text* with 10 to 35 % of its words replaced by corpus words, and
    sometimes two neighbours swapped."""
    ws = text.split()
    rate = rng.uniform(0.10, 0.35)
    ws = [rng.choice(words) if rng.random() < rate else w for w in ws]
    if len(ws) > 2 and rng.random() < 0.5:
        k = rng.randrange(len(ws) - 1)
        ws[k], ws[k + 1] = ws[k + 1], ws[k]
    return " ".join(ws)


def varied_copies(docs: list[Doc], copies: int, seed: int = 13) -> Iterator[Doc]:
    rng = random.Random(seed)
    words = [w for _, r in docs for p in r.paragraphs for w in p.text.split()]
    for c in range(1, copies + 1):
        for doc_id, r in docs:
            paras = [Paragraph(p.id, p.kind, vary(p.text, rng, words)) for p in r.paragraphs]
            yield (
                f"{doc_id}~{c}",
                Resolution(paras, symbol=f"{r.symbol}~{c}", title=r.title, adopted=r.adopted),
            )


@dataclass
class Flat:
    """Every paragraph of a library in one list (row k = paragraph k)."""

    texts: list[str]
    symbols: list[str]

    @classmethod
    def of(cls, docs: Sequence[Doc]) -> Flat:
        return cls(
            [p.text for _, r in docs for p in r.paragraphs],
            [r.symbol or "" for _, r in docs for p in r.paragraphs],
        )


# -- the exhaustive scan (ground truth, and a contender) -----------------------------


class Exhaustive:
    """Every paragraph scored with rapidfuzz (Indel over token keys, one shared
    code), then :func:`rank` down that order: the exact top 5."""

    name = "exhaustive rapidfuzz scan (in memory)"

    def __init__(self, workers: int = 1) -> None:
        self.workers = workers
        self.vocab: dict[str, str] = {}

    def _enc(self, text: str) -> str:
        v = self.vocab
        return "".join([v.setdefault(k, chr(0x100 + len(v))) for k in split_tokens(text)[1]])

    def build(self, docs: Sequence[Doc]) -> None:
        self.flat = Flat.of(docs)
        self.enc = [self._enc(t) for t in self.flat.texts]
        self.sym = np.array(self.flat.symbols)

    def size(self) -> int:
        return sum(len(t.encode()) for t in self.flat.texts)  # texts only, in memory

    def top(self, q: Query) -> list[float]:
        scores = process.cdist(
            [self._enc(q.text)],
            self.enc,
            scorer=Indel.normalized_similarity,
            dtype=np.float64,
            workers=self.workers,
        )[0]
        for s in q.exclude:
            scores[self.sym == s] = -1.0
        order = np.argsort(-scores, kind="stable")
        k = 64
        while True:
            head = [i for i in order[:k] if scores[i] >= 0]
            found = rank(q.text, [self.flat.texts[i] for i in head], LIMIT, upper=scores[head])
            sims = [d.similarity for _, d in found]
            if k >= len(order) or (len(sims) == LIMIT and scores[order[k]] < sims[-1]):
                return sims
            k *= 4

    def close(self) -> None:
        pass


# -- contenders on SQLite -------------------------------------------------------------


def _sqlite(path: Path) -> sqlite3.Connection:
    if path.exists():
        path.unlink()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA cache_size = -262144")  # 256 MiB
    return conn


def _batched(
    docs: Sequence[Doc], every: int, add: Callable[[Doc], object], commit: Callable[[], None]
) -> None:
    for k, doc in enumerate(docs, 1):
        add(doc)
        if k % every == 0:
            commit()
    commit()


def _store_all(store: Store, docs: Sequence[Doc], every: int) -> None:
    """Add *docs* to the store (their paragraphs are indexed as they are stored), *every*
    documents in one transaction."""
    for start in range(0, len(docs), every):
        with store.transaction():
            for doc_id, r in docs[start : start + every]:
                store.add_document(
                    original=doc_id.encode(),
                    structure=r.to_dict(),
                    source="file",
                    language="en",
                    symbol=r.symbol,
                )


class GramsSQLite:
    name = "grams: word pairs in plain SQL tables (SQLite)"

    def __init__(self, work: Path) -> None:
        self.path = work / "grams.sqlite"

    def build(self, docs: Sequence[Doc], every: int = 1) -> None:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{self.path}{suffix}").unlink(missing_ok=True)
        self.store = open_store(self.path, create=True)
        _store_all(self.store, docs, every)

    def size(self) -> int:
        self.store._execute("PRAGMA wal_checkpoint(TRUNCATE)")  # type: ignore[attr-defined]
        return self.path.stat().st_size

    def top(self, q: Query) -> list[float]:
        found = self.store.find_precedents(q.text, LIMIT, viewer=OPERATOR, exclude=q.exclude)
        return [p.similarity for p in found]

    def close(self) -> None:
        self.store.close()


OPERATOR = Viewer.operator()


def _words(text: str) -> list[str]:
    """Distinct lower-cased words as FTS tokenizers see them, stop words out."""
    seen = dict.fromkeys(w for w in re.findall(r"\w+", text.lower()) if w not in STOP_WORDS)
    return list(seen)


class _Paragraphs:
    """A plain paragraphs table that candidates are read from (shared by the
    FTS5 and MinHash contenders, so their figures include it like grams')."""

    conn: sqlite3.Connection

    def _store(
        self, docs: Sequence[Doc], every: int, extra: Callable[[list[int], list[str]], None]
    ) -> None:
        self.conn.execute(
            "CREATE TABLE paragraphs (id INTEGER PRIMARY KEY, symbol TEXT, text TEXT NOT NULL)"
        )
        pid = 0

        def add(doc: Doc) -> None:
            nonlocal pid
            texts = [p.text for p in doc[1].paragraphs]
            pids = list(range(pid + 1, pid + 1 + len(texts)))
            pid += len(texts)
            self.conn.executemany(
                "INSERT INTO paragraphs VALUES (?, ?, ?)",
                [(i, doc[1].symbol, t) for i, t in zip(pids, texts, strict=True)],
            )
            extra(pids, texts)

        _batched(docs, every, add, self.conn.commit)

    def _rank(self, q: Query, ids: list[int]) -> list[float]:
        if not ids:
            return []
        rows = self.conn.execute(
            f"SELECT text FROM paragraphs WHERE id IN ({','.join('?' * len(ids))})", ids
        ).fetchall()
        return [d.similarity for _, d in rank(q.text, [r[0] for r in rows], LIMIT)]

    def _not(self, q: Query) -> tuple[str, list[str]]:
        if not q.exclude:
            return "", []
        return f" AND p.symbol NOT IN ({','.join('?' * len(q.exclude))})", list(q.exclude)

    def size(self) -> int:
        self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return Path(self.path).stat().st_size  # type: ignore[attr-defined]

    def close(self) -> None:
        self.conn.close()


class FTS5(_Paragraphs):
    name = "SQLite FTS5, BM25 over an OR of the 16 rarest words"

    def __init__(self, work: Path) -> None:
        self.path = work / "fts5.sqlite"

    def build(self, docs: Sequence[Doc], every: int = 1) -> None:
        self.conn = _sqlite(self.path)
        self._store(docs, every, lambda pids, texts: None)
        self.conn.execute(
            "CREATE VIRTUAL TABLE fts USING fts5(text, content='paragraphs', content_rowid='id')"
        )
        self.conn.execute("INSERT INTO fts (fts) VALUES ('rebuild')")
        self.conn.execute("CREATE VIRTUAL TABLE fts_terms USING fts5vocab(fts, 'row')")
        self.conn.commit()

    def top(self, q: Query) -> list[float]:
        words = _words(q.text)
        if not words:
            return []
        df = self.conn.execute(
            f"SELECT term, doc FROM fts_terms WHERE term IN ({','.join('?' * len(words))})", words
        ).fetchall()
        rare = [t for t, _ in sorted(df, key=lambda r: (r[1], r[0]))[:16]]
        if not rare:
            return []
        match = " OR ".join(f'"{t}"' for t in rare)
        cond, params = self._not(q)
        ids = [
            r[0]
            for r in self.conn.execute(
                "SELECT p.id FROM fts f JOIN paragraphs p ON p.id = f.rowid"
                f" WHERE fts MATCH ?{cond} ORDER BY f.rank LIMIT ?",
                [match, *params, CANDIDATES],
            )
        ]
        return self._rank(q, ids)


class MinHashLSH(_Paragraphs):
    """MinHash over the word pairs of :func:`grams` (64 hash functions, 32
    bands of 2), the band keys as postings in an SQL table; candidates share
    most bands."""

    PRIME = 4294967291  # the largest prime below 2**32: products stay in uint64

    def __init__(self, work: Path, bands: int = 32, rows: int = 2) -> None:
        self.path = work / f"minhash-{bands}x{rows}.sqlite"
        self.bands, self.rows = bands, rows
        self.name = f"MinHash LSH (numpy, {bands * rows} hashes, {bands} bands of {rows})"
        rng = np.random.default_rng(7)
        n = bands * rows
        self.a = rng.integers(1, self.PRIME, n, dtype=np.uint64)[:, None]
        self.b = rng.integers(0, self.PRIME, n, dtype=np.uint64)[:, None]
        self.mix = rng.integers(1, 1 << 62, (bands, rows), dtype=np.uint64)

    def keys(self, text: str) -> list[int]:
        return self.keys_of([text])[0]

    def keys_of(self, texts: Sequence[str]) -> list[list[int]]:
        """The band keys of each text (all texts hashed in one numpy pass)."""
        sets = [sorted(grams(t)) for t in texts]
        sizes = np.array([len(g) for g in sets])
        flat = np.array([v & 0xFFFFFFFF for g in sets for v in g], dtype=np.uint64)
        if not len(flat):
            return [[] for _ in texts]
        h = (self.a * flat[None, :] + self.b) % np.uint64(self.PRIME)
        starts = np.concatenate(([0], np.cumsum(sizes)[:-1]))
        has = sizes > 0
        sig = np.minimum.reduceat(h, starts[has], axis=1).T  # one row per text with grams
        band = sig.reshape(-1, self.bands, self.rows) * self.mix  # wraps mod 2**64: a mix
        keys = np.bitwise_xor.reduce(band, axis=2) ^ np.arange(self.bands, dtype=np.uint64)
        rows = iter((keys >> np.uint64(1)).tolist())  # 63 bits: an SQL integer
        return [next(rows) if h_ else [] for h_ in has]

    def build(self, docs: Sequence[Doc], every: int = 1) -> None:
        self.conn = _sqlite(self.path)
        self.conn.execute(
            "CREATE TABLE lsh (key INTEGER, paragraph INTEGER, PRIMARY KEY (key, paragraph))"
            " WITHOUT ROWID"
        )

        self._store(docs, every, self._index)

    def _index(self, pids: list[int], texts: list[str]) -> None:
        rows = [(k, pid) for pid, ks in zip(pids, self.keys_of(texts), strict=True) for k in ks]
        self.conn.executemany("INSERT OR IGNORE INTO lsh VALUES (?, ?)", sorted(rows))

    def top(self, q: Query) -> list[float]:
        keys = self.keys(q.text)
        if not keys:
            return []
        cond, params = self._not(q)
        ids = [
            r[0]
            for r in self.conn.execute(
                "SELECT l.paragraph FROM lsh l JOIN paragraphs p ON p.id = l.paragraph"
                f" WHERE l.key IN ({','.join('?' * len(keys))}){cond}"
                " GROUP BY l.paragraph ORDER BY count(*) DESC LIMIT ?",
                [*keys, *params, CANDIDATES],
            )
        ]
        return self._rank(q, ids)


# -- contenders that need a package resdiff does not depend on ------------------------


class Tantivy:
    name = "tantivy (Rust, BM25 over an OR of the 16 rarest words)"

    def __init__(self, work: Path) -> None:
        import tantivy

        self.t = tantivy
        self.dir = work / "tantivy"

    def build(self, docs: Sequence[Doc], every: int = 1) -> None:
        t = self.t
        shutil.rmtree(self.dir, ignore_errors=True)
        self.dir.mkdir(parents=True)
        sb = t.SchemaBuilder()
        sb.add_text_field("text")
        sb.add_integer_field("pid", stored=True)
        sb.add_text_field("symbol", tokenizer_name="raw")
        self.schema = sb.build()
        self.index = t.Index(self.schema, path=str(self.dir))
        self.flat = Flat.of(docs)
        writer = self.index.writer(heap_size=256_000_000, num_threads=1)
        for pid, (text, sym) in enumerate(zip(self.flat.texts, self.flat.symbols, strict=True)):
            writer.add_document(t.Document(text=text, pid=pid, symbol=sym))
        writer.commit()
        writer.wait_merging_threads()
        self.index.reload()
        self.searcher = self.index.searcher()

    def size(self) -> int:
        return sum(f.stat().st_size for f in self.dir.rglob("*") if f.is_file())

    def top(self, q: Query) -> list[float]:
        t = self.t
        words = _words(q.text)
        df = [(self.searcher.doc_freq("text", w), w) for w in words]
        rare = [w for n, w in sorted(df) if n > 0][:16]
        if not rare:
            return []
        should = [(t.Occur.Should, t.Query.term_query(self.schema, "text", w)) for w in rare]
        must_not = [
            (t.Occur.MustNot, t.Query.term_query(self.schema, "symbol", s)) for s in q.exclude
        ]
        query = t.Query.boolean_query(should + must_not)
        hits = self.searcher.search(query, CANDIDATES, count=False).hits
        ids = [self.searcher.doc(addr)["pid"][0] for _, addr in hits]
        found = rank(q.text, [self.flat.texts[i] for i in ids], LIMIT)
        return [d.similarity for _, d in found]

    def close(self) -> None:
        pass


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def postgres(work: Path) -> Iterator[str]:
    """A throwaway PostgreSQL 15 server on 127.0.0.1; yields its address."""
    data = Path(tempfile.mkdtemp(prefix="pg-", dir=work))
    as_pg: list[str] = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    if as_pg:
        shutil.chown(data, "postgres")
    port = _free_port()
    run = {"check": True, "capture_output": True}
    subprocess.run([*as_pg, PG_BIN / "initdb", "-D", data, "-A", "trust", "-U", "postgres"], **run)  # type: ignore[call-overload]
    opts = f"-p {port} -k {data} -c listen_addresses=127.0.0.1 -c shared_buffers=512MB"
    subprocess.run(
        [*as_pg, PG_BIN / "pg_ctl", "-D", data, "-o", opts, "-l", data / "log", "-w", "start"],
        **run,  # type: ignore[arg-type]
    )
    try:
        yield f"postgresql://postgres@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run([*as_pg, PG_BIN / "pg_ctl", "-D", data, "-m", "fast", "-w", "stop"], **run)  # type: ignore[call-overload]
        shutil.rmtree(data, ignore_errors=True)


class GramsPostgres:
    name = "grams: the same tables and SQL on PostgreSQL 15"

    def __init__(self, url: str) -> None:
        self.url = url

    def build(self, docs: Sequence[Doc], every: int = 1) -> None:
        import psycopg

        with psycopg.connect(self.url, autocommit=True) as conn:
            conn.execute("DROP SCHEMA public CASCADE")
            conn.execute("CREATE SCHEMA public")
        self.store = open_store(self.url, create=True)
        _store_all(self.store, docs, every)
        self.store._execute("VACUUM ANALYZE")  # type: ignore[attr-defined]  # index-only scans

    def size(self) -> int:
        tables = ("grams", "gram_counts", "paragraphs", "documents")
        return sum(
            int(
                self.store._execute(  # type: ignore[attr-defined]
                    "SELECT pg_total_relation_size(?) AS n", (f"precedent_{t}",)
                ).fetchone()["n"]
            )
            for t in tables
        )

    def top(self, q: Query) -> list[float]:
        found = self.store.find_precedents(q.text, LIMIT, viewer=OPERATOR, exclude=q.exclude)
        return [p.similarity for p in found]

    def close(self) -> None:
        self.store.close()


# -- measuring ------------------------------------------------------------------------


@dataclass
class Figures:
    name: str
    build: float
    size: int
    median: float
    p95: float
    recall: float | None
    graded: int
    recall_fair: float | None = None
    graded_fair: int = 0


def measure(
    c: Any, docs: Sequence[Doc], qs: list[Query], truth: dict[int, float], every: int
) -> Figures:
    """Build *c* on *docs*, then time every query of *qs*; recall on those in
    *truth* (the best similarity of each query that has one of at least FAIR)."""
    t0 = time.perf_counter()
    if isinstance(c, Exhaustive):
        c.build(docs)
    else:
        c.build(docs, every)
    built = time.perf_counter() - t0
    size = c.size()
    times = []
    hits = {GOOD: 0, FAIR: 0}
    graded = {GOOD: 0, FAIR: 0}
    for k, q in enumerate(qs):
        t = time.perf_counter()
        sims = c.top(q)
        times.append(time.perf_counter() - t)
        best = truth.get(k)
        if best is None:
            continue
        band = GOOD if best >= GOOD else FAIR
        graded[band] += 1
        hits[band] += bool(sims) and max(sims) >= best - 1e-9
    c.close()
    times.sort()

    def share(band: float) -> float | None:
        return hits[band] / graded[band] if graded[band] else None

    return Figures(
        c.name,
        built,
        size,
        statistics.median(times),
        times[int(len(times) * 0.95)],
        share(GOOD),
        graded[GOOD],
        share(FAIR),
        graded[FAIR],
    )


def ground_truth(docs: Sequence[Doc], qs: list[Query]) -> dict[int, float]:
    """Query index -> the best similarity in the library, for those at least FAIR."""
    ex = Exhaustive(workers=2)
    ex.build(docs)
    out = {}
    for k, q in enumerate(qs):
        sims = ex.top(q)
        if sims and sims[0] >= FAIR:
            out[k] = sims[0]
    return out


def contenders(
    work: Path, scale: str, only: set[str] | None, conninfo: str | None
) -> Iterator[Any]:
    def wanted(key: str) -> bool:
        return only is None or key in only

    if wanted("grams"):
        yield GramsSQLite(work)
    if wanted("pg") and conninfo:
        yield GramsPostgres(conninfo)
    if wanted("fts5"):
        yield FTS5(work)
    if wanted("minhash"):
        yield MinHashLSH(work)
        if scale == "31k":
            yield MinHashLSH(work, 16, 4)
    if wanted("tantivy"):
        try:
            yield Tantivy(work)
        except ImportError:
            print("tantivy: not importable, not measured", file=sys.stderr)
    if wanted("exhaustive"):
        yield Exhaustive()


def run_scale(
    scale: str,
    docs: list[Doc],
    qs: list[Query],
    work: Path,
    only: set[str] | None,
    conninfo: str | None,
    sample: int,
) -> list[Figures]:
    lib = docs if scale == "31k" else docs + list(varied_copies(docs, COPIES_1M))
    every = 1 if scale == "31k" else 500
    if scale != "31k":
        qs = random.Random(5).sample(qs, min(sample, len(qs)))
    n = sum(len(r.paragraphs) for _, r in lib)
    t0 = time.perf_counter()
    truth = ground_truth(lib, qs)
    print(
        f"[{scale}] {len(lib):,} documents, {n:,} paragraphs, {len(qs):,} queries,"
        f" {sum(v >= GOOD for v in truth.values()):,} with a match >= {GOOD},"
        f" {sum(v < GOOD for v in truth.values()):,} more >= {FAIR}"
        f" (exhaustive scan {time.perf_counter() - t0:.0f} s)",
        flush=True,
    )
    out = []
    for c in contenders(work, scale, only, conninfo):
        if isinstance(c, Exhaustive) and scale != "31k":
            qs_c = qs[:40]  # a second or so per query: a few are enough
            truth_c = {k: v for k, v in truth.items() if k < len(qs_c)}
        else:
            qs_c, truth_c = qs, truth
        f = measure(c, lib, qs_c, truth_c, every)
        print(
            f"[{scale}] {f.name}: build {f.build:.1f} s, {f.size / 1e6:.0f} MB,"
            f" median {ms(f.median)}, p95 {ms(f.p95)},"
            f" recall {_pct(f.recall, f.graded)}, at {FAIR}-{GOOD} {_pct(f.recall_fair, f.graded_fair)}",
            flush=True,
        )
        out.append(f)
    return out


def _pct(share: float | None, of: int) -> str:
    return "n/a" if share is None else f"{share:.2%} of {of}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--scales", default="31k,1m")
    ap.add_argument("--work", type=Path, default=None, help="where the indexes are built")
    ap.add_argument("--only", default=None, help="grams,pg,fts5,minhash,tantivy,exhaustive")
    ap.add_argument("--sample-1m", type=int, default=400, help="queries at 1M (exhaustive truth)")
    ap.add_argument("--results", type=Path, default=None, help="write the tables as Markdown")
    args = ap.parse_args(argv)
    if not UNGA.is_dir():
        print(f"error: {UNGA} is absent", file=sys.stderr)
        return 2
    work = args.work or Path(tempfile.mkdtemp(prefix="precedents-"))
    work.mkdir(parents=True, exist_ok=True)
    only = set(args.only.split(",")) if args.only else None
    docs, parse_s = library()
    qs = queries()
    print(f"machine: {machine()}")
    print(f"parsed the 659 resolutions in {parse_s:.1f} s", flush=True)
    tables = []
    with contextlib.ExitStack() as stack:
        conninfo = None
        try:
            import psycopg  # noqa: F401

            if only is None or "pg" in only:
                conninfo = stack.enter_context(postgres(work))
        except ImportError:
            print("psycopg: not importable, PostgreSQL not measured", file=sys.stderr)
        for scale in args.scales.split(","):
            figs = run_scale(scale, docs, qs, work, only, conninfo, args.sample_1m)
            t = Table(
                f"Paragraph search at {scale}",
                [
                    "contender",
                    "build",
                    "size",
                    "median",
                    "p95",
                    f"recall (best >= {GOOD})",
                    f"recall (best {FAIR}-{GOOD})",
                ],
            )
            for f in figs:
                rec = _pct(f.recall, f.graded)
                t.add(
                    f.name,
                    f"{f.build:.1f} s",
                    f"{f.size / 1e6:,.0f} MB",
                    ms(f.median),
                    ms(f.p95),
                    rec,
                    _pct(f.recall_fair, f.graded_fair),
                )
            tables.append(t)
    if not args.work:
        shutil.rmtree(work, ignore_errors=True)
    text = "\n".join(t.markdown() for t in tables)
    print()
    print(text)
    if args.results:
        command = f"python benchmarks/precedents.py --scales {args.scales}"
        write_measured(args.results, "Agreed language: paragraph search, measured", command, text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
