"""HTML reports: a redline of two versions (inline or side by side) and a series grid.

Templates live in ``templates/report/``; the Jinja environment has autoescape
on for every template, so document text can never inject markup.
"""

from __future__ import annotations

import functools
from typing import Any, Literal, get_args

import jinja2
from markupsafe import Markup

from diffing.errors import InvalidRequestError
from diffing.model import Comparison, Series
from diffing.renewal import Draft
from service.render.draft_view import build_draft_view
from service.render.series_view import build_series_view
from service.render.view import build_view
from service.resources import REPORT_TEMPLATES as TEMPLATES

__all__ = [
    "TEMPLATES",
    "VIEWS",
    "View",
    "render_comparison_html",
    "render_draft_html",
    "render_series_html",
    "report_css",
]

View = Literal["inline", "side-by-side"]
#: the layouts of a comparison report (html and pdf)
VIEWS: tuple[View, ...] = get_args(View)


@functools.cache
def _env() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )


@functools.cache
def report_css(pdf: bool = False, extra: str | None = None) -> str:
    """The report's stylesheet (with the paged-media rules when ``pdf``), and the
    ``extra`` stylesheet of one kind of report ("draft.css")."""
    names = ("report.css", "pdf.css") if pdf else ("report.css", "screen.css")
    css = "\n".join((TEMPLATES / n).read_text(encoding="utf-8") for n in names)
    if extra:
        css += "\n" + (TEMPLATES / extra).read_text(encoding="utf-8")
    return css


def _render(
    template: str, *, standalone: bool, pdf: bool, extra_css: str | None = None, **context: Any
) -> str:
    """A report template; a standalone page carries the stylesheet inline."""
    css = Markup(report_css(pdf, extra_css)) if standalone else ""
    return _env().get_template(template).render(standalone=standalone, pdf=pdf, css=css, **context)


def render_comparison_html(
    comparison: Comparison,
    *,
    view: str = "inline",
    standalone: bool = True,
    author: str = "resdiff",
    date: str | None = None,
    pdf: bool = False,
    deadline: float | None = None,
) -> str:
    """The redline report; ``standalone=False`` gives a ``<div>`` fragment (CSS via :func:`report_css`).

    ``view`` is one of :data:`VIEWS`; ``deadline`` bounds the preparation of the report."""
    if view not in VIEWS:
        raise InvalidRequestError(f"unknown view {view!r}: use one of {', '.join(VIEWS)}")
    v = build_view(comparison, deadline=deadline)
    return _render(
        "comparison.html",
        standalone=standalone,
        pdf=pdf,
        extra_css="agreed.css" if v.searched else None,
        v=v,
        view=view,
        author=author,
        date=date,
    )


def render_series_html(
    series: Series,
    *,
    standalone: bool = True,
    date: str | None = None,
    pdf: bool = False,
    deadline: float | None = None,
) -> str:
    """The lineage grid of a series, each step's word changes in ``<details>``."""
    s = build_series_view(series, deadline=deadline)
    return _render("series.html", standalone=standalone, pdf=pdf, s=s, date=date)


def render_draft_html(
    draft: Draft,
    *,
    standalone: bool = True,
    author: str = "resdiff",
    date: str | None = None,
    pdf: bool = False,
    deadline: float | None = None,
) -> str:
    """The draft as a redline: its front matter, the base text with the routine
    edits made and the reason of each, the edits proposed but not made."""
    d = build_draft_view(draft, date=date, deadline=deadline)
    return _render(
        "draft.html", standalone=standalone, pdf=pdf, extra_css="draft.css", d=d, author=author
    )
