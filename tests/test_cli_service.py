"""The CLI with the service: symbols as well as paths, fetch, ingest, the one-line errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from service.cli import cli
from tests.conftest import INTERPOL, needs_corpus


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return {
        "RESDIFF_DATA_DIR": str(tmp_path / "data"),
        "RESDIFF_MIRROR": str(INTERPOL),
        "RESDIFF_ODS_URL": "http://127.0.0.1:9",
        "RESDIFF_FETCH_TIMEOUT": "2",
    }


def run(env: dict[str, str], *args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(cli, list(args), env=env, catch_exceptions=False)


@needs_corpus
def test_compare_two_paths(env) -> None:  # type: ignore[no-untyped-def]
    r = run(
        env,
        "compare",
        str(INTERPOL / "A_RES_73_11_en.txt"),
        str(INTERPOL / "A_RES_75_10_en.txt"),
        "--format",
        "json",
    )
    assert r.exit_code == 0, r.stderr
    assert json.loads(r.stdout)["new"]["symbol"] == "A/RES/75/10"
    assert not (Path(env["RESDIFF_DATA_DIR"]) / "resdiff.sqlite3").exists()  # no store needed


@needs_corpus
def test_compare_symbols_to_a_pdf(env, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "r.pdf"
    r = run(env, "compare", "A/RES/73/11", "a/res/75/10", "--format", "pdf", "-o", str(out))
    assert r.exit_code == 0, r.stderr
    assert out.read_bytes().startswith(b"%PDF-")
    # both were stored: the next time they come from the store, even without the mirror
    r = run(
        {**env, "RESDIFF_MIRROR": ""}, "compare", "A/RES/73/11", "A/RES/75/10", "--format", "json"
    )
    assert r.exit_code == 0, r.stderr
    assert json.loads(r.stdout)["old"]["symbol"] == "A/RES/73/11"


@needs_corpus
def test_an_existing_path_wins_over_a_symbol(env, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "A" / "RES" / "73"
    folder.mkdir(parents=True)
    (folder / "11").write_text((INTERPOL / "A_RES_77_20_en.txt").read_text())
    r = run(env, "parse", "A/RES/73/11", "--format", "json")
    assert r.exit_code == 0, r.stderr
    assert json.loads(r.stdout)["symbol"] == "A/RES/77/20"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("compare", "no-such-file.txt", "A/RES/73/11"),
            "no such file, and not a UN document symbol",
        ),
        (("fetch", "A/RES/../../etc/passwd"), "not a UN General Assembly document symbol"),
        (("fetch", "A/RES/71/19", "--offline"), "not in the local mirror"),
        (("fetch", "A/RES/71/19"), "could not reach the UN document system"),
    ],
)
def test_user_errors_are_one_line_and_exit_2(env, args, message) -> None:  # type: ignore[no-untyped-def]
    r = run(env, *args)
    assert r.exit_code == 2
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and message in lines[0]


def test_fetch_stores_once(env, fake_un) -> None:  # type: ignore[no-untyped-def]
    env = {**env, "RESDIFF_ODS_URL": fake_un.url, "RESDIFF_MIRROR": ""}
    r = run(env, "fetch", "A/RES/79/136")
    assert r.exit_code == 0, r.stderr
    assert "A/RES/79/136 (en)" in r.stdout and "from ods" in r.stdout
    asked = len(fake_un.requests)
    assert run(env, "fetch", "A/RES/79/136").exit_code == 0
    assert len(fake_un.requests) == asked
    r = run(env, "fetch", "A/RES/99/999")
    assert r.exit_code == 2 and "did not return a PDF for A/RES/99/999" in r.stderr
    r = run(env, "fetch", "A/RES/79/136", "--lang", "fr")
    assert r.exit_code == 2 and "has no document A/RES/79/136 (fr)" in r.stderr


@needs_corpus
def test_ingest_continues_past_bad_files(env, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    r = run(env, "ingest", str(INTERPOL), str(empty), str(tmp_path / "missing.txt"))
    assert r.exit_code == 1
    assert "6 added, 0 already stored, 2 failed" in r.stdout
    assert "empty.txt" in r.stderr and "missing.txt" in r.stderr
    r = run(env, "ingest", str(INTERPOL / "A_RES_73_11_en.txt"))
    assert r.exit_code == 0 and "0 added, 1 already stored, 0 failed" in r.stdout
    # ingested files are found by symbol without the mirror
    r = run({**env, "RESDIFF_MIRROR": ""}, "parse", "A/RES/77/20", "--format", "json")
    assert r.exit_code == 0, r.stderr


@needs_corpus
def test_series_of_symbols(env) -> None:  # type: ignore[no-untyped-def]
    r = run(env, "series", "A/RES/73/11", "A/RES/75/10", "A/RES/77/20", "--format", "json")
    assert r.exit_code == 0, r.stderr
    assert len(json.loads(r.stdout)["versions"]) == 3


def test_serve_help(env) -> None:  # type: ignore[no-untyped-def]
    r = run(env, "serve", "--help")
    assert r.exit_code == 0 and "--workers" in r.stdout and "gunicorn" in r.stdout


def test_help_gives_examples_and_defaults(env) -> None:  # type: ignore[no-untyped-def]
    r = run(env, "compare", "--help")
    assert r.exit_code == 0
    assert "Examples:" in r.stdout and "resdiff compare A/RES/77/20 A/RES/79/136" in r.stdout
    flat = " ".join(r.stdout.split())
    assert "[default: text]" in flat and "[default: inline]" in flat
    for option in ("--changes-only", "--summary-only", "--report-language", "--view", "--color"):
        assert option in r.stdout


def test_text_report_in_colour_with_its_warnings(env, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from tests.test_api import AMENDED, DRAFT

    old, new = tmp_path / "old.txt", tmp_path / "new.txt"
    old.write_text(DRAFT)
    new.write_text(AMENDED)
    r = run(env, "compare", str(old), str(new), "--color")
    assert r.exit_code == 0, r.stderr
    assert "\x1b[32m{+" in r.stdout and "\x1b[31m[-" in r.stdout
    plain = run(env, "compare", str(old), str(new), "--no-color")
    assert "\x1b[" not in plain.stdout and "{+" in plain.stdout
    # an e-mail against the draft: the parser's notes and the warnings on stderr
    mail = tmp_path / "mail.txt"
    mail.write_text("Dear colleagues,\n\nPlease find the draft attached.\n\nBest regards,\nJane\n")
    r = run(env, "compare", str(mail), str(new), "--format", "json")
    assert r.exit_code == 0
    assert "warning: The old text may not be a resolution" in r.stderr
    r = run(env, "parse", str(mail))
    assert r.stderr.startswith("warning: ")
    summary = run(env, "compare", str(old), str(new), "--summary-only", "--no-color").stdout
    assert "Changes: 2 changes" in summary and "{+" not in summary


@needs_corpus
def test_changes_only_and_side_by_side(env, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import io
    import zipfile

    out = tmp_path / "changes.docx"
    old, new = str(INTERPOL / "A_RES_77_20_en.txt"), str(INTERPOL / "A_RES_79_136_en.txt")
    r = run(env, "compare", old, new, "--format", "docx", "--changes-only", "-o", str(out))
    assert r.exit_code == 0, r.stderr
    with zipfile.ZipFile(io.BytesIO(out.read_bytes())) as z:
        body = z.read("word/document.xml").decode()
    assert "unchanged paragraph" in body
    html = tmp_path / "side.html"
    r = run(env, "compare", old, new, "--format", "html", "--view", "side-by-side", "-o", str(html))
    assert r.exit_code == 0 and "rd-view-side-by-side" in html.read_text(encoding="utf-8")
    r = run(env, "compare", old, new, "--report-language", "fr", "--summary-only", "--no-color")
    assert r.stdout.startswith("ancien : A/RES/77/20")


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (
            ["compare", "--report-language", "de", "a", "b"],
            "error: Invalid value for '--report-language'",
        ),
        (["series", "only-one"], "error: a series needs at least two versions"),
        (["nosuch"], "error: No such command 'nosuch'."),
    ],
)
def test_a_mistake_in_the_command_line_is_one_line(env, args, said) -> None:  # type: ignore[no-untyped-def]
    done = subprocess.run(
        [sys.executable, "-m", "service.cli", *args],
        capture_output=True,
        text=True,
        env={**os.environ, **env},
        timeout=60,
    )
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.count("\n") == 1 and done.stderr.startswith(said), done.stderr
    assert "--help')" in done.stderr


def test_an_empty_audit_trail_says_so(env) -> None:  # type: ignore[no-untyped-def]
    done = CliRunner().invoke(cli, ["audit", "--user", "nobody"], env=env)
    assert done.exit_code == 0 and done.stdout == ""
    assert "no entry in the audit trail for these filters" in done.stderr


@needs_corpus
@pytest.mark.parametrize("command", ["draft", "amend"])
def test_draft_and_amend_colour_their_text_when_asked(env, command) -> None:  # type: ignore[no-untyped-def]
    committee = INTERPOL.parent / "unga-80-committee"
    args = {
        "draft": [str(INTERPOL / "A_RES_77_20_en.txt")],
        "amend": [str(committee / "A_80_L.3_en.txt"), str(committee / "A_80_L.28_en.txt")],
    }[command]
    coloured = CliRunner().invoke(cli, [command, *args, "--color"], env=env, color=True)
    plain = CliRunner().invoke(cli, [command, *args, "--no-color"], env=env, color=True)
    assert coloured.exit_code == plain.exit_code == 0, coloured.output
    assert "\x1b[" in coloured.stdout and "\x1b[" not in plain.stdout
