"""Other ways to diff the same two raw texts, run on exactly the inputs resdiff gets.

Each runner takes the two raw texts and returns a zero-argument callable that
does the whole job once (tokenising included), so the timing loop measures the
same thing for every contender.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from importlib.metadata import PackageNotFoundError, version
from typing import Any

Runner = Callable[[], Any]


def _version(dist: str) -> str:
    try:
        return version(dist)
    except PackageNotFoundError:
        return "?"


def redlines_markdown(a: str, b: str) -> Runner:
    """redlines: word diff (difflib underneath) of the whole text, rendered as Markdown."""
    from redlines import Redlines

    return lambda: Redlines(a, b).output_markdown


def difflib_words(a: str, b: str) -> Runner:
    """difflib.SequenceMatcher over the words of the whole texts (autojunk off) + opcodes."""

    def run() -> Any:
        return difflib.SequenceMatcher(None, a.split(), b.split(), autojunk=False).get_opcodes()

    return run


def difflib_html(a: str, b: str) -> Runner:
    """difflib.HtmlDiff().make_file over lines (the stdlib's side-by-side HTML report)."""
    return lambda: difflib.HtmlDiff().make_file(a.splitlines(), b.splitlines())


def dmp_semantic(a: str, b: str) -> Runner:
    """diff-match-patch: character diff_main (default 1.0 s timeout) + diff_cleanupSemantic."""
    from diff_match_patch import diff_match_patch

    def run() -> Any:
        dmp = diff_match_patch()
        diffs = dmp.diff_main(a, b)
        dmp.diff_cleanupSemantic(diffs)
        return diffs

    return run


PEERS: list[tuple[str, Callable[[str, str], Runner]]] = [
    (f"redlines {_version('redlines')} `Redlines(a, b).output_markdown`", redlines_markdown),
    ("difflib word `SequenceMatcher(autojunk=False).get_opcodes()`", difflib_words),
    ("difflib `HtmlDiff().make_file` (lines)", difflib_html),
    (
        f"diff-match-patch {_version('diff-match-patch')} `diff_main` + `cleanupSemantic`",
        dmp_semantic,
    ),
]
