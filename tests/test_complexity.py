"""Functions that fit on a screen: no function of ``diffing/`` or ``service/`` has a
cyclomatic complexity above 30 (radon's measure)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from radon.complexity import cc_visit
from radon.visitors import Class

from tests.conftest import ROOT

LIMIT = 30


def _functions(blocks: list[Any], prefix: str = "") -> Iterator[tuple[str, int]]:
    for block in blocks:
        if isinstance(block, Class):
            yield from _functions(block.methods, f"{prefix}{block.name}.")
            continue
        yield f"{prefix}{block.name}", block.complexity
        yield from _functions(block.closures, f"{prefix}{block.name}.")


def _complexities() -> dict[str, int]:
    found = {}
    for package in ("diffing", "service"):
        for path in sorted((ROOT / package).rglob("*.py")):
            where = path.relative_to(ROOT).as_posix()
            for name, complexity in _functions(cc_visit(path.read_text(encoding="utf-8"))):
                found[f"{where}:{name}"] = complexity
    return found


def test_no_function_is_too_complex() -> None:
    over = {name: c for name, c in _complexities().items() if c > LIMIT}
    assert not over, f"cyclomatic complexity above {LIMIT}: {over}"
