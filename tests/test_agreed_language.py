"""Agreed language as a delegate meets it: ``resdiff precedents`` and ``compare
--precedents``, ``POST /api/precedents``, the search page and the document page, the
compare form's checkbox, and the reports that show precedents (text, html, pdf, Word).

The index itself is tested in ``test_precedents.py`` (both databases), the Done-when
of issue 13 on the real library in ``test_precedents_corpus.py``.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import diffing
from diffing.model import Comparison, Precedent
from diffing.precedents import attach
from service.cli import cli
from service.reports import render_comparison
from tests.conftest import INTERPOL, needs_corpus

OLD = """The General Assembly,

Recalling its resolution 1/1,

1. Decides to keep the matter under review;
"""
NEW = """The General Assembly,

Recalling its resolutions 1/1 and 2/2,

1. Decides to keep the matter under review;

2. Urges all Member States to cooperate with INTERPOL <in> the fight against crime;
"""
AGREED = "Urges Member States to cooperate with INTERPOL in the fight against crime;"
PARAGRAPH = (
    "Encourages INTERPOL and the United Nations to continue to cooperate in the fight against"
    " terrorism and transnational organized crime"
)


# -- reports -------------------------------------------------------------------------------


def comparison_with_precedents() -> Comparison:
    """NEW against OLD: OP2 (added) has agreed language, PP1 (reworded) none."""
    c = diffing.compare(diffing.parse(OLD), diffing.parse(NEW))

    def find(text: str) -> list[Precedent]:
        if "INTERPOL" not in text:
            return []
        d = diffing.worddiff.diff_words(AGREED, text)
        return [
            Precedent(
                "A/RES/78/9",
                "OP7",
                "operative",
                "Crime",
                "2023-12-01",
                d.similarity,
                AGREED,
                d.ops,
                "d1",
            )
        ]

    return attach(c, find)


def test_the_text_report_gives_each_paragraph_its_agreed_language() -> None:
    text = render_comparison(comparison_with_precedents(), "text").decode()
    assert "agreed language: A/RES/78/9 OP7 (8" in text  # 8x%
    assert "agreed language: none in the library" in text
    assert "Agreed language: 1 of 2 new or reworded paragraphs" in text
    plain = render_comparison(diffing.compare(diffing.parse(OLD), diffing.parse(NEW)), "text")
    assert b"agreed language" not in plain.lower()


def test_the_html_report_puts_the_redline_against_the_best_one_click_away() -> None:
    html = render_comparison(comparison_with_precedents(), "html").decode()
    agreed = re.findall(r'<div class="rd-agreed".*?</div>', html, re.S)
    assert len(agreed) == 2
    best = next(a for a in agreed if "A/RES/78/9" in a)
    assert "<details" in best and "redline against A/RES/78/9 OP7" in best
    assert re.search(r"<ins>(<span[^>]*>[^<]*</span>)?all </ins>", best)  # the query's words
    assert "&lt;in&gt;" in best  # escaped
    assert "agreed language:</span> <span" in best
    assert "<script" not in html.split("</style>", 1)[1].split("<footer", 1)[0]
    pdf_html = diffing_html(pdf=True)
    assert "A/RES/78/9 OP7, 8" in pdf_html and "<details" not in pdf_html.split("</style>")[1]


def diffing_html(pdf: bool) -> str:
    from service.render.html import render_comparison_html

    return render_comparison_html(comparison_with_precedents(), pdf=pdf)


def test_the_word_report_comments_on_each_paragraph_searched() -> None:
    body = render_comparison(comparison_with_precedents(), "docx")
    with zipfile.ZipFile(io.BytesIO(body)) as z:
        comments = z.read("word/comments.xml").decode()
        document = z.read("word/document.xml").decode()
    assert "Agreed language: A/RES/78/9 OP7, 8" in comments and AGREED in comments
    assert "Agreed language: none in the library" in comments
    assert document.count("<w:commentRangeStart") == 2
    revisions = [int(i) for i in re.findall(r'<w:(?:ins|del) w:id="(\d+)"', document)]
    assert revisions and min(revisions) >= 100_000  # never the id of a comment
    plain = render_comparison(diffing.compare(diffing.parse(OLD), diffing.parse(NEW)), "docx")
    with zipfile.ZipFile(io.BytesIO(plain)) as z:
        assert "word/comments.xml" not in z.namelist()


# -- the command line ------------------------------------------------------------------------


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return {
        "RESDIFF_DATA_DIR": str(tmp_path / "data"),
        "RESDIFF_MIRROR": str(INTERPOL),
        "RESDIFF_ODS_URL": "http://127.0.0.1:9",
        "RESDIFF_FETCH_TIMEOUT": "2",
    }


def run(env: dict[str, str], *args: str) -> Any:
    return CliRunner().invoke(cli, list(args), env=env, catch_exceptions=False)


@needs_corpus
def test_ingest_indexes_once_and_precedents_finds_best_first(env: dict[str, str]) -> None:
    r = run(
        env, "ingest", *(str(INTERPOL / f"A_RES_{n}_en.txt") for n in ("73_11", "75_10", "77_20"))
    )
    assert r.exit_code == 0, r.stderr
    indexed = int(re.search(r"; ([\d,]+) paragraphs indexed", r.stdout)[1].replace(",", ""))  # type: ignore[index]
    assert indexed > 90
    again = run(env, "ingest", str(INTERPOL / "A_RES_77_20_en.txt"))
    assert "0 added, 1 already stored" in again.stdout and "; 0 paragraphs indexed" in again.stdout
    r = run(env, "precedents", PARAGRAPH, "--format", "json", "--limit", "4")
    assert r.exit_code == 0, r.stderr
    matches = json.loads(r.stdout)["matches"]
    assert len(matches) == 4
    assert [m["similarity"] for m in matches] == sorted(
        (m["similarity"] for m in matches), reverse=True
    )
    assert "".join(o["new"] for o in matches[0]["ops"]) == PARAGRAPH
    r = run(
        env,
        "precedents",
        PARAGRAPH,
        "--format",
        "json",
        "--before",
        "2021-01-01",
        "--exclude",
        "A/RES/73/11",
    )
    assert {m["symbol"] for m in json.loads(r.stdout)["matches"]} == {"A/RES/75/10"}
    r = run(env, "precedents", PARAGRAPH, "--limit", "2")
    lines = r.stdout.splitlines()
    assert re.match(
        r"1\. A/RES/\d+/\d+ (PP|OP)\d+  \d+%  (preambular|operative)  adopted 20", lines[0]
    )
    assert "[-" in r.stdout or "{+" in r.stdout


@needs_corpus
def test_a_paragraph_of_a_document_leaves_its_document_out(
    env: dict[str, str], tmp_path: Path
) -> None:
    run(env, "ingest", str(INTERPOL))
    r = run(env, "precedents", "--paragraph", "A/RES/77/20:OP1", "--format", "json")
    assert r.exit_code == 0, r.stderr
    found = json.loads(r.stdout)["matches"]
    assert found and all(m["symbol"] != "A/RES/77/20" for m in found)
    # A/RES/79/136 is stored twice (its text and its PDF): both copies are left out
    r = run(env, "precedents", "--paragraph", "A/RES/79/136:OP7", "--format", "json")
    found = json.loads(r.stdout)["matches"]
    assert found and all(m["symbol"] != "A/RES/79/136" for m in found)
    paragraph = tmp_path / "p.txt"
    paragraph.write_text(PARAGRAPH, encoding="utf-8")
    by_file = run(env, "precedents", "--file", str(paragraph), "--format", "json")
    assert json.loads(by_file.stdout) == json.loads(
        run(env, "precedents", PARAGRAPH, "--format", "json").stdout
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--paragraph", "A/RES/77/20:OP99"), "A/RES/77/20 has no paragraph OP99"),
        (("--paragraph", "OP1"), "--paragraph takes SYMBOL:ID"),
        (("x y", "--before", "2025-13-01"), "'before' must be a date"),
        (("--file", "/nonexistent/p.txt"), "no such file"),
        (("   ",), "the text to search for is empty"),
    ],
)
@needs_corpus
def test_bad_requests_are_one_line_errors(
    env: dict[str, str], args: tuple[str, ...], message: str
) -> None:
    r = run(env, "precedents", *args)
    assert r.exit_code == 2 and message in r.stderr and r.stderr.startswith("error: ")
    assert "Traceback" not in r.stderr


def test_the_paragraph_is_given_once(env: dict[str, str]) -> None:
    r = run(env, "precedents")
    assert r.exit_code == 2 and "give the paragraph as TEXT, --file F or --paragraph" in r.stderr
    r = run(env, "precedents", "x", "--file", "f.txt")
    assert r.exit_code == 2


@needs_corpus
def test_compare_with_precedents(env: dict[str, str]) -> None:
    run(env, "ingest", str(INTERPOL / "A_RES_73_11_en.txt"))
    pair = (str(INTERPOL / "A_RES_75_10_en.txt"), str(INTERPOL / "A_RES_77_20_en.txt"))
    r = run(env, "compare", *pair, "--precedents", "--format", "json")
    assert r.exit_code == 0, r.stderr
    shown = [p for c in json.loads(r.stdout)["changes"] for p in c.get("precedents", [])]
    assert shown and {p["symbol"] for p in shown} == {"A/RES/73/11"}
    text = run(env, "compare", *pair, "--precedents").stdout
    assert "agreed language: A/RES/73/11 " in text
    assert "precedents" not in run(env, "compare", *pair, "--format", "json").stdout


# -- the web pages and the API --------------------------------------------------------------


@pytest.fixture
def loaded(client: Any) -> Any:
    if not INTERPOL.is_dir():
        pytest.skip("../shared/corpus is absent: real UN texts not available")
    assert client.post("/load-interpol").status_code == 200
    return client


def test_the_home_page_leads_to_agreed_language(client: Any) -> None:
    home = client.get("/").get_data(as_text=True)
    assert 'action="/precedents"' in home and 'href="/precedents"' in home
    assert 'name="precedents"' in home  # the compare form's checkbox
    page = client.get("/precedents")
    assert page.status_code == 200 and 'name="text"' in page.get_data(as_text=True)


def test_the_search_page_finds_the_precedents_and_links_their_documents(loaded: Any) -> None:
    r = loaded.post("/precedents", data={"text": PARAGRAPH, "limit": "3", "before": "2021-01-01"})
    page = r.get_data(as_text=True)
    assert r.status_code == 200 and "3 closest paragraphs" in page
    links = re.findall(r'href="(/documents/[0-9a-f]+#(?:PP|OP)\d+)"', page)
    assert len(links) == 3
    assert "A/RES/77/20" not in re.sub(
        r"<textarea.*?</textarea>", "", page, flags=re.S
    )  # 2022: after
    assert "<ins>" in page and "<del>" in page
    doc = loaded.get(links[0].split("#")[0])
    text = doc.get_data(as_text=True)
    assert doc.status_code == 200 and f'id="{links[0].split("#")[1]}"' in text
    assert loaded.get("/documents/0123456789abcdef").status_code == 404


@pytest.mark.parametrize(
    ("form", "status", "message"),
    [
        ({"text": "  "}, 422, "the text to search for is empty"),
        ({"text": "a b", "before": "soon"}, 400, "&#39;before&#39; must be a date"),
        ({"text": "a b", "limit": "many"}, 400, "choose how many matches"),
    ],
)
def test_the_search_page_says_what_is_wrong(
    client: Any, form: dict[str, str], status: int, message: str
) -> None:
    r = client.post("/precedents", data=form)
    assert r.status_code == status and message in r.get_data(as_text=True)


def test_the_compare_form_asks_for_agreed_language(loaded: Any) -> None:
    ids = {d["symbol"]: d["id"] for d in loaded.get("/api/documents").get_json()["documents"]}
    form = {"old_id": ids["A/RES/75/10"], "new_id": ids["A/RES/77/20"], "precedents": "true"}
    r = loaded.post("/compare", data=form)
    assert r.status_code == 303
    page = loaded.get(r.headers["Location"]).get_data(as_text=True)
    assert "with agreed language" in page
    key = r.headers["Location"].split("/report/")[1].split("?")[0]
    html = loaded.get(f"/report/{key}.html").get_data(as_text=True)
    assert 'class="rd-agreed"' in html and "A/RES/73/11 " in html
    plain = loaded.post("/compare", data={k: v for k, v in form.items() if k != "precedents"})
    assert plain.headers["Location"] != r.headers["Location"]
    plain_key = plain.headers["Location"].split("/report/")[1].split("?")[0]
    assert 'class="rd-agreed"' not in loaded.get(f"/report/{plain_key}.html").get_data(as_text=True)


@pytest.mark.parametrize(
    ("body", "status", "detail"),
    [
        ({"text": "a b", "limit": 0}, 400, "limit must be at least 1"),
        ({"text": "a b", "limit": 51}, 400, "limit must be at most 50"),
        ({"text": "a b", "before": "31/12/2025"}, 400, "'before' must be a date"),
        ({"text": "a b", "exclude": "A/RES/1/1"}, 400, "exclude must be a list"),
        ({"text": "a b", "x": 1}, 400, "unknown field 'x'"),
        ({"limit": 3}, 400, "no field 'text'"),
        ({"text": " "}, 422, "the text to search for is empty"),
        ({"text": "word " * 5001}, 413, "the limit is 5,000"),
    ],
)
def test_the_api_refuses_bad_requests_clearly(
    client: Any, body: dict[str, Any], status: int, detail: str
) -> None:
    r = client.post("/api/precedents", json=body)
    assert r.status_code == status and r.mimetype == "application/problem+json"
    assert detail in r.get_json()["detail"]


def test_compare_refuses_a_bad_precedents_flag(client: Any) -> None:
    body = {"old": {"text": OLD}, "new": {"text": NEW}}
    r = client.post("/api/compare?precedents=maybe", json=body)
    assert r.status_code == 400 and "precedents must be true or false" in r.get_json()["detail"]
    r = client.post("/api/compare?precedents=true", json=body)
    assert r.status_code == 200
    added = next(c for c in r.get_json()["changes"] if c["type"] == "added")
    assert added["precedents"] == []  # an empty library: looked for, none found
