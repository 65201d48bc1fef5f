"""Verb verdicts on every verb change of the 170 renewals of sessions 78 -> 79.

Properties, not counts: every verdict is explained and agrees with the rungs it
names, no change of ordinal adverb alone gets a verdict or reaches a report,
the verdicts are antisymmetric, and the renewals hold verb changes of each kind.
"""

from __future__ import annotations

import re
from functools import cache
from itertools import pairwise

import pytest

import diffing
from diffing.ladder import ORDINAL_PHRASES, ORDINALS
from diffing.verbs import read, verb_change
from service.i18n import Chrome
from service.render.html import render_comparison_html
from service.render.text import render_comparison_text
from service.render.words import verdict
from tests.conftest import CORPUS, needs_corpus

pytestmark = needs_corpus

_MIRROR = {"weaker": "stronger", "stronger": "weaker", "same": "same"}


@cache
def _comparisons() -> list[diffing.Comparison]:
    unga = CORPUS / "unga-78-79"
    lines = (CORPUS / "unga-78-79.SERIES.tsv").read_text(encoding="utf-8").splitlines()[1:]
    files = [pair for line in lines for pair in pairwise(line.split("\t")[1].split())]
    assert len(files) == 170

    def parse(name: str) -> diffing.Resolution:
        return diffing.parse((unga / name).read_text(encoding="utf-8"))

    return [diffing.compare(parse(a), parse(b)) for a, b in files]


def _verb_changes() -> list[diffing.VerbChange]:
    return [vc for vc, _, _ in _with_texts()]


def _with_texts() -> list[tuple[diffing.VerbChange, str, str]]:
    """Every verb change with the texts of its old and new (first) paragraphs."""
    return [
        (c.verb_change, comp.old.paragraph(c.old[0]).text, comp.new.paragraph(c.new[0]).text)
        for comp in _comparisons()
        for c in comp.changes
        if c.verb_change
    ]


def _without_ordinals(lead: str) -> list[str]:
    words = re.findall(r"[\w'’-]+", lead.lower())
    for phrase in ORDINAL_PHRASES:
        n = len(phrase)
        words = [w for i, w in enumerate(words) if not any(
            tuple(words[j : j + n]) == phrase for j in range(max(0, i - n + 1), i + 1)
        )]  # fmt: skip
    return [w for w in words if w not in ORDINALS]


def test_every_verdict_explains_itself_and_agrees_with_its_rungs() -> None:
    seen = _with_texts()
    assert seen
    moved = 0
    for vc, old_text, new_text in seen:
        a, b = read(vc.old), read(vc.new)
        assert a is not None and b is not None, vc
        assert (vc.old_rung, vc.old_intensity) == (a.rung, a.intensity), vc
        assert (vc.new_rung, vc.new_intensity) == (b.rung, b.intensity), vc
        assert vc.reason.startswith(f"{vc.old} -> {vc.new}: {vc.direction}"), vc.reason
        old, new = (a.rung, a.intensity), (b.rung, b.intensity)
        want = "same" if old == new else ("stronger" if new > old else "weaker")
        if vc.direction != want:  # the stronger verb only moved to another clause
            assert not vc.minor and vc.direction == "same", vc
            said = "still follows in the new" if want == "weaker" else "already followed in the old"
            m = re.search(rf"'[^']+' {said} paragraph \(rung (\d)\)$", vc.reason)
            assert m is not None, vc
            assert int(m.group(1)) >= max(a.rung, b.rung), vc
            moved += 1
        assert vc.direction == "same" or not vc.minor, vc
        mirror = verb_change(vc.new, vc.old, old_text=new_text, new_text=old_text)
        assert mirror is not None and mirror.direction == _MIRROR[vc.direction], vc
        assert mirror.minor == vc.minor
    assert 0 < moved < len(seen) / 4


def test_no_verdict_on_a_change_of_ordinal_adverb_alone() -> None:
    vcs = _verb_changes()
    adverb_only = [vc for vc in vcs if _without_ordinals(vc.old) == _without_ordinals(vc.new)]
    assert adverb_only  # "Also decides" -> "Further decides" is everywhere in renewals
    for vc in adverb_only:
        assert vc.minor and vc.direction == "same", vc
    for vc in vcs:
        if vc.minor:  # only ordinal adverbs, possessives or forms of one verb changed
            a, b = read(vc.old), read(vc.new)
            assert a is not None and b is not None and a.core == b.core, vc


def test_reports_hide_minor_verb_changes_and_show_the_others_with_their_reason() -> None:
    for comp in _comparisons():
        shown = [c.verb_change for c in comp.changes if c.verb_change and not c.verb_change.minor]
        hidden = [c.verb_change for c in comp.changes if c.verb_change and c.verb_change.minor]
        text = render_comparison_text(comp)
        assert text.count("verb: ") == len(shown)
        for vc in shown:
            # the report says the engine's reason, in its own words (here English)
            said = verdict(vc, Chrome.of("en"))
            assert said == vc.reason.replace(" -> ", " → ")
            assert f"verb: {said}" in text
        for vc in hidden:
            assert verdict(vc, Chrome.of("en")) not in text
        html = render_comparison_html(comp, standalone=False)
        # once in the change list, once in the text
        assert html.count('<span class="rd-verb ') == 2 * len(shown)


def test_the_renewals_hold_every_kind_of_verdict() -> None:
    vcs = _verb_changes()
    kinds = {("minor" if vc.minor else vc.direction) for vc in vcs}
    assert kinds == {"minor", "same", "stronger", "weaker"}
    # changes of intensity alone and restated verbs are read, not only verb swaps
    assert any(vc.old_rung == vc.new_rung and vc.old_intensity != vc.new_intensity for vc in vcs)
    assert any("takes the rung of" in vc.reason for vc in vcs)


@pytest.mark.parametrize("direction", ["weaker", "stronger"])
def test_a_verdict_of_strength_always_names_two_rungs_or_an_intensity(direction: str) -> None:
    for vc in _verb_changes():
        if vc.direction == direction:
            assert re.search(r"rung \d -> rung \d|intensity \d -> \d", vc.reason), vc.reason
