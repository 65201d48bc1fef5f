"""Accounts, private drafts, sharing, CSRF, the audit trail and rate limits, through the
API, the pages and the CLI.

ana and bea are in the group ``eu``, carl in ``au``; root is an admin. ana's draft is
private: carl (another group) can neither see, list, fetch the original of, compare
with, share nor delete it, by its id or by guessing one; nor is a cached report made
from it served to him. Once ana shares it with ``eu``, bea sees it (and may still
neither share nor delete it).
"""

from __future__ import annotations

import io
import logging
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from flask import Flask
from flask.testing import FlaskClient

from service.cli import cli
from service.errors import ResdiffError
from service.library import Accounts, open_store
from service.library.store import sha256
from service.web.app import create_app
from service.web.server import check_exposure

DRAFT = (
    "The General Assembly,\n\nRecalling its resolution 1/1,\n\n"
    "1. Decides to keep this confidential draft between the members of the EU;\n"
)
OFFICIAL = (
    "The General Assembly,\n\nRecalling its resolution 1/1,\n\n"
    "1. Decides to remain seized of the matter.\n"
)


def make_app(tmp_path: Path, **extra: Any) -> Flask:
    return create_app(
        {
            "TESTING": True,
            "RESDIFF_DATA_DIR": str(tmp_path / "data"),
            "RESDIFF_MIRROR": None,
            "RESDIFF_ODS_URL": "http://127.0.0.1:9",
            **extra,
        }
    )


class People:
    """The accounts of a test, their tokens, and API calls made as each of them."""

    def __init__(self, app: Flask) -> None:
        self.app = app
        self.client = app.test_client()
        with open_store(app.config["RESDIFF_DATABASE"]) as store:
            accounts = Accounts(store)
            self.tokens = {
                "ana": accounts.add("ana", groups=["eu"])[1],
                "bea": accounts.add("bea", groups=["eu"])[1],
                "carl": accounts.add("carl", groups=["au"])[1],
                "root": accounts.add("root", admin=True)[1],
            }
            official, _ = store.add_document(
                original=OFFICIAL.encode(),
                structure={"paragraphs": []},
                source="ods",
                language="en",
                symbol="A/RES/2/2",
            )
            self.official = official.id

    def headers(self, who: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.tokens[who]}"}

    def call(self, who: str, method: str, path: str, **kw: Any) -> Any:
        return self.client.open(path, method=method, headers=self.headers(who), **kw)

    def upload(self, who: str, text: str, name: str = "draft.txt") -> dict[str, Any]:
        r = self.call(who, "POST", "/api/documents", json={"text": text})
        assert r.status_code == 201, r.get_json()
        return dict(r.get_json())


@pytest.fixture
def people(tmp_path: Path) -> People:
    return People(make_app(tmp_path, WTF_CSRF_ENABLED=False))


def ids_listed(people: People, who: str) -> set[str]:
    body = people.call(who, "GET", "/api/documents?limit=500").get_json()
    assert body["total"] == len(body["documents"])
    return {d["id"] for d in body["documents"]}


# -- authentication ----------------------------------------------------------------------


def test_once_an_account_exists_every_request_is_authenticated(people: People) -> None:
    c = people.client
    r = c.get("/api/documents")
    assert r.status_code == 401 and r.mimetype == "application/problem+json"
    assert r.get_json()["type"] == "/problems/unauthenticated"
    assert r.headers["WWW-Authenticate"].startswith("Bearer")
    for bad in ("Bearer rd_not-a-token", "Basic YW5hOmFuYQ==", "Bearer"):
        r = c.get("/api/documents", headers={"Authorization": bad})
        assert r.status_code == 401, bad
    assert c.post("/api/compare", json={}).status_code == 401
    page = c.get("/")
    assert page.status_code == 302 and "/login" in page.headers["Location"]
    # open to anyone: the sign-in form, the health check, the API description, static files
    for path in ("/login", "/healthz", "/readyz", "/api/openapi.json", "/static/style.css"):
        assert c.get(path).status_code == 200, path
    assert c.get("/healthz").get_json() == {"status": "ok"}  # issue 16: touches no database
    assert c.get("/readyz").get_json()["database"] == "ok"
    assert people.call("ana", "GET", "/api/documents").status_code == 200


def test_auth_required_before_the_first_account(tmp_path: Path) -> None:
    app = make_app(tmp_path, RESDIFF_AUTH="required")
    assert app.test_client().get("/api/documents").status_code == 401
    open_app = make_app(tmp_path / "open")
    assert open_app.test_client().get("/api/documents").status_code == 200


# -- a private draft does not exist for another delegation ------------------------------------


def test_carl_can_do_nothing_with_anas_private_draft(people: People) -> None:
    draft = people.upload("ana", DRAFT)
    assert draft["owner"] == "ana" and draft["shared_with"] == []
    doc = draft["id"]
    assert doc in ids_listed(people, "ana") and people.official in ids_listed(people, "carl")
    assert doc not in ids_listed(people, "carl")

    def refused(method: str, path: str, **kw: Any) -> None:
        r = people.call("carl", method, path, **kw)
        assert r.status_code == 404, (method, path, r.get_json())

    refused("GET", f"/api/documents/{doc}")
    refused("GET", f"/api/documents/{doc}/original")
    refused("PATCH", f"/api/documents/{doc}", json={"shared_with": ["carl"]})
    refused("DELETE", f"/api/documents/{doc}")
    refused("POST", "/api/compare", json={"old": {"id": people.official}, "new": {"id": doc}})
    refused("POST", "/api/series", json={"documents": [{"id": people.official}, {"id": doc}]})
    # guessing: the id the content would give, and any other
    for guess in (sha256(DRAFT.encode())[:16], "0" * 16, doc.upper(), doc + "0"):
        refused("GET", f"/api/documents/{guess}")
    # the saved report of ana's comparison, and its files
    page = people.client.post(
        "/compare",
        data={"old_id": people.official, "new_id": doc},
        headers=people.headers("ana"),
    )
    assert page.status_code == 303
    report = page.headers["Location"].split("?")[0]
    assert people.call("ana", "GET", report).status_code == 200
    for path in (report, report + ".html", report + ".json", report + ".pdf"):
        refused("GET", path)
    # absent from carl's pages (the library, the pickers of the compare and series forms)
    home = people.call("carl", "GET", "/").get_data(as_text=True)
    assert doc not in home and people.official in home
    # and still there, untouched, for ana
    assert people.call("ana", "GET", f"/api/documents/{doc}").get_json()["owner"] == "ana"


def test_a_cached_report_is_not_served_to_who_cannot_see_its_documents(people: People) -> None:
    doc = people.upload("ana", DRAFT)["id"]
    body = {"old": {"id": people.official}, "new": {"id": doc}}
    first = people.call("ana", "POST", "/api/compare?format=html", json=body)
    again = people.call("ana", "POST", "/api/compare?format=html", json=body)
    assert (first.headers["X-Cache"], again.headers["X-Cache"]) == ("miss", "hit")
    # carl, knowing the text, asks for the very same comparison: made for him, not served
    pasted = {"old": {"id": people.official}, "new": {"text": DRAFT}}
    mine = people.call("carl", "POST", "/api/compare?format=html", json=pasted)
    assert mine.status_code == 200 and mine.headers["X-Cache"] == "miss"
    # official documents only: one cached report for everyone
    both = {"old": {"id": people.official}, "new": {"id": people.official}}
    assert people.call("ana", "POST", "/api/compare", json=both).headers["X-Cache"] == "miss"
    assert people.call("carl", "POST", "/api/compare", json=both).headers["X-Cache"] == "hit"


def test_agreed_language_comes_only_from_what_one_sees(people: People) -> None:
    """A private draft is its owner's precedent, nobody else's; a report with agreed
    language is cached for those who see the same library, and made again once the
    draft is shared."""
    doc = people.upload("ana", DRAFT)["id"]
    asked = {"text": "Decides to keep this confidential draft between the members of the EU"}

    def sources(who: str) -> list[str | None]:
        r = people.call(who, "POST", "/api/precedents", json=asked)
        assert r.status_code == 200, r.get_json()
        return [m["document"] for m in r.get_json()["matches"]]

    assert sources("ana")[:1] == [doc]
    assert doc not in sources("carl") and doc not in sources("bea")
    new = DRAFT.replace("Recalling its resolution 1/1", "Recalling its resolutions 1/1 and 2/2")
    with open_store(people.app.config["RESDIFF_DATABASE"]) as store:
        official, _ = store.add_document(
            original=new.encode(), structure={}, source="ods", language="en", symbol="A/RES/3/3"
        )
    body = {"old": {"id": people.official}, "new": {"id": official.id}}

    def compared(who: str) -> tuple[str, list[str | None]]:
        r = people.call(who, "POST", "/api/compare?precedents=true", json=body)
        found = [p["document"] for c in r.get_json()["changes"] for p in c.get("precedents", [])]
        return r.headers["X-Cache"], found

    assert compared("carl") == ("miss", [])
    assert compared("bea") == ("hit", [])  # the same library as carl's: the same report
    assert compared("ana") == ("miss", [doc])  # her own draft: her own report
    assert compared("ana") == ("hit", [doc])
    people.call("ana", "PATCH", f"/api/documents/{doc}", json={"shared_with": ["eu"]})
    assert compared("bea") == ("miss", [doc])
    assert compared("carl") == ("miss", [])
    assert people.call("ana", "DELETE", f"/api/documents/{doc}").status_code == 204
    assert compared("bea") == ("miss", [])


def test_sharing_with_a_group_and_a_user(people: People) -> None:
    doc = people.upload("ana", DRAFT)["id"]
    r = people.call("ana", "PATCH", f"/api/documents/{doc}", json={"shared_with": ["eu"]})
    assert r.status_code == 200 and r.get_json()["shared_with"] == ["eu"]
    # bea, of the group: sees, lists, fetches, compares
    assert doc in ids_listed(people, "bea")
    assert people.call("bea", "GET", f"/api/documents/{doc}").status_code == 200
    original = people.call("bea", "GET", f"/api/documents/{doc}/original")
    assert original.status_code == 200 and original.data == DRAFT.encode()
    body = {"old": {"id": people.official}, "new": {"id": doc}}
    assert people.call("bea", "POST", "/api/compare", json=body).status_code == 200
    # but neither shares nor deletes it
    r = people.call("bea", "PATCH", f"/api/documents/{doc}", json={"shared_with": ["au"]})
    assert r.status_code == 403 and r.get_json()["type"] == "/problems/forbidden"
    assert people.call("bea", "DELETE", f"/api/documents/{doc}").status_code == 403
    # carl, of another group, still sees nothing, until ana names him
    assert people.call("carl", "GET", f"/api/documents/{doc}").status_code == 404
    people.call("ana", "PATCH", f"/api/documents/{doc}", json={"shared_with": ["eu", "carl"]})
    assert people.call("carl", "GET", f"/api/documents/{doc}").get_json()["shared_with"] == [
        "carl",
        "eu",
    ]
    # unsharing takes it away again; an unknown name is refused
    people.call("ana", "PATCH", f"/api/documents/{doc}", json={"shared_with": []})
    assert people.call("bea", "GET", f"/api/documents/{doc}").status_code == 404
    r = people.call("ana", "PATCH", f"/api/documents/{doc}", json={"shared_with": ["nobody"]})
    assert r.status_code == 400 and "'nobody'" in r.get_json()["detail"]
    r = people.call("ana", "PATCH", f"/api/documents/{doc}", json={"shared_with": "eu"})
    assert r.status_code == 400


def test_sharing_and_deleting_on_the_web_page(people: People) -> None:
    doc = people.upload("ana", DRAFT)["id"]
    home = people.call("ana", "GET", "/").get_data(as_text=True)
    assert f"/documents/{doc}/share" in home and f"/documents/{doc}/delete" in home
    page = people.call("ana", "POST", f"/documents/{doc}/share", data={"shared_with": "eu, carl"})
    assert page.status_code == 200 and "shared with carl, eu" in page.get_data(as_text=True)
    bea_home = people.call("bea", "GET", "/").get_data(as_text=True)
    assert doc in bea_home and "shared by ana" in bea_home
    assert f"/documents/{doc}/delete" not in bea_home  # not hers to delete
    assert people.call("bea", "POST", f"/documents/{doc}/delete").status_code == 403
    assert people.call("ana", "POST", f"/documents/{doc}/delete").status_code == 200
    assert people.call("bea", "GET", f"/api/documents/{doc}").status_code == 404


def test_owners_and_admins_delete(people: People) -> None:
    doc = people.upload("ana", DRAFT)["id"]
    # the admin manages accounts, not drafts: ana's is not even visible to root
    assert people.call("root", "GET", f"/api/documents/{doc}").status_code == 404
    assert people.call("root", "DELETE", f"/api/documents/{doc}").status_code == 404
    # an official document: only an admin deletes it
    assert people.call("carl", "DELETE", f"/api/documents/{people.official}").status_code == 403
    assert people.call("ana", "DELETE", f"/api/documents/{doc}").status_code == 204
    assert people.call("root", "DELETE", f"/api/documents/{people.official}").status_code == 204


def test_the_same_bytes_uploaded_by_two_users_are_two_documents(people: People) -> None:
    mine = people.upload("ana", DRAFT)
    theirs = people.call("carl", "POST", "/api/documents", json={"text": DRAFT})
    assert theirs.status_code == 201  # not 200: nothing tells carl that ana has it
    assert theirs.get_json()["id"] != mine["id"] and theirs.get_json()["owner"] == "carl"


# -- the audit trail ----------------------------------------------------------------------------


def test_the_audit_trail_records_who_did_what(people: People) -> None:
    doc = people.upload("ana", DRAFT)["id"]
    people.call("ana", "PATCH", f"/api/documents/{doc}", json={"shared_with": ["eu"]})
    people.call("bea", "GET", f"/api/documents/{doc}")
    people.call("bea", "GET", f"/api/documents/{doc}/original")
    body = {"old": {"id": people.official}, "new": {"id": doc}}
    people.call("bea", "POST", "/api/compare?format=text", json=body)
    people.call("ana", "DELETE", f"/api/documents/{doc}")
    assert people.call("ana", "GET", "/api/audit").status_code == 403
    r = people.call("root", "GET", f"/api/audit?document={doc}")
    assert r.status_code == 200
    trail = [(e["actor"], e["action"]) for e in reversed(r.get_json()["entries"])]
    assert trail == [
        ("ana", "add"),
        ("ana", "share"),
        ("bea", "read"),
        ("bea", "read"),
        ("bea", "compare"),
        ("ana", "delete"),
    ]
    # the same trail from the command line
    result = CliRunner().invoke(
        cli,
        ["audit", "--document", doc],
        env={"RESDIFF_DATA_DIR": people.app.config["RESDIFF_DATA_DIR"]},
    )
    assert result.exit_code == 0
    assert [line.split()[1:3] for line in result.output.splitlines()][-1] == ["ana", "add"]


# -- the web session and CSRF ---------------------------------------------------------------


def csrf_of(page: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert found, "the page has no CSRF token"
    return found.group(1)


def sign_in(client: FlaskClient, name: str, token: str, **kw: Any) -> Any:
    form = client.get("/login").get_data(as_text=True)
    return client.post(
        "/login", data={"name": name, "token": token, "csrf_token": csrf_of(form)}, **kw
    )


@pytest.fixture
def guarded(tmp_path: Path) -> People:
    """The accounts, with CSRF protection on (as served)."""
    return People(make_app(tmp_path))


def test_signing_in_and_out(guarded: People) -> None:
    c = guarded.client
    r = sign_in(c, "ana", guarded.tokens["carl"])
    assert r.status_code == 401 and "do not match" in r.get_data(as_text=True)
    r = sign_in(c, "ana", guarded.tokens["ana"])
    assert r.status_code == 303 and r.headers["Location"] == "/"
    cookie = r.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Secure" not in cookie
    home = c.get("/").get_data(as_text=True)
    assert "Sign out" in home and ">ana" in home
    assert c.get("/api/documents").status_code == 200  # the API with the session
    c.post("/logout", data={"csrf_token": csrf_of(home)})
    assert c.get("/").status_code == 302


def test_a_new_token_ends_the_sessions_of_the_old_one(guarded: People) -> None:
    c = guarded.client
    sign_in(c, "ana", guarded.tokens["ana"])
    assert c.get("/").status_code == 200
    with open_store(guarded.app.config["RESDIFF_DATABASE"]) as store:
        Accounts(store).rotate("ana")
    assert c.get("/").status_code == 302


def test_the_session_cookie_is_secure_behind_an_https_proxy(tmp_path: Path) -> None:
    people = People(make_app(tmp_path, RESDIFF_PROXIES=1))
    r = sign_in(people.client, "ana", people.tokens["ana"], headers={"X-Forwarded-Proto": "https"})
    assert r.status_code == 303 and "Secure" in r.headers["Set-Cookie"]


def test_after_sign_in_only_this_site(guarded: People) -> None:
    form = guarded.client.get("/login?next=//evil.example/x").get_data(as_text=True)
    r = guarded.client.post(
        "/login",
        data={
            "name": "ana",
            "token": guarded.tokens["ana"],
            "next": "https://evil.example/",
            "csrf_token": csrf_of(form),
        },
    )
    assert r.headers["Location"] == "/"


def test_a_form_posted_without_its_csrf_token_is_refused(guarded: People) -> None:
    c = guarded.client
    # the sign-in form itself
    r = c.post("/login", data={"name": "ana", "token": guarded.tokens["ana"]})
    assert r.status_code == 400 and "Form refused" in r.get_data(as_text=True)
    sign_in(c, "ana", guarded.tokens["ana"])
    home = c.get("/").get_data(as_text=True)
    # every form of the page carries its token
    assert home.count("<form") == home.count('name="csrf_token"') > 3
    doc = guarded.upload("ana", DRAFT)["id"]
    for path, data in (
        (f"/documents/{doc}/share", {"shared_with": "carl"}),
        (f"/documents/{doc}/delete", {}),
        ("/compare", {"old_id": guarded.official, "new_id": doc}),
        ("/logout", {}),
    ):
        r = c.post(path, data=data)
        assert r.status_code == 400, path
        r = c.post(path, data={**data, "csrf_token": "forged"})
        assert r.status_code == 400, path
    assert guarded.call("carl", "GET", f"/api/documents/{doc}").status_code == 404
    # the API with the session cookie needs the token too; with a Bearer token it does not
    r = c.patch(f"/api/documents/{doc}", json={"shared_with": ["carl"]})
    assert r.status_code == 400 and r.get_json()["type"] == "/problems/csrf"
    r = c.patch(
        f"/api/documents/{doc}",
        json={"shared_with": ["carl"]},
        headers={"X-CSRFToken": csrf_of(home)},
    )
    assert r.status_code == 200
    r = guarded.call("ana", "PATCH", f"/api/documents/{doc}", json={"shared_with": []})
    assert r.status_code == 200


def test_without_accounts_no_other_site_can_post(tmp_path: Path) -> None:
    c = make_app(tmp_path).test_client()

    def upload(**headers: str) -> int:
        data = {"file": (io.BytesIO(DRAFT.encode()), "a.txt")}
        return c.post("/api/documents", data=data, headers=headers).status_code

    # a page of another site posting a form to the delegate's own resdiff
    assert upload(Origin="https://evil.example") == 400
    assert upload(**{"Sec-Fetch-Site": "cross-site"}) == 400
    assert upload(**{"Sec-Fetch-Site": "same-site", "Origin": "http://localhost"}) == 400
    # a program (curl, a script) is no browser: it needs no token; nor a page of this site
    assert upload() == 201
    assert upload(Origin="http://localhost") == 200
    assert upload(**{"Sec-Fetch-Site": "same-origin"}) == 200
    # the pages' forms need theirs
    assert c.post("/fetch", data={"symbol": "A/RES/1/1"}).status_code == 400


# -- limits per user ------------------------------------------------------------------------------


def test_expensive_requests_are_limited_per_user(tmp_path: Path) -> None:
    people = People(make_app(tmp_path, WTF_CSRF_ENABLED=False, RESDIFF_RATE_LIMIT="2/minute"))
    body = {"documents": [{"id": people.official}, {"text": DRAFT}]}
    for _ in range(2):
        assert people.call("ana", "POST", "/api/series", json=body).status_code == 200
    r = people.call("ana", "POST", "/api/series", json=body)
    assert r.status_code == 429 and r.mimetype == "application/problem+json"
    assert r.get_json()["type"] == "/problems/rate-limited"
    assert 1 <= int(r.headers["Retry-After"]) <= 60
    # another user has a budget of their own; cheap requests are not counted
    assert people.call("bea", "POST", "/api/series", json=body).status_code == 200
    compare = {"old": {"id": people.official}, "new": {"text": DRAFT}}
    for _ in range(3):
        assert people.call("ana", "POST", "/api/compare", json=compare).status_code == 200
    assert people.call("ana", "POST", "/api/compare?format=docx", json=compare).status_code == 429


# -- serving on the network -----------------------------------------------------------------------


def test_serving_the_network_without_accounts_is_refused(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    with pytest.raises(ResdiffError, match=r"refusing to serve 0\.0\.0\.0 without accounts"):
        check_exposure(app, "0.0.0.0", no_auth=False)
    check_exposure(app, "127.0.0.1", no_auth=False)
    check_exposure(app, "0.0.0.0", no_auth=True)
    result = CliRunner().invoke(
        cli,
        ["serve", "--host", "0.0.0.0", "--port", "9"],
        env={"RESDIFF_DATA_DIR": str(tmp_path / "data")},
    )
    assert result.exit_code == 2 and result.output.startswith("error: refusing to serve")
    with open_store(app.config["RESDIFF_DATABASE"]) as store:
        Accounts(store).add("root", admin=True)
    check_exposure(app, "0.0.0.0", no_auth=False)


def test_no_auth_on_the_network_says_so_on_every_page(tmp_path: Path) -> None:
    c = make_app(tmp_path, RESDIFF_OPEN_NETWORK=True).test_client()
    for path in ("/", "/problems/not-found", "/report/nope"):
        assert "no accounts and listens on the network" in c.get(path).get_data(as_text=True)
    quiet = make_app(tmp_path / "local").test_client()
    assert "listens on the network" not in quiet.get("/").get_data(as_text=True)


# -- accounts from the command line; tokens never logged ---------------------------------------------


@pytest.fixture
def env(tmp_path: Path) -> Iterator[dict[str, str]]:
    yield {"RESDIFF_DATA_DIR": str(tmp_path / "data")}


def test_user_commands(env: dict[str, str]) -> None:
    run = CliRunner().invoke
    added = run(cli, ["user", "add", "ana", "--group", "eu", "--group", "g77"], env=env)
    assert added.exit_code == 0, added.output
    token = added.stdout.strip().splitlines()[-1]
    assert token.startswith("rd_")
    assert run(cli, ["user", "add", "root", "--admin"], env=env).exit_code == 0
    listed = run(cli, ["user", "list"], env=env).stdout
    assert "ana\tuser\tgroups: eu, g77" in listed and "root\tadmin" in listed
    assert token not in listed
    again = run(cli, ["user", "add", "ana"], env=env)
    assert again.exit_code == 2 and "taken" in again.output
    rotated = run(cli, ["user", "token", "ana"], env=env).stdout.strip().splitlines()[-1]
    assert rotated.startswith("rd_") and rotated != token
    removed = run(cli, ["user", "remove", "ana", "--yes"], env=env)
    assert removed.exit_code == 0 and "removed ana and 0 documents" in removed.output
    assert run(cli, ["user", "remove", "ana", "--yes"], env=env).exit_code == 2
    trail = run(cli, ["audit"], env=env).stdout
    assert "user-add" in trail and "user-token" in trail and "user-remove" in trail
    assert token not in trail and rotated not in trail


def test_removing_an_unknown_user_says_so_before_asking(env: dict[str, str]) -> None:
    run = CliRunner().invoke
    unknown = run(cli, ["user", "remove", "zed"], env=env, input="y\n")
    assert unknown.exit_code == 2 and unknown.output.startswith("error: no user named 'zed'")
    assert "[y/N]" not in unknown.output
    assert run(cli, ["user", "add", "ana"], env=env).exit_code == 0
    kept = run(cli, ["user", "remove", "ana"], env=env, input="n\n")
    assert kept.exit_code == 1 and "Remove ana and delete their documents" in kept.output
    assert "ana\tuser" in run(cli, ["user", "list"], env=env).stdout
    removed = run(cli, ["user", "remove", "ana"], env=env, input="y\n")
    assert removed.exit_code == 0 and "removed ana" in removed.output
    assert "ana\t" not in run(cli, ["user", "list"], env=env).stdout


def test_tokens_are_never_logged(people: People, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    people.app.logger.setLevel(logging.DEBUG)
    token = people.tokens["ana"]
    people.upload("ana", DRAFT)
    people.call("ana", "GET", "/api/documents")
    people.client.get("/api/documents", headers={"Authorization": f"Bearer {token}x"})
    people.client.get("/api/documents", headers={"Authorization": f"Basic {token}"})
    people.client.post("/login", data={"name": "ana", "token": token + "x"})
    assert caplog.records  # something was logged at all
    assert all(token not in r.getMessage() for r in caplog.records)
    assert token not in caplog.text
    with open_store(people.app.config["RESDIFF_DATABASE"]) as store:
        details = " ".join(str(e) for e in store.audit_trail(limit=500))
    assert token not in details


def test_admins_manage_accounts_through_the_api(people: People) -> None:
    assert people.call("ana", "GET", "/api/users").status_code == 403
    r = people.call("root", "POST", "/api/users", json={"name": "dora", "groups": ["eu"]})
    assert r.status_code == 201
    body = r.get_json()
    assert body["user"] == {**body["user"], "name": "dora", "admin": False, "groups": ["eu"]}
    token = body["token"]
    me = people.client.get("/api/documents", headers={"Authorization": f"Bearer {token}"})
    assert me.status_code == 200
    names = [u["name"] for u in people.call("root", "GET", "/api/users").get_json()["users"]]
    assert names == ["ana", "bea", "carl", "dora", "root"]
    listing = people.call("root", "GET", "/api/users").get_data(as_text=True)
    assert token not in listing and sha256(token.encode()) not in listing
    new = people.call("root", "POST", "/api/users/dora/token").get_json()["token"]
    old = people.client.get("/api/documents", headers={"Authorization": f"Bearer {token}"})
    assert old.status_code == 401 and new != token
    assert people.call("root", "POST", "/api/users", json={"name": "eu"}).status_code == 400
    assert people.call("carl", "DELETE", "/api/users/dora").status_code == 403
    assert people.call("root", "DELETE", "/api/users/dora").status_code == 204
    assert people.call("root", "DELETE", "/api/users/dora").status_code == 404
    trail = people.call("root", "GET", "/api/audit?user=root").get_json()["entries"]
    assert [e["action"] for e in trail] == ["user-remove", "user-token", "user-add"]


def test_the_first_user_may_claim_what_was_uploaded_before_accounts(tmp_path: Path) -> None:
    env = {"RESDIFF_DATA_DIR": str(tmp_path / "data")}
    c = make_app(tmp_path).test_client()
    before = c.post("/api/documents", json={"text": DRAFT}).get_json()["id"]
    added = CliRunner().invoke(cli, ["user", "add", "ana", "--claim"], env=env)
    assert added.exit_code == 0
    token = added.stdout.strip().splitlines()[-1]
    other = CliRunner().invoke(cli, ["user", "add", "bea", "--claim"], env=env)
    ana = c.get(f"/api/documents/{before}", headers={"Authorization": f"Bearer {token}"})
    assert ana.status_code == 200 and ana.get_json()["owner"] == "ana"
    bea = other.stdout.strip().splitlines()[-1]
    assert (
        c.get(f"/api/documents/{before}", headers={"Authorization": f"Bearer {bea}"}).status_code
        == 404
    )
