"""The presentation model shared by the HTML, PDF, text and Word reports."""

from __future__ import annotations

import copy
import itertools

import pytest
from render_samples import sample_comparison, word_ops

from diffing.model import Change, Comparison, Op, Paragraph, Resolution
from service.render.view import ParaView, build_view, change_label, display_number, text_direction


def _texts(paras: list[ParaView]) -> list[str]:
    return [p.text for p in paras]


def test_sides_give_back_the_old_and_new_paragraphs() -> None:
    c = sample_comparison()
    for change, cv in zip(c.changes, build_view(c).changes, strict=True):
        assert _texts(cv.old) == [c.old.paragraph(i).text for i in change.old]
        assert _texts(cv.new) == [c.new.paragraph(i).text for i in change.new]
        # the exact stream (for Word) joins to both texts
        old = "".join(s.text for s in cv.segments if s.kind != "insert")
        new = "".join(s.text for s in cv.segments if s.kind != "delete")
        assert old == "\n".join(c.old.paragraph(i).text for i in change.old)
        assert new == "\n".join(c.new.paragraph(i).text for i in change.new)


def test_inline_without_deletions_is_the_new_text() -> None:
    c = sample_comparison()
    for change, cv in zip(c.changes, build_view(c).changes, strict=True):
        if not change.new:
            continue
        shown = ["".join(s.text for s in p.segments if s.kind != "delete") for p in cv.inline]
        assert shown == [c.new.paragraph(i).text for i in change.new]


def test_reading_order_puts_move_origins_and_removals_where_they_stood() -> None:
    v = build_view(sample_comparison())
    order = [(e.role, e.change.label) for e in v.entries]
    # old PP4 stood after old PP3 (now PP4): its origin follows that entry
    assert order.index(("origin", "PP2 (was PP4)")) == order.index(("text", "PP4 (was PP3)")) + 1
    assert order.index(("text", "OP4 (deleted)")) < order.index(("text", "OP5 (was OP5, OP6)"))
    assert sum(e.assembly for e in v.entries) == 1 and v.entries[0].assembly


@pytest.mark.parametrize(
    ("old", "new", "label"),
    [
        (["PP4"], ["PP5"], "PP5 (was PP4)"),
        (["OP1"], ["OP1"], "OP1"),
        ([], ["OP3"], "OP3 (new)"),
        (["OP4"], [], "OP4 (deleted)"),
        (["OP3"], ["OP3", "OP4"], "OP3, OP4 (was OP3)"),
    ],
)
def test_labels(old: list[str], new: list[str], label: str) -> None:
    assert change_label(Change("reworded", old, new)) == label


def test_lead_words_are_marked_on_both_sides() -> None:
    v = build_view(sample_comparison())
    noting = next(c for c in v.changes if c.label == "PP3 (was PP2)")
    lead = "".join(s.text for s in noting.inline[0].segments if s.lead)
    assert lead == "Noting with concern"  # the deleted words of the old lead stay italic
    assert all(not s.lead for s in noting.inline[0].segments if "rise" in s.text)


def test_navigation_links_every_change_and_skips_unchanged() -> None:
    v = build_view(sample_comparison())
    nav = v.navigable
    assert all(c.type != "unchanged" for c in nav)
    assert nav[0].prev is None and nav[-1].next is None
    for a, b in itertools.pairwise(nav):
        assert a.next == b.anchor and b.prev == a.anchor
    assert len({c.anchor for c in v.changes}) == len(v.changes)


def test_change_list() -> None:
    from service.render.changelist import build_change_list

    cl = build_change_list(build_view(sample_comparison()))
    assert [name for name, _ in cl.sections] == ["operative", "preambular"]
    assert [r.change.label for r in cl.rows if r.verb] == ["OP1"]
    assert [r.change.label for r in cl.routine] == ["OP2"]  # rollover only: routine
    assert [r.change.label for r in cl.rows if r.kind == "moved"] == ["PP2 (was PP4)"]
    assert "OP2" not in [r.change.label for r in cl.rows]
    assert dict(cl.counts) == {
        "added": 1, "removed": 1, "reworded": 3, "moved": 1, "split": 1, "merged": 1, "routine": 1,
    }  # fmt: skip
    assert (
        len(cl) == len(cl.rows) + len(cl.routine) == len(build_view(sample_comparison()).navigable)
    )
    op1 = next(r for r in cl.rows if r.verb)
    assert (op1.lead, op1.rest) == ("Urges", " Member States to cooperate with INTERPOL;")


def test_ops_that_do_not_add_up_fall_back_to_delete_insert() -> None:
    c = sample_comparison()
    broken = copy.deepcopy(c)
    broken.changes[0].ops = [Op("equal", "nonsense", "nonsense")]
    cv = build_view(broken).changes[0]
    assert _texts(cv.new) == [c.new.paragraph("PP1").text]
    assert {s.kind for s in cv.inline[0].segments} == {"delete", "insert"}


def test_equal_ops_differing_in_spacing_are_exact_but_quiet() -> None:
    old = Resolution(
        paragraphs=[Paragraph("PP1", "preambular", "Noting  the report ,", lead="Noting")]
    )
    new = Resolution(
        paragraphs=[Paragraph("PP1", "preambular", "Noting the report,", lead="Noting")]
    )
    ops = [Op("equal", "Noting  the report ,", "Noting the report,")]
    cv = build_view(Comparison(old, new, [Change("unchanged", ["PP1"], ["PP1"], ops=ops)])).changes[
        0
    ]
    assert "".join(s.text for s in cv.segments if s.kind != "insert") == old.paragraphs[0].text
    assert "".join(s.text for s in cv.segments if s.kind != "delete") == new.paragraphs[0].text
    assert {s.kind for s in cv.inline[0].segments} == {"equal"}  # nothing shown as a change


def test_numbers_and_directions() -> None:
    assert display_number(Paragraph("OP3", "operative", "x", number="3")) == "3."
    assert display_number(Paragraph("OP3(a)", "subparagraph", "x", number="a")) == "(a)"
    assert display_number(Paragraph("PP1", "preambular", "x")) == ""
    assert (
        text_direction("ar") == "rtl"
        and text_direction("fr") == "ltr"
        and text_direction(None) == "ltr"
    )


def test_word_ops_helper_is_exact() -> None:
    ops = word_ops("a b c", "a x c d")
    assert "".join(o.old for o in ops) == "a b c" and "".join(o.new for o in ops) == "a x c d"
