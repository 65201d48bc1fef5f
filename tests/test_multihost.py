"""Two ``resdiff serve`` on two ports sharing one PostgreSQL: the layout of several
machines behind a reverse proxy. They see the same library, accounts, sessions, report
cache and rate-limit counters; after ``kill -9`` of one, the other keeps serving and
nothing that the killed one acknowledged is lost.
"""

from __future__ import annotations

import re
import signal
from pathlib import Path

import pytest
import requests

from service.library import Accounts, open_store
from tests.test_durability import TEXT, Server

pytestmark = pytest.mark.slow


def test_two_servers_on_one_postgresql(postgres_url: str, tmp_path: Path) -> None:
    with open_store(postgres_url, create=True) as store:
        token = Accounts(store).add("ana", groups=["eu"])[1]
        Accounts(store).add("carl", groups=["au"])
    auth = {"Authorization": f"Bearer {token}"}
    env = {"RESDIFF_DATABASE_URL": postgres_url, "RESDIFF_RATE_LIMIT": "3/minute"}
    log = tmp_path / "servers.log"
    one = Server(tmp_path / "one", log, env, workers=1)
    two = Server(tmp_path / "two", log, env, workers=1)
    try:
        # what one stores, two serves (documents, and their privacy)
        acknowledged = []
        for n in range(5):
            r = requests.post(
                one.url + "/api/documents",
                json={"text": TEXT.format(n=f"{n}/1")},
                headers=auth,
                timeout=30,
            )
            assert r.status_code == 201, r.text
            acknowledged.append(r.json()["id"])
        listed = requests.get(two.url + "/api/documents", headers=auth, timeout=30).json()
        assert {d["id"] for d in listed["documents"]} == set(acknowledged)
        assert requests.get(two.url + "/api/documents", timeout=30).status_code == 401

        # one report cache: made on one, served from the cache by two
        body = {"old": {"id": acknowledged[0]}, "new": {"id": acknowledged[1]}}
        first = requests.post(one.url + "/api/compare", json=body, headers=auth, timeout=60)
        again = requests.post(two.url + "/api/compare", json=body, headers=auth, timeout=60)
        assert (first.headers["X-Cache"], again.headers["X-Cache"]) == ("miss", "hit")
        assert first.content == again.content

        # one session: signed in on one, recognised by two (the key is in the database)
        web = requests.Session()
        form = web.get(one.url + "/login", timeout=30).text
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', form).group(1)  # type: ignore[union-attr]
        signed = web.post(
            one.url + "/login",
            data={"name": "ana", "token": token, "csrf_token": csrf},
            allow_redirects=False,
            timeout=30,
        )
        assert signed.status_code == 303
        home = web.get(two.url + "/", allow_redirects=False, timeout=30)
        assert home.status_code == 200 and "Sign out" in home.text

        # one budget of expensive requests: 2 series on one, 1 on two, then 429 on two
        series = {"documents": [{"id": i} for i in acknowledged[:2]]}
        for server in (one, one, two):
            r = requests.post(server.url + "/api/series", json=series, headers=auth, timeout=60)
            assert r.status_code == 200, r.text
        r = requests.post(two.url + "/api/series", json=series, headers=auth, timeout=60)
        assert r.status_code == 429 and int(r.headers["Retry-After"]) >= 1
    finally:
        one.kill(signal.SIGKILL)  # the machine of one dies: no chance to close anything

    try:
        assert requests.get(two.url + "/healthz", timeout=30).json()["status"] == "ok"
        listed = requests.get(two.url + "/api/documents", headers=auth, timeout=30).json()
        assert {d["id"] for d in listed["documents"]} == set(acknowledged)
        for doc in acknowledged:
            r = requests.get(f"{two.url}/api/documents/{doc}/original", headers=auth, timeout=30)
            assert r.status_code == 200 and b"Welcomes the report number" in r.content
        r = requests.post(
            two.url + "/api/documents",
            json={"text": TEXT.format(n="after/1")},
            headers=auth,
            timeout=30,
        )
        assert r.status_code == 201
    finally:
        two.kill(signal.SIGTERM)
    with open_store(postgres_url) as store:
        ana = store.user_by_name("ana")
        assert ana is not None
        owned = [d for d in store.list_documents(viewer=_as(ana), limit=100) if d.owner == "ana"]
        assert len(owned) == 6
    output = log.read_text(errors="replace")
    assert token not in output  # tokens never logged, by gunicorn either
    assert "resdiff is serving" in output and "postgresql://" in output


def _as(user):  # type: ignore[no-untyped-def]
    from service.library import Viewer

    return Viewer.user(user.id, user.name, groups=user.groups)
