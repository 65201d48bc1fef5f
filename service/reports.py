"""The one report pipeline: every report of the API, the web pages and the CLI is made here.

A *kind* of report (:class:`Kind`: a comparison of two versions, a series of
several, the next draft of a resolution, a draft with its amendments applied) is computed by
the engine and rendered in a *format*
(:data:`FORMATS`: json, text, html, pdf, docx, with its media type) with
*options* (:class:`Options`: the view of html and pdf, changes only, summary
only, the language of the chrome...). :data:`KINDS` says
once which kind exists in which format with which options, so a new kind or
format is one entry there. :func:`request` checks what a caller asks for
(400 otherwise) and :func:`produce` makes it:

* limits: the number of versions (:func:`check_versions`) and their words
  together (:func:`~service.library.documents.check_comparison`);
* the time budget, ``limits.compare_seconds`` (``RESDIFF_COMPARE_SECONDS``),
  counted from the start of the work and shared by the comparison and its
  rendering, whatever the format: the engine checks the deadline in its loops
  (:mod:`diffing.budget`), the html renderer between paragraphs, and the PDF
  and Word reports are made by a process of the pool (:mod:`service.pool`),
  killed when the budget runs out; the wait for that process does not count
  (past ``RESDIFF_QUEUE_SECONDS`` of waiting: 503 with ``Retry-After``). Past
  the budget the answer is 413 ``comparison-too-large`` and the worker is
  free again;
* the cache: given one (the library of the request), a report is kept under a
  digest of the parsed structures, the kind, format and options, and the
  fingerprint of the code that made it (:mod:`service.library.fingerprint`), so
  the same request is computed once however its documents were given; the
  library keeps it for everyone when all its documents are official, else for
  the viewer alone, and records which documents it came from;
* agreed language (the option ``precedents`` of a comparison): every paragraph the
  new version words anew carries the closest paragraphs of the library the
  viewer sees (:func:`find_precedents`), leaving out the two documents compared
  and whatever was adopted after the new version. Such a report depends on the
  library: it is cached under the index's generation, for everyone only when the
  viewer sees nothing but official documents, and with the documents its
  precedents came from among its sources.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime
import hashlib
import json
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, Protocol, TypeVar

import diffing
from diffing import precedents as agreed
from diffing.budget import EXCEEDED
from diffing.model import (
    Comparison,
    ComparisonDict,
    Precedent,
    Resolution,
    Series,
    SeriesDict,
)
from diffing.renewal import Draft
from diffing.renewal.result import DraftDict
from service import i18n
from service.config import Limits
from service.errors import ComparisonTooLargeError, InvalidRequestError
from service.library.documents import QUERY_WORDS, Resolved, check_comparison
from service.library.fingerprint import reports_fingerprint
from service.library.symbols import file_stem, is_symbol, normalise
from service.pool import Executor, Inline, TaskTimeout
from service.render.html import VIEWS, View, render_comparison_html, render_series_html

__all__ = [
    "FORMATS",
    "KINDS",
    "READER_OPTIONS",
    "VIEWS",
    "Budget",
    "Format",
    "Kind",
    "Options",
    "PrecedentSource",
    "Report",
    "ReportCache",
    "Request",
    "check_amendments",
    "check_versions",
    "find_precedents",
    "produce",
    "read_options",
    "render",
    "render_comparison",
    "render_series",
    "request",
    "time_budget",
]

R = TypeVar("R")


@dataclass(frozen=True)
class Format:
    """An output format: its media type; ``binary`` ones are files, not text."""

    name: str
    media_type: str
    binary: bool = False
    #: offered as a download on the report page
    download: bool = False


#: every output format, in the order they are offered
FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format("json", "application/json", download=True),
        Format("text", "text/plain; charset=utf-8"),
        Format("html", "text/html; charset=utf-8"),
        Format("pdf", "application/pdf", binary=True, download=True),
        Format(
            "docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            binary=True,
            download=True,
        ),
    )
}


@dataclass(frozen=True)
class Options:
    """What a reader chooses about a report besides its format.

    ``view``: the layout of a comparison in html and pdf (:data:`VIEWS`);
    ``changes_only``: leave the unchanged paragraphs out (html, pdf, docx, text);
    ``summary_only``: the header, the warnings and the change list, no text (html,
    pdf, text); ``language``: the language of resdiff's own words (the chrome), by
    default the documents' (:func:`service.i18n.chrome_language`); ``author`` and
    ``date`` (ISO 8601) sign the tracked changes of the docx and date the html and
    pdf; ``standalone`` false makes the html a fragment for the web page (no inline
    style or script); ``session``: the session a draft is for (None: the next one
    of the series); ``precedents``: a comparison shows the agreed language of each
    new or reworded paragraph. Each kind says which options apply to which format; the others
    keep their defaults (so they never split the cache).
    """

    view: View = "inline"
    author: str = "resdiff"
    date: str | None = None
    changes_only: bool = False
    summary_only: bool = False
    language: str | None = None
    standalone: bool = True
    session: int | None = None
    precedents: bool = False

    def __post_init__(self) -> None:
        if self.view not in VIEWS:
            raise InvalidRequestError(f"unknown view {self.view!r}: use one of {', '.join(VIEWS)}")
        if type(self.precedents) is not bool:
            raise InvalidRequestError(f"precedents must be true or false, not {self.precedents!r}")
        if self.language is not None and self.language not in i18n.available():
            raise InvalidRequestError(
                f"unknown report language {self.language!r}:"
                f" use one of {', '.join(i18n.available())}"
            )
        if self.session is not None and not (
            type(self.session) is int and 1 <= self.session <= MAX_SESSION
        ):
            raise InvalidRequestError(
                f"session must be a session number from 1 to {MAX_SESSION}, not {self.session!r}"
            )


#: the options a reader may give by name (a query parameter, a form field, a CLI option)
READER_OPTIONS = ("view", "changes_only", "summary_only", "language", "precedents")
#: the options that are yes or no, and how a reader may say yes or no
_FLAGS = frozenset({"changes_only", "summary_only", "precedents"})
_YES, _NO = frozenset({"1", "true", "yes", "on"}), frozenset({"0", "false", "no", "off", ""})


def _flag(name: str, value: str) -> bool:
    v = value.strip().lower()
    if v in _YES or v in _NO:
        return v in _YES
    raise InvalidRequestError(f"{name} must be true or false, not {value!r}")


#: the highest session a draft may be for (ordinals are written up to 199)
MAX_SESSION = 199


def read_options(kind: str, given: Mapping[str, str | None]) -> Options:
    """The :data:`READER_OPTIONS` in ``given`` that some format of ``kind`` takes,
    checked (400); the others are ignored."""
    spec = KINDS.get(kind)
    taken: set[str] = set().union(*spec.options.values()) if spec else set()
    values: dict[str, Any] = {}
    for name in READER_OPTIONS:
        value = given.get(name)
        if name not in taken or value is None:
            continue
        if name in _FLAGS:
            values[name] = _flag(name, value)
        elif value:
            values[name] = value.lower()
    return Options(**values)


@dataclass(frozen=True)
class Budget:
    """The time a rendering has: ``deadline`` (a :func:`time.monotonic` value, or None
    for no budget), and where the PDF and Word reports are made."""

    deadline: float | None = None
    executor: Executor = field(default_factory=Inline)

    def seconds(self, doing: str) -> float | None:
        """The seconds left for a job of the pool (413 when none is left)."""
        if self.deadline is None:
            return None
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise ComparisonTooLargeError(f"{EXCEEDED} while {doing}")
        return left

    def run(self, task: str, *args: Any, doing: str, advice: str = "") -> bytes:
        """Job ``task`` in the pool, within the time left; past it, 413 that says
        what was being done (and what to ask for instead)."""
        seconds = self.seconds(doing)
        try:
            body: bytes = self.executor.run(task, *args, seconds=seconds, what=doing)
        except TaskTimeout:
            raise ComparisonTooLargeError(f"{EXCEEDED} while {doing}{advice}") from None
        return body


#: renders a result in one format
Renderer = Callable[[R, Options, Budget], bytes]


@dataclass(frozen=True)
class Kind(Generic[R]):
    """A kind of report: how many versions it takes, how the engine computes it,
    and its renderer for each format it exists in."""

    name: str
    #: what a person calls one ("comparison")
    noun: str
    #: the result of the versions (oldest first), with the options, within the deadline
    compute: Callable[[list[Resolution], Options, float | None], R]
    renderers: Mapping[str, Renderer[R]]
    #: the options each format takes (the names of :class:`Options` fields)
    options: Mapping[str, frozenset[str]] = field(default_factory=dict)
    min_versions: int = 2
    #: the most versions it takes (None: the ``series`` limit)
    max_versions: int | None = 2
    #: the typed dictionary of its JSON (what the OpenAPI document publishes)
    contract: Any = None
    #: the name of its files from the names of its versions ("A_RES_73_11_vs_A_RES_75_10")
    file_stem: Callable[[Sequence[str]], str] = "_vs_".join

    @property
    def formats(self) -> tuple[str, ...]:
        return tuple(f for f in FORMATS if f in self.renderers)


def _json(result: Comparison | Series, options: Options, budget: Budget) -> bytes:
    return json.dumps(result.to_dict(), ensure_ascii=False, indent=2).encode()


def _pdf(html: str, budget: Budget, quicker: Sequence[str]) -> bytes:
    """The PDF of a report's HTML, from a pool process; past the budget the answer
    advises the ``quicker`` formats the kind of report offers."""
    shown = " or ".join(quicker)
    advice = (
        f": ask for the {shown} report, which {'are' if len(quicker) > 1 else 'is'} much quicker"
    )
    return budget.run("pdf", html, doing="rendering the PDF report", advice=advice)


def _comparison_text(c: Comparison, o: Options, budget: Budget) -> bytes:
    from service.render.text import render_comparison_text

    return render_comparison_text(
        c, language=o.language, changes_only=o.changes_only, summary_only=o.summary_only
    ).encode()


def _comparison_html(c: Comparison, o: Options, budget: Budget, *, pdf: bool = False) -> str:
    return render_comparison_html(
        c,
        view=o.view,
        author=o.author,
        date=o.date,
        pdf=pdf,
        deadline=budget.deadline,
        language=o.language,
        changes_only=o.changes_only,
        summary_only=o.summary_only,
        standalone=o.standalone or pdf,
    )


def _comparison_docx(c: Comparison, o: Options, budget: Budget) -> bytes:
    return budget.run(
        "docx",
        c,
        o.author,
        o.date,
        o.language,
        o.changes_only,
        doing="writing the Word report",
    )


def _draft(versions: list[Resolution], o: Options, deadline: float | None) -> Draft:
    """The next draft of the last version (the base), the one before it (if given)
    telling the series' period and style."""
    previous = versions[0] if len(versions) > 1 else None
    return diffing.next_draft(versions[-1], o.session, previous=previous, deadline=deadline)


def _draft_html(d: Draft, o: Options, budget: Budget, *, pdf: bool = False) -> str:
    from service.render.html import render_draft_html

    return render_draft_html(
        d,
        author=o.author,
        date=o.date,
        pdf=pdf,
        deadline=budget.deadline,
        standalone=o.standalone or pdf,
    )


def _draft_text(d: Draft, o: Options, budget: Budget) -> bytes:
    from service.render.text import render_draft_text

    return render_draft_text(d, date=o.date).encode()


def _draft_docx(d: Draft, o: Options, budget: Budget) -> bytes:
    return budget.run("draft-docx", d, o.author, o.date, doing="writing the Word draft")


def _amend(versions: list[Resolution], o: Options, deadline: float | None) -> Comparison:
    """The draft (the first version) against the draft as the amendments after it amend it."""
    return diffing.apply_amendments(versions[0], versions[1:], deadline=deadline)


def _amended_stem(names: Sequence[str]) -> str:
    return f"{names[0]}_amended_by_{'_'.join(names[1:])}"


def _series_text(s: Series, o: Options, budget: Budget) -> bytes:
    from service.render.text import render_series_text

    return render_series_text(s, language=o.language).encode()


def _series_html(s: Series, o: Options, budget: Budget, *, pdf: bool = False) -> str:
    return render_series_html(
        s,
        date=o.date,
        pdf=pdf,
        deadline=budget.deadline,
        language=o.language,
        standalone=o.standalone or pdf,
    )


_SIGNED = frozenset({"author", "date"})
#: the options of a comparison's text: what to leave out, the chrome's language
_READING = frozenset({"changes_only", "summary_only", "language"})
_SESSION = frozenset({"session"})
_AGREED = frozenset({"precedents"})

#: a comparison's reports, the same whether its new version is a later text or a draft
#: as its amendments amend it
_COMPARISON_RENDERERS: dict[str, Renderer[Comparison]] = {
    "json": _json,
    "text": _comparison_text,
    "html": lambda c, o, b: _comparison_html(c, o, b).encode(),
    "pdf": lambda c, o, b: _pdf(_comparison_html(c, o, b, pdf=True), b, ("html", "docx")),
    "docx": _comparison_docx,
}

#: every kind of report: the one place that says what exists
KINDS: dict[str, Kind[Any]] = {
    "compare": Kind[Comparison](
        name="compare",
        noun="comparison",
        compute=lambda v, o, deadline: diffing.compare(v[0], v[1], deadline=deadline),
        renderers=_COMPARISON_RENDERERS,
        options={
            "json": _AGREED,
            "text": _READING | _AGREED,
            "html": _SIGNED | _READING | _AGREED | {"view", "standalone"},
            "pdf": _SIGNED | _READING | _AGREED | {"view"},
            "docx": _SIGNED | _AGREED | {"changes_only", "language"},
        },
        contract=ComparisonDict,
    ),
    "series": Kind[Series](
        name="series",
        noun="series",
        compute=lambda v, o, deadline: diffing.compare_series(v, deadline=deadline),
        renderers={
            "json": _json,
            "text": _series_text,
            "html": lambda s, o, b: _series_html(s, o, b).encode(),
            "pdf": lambda s, o, b: _pdf(_series_html(s, o, b, pdf=True), b, ("html",)),
        },
        options={
            "text": frozenset({"language"}),
            "html": frozenset({"date", "language", "standalone"}),
            "pdf": frozenset({"date", "language"}),
        },
        max_versions=None,
        contract=SeriesDict,
    ),
    "draft": Kind[Draft](
        name="draft",
        noun="draft",
        compute=_draft,
        renderers={
            "json": _json,
            "text": _draft_text,
            "html": lambda d, o, b: _draft_html(d, o, b).encode(),
            "pdf": lambda d, o, b: _pdf(_draft_html(d, o, b, pdf=True), b, ("html", "docx")),
            "docx": _draft_docx,
        },
        options={
            "json": _SESSION,
            "text": _SESSION | {"date"},
            "html": _SESSION | _SIGNED | {"standalone"},
            "pdf": _SESSION | _SIGNED,
            "docx": _SESSION | _SIGNED,
        },
        min_versions=1,
        contract=DraftDict,
        file_stem=lambda names: f"draft_from_{names[-1]}",
    ),
    # the draft, then its amendments: the draft against the draft as amended, a
    # comparison whose reports show the amendments and the fate of each instruction
    "amend": Kind[Comparison](
        name="amend",
        noun="draft with amendments",
        compute=_amend,
        renderers=_COMPARISON_RENDERERS,
        # the Word revisions are signed by each amendment's sponsors, not by ``author``
        options={
            "html": _SIGNED | {"view", "standalone"},
            "pdf": _SIGNED | {"view"},
            "docx": frozenset({"date"}),
        },
        max_versions=None,
        contract=ComparisonDict,
        file_stem=_amended_stem,
    ),
}


# -- a request and its report ---------------------------------------------------------


@dataclass(frozen=True)
class Request:
    """A checked request: a kind, one of its formats, the options that apply to it."""

    kind: Kind[Any]
    format: Format
    options: Options

    @property
    def media_type(self) -> str:
        return self.format.media_type


def request(kind: str, fmt: str | None = None, options: Options | None = None) -> Request:
    """The request for a ``kind`` of report in ``fmt`` (default json), checked (400
    otherwise); the options that do not apply to that format are dropped."""
    spec = KINDS.get(kind)
    if spec is None:
        raise InvalidRequestError(f"unknown kind of report {kind!r}: use one of {', '.join(KINDS)}")
    name = (fmt or "json").lower()
    if name not in spec.renderers:
        raise InvalidRequestError(
            f"unknown format {name!r} for a {spec.noun}: use one of {', '.join(spec.formats)}"
        )
    options = options or Options()
    applies = spec.options.get(name, frozenset())
    kept = {
        f.name: getattr(options, f.name) for f in dataclasses.fields(Options) if f.name in applies
    }
    return Request(spec, FORMATS[name], Options(**kept))


def check_versions(req: Request, count: int, limits: Limits) -> None:
    """Refuse a number of versions the kind does not take (400), before any is read."""
    low = req.kind.min_versions
    high = req.kind.max_versions or limits.series
    if low == high and count != low:
        raise InvalidRequestError(f"a {req.kind.noun} needs {low} documents, not {count}")
    if not low <= count <= high:
        raise InvalidRequestError(
            f"a {req.kind.noun} needs between {low} and {high} documents, not {count}"
        )


def check_amendments(count: int, limits: Limits) -> None:
    """Refuse a draft without amendments, or with more than the limit of versions allows
    (``RESDIFF_MAX_SERIES``, the draft included), before any is read (400)."""
    if count < 1:
        raise InvalidRequestError("give at least one amendment")
    if count + 1 > limits.series:
        raise InvalidRequestError(
            f"at most {limits.series - 1} amendments to a draft at a time, not {count}"
        )


@dataclass(frozen=True)
class Report:
    """A rendered report, whether it came from the cache, and the result it renders
    when it was computed (None from the cache)."""

    body: bytes
    cached: bool
    request: Request
    versions: Sequence[Resolved]
    result: Any = None

    @property
    def filename(self) -> str:
        """``resdiff_A_RES_73_11_vs_A_RES_75_10.pdf`` (symbols are validated, so safe)."""
        names = []
        for i, v in enumerate(self.versions, 1):
            sym = v.resolution.symbol
            names.append(file_stem(sym) if sym and is_symbol(sym) else f"version{i}")
        return f"resdiff_{self.request.kind.file_stem(names)}.{self.request.format.name}"


class ReportCache(Protocol):
    """Where reports are kept: a :class:`~service.library.Library`, which serves a
    cached report only to a viewer who may see every document it was made from."""

    def cached_report(
        self,
        kind: str,
        key: str,
        fmt: str,
        versions: Sequence[Resolved],
        *,
        precedents: bool = False,
    ) -> bytes | None: ...
    def keep_report(
        self,
        key: str,
        fmt: str,
        versions: Sequence[Resolved],
        body: bytes,
        *,
        precedents: Sequence[str] | None = None,
    ) -> None: ...


class PrecedentSource(Protocol):
    """Where agreed language is looked up: a :class:`~service.library.Library`, which
    searches the documents its viewer sees."""

    def precedents(
        self,
        text: str,
        limit: int = 5,
        *,
        before: str | datetime.date | None = None,
        exclude: Sequence[str] = (),
        exclude_documents: Sequence[str] = (),
    ) -> list[Precedent]: ...
    def precedent_state(self) -> str: ...


def produce(
    req: Request,
    versions: Sequence[Resolved],
    *,
    limits: Limits,
    cache: ReportCache | None = None,
    executor: Executor | None = None,
    library: PrecedentSource | None = None,
) -> Report:
    """The report of ``versions`` (oldest first) that ``req`` asks for, from ``cache``
    when it is there, else computed and rendered within the time budget (the PDF and
    Word reports by ``executor``: the calling process by default). A report with
    ``precedents`` looks them up in ``library``."""
    start = time.monotonic()
    check_versions(req, len(versions), limits)
    fmt = req.format.name
    agreed_in = _precedent_source(req, library)
    key = _cache_key(req, versions, agreed_in.precedent_state() if agreed_in else None)
    if cache is not None:
        cached = cache.cached_report(
            req.kind.name, key, fmt, versions, precedents=agreed_in is not None
        )
        if cached is not None:
            return Report(cached, True, req, versions)
    check_comparison(versions, limits)
    used: list[str] | None = None
    with time_budget(limits, start) as deadline:
        result = req.kind.compute([v.resolution for v in versions], req.options, deadline)
        if agreed_in is not None:
            used = find_precedents(result, versions, agreed_in, deadline)
        body = req.kind.renderers[fmt](result, req.options, Budget(deadline, executor or Inline()))
    if cache is not None:
        cache.keep_report(key, fmt, versions, body, precedents=used)
    return Report(body, False, req, versions, result)


def _precedent_source(req: Request, library: PrecedentSource | None) -> PrecedentSource | None:
    """The library a report looks up agreed language in, if it asks for it."""
    if not req.options.precedents:
        return None
    if library is None:
        raise InvalidRequestError("agreed language is looked up in a library: none was given")
    return library


def _symbol_of(v: Resolved) -> str | None:
    """The UN symbol of a compared version (its stored one, else the one printed)."""
    symbol = v.document.symbol if v.document is not None else None
    symbol = symbol or v.resolution.symbol
    return normalise(symbol) if symbol and is_symbol(symbol) else None


def _on_or_before(adopted: str | None) -> str | None:
    """The ``before`` that keeps what was adopted up to ``adopted`` (None: any date)."""
    try:
        day = datetime.date.fromisoformat(adopted) if adopted else None
    except ValueError:
        return None
    return (day + datetime.timedelta(days=1)).isoformat() if day else None


def find_precedents(
    comparison: Comparison,
    versions: Sequence[Resolved],
    library: PrecedentSource,
    deadline: float | None = None,
) -> list[str]:
    """Give each new or reworded paragraph of ``comparison`` its agreed language
    (:func:`diffing.precedents.attach`): the best matches in ``library``, leaving out
    the documents compared (by id and by symbol) and whatever was adopted after the
    new version (nothing by date when the new version has no adoption date, such as
    a draft). The ids of the documents the precedents came from."""
    ids = [v.document.id for v in versions if v.document is not None]
    symbols = sorted({s for s in map(_symbol_of, versions) if s})
    before = _on_or_before(comparison.new.adopted)

    def find(text: str) -> list[Precedent]:
        if not text.strip() or len(text.split()) > QUERY_WORDS:  # nothing, or no paragraph
            return []
        return library.precedents(
            text, agreed.PER_CHANGE, before=before, exclude=symbols, exclude_documents=ids
        )

    agreed.attach(comparison, find, deadline=deadline)
    found = [p.document for c in comparison.changes for p in c.precedents or () if p.document]
    return list(dict.fromkeys(found))


def render(
    kind: str, result: Any, fmt: str, options: Options | None = None, budget: Budget | None = None
) -> bytes:
    """A computed comparison, series, draft or amended draft in ``fmt`` (no cache, no limits:
    ``budget`` only)."""
    req = request(kind, fmt, options)
    return req.kind.renderers[req.format.name](result, req.options, budget or Budget())


def render_comparison(
    comparison: Comparison,
    fmt: str,
    *,
    view: View = "inline",
    author: str = "resdiff",
    date: str | None = None,
    **options: Any,
) -> bytes:
    """One comparison in ``fmt``: ``render("compare", ...)`` with its options spelt out
    (``changes_only``, ``summary_only``, ``language``... as :class:`Options` names them)."""
    return render(
        "compare", comparison, fmt, Options(view=view, author=author, date=date, **options)
    )


def render_series(series: Series, fmt: str, *, date: str | None = None, **options: Any) -> bytes:
    """One series in ``fmt``: ``render("series", ...)``."""
    return render("series", series, fmt, Options(date=date, **options))


@contextlib.contextmanager
def time_budget(limits: Limits, start: float | None = None) -> Iterator[float]:
    """The deadline of one report, ``limits.compare_seconds`` after ``start`` (now by
    default); a budget error raised inside names the budget:
    "comparison exceeded its time budget of 20 s while ..." (413)."""
    try:
        yield (time.monotonic() if start is None else start) + limits.compare_seconds
    except ComparisonTooLargeError as e:
        detail = e.detail
        if detail.startswith(EXCEEDED):
            budget = f"{limits.compare_seconds:g}"
            detail = f"{EXCEEDED} of {budget} s{detail[len(EXCEEDED) :]}"
        raise ComparisonTooLargeError(detail) from None


def _cache_key(req: Request, versions: Sequence[Resolved], library: str | None = None) -> str:
    """The digest a report is cached under; ``library``: the state of the library a
    report with agreed language was made from."""
    options = {k: v for k, v in dataclasses.asdict(req.options).items() if v is not None}
    if not options.get("precedents"):
        options.pop("precedents", None)  # the keys of reports without it stay as they were
    what = [
        reports_fingerprint(),
        req.kind.name,
        [v.key for v in versions],
        req.format.name,
        options,
    ]
    if library is not None:
        what.append(library)
    canonical = json.dumps(what, sort_keys=True)
    return hashlib.sha256(canonical.encode()).hexdigest()[:32]
