"""Properties of :func:`diffing.next_draft` on generated resolutions.

Each generated base holds operative paragraphs naming Assembly sessions
around its own, a list of recalled resolutions ending with its predecessor,
and paragraphs with neither; in English or in French.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

import diffing
from diffing.lexicon import find_ordinals, ordinal_word
from diffing.renewal.context import format_date
from diffing.renewal.recalls import find_lists

FILLER = st.text(alphabet="abcdefghijklmnopqrstuvwxyz ", min_size=5, max_size=60).map(
    lambda s: " ".join(s.split()) or "notes"
)


@st.composite
def bases(draw: st.DrawFn) -> tuple[str, int, str, list[int], list[int]]:
    french = draw(st.booleans())
    lang = "fr" if french else "en"
    b = draw(st.integers(min_value=40, max_value=95))
    year = 1945 + b
    number = f"{b}/{draw(st.integers(min_value=1, max_value=400))}"
    sessions = draw(st.lists(st.integers(min_value=b - 6, max_value=b + 4), max_size=6))
    step = draw(st.integers(min_value=1, max_value=3))
    recalled = [b - 1 - step * i for i in range(draw(st.integers(min_value=2, max_value=5)))][::-1]
    cites = [
        f"{s}/{10 + i} {'du' if french else 'of'} {format_date(f'{1945 + s}-12-0{i % 9 + 1}', lang)}"
        for i, s in enumerate(recalled)
    ]
    joined = (
        ", ".join(cites[:-1]) + (" et " if french else " and ") + cites[-1]
        if len(cites) > 1
        else cites[0]
    )
    if french:
        head = f"A/RES/{number}\n\nRésolution adoptée par l'Assemblée générale le 4 décembre {year}\n\nL'Assemblée générale,\n\n"
        pp = f"Rappelant ses résolutions {joined},"
        ops = [
            f"Prie le Secrétaire général de lui faire rapport à sa {ordinal_word(s, 'fr')} session ;"
            for s in sessions
        ]
    else:
        head = f"A/RES/{number}\n\nResolution adopted by the General Assembly on 4 December {year}\n\nThe General Assembly,\n\n"
        pp = f"Recalling its resolutions {joined},"
        ops = [
            f"Requests the Secretary-General to report at its {ordinal_word(s)} session;"
            for s in sessions
        ]
    fillers = draw(st.lists(FILLER, min_size=1, max_size=3))
    ops += [f"Stresses {f};" for f in fillers]
    text = head + pp + "\n\n" + "\n\n".join(f"{i}. {o}" for i, o in enumerate(ops, 1)) + "\n"
    return text, b, number, sessions, recalled


@settings(max_examples=60, deadline=None)
@given(bases())
def test_draft_properties(case: tuple[str, int, str, list[int], list[int]]) -> None:
    text, b, number, sessions, recalled = case
    base = diffing.parse(text)
    d = diffing.next_draft(base, b + 1)
    # the ops rebuild both texts; a change made is a tagged, explained rollover
    for c, old, new in zip(d.changes, base.paragraphs, d.new.paragraphs, strict=True):
        assert "".join(o.old for o in c.ops) == old.text
        assert "".join(o.new for o in c.ops) == new.text
        assert (c.type == "unchanged") == (old.text == new.text)
        if c.type != "unchanged":
            assert c.tags == ["rollover"] and c.reason
    for s in d.suggestions:
        assert "".join(o.old for o in s.ops) == d.new.paragraph(s.paragraph).text
    # the list of recalled resolutions ends with the base
    [cited] = find_lists(d.new.paragraphs[0].text, base.language)
    assert [c.session for c in cited.items] == [*recalled, b]
    assert cited.last.key == number
    # Assembly sessions: the base's own and the next move on, later ones are proposed, history stays
    ops = [p for p in d.new.paragraphs if p.kind == "operative"]
    for s, p in zip(sessions, ops, strict=False):
        [(_, _, got)] = find_ordinals(p.text)
        assert got == (s + 1 if s in (b, b + 1) else s)
    # paragraphs with no number and no ordinal are never touched
    for c, p in zip(d.changes, base.paragraphs, strict=True):
        if not find_ordinals(p.text) and not any(ch.isdigit() for ch in p.text):
            assert c.type == "unchanged"


@settings(max_examples=30, deadline=None)
@given(bases())
def test_a_draft_of_a_draft_moves_on_again(
    case: tuple[str, int, str, list[int], list[int]],
) -> None:
    text, b, _, sessions, _ = case
    first = diffing.next_draft(diffing.parse(text), b + 1)
    adopted = first.new
    adopted.symbol, adopted.adopted = f"A/RES/{b + 1}/7", f"{1946 + b}-12-05"
    second = diffing.next_draft(adopted, b + 2)
    assert f"{b + 1}/7" in second.new.paragraphs[0].text
    ops = [p for p in second.new.paragraphs if p.kind == "operative"]
    for s, p in zip(sessions, ops, strict=False):
        [(_, _, got)] = find_ordinals(p.text)
        once = s + 1 if s in (b, b + 1) else s
        assert got == (once + 1 if once in (b + 1, b + 2) else once)
