"""The next draft as a report (issue 19): the ``draft`` kind of the pipeline, the Word
file (tracked changes, reasons and proposals as comments, the front matter of a draft),
its HTML, PDF and text redlines, ``resdiff draft``, ``POST /api/drafts`` and the
"Start the next draft" button of the library."""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pypdf
import pytest
from click.testing import CliRunner
from lxml import etree

import diffing
from service import reports
from service.cli import cli
from service.render.view import assembly_line
from tests.conftest import FIXTURES, INTERPOL, needs_corpus
from tests.test_render_docx import NS, _body, _body_texts, _q, _resolve

BASE = """A/RES/78/54

Resolution adopted by the General Assembly on 4 December 2023

78/54. Assistance to States

The General Assembly,

Recalling its resolutions 76/12 of 6 December 2021 and 77/30 of 6 December 2022,

Looking forward to the report to be submitted at its seventy-ninth session,

1. Requests the Secretary-General to report to it at its seventy-ninth session on the <b>implementation</b> of the present resolution;

2. Decides to include in the provisional agenda of its seventy-ninth session the item entitled “Assistance to States”.
"""


def _draft(text: str = BASE, session: int | None = None) -> diffing.Draft:
    return diffing.next_draft(diffing.parse(text), session)


def _render(d: diffing.Draft, fmt: str, **options: object) -> bytes:
    return reports.render("draft", d, fmt, reports.Options(**options))  # type: ignore[arg-type]


def _comments(data: bytes) -> list[str]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        root = etree.fromstring(z.read("word/comments.xml"))
    return ["".join(c.itertext()) for c in root.iterfind("w:comment", NS)]


def _check_accept_reject(d: diffing.Draft, data: bytes) -> None:
    """Accepting every revision gives the draft's paragraphs, rejecting them the base's."""
    assembly = assembly_line(d.new.language)
    assert _body_texts(_resolve(data, accept=True), assembly) == [p.text for p in d.new.paragraphs]
    assert _body_texts(_resolve(data, accept=False), assembly) == [p.text for p in d.old.paragraphs]


# -- the pipeline ------------------------------------------------------------------------


def test_the_draft_is_a_kind_of_report() -> None:
    kind = reports.KINDS["draft"]
    assert kind.formats == ("json", "text", "html", "pdf", "docx")
    assert (kind.min_versions, kind.max_versions) == (1, 2)
    req = reports.request("draft", "docx", reports.Options(session=81, view="side-by-side"))
    assert (req.options.session, req.options.view) == (81, "inline")  # no view for a draft
    for bad in (0, 200, True):
        with pytest.raises(reports.InvalidRequestError, match="session must be"):
            reports.Options(session=bad)  # type: ignore[arg-type]


def test_json_is_the_draft_with_its_front_matter_and_suggestions() -> None:
    d = _draft()
    body = json.loads(_render(d, "json"))
    assert body == json.loads(json.dumps(d.to_dict()))
    assert (
        body["draft"]["session"] == 79
        and body["draft"]["session_heading"] == "Seventy-ninth session"
    )
    assert [c["reason"] for c in body["changes"] if "reason" in c] == [
        "recalls 78/54 of 2023-12-04",
        "session 79 -> 80",
        "session 79 -> 80",
    ]
    assert [s["paragraph"] for s in body["suggestions"]] == ["PP2"]


# -- the Word file ---------------------------------------------------------------------------


def test_word_accepts_to_the_draft_and_rejects_to_the_base() -> None:
    d = _draft()
    data = _render(d, "docx", date="2025-11-20")
    _check_accept_reject(d, data)
    body = _body(data)
    revisions = body.xpath("//w:ins | //w:del", namespaces=NS)
    assert {r.get(_q("author")) for r in revisions} == {"resdiff"}
    assert {r.get(_q("date")) for r in revisions} == {"2025-11-20T00:00:00Z"}
    # the markup of the base stays text
    assert any("<b>implementation</b>" in (t.text or "") for t in body.iter(_q("t")))


def test_word_comments_give_each_reason_and_each_proposal() -> None:
    d = _draft()
    data = _render(d, "docx")
    comments = _comments(data)
    assert comments == [
        "Routine renewal edit: recalls 78/54 of 2023-12-04.",
        "Proposed, not made: session 79 -> 80. \u201cseventy-ninth\u201d \u2192 \u201ceightieth\u201d.",
        "Routine renewal edit: session 79 -> 80.",
        "Routine renewal edit: session 79 -> 80.",
    ]
    body = _body(data)
    comment_ids = [e.get(_q("id")) for e in body.iter(_q("commentReference"))]
    revision_ids = [e.get(_q("id")) for e in body.xpath("//w:ins | //w:del", namespaces=NS)]
    assert len(comment_ids) == 4 and not set(comment_ids) & set(revision_ids)
    # each reason's range holds its paragraph's revisions, the proposal's the words it
    # would change (which stay as they are); the reference marks are not revisions
    ranges = []
    for p in body.iterfind("w:p", NS):
        inside, ranged = False, []
        for el in p:
            if el.tag in (_q("commentRangeStart"), _q("commentRangeEnd")):
                inside = el.tag == _q("commentRangeStart")
            elif inside:
                ranged.append("".join(el.itertext()))
        if ranged:
            ranges.append("".join(ranged))
            assert p.find("w:r/w:commentReference", NS) is not None
    assert ranges == [
        " and , 77/30 of 6 December 2022 and 78/54 of 4 December 2023",
        "seventy-ninth",
        "seventy-nintheightieth",
        "seventy-nintheightieth",
    ]


def test_word_front_matter_is_the_uns_for_a_draft() -> None:
    data = _render(_draft(session=81), "docx", date="2026-10-01")
    body = _body(data)
    cells = ["".join(c.itertext()) for c in body.iterfind("w:tbl/w:tr/w:tc", NS)]
    assert cells == [
        "United NationsGeneral Assembly",
        "A/81/L.[..]Distr.: Limited1 October 2026Original: English",
    ]
    texts = _resolve(data, accept=True)
    head = [t for t in texts[: texts.index("The General Assembly,") + 1] if t]
    assert head == [
        "Eighty-first session",
        "Agenda item [..]",
        "Assistance to States",
        "[Sponsors]: draft resolution",
        "Assistance to States",
        "The General Assembly,",
    ]
    paras = body.findall("w:p", NS)
    first = next(p for p in paras if "".join(p.itertext()).startswith("Recalling"))
    assert first.find("w:r/w:rPr/w:i", NS) is not None  # the lead in italics
    numbered = [p for p in paras if p.find("w:pPr/w:numPr", NS) is not None]
    assert len(numbered) == 2  # operative paragraphs numbered by Word


def test_french_word_front_matter() -> None:
    d = diffing.next_draft(diffing.parse((FIXTURES / "A_RES_75_10_fr.md").read_text("utf-8")))
    data = _render(d, "docx", date="2022-10-01")
    _check_accept_reject(d, data)  # the Assembly line of the French text
    texts = _resolve(data, accept=True)
    assert "Soixante-dix-septième session" in texts
    assert "[Auteurs] : projet de résolution" in texts
    assert "Point [..] de l\u2019ordre du jour" in texts
    cells = ["".join(c.itertext()) for c in _body(data).iterfind("w:tbl/w:tr/w:tc", NS)]
    assert cells[0] == "Nations UniesAssemblée générale"
    assert "Distr. limitée1er octobre 2022Original : français" in cells[1]
    # the footnotes are Word's, in the order the text cites them
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        notes = etree.fromstring(z.read("word/footnotes.xml"))
    texts = ["".join(n.itertext()).strip() for n in notes.iterfind("w:footnote", NS)]
    cited = [m for p in d.old.paragraphs for m in p.footnotes]
    by_marker = {f.marker: f.text for f in d.old.footnotes}
    assert texts == ["", "", *(by_marker[m] for m in cited)]  # two separators first
    assert texts[2] == "Nations Unies, Recueil des Traités, vol. 1996, n° 1200."
    refs = [int(r.get(_q("id"))) for r in _body(data).iter(_q("footnoteReference"))]
    assert refs == list(range(1, len(cited) + 1))


def test_word_opens_in_libreoffice_with_its_tracked_changes(tmp_path: Path) -> None:
    """LibreOffice reads the revisions and comments: saved again as docx, the file still
    accepts to the draft and rejects to the base, and keeps the reasons."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed: cannot check the docx opens there")
    d = _draft()
    src = tmp_path / "in" / "draft.docx"
    src.parent.mkdir()
    src.write_bytes(_render(d, "docx"))
    subprocess.run(
        [soffice, "--headless", "--convert-to", "docx", "--outdir", str(tmp_path), str(src)],
        check=True,
        capture_output=True,
        timeout=180,
        env={"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"},
    )
    again = (tmp_path / "draft.docx").read_bytes()
    _check_accept_reject(d, again)
    assert "Routine renewal edit: session 79 -> 80." in _comments(again)


@needs_corpus
def test_the_interpol_draft_in_word() -> None:
    base = diffing.parse((INTERPOL / "A_RES_77_20_en.txt").read_text("utf-8"))
    d = diffing.next_draft(base)
    data = _render(d, "docx")
    _check_accept_reject(d, data)
    assert _comments(data) == [
        "Routine renewal edit: recalls 77/20 of 2022-11-21.",
        "Routine renewal edit: session 79 -> 81.",
        "Routine renewal edit: session 79 -> 81.",
    ]


# -- the redlines ------------------------------------------------------------------------


def test_html_shows_the_front_matter_the_edits_their_reasons_and_the_proposals() -> None:
    html = _render(_draft(), "html").decode()
    for line in (
        "United Nations",
        "Distr.: Limited",
        "A/79/L.[..]",
        "[Sponsors]: draft resolution",
    ):
        assert line in html
    assert html.count('class="rd-why"') >= 3 + 3  # the summary and the margin of each edit
    marks = re.sub(r'<span class="rd-vh">[^<]*</span>', "", html)  # words for screen readers
    assert "<del>seventy-ninth</del><ins>eightieth</ins>" in marks
    assert "Proposed, not made" in html and 'id="proposal-1"' in html
    assert "&lt;b&gt;implementation&lt;/b&gt;" in html and "<b>implementation" not in html


def test_text_lists_the_edits_then_the_proposals() -> None:
    text = _render(_draft(), "text").decode()
    assert text.startswith("Draft for the seventy-ninth session, from A/RES/78/54")
    made, _, proposed = text.partition("PROPOSED, NOT MADE")
    assert "OP1  session 79 -> 80" in made and "[-seventy-ninth-]{+eightieth+}" in made
    assert "PP2  session 79 -> 80" in proposed and "{+eightieth+}" in proposed


def test_pdf_is_the_html_redline() -> None:
    data = _render(_draft(), "pdf")
    text = "\n".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(data)).pages)
    for words in ("Distr.: Limited", "session 79 -> 80", "Proposed, not made", "eightieth"):
        assert words in text


# -- the command line --------------------------------------------------------------------


def test_cli_draft_in_every_format(tmp_path: Path) -> None:
    base = tmp_path / "base.txt"
    base.write_text(BASE, encoding="utf-8")
    env = {"RESDIFF_DATA_DIR": str(tmp_path / "data")}
    runner = CliRunner()
    for fmt in ("docx", "pdf", "html", "json"):
        out = tmp_path / f"draft.{fmt}"
        args = ["draft", str(base), "--session", "81", "--format", fmt, "-o", str(out)]
        run = runner.invoke(cli, args, env=env)
        assert run.exit_code == 0, run.output
    assert json.loads((tmp_path / "draft.json").read_text())["draft"]["session"] == 81
    d = _draft(session=81)
    _check_accept_reject(d, (tmp_path / "draft.docx").read_bytes())
    text = runner.invoke(cli, ["draft", str(base)], env=env)
    assert text.exit_code == 0 and "Draft for the seventy-ninth session" in text.output


def test_cli_draft_errors(tmp_path: Path) -> None:
    base = tmp_path / "base.txt"
    base.write_text(BASE, encoding="utf-8")
    env = {"RESDIFF_DATA_DIR": str(tmp_path / "data")}
    runner = CliRunner()
    run = runner.invoke(cli, ["draft", str(base), "--session", "77"], env=env)
    assert run.exit_code == 2
    assert run.output.strip() == "error: the draft's session (77) must come after the base's (78)"
    run = runner.invoke(cli, ["draft", str(base), "--format", "docx"], env=env)
    assert run.exit_code == 2 and "give -o FILE" in run.output
    paste = tmp_path / "paste.txt"
    paste.write_text("The General Assembly,\n\n1. Decides to act;\n", encoding="utf-8")
    run = runner.invoke(cli, ["draft", str(paste)], env=env)
    assert run.exit_code == 2 and run.output.startswith("error: the base's session is unknown")


@needs_corpus
def test_cli_previous_version_tells_the_period(tmp_path: Path) -> None:
    env = {"RESDIFF_DATA_DIR": str(tmp_path / "data")}
    args = ["draft", str(INTERPOL / "A_RES_75_10_en.txt"), "--format", "json"]
    alone = json.loads(CliRunner().invoke(cli, args, env=env).output)
    prev = json.loads(
        CliRunner()
        .invoke(cli, [*args, "--previous", str(INTERPOL / "A_RES_73_11_en.txt")], env=env)
        .output
    )
    assert alone["draft"]["session"] == prev["draft"]["session"] == 77
    assert prev["draft"]["period"] == 2


# -- the API and the pages -----------------------------------------------------------------


def test_api_drafts(client) -> None:  # type: ignore[no-untyped-def]
    r = client.post("/api/drafts", json={"base": {"text": BASE}, "session": 81})
    assert r.status_code == 200 and r.headers["X-Cache"] == "miss"
    assert r.get_json()["draft"]["session_heading"] == "Eighty-first session"
    again = client.post("/api/drafts", json={"base": {"text": BASE}, "session": 81})
    assert again.headers["X-Cache"] == "hit"
    other = client.post("/api/drafts", json={"base": {"text": BASE}})
    assert other.headers["X-Cache"] == "miss" and other.get_json()["draft"]["session"] == 79
    word = client.post("/api/drafts?format=docx", json={"base": {"text": BASE}})
    assert word.mimetype.endswith("wordprocessingml.document")
    assert "resdiff_draft_from_A_RES_78_54.docx" in word.headers["Content-Disposition"]
    _check_accept_reject(_draft(), word.data)
    html = client.post("/api/drafts?format=html", json={"base": {"text": BASE}})
    assert b"Proposed, not made" in html.data


@pytest.mark.parametrize(
    ("body", "detail"),
    [
        ({}, "the request has no field 'base'"),
        ({"base": {"text": BASE}, "session": "next"}, "session must be an integer"),
        (
            {"base": {"text": BASE}, "session": 0},
            "session must be a session number from 1 to 199, not 0",
        ),
        (
            {"base": {"text": BASE}, "session": 78},
            "the draft's session (78) must come after the base's (78)",
        ),
        ({"base": {"text": BASE}, "sessions": 80}, "the request has an unknown field 'sessions'"),
        ({"base": {"id": 3}}, "base.id must be a string"),
    ],
)
def test_api_drafts_bad_requests(client, body, detail: str) -> None:  # type: ignore[no-untyped-def]
    r = client.post("/api/drafts", json=body)
    assert r.status_code == 400 and r.mimetype == "application/problem+json"
    assert r.get_json()["detail"] == detail


def test_the_library_button_gives_the_word_file_and_the_redline(client) -> None:  # type: ignore[no-untyped-def]
    doc = client.post("/api/documents", json={"text": BASE}).get_json()
    pasted = client.post("/api/documents", json={"text": "The General Assembly,\n\n1. Acts;\n"})
    page = client.get("/").get_data(as_text=True)
    # one button: a pasted text of no session starts no draft
    assert page.count('action="/draft"') == 1 and page.count("Start the next draft") == 1
    assert f'name="id" value="{doc["id"]}"' in page
    assert f'name="id" value="{pasted.get_json()["id"]}"' not in page
    r = client.post("/draft", data={"id": doc["id"], "as": "docx"})
    assert r.status_code == 303 and r.headers["Location"].endswith(".docx")
    data = client.get(r.headers["Location"]).data
    _check_accept_reject(_draft(), data)
    r = client.post("/draft", data={"id": doc["id"], "as": "html"})
    report = client.get(r.headers["Location"]).get_data(as_text=True)
    assert "The next draft: routine renewal edits" in report and "Draft for <span" in report
    assert report.index("download-docx") < report.index("download-pdf")
    key = r.headers["Location"].rsplit("/", 1)[1]
    assert b"Draft for <span" in client.get(f"/report/{key}.html").data
    missing = client.post("/draft", data={})
    assert missing.status_code == 400 and b"choose the resolution" in missing.data
