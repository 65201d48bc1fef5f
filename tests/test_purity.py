"""The engine stays pure: importing diffing pulls in no web, PDF, DOCX or database library."""

from __future__ import annotations

import re
import subprocess
import sys

FORBIDDEN = (
    "flask",
    "werkzeug",
    "jinja2",
    "weasyprint",
    "sqlite3",
    "pdfplumber",
    "pypdfium2",
    "pypdf",
    "docx",
    "lxml",
    "urllib.request",
    "http.client",
    "requests",
    "socket",
)


def test_diffing_imports_no_io_libraries() -> None:
    code = (
        "import sys, diffing\n"
        f"bad = [m for m in {FORBIDDEN!r} if m in sys.modules]\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert out == "", f"diffing imported {out}"


def test_diffing_never_opens_files() -> None:
    """No module of the engine calls open() or touches pathlib."""
    from pathlib import Path

    import diffing

    root = Path(diffing.__file__).parent
    for source in root.glob("*.py"):
        text = source.read_text(encoding="utf-8")
        assert not re.search(r"(?<![\w.])open\(", text), source.name
        assert "import pathlib" not in text and "from pathlib" not in text, source.name
