"""Amendments through the service: ``resdiff amend``, ``POST /api/amend`` and the /amend page,
with the draft given or found by the symbol the amendments name (store, mirror, UN system),
the limits and time budget of comparisons, and the three real amendments of session 80."""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from conftest import CORPUS, needs_corpus

from service.cli import cli
from service.web.app import create_app

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "amendments"
COMMITTEE = CORPUS / "unga-80-committee"


def fixture(name: str) -> str:
    return (FIXTURES / f"{name}.txt").read_text(encoding="utf-8")


@pytest.fixture
def mirror(tmp_path: Path) -> Path:
    """A mirror folder holding the draft A/99/L.7 under its symbol."""
    folder = tmp_path / "mirror"
    folder.mkdir()
    (folder / "A_99_L.7_en.txt").write_text(fixture("draft_en"), encoding="utf-8")
    return folder


@pytest.fixture
def env(tmp_path: Path, mirror: Path) -> dict[str, str]:
    return {
        "RESDIFF_DATA_DIR": str(tmp_path / "data"),
        "RESDIFF_MIRROR": str(mirror),
        "RESDIFF_ODS_URL": "http://127.0.0.1:9",
        "RESDIFF_FETCH_TIMEOUT": "2",
    }


@pytest.fixture
def client(tmp_path: Path, mirror: Path):  # type: ignore[no-untyped-def]
    app = create_app(
        {
            "TESTING": True,
            "RESDIFF_DATA_DIR": str(tmp_path / "data"),
            "RESDIFF_MIRROR": str(mirror),
            "RESDIFF_ODS_URL": "http://127.0.0.1:9",
            "RESDIFF_FETCH_TIMEOUT": 2.0,
        }
    )
    return app.test_client()


def post_form(client, data: dict[str, Any]):  # type: ignore[no-untyped-def]
    """Post the amend form as a browser does: with the page's CSRF token."""
    page = client.get("/amend").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert token is not None
    return client.post("/amend", data={"csrf_token": token.group(1), **data})


def run(env: dict[str, str], *args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(cli, list(args), env=env, catch_exceptions=False)


def path(name: str) -> str:
    return str(FIXTURES / f"{name}.txt")


# -- the command line ------------------------------------------------------------------------


def test_cli_warns_once_per_instruction_not_applied(env, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "amended.json"
    args = [path("draft_en"), path("amendment_en"), path("amendment2_en")]
    r = run(env, "amend", *args, "--format", "json", "-o", str(out))
    assert r.exit_code == 0, r.output
    warnings = [line for line in r.stderr.splitlines() if line.startswith("warning:")]
    assert warnings == [
        "warning: A/99/L.9, instruction 5 not applied (not found): “the annual report” is not"
        " in OP1",
        "warning: A/99/L.10, instruction 4 not applied (conflict): “, in particular historic"
        " lighthouses” in OP2 was already changed by A/99/L.9 instruction 1",
    ]
    import json

    body = json.loads(out.read_text(encoding="utf-8"))
    assert [a["symbol"] for a in body["amendments"]] == ["A/99/L.9", "A/99/L.10"]
    assert body["title_change"]["amendment"] == [{"symbol": "A/99/L.9", "instruction": 1}]


def test_cli_strict_exits_2_and_still_writes(env, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "amended.docx"
    r = run(
        env,
        "amend",
        path("draft_en"),
        path("amendment_en"),
        "--format",
        "docx",
        "-o",
        str(out),
        "--strict",
    )
    assert r.exit_code == 2
    assert out.read_bytes().startswith(b"PK")
    assert [line for line in r.stderr.splitlines() if line.startswith("error:")] == [
        "error: A/99/L.9, instruction 5 not applied (not found): “the annual report” is not in OP1"
    ]
    # alone, A/99/L.10's fourth instruction is not in conflict: all applied, no warning
    clean = run(env, "amend", path("draft_en"), path("amendment2_en"), "--strict")
    assert clean.exit_code == 0 and not clean.stderr
    alone = run(env, "amend", path("draft_fr"), path("amendment_fr"))
    assert alone.exit_code == 0 and "warning: A/99/L.9, instruction 5" in alone.stderr


def test_cli_finds_the_draft_the_amendment_names(env) -> None:  # type: ignore[no-untyped-def]
    """Only amendments given: the draft by its symbol, from the mirror, then from the store."""
    for _ in range(2):
        r = run(env, "amend", path("amendment_en"), path("amendment2_en"), "--format", "text")
        assert r.exit_code == 0, r.output
        assert r.stdout.startswith("draft: A/99/L.7  draft resolution  [en]\n")
        assert "\namended by: A/99/L.9 (Ruritania); A/99/L.10" in r.stdout
    listed = run(env, "fetch", "A/99/L.7", "--offline")
    assert "from mirror" in listed.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["draft_en"],
            "error: A/99/L.7 is a draft resolution: give its amendments after it",
        ),
        (
            ["amendment_en", "draft_en"],
            "error: A/99/L.7 is a draft resolution, not an amendment",
        ),
        (
            ["draft_en", "draft_fr"],
            "error: A/99/L.7 is a draft resolution, not an amendment",
        ),
    ],
)
def test_cli_user_errors(env, args: list[str], message: str) -> None:  # type: ignore[no-untyped-def]
    r = run(env, "amend", *map(path, args))
    assert r.exit_code == 2 and r.stderr.strip() == message


def test_cli_an_amendment_to_another_draft(env, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    other = tmp_path / "other.txt"
    other.write_text(fixture("draft_en").replace("A/99/L.7", "A/99/L.8"), encoding="utf-8")
    r = run(env, "amend", str(other), path("amendment_en"))
    assert r.exit_code == 2
    assert r.stderr.strip() == "error: A/99/L.9 amends A/99/L.7, not A/99/L.8"
    stray = tmp_path / "stray.txt"
    stray.write_text(
        fixture("amendment2_en").replace("draft resolution A/99/L.7", "draft resolution A/99/L.8"),
        encoding="utf-8",
    )
    r = run(env, "amend", path("amendment_en"), str(stray))
    assert r.exit_code == 2 and "give amendments to one draft at a time" in r.stderr


# -- the API ------------------------------------------------------------------------------------


def test_api_with_and_without_the_draft(client) -> None:  # type: ignore[no-untyped-def]
    amendments = [{"text": fixture("amendment_en")}, {"text": fixture("amendment2_en")}]
    given = client.post(
        "/api/amend", json={"draft": {"text": fixture("draft_en")}, "amendments": amendments}
    )
    assert given.status_code == 200 and given.headers["X-Cache"] == "miss"
    named = client.post("/api/amend", json={"amendments": amendments})
    assert named.status_code == 200
    body = named.get_json()
    assert body["old"]["symbol"] == "A/99/L.7"
    assert [i["status"] for a in body["amendments"] for i in a["instructions"]] == [
        "applied", "applied", "applied", "applied", "not found",
        "applied", "applied", "applied", "conflict",
    ]  # fmt: skip
    assert body["changes"] == given.get_json()["changes"]
    again = client.post("/api/amend", json={"amendments": amendments})
    assert again.headers["X-Cache"] == "hit" and again.data == named.data
    # the draft found is now in the library
    symbols = {d["symbol"] for d in client.get("/api/documents").get_json()["documents"]}
    assert "A/99/L.7" in symbols


@pytest.mark.parametrize(
    ("fmt", "media", "magic"),
    [
        ("html", "text/html", b"<!DOCTYPE html>"),
        ("text", "text/plain", b"draft: A/99/L.7"),
        ("pdf", "application/pdf", b"%PDF-"),
        ("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", b"PK"),
    ],
)
def test_api_formats(client, fmt: str, media: str, magic: bytes) -> None:  # type: ignore[no-untyped-def]
    r = client.post(
        f"/api/amend?format={fmt}", json={"amendments": [{"text": fixture("amendment_en")}]}
    )
    assert r.status_code == 200 and r.mimetype == media and r.data.startswith(magic)
    if fmt in ("pdf", "docx"):
        assert (
            f"filename=resdiff_A_99_L.7_amended_by_A_99_L.9.{fmt}"
            in r.headers["Content-Disposition"]
        )


def _problem(r: Any, status: int) -> str:
    assert r.status_code == status and r.mimetype == "application/problem+json", r.data
    return str(r.get_json()["detail"])


def test_api_bad_input(client) -> None:  # type: ignore[no-untyped-def]
    draft, l9 = {"text": fixture("draft_en")}, {"text": fixture("amendment_en")}
    other = {"text": fixture("draft_en").replace("A/99/L.7", "A/99/L.8")}
    assert _problem(client.post("/api/amend", json={"draft": other, "amendments": [l9]}), 422) == (
        "A/99/L.9 amends A/99/L.7, not A/99/L.8"
    )
    r = client.post("/api/amend", json={"draft": draft, "amendments": [draft]})
    assert _problem(r, 422) == "A/99/L.7 is a draft resolution, not an amendment"
    assert (
        client.post("/api/amend", json={"draft": draft, "amendments": [draft]})
        .get_json()["type"]
        .endswith("/problems/not-an-amendment")
    )
    r = client.post("/api/amend", json={"draft": l9, "amendments": [l9]})
    assert _problem(r, 422).startswith("A/99/L.9 is an amendment, not a draft")
    assert _problem(client.post("/api/amend", json={"amendments": []}), 400) == (
        "amendments must have at least 1 item"
    )
    assert _problem(client.post("/api/amend", json={"draft": draft}), 400) == (
        "the request has no field 'amendments'"
    )
    assert "unknown format 'xml'" in _problem(
        client.post("/api/amend?format=xml", json={"amendments": [l9]}), 400
    )


def test_an_amendment_that_names_no_draft() -> None:
    from diffing import Instruction, Resolution
    from service.errors import InvalidRequestError
    from service.library import Resolved
    from service.library.amendments import find_draft

    loose = Resolution(
        symbol="A/99/L.11", document_type="amendment", instructions=[Instruction(1, "x")]
    )
    with pytest.raises(InvalidRequestError, match=r"A/99/L\.11 does not say which draft it amends"):
        find_draft(None, [Resolved(loose)], ["amendments[0]"])  # type: ignore[arg-type]


def test_api_limits_and_time_budget(client) -> None:  # type: ignore[no-untyped-def]
    from service.config import Limits

    app = client.application
    body = {
        "draft": {"text": fixture("draft_en")},
        "amendments": [{"text": fixture("amendment_en")}],
    }
    app.extensions["resdiff.limits"] = Limits(compare_words=100)
    assert "together" in _problem(client.post("/api/amend", json=body), 413)
    app.extensions["resdiff.limits"] = Limits(series=2)
    three = {**body, "amendments": body["amendments"] * 2}
    assert "at most 1 amendments to a draft at a time, not 2" in _problem(
        client.post("/api/amend", json=three), 400
    )
    app.extensions["resdiff.limits"] = Limits(compare_seconds=0)
    detail = _problem(client.post("/api/amend?format=docx", json=body), 413)
    assert detail.startswith("comparison exceeded its time budget of 0 s while")


# -- the pages ----------------------------------------------------------------------------------


def test_home_links_to_the_amend_page(client) -> None:  # type: ignore[no-untyped-def]
    home = client.get("/").get_data(as_text=True)
    assert 'href="/amend"' in home and "Apply amendments to a draft" in home
    page = client.get("/amend")
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    for field in ("draft", "amendment1", "amendment4"):
        assert f'name="{field}_source"' in text and f'name="{field}_file"' in text
        assert f'name="{field}_text"' in text and f'name="{field}_id"' in text
    assert 'value="named"' in text


def test_page_amendments_from_a_paste_and_a_file_then_every_download(client) -> None:  # type: ignore[no-untyped-def]
    stored = client.post("/api/documents", json={"text": fixture("amendment2_en")}).get_json()
    form = {
        "draft_source": "named",
        "amendment1_source": "paste",
        "amendment1_text": fixture("amendment_en"),
        "amendment1_id": stored["id"],  # another source than the one chosen: not read
        "amendment2_source": "library",
        "amendment2_id": stored["id"],
        "amendment3_source": "file",
        "amendment4_source": "paste",
        "view": "side-by-side",
    }
    r = post_form(client, form)
    assert r.status_code == 303
    page = client.get(r.headers["Location"])
    text = page.get_data(as_text=True)
    assert "Draft and amendments" in text and "as amended by" in text
    assert "Word (tracked changes by amendment)" in text and 'class="tab active"' in text
    key = r.headers["Location"].split("/report/")[1].split("?")[0]
    body = client.get(f"/report/{key}.json").get_json()
    assert [a["symbol"] for a in body["amendments"]] == ["A/99/L.9", "A/99/L.10"]
    html = client.get(f"/report/{key}.html").get_data(as_text=True)
    assert "2 instructions not applied" in html
    for fmt in ("pdf", "docx"):
        got = client.get(f"/report/{key}.{fmt}")
        assert got.status_code == 200
        assert "A_99_L.7_amended_by_A_99_L.9_A_99_L.10" in got.headers["Content-Disposition"]


def test_page_with_a_draft_file_and_the_errors(client) -> None:  # type: ignore[no-untyped-def]
    form = {
        "draft_source": "file",
        "draft_file": (io.BytesIO(fixture("draft_en").encode()), "draft.txt"),
        "amendment1_source": "file",
        "amendment1_file": (io.BytesIO(fixture("amendment_en").encode()), "l9.txt"),
    }
    assert post_form(client, form).status_code == 303
    # a form posted from elsewhere (no CSRF token) is refused
    forged = client.post("/amend", data={"draft_source": "named", "amendment1_source": "library"})
    assert forged.status_code == 400 and b"the form was refused" in forged.data
    r = post_form(client, {"draft_source": "named", "amendment1_source": "library"})
    assert r.status_code == 400 and r.mimetype == "text/html"
    assert b"choose at least one amendment" in r.data
    r = post_form(
        client,
        {
            "draft_source": "library",
            "amendment1_source": "paste",
            "amendment1_text": fixture("amendment_en"),
        },
    )
    assert r.status_code == 400 and b"choose the draft" in r.data
    r = post_form(
        client,
        {
            "draft_source": "x",
            "amendment1_source": "paste",
            "amendment1_text": fixture("amendment_en"),
        },
    )
    assert r.status_code == 400 and b"draft_source must be one of library, file, paste" in r.data


# -- the three real amendments of session 80 ----------------------------------------------------


@needs_corpus
@pytest.mark.parametrize(
    ("amendment", "draft", "count"),
    [
        ("A_80_L.28", "A/80/L.3", 8),
        ("A_80_L.30", "A/80/L.25", 11),
        ("A_C.6_80_L.24", "A/C.6/80/L.14", 1),
    ],
)
def test_the_real_amendments_find_their_drafts_and_apply(
    tmp_path: Path, amendment: str, draft: str, count: int
) -> None:
    env = {
        "RESDIFF_DATA_DIR": str(tmp_path / "data"),
        "RESDIFF_MIRROR": str(COMMITTEE),
        "RESDIFF_ODS_URL": "http://127.0.0.1:9",
    }
    out = tmp_path / "report.json"
    r = run(
        env,
        "amend",
        str(COMMITTEE / f"{amendment}_en.txt"),
        "--format",
        "json",
        "-o",
        str(out),
        "--strict",
    )
    assert r.exit_code == 0, r.output
    import json

    body = json.loads(out.read_text(encoding="utf-8"))
    assert body["old"]["symbol"] == draft
    statuses = [i["status"] for a in body["amendments"] for i in a["instructions"]]
    assert statuses == ["applied"] * count
    assert "warning" not in r.stderr
