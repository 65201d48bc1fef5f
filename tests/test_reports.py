"""One report pipeline: the CLI, the API and the pages make the same report from the same
registry, under the same limits and time budget."""

from __future__ import annotations

import ast
import io
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pypdf
import pytest
from click.testing import CliRunner

from service import reports
from service.cli import cli
from service.web.app import create_app
from service.web.openapi import spec
from tests.conftest import ROOT
from tests.test_api import AMENDED, DRAFT


def _app(tmp_path: Path, **settings: Any):  # type: ignore[no-untyped-def]
    return create_app(
        {
            "TESTING": True,
            "RESDIFF_DATA_DIR": str(tmp_path / "data"),
            "RESDIFF_ODS_URL": "http://127.0.0.1:9",
            **settings,
        }
    )


def _both(tmp_path: Path, fmt: str, *, view: str = "inline", **settings: Any) -> tuple[Any, Any]:
    """The same comparison from the CLI (two files) and from the API (two pasted texts)."""
    old, new = tmp_path / "old.txt", tmp_path / "new.txt"
    old.write_text(DRAFT, encoding="utf-8")
    new.write_text(AMENDED, encoding="utf-8")
    out = tmp_path / f"cli.{fmt}"
    env = {"RESDIFF_DATA_DIR": str(tmp_path / "data"), **{k: str(v) for k, v in settings.items()}}
    args = ["compare", str(old), str(new), "--format", fmt, "--view", view, "-o", str(out)]
    cli_run = CliRunner().invoke(cli, args, env=env)
    client = _app(tmp_path, **settings).test_client()
    body = {"old": {"text": DRAFT}, "new": {"text": AMENDED}}
    api = client.post(f"/api/compare?format={fmt}&view={view}", json=body)
    return (cli_run, out), api


@pytest.mark.parametrize("view", ["inline", "side-by-side"])
def test_cli_and_api_give_the_same_html(tmp_path: Path, view: str) -> None:
    (run, out), api = _both(tmp_path, "html", view=view)
    assert run.exit_code == 0, run.output
    assert api.status_code == 200
    assert out.read_bytes() == api.data
    assert (b'class="rd-sbs"' in api.data) == (view == "side-by-side")


def _pdf(data: bytes) -> tuple[int, str]:
    reader = pypdf.PdfReader(io.BytesIO(data))
    return len(reader.pages), "\n".join(p.extract_text() for p in reader.pages)


@pytest.mark.slow
def test_cli_and_api_give_the_same_pdf_side_by_side_from_pool_processes(tmp_path: Path) -> None:
    """Every PDF is rendered in a pool process, in both; the API keeps the view of a PDF
    (it used to drop it)."""
    (run, out), api = _both(tmp_path, "pdf", view="side-by-side")
    assert run.exit_code == 0, run.output
    assert api.status_code == 200 and api.mimetype == "application/pdf"
    pages, text = _pdf(api.data)
    assert (pages, text) == _pdf(out.read_bytes())
    assert "Strongly welcomes" in text and "Welcomes" in text


@pytest.mark.parametrize("fmt", ["json", "html", "pdf", "docx"])
def test_cli_and_api_share_the_time_budget(tmp_path: Path, fmt: str) -> None:
    """A budget of 0 s has run out before the work ends: both refuse with the same words."""
    (run, _), api = _both(tmp_path, fmt, RESDIFF_COMPARE_SECONDS=0)
    assert api.status_code == 413
    detail = api.get_json()["detail"]
    assert detail.startswith("comparison exceeded its time budget of 0 s while")
    assert run.exit_code == 2 and run.output.strip() == f"error: {detail}"


class _Recording:
    """An executor that records the budget each job gets (the reports are fakes)."""

    def __init__(self) -> None:
        self.seen: list[tuple[str, float | None]] = []

    def run(self, task: str, *args: Any, seconds: float | None = None, what: str = "") -> Any:
        from service.pool import Inline

        self.seen.append((task, seconds))
        fakes = {"pdf": b"%PDF-1.7 fake", "docx": b"PK fake"}
        return fakes[task] if task in fakes else Inline().run(task, *args, seconds=seconds)


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_the_budget_covers_the_rendering(tmp_path: Path, monkeypatch, fmt: str) -> None:  # type: ignore[no-untyped-def]
    """The job of the pool gets what is left of the budget of the whole report, from the
    CLI as from the API."""
    import service.cli
    import service.web.context

    recording = _Recording()
    monkeypatch.setattr(service.cli, "local_pool", lambda settings: recording)
    monkeypatch.setattr(service.web.context, "local_pool", lambda settings: recording)
    (run, _), api = _both(tmp_path, fmt, RESDIFF_COMPARE_SECONDS=30)
    assert run.exit_code == 0, run.output
    assert api.status_code == 200
    jobs = [seconds for task, seconds in recording.seen if task == fmt]
    assert len(jobs) == 2 and all(s is not None and 0 < s <= 30 for s in jobs), recording.seen


def test_one_registry_of_formats() -> None:
    """The CLI's choices and the API's description come from reports.KINDS."""
    paths = spec()["paths"]
    for kind, path in (
        ("compare", "/api/compare"),
        ("series", "/api/series"),
        ("draft", "/api/drafts"),
        ("amend", "/api/amend"),
    ):
        formats = list(reports.KINDS[kind].formats)
        params = {p["name"]: p for p in paths[path]["post"]["parameters"]}
        assert params["format"]["schema"]["enum"] == formats
        content = paths[path]["post"]["responses"]["200"]["content"]
        assert len(content) == len(formats)
        choices = next(p for p in cli.commands[kind].params if p.name == "fmt").type.choices  # type: ignore[attr-defined]
        assert list(choices) == formats
    assert "view" in {p["name"] for p in paths["/api/compare"]["post"]["parameters"]}
    assert "view" not in {p["name"] for p in paths["/api/series"]["post"]["parameters"]}
    assert "view" in {p["name"] for p in paths["/api/amend"]["post"]["parameters"]}


def test_options_that_do_not_apply_are_dropped() -> None:
    req = reports.request("compare", "json", reports.Options(view="side-by-side"))
    assert req.options == reports.Options()
    req = reports.request("compare", "PDF", reports.Options(view="side-by-side"))
    assert req.format.name == "pdf" and req.options.view == "side-by-side"
    with pytest.raises(reports.InvalidRequestError, match="unknown format 'docx' for a series"):
        reports.request("series", "docx")


# -- the layout of service/ ---------------------------------------------------------------


def _imported(code: str) -> list[str]:
    out = subprocess.run(
        [sys.executable, "-c", code + "\nimport sys\nprint(sorted(sys.modules))"],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    ).stdout
    return list(ast.literal_eval(out.strip()))


@pytest.mark.parametrize("module", ["service.cli", "service.library", "service.reports"])
def test_no_flask_below_the_web_layer(module: str) -> None:
    loaded = _imported(f"import {module}")
    assert not [m for m in loaded if m.split(".")[0] in ("flask", "werkzeug", "gunicorn")]
    assert "service.web" not in loaded


def test_service_rooms() -> None:
    top = {p.name for p in (ROOT / "service").glob("*.py")}
    assert top == {
        "__init__.py",
        "cli.py",
        "config.py",
        "errors.py",
        "i18n.py",
        "reports.py",
        "resources.py",
    }
    for path in (ROOT / "service" / "library").glob("*.py"):
        assert "flask" not in path.read_text(encoding="utf-8"), path.name
    pages = ast.parse((ROOT / "service" / "web" / "pages.py").read_text(encoding="utf-8"))
    modules = {n.module for n in ast.walk(pages) if isinstance(n, ast.ImportFrom)}
    assert "service.web.api" not in modules
    # the database drivers only in the store's backends, SQL only in the store
    drivers = {
        p.relative_to(ROOT).as_posix()
        for p in (ROOT / "service").rglob("*.py")
        if re.search(r"^import (sqlite3|psycopg)", p.read_text(encoding="utf-8"), re.M)
    }
    assert drivers == {"service/library/sqlite.py", "service/library/postgres.py"}
    statement = re.compile(r"\b(SELECT .+ FROM|INSERT INTO|DELETE FROM|CREATE TABLE)\b")
    sql = {
        p.relative_to(ROOT).as_posix()
        for p in (ROOT / "service").rglob("*.py")
        if statement.search(p.read_text(encoding="utf-8"))
    }
    store = {"sql.py", "sqlite.py", "postgres.py", "schema.py", "precedents.py"}
    assert sql == {f"service/library/{name}" for name in store}
