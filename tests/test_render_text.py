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
    tally = "8 changes: 1 added, 1 removed, 3 reworded, 1 moved, 1 split, 1 merged; 1 verb change."
    assert f"Changes: {tally} 1 routine update." in out
    # the change list: operative part first, new and old ids in columns of their own
    lines = out.splitlines()
    assert lines.index("Operative part (4)") < lines.index("Preambular part (4)")
    assert any(line.split()[:3] == ["-", "OP4", "removed"] for line in lines)
    assert any(line.split()[:3] == ["PP2", "PP4", "moved"] for line in lines)
    assert "OP1  reworded  verb: Encourages → Urges: stronger" in out
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


def test_text_report_of_amendments_lists_what_was_not_applied_first() -> None:
    from test_amendments import DRAFTS, amendment

    from diffing import apply_amendments

    a = amendment(
        "Replace the title with “Protection of lighthouses”.",
        "In operative paragraph 1, delete “of the Director-General”.",
        "In operative paragraph 4, before “work”, insert “valuable”.",
    )
    out = render_comparison_text(apply_amendments(DRAFTS["en"], [a]))
    assert out.index("NOT APPLIED: 1 instruction") < out.index("Amendment A/99/L.9")
    assert "A/99/L.9 instruction 2: not found: “of the Director-General” is not in OP1" in out
    assert "Amendment A/99/L.9 (Ruritania): 2 of 3 applied" in out
    assert (
        "Title: [-Cooperation on the protection of historic -]{+Protection of +}lighthouses" in out
    )
    assert "OP4  reworded  [A/99/L.9 #3]" in out
    assert "{+valuable +}work" in out
    # a plain comparison has no such section
    assert "NOT APPLIED" not in render_comparison_text(sample_comparison())
