"""Placeholder: ingest of .txt, .md, .pdf and .docx is being written (issue 2)."""

from __future__ import annotations

from pathlib import Path

from diffing import parse
from diffing.model import Resolution


def load(path: str | Path) -> Resolution:
    return parse(Path(path).read_text(encoding="utf-8"))
