"""Word ops: exact round trip, normalised comparison, semantic clean-up."""

from __future__ import annotations

from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from diffing.normalize import fold, token_key
from diffing.tokens import paragraph_key, tokenize
from diffing.worddiff import diff_words, typographic_ops


def _sides(old: str, new: str) -> tuple[str, str]:
    ops = diff_words(old, new).ops
    return "".join(o.old for o in ops), "".join(o.new for o in ops)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("Recalling its resolution 71/19 of 21 November 2016,", "Recalling its resolutions 71/19"),
        ("", "Decides to remain seized of the matter."),
        ("Decides to remain seized of the matter.", ""),
        ("  leading and trailing  ", "leading\nand trailing"),
        ("Counter-\nTerrorism Strategy", "Counter-Terrorism Strategy"),
    ],
)
def test_round_trip(old: str, new: str) -> None:
    assert _sides(old, new) == (old, new)


@given(st.text(max_size=80), st.text(max_size=80))
@settings(max_examples=150, deadline=None)
def test_round_trip_any_text(old: str, new: str) -> None:
    assert _sides(old, new) == (old, new)


@given(
    st.lists(
        st.sampled_from(
            ["the", "of", "and", "States", "Urges", "Calls", "upon", ",", ";", "Member", "to"]
        ),
        max_size=25,
    ),
    st.lists(
        st.sampled_from(
            ["the", "of", "and", "States", "Urges", "Calls", "upon", ",", ";", "Member", "to"]
        ),
        max_size=25,
    ),
)
@settings(max_examples=150, deadline=None)
def test_round_trip_word_salad(a: list[str], b: list[str]) -> None:
    old, new = " ".join(a), " ".join(b)
    d = diff_words(old, new)
    assert _sides(old, new) == (old, new)
    assert 0.0 <= d.similarity <= 1.0
    # no two edits in a row: the clean-up merges them
    kinds = [o.op == "equal" for o in d.ops]
    assert all(x or y for x, y in pairwise(kinds))


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("the \u201cGlobal\u201d Strategy", 'the "Global" Strategy'),
        ("non\u2011State actors", "non-State actors"),
        ("26\u00a0November 2018", "26 November 2018"),
        ("money-\nlaundering and", "money- laundering  and"),
        ("Programme d\u2019action", "Programme d'action"),
    ],
)
def test_typography_is_no_change(old: str, new: str) -> None:
    d = diff_words(old, new)
    assert [o.op for o in d.ops] == ["equal"]
    assert d.similarity == 1.0
    assert paragraph_key(old) == paragraph_key(new)


def test_wording_is_a_change() -> None:
    assert paragraph_key("Member States") != paragraph_key("member States")
    assert paragraph_key("9\u201320 July") != paragraph_key("9-20 July")
    assert diff_words("Urges States", "Encourages States").similarity < 1.0


def test_stop_word_between_edits_does_not_chop_a_replacement() -> None:
    ops = diff_words("to promote the rights of women", "to advance the empowerment of women").ops
    assert [(o.op, o.old, o.new) for o in ops] == [
        ("equal", "to ", "to "),
        ("replace", "promote the rights ", "advance the empowerment "),
        ("equal", "of women", "of women"),
    ]


def test_long_equal_run_separates_edits() -> None:
    ops = diff_words(
        "Urges the United Nations and INTERPOL to promote equality",
        "Encourages the United Nations and INTERPOL to advance equality",
    ).ops
    assert [o.op for o in ops] == ["replace", "equal", "replace", "equal"]
    assert ops[0].old.strip() == "Urges" and ops[0].new.strip() == "Encourages"


def test_tokens_keep_numbers_and_symbols_whole() -> None:
    assert [t.key for t in tokenize("resolutions 73/11, A/60/88/Corr.2 and 1,000")] == [
        "resolutions",
        "73/11",
        ",",
        "A/60/88/Corr.2",
        "and",
        "1,000",
    ]
    assert token_key("Counter- Terrorism") == token_key("CounterTerrorism")
    assert token_key("informa- tion") == "information"
    assert fold(" a\u00a0 b\n") == "a b"


@given(
    st.text(
        alphabet=st.sampled_from(list("ab1 ,.-/\n\u00a0\u2011\u2019'\u201c:\tÉé")),
        max_size=40,
    )
)
@settings(max_examples=300, deadline=None)
def test_fast_paragraph_key_is_the_token_keys(text: str) -> None:
    assert paragraph_key(text) == " ".join(t.key for t in tokenize(text) if t.key)


def test_line_end_hyphenation_is_no_change() -> None:
    assert paragraph_key("the informa-\ntion systems") == paragraph_key("the information systems")
    assert paragraph_key("COVID-19") != paragraph_key("COVID19")


@given(
    st.text(
        alphabet=st.sampled_from(list("ab1 ,.-/\n\u00a0\u2011\u00ad\u200b\u2019'\u201c:\tÉé")),
        max_size=40,
    )
)
@settings(max_examples=300, deadline=None)
def test_tokens_rebuild_the_text_and_carry_their_keys(text: str) -> None:
    tokens = tokenize(text)
    assert "".join(t.text for t in tokens) == text
    assert [t.key for t in tokens] == [token_key(t.text) for t in tokens]


_TYPO = st.lists(
    st.sampled_from(
        ["the", "States", "73/11", ",", "“", "”", '"', "’", "'", " ", "  ", "\n", "\u00a0"]
    ),
    max_size=12,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(old=_TYPO, new=_TYPO)
def test_typographic_ops_cut_an_equal_op_exactly(old: str, new: str) -> None:
    """Every equal op the engine emits is cut into exact pieces, without a new diff: the
    pieces rebuild both sides, and an ``equal`` piece has the same text on both sides."""
    for op in diff_words(old, new).ops:
        pieces = typographic_ops(op)
        assert "".join(p.old for p in pieces) == op.old
        assert "".join(p.new for p in pieces) == op.new
        assert all(p.old == p.new for p in pieces if p.op == "equal")
        if op.op == "equal" and op.old != op.new:
            assert any(p.op == "replace" for p in pieces)
        assert all(a.op != b.op for a, b in pairwise(pieces))  # runs are merged
