"""JSON is exactly the model's ``to_dict()``; text is a readable terminal report."""

from __future__ import annotations

import json

import pytest
from render_samples import sample_comparison

from diffing.errors import InvalidRequestError
from service.render.text import render_comparison_text
from service.reports import FORMATS, render_comparison


def test_json_is_to_dict() -> None:
    c = sample_comparison()
    assert json.loads(render_comparison(c, "json")) == c.to_dict()


def test_text_report() -> None:
    c = sample_comparison()
    out = render_comparison(c, "text").decode()
    assert out.startswith("old: A/RES/73/11")
    assert "Summary: 3 unchanged, 4 reworded, 1 moved, 1 added, 1 removed, 1 split, 1 merged" in out
    assert "OP1: Encourages -> Urges (stronger)" in out
    assert "[-seventy-fifth-]{+seventy-seventh+}" in out
    assert "PP5 (new)  added" in out and "OP4 (deleted)  removed" in out
    assert "{+Recognizing the role of women in policing,+}" in out  # one insertion, not one per run
    # unchanged paragraphs are not listed one by one
    assert "PP4 (was PP3)" not in out


def test_identical_texts_say_so() -> None:
    c = sample_comparison()
    c.changes = [ch for ch in c.changes if ch.type == "unchanged"]
    assert "No change" in render_comparison_text(c)


def test_unknown_format_is_a_user_error() -> None:
    with pytest.raises(InvalidRequestError):
        render_comparison(sample_comparison(), "rtf")
    assert set(FORMATS) == {"json", "text", "html", "pdf", "docx"}
