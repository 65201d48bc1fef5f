"""The jobs a pool process runs, by name, and its warm-up.

Each job takes its arguments and ``deadline`` (a :func:`time.monotonic` value
of the process that runs it, or None): the jobs that can stop on their own
check it (the Word writer, the budgeted steps of reading); the pool kills a
process whose job outlives its budget anyway.
"""

from __future__ import annotations

import time
from typing import Any

from diffing.model import Comparison, Resolution
from diffing.renewal import Draft
from service.config import Limits

__all__ = ["TASKS", "run", "warm"]


def _pdf(html: str, *, deadline: float | None) -> bytes:
    from service.render.pdf import html_to_pdf

    return html_to_pdf(html)


def _docx(
    comparison: Comparison,
    author: str,
    date: str | None,
    language: str | None = None,
    changes_only: bool = False,
    *,
    deadline: float | None,
) -> bytes:
    from service.render.docx import render_comparison_docx

    return render_comparison_docx(
        comparison,
        author=author,
        date=date,
        deadline=deadline,
        language=language,
        changes_only=changes_only,
    )


def _draft_docx(draft: Draft, author: str, date: str | None, *, deadline: float | None) -> bytes:
    from service.render.draft_docx import render_draft_docx

    return render_draft_docx(draft, author=author, date=date, deadline=deadline)


def _read(
    data: bytes, name: str, limits: Limits, *, deadline: float | None
) -> tuple[Resolution, int]:
    from service.library.reading import read_file

    return read_file(data, name, limits)


def _parse(
    text: str, name: str, limits: Limits, *, deadline: float | None
) -> tuple[Resolution, int]:
    from service.library.reading import read_text

    return read_text(text, name, limits)


def _ping(pause: float = 0.0, *, deadline: float | None) -> str:
    """``pong``, after ``pause`` seconds (at most 10: the tests' stand-in for a long job)."""
    time.sleep(min(max(pause, 0.0), 10.0))
    return "pong"


#: every job by name
TASKS: dict[str, Any] = {
    "pdf": _pdf,
    "docx": _docx,
    "draft-docx": _draft_docx,
    "read": _read,
    "parse": _parse,
    "ping": _ping,
}


def run(task: str, args: tuple[Any, ...], deadline: float | None) -> Any:
    """Run the job ``task`` with ``args`` in this process."""
    try:
        job = TASKS[task]
    except KeyError:
        raise ValueError(f"no job {task!r}") from None
    return job(*args, deadline=deadline)


#: a report in miniature: its fonts (sans and serif, bold and italic, Arabic, Chinese,
#: Cyrillic) are loaded and its stylesheet parsed before the first job
WARM_HTML = (
    "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'></head><body>"
    "<div class='rd-report'><p class='rd-kicker'>Comparison · <b>A/RES/1/1</b> → 1/2</p>"
    "<article class='rd-text'><p class='rd-p'>The General Assembly, <ins>Recalling</ins> "
    "<del>Noting</del> <i>resolution</i> 1/1 — مرحبا 你好 Здравствуйте</p></article>"
    "</div></body></html>"
)


def warm() -> None:
    """Import and exercise what the jobs use (WeasyPrint and its fonts, the engine,
    rapidfuzz and numpy, PDFium, lxml), so that the first job of a process is as quick
    as the others."""
    import lxml.etree  # noqa: F401
    import pypdfium2  # noqa: F401

    import diffing
    from service.render.pdf import html_to_pdf

    text = "The General Assembly,\n\n1. Decides to remain seized of the matter.\n"
    diffing.compare(diffing.parse(text), diffing.parse(text.replace("Decides", "Agrees")))
    html_to_pdf(WARM_HTML)
