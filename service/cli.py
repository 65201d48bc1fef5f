"""The ``resdiff`` command line: a thin layer over :mod:`diffing` and :mod:`service`.

Reports come from the pipeline the API uses (:mod:`service.reports`: the same
formats, options, limits and time budget). Every user error prints
``error: <message>`` on stderr and exits with status 2; the warnings of a report
(different languages, versions in the wrong order, a text that does not read as
a resolution...) print as ``warning: <message>`` on stderr, unless the text
report itself goes to the terminal (it starts with them). The text report is in
colour on a terminal (``--color``/``--no-color`` to choose). No web framework is
imported until ``resdiff serve``. What a document holds never reaches the
terminal raw: escape sequences (colours, OSC titles and links) and control
characters (backspace, carriage return, BEL...) are taken out of what is
printed (:func:`printable`) before resdiff adds its own colours, and a JSON
report escapes them.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import re
import sys
import textwrap
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, TypeVar, cast

import click

from diffing.model import Comparison, Precedent, Resolution
from service import config, reports
from service.errors import InvalidRequestError, ResdiffError, UnreadableDocumentError
from service.ingest import extract_text
from service.library import (
    Accounts,
    Library,
    Resolved,
    Retriever,
    Store,
    Viewer,
    open_store,
    symbols,
)
from service.library.amendments import find_draft
from service.library.documents import MAX_MATCHES
from service.pool import local_pool
from service.render.amendments import instruction_label
from service.render.view import percent

F = TypeVar("F", bound=Callable[..., Any])

# an escape sequence (CSI, OSC, DCS/SOS/PM/APC, or ESC and one character), or a control
# character other than tab and newline (C0, DEL, C1)
_CONTROL = re.compile(
    r"\x1b(?:\[[0-?]*[ -/]*[@-~]?|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[PX^_][^\x1b]*(?:\x1b\\)?|.?)"
    r"|[\x00-\x08\x0b-\x1f\x7f-\x9f]",
    re.DOTALL,
)
_C1 = re.compile(r"[\x7f-\x9f]")


def printable(text: str) -> str:
    r"""``text`` without terminal escape sequences and control characters (tab and
    newline stay).

    >>> printable("a\x1b]0;owned\x07b\x08c\x1b[31md\re\x9bf\n")
    'abcdef\n'
    """
    return _CONTROL.sub("", text)


def json_text(text: str) -> str:
    """JSON text (``json.dumps``) for a terminal: JSON escapes the C0 controls, and DEL
    and the C1 controls, which can only stand in its strings, are escaped here too (the
    same data, nothing raw)."""
    return _C1.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def echo(text: str, *, err: bool = False, nl: bool = True) -> None:
    click.echo(printable(text), err=err, nl=nl)


def _user_errors(func: F) -> F:
    """Turn a ResdiffError into a one-line message and exit status 2."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except ResdiffError as exc:
            echo(f"error: {exc.detail}", err=True)
            sys.exit(2)

    return cast(F, wrapper)


def open_database() -> Store:
    """The service's store (the same database as ``resdiff serve``), migrated if needed."""
    settings = config.settings()
    return open_store(
        config.database_url(settings), create=True, cache_bytes=config.cache_bytes(settings)
    )


def library() -> Library:
    """Files, store, mirror and UN system, for the operator (who sees everything);
    the store is opened only when needed."""
    settings = config.settings()
    return Library(
        open_database,
        Retriever.from_settings(settings),
        config.limits_from(settings),
        viewer=Viewer.operator(),
    )


LANG_OPTION = click.option(
    "--lang",
    "language",
    type=click.Choice(symbols.LANGUAGES),
    default="en",
    show_default=True,
    help="Language of the documents given by symbol.",
)


def _report(
    kind: str,
    args: tuple[str, ...],
    fmt: str,
    language: str,
    options: dict[str, str | None],
    session: int | None = None,
) -> reports.Report:
    """The report of the versions ``args`` (files or symbols), as the API makes it."""
    chosen = reports.read_options(kind, options)
    if session is not None:
        chosen = dataclasses.replace(chosen, session=session)
    req = reports.request(kind, fmt, chosen)
    lib = library()
    reports.check_versions(req, len(args), lib.limits)
    versions: list[Resolved] = [lib.resolve_argument(a, language) for a in args]
    pool = local_pool(config.pool_from(config.settings()))
    return reports.produce(req, versions, limits=lib.limits, executor=pool, library=lib)


def _warn(report: reports.Report, shown: bool) -> None:
    """The report's warnings on stderr, unless ``shown`` (the text report holds them)."""
    if shown or report.result is None:
        return
    from service.render.html import comparison_chrome
    from service.render.warnings import comparison_warnings, series_warnings

    result = report.result
    if report.request.kind.name == "compare":
        found, chrome = comparison_warnings(result), comparison_chrome(result)
    else:
        found, chrome = series_warnings(result), comparison_chrome(result.steps[-1])
    for w in found:
        click.secho(f"warning: {w.text(chrome)}", err=True, fg="yellow")


_INSERTED = re.compile(r"\{\+.*?\+\}", re.S)
_DELETED = re.compile(r"\[-.*?-\]", re.S)


def colour(text: str) -> str:
    """The text report with its insertions green, deletions red, warnings yellow.

    >>> colour("a [-b-]{+c+}") == "a " + click.style("[-b-]", fg="red") + click.style("{+c+}", fg="green")
    True
    """
    text = _DELETED.sub(lambda m: click.style(m.group(0), fg="red"), text)
    text = _INSERTED.sub(lambda m: click.style(m.group(0), fg="green"), text)
    lines, warning = [], False
    for line in text.split("\n"):
        warning = line.startswith(_WARNING) or (warning and bool(line.strip()))
        lines.append(click.style(line, fg="yellow", bold=True) if warning else line)
    return "\n".join(lines)


#: how the text report starts a warning, in each language of its chrome
_WARNING = ("WARNING:", "ATTENTION :")


def _emit(data: bytes, fmt: str, output: str | None, color: bool | None = None) -> None:
    if output:
        Path(output).write_bytes(data)
        click.echo(f"wrote {output} ({len(data):,} bytes)", err=True)
    elif fmt == "json":
        click.echo(json_text(data.decode("utf-8")), nl=not data.endswith(b"\n"))
    elif not reports.FORMATS[fmt].binary:
        text = printable(data.decode("utf-8"))
        tty = sys.stdout.isatty() if color is None else color
        if fmt == "text" and tty:
            text = colour(text)
        click.echo(text, nl=not data.endswith(b"\n"), color=tty)
    else:
        raise click.UsageError(f"--format {fmt} writes a binary file: give -o FILE")


def _format_option(kind: str) -> Callable[[F], F]:
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(reports.KINDS[kind].formats),
        default="text",
        show_default=True,
        help="Form of the report.",
    )


VIEW_OPTION = click.option(
    "--view",
    type=click.Choice(reports.VIEWS),
    default="inline",
    show_default=True,
    help="Layout of the html and pdf reports: old and new in one text, or in two columns.",
)
CHANGES_ONLY_OPTION = click.option(
    "--changes-only",
    is_flag=True,
    help="Leave the unchanged paragraphs out (html, pdf, docx; the text report always does).",
)
SUMMARY_ONLY_OPTION = click.option(
    "--summary-only",
    is_flag=True,
    help="Only the documents, the warnings and the list of changes (text, html, pdf).",
)


def _language_choices() -> list[str]:
    from service import i18n

    return list(i18n.available())


REPORT_LANGUAGE_OPTION = click.option(
    "--report-language",
    type=click.Choice(_language_choices()),
    default=None,
    help="Language of the report's own words.  [default: the documents' language]",
)
COLOR_OPTION = click.option(
    "--color/--no-color",
    default=None,
    help="Colour the text report.  [default: when writing to a terminal]",
)


@click.group()
@click.version_option(package_name="resdiff")
def cli() -> None:
    """resdiff: see what changed between versions of a UN General Assembly resolution."""


@cli.command(
    epilog="\b\nExamples:\n  resdiff parse A_RES_73_11_en.pdf\n  resdiff parse A/RES/79/136 --format json"
)
@click.argument("path")
@click.option(
    "--format", "fmt", type=click.Choice(["json", "text"]), default="text", show_default=True
)
@LANG_OPTION
@_user_errors
def parse(path: str, fmt: str, language: str) -> None:
    """Parse a resolution (a file, or a UN symbol) and print its structure.

    The parser's notes (a text that does not read as a resolution) print as
    ``warning:`` lines on stderr."""
    res = library().resolve_argument(path, language).resolution
    for note in res.notes:
        click.secho(f"warning: {note}", err=True, fg="yellow")
    if fmt == "json":
        click.echo(json_text(json.dumps(res.to_dict(), ensure_ascii=False, indent=2)))
        return
    echo(f"{res.symbol or '(no symbol)'}  {res.document_type}  [{res.language}]")
    if res.title:
        echo(res.title)
    for line in _who_and_what(res):
        echo(line)
    for p in res.paragraphs:
        marks = f"  [{', '.join(p.footnotes)}]" if p.footnotes else ""
        echo(f"{p.id:>12}  {p.text}{marks}")
    for ins in res.instructions:
        number = "" if ins.number is None else f"{ins.number}."
        echo(f"{number:>12}  " + ins.text.replace("\n", "\n" + " " * 14))
    for fn in res.footnotes:
        echo(f"{fn.marker:>12}) {fn.text}")


def _who_and_what(res: Resolution) -> list[str]:
    """The header lines of ``parse --format text``: committee, sponsors or submitter,
    the drafts the text is based on, the draft an amendment amends."""
    lines = []
    if res.committee:
        lines.append(f"committee: {res.committee}")
    if res.sponsors:
        lines.append(f"sponsors: {', '.join(res.sponsors)}")
    if res.submitted_by:
        s = res.submitted_by
        who = s.role + (f", {s.name}" if s.name else "") + (f" ({s.country})" if s.country else "")
        lines.append(f"submitted by: {who}")
    if res.based_on:
        lines.append(f"based on: {', '.join(res.based_on)}")
    if res.amends:
        lines.append(f"amends: {res.amends}")
    return lines


COMPARE_EXAMPLES = """\b
Examples:
  resdiff compare A_RES_77_20_en.txt A_RES_79_136_en.txt
  resdiff compare A/RES/77/20 A/RES/79/136 --format pdf -o interpol.pdf
  resdiff compare draft.docx A/RES/79/136 --format docx --changes-only -o changes.docx
  resdiff compare old.pdf new.pdf --format pdf --view side-by-side -o side.pdf
  resdiff compare A/RES/75/10 A/RES/77/20 --lang fr --format html -o fr.html
  resdiff compare old.txt new.txt --summary-only --no-color | less
  resdiff compare A/RES/79/138 A_80_L.18_en.txt --precedents   # with agreed language
"""

SERIES_EXAMPLES = """\b
Examples:
  resdiff series A/RES/73/11 A/RES/75/10 A/RES/77/20 A/RES/79/136
  resdiff series v1.docx v2.docx v3.docx --format pdf -o series.pdf
"""


@cli.command(epilog=COMPARE_EXAMPLES)
@click.argument("old")
@click.argument("new")
@_format_option("compare")
@VIEW_OPTION
@CHANGES_ONLY_OPTION
@SUMMARY_ONLY_OPTION
@REPORT_LANGUAGE_OPTION
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write the report here.")
@LANG_OPTION
@click.option(
    "--precedents",
    is_flag=True,
    help="Show the agreed language of each new or reworded paragraph: the closest"
    " paragraphs of the library (resdiff ingest), adopted no later than NEW.",
)
@COLOR_OPTION
@_user_errors
def compare(
    old: str,
    new: str,
    fmt: str,
    view: str,
    changes_only: bool,
    summary_only: bool,
    report_language: str | None,
    output: str | None,
    language: str,
    color: bool | None,
    precedents: bool,
) -> None:
    """Compare two versions OLD and NEW: files (.txt, .md, .pdf, .docx), or UN symbols
    such as A/RES/73/11 (from the store, the mirror, or the UN system)."""
    options = {
        "view": view,
        "changes_only": "1" if changes_only else None,
        "summary_only": "1" if summary_only else None,
        "language": report_language,
        "precedents": "1" if precedents else None,
    }
    report = _report("compare", (old, new), fmt, language, options)
    _warn(report, shown=fmt == "text" and not output)
    _emit(report.body, fmt, output, color)


@cli.command(epilog=SERIES_EXAMPLES)
@click.argument("versions", nargs=-1, required=True)
@_format_option("series")
@REPORT_LANGUAGE_OPTION
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write the report here.")
@LANG_OPTION
@COLOR_OPTION
@_user_errors
def series(
    versions: tuple[str, ...],
    fmt: str,
    report_language: str | None,
    output: str | None,
    language: str,
    color: bool | None,
) -> None:
    """Follow every paragraph through a series of versions V1 V2 ... (oldest first).

    Each version is a file or a UN symbol."""
    if len(versions) < 2:
        raise click.UsageError("a series needs at least two versions")
    report = _report("series", versions, fmt, language, {"language": report_language})
    _warn(report, shown=fmt == "text" and not output)
    _emit(report.body, fmt, output, color)


@cli.command()
@click.argument("base")
@click.option(
    "--session",
    type=int,
    default=None,
    help="The session the draft is for (default: the next one of the series).",
)
@click.option(
    "--previous",
    metavar="PREV",
    default=None,
    help="The version before BASE (a file or a UN symbol): it tells the series' period and style.",
)
@_format_option("draft")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write the draft here.")
@LANG_OPTION
@COLOR_OPTION
@_user_errors
def draft(
    base: str,
    session: int | None,
    previous: str | None,
    fmt: str,
    output: str | None,
    language: str,
    color: bool | None,
) -> None:
    """Start the next draft of the resolution BASE (a file or a UN symbol such as
    A/RES/77/20): its text with the routine renewal edits made, as tracked changes
    in Word (docx), a redline with their reasons (html, pdf, text), or JSON."""
    versions = (previous, base) if previous else (base,)
    report = _report("draft", versions, fmt, language, {}, session)
    _emit(report.body, fmt, output, color)


@cli.command()
@click.argument("documents", metavar="[DRAFT] AMENDMENT...", nargs=-1, required=True)
@_format_option("amend")
@VIEW_OPTION
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write the report here.")
@click.option(
    "--strict",
    is_flag=True,
    help="Exit with status 2 when an instruction is not applied (the report is written all the same).",
)
@LANG_OPTION
@COLOR_OPTION
@_user_errors
def amend(
    documents: tuple[str, ...],
    fmt: str,
    view: str,
    output: str | None,
    strict: bool,
    language: str,
    color: bool | None,
) -> None:
    """Apply amendments to a draft: the draft as it would read if they passed.

    Give the draft, then its amendments (files or UN symbols such as A/80/L.28);
    without the draft, it is the one the amendments name, from the store, the
    mirror or the UN system. Each instruction not applied is a warning on stderr.
    """
    req = reports.request("amend", fmt, reports.read_options("amend", {"view": view}))
    lib = library()
    reports.check_amendments(max(len(documents) - 1, 1), lib.limits)  # before any is read
    given = [lib.resolve_argument(a, language) for a in documents]
    if given[0].resolution.document_type == "amendment":
        reports.check_amendments(len(given), lib.limits)
        given.insert(0, find_draft(lib, given, documents))
    elif len(given) < 2:
        first = given[0].resolution
        raise InvalidRequestError(
            f"{first.symbol or documents[0]} is a {first.document_type}: give its amendments after it"
        )
    report = reports.produce(req, given, limits=lib.limits)
    _emit(report.body, fmt, output, color)
    result: Comparison = report.result
    for a, i in result.not_applied():
        line = f"{instruction_label(a.symbol, i.number)} not applied ({i.status}): {i.detail}"
        click.echo(f"{'error' if strict else 'warning'}: {line}", err=True)
    if strict and result.not_applied():
        sys.exit(2)


@cli.command()
@click.argument("symbol_list", metavar="SYMBOL...", nargs=-1, required=True)
@LANG_OPTION
@click.option("--offline", is_flag=True, help="Use the local mirror only, not the UN system.")
@_user_errors
def fetch(symbol_list: tuple[str, ...], language: str, offline: bool) -> None:
    """Retrieve documents by UN symbol (mirror, then the UN system) and store them."""
    lib = library()
    for symbol in symbol_list:
        doc = lib.by_symbol(symbol, language, network=not offline)
        echo(
            f"{doc.symbol} ({doc.language}): document {doc.id}, "
            f"{len(doc.structure.get('paragraphs', []))} paragraphs, from {doc.source}"
        )


INGEST_SUFFIXES = {".txt", ".md", ".pdf", ".docx"}


def _expand(paths: tuple[str, ...]) -> list[Path]:
    files: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            files += sorted(f for f in p.iterdir() if f.suffix.lower() in INGEST_SUFFIXES)
        else:
            files.append(p)
    return files


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
def ingest(paths: tuple[str, ...]) -> None:
    """Store many files (or folders of files) in the library, reporting the bad ones at the end.

    Every paragraph of a new document enters the agreed-language index (resdiff
    precedents); a file stored already is skipped. Exits with status 1 when some
    files could not be stored.
    """
    lib = library()
    files = _expand(paths)
    _, before = lib.store.precedent_counts()
    added = known = 0
    failed: list[tuple[Path, str]] = []
    with click.progressbar(
        files, label="ingesting", item_show_func=lambda p: p.name if p else None, file=sys.stderr
    ) as bar:
        for path in _committed(bar, lib.store):
            try:
                if not path.is_file():
                    raise FileNotFoundError("no such file")
                _, created = lib.add(path.read_bytes(), path.name, source="file")
            except (ResdiffError, OSError) as exc:
                failed.append((path, getattr(exc, "detail", None) or str(exc)))
                continue
            added += created
            known += not created
    docs, paragraphs = lib.store.precedent_counts()
    click.echo(
        f"{added} added, {known} already stored, {len(failed)} failed;"
        f" {paragraphs - before:,} paragraphs indexed"
        f" (the library: {paragraphs:,} paragraphs of {docs:,} documents)"
    )
    for path, reason in failed:
        echo(f"error: {path}: {reason}", err=True)
    if failed:
        sys.exit(1)


#: ingest commits after this many files or seconds, whichever comes first (each
#: commit waits for the disk; a writer of the web service waits at most that long)
INGEST_BATCH = (32, 2.0)


def _committed(paths: Iterable[Path], store: Store) -> Iterator[Path]:
    """``paths``, those of each batch stored in one transaction (:data:`INGEST_BATCH`)."""
    most, seconds = INGEST_BATCH
    it = iter(paths)
    while True:
        with store.transaction():
            start = time.monotonic()
            for k, path in enumerate(it, 1):
                yield path
                if k >= most or time.monotonic() - start > seconds:
                    break
            else:
                return


def _query(
    lib: Library, text: str | None, file: str | None, paragraph: str | None, language: str
) -> tuple[str, tuple[list[str], list[str]]]:
    """The paragraph to search for, given as TEXT, --file or --paragraph (exactly one),
    and the ids and symbols of the documents to leave out: the document a --paragraph
    is taken from, and every other copy of it (the text and the PDF of one symbol)."""
    given = [x for x in (text, file, paragraph) if x is not None]
    if len(given) != 1:
        raise click.UsageError("give the paragraph as TEXT, --file F or --paragraph SYMBOL:ID")
    if text is not None:
        return text, ([], [])
    if file is not None:
        path = Path(file)
        if not path.is_file():
            raise UnreadableDocumentError(f"{file}: no such file")
        data = path.read_bytes()
        found, _ = extract_text(data, path.name, max_bytes=lib.limits.file_bytes)
        return found, ([], [])
    assert paragraph is not None
    symbol, _, pid = paragraph.rpartition(":")
    if not symbol or not pid:
        raise InvalidRequestError(
            f"--paragraph takes SYMBOL:ID, such as A/RES/79/136:OP7, not {paragraph!r}"
        )
    doc = lib.by_symbol(symbol, language)
    for p in doc.resolution.paragraphs:
        if p.id == pid:
            return p.text, ([doc.id], [symbol])
    ids = ", ".join(p.id for p in doc.resolution.paragraphs[:12])
    raise InvalidRequestError(f"{doc.symbol} has no paragraph {pid} (its paragraphs: {ids}, ...)")


def _matches_text(found: list[Precedent]) -> str:
    """Each match as a one-line header and the redline from it to the query."""
    if not found:
        return "No paragraph of the library shares a run of words with this one.\n"
    out = []
    for k, p in enumerate(found, 1):
        head = [f"{k}. {p.label}", percent(p.similarity), p.kind]
        if p.adopted:
            head.append(f"adopted {p.adopted}")
        if p.title:
            head.append(p.title if len(p.title) <= 70 else p.title[:69] + "\u2026")
        out.append("  ".join(head))
        out.append(textwrap.indent(_redline(p), "    "))
        out.append("")
    return "\n".join(out)


def _redline(p: Precedent) -> str:
    """``[-the precedent's words-]{+the query's+}``, wrapped."""
    marked = "".join(
        o.new
        if o.op == "equal"
        else (f"[-{o.old}-]" if o.old else "") + (f"{{+{o.new}+}}" if o.new else "")
        for o in p.ops
    )
    return "\n".join(
        textwrap.fill(line, 96, break_on_hyphens=False) for line in marked.splitlines() or [""]
    )


@cli.command()
@click.argument("text", required=False)
@click.option("--file", "file", metavar="F", help="Read the paragraph from this file.")
@click.option(
    "--paragraph",
    metavar="SYMBOL:ID",
    help="A paragraph of a document, such as A/RES/79/136:OP7 (its own document is left out).",
)
@click.option(
    "--limit", default=5, show_default=True, type=click.IntRange(1, MAX_MATCHES), help="Matches."
)
@click.option("--before", metavar="DATE", help="Only documents adopted before this date.")
@click.option(
    "--exclude", metavar="SYMBOL", multiple=True, help="Leave out this document (repeatable)."
)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
@LANG_OPTION
@_user_errors
def precedents(
    text: str | None,
    file: str | None,
    paragraph: str | None,
    limit: int,
    before: str | None,
    exclude: tuple[str, ...],
    fmt: str,
    language: str,
) -> None:
    """Agreed language: the paragraphs of the library closest to a paragraph, best
    first, each with the redline from it to the paragraph given.

    Give the paragraph as TEXT, --file F or --paragraph SYMBOL:ID. The library is
    what `resdiff ingest` and `resdiff fetch` stored."""
    lib = library()
    query, own = _query(lib, text, file, paragraph, language)
    own_id, own_symbol = own
    found = lib.precedents(
        query, limit, before=before, exclude=[*exclude, *own_symbol], exclude_documents=own_id
    )
    if fmt == "json":
        body = {"matches": [p.to_dict() for p in found]}
        click.echo(json.dumps(body, ensure_ascii=False, indent=2))
    else:
        click.echo(_matches_text(found), nl=False)


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
@click.option("--workers", default=2, show_default=True, type=click.IntRange(1, 64))
@click.option("--threads", default=32, show_default=True, type=click.IntRange(1, 256))
@click.option(
    "--no-auth",
    is_flag=True,
    help="Serve an address other than loopback without accounts: anyone who reaches it"
    " reads and deletes every document (every page says so).",
)
@_user_errors
def serve(host: str, port: int, workers: int, threads: int, no_auth: bool) -> None:
    """Run the web service under gunicorn (data in RESDIFF_DATA_DIR, or the database
    of RESDIFF_DATABASE_URL).

    On an address other than loopback it refuses to start without an account
    (resdiff user add NAME --admin) unless --no-auth is given."""
    from service.web.server import run

    run(host=host, port=port, workers=workers, threads=threads, no_auth=no_auth)


# -- accounts and the audit trail -------------------------------------------------------


@cli.group()
def user() -> None:
    """Accounts: once one exists, every request to the service is authenticated."""


def _accounts() -> Accounts:
    return Accounts(open_database(), actor="operator")


@user.command("add")
@click.argument("name")
@click.option(
    "--admin",
    is_flag=True,
    help="May manage accounts, read the audit trail and delete official documents.",
)
@click.option("--group", "groups", multiple=True, help="A delegation or team (repeat for several).")
@click.option(
    "--claim",
    is_flag=True,
    help="Make the documents uploaded or pasted before accounts existed NAME's (else only"
    " the operator sees them).",
)
@_user_errors
def user_add(name: str, admin: bool, groups: tuple[str, ...], claim: bool) -> None:
    """Create the account NAME and print its token (shown this once: stored only as a hash)."""
    account, token = _accounts().add(name, admin=admin, groups=groups, claim=claim)
    role = "admin" if account.admin else "user"
    click.echo(
        f"added {role} {account.name}"
        + (f" ({', '.join(account.groups)})" if account.groups else ""),
        err=True,
    )
    click.echo(
        "token (shown once; sign in with it, or send 'Authorization: Bearer TOKEN'):", err=True
    )
    click.echo(token)


@user.command("list")
@_user_errors
def user_list() -> None:
    """The accounts: name, role, groups, when the token was made."""
    users = _accounts().list()
    if not users:
        click.echo("no account: the service is the single-person local tool", err=True)
    for u in users:
        role = "admin" if u.admin else "user"
        groups = ", ".join(u.groups) or "-"
        click.echo(f"{u.name}\t{role}\tgroups: {groups}\ttoken made {u.token_created}")


@user.command("remove")
@click.argument("name")
@click.option("--yes", "-y", is_flag=True, help="Do not ask for confirmation.")
@_user_errors
def user_remove(name: str, yes: bool) -> None:
    """Remove the account NAME and delete its documents."""
    accounts = _accounts()
    accounts.get(name)  # an unknown name is an error before any question
    question = f"Remove {name} and delete their documents (and the reports made from them)?"
    if not yes:
        click.confirm(question, abort=True)
    deleted = accounts.remove(name)
    click.echo(f"removed {name} and {deleted} document{'' if deleted == 1 else 's'}", err=True)


@user.command("token")
@click.argument("name")
@_user_errors
def user_token(name: str) -> None:
    """Give NAME a new token (printed once); the old one and its sessions stop working."""
    token = _accounts().rotate(name)
    click.echo(f"new token of {name} (shown once; the old one no longer works):", err=True)
    click.echo(token)


@cli.command()
@click.option("--user", "actor", help="Only what this user did.")
@click.option("--document", help="Only what was done to this document (its id).")
@click.option("--limit", default=50, show_default=True, type=click.IntRange(1, 10_000))
@_user_errors
def audit(actor: str | None, document: str | None, limit: int) -> None:
    """The audit trail, newest first: who added, read, shared, compared and deleted
    which document, and the changes of accounts."""
    entries = library().audit_trail(limit=limit, actor=actor, document=document)
    if not entries:
        echo(
            "no entry in the audit trail" + (" for these filters" if actor or document else ""),
            err=True,
        )
    for e in entries:
        echo(f"{e.at}  {e.actor}  {e.action}  {e.document or '-'}  {e.detail or ''}".rstrip())


def main() -> None:
    """The ``resdiff`` command: a mistake in the command line is one line too,
    ``error: ...`` with the command's ``--help`` to read, status 2."""
    try:
        code = cli.main(standalone_mode=False)
    except click.UsageError as exc:
        where = exc.ctx.command_path if exc.ctx else "resdiff"
        echo(f"error: {exc.format_message()} (see '{where} --help')", err=True)
        sys.exit(2)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except click.Abort:
        echo("aborted", err=True)
        sys.exit(1)
    sys.exit(code if isinstance(code, int) else 0)


if __name__ == "__main__":
    main()
