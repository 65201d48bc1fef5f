"""The ``resdiff`` command line: a thin layer over :mod:`diffing` and :mod:`service`.

Every user error prints ``error: <message>`` on stderr and exits with status 2.
"""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

import diffing
from diffing.errors import ResdiffError
from diffing.model import Resolution
from service import ingest
from service.render import render_comparison, render_series

F = TypeVar("F", bound=Callable[..., Any])

TEXT_FORMATS = {"json", "text", "html"}


def _user_errors(func: F) -> F:
    """Turn a ResdiffError into a one-line message and exit status 2."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except ResdiffError as exc:
            click.echo(f"error: {exc.detail}", err=True)
            sys.exit(2)

    return wrapper  # type: ignore[return-value]


def load_document(spec: str) -> Resolution:
    """A path to a file (txt, md, pdf, docx)."""
    return ingest.load(Path(spec))


def _emit(data: bytes, fmt: str, output: str | None) -> None:
    if output:
        Path(output).write_bytes(data)
        click.echo(f"wrote {output} ({len(data):,} bytes)", err=True)
    elif fmt in TEXT_FORMATS:
        click.echo(data.decode("utf-8"), nl=not data.endswith(b"\n"))
    else:
        raise click.UsageError(f"--format {fmt} writes a binary file: give -o FILE")


@click.group()
@click.version_option(package_name="resdiff")
def cli() -> None:
    """resdiff: see what changed between versions of a UN General Assembly resolution."""


@cli.command()
@click.argument("path")
@click.option("--format", "fmt", type=click.Choice(["json", "text"]), default="text")
@_user_errors
def parse(path: str, fmt: str) -> None:
    """Parse a resolution (txt, md, pdf, docx) and print its structure."""
    res = load_document(path)
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


@cli.command()
@click.argument("old")
@click.argument("new")
@click.option(
    "--format", "fmt", type=click.Choice(["json", "text", "html", "pdf", "docx"]), default="text"
)
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write the report here.")
@_user_errors
def compare(old: str, new: str, fmt: str, output: str | None) -> None:
    """Compare two versions OLD and NEW."""
    comparison = diffing.compare(load_document(old), load_document(new))
    _emit(render_comparison(comparison, fmt), fmt, output)


@cli.command()
@click.argument("versions", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["json", "text", "html", "pdf"]), default="text")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write the report here.")
@_user_errors
def series(versions: tuple[str, ...], fmt: str, output: str | None) -> None:
    """Follow every paragraph through a series of versions V1 V2 ... (oldest first)."""
    if len(versions) < 2:
        raise click.UsageError("a series needs at least two versions")
    result = diffing.compare_series([load_document(v) for v in versions])
    _emit(render_series(result, fmt), fmt, output)


def main() -> None:
    cli()


if __name__ == "__main__":
    main()
