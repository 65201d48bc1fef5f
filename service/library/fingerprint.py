"""Fingerprints of the code that produces stored results.

A stored document keeps the parsed structure of its original bytes, and a
cached report keeps rendered bytes. Both become stale when the parser, the
aligner or a renderer changes. Rather than a version number that someone must
remember to raise, each result is stamped with a digest of the source files
that made it, computed once per process:

- ``PARSER``: the engine and :mod:`service.ingest` (bytes to text);
- ``REPORTS``: the same, the report pipeline, the renderers, their templates and the
  catalogs of their words (:mod:`service.i18n`).
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

import diffing
from service.resources import TEMPLATES

__all__ = ["parser_fingerprint", "reports_fingerprint"]

# (folder, glob) pairs: the installed packages, wherever they are
_DIFFING = Path(diffing.__file__).resolve().parent
_SERVICE = Path(__file__).resolve().parent.parent
_PARSER_SOURCES = ((_DIFFING, "*.py"), (_SERVICE, "ingest/*.py"))
_REPORT_SOURCES = (
    *_PARSER_SOURCES,
    (_SERVICE, "reports.py"),
    (_SERVICE, "render/*.py"),
    (_SERVICE, "i18n.py"),
    (_SERVICE, "locales/*/LC_MESSAGES/*.po"),
    (TEMPLATES, "report/*"),
)


def _digest(sources: tuple[tuple[Path, str], ...]) -> str:
    h = hashlib.sha256()
    for root, pattern in sources:
        for path in sorted(root.glob(pattern)):
            if path.is_file():
                h.update(f"{root.name}/{path.relative_to(root).as_posix()}".encode())
                h.update(path.read_bytes())
    return h.hexdigest()[:16]


@cache
def parser_fingerprint() -> str:
    """Digest of the code that turns a document's bytes into its structure."""
    return _digest(_PARSER_SOURCES)


@cache
def reports_fingerprint() -> str:
    """Digest of the code that turns structures into a rendered comparison."""
    return _digest(_REPORT_SOURCES)
