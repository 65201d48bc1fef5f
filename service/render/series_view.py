"""A presentation model of a series: one row per paragraph lineage, one cell per version."""

from __future__ import annotations

from dataclasses import dataclass

from diffing.model import Resolution, Series
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
    counts: list[dict[str, int]]


def _find(step_views: list[ChangeView], old: str | None, new: str | None) -> ChangeView | None:
    for cv in step_views:
        if (new is not None and new in cv.new_ids) or (
            new is None and old is not None and old in cv.old_ids
        ):
            return cv
    return None


def _step_change(changes: list[str | None], k: int, n: int) -> str | None:
    """The change into version ``k``, whether ``changes`` has one entry per version or per step."""
    if k == 0:
        return None
    if len(changes) == n - 1:
        return changes[k - 1]
    return changes[k] if k < len(changes) else None


def build_series_view(series: Series) -> SeriesView:
    steps = [build_view(c).changes for c in series.steps]
    rows = []
    for r in series.rows:
        cells = []
        for k, pid in enumerate(r.ids):
            what = _step_change(r.changes, k, len(r.ids))
            prev = r.ids[k - 1] if k else None
            step = _find(steps[k - 1], prev, pid) if k and k - 1 < len(steps) else None
            if pid is None:
                what = "removed" if prev is not None else "absent"
            elif k and prev is None:
                what = "added"
            elif not what:
                what = step.type if step else ("" if k == 0 else "unchanged")
            if step is not None and step.quiet and what == "reworded":
                what = "quiet"
            cells.append(
                Cell(pid, what or "", step if what not in ("", "absent", "unchanged") else None)
            )
        last = next((i for i in reversed(r.ids) if i is not None), None)
        k_last = max(k for k, i in enumerate(r.ids) if i is not None) if last else 0
        text = ""
        if last is not None:
            try:
                text = series.versions[k_last].paragraph(last).text
            except KeyError:
                text = ""
        first = next((i for i in r.ids if i is not None), "")
        changed = any(c.what not in ("", "unchanged") for c in cells[1:])
        rows.append(RowView(cells, text, first or "", changed))
    lang = series.versions[-1].language if series.versions else "en"
    return SeriesView(
        versions=list(series.versions),
        rows=rows,
        lang=lang,
        dir=text_direction(lang),
        counts=[c.summary for c in series.steps],
    )
