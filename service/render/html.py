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
from service.render.view import ChangeView, build_view, trailing_gap, visible_entries
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
    env.globals["label_in_flow"] = label_in_flow
    env.globals["label_lines"] = label_lines
    return env


@functools.cache
def report_css(extra: str | None = None) -> str:
    """The report's stylesheet on screen, and the ``extra`` stylesheet of one kind of
    report ("draft.css", "amendments.css"); the PDF's is :func:`pdf_css`."""
    names = ("report.css", "screen.css")
    css = "\n".join((TEMPLATES / n).read_text(encoding="utf-8") for n in names)
    if extra:
        css += "\n" + (TEMPLATES / extra).read_text(encoding="utf-8")
    return css


@functools.cache
def pdf_css() -> str:
    """The stylesheet of every PDF report: the report's, the paged media's and the
    extras of drafts and amended drafts (their rules name their own classes only).

    WeasyPrint gets it apart from the HTML (:func:`service.render.pdf.html_to_pdf`),
    so that a process parses it once, not at every report."""
    names = ("report.css", "pdf.css", "amendments.css", "draft.css")
    return "\n".join((TEMPLATES / n).read_text(encoding="utf-8") for n in names)


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
    with the ``extra_css`` of one kind of report ("draft.css"). The HTML of a PDF
    carries only the rule that numbers its pages in the chrome's words: WeasyPrint
    gets the stylesheet apart (:func:`pdf_css`)."""
    own = page_css(chrome) if pdf else report_css(extra_css) if standalone else ""
    css = Markup(own)
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


#: characters of a line of a label in the PDF (7.4rem at 7.5 to 8pt: about 20), a little
#: under, so that a label counted short never is
_LABEL_LINE = 18


def label_lines(text: str, per_line: int = _LABEL_LINE) -> int:
    """The lines ``text`` takes at most in a label of the PDF.

    >>> label_lines("PP6 (was PP5)"), label_lines("OP13(a)(iii) (was OP12(b)(ii))")
    (1, 2)
    """
    return max(1, -(-len(text) // per_line))


def _label_rows(c: ChangeView, w: Words, moved_from: str = "") -> int:
    """How many lines the label of a changed paragraph takes in the PDF, at most: the
    id, the badges and tags, the amendments, the verb change and its reason, the
    origin of a move (``moved_from``)."""
    tags = " ".join([w.kind(c.kind), *(w.tag(t) for t in c.tags)])
    rows = label_lines(c.label) + label_lines(tags)
    rows += sum(label_lines(text) for _, text in c.made_by)
    if c.verb_change is not None:
        vc = c.verb_change
        why = w.verdict(vc)
        rows += label_lines(f"{vc.old} → {vc.new} {w.direction(vc.direction)}")
        rows += label_lines(why.partition(": ")[2] or why.partition(" : ")[2])
    return rows + (label_lines(moved_from) if moved_from else 0)


#: characters of text sure to take two lines of the PDF's text (about 90 to a line)
_TWO_LINES = 100


def label_in_flow(c: ChangeView, w: Words, moved_from: str = "") -> bool:
    """Whether the PDF lays the label of a changed paragraph in the flow, at no height
    beside its text (``rd-inflow`` in pdf.css: a float costs WeasyPrint a tenth of a
    report): when it is no taller than its text, one line, or two beside a text of
    two lines at least. A taller label floats, so that its entry grows to hold it."""
    rows = _label_rows(c, w, moved_from)
    chars = sum(len(s.text) for p in c.inline for s in p.segments)
    return rows == 1 or (rows == 2 and chars >= _TWO_LINES)


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
