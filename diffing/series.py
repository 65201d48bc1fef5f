"""Compare successive versions of one resolution: :func:`compare_series`.

Each step ``k-1 -> k`` is a pairwise :func:`diffing.compare` (kept in
``Series.steps`` for the reports). The rows follow paragraph lineages:
``ids[k]`` is the paragraph's id in version ``k`` (None where it is absent)
and ``changes[k]`` the type of the change that brought it from version
``k-1``: None for the first version and before the paragraph appears,
``"added"`` where it appears, ``"removed"`` at the first version where it is
gone, None after that.

Splits and merges: a split ``[O] -> [N1, N2]`` continues the lineage of ``O``
with ``N1`` and starts a new row for ``N2``; both get ``"split"`` at that
version. A merge ``[O1, O2] -> [N]`` continues the lineage of ``O1`` with
``N`` (``"merged"``); the lineage of ``O2`` ends there: its id is None and
its change ``"merged"`` (not ``"removed"``: its words live on in ``N``).

Rows come in the reading order of the last version; a lineage that ended
earlier stays where it stood, after the row that preceded it.

>>> from diffing.model import Paragraph, Resolution
>>> v = [Resolution([Paragraph(f"OP{n}", "operative", t) for n, t in enumerate(ts, 1)])
...      for ts in (["Decides a;"], ["Notes b;", "Decides a;"])]
>>> [r.to_dict() for r in compare_series(v).rows]
[{'ids': [None, 'OP1'], 'changes': [None, 'added']}, {'ids': ['OP1', 'OP2'], 'changes': [None, 'unchanged']}]
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from diffing.align import compare
from diffing.errors import InvalidRequestError
from diffing.model import Resolution, Series, SeriesRow

__all__ = ["compare_series"]


def _placer(
    order: list[SeriesRow], follows: dict[int, list[SeriesRow]]
) -> Callable[[SeriesRow], None]:
    def place(r: SeriesRow) -> None:
        order.append(r)
        order.extend(follows.get(id(r), []))

    return place


def compare_series(versions: Sequence[Resolution], *, deadline: float | None = None) -> Series:
    """Align every successive pair of *versions* and follow each paragraph.

    ``deadline`` bounds the whole series, as in :func:`diffing.compare`.
    """
    if len(versions) < 2:
        raise InvalidRequestError("a series needs at least two versions")
    n = len(versions)
    rows: list[SeriesRow] = [
        SeriesRow([p.id] + [None] * (n - 1), [None] * n) for p in versions[0].paragraphs
    ]
    live: dict[str, SeriesRow] = {
        p.id: r for p, r in zip(versions[0].paragraphs, rows, strict=True)
    }
    steps = []
    for k in range(1, n):
        comp = compare(versions[k - 1], versions[k], deadline=deadline)
        steps.append(comp)
        # rows that ended before this step keep their place behind a predecessor
        follows: dict[int, list[SeriesRow]] = {}
        head: list[SeriesRow] = []
        last_live: SeriesRow | None = None
        live_rows = {id(r) for r in live.values()}
        for r in rows:
            if id(r) in live_rows:
                last_live = r
            elif last_live is None:
                head.append(r)
            else:
                follows.setdefault(id(last_live), []).append(r)
        order: list[SeriesRow] = list(head)
        new_live: dict[str, SeriesRow] = {}
        place = _placer(order, follows)
        for c in comp.changes:
            if c.type == "added":
                r = SeriesRow([None] * n, [None] * n)
                r.ids[k], r.changes[k] = c.new[0], "added"
                new_live[c.new[0]] = r
                place(r)
                continue
            if c.type == "removed":
                r = live[c.old[0]]
                r.changes[k] = "removed"
                place(r)
                continue
            first = live[c.old[0]]
            first.ids[k], first.changes[k] = c.new[0], c.type
            new_live[c.new[0]] = first
            place(first)
            for pid in c.old[1:]:  # merged: the other lineages end here
                r = live[pid]
                r.changes[k] = "merged"
                place(r)
            for pid in c.new[1:]:  # split: the other pieces start here
                r = SeriesRow([None] * n, [None] * n)
                r.ids[k], r.changes[k] = pid, c.type
                new_live[pid] = r
                place(r)
        rows = order
        live = new_live
    return Series(list(versions), steps, rows)
