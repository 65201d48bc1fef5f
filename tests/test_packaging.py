"""Every import is declared: what the code imports at run time is a dependency of
the package, what the tests and benchmarks import is a dev dependency.

(A dependency that is needed without being imported, such as numpy for
``rapidfuzz.process.cdist``, is caught by ``.ci/wheel-check``, which renders real
reports from the wheel installed in a new environment.)
"""

from __future__ import annotations

import ast
import re
import sys
from functools import cache
from importlib.metadata import packages_distributions, requires
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LOCAL = {"diffing", "service", "tests", "templates", "conftest", "benchmarks"}


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _imports(folder: Path) -> dict[str, str]:
    """Top-level module names imported anywhere under ``folder`` -> one file that does."""
    found: dict[str, str] = {}
    local = LOCAL | {p.stem for p in folder.glob("*.py")}
    for path in sorted(folder.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                top = name.split(".")[0]
                if top not in sys.stdlib_module_names and top not in local:
                    found.setdefault(top, str(path.relative_to(ROOT)))
    return found


@cache
def _declared(extra: str | None) -> set[str]:
    declared = set()
    for req in requires("resdiff") or []:
        name, _, marker = req.partition(";")
        in_extra = "extra ==" in marker
        if (extra is None and not in_extra) or (extra and f'extra == "{extra}"' in marker):
            declared.add(_norm(re.split(r"[<>=!~\[ ]", name.strip())[0]))
    return declared


def _missing(modules: dict[str, str], allowed: set[str]) -> list[str]:
    dists = packages_distributions()
    missing = []
    for module, where in modules.items():
        names = {_norm(d) for d in dists.get(module, [module])}
        if not names & allowed:
            missing.append(f"{module} (imported by {where}; distribution {sorted(names)})")
    return missing


@pytest.mark.parametrize("package", ["diffing", "service"])
def test_runtime_imports_are_dependencies(package: str) -> None:
    assert not _missing(_imports(ROOT / package), _declared(None))


@pytest.mark.parametrize("folder", ["tests", "benchmarks"])
def test_test_imports_are_dev_dependencies(folder: str) -> None:
    allowed = _declared(None) | _declared("dev")
    assert not _missing(_imports(ROOT / folder), allowed)


def test_templates_ship_inside_the_package() -> None:
    from service.resources import REPORT_TEMPLATES, WEB_STATIC

    assert (REPORT_TEMPLATES / "comparison.html").is_file()
    assert (WEB_STATIC / "style.css").is_file()
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert '"service.templates" = "templates"' in text


def test_catalogs_ship_inside_the_package() -> None:
    """Every catalog of service/locales is matched by the package data of pyproject.toml."""
    import tomllib

    data = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    patterns = data["package-data"]["service"]
    catalogs = sorted((ROOT / "service" / "locales").rglob("*.po*"))
    assert catalogs
    for path in catalogs:
        rel = path.relative_to(ROOT / "service")
        assert any(rel.match(p) for p in patterns), rel


def test_every_package_is_in_the_wheel() -> None:
    """A new room of service/ (a folder with __init__.py) is listed in pyproject.toml."""
    import tomllib

    listed = set(
        tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"]
    )
    found = {
        p.parent.relative_to(ROOT).as_posix().replace("/", ".")
        for package in ("diffing", "service")
        for p in (ROOT / package).rglob("__init__.py")
    }
    assert found <= listed, sorted(found - listed)
