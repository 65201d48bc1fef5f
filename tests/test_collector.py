"""The garbage collector is paused while the engine works and left as it was found."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

import diffing
from diffing.collector import paused, pausing
from diffing.errors import ComparisonTooLargeError

TEXT = "A/RES/1/1\n\nThe General Assembly,\n\n1. Decides to act;\n\n2. Urges States to act;\n"


@pytest.fixture
def collector_on() -> Iterator[None]:
    was = gc.isenabled()
    gc.enable()
    yield
    if not was:  # pragma: no cover - the suite runs with the collector on
        gc.disable()


def test_paused_inside_and_resumed_after(collector_on: None) -> None:
    seen = []

    @pausing
    def work() -> int:
        seen.append(gc.isenabled())
        return 7

    assert work() == 7 and seen == [False] and gc.isenabled()


def test_resumed_after_an_error(collector_on: None) -> None:
    with pytest.raises(ComparisonTooLargeError):
        diffing.compare(diffing.parse(TEXT), diffing.parse(TEXT.replace("act", "do")), deadline=0.0)
    assert gc.isenabled()


def test_a_collector_paused_by_the_caller_stays_paused(collector_on: None) -> None:
    gc.disable()
    try:
        with paused():
            assert not gc.isenabled()
        diffing.compare(diffing.parse(TEXT), diffing.parse(TEXT))
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_parse_and_compare_run_paused(collector_on: None, monkeypatch: pytest.MonkeyPatch) -> None:
    import diffing.align as align

    seen = []
    real = align.match_paragraphs

    def spy(*args: object, **kwargs: object) -> object:
        seen.append(gc.isenabled())
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(align, "match_paragraphs", spy)
    diffing.compare(diffing.parse(TEXT), diffing.parse(TEXT))
    assert seen == [False] and gc.isenabled()
