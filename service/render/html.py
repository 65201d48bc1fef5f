"""HTML reports: a redline of two versions (inline or side by side) and a series grid.

Templates live in ``templates/report/``; the Jinja environment has autoescape
on for every template, so document text can never inject markup. Each language
of the chrome has its environment, with its gettext catalog installed
(:mod:`service.i18n`). A stand-alone report carries its stylesheet and its
script (``report.js``: j/k navigation, filters, expand and collapse) inline; the
fragment the web pages embed carries neither, the page links both as files
(:func:`report_css`, :func:`report_js`), so the pages need no inline code.
"""

from __future__ import annotations

import functools
from typing import Any, Literal, get_args

import jinja2
from markupsafe import Markup

from diffing.errors import InvalidRequestError
from diffing.model import Comparison, Series
from diffing.renewal import Draft
from service.i18n import Chrome, chrome_language, translations
from service.render.changelist import build_change_list
from service.render.draft_view import build_draft_view, draft_chrome
from service.render.series_view import build_series_view
from service.render.view import build_view, trailing_gap, visible_entries
from service.render.warnings import comparison_warnings, series_warnings
from service.render.words import Words, kind_count
from service.resources import REPORT_TEMPLATES as TEMPLATES

__all__ = [
    "TEMPLATES",
    "VIEWS",
    "View",
    "comparison_chrome",
    "render_comparison_html",
    "render_draft_html",
    "render_series_html",
    "report_css",
    "report_js",
    "tally",
]

View = Literal["inline", "side-by-side"]
#: the layouts of a comparison report (html and pdf)
VIEWS: tuple[View, ...] = get_args(View)


@functools.cache
def _env(lang: str) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
        extensions=["jinja2.ext.i18n"],
    )
    env.install_gettext_translations(translations(lang), newstyle=True)  # type: ignore[attr-defined]
    return env


@functools.cache
def report_css(pdf: bool = False, extra: str | None = None) -> str:
    """The report's stylesheet (with the paged-media rules when ``pdf``), and the
    ``extra`` stylesheet of one kind of report ("draft.css", "amendments.css")."""
    names = ("report.css", "pdf.css") if pdf else ("report.css", "screen.css")
    css = "\n".join((TEMPLATES / n).read_text(encoding="utf-8") for n in names)
    if extra:
        css += "\n" + (TEMPLATES / extra).read_text(encoding="utf-8")
    return css


@functools.cache
def report_js() -> str:
    """The report's script: j/k navigation, the change list's filters, expand/collapse."""
    return (TEMPLATES / "report.js").read_text(encoding="utf-8")


def page_css(chrome: Chrome) -> str:
    """The paged-media rule that numbers the PDF's pages in the chrome's words
    ("page 2 of 9", "page 2 sur 9")."""
    label = chrome.gettext(
        "page %(page)s of %(pages)s", page='" counter(page) "', pages='" counter(pages) "'
    )
    return f'@page {{ @bottom-right {{ content: "{label}"; }} }}'


def _render(
    template: str,
    *,
    standalone: bool,
    pdf: bool,
    chrome: Chrome,
    extra_css: str | None = None,
    **context: Any,
) -> str:
    """A report template; a standalone page carries the stylesheet (and script) inline,
    with the ``extra_css`` of one kind of report ("draft.css")."""
    page = "\n" + page_css(chrome) if pdf else ""
    css = Markup(report_css(pdf, extra_css) + page) if standalone else ""
    script = Markup(report_js()) if standalone and not pdf else ""
    return (
        _env(chrome.lang)
        .get_template(template)
        .render(
            standalone=standalone,
            pdf=pdf,
            css=css,
            script=script,
            chrome=chrome,
            w=Words(chrome),
            **context,
        )
    )


def comparison_chrome(comparison: Comparison, language: str | None = None) -> Chrome:
    """The chrome of a comparison's reports: ``language`` if given, else the new text's,
    else the old one's, else English (see :func:`service.i18n.chrome_language`)."""
    return Chrome.of(chrome_language(language, comparison.new.language, comparison.old.language))


def tally(cl: Any, chrome: Chrome) -> str:
    """ "9 changes: 2 added, 1 removed, 5 reworded, 1 moved; 3 verb changes. 4 routine
    updates.": the counts of the change list's lines."""
    rows = cl.rows
    counts = [kind_count(k, n, chrome) for k, n in cl.counts if k != "routine"]
    out = chrome.ngettext("%(num)d change", "%(num)d changes", len(rows))
    if counts:
        out += chrome.gettext(": %(counts)s", counts=", ".join(counts))
    if cl.verbs:
        out += chrome.ngettext("; %(num)d verb change", "; %(num)d verb changes", cl.verbs)
    out += "."
    if cl.routine:
        out += " " + chrome.ngettext(
            "%(num)d routine update.", "%(num)d routine updates.", len(cl.routine)
        )
    return out


def render_comparison_html(
    comparison: Comparison,
    *,
    view: str = "inline",
    standalone: bool = True,
    author: str = "resdiff",
    date: str | None = None,
    pdf: bool = False,
    deadline: float | None = None,
    language: str | None = None,
    changes_only: bool = False,
    summary_only: bool = False,
) -> str:
    """The redline report; ``standalone=False`` gives a ``<div>`` fragment (CSS via
    :func:`report_css`, script via :func:`report_js`).

    ``view`` is one of :data:`VIEWS`; ``language`` the chrome's (default: the
    documents'); ``changes_only`` leaves unchanged paragraphs out, ``summary_only``
    the whole text (the header, the warnings and the change list remain);
    ``deadline`` bounds the preparation of the report."""
    if view not in VIEWS:
        raise InvalidRequestError(f"unknown view {view!r}: use one of {', '.join(VIEWS)}")
    chrome = comparison_chrome(comparison, language)
    v = build_view(comparison, chrome=chrome, deadline=deadline)
    cl = build_change_list(v)
    shown = v.entries if view == "inline" else [e for e in v.entries if e.role == "text"]
    return _render(
        "comparison.html",
        standalone=standalone,
        pdf=pdf,
        # a draft and its amendments: the amendments' colours, the instructions' lists
        # (or agreed language: its lines and disclosures)
        extra_css=(
            "amendments.css"
            if comparison.amendments is not None
            else "agreed.css"
            if v.searched
            else None
        ),
        chrome=chrome,
        v=v,
        cl=cl,
        tally=tally(cl, chrome),
        warnings=comparison_warnings(comparison),
        entries=visible_entries(shown, changes_only),
        tail_gap=trailing_gap(shown) if changes_only else 0,
        view=view,
        author=author,
        date=date,
        changes_only=changes_only,
        summary_only=summary_only,
    )


def render_series_html(
    series: Series,
    *,
    standalone: bool = True,
    date: str | None = None,
    pdf: bool = False,
    deadline: float | None = None,
    language: str | None = None,
) -> str:
    """The lineage grid of a series, each step's word changes in ``<details>``, in the
    language of the latest version (or ``language``)."""
    langs = [v.language for v in reversed(series.versions)]
    chrome = Chrome.of(chrome_language(language, *langs))
    s = build_series_view(series, chrome=chrome, deadline=deadline)
    return _render(
        "series.html",
        standalone=standalone,
        pdf=pdf,
        chrome=chrome,
        s=s,
        date=date,
        warnings=series_warnings(series),
    )


def render_draft_html(
    draft: Draft,
    *,
    standalone: bool = True,
    author: str = "resdiff",
    date: str | None = None,
    pdf: bool = False,
    deadline: float | None = None,
    language: str | None = None,
) -> str:
    """The draft as a redline: its front matter, the base text with the routine
    edits made and the reason of each, the edits proposed but not made; in the
    draft's language (or ``language``)."""
    chrome = draft_chrome(draft, language)
    d = build_draft_view(draft, date=date, deadline=deadline, chrome=chrome)
    return _render(
        "draft.html",
        standalone=standalone,
        pdf=pdf,
        chrome=chrome,
        extra_css="draft.css",
        d=d,
        author=author,
    )
