"""A presentation model of a series: one row per paragraph lineage, one cell per version."""

from __future__ import annotations

from dataclasses import dataclass

from diffing.model import Resolution, Series, SeriesRow, Summary
from service.i18n import Chrome
from service.render.view import ChangeView, build_view, text_direction

__all__ = ["Cell", "RowView", "SeriesView", "build_series_view"]


@dataclass
class Cell:
    """A lineage in one version: its id there and how it got there from the previous version."""

    pid: str | None
    what: str  # "", "absent", "added", "removed", "moved", "reworded", "unchanged", ..., "quiet"
    step: ChangeView | None = None


@dataclass
class RowView:
    cells: list[Cell]
    text: str
    first: str
    changed: bool


@dataclass
class SeriesView:
    versions: list[Resolution]
    rows: list[RowView]
    lang: str
    dir: str
    counts: list[Summary]
    #: the text direction of each version
    dirs: list[str]


@dataclass
class _Step:
    """The change views of one step, by the ids they hold (the first view holding an id)."""

    by_new: dict[str, ChangeView]
    by_old: dict[str, ChangeView]

    @classmethod
    def of(cls, views: list[ChangeView]) -> _Step:
        by_new: dict[str, ChangeView] = {}
        by_old: dict[str, ChangeView] = {}
        for cv in views:
            for pid in cv.new_ids:
                by_new.setdefault(pid, cv)
            for pid in cv.old_ids:
                by_old.setdefault(pid, cv)
        return cls(by_new, by_old)

    def find(self, old: str | None, new: str | None) -> ChangeView | None:
        """The change that brought ``new`` here, or, when it is gone, that took ``old`` away."""
        if new is not None:
            return self.by_new.get(new)
        return self.by_old.get(old) if old is not None else None


def build_series_view(
    series: Series, *, chrome: Chrome | None = None, deadline: float | None = None
) -> SeriesView:
    """One row per lineage, one cell per version, labelled in the words of ``chrome``
    (``deadline`` bounds the work)."""
    steps = [
        _Step.of(build_view(c, chrome=chrome, deadline=deadline).changes) for c in series.steps
    ]
    # each version's paragraphs by id (the first of a repeated id, as Resolution.paragraph)
    texts = [{p.id: p.text for p in reversed(v.paragraphs)} for v in series.versions]
    rows = []
    for r in series.rows:
        cells = [_cell(r, k, steps) for k in range(len(r.ids))]
        present = [k for k, pid in enumerate(r.ids) if pid is not None]
        last = r.ids[present[-1]] if present else None
        text = texts[present[-1]].get(last, "") if last is not None else ""
        first = r.ids[present[0]] if present else ""
        changed = any(c.what not in ("", "unchanged") for c in cells[1:])
        rows.append(RowView(cells, text, first or "", changed))
    lang = series.versions[-1].language if series.versions else "en"
    return SeriesView(
        versions=list(series.versions),
        rows=rows,
        lang=lang,
        dir=text_direction(lang),
        counts=[c.summary for c in series.steps],
        dirs=[text_direction(v.language) for v in series.versions],
    )


def _cell(row: SeriesRow, k: int, steps: list[_Step]) -> Cell:
    """The lineage ``row`` in version ``k``: its id there and how it got there."""
    pid = row.ids[k]
    if k == 0:
        return Cell(pid, "absent" if pid is None else "")
    prev = row.ids[k - 1]
    step = steps[k - 1].find(prev, pid) if k - 1 < len(steps) else None
    what: str = row.changes[k] or ""
    if pid is None:
        what = "removed" if prev is not None else "absent"
    elif prev is None:
        what = "added"
    elif not what:
        what = step.type if step else "unchanged"
    if step is not None and step.quiet and what == "reworded":
        what = "quiet"
    return Cell(pid, what, step if what not in ("", "absent", "unchanged") else None)
