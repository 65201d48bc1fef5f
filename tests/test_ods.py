"""Retrieval by symbol: symbol validation, the local mirror, and the UN document system
(played by a local HTTP server on 127.0.0.1: no test touches the internet)."""

from __future__ import annotations

from pathlib import Path

import pytest

from service.config import Limits
from service.errors import (
    DocumentNotFoundError,
    FetchError,
    InvalidRequestError,
    InvalidSymbolError,
    LimitExceededError,
)
from service.library import symbols
from service.library.access import Viewer
from service.library.documents import Library
from service.library.ods import Retriever
from service.library.sqlite import SQLiteStore as Store
from tests.conftest import INTERPOL, needs_corpus

# -- symbols ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("given", "canonical"),
    [
        ("A/RES/73/11", "A/RES/73/11"),
        ("A/RES/79/136", "A/RES/79/136"),
        ("a/res/79/136", "A/RES/79/136"),
        ("  A/RES/79/136\n", "A/RES/79/136"),
        ("A/80/L.14", "A/80/L.14"),
        ("A/C.3/78/L.60/Rev.1", "A/C.3/78/L.60/Rev.1"),
        ("A/C.3/78/L.60/REV.1", "A/C.3/78/L.60/Rev.1"),
        ("A/79/L.17/Add.1", "A/79/L.17/Add.1"),
        ("A/RES/ES-10/21", "A/RES/ES-10/21"),
        ("A/RES/S-27/2", "A/RES/S-27/2"),
        ("A/RES/78/3 A-B", "A/RES/78/3 A-B"),
        ("A/RES/78/3 A\u2013B", "A/RES/78/3 A-B"),
        ("A/RES/77/92 B", "A/RES/77/92 B"),
    ],
)
def test_valid_symbols_are_normalised(given: str, canonical: str) -> None:
    assert symbols.normalise(given) == canonical


@pytest.mark.parametrize(
    "bad",
    [
        "",
        "A/RES/../../etc/passwd",
        "A/RES/73/11/../../x",
        "A/RES/73/11%2F..",
        "A/RES/73/11/",
        "/A/RES/73/11",
        "A\\RES\\73\\11",
        "A/RES/73",
        "S/RES/2231",  # a Security Council document: not ours
        "A/RES/73/11?x=1",
        "A/RES/73/11&l=fr",
        "A/RES/73/11 xyz",
        "A/RES/73/11\x00",
        "A/RES/1234/1",
        "A/RES/73/11" + "/Rev.1" * 4,
        "A/RES/73/11" * 10,
    ],
)
def test_malformed_symbols_are_refused(bad: str) -> None:
    with pytest.raises(InvalidSymbolError):
        symbols.normalise(bad)


def test_file_stem_and_language() -> None:
    assert symbols.file_stem("A/C.3/78/L.60/Rev.1") == "A_C.3_78_L.60_Rev.1"
    assert symbols.language("FR") == "fr"
    assert symbols.language(None) == "en"
    with pytest.raises(InvalidRequestError, match="unknown language"):
        symbols.language("de")


def test_url_encodes_the_symbol() -> None:
    r = Retriever(base_url="https://documents.example.org/")
    assert r.url("a/res/73/11", "fr") == (
        "https://documents.example.org/api/symbol/access?s=A%2FRES%2F73%2F11&l=fr&t=pdf"
    )
    with pytest.raises(InvalidSymbolError):
        r.url("A/RES/73/11&l=en", "fr")
    with pytest.raises(ValueError, match="http"):
        Retriever(base_url="file:///etc")


# -- the mirror --------------------------------------------------------------------------


@needs_corpus
def test_mirror_finds_text_files_by_symbol() -> None:
    r = Retriever(base_url="http://127.0.0.1:9", mirror=str(INTERPOL))
    found = r.from_mirror("A/RES/75/10", "fr")
    assert found is not None and found.filename == "A_RES_75_10_fr.md"
    assert found.data == (INTERPOL / "A_RES_75_10_fr.md").read_bytes()
    assert r.from_mirror("A/RES/71/19", "en") is None
    with pytest.raises(DocumentNotFoundError, match="mirror"):
        r.retrieve("A/RES/71/19", "en", network=False)


def test_mirror_several_folders_and_size_limit(tmp_path: Path) -> None:
    one, two = tmp_path / "one", tmp_path / "two"
    one.mkdir()
    two.mkdir()
    (two / "A_RES_80_1_en.txt").write_text("x" * 100)
    r = Retriever(mirror=f"{one}:{two}", max_bytes=1000)
    assert r.from_mirror("A/RES/80/1", "en").source == "mirror"  # type: ignore[union-attr]
    small = Retriever(mirror=str(two), max_bytes=10)
    with pytest.raises(LimitExceededError):
        small.from_mirror("A/RES/80/1", "en")


# -- the UN document system, played locally ------------------------------------------------


def test_download_follows_the_redirect_to_the_pdf(fake_un) -> None:  # type: ignore[no-untyped-def]
    r = Retriever(base_url=fake_un.url, timeout=5)
    got = r.download("A/RES/79/136", "en")
    assert got.data == fake_un.pdf and got.data.startswith(b"%PDF-")
    assert got.source == "ods" and got.filename == "A_RES_79_136_en.pdf"
    assert got.url.endswith("/files/79_136.pdf")
    assert fake_un.requests[0] == "/api/symbol/access?s=A%2FRES%2F79%2F136&l=en&t=pdf"


def test_an_html_answer_is_not_a_pdf(fake_un) -> None:  # type: ignore[no-untyped-def]
    r = Retriever(base_url=fake_un.url, timeout=5)
    with pytest.raises(FetchError) as info:
        r.download("A/RES/99/999", "en")
    assert info.value.detail == ("the UN document system did not return a PDF for A/RES/99/999")
    assert info.value.status == 502


def test_404_is_document_not_found(fake_un) -> None:  # type: ignore[no-untyped-def]
    r = Retriever(base_url=fake_un.url, timeout=5)
    with pytest.raises(DocumentNotFoundError, match=r"A/RES/79/136 \(fr\).*404"):
        r.download("A/RES/79/136", "fr")


def test_server_error_is_a_fetch_error(fake_un) -> None:  # type: ignore[no-untyped-def]
    r = Retriever(base_url=fake_un.url, timeout=5)
    with pytest.raises(FetchError, match="HTTP 500"):
        r.download("A/RES/96/1", "en")


def test_slow_answer_times_out(fake_un) -> None:  # type: ignore[no-untyped-def]
    r = Retriever(base_url=fake_un.url, timeout=0.3)
    with pytest.raises(FetchError, match=r"did not send A/RES/97/1 \(en\) within 0\.3 s"):
        r.download("A/RES/97/1", "en")


def test_redirect_loop_is_stopped(fake_un) -> None:  # type: ignore[no-untyped-def]
    r = Retriever(base_url=fake_un.url, timeout=5, max_redirects=3)
    with pytest.raises(FetchError):
        r.download("A/RES/95/1", "en")
    assert len(fake_un.requests) <= 5


def test_download_larger_than_the_cap_is_abandoned(fake_un) -> None:  # type: ignore[no-untyped-def]
    r = Retriever(base_url=fake_un.url, timeout=5, max_bytes=len(fake_un.pdf) // 2)
    with pytest.raises(LimitExceededError, match="limit"):
        r.download("A/RES/79/136", "en")


def test_unreachable_server_is_a_fetch_error() -> None:
    import socket

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    r = Retriever(base_url=f"http://127.0.0.1:{port}", timeout=2)
    with pytest.raises(FetchError, match="could not reach"):
        r.download("A/RES/79/136", "en")


def test_library_fetches_parses_and_stores_once(fake_un, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    store = Store.create(tmp_path / "db.sqlite3")
    library = Library(
        store, Retriever(base_url=fake_un.url, timeout=10), Limits(), viewer=Viewer.operator()
    )
    doc = library.by_symbol("a/res/79/136", "en")
    assert doc.symbol == "A/RES/79/136" and doc.source == "ods"
    assert doc.media_type == "application/pdf"
    assert len(doc.structure["paragraphs"]) > 10
    asked = len(fake_un.requests)
    again = library.by_symbol("A/RES/79/136", "en")
    assert again.id == doc.id
    assert len(fake_un.requests) == asked  # the second time comes from the store
    store.close()


@needs_corpus
def test_library_prefers_the_mirror(fake_un, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    store = Store.create(tmp_path / "db.sqlite3")
    library = Library(
        store,
        Retriever(base_url=fake_un.url, mirror=str(INTERPOL), timeout=10),
        Limits(),
        viewer=Viewer.operator(),
    )
    doc = library.by_symbol("A/RES/73/11", "en")
    assert doc.source == "mirror" and doc.filename == "A_RES_73_11_en.txt"
    assert fake_un.requests == []
    store.close()
