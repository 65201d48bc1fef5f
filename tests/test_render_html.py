"""The HTML redline: escaping, structure, languages, views, navigation."""

from __future__ import annotations

import copy
import re
from typing import Any

import lxml.html
import pytest
from conftest import FIXTURES, INTERPOL, needs_corpus
from markupsafe import escape
from render_samples import IMG, SCRIPT, sample_comparison

import diffing
from diffing.errors import InvalidRequestError
from diffing.model import Comparison
from service.render import render_comparison_html, report_css
from service.reports import render_comparison


def _c(cls: str) -> str:
    return f"contains(concat(' ', normalize-space(@class), ' '), ' {cls} ')"


def q(node: lxml.html.HtmlElement, path: str) -> list[Any]:
    """XPath where ``.cls`` stands for a class test (no cssselect needed)."""
    found: list[Any] = node.xpath(
        re.sub(r"\.([a-z][\w-]*)", lambda m: "[" + _c(m.group(1)) + "]", path)
    )
    return found


def _doc(c: Comparison, **kw: object) -> lxml.html.HtmlElement:
    return lxml.html.fromstring(render_comparison(c, "html", **kw).decode())  # type: ignore[arg-type]


def _visible(node: lxml.html.HtmlElement) -> lxml.html.HtmlElement:
    """A copy of ``node`` without the words only screen readers hear ("inserted:")."""
    node = copy.deepcopy(node)
    for vh in q(node, ".//*.rd-vh"):
        vh.drop_tree()
    return node


def _shown_new_text(doc: lxml.html.HtmlElement) -> list[str]:
    """Each paragraph of the inline view with its deletions dropped, moved-away origins skipped."""
    out = []
    for entry in q(doc, "//*.rd-entry"):
        if "rd-origin" in entry.classes or "rd-removed" in entry.classes:
            continue
        for body in q(entry, ".//*.rd-body"):
            body = _visible(body)
            for d in body.xpath(".//del"):
                d.drop_tree()
            out.append(body.text_content())
    return out


def test_markup_in_a_resolution_is_escaped() -> None:
    out = render_comparison(sample_comparison(), "html").decode()
    assert SCRIPT not in out and IMG not in out
    assert str(escape(SCRIPT)) in out
    doc = lxml.html.fromstring(out)
    assert not doc.xpath("//img")
    scripts = doc.xpath("//script")
    assert len(scripts) == 1 and "alert" not in scripts[0].text  # only our j/k navigation


def test_fragment_has_no_document_shell_and_no_script() -> None:
    out = render_comparison_html(sample_comparison(), standalone=False)
    assert "<html" not in out and "<script" not in out and "<style" not in out
    assert out.lstrip().startswith('<div class="rd-report')
    assert "text-decoration: underline" in report_css()


def test_inline_view_is_the_new_text_with_marks() -> None:
    c = sample_comparison()
    doc = _doc(c)
    assert _shown_new_text(doc) == [p.text for p in c.new.paragraphs]
    assert doc.xpath("//ins") and doc.xpath("//del")
    assert q(doc, "//*.rd-moved-to") and q(doc, "//*.rd-moved-from")
    labels = [e.text_content() for e in q(doc, "//*.rd-entry//*.rd-id")]
    assert "PP2 (was PP4)" in labels and "OP4 (deleted)" in labels
    assert doc.xpath("//i")  # leads in italics
    assert [n.text_content() for n in q(doc, "//*.rd-operative/*.rd-num")][:2] == ["1.", "2."]
    assert [n.text_content() for n in q(doc, "//*.rd-subparagraph/*.rd-num")][:1] == ["(a)"]


def test_footnotes_show_under_their_paragraph() -> None:
    doc = _doc(sample_comparison())
    notes = q(doc, "//*.rd-notes")
    assert notes and "See A/71/L.12." in notes[0].text_content()
    assert [_visible(i).text_content() for i in notes[0].xpath(".//ins")] == [
        "2\u2002See A/73/L.21."
    ]


def test_insertions_and_deletions_are_announced() -> None:
    doc = _doc(sample_comparison())
    for mark, word in (("ins", "inserted:"), ("del", "deleted:")):
        marks = [m for m in doc.xpath(f"//article//{mark}")]
        assert marks and all(q(m, "./*.rd-vh")[0].text_content().strip() == word for m in marks)
    pdf_html = render_comparison_html(sample_comparison(), pdf=True)
    assert 'rd-vh">inserted' not in pdf_html  # the PDF's text stays the resolution's


def test_change_list_counts_match_its_lines_and_links_resolve() -> None:
    c = sample_comparison()
    doc = _doc(c)
    rows = q(doc, "//table.rd-clist//tr.rd-cl-row")
    changed = q(doc, "//*.rd-entry.rd-changed")
    assert len(rows) == len(changed)  # one line per change
    kinds = [r.get("data-kind") for r in rows]
    tally = q(doc, "//p.rd-tally")[0].text_content()
    substantive = [k for k in kinds if k != "routine"]
    assert tally.startswith(f"{len(substantive)} changes: ")
    for kind in set(substantive):
        assert f"{kinds.count(kind)} {kind}" in tally
    assert f"{kinds.count('routine')} routine update" in tally
    # the operative part first, each line in its part
    sections = [r.get("data-section") for r in rows if r.get("data-kind") != "routine"]
    assert sections == sorted(sections, key=["operative", "preambular", "other"].index)
    # old and new ids in columns of their own: the removed OP4 has no new id
    removed = next(r for r in rows if r.get("data-kind") == "removed")
    assert q(removed, "./td.rd-cl-new")[0].text_content() == "—"
    assert q(removed, "./td.rd-cl-old")[0].text_content() == "OP4"
    moved = next(r for r in rows if r.get("data-kind") == "moved")
    assert [q(moved, f"./td.rd-cl-{k}")[0].text_content() for k in ("new", "old")] == ["PP2", "PP4"]
    # opening words, lead in italics; the verb verdict with its reason as a tooltip
    op1 = next(r for r in rows if r.get("data-verb") == "1")
    assert q(op1, "./td.rd-cl-begins/i")[0].text_content() == "Urges"
    assert q(op1, ".//*.rd-verb")[0].get("title") == "Encourages → Urges: stronger"
    ids = {e.get("id") for e in doc.xpath("//*[@id]")}
    hrefs = [a.get("href")[1:] for a in doc.xpath("//a[starts-with(@href, '#')]")]
    assert hrefs and all(h in ids for h in hrefs)


def test_filters_are_offered_on_screen_only() -> None:
    doc = _doc(sample_comparison())
    buttons = q(doc, "//*.rd-filters/button")
    assert [b.get("data-filter") for b in buttons] == ["all", "verb", "addrem", "operative"]
    assert q(doc, "//*.rd-filters")[0].get("hidden") is not None  # shown by the script
    pdf = lxml.html.fromstring(render_comparison_html(sample_comparison(), pdf=True))
    assert not q(pdf, "//*.rd-filters") and not pdf.xpath("//script")


def test_changes_only_and_summary_only() -> None:
    c = sample_comparison()
    whole = _doc(c)
    only = _doc(c, changes_only=True)
    assert q(whole, "//*.rd-entry.rd-same") and not q(only, "//*.rd-entry.rd-same")
    assert len(q(only, "//*.rd-entry.rd-changed")) == len(q(whole, "//*.rd-entry.rd-changed"))
    gaps = [g.text_content() for g in q(only, "//*.rd-gap")]
    unchanged = len(q(whole, "//*.rd-entry.rd-same"))
    assert sum(int(g.split()[0]) for g in gaps) == unchanged
    summary = _doc(c, summary_only=True)
    assert not summary.xpath("//article") and q(summary, "//table.rd-clist")
    assert not summary.xpath("//table.rd-clist//a")  # no text to link to


def test_a_heading_per_change_and_one_h1() -> None:
    doc = _doc(sample_comparison())
    assert len(doc.xpath("//h1")) == 1
    assert len(q(doc, "//*.rd-entry.rd-changed//h3")) == len(q(doc, "//*.rd-entry.rd-changed"))


def test_every_change_has_an_anchor_and_neighbours() -> None:
    doc = _doc(sample_comparison())
    changed = q(doc, "//*.rd-entry.rd-changed")
    assert len(changed) == 9
    assert all(e.get("id") for e in changed)
    assert q(changed[0], ".//*.rd-nav/a")[0].get("href") == "#" + changed[1].get("id")


def test_side_by_side_view() -> None:
    c = sample_comparison()
    doc = _doc(c, view="side-by-side")
    rows = q(doc, "//table.rd-sbs/tbody/tr.rd-row")
    assert len(rows) == len(c.changes)
    old_col = " ".join(_visible(td).text_content() for td in q(doc, "//td.rd-old"))
    assert "Stresses the need for funding" in old_col
    with pytest.raises(InvalidRequestError):
        render_comparison(c, "html", view="sideways")


def test_arabic_is_right_to_left() -> None:
    doc = _doc(sample_comparison(language="ar"))
    text = q(doc, "//article.rd-text")[0]
    assert text.get("dir") == "rtl" and text.get("lang") == "ar"
    assert doc.get("lang") == "en"  # no Arabic catalog yet: the report's own words are English
    assert "\u0627\u0644\u062c\u0645\u0639\u064a\u0629" in text.text_content()


def test_french_text_with_its_own_language() -> None:
    old = diffing.parse((FIXTURES / "A_RES_75_10_fr.md").read_text(encoding="utf-8"))
    new = copy.deepcopy(old)
    p = new.paragraphs[1]
    p.text = p.text.replace("INTERPOL", "INTERPOL et d’autres organisations", 1)
    c = diffing.compare(old, new)
    doc = _doc(c)
    text = q(doc, "//article.rd-text")[0]
    assert text.get("lang") == "fr" and text.get("dir") == "ltr"
    assert "L’Assemblée générale," in text.text_content()
    assert "d’autres organisations" in " ".join(i.text_content() for i in doc.xpath("//ins"))
    assert _shown_new_text(doc) == [q.text for q in new.paragraphs]


@needs_corpus
def test_real_comparison_shows_the_whole_new_text() -> None:
    c = diffing.compare(
        diffing.parse((INTERPOL / "A_RES_73_11_en.txt").read_text(encoding="utf-8")),
        diffing.parse((INTERPOL / "A_RES_75_10_en.txt").read_text(encoding="utf-8")),
    )
    for view in ("inline", "side-by-side"):
        doc = _doc(c, view=view)
        assert "A/RES/73/11" in doc.xpath("//h1")[0].text_content()
    doc = _doc(c)
    assert _shown_new_text(doc) == [p.text for p in c.new.paragraphs]
    assert len(q(doc, "//*.rd-entry.rd-added")) == c.summary["added"]
