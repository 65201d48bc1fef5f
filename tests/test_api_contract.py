"""Real answers of every endpoint validate against the published ``/api/openapi.json``,
which declares every field the code emits (checked with ``additionalProperties: false``
added to every object schema of the copy used here)."""

from __future__ import annotations

import copy
import io
from typing import Any

import jsonschema
import pytest

from tests.conftest import FIXTURES, INTERPOL, needs_corpus
from tests.test_api import AMENDED, DRAFT
from tests.test_draft_report import BASE

AMENDMENTS = FIXTURES / "amendments"

#: the keys of one match of agreed language (the issue's contract, and the library id)
PRECEDENT_KEYS = ("symbol", "paragraph", "kind", "title", "adopted", "similarity", "text", "ops")


def _strict(node: Any) -> Any:
    """A copy of the document in which no object schema admits an undeclared field."""
    if isinstance(node, dict):
        out = {k: _strict(v) for k, v in node.items()}
        if "properties" in out and "additionalProperties" not in out:
            out["additionalProperties"] = False
        return out
    if isinstance(node, list):
        return [_strict(v) for v in node]
    return node


@pytest.fixture
def check(client):  # type: ignore[no-untyped-def]
    published = client.get("/api/openapi.json").get_json()
    doc = _strict(copy.deepcopy(published))

    def validate(response, path: str, method: str = "get") -> Any:  # type: ignore[no-untyped-def]
        """Validate ``response`` against what the document says of ``path`` and ``method``."""
        answers = doc["paths"][path][method]["responses"]
        answer = answers[str(response.status_code)]
        if "$ref" in answer:
            answer = doc["components"]["responses"][answer["$ref"].rsplit("/", 1)[1]]
        media = response.mimetype
        schema = answer["content"][media]["schema"]
        body = response.get_json()
        root = {**doc, **schema}  # the schema, whose "#/components/..." refs resolve in doc
        jsonschema.Draft202012Validator(root).validate(body)
        return body

    return validate


def test_documents(client, check) -> None:  # type: ignore[no-untyped-def]
    upload = {"file": (io.BytesIO(DRAFT.encode()), "draft.txt")}
    doc = check(client.post("/api/documents", data=upload), "/api/documents", "post")
    again = client.post("/api/documents", data={"file": (io.BytesIO(DRAFT.encode()), "b.txt")})
    assert check(again, "/api/documents", "post")["id"] == doc["id"]
    check(client.post("/api/documents", json={"text": AMENDED}), "/api/documents", "post")
    listed = check(client.get("/api/documents"), "/api/documents")
    assert listed["total"] == 2
    got = check(client.get(f"/api/documents/{doc['id']}"), "/api/documents/{doc_id}")
    assert got["structure"]["paragraphs"]


def test_compare_and_series(client, check) -> None:  # type: ignore[no-untyped-def]
    body = {"old": {"text": DRAFT}, "new": {"text": AMENDED}}
    comparison = check(client.post("/api/compare", json=body), "/api/compare", "post")
    assert {c["type"] for c in comparison["changes"]} >= {"reworded", "added"}
    third = AMENDED.replace("share information", "share information and data")
    series = {"documents": [{"text": DRAFT}, {"text": AMENDED}, {"text": third}]}
    rows = check(client.post("/api/series", json=series), "/api/series", "post")["rows"]
    assert rows and all(len(r["ids"]) == 3 for r in rows)


def test_amend(client, check) -> None:  # type: ignore[no-untyped-def]
    """An amended draft: amendments, instructions, each op's and change's amendment, the
    title's change, every field declared; its problems too."""
    amendments = [
        {"text": (AMENDMENTS / f"{n}.txt").read_text()} for n in ("amendment_en", "amendment2_en")
    ]
    draft = {"text": (AMENDMENTS / "draft_en.txt").read_text()}
    body = check(
        client.post("/api/amend", json={"draft": draft, "amendments": amendments}),
        "/api/amend",
        "post",
    )
    assert {i["status"] for a in body["amendments"] for i in a["instructions"]} == {
        "applied",
        "not found",
        "conflict",
    }
    assert body["title_change"]["ops"] and any(
        "amendment" in o for c in body["changes"] for o in c["ops"]
    )
    for wrong, status in (
        ({"draft": draft, "amendments": [draft]}, 422),
        ({"draft": amendments[0], "amendments": amendments[:1]}, 422),
        ({"amendments": []}, 400),
    ):
        r = client.post("/api/amend", json=wrong)
        assert check(r, "/api/amend", "post")["status"] == status


@needs_corpus
def test_a_real_comparison_and_series(client, check) -> None:  # type: ignore[no-untyped-def]
    """The INTERPOL texts: verb changes, moves, rollover, footnotes, every field filled."""
    docs = []
    for name in ("A_RES_73_11_en.txt", "A_RES_75_10_en.txt", "A_RES_77_20_en.txt"):
        data = (INTERPOL / name).read_bytes()
        r = client.post("/api/documents", data={"file": (io.BytesIO(data), name)})
        docs.append({"id": check(r, "/api/documents", "post")["id"]})
    body = check(
        client.post("/api/compare", json={"old": docs[0], "new": docs[1]}), "/api/compare", "post"
    )
    assert any(c["verb_change"] for c in body["changes"])
    assert any(c["routine"] for c in body["changes"] if c["type"] == "reworded")
    check(client.post("/api/series", json={"documents": docs}), "/api/series", "post")


@needs_corpus
def test_a_real_search_for_agreed_language(client, check) -> None:  # type: ignore[no-untyped-def]
    """``POST /api/precedents`` and ``POST /api/compare?precedents=true`` on the INTERPOL
    texts: real matches, every field declared."""
    for name in ("A_RES_73_11_en.txt", "A_RES_75_10_en.txt", "A_RES_77_20_en.txt"):
        data = (INTERPOL / name).read_bytes()
        assert (
            client.post("/api/documents", data={"file": (io.BytesIO(data), name)}).status_code
            == 201
        )
    paragraph = "Encourages INTERPOL and the United Nations to continue to cooperate in the fight against terrorism"
    body = {"text": paragraph, "limit": 3, "before": "2022-01-01", "exclude": ["A/RES/73/11"]}
    found = check(client.post("/api/precedents", json=body), "/api/precedents", "post")["matches"]
    assert 1 <= len(found) <= 3 and {m["symbol"] for m in found} == {"A/RES/75/10"}
    assert set(PRECEDENT_KEYS) <= set(found[0]) and found[0]["document"]
    sims = [m["similarity"] for m in found]
    assert sims == sorted(sims, reverse=True)
    assert "".join(o["new"] for o in found[0]["ops"]) == paragraph
    assert "".join(o["old"] for o in found[0]["ops"]) == found[0]["text"]
    versions = {
        "old": {"symbol": "A/RES/75/10"},
        "new": {"text": (INTERPOL / "A_RES_77_20_en.txt").read_text(encoding="utf-8")},
    }
    r = client.post("/api/compare?precedents=true", json=versions)
    comparison = check(r, "/api/compare", "post")
    searched = [c for c in comparison["changes"] if "precedents" in c]
    assert searched and all(
        c["type"] in ("added", "reworded", "moved", "split", "merged") for c in searched
    )
    shown = [p for c in searched for p in c["precedents"]]
    assert shown and {p["symbol"] for p in shown} == {"A/RES/73/11"}  # 75/10 and 77/20: compared
    plain = client.post("/api/compare", json=versions).get_json()
    assert not any("precedents" in c for c in plain["changes"])


def test_drafts(client, check) -> None:  # type: ignore[no-untyped-def]
    """A draft with edits made (and their reasons) and a proposal."""
    body = check(client.post("/api/drafts", json={"base": {"text": BASE}}), "/api/drafts", "post")
    assert body["draft"]["session"] == 79 and body["suggestions"]
    assert any("reason" in c for c in body["changes"])


@needs_corpus
def test_a_real_draft_with_its_previous_version(client, check) -> None:  # type: ignore[no-untyped-def]
    docs = []
    for name in ("A_RES_73_11_en.txt", "A_RES_75_10_en.txt"):
        data = (INTERPOL / name).read_bytes()
        r = client.post("/api/documents", data={"file": (io.BytesIO(data), name)})
        docs.append({"id": check(r, "/api/documents", "post")["id"]})
    r = client.post("/api/drafts", json={"base": docs[1], "previous": docs[0], "session": 77})
    body = check(r, "/api/drafts", "post")
    assert body["draft"]["base"] == "A/RES/75/10" and body["draft"]["period"] == 2
    assert [c["reason"] for c in body["changes"] if c.get("reason")]


@pytest.mark.parametrize(
    ("method", "path", "template", "kwargs", "status"),
    [
        ("get", "/api/documents/0123456789abcdef", "/api/documents/{doc_id}", {}, 404),
        ("delete", "/api/documents/0123456789abcdef", "/api/documents/{doc_id}", {}, 404),
        ("get", "/api/documents?limit=0", "/api/documents", {}, 400),
        ("post", "/api/compare", "/api/compare", {"json": {"old": {"text": "x"}}}, 400),
        ("post", "/api/compare", "/api/compare", {"data": "x", "content_type": "text/plain"}, 415),
        (
            "post",
            "/api/compare",
            "/api/compare",
            {"json": {"old": {"text": " "}, "new": {"text": "y"}}},
            422,
        ),
        ("post", "/api/series", "/api/series", {"json": {"documents": [{"text": "x"}]}}, 400),
        ("post", "/api/drafts", "/api/drafts", {"json": {"base": {"text": "x"}, "x": 1}}, 400),
        ("post", "/api/drafts", "/api/drafts", {"json": {"base": {"text": " "}}}, 422),
        (
            "post",
            "/api/documents",
            "/api/documents",
            {"data": {"file": (io.BytesIO(b""), "a.txt")}},
            422,
        ),
    ],
)
def test_problems(client, check, method, path, template, kwargs, status) -> None:  # type: ignore[no-untyped-def]
    r = getattr(client, method)(path, **kwargs)
    assert r.status_code == status and r.mimetype == "application/problem+json"
    assert check(r, template, method)["status"] == status


def test_too_large_and_health(app, client, check) -> None:  # type: ignore[no-untyped-def]
    app.config["MAX_CONTENT_LENGTH"] = 100
    r = client.post("/api/compare", data=b"x" * 200, content_type="application/json")
    assert check(r, "/api/compare", "post")["status"] == 413
    assert check(client.get("/healthz"), "/healthz")["status"] == "ok"
    assert check(client.get("/readyz"), "/readyz")["database"] == "ok"


def test_the_published_schemas_declare_every_field() -> None:
    """Resolution and Comparison list every key ``to_dict()`` emits."""
    import diffing
    from service.web.openapi import spec

    schemas = spec()["components"]["schemas"]
    res = diffing.parse(DRAFT)
    assert set(schemas["Resolution"]["properties"]) == set(res.to_dict())
    comparison = diffing.compare(res, diffing.parse(AMENDED)).to_dict()
    # the keys of an amended draft (``amendments``, ``title_change``, ``amendment``) are optional
    assert set(schemas["Comparison"]["required"]) == set(comparison)
    assert set(schemas["Comparison"]["properties"]) == set(comparison) | {
        "amendments",
        "title_change",
    }
    op = comparison["changes"][0]["ops"][0]
    assert set(schemas["Op"]["required"]) == set(op)
    assert set(schemas["Op"]["properties"]) == set(op) | {"amendment"}
    assert set(schemas["Change"]["required"]) == set(comparison["changes"][0])
    assert set(schemas["Change"]["properties"]) == set(comparison["changes"][0]) | {
        "amendment",
        "reason",
        "precedents",
    }
    assert set(schemas["Precedent"]["required"]) == {*PRECEDENT_KEYS, "document"}
    draft = diffing.next_draft(diffing.parse(BASE)).to_dict()
    assert set(schemas["Draft"]["required"]) == set(draft)
    assert set(schemas["DraftFront"]["required"]) == set(draft["draft"])
    assert set(schemas["Suggestion"]["required"]) == set(draft["suggestions"][0])
