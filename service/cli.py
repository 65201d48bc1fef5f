"""The ``resdiff`` command line: a thin layer over :mod:`diffing` and :mod:`service`.

Reports come from the pipeline the API uses (:mod:`service.reports`: the same
formats, options, limits and time budget). Every user error prints
``error: <message>`` on stderr and exits with status 2; the warnings of a report
(different languages, versions in the wrong order, a text that does not read as
a resolution...) print as ``warning: <message>`` on stderr, unless the text
report itself goes to the terminal (it starts with them). The text report is in
colour on a terminal (``--color``/``--no-color`` to choose). No web framework is
imported until ``resdiff serve``.
"""

from __future__ import annotations

import functools
import json
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar, cast

import click

from service import config, reports
from service.errors import ResdiffError
from service.library import Library, Resolved, Retriever, Store, open_store, symbols

F = TypeVar("F", bound=Callable[..., Any])


def _user_errors(func: F) -> F:
    """Turn a ResdiffError into a one-line message and exit status 2."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except ResdiffError as exc:
            click.echo(f"error: {exc.detail}", err=True)
            sys.exit(2)

    return cast(F, wrapper)


def library() -> Library:
    """Files, store, mirror and UN system; the store is opened only when needed."""
    settings = config.settings()

    def open_database() -> Store:
        """The service's store (the same database as ``resdiff serve``)."""
        return open_store(config.database_path(settings), create=True)

    return Library(open_database, Retriever.from_settings(settings), config.limits_from(settings))


LANG_OPTION = click.option(
    "--lang",
    "language",
    type=click.Choice(symbols.LANGUAGES),
    default="en",
    show_default=True,
    help="Language of the documents given by symbol.",
)


def _report(
    kind: str, args: tuple[str, ...], fmt: str, language: str, options: dict[str, str | None]
) -> reports.Report:
    """The report of the versions ``args`` (files or symbols), as the API makes it."""
    req = reports.request(kind, fmt, reports.read_options(kind, options))
    lib = library()
    reports.check_versions(req, len(args), lib.limits)
    versions: list[Resolved] = [lib.resolve_argument(a, language) for a in args]
    return reports.produce(req, versions, limits=lib.limits)


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
    elif not reports.FORMATS[fmt].binary:
        text = data.decode("utf-8")
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
        click.echo(json.dumps(res.to_dict(), ensure_ascii=False, indent=2))
        return
    click.echo(f"{res.symbol or '(no symbol)'}  {res.document_type}  [{res.language}]")
    if res.title:
        click.echo(res.title)
    for p in res.paragraphs:
        marks = f"  [{', '.join(p.footnotes)}]" if p.footnotes else ""
        click.echo(f"{p.id:>12}  {p.text}{marks}")
    for fn in res.footnotes:
        click.echo(f"{fn.marker:>12}) {fn.text}")


COMPARE_EXAMPLES = """\b
Examples:
  resdiff compare A_RES_77_20_en.txt A_RES_79_136_en.txt
  resdiff compare A/RES/77/20 A/RES/79/136 --format pdf -o interpol.pdf
  resdiff compare draft.docx A/RES/79/136 --format docx --changes-only -o changes.docx
  resdiff compare old.pdf new.pdf --format pdf --view side-by-side -o side.pdf
  resdiff compare A/RES/75/10 A/RES/77/20 --lang fr --format html -o fr.html
  resdiff compare old.txt new.txt --summary-only --no-color | less
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
) -> None:
    """Compare two versions OLD and NEW: files (.txt, .md, .pdf, .docx), or UN symbols
    such as A/RES/73/11 (from the store, the mirror, or the UN system)."""
    options = {
        "view": view,
        "changes_only": "1" if changes_only else None,
        "summary_only": "1" if summary_only else None,
        "language": report_language,
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
@click.argument("symbol_list", metavar="SYMBOL...", nargs=-1, required=True)
@LANG_OPTION
@click.option("--offline", is_flag=True, help="Use the local mirror only, not the UN system.")
@_user_errors
def fetch(symbol_list: tuple[str, ...], language: str, offline: bool) -> None:
    """Retrieve documents by UN symbol (mirror, then the UN system) and store them."""
    lib = library()
    for symbol in symbol_list:
        doc = lib.by_symbol(symbol, language, network=not offline)
        click.echo(
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

    Exits with status 1 when some files could not be stored.
    """
    lib = library()
    files = _expand(paths)
    added = known = 0
    failed: list[tuple[Path, str]] = []
    with click.progressbar(
        files, label="ingesting", item_show_func=lambda p: p.name if p else None, file=sys.stderr
    ) as bar:
        for path in bar:
            try:
                if not path.is_file():
                    raise FileNotFoundError("no such file")
                _, created = lib.add(path.read_bytes(), path.name, source="file")
            except (ResdiffError, OSError) as exc:
                failed.append((path, getattr(exc, "detail", None) or str(exc)))
                continue
            added += created
            known += not created
    click.echo(f"{added} added, {known} already stored, {len(failed)} failed")
    for path, reason in failed:
        click.echo(f"error: {path}: {reason}", err=True)
    if failed:
        sys.exit(1)


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
@click.option("--workers", default=2, show_default=True, type=click.IntRange(1, 64))
@click.option("--threads", default=4, show_default=True, type=click.IntRange(1, 64))
def serve(host: str, port: int, workers: int, threads: int) -> None:
    """Run the web service under gunicorn (data in RESDIFF_DATA_DIR)."""
    from service.web.server import run

    run(host=host, port=port, workers=workers, threads=threads)


def main() -> None:
    cli()


if __name__ == "__main__":
    main()
