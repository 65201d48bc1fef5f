"""The agreed-language index of the store: every paragraph of every stored document,
searchable by similarity (:mod:`diffing.precedents` says what a gram is and how the
candidates are ranked).

The store keeps it (:class:`~service.library.sql.SQLStore`): a document's paragraphs
are indexed in the transaction that stores it, taken out in the one that deletes it,
indexed again when a newer parser gives the document another structure; when the
gram scheme of the code differs from the one the index was built with, the store
builds it again when it is opened and migrated.

Tables (migration 5 of :mod:`service.library.schema`; the statements run unchanged on
SQLite and PostgreSQL):

- ``precedent_index (id = 1, scheme, generation)``: the gram scheme the index was
  built with, and a number that grows with every change of the index (reports that
  show precedents are cached under it, so a report made before a document was added
  or deleted is not served again);
- ``precedent_documents (no, document, digest, title, adopted)``: one row per indexed
  document (``document``: its id in ``documents``; ``digest``: of what was indexed,
  so that the same content is not indexed twice);
- ``precedent_paragraphs (id, paragraph, kind, text)``: ``id`` is ``no x 2**20 +
  position``, so the paragraphs of a document are one range of ids, and a paragraph's
  document is ``id / 2**20``;
- ``precedent_grams (gram, paragraph, size)``: the postings, read by gram, with the
  number of grams of the paragraph (``size``: candidates are ranked by it too);
- ``precedent_gram_counts (gram, n)``: how many paragraphs hold each gram.

Who may see what is the store's visibility predicate, joined in the query: the
candidates are taken among the paragraphs of the documents the viewer sees, so a
private draft is nobody else's precedent.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from diffing.errors import InvalidRequestError
from diffing.model import Precedent
from diffing.precedents import CANDIDATES, GRAM_SCHEME, grams, pick_grams, rank

__all__ = ["MAX_PARAGRAPHS", "Filters", "PrecedentIndex", "as_date"]

#: paragraphs of one document the id layout leaves room for
MAX_PARAGRAPHS = 1 << 20

#: postings of a query's rarest grams counted again among the documents it searches
VERIFIED = 10_000
#: "the posting ``g`` is of a document the filters let through" (``{where}``: theirs)
_ALLOWED = (
    f"g.paragraph / {MAX_PARAGRAPHS} IN (SELECT x.no FROM precedent_documents x"
    " JOIN documents d ON d.id = x.document WHERE {where})"
)

Row = Mapping[str, Any]
Execute = Callable[[str, Sequence[Any]], Any]
ExecuteMany = Callable[[str, Iterable[Sequence[Any]]], None]


def _marks(n: int) -> str:
    return ", ".join("?" * n)


def as_date(value: str | date | None, name: str = "before") -> str | None:
    """``value`` as the ISO date that adoption dates are compared with (400 otherwise).

    >>> as_date("2024-12-06"), as_date(datetime(2024, 12, 6, 23, 59)), as_date(None)
    ('2024-12-06', '2024-12-06', None)
    """
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    try:
        return date.fromisoformat(value).isoformat()
    except (TypeError, ValueError):
        raise InvalidRequestError(
            f"'{name}' must be a date such as 2025-12-31, not {value!r}"
        ) from None


def _paragraphs(structure: Mapping[str, Any]) -> list[tuple[str, str, str]]:
    """(id, kind, text) of the paragraphs of a stored structure that have text."""
    out = []
    for p in structure.get("paragraphs") or []:
        text = p.get("text") or ""
        if text.strip():
            out.append((str(p.get("id") or ""), str(p.get("kind") or ""), text))
    return out


def _digest(structure: Mapping[str, Any], paragraphs: list[tuple[str, str, str]]) -> str:
    what = [GRAM_SCHEME, structure.get("title"), structure.get("adopted"), paragraphs]
    return hashlib.sha256(json.dumps(what, ensure_ascii=False).encode()).hexdigest()


def _day(adopted: str | None) -> int:
    """A sortable number for an ISO date (0 for none)."""
    try:
        return date.fromisoformat(adopted).toordinal() if adopted else 0
    except ValueError:
        return 0


@dataclass(frozen=True)
class Filters:
    """Which documents a query searches.

    ``visible``: the store's visibility predicate on ``documents d`` and its
    parameters (None: the viewer sees everything); ``before``: only documents adopted
    before that ISO date (one without adoption date is then left out too);
    ``exclude``: symbols to leave out; ``exclude_documents``: store ids to leave out.
    """

    visible: tuple[str, Sequence[Any]] | None = None
    before: str | None = None
    exclude: Sequence[str] = ()
    exclude_documents: Sequence[str] = ()

    def where(self) -> tuple[list[str], list[Any]]:
        """The conditions on ``precedent_documents x`` joined with ``documents d``."""
        where: list[str] = []
        params: list[Any] = []
        if self.visible is not None:
            where.append(self.visible[0])
            params.extend(self.visible[1])
        if self.before is not None:
            where.append("x.adopted < ?")
            params.append(self.before)
        if self.exclude:
            marks = _marks(len(self.exclude))
            where.append(f"(d.symbol IS NULL OR d.symbol NOT IN ({marks}))")
            # nor under another symbol of the same bytes
            where.append(
                "NOT EXISTS (SELECT 1 FROM document_symbols s WHERE s.document = d.id"
                f" AND s.symbol IN ({marks}))"
            )
            params.extend([*self.exclude, *self.exclude])
        if self.exclude_documents:
            where.append(f"d.id NOT IN ({_marks(len(self.exclude_documents))})")
            params.extend(self.exclude_documents)
        return where, params


class PrecedentIndex:
    """The index's statements, run by the store's connection (``execute`` runs one
    statement and returns a cursor whose rows are mappings; ``executemany`` runs one
    statement over many rows). Writes join the caller's transaction."""

    def __init__(self, execute: Execute, executemany: ExecuteMany) -> None:
        self._execute = execute
        self._executemany = executemany

    def _one(self, sql: str, params: Sequence[Any] = ()) -> Row | None:
        row: Row | None = self._execute(sql, params).fetchone()
        return row

    def _all(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        rows: list[Row] = self._execute(sql, params).fetchall()
        return rows

    # -- its state -------------------------------------------------------------------

    def generation(self) -> int:
        """A number that changes with every document indexed or taken out."""
        row = self._one("SELECT generation FROM precedent_index WHERE id = 1")
        return int(row["generation"]) if row else 0

    def stale(self) -> bool:
        """Whether the index was built under another gram scheme (or never)."""
        row = self._one("SELECT scheme FROM precedent_index WHERE id = 1")
        return row is None or row["scheme"] != GRAM_SCHEME

    def counts(self) -> tuple[int, int]:
        """How many documents and paragraphs are indexed."""
        docs = self._one("SELECT count(*) AS n FROM precedent_documents")
        paras = self._one("SELECT count(*) AS n FROM precedent_paragraphs")
        return int(docs["n"] if docs else 0), int(paras["n"] if paras else 0)

    def touch(self) -> None:
        """Change the generation: who sees which document changed (a share, an owner,
        an official copy recognised), so what a viewer finds may have too."""
        self._bump()

    def _bump(self) -> None:
        """Change the generation. Every write of the index does this first: on
        PostgreSQL the row stays locked until the transaction ends, so writers of the
        index take turns instead of locking the counts of shared grams in two orders
        (a deadlock, when one transaction stores several documents)."""
        self._execute("UPDATE precedent_index SET generation = generation + 1 WHERE id = 1", ())

    def clear(self) -> None:
        """Empty the index and record the current gram scheme (its documents are then
        added again by the caller, in the same transaction)."""
        self._bump()
        for table in (
            "precedent_grams",
            "precedent_gram_counts",
            "precedent_paragraphs",
            "precedent_documents",
        ):
            self._execute(f"DELETE FROM {table}", ())
        self._execute("UPDATE precedent_index SET scheme = ? WHERE id = 1", (GRAM_SCHEME,))

    # -- writing ---------------------------------------------------------------------

    def add(self, document_id: str, structure: Mapping[str, Any]) -> int:
        """Index the paragraphs of the stored document ``document_id`` (its parsed
        ``structure``); how many were indexed. The same content again does nothing
        (0); another content under the same id replaces what was indexed."""
        paragraphs = _paragraphs(structure)
        if len(paragraphs) >= MAX_PARAGRAPHS:
            raise ValueError(f"a document of {len(paragraphs):,} paragraphs")
        digest = _digest(structure, paragraphs)
        row = self._one(
            "SELECT no, digest FROM precedent_documents WHERE document = ?", (document_id,)
        )
        if row is not None and row["digest"] == digest:
            return 0
        self._bump()  # first: the index's writers take its one row in the same order
        if row is not None:
            self._remove(int(row["no"]))
        made = self._one(
            "INSERT INTO precedent_documents (document, digest, title, adopted)"
            " VALUES (?, ?, ?, ?) RETURNING no",
            (document_id, digest, structure.get("title"), structure.get("adopted")),
        )
        assert made is not None
        base = int(made["no"]) * MAX_PARAGRAPHS
        self._executemany(
            "INSERT INTO precedent_paragraphs (id, paragraph, kind, text) VALUES (?, ?, ?, ?)",
            [(base + k, pid, kind, text) for k, (pid, kind, text) in enumerate(paragraphs)],
        )
        # in ascending order: two writers lock the rows of shared grams in one order
        postings = sorted(
            (g, base + k, len(gs))
            for k, gs in enumerate(grams(text) for _, _, text in paragraphs)
            for g in gs
        )
        self._executemany(
            "INSERT INTO precedent_grams (gram, paragraph, size) VALUES (?, ?, ?)", postings
        )
        self._executemany(
            "INSERT INTO precedent_gram_counts (gram, n) VALUES (?, ?) ON CONFLICT (gram)"
            " DO UPDATE SET n = precedent_gram_counts.n + excluded.n",
            sorted(Counter(g for g, _, _ in postings).items()),
        )
        return len(paragraphs)

    def remove(self, document_id: str) -> bool:
        """Take a document's paragraphs out of the index; False if it was not in it."""
        row = self._one("SELECT no FROM precedent_documents WHERE document = ?", (document_id,))
        if row is None:
            return False
        self._bump()
        self._remove(int(row["no"]))
        return True

    def _remove(self, no: int) -> None:
        span = (no * MAX_PARAGRAPHS, (no + 1) * MAX_PARAGRAPHS)
        texts = self._all(
            "SELECT id, text FROM precedent_paragraphs WHERE id >= ? AND id < ?", span
        )
        postings = sorted((g, int(r["id"])) for r in texts for g in grams(r["text"]))
        self._executemany("DELETE FROM precedent_grams WHERE gram = ? AND paragraph = ?", postings)
        counts = sorted(Counter(g for g, _ in postings).items())
        self._executemany(
            "UPDATE precedent_gram_counts SET n = n - ? WHERE gram = ?",
            [(n, g) for g, n in counts],
        )
        self._executemany(
            "DELETE FROM precedent_gram_counts WHERE gram = ? AND n <= 0",
            [(g,) for g, _ in counts],
        )
        self._execute("DELETE FROM precedent_paragraphs WHERE id >= ? AND id < ?", span)
        self._execute("DELETE FROM precedent_documents WHERE no = ?", (no,))

    # -- searching -------------------------------------------------------------------

    def query(self, text: str, limit: int, filters: Filters | None = None) -> list[Precedent]:
        """The indexed paragraphs closest to ``text`` among the documents ``filters``
        let through, best first (ties: the most recently adopted first)."""
        filters = filters or Filters()
        if limit < 1:
            raise InvalidRequestError(f"'limit' must be at least 1, not {limit}")
        wanted = sorted(grams(text))
        if not wanted:
            return []
        counts = {
            int(r["gram"]): int(r["n"])
            for r in self._all(
                f"SELECT gram, n FROM precedent_gram_counts WHERE gram IN ({_marks(len(wanted))})",
                wanted,
            )
        }
        chosen = pick_grams(self._effective(counts, filters))
        if not chosen:
            return []
        ids = self._candidates(chosen, len(wanted), max(CANDIDATES, limit), filters)
        rows = self._rows(ids)
        return [
            Precedent(
                symbol=rows[i]["symbol"],
                paragraph=rows[i]["paragraph"],
                kind=rows[i]["kind"],
                title=rows[i]["title"],
                adopted=rows[i]["adopted"],
                similarity=d.similarity,
                text=rows[i]["text"],
                ops=d.ops,
                document=rows[i]["document"],
            )
            for i, d in rank(text, [r["text"] for r in rows], limit)
        ]

    def _effective(self, counts: dict[int, int], filters: Filters) -> dict[int, int]:
        """``counts`` with those of the rarest grams (within :data:`VERIFIED`
        postings) counted again among the documents the filters let through.

        The rarest grams of a paragraph are often those of the very documents a
        search leaves out (the older version of a renewed resolution, compared with
        the new one): counted in the whole library they would be chosen, and then
        bring no candidate at all."""
        where, params = filters.where()
        if not where:
            return counts
        rare: list[int] = []
        total = 0
        for gram, n in sorted(counts.items(), key=lambda kv: (kv[1], kv[0])):
            if rare and total + n > VERIFIED:
                break
            rare.append(gram)
            total += n
        if not rare:  # no gram of the query is in the library
            return counts
        found = self._all(
            f"SELECT g.gram AS gram, count(*) AS n FROM precedent_grams g"
            f" WHERE g.gram IN ({_marks(len(rare))}) AND {_ALLOWED.format(where=' AND '.join(where))}"
            " GROUP BY g.gram",
            [*rare, *params],
        )
        return {**counts, **dict.fromkeys(rare, 0), **{int(r["gram"]): int(r["n"]) for r in found}}

    def _candidates(self, chosen: list[int], size: int, n: int, filters: Filters) -> list[int]:
        """The ``n`` paragraphs most like a query of ``size`` grams by the ``chosen`` ones
        they share (the Dice coefficient of the two sets of grams, up to a factor the
        same for all: shared / (size + their grams), so that of two paragraphs sharing
        as many grams the one nearer the query's length comes first, as the similarity
        of a comparison has it), among the documents the filters let through (a set
        made once per query, then probed by each posting)."""
        where, params = filters.where()
        sql = f"SELECT g.paragraph AS id FROM precedent_grams g WHERE g.gram IN ({_marks(len(chosen))})"
        args: list[Any] = list(chosen)
        if where:
            sql += f" AND {_ALLOWED.format(where=' AND '.join(where))}"
            args += params
        sql += (
            " GROUP BY g.paragraph ORDER BY 1.0 * count(*) / (? + max(g.size)) DESC,"
            " g.paragraph LIMIT ?"
        )
        return [int(r["id"]) for r in self._all(sql, [*args, size, n])]

    def _rows(self, ids: list[int]) -> list[Row]:
        """Each paragraph with its document, the most recently adopted first (ties in
        similarity go to them)."""
        if not ids:
            return []
        rows = self._all(
            "SELECT p.id AS id, d.symbol AS symbol, x.title AS title, x.adopted AS adopted,"
            " p.paragraph AS paragraph, p.kind AS kind, p.text AS text, x.document AS document"
            " FROM precedent_paragraphs p"
            f" JOIN precedent_documents x ON x.no = p.id / {MAX_PARAGRAPHS}"
            f" JOIN documents d ON d.id = x.document WHERE p.id IN ({_marks(len(ids))})",
            ids,
        )
        return sorted(rows, key=lambda r: (-_day(r["adopted"]), int(r["id"])))
