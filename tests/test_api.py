"""The HTTP API: documents, comparisons, series, limits, OpenAPI."""

from __future__ import annotations

import io

import pytest

from tests.conftest import FIXTURES, INTERPOL, needs_corpus

DRAFT = """The General Assembly,

Recalling its resolution 75/10 of 23 November 2020,

1. Welcomes the cooperation between the two organizations;

2. Requests the Secretary-General to report on the implementation of the present resolution.
"""
AMENDED = DRAFT.replace("Welcomes", "Strongly welcomes").replace(
    "2. Requests", "2. Encourages Member States to share information;\n\n3. Requests"
)


def upload(client, data: bytes, name: str = "draft.txt"):  # type: ignore[no-untyped-def]
    return client.post("/api/documents", data={"file": (io.BytesIO(data), name)})


def test_upload_returns_201_with_location_and_structure(client) -> None:  # type: ignore[no-untyped-def]
    r = upload(client, DRAFT.encode())
    assert r.status_code == 201
    body = r.get_json()
    assert r.headers["Location"] == f"/api/documents/{body['id']}"
    assert body["source"] == "upload" and body["filename"] == "draft.txt"
    ids = [p["id"] for p in body["structure"]["paragraphs"]]
    assert "OP1" in ids and "OP2" in ids
    assert body["paragraphs"] == len(ids)


def test_same_content_twice_returns_the_stored_document(client) -> None:  # type: ignore[no-untyped-def]
    first = upload(client, DRAFT.encode(), "a.txt")
    second = upload(client, DRAFT.encode(), "b.txt")
    assert (first.status_code, second.status_code) == (201, 200)
    assert second.get_json()["id"] == first.get_json()["id"]
    assert client.get("/api/documents").get_json()["total"] == 1


def test_uploaded_file_names_are_display_only(client) -> None:  # type: ignore[no-untyped-def]
    r = upload(client, DRAFT.encode(), "../../etc/evil.txt")
    assert r.status_code == 201
    assert r.get_json()["filename"] == "evil.txt"


def test_get_original_and_delete(client) -> None:  # type: ignore[no-untyped-def]
    doc = upload(client, DRAFT.encode()).get_json()
    r = client.get(f"/api/documents/{doc['id']}/original")
    assert r.status_code == 200 and r.data == DRAFT.encode()
    assert r.content_type.startswith("text/plain")
    assert client.get(f"/api/documents/{doc['id']}").get_json()["sha256"] == doc["sha256"]
    assert client.delete(f"/api/documents/{doc['id']}").status_code == 204
    assert client.get(f"/api/documents/{doc['id']}").status_code == 404


def test_list_is_paginated(client) -> None:  # type: ignore[no-untyped-def]
    for i in range(3):
        upload(client, DRAFT.replace("75/10", f"75/{i + 1}").encode(), f"d{i}.txt")
    page = client.get("/api/documents?limit=2&offset=0").get_json()
    rest = client.get("/api/documents?limit=2&offset=2").get_json()
    assert page["total"] == 3 and len(page["documents"]) == 2 and len(rest["documents"]) == 1
    assert "structure" not in page["documents"][0]
    r = client.get("/api/documents?limit=abc")
    assert r.status_code == 400 and "limit" in r.get_json()["detail"]


def test_add_document_by_text(client) -> None:  # type: ignore[no-untyped-def]
    r = client.post("/api/documents", json={"text": DRAFT})
    assert r.status_code == 201 and r.get_json()["source"] == "paste"


def test_compare_texts_json(client) -> None:  # type: ignore[no-untyped-def]
    r = client.post("/api/compare", json={"old": {"text": DRAFT}, "new": {"text": AMENDED}})
    assert r.status_code == 200 and r.mimetype == "application/json"
    body = r.get_json()
    assert body["summary"]["added"] == 1
    assert body["summary"]["reworded"] >= 1


def test_compare_by_id_and_text_gives_the_same_answer(client) -> None:  # type: ignore[no-untyped-def]
    doc_id = upload(client, DRAFT.encode()).get_json()["id"]
    by_id = client.post("/api/compare", json={"old": {"id": doc_id}, "new": {"text": AMENDED}})
    by_text = client.post("/api/compare", json={"old": {"text": DRAFT}, "new": {"text": AMENDED}})
    assert by_id.get_json()["changes"] == by_text.get_json()["changes"]


@pytest.mark.parametrize(
    ("fmt", "media", "magic"),
    [
        ("html", "text/html", b"<"),
        ("pdf", "application/pdf", b"%PDF-"),
        ("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", b"PK"),
    ],
)
def test_compare_formats(client, fmt: str, media: str, magic: bytes) -> None:  # type: ignore[no-untyped-def]
    r = client.post(
        f"/api/compare?format={fmt}", json={"old": {"text": DRAFT}, "new": {"text": AMENDED}}
    )
    assert r.status_code == 200, r.data[:300]
    assert r.mimetype == media
    assert r.data.lstrip().startswith(magic)
    if fmt in ("pdf", "docx"):
        assert r.headers["Content-Disposition"].startswith("attachment; filename=")
        assert r.headers["Content-Disposition"].endswith(f".{fmt}")


def test_html_views(client) -> None:  # type: ignore[no-untyped-def]
    body = {"old": {"text": DRAFT}, "new": {"text": AMENDED}}
    inline = client.post("/api/compare?format=html&view=inline", json=body)
    side = client.post("/api/compare?format=html&view=side-by-side", json=body)
    assert inline.status_code == side.status_code == 200
    assert inline.data != side.data
    bad = client.post("/api/compare?format=html&view=diagonal", json=body)
    assert bad.status_code == 400 and "view" in bad.get_json()["detail"]


def test_unknown_format_is_400(client) -> None:  # type: ignore[no-untyped-def]
    r = client.post(
        "/api/compare?format=xls", json={"old": {"text": DRAFT}, "new": {"text": DRAFT}}
    )
    assert r.status_code == 400 and "xls" in r.get_json()["detail"]


@needs_corpus
def test_compare_symbols_through_the_mirror(client) -> None:  # type: ignore[no-untyped-def]
    body = {"old": {"symbol": "A/RES/73/11"}, "new": {"symbol": "a/res/75/10", "language": "en"}}
    r = client.post("/api/compare", json=body)
    assert r.status_code == 200, r.get_json()
    got = r.get_json()
    assert got["old"]["symbol"] == "A/RES/73/11" and got["new"]["symbol"] == "A/RES/75/10"
    listed = client.get("/api/documents").get_json()
    assert {d["symbol"] for d in listed["documents"]} == {"A/RES/73/11", "A/RES/75/10"}
    assert {d["source"] for d in listed["documents"]} == {"mirror"}
    # the second time, from the store and the cache: the same answer
    assert client.post("/api/compare", json=body).get_json() == got


@needs_corpus
def test_french_markdown_fixture_upload(client) -> None:  # type: ignore[no-untyped-def]
    data = (FIXTURES / "A_RES_75_10_fr.md").read_bytes()
    r = upload(client, data, "A_RES_75_10_fr.md")
    assert r.status_code == 201
    assert r.get_json()["language"] == "fr"


@needs_corpus
def test_series_of_the_interpol_resolutions(client) -> None:  # type: ignore[no-untyped-def]
    docs = [{"symbol": s} for s in ("A/RES/73/11", "A/RES/75/10", "A/RES/77/20")]
    r = client.post("/api/series", json={"documents": docs})
    assert r.status_code == 200
    body = r.get_json()
    assert [v["symbol"] for v in body["versions"]] == ["A/RES/73/11", "A/RES/75/10", "A/RES/77/20"]
    assert all(len(row["ids"]) == 3 for row in body["rows"])


@needs_corpus
def test_upload_the_official_pdf(client) -> None:  # type: ignore[no-untyped-def]
    data = (INTERPOL / "A_RES_79_136_en.pdf").read_bytes()
    r = upload(client, data, "A_RES_79_136_en.pdf")
    assert r.status_code == 201
    body = r.get_json()
    assert body["media_type"] == "application/pdf" and body["symbol"] == "A/RES/79/136"
    assert client.get(f"/api/documents/{body['id']}/original").data == data


def test_series_needs_two_documents(client) -> None:  # type: ignore[no-untyped-def]
    r = client.post("/api/series", json={"documents": [{"text": DRAFT}]})
    assert r.status_code == 400 and "between 2 and" in r.get_json()["detail"]


def test_symbol_unknown_to_mirror_and_unreachable_un_is_502(client) -> None:  # type: ignore[no-untyped-def]
    r = client.post("/api/compare", json={"old": {"symbol": "A/RES/71/19"}, "new": {"text": DRAFT}})
    assert r.status_code == 502
    assert r.get_json()["title"] == "Document system unavailable"


def test_limits_on_paragraphs_and_words(app, client) -> None:  # type: ignore[no-untyped-def]
    from service.config import Limits

    app.extensions["resdiff.limits"] = Limits(paragraphs=2)
    r = client.post("/api/compare", json={"old": {"text": DRAFT}, "new": {"text": AMENDED}})
    assert r.status_code == 413
    assert "paragraphs: the limit is 2" in r.get_json()["detail"]
    app.extensions["resdiff.limits"] = Limits(words=10)
    r = upload(client, DRAFT.encode())
    assert r.status_code == 413 and "words" in r.get_json()["detail"]
    app.extensions["resdiff.limits"] = Limits(compare_words=40)
    r = client.post("/api/compare", json={"old": {"text": DRAFT}, "new": {"text": AMENDED}})
    assert r.status_code == 413 and "together" in r.get_json()["detail"]


def test_file_size_limit(app, client) -> None:  # type: ignore[no-untyped-def]
    from service.config import Limits

    app.extensions["resdiff.limits"] = Limits(file_bytes=100)
    r = upload(client, DRAFT.encode())
    assert r.status_code == 413 and "bytes: the limit is 100" in r.get_json()["detail"]


def test_healthz_and_readyz(client) -> None:  # type: ignore[no-untyped-def]
    r = client.get("/healthz")
    assert r.status_code == 200 and r.get_json() == {"status": "ok"}
    r = client.get("/readyz")
    assert r.status_code == 200
    body = r.get_json()
    assert body["status"] == "ok" and body["database"] == "ok" and body["pool"]["size"] >= 1


def test_openapi_describes_every_route(app, client) -> None:  # type: ignore[no-untyped-def]
    spec = client.get("/api/openapi.json").get_json()
    assert spec["openapi"].startswith("3.")
    documented = {
        (path, method.upper())
        for path, ops in spec["paths"].items()
        for method in ops
        if method != "parameters"
    }
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith("/api") and rule.rule not in ("/healthz", "/readyz"):
            continue
        path = rule.rule.replace("<", "{").replace(">", "}")
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            assert (path, method) in documented, (path, method)


def test_openapi_is_a_valid_schema(client) -> None:  # type: ignore[no-untyped-def]
    import schemathesis

    spec = client.get("/api/openapi.json").get_json()
    schema = schemathesis.openapi.from_dict(spec)
    assert {op.ok().label for op in schema.get_all_operations()} >= {
        "POST /api/compare",
        "POST /api/series",
        "POST /api/documents",
        "GET /api/documents/{doc_id}",
    }
    # the request bodies of the spec validate our own examples
    import jsonschema

    request_schema = {
        **spec["components"]["schemas"]["CompareRequest"],
        "components": spec["components"],
    }
    jsonschema.validate({"old": {"symbol": "A/RES/73/11"}, "new": {"text": "x"}}, request_schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"old": {"symbol": "A/RES/73/11"}}, request_schema)


def test_documents_by_symbol_from_the_un_system(app, client, fake_un) -> None:  # type: ignore[no-untyped-def]
    from service.library.ods import Retriever

    app.extensions["resdiff.retriever"] = Retriever(base_url=fake_un.url, timeout=10)
    first = client.post("/api/documents", json={"symbol": "A/RES/79/136", "language": "en"})
    assert first.status_code == 201, first.get_json()
    assert first.get_json()["source"] == "ods"
    again = client.post("/api/documents", json={"symbol": "A/RES/79/136"})
    assert again.status_code == 200 and again.get_json()["id"] == first.get_json()["id"]
    r = client.post(
        "/api/compare", json={"old": {"symbol": "A/RES/99/999"}, "new": {"text": DRAFT}}
    )
    assert r.status_code == 502
    assert r.get_json()["detail"] == (
        "the UN document system did not return a PDF for A/RES/99/999"
    )
    r = client.post("/api/compare", json={"old": {"symbol": "A/RES/98/1"}, "new": {"text": DRAFT}})
    assert r.status_code == 404 and "A/RES/98/1" in r.get_json()["detail"]


def test_each_problem_says_what_went_wrong(client, app) -> None:  # type: ignore[no-untyped-def]
    def kind(r) -> tuple[int, str, str]:  # type: ignore[no-untyped-def]
        assert r.mimetype == "application/problem+json"
        body = r.get_json()
        return body["status"], body["type"].rsplit("/", 1)[-1], body["title"]

    wrong_type = client.post("/api/compare", data="{}", content_type="text/plain")
    assert kind(wrong_type) == (415, "unsupported-media-type", "Unsupported media type")
    upload = client.post("/api/documents", data=b"x", content_type="application/octet-stream")
    assert kind(upload)[:2] == (415, "unsupported-media-type")
    language = client.post("/api/documents", json={"symbol": "A/RES/79/136", "language": "xx"})
    assert kind(language) == (400, "invalid-request", "Invalid request")
    assert "unknown language 'xx'" in language.get_json()["detail"]
    limit = app.config["MAX_CONTENT_LENGTH"]
    big = client.post("/api/compare", data=b"x" * (limit + 1), content_type="application/json")
    assert kind(big)[:2] == (413, "too-large")
    assert kind(client.get("/api/nothing-here")) == (404, "about:blank", "Not Found")
