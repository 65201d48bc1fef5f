"""Issue 18: every shortcut of the parser and the aligner gives what the plain step gives.

Each fast step is checked against a slow, obviously correct reference (the step
as it was, in ``tests/slow_reference.py``, or the same function without its
shortcut) on random inputs made of the characters and words the shortcuts test
for (digits, stars, slashes, hyphens, page breaks, superscripts, ordinals...).
The outputs of the whole corpus are checked by ``benchmarks/snapshot.py``.
"""

from __future__ import annotations

import re
import struct
import unicodedata

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz, process
from rapidfuzz.distance import LCSseq

from diffing import authors, metadata, parse
from diffing.align import _all_pairs, _encode, _Vocabulary
from diffing.blocks import (
    _BARE_NUMBER,
    _OP_LABEL,
    _SUB_LABEL,
    _SUB_LABEL_FR,
    Block,
    first_char,
    has_label,
    make_blocks,
    read_label,
)
from diffing.cleanup import (
    _ODD,
    PAGE_BREAK,
    Vocabulary,
    _FootnoteReader,
    _join_hyphenated,
    _replace_odd,
    join_lines,
    normalise,
    remove_furniture,
)
from diffing.footnotes import mark_markers
from diffing.leads import _WORD, _lead, lead_of
from diffing.lexicon import ROMAN_LOWER
from diffing.normalize import _TRANSLATE, fold_chars
from diffing.reading import _first_words, _phrase_at, words
from diffing.rollover import _is_ordinal
from tests import slow_reference as slow

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Pieces of text the shortcuts look at: what each regular expression needs, and
# what comes close to it without matching.
_PIECES = [
    "a", "Recalling", "the", "of", " ", "  ", "\t", ",", ";", ":", ".", "(", ")", "(a)", "a)",
    "1", "12", "2020", "19494", "2/5", "73/11", "A/RES/73/11", "18-20444", "*1820444*", "*",
    "* * *", "_____", "-", "imple-", "mentation", "Counter-", "Terrorism", "¹", "²", "³",
    "“", "”", "’", "\u00a0", "\u200b", "\u2011", "\u00ad", "\r", "é", "Annex", "39th",
    "plenary meeting", "The General Assembly,", "II.", "B", "Decides", "Also", "strongly",
    "with", "deep", "concern", "We", "further", "seventy-fifth", "first", "hundred", "and",
    "session", "June", "per", "to", "INTERPOL", "Strategy", "Agenda item 5",
]  # fmt: skip
_piece = st.sampled_from(_PIECES)
_line = st.lists(_piece, max_size=12).map("".join)
_lines = st.lists(st.one_of(_line, st.sampled_from(["", " ", PAGE_BREAK])), max_size=30)
_text = st.lists(st.one_of(_piece, st.sampled_from(["\n", "\n\n"])), max_size=60).map("".join)


# -- diffing.cleanup ------------------------------------------------------------------------


@SETTINGS
@given(st.text(alphabet=st.sampled_from([*_ODD, "a", " ", "\n", "\u2028", "é"]), max_size=30))
def test_normalise_skips_only_texts_with_nothing_to_replace(text: str) -> None:
    nfc = unicodedata.normalize("NFC", text)
    assert normalise(text) == _replace_odd(nfc)


@SETTINGS
@given(
    _lines, st.sets(st.sampled_from(["implementation", "counterterrorism", "counter-terrorism"]))
)
def test_join_lines_in_one_pass_as_line_by_line(lines: list[str], words: set[str]) -> None:
    vocabulary = frozenset(words)
    assert join_lines(lines, vocabulary) == _join_hyphenated(lines, vocabulary)


@SETTINGS
@given(_lines, st.sampled_from(["implementation", "page", "counter-terrorism", "the", "a"]))
def test_vocabulary_of_lines_as_of_their_text(lines: list[str], word: str) -> None:
    text = slow.vocabulary_text(lines)
    assert (word in Vocabulary(lines=lines)) == (word in Vocabulary(text))


@SETTINGS
@given(_lines, st.integers(0, 5), st.sampled_from(["", "Title", "Cooperation"]))
def test_furniture_removed_by_slices_as_line_by_line(
    lines: list[str], start: int, title: str
) -> None:
    start = min(start, len(lines))
    assert remove_furniture(lines, start=start, title=title) == slow.remove_furniture(
        lines, start=start, title=title
    )


@SETTINGS
@given(_lines, st.booleans())
def test_footnotes_read_at_the_lines_that_matter_as_at_each(lines: list[str], md: bool) -> None:
    fast = _FootnoteReader(lines, md)
    fast.read()
    plain = _FootnoteReader(lines, md)
    i = 0
    while i < len(lines):  # the loop as it was: every line, one at a time
        i = plain._line(i)
    assert (fast.out, fast.notes, fast.pages) == (plain.out, plain.notes, plain.pages)


# -- diffing.blocks --------------------------------------------------------------------------


@SETTINGS
@given(_lines)
def test_blocks_between_gaps_as_line_by_line(lines: list[str]) -> None:
    assert [(b.lines, b.soft) for b in make_blocks(lines)] == slow.make_blocks(lines)


def _plain_label(line: str, french: bool) -> tuple[str, str] | None:
    """The label opening ``line``, every pattern tried in turn."""
    s = line.lstrip()
    for rx in (_OP_LABEL, _SUB_LABEL, *([_SUB_LABEL_FR] if french else [])):
        m = rx.match(s)
        if m and (
            rx is not _SUB_LABEL_FR or len(m.group(1)) == 1 or ROMAN_LOWER.fullmatch(m.group(1))
        ):
            return m.group(1), s[m.end() :]
    return None


@SETTINGS
@given(_line, st.booleans())
def test_labels_tested_on_their_first_character(line: str, french: bool) -> None:
    assert first_char(line) == line.lstrip()[:1]
    expected = _plain_label(line, french)
    label = read_label(line, french)
    assert (tuple(label) if label else None) == expected
    assert has_label(line, french) == (expected is not None)
    block = Block([line, "next"])
    m = _BARE_NUMBER.fullmatch(line)
    from diffing.blocks import bare_number

    assert bare_number(block) == (m.group(1) if m else None)


# -- diffing.footnotes -----------------------------------------------------------------------

_marker_lines = st.lists(
    st.one_of(
        st.lists(
            st.sampled_from(
                [
                    "Agreement",
                    " ",
                    "  ",
                    "1",
                    "2",
                    "3",
                    ",",
                    ";",
                    ")",
                    "”",
                    "2020",
                    "19",
                    "*",
                    "**",
                    "¹",
                    "per",
                    "June",
                    "paragraph",
                    "A/73/L.",
                    "Add.",
                    "INTERPOL",
                    "and",
                    "to",
                ]
            ),
            max_size=12,
        ).map("".join),
        st.just(PAGE_BREAK),
    ),
    max_size=12,
)


@SETTINGS
@given(
    _marker_lines, st.lists(st.sampled_from(["1", "2", "3", "*", "**"]), max_size=4, unique=True)
)
def test_markers_marked_as_by_the_pattern_as_it_was(lines: list[str], known: list[str]) -> None:
    pages = [k % 2 for k in range(len(known))]
    assert mark_markers(lines, known, pages) == slow.mark_markers(lines, known, pages)


# -- diffing.leads, diffing.reading ----------------------------------------------------------

_lead_words = st.lists(
    st.sampled_from(
        [
            "Also",
            "also",
            "further",
            "once",
            "again",
            "strongly",
            "Strongly",
            "deeply",
            "with",
            "deep",
            "concern",
            "appreciation",
            "We",
            "we",
            "therefore",
            "commit",
            "Calls",
            "upon",
            "Taking",
            "note",
            "Having",
            "considered",
            "Bearing",
            "in",
            "mind",
            "de",
            "nouveau",
            "Réaffirme",
            "Urges",
            "States",
            "the",
            "to",
            "most",
            "gravely",
            ",",
            ";",
            "(",
            "1.",
        ]
    ),
    min_size=1,
    max_size=40,
).map(" ".join)


@SETTINGS
@given(_lead_words)
def test_lead_read_from_the_first_words_as_from_all(text: str) -> None:
    assert lead_of(text) == _lead(text, _WORD.findall(text, 0, 120))[0]


@SETTINGS
@given(_lead_words, st.integers(1, 20))
def test_first_words_as_all_words_cut(text: str, n: int) -> None:
    assert _first_words(text, n) == words(text)[:n]


@SETTINGS
@given(_lead_words)
def test_phrases_found_by_first_word_as_by_each(text: str) -> None:
    from diffing.ladder import INTENSIFIER_PHRASES, ORDINAL_PHRASES
    from diffing.reading import _INTENSIFIER_PHRASES, _ORDINAL_PHRASES

    ws = words(text)
    for i in range(len(ws)):
        for index, phrases in (
            (_ORDINAL_PHRASES, ORDINAL_PHRASES),
            (_INTENSIFIER_PHRASES, INTENSIFIER_PHRASES),
        ):
            plain = next((len(p) for p in phrases if tuple(ws[i : i + len(p)]) == p), 0)
            assert _phrase_at(ws, i, index) == plain


# -- diffing.normalize, diffing.renewal, diffing.rollover --------------------------------------


@SETTINGS
@given(
    st.lists(st.sampled_from([*map(chr, _TRANSLATE), "a", "-", "'", " ", "e\u0301"])).map("".join)
)
def test_fold_chars_by_replace_as_by_translate(text: str) -> None:
    assert fold_chars(text) == unicodedata.normalize("NFC", text).translate(_TRANSLATE)


@SETTINGS
@given(st.sampled_from(["", "x", "fifth", "Fifth", "tenth-", "seventy-fifth", "21st", "21ſt", "1er",
                        "quinzième", "premier", "première", "with", "month", "75th", "-"]))  # fmt: skip
def test_ordinal_keys_tested_on_their_ending(key: str) -> None:
    assert _is_ordinal(key) == slow.is_ordinal(key)


# -- diffing.align ---------------------------------------------------------------------------

_key = st.lists(st.sampled_from(["the", "of", ",", "States", "states", "urges", "Decides", "(", "a", "_x",
                                 "peace", "security", "2020"]), max_size=12).map(" ".join)  # fmt: skip


@SETTINGS
@given(st.lists(_key, min_size=1, max_size=6))
def test_words_encoded_once_score_as_in_order(keys: list[str]) -> None:
    fast = _encode(keys, _Vocabulary())
    plain = slow.encode(keys, {})
    for x in range(len(keys)):
        for y in range(len(keys)):
            assert fuzz.ratio(fast[x], fast[y]) == fuzz.ratio(plain[x], plain[y])
            assert LCSseq.similarity(fast[x], fast[y]) == LCSseq.similarity(plain[x], plain[y])


@SETTINGS
@given(st.lists(st.text(alphabet="abcdef", max_size=12), min_size=1, max_size=8),
       st.lists(st.text(alphabet="abcdef", max_size=12), min_size=1, max_size=8))  # fmt: skip
def test_few_pairs_scored_one_by_one_as_by_cdist(xs: list[str], ys: list[str]) -> None:
    ratio = process.cdist(xs, ys, scorer=fuzz.ratio, workers=1)
    lcs = process.cdist(xs, ys, scorer=LCSseq.similarity, workers=1)
    expected = [
        (x, y, float(ratio[x, y]), float(lcs[x, y])) for x in range(len(xs)) for y in range(len(ys))
    ]
    assert list(_all_pairs(xs, ys)) == expected


def test_a_single_score_rounds_as_cdist_does() -> None:
    # 2/3 is not a 32-bit float: cdist gives 66.66666412353516, not 66.66666666666667
    ((_, _, r, _),) = _all_pairs(["ab"], ["b"])
    assert (
        r
        == struct.unpack("f", struct.pack("f", fuzz.ratio("ab", "b")))[0]
        != fuzz.ratio("abc", "ab")
    )


# -- metadata and authors: a word each pattern needs, tested first ---------------------------


@SETTINGS
@given(_text)
def test_words_tested_before_the_front_matter_patterns(text: str) -> None:
    # each shortcut only ever skips a pattern that could not match
    for line in [text, *text.split("\n")]:
        if authors._COMMITTEE_LINE.fullmatch(line):
            assert authors._COMMITTEE_WORD.search(line)
        if any(
            p.fullmatch(line)
            for p in (authors._SUBMITTED, authors._AMENDMENT, authors._SPONSORS, authors._NOBODY)
        ):
            assert authors._DRAFT_WORD.search(line)
        if metadata._ADOPTED.search(line):
            assert metadata._ADOPTION_WORD.search(line)
        if metadata._SESSION_LINE.fullmatch(line):
            assert metadata._SESSION_WORD.search(line)
        if metadata.TITLE_LINE.fullmatch(line):
            assert "/" in line
        assert (metadata._agenda(line) is not None) == any(
            p.fullmatch(line)
            for p in (metadata._AGENDA_EN, metadata._AGENDA_FR, metadata._AGENDA_ES)
        )


# -- numbers past 9,999 ----------------------------------------------------------------------


def test_paragraphs_past_9999_are_read() -> None:
    body = "\n\n".join(f"{k}. Decides item {k};" for k in range(1, 10_003))
    r = parse(f"A/RES/1/1\n\nThe General Assembly,\n\n{body}\n")
    ops = [p for p in r.paragraphs if p.kind == "operative"]
    assert [p.number for p in ops[-4:]] == ["9999", "10000", "10001", "10002"]
    assert len(ops) == 10_002 and re.fullmatch(r"Decides item 10002;", ops[-1].text)


def test_a_year_opening_a_line_is_still_no_paragraph() -> None:
    r = parse("A/RES/1/1\n\nThe General Assembly,\n\n1. Decides to act by\n2030. The rest;\n")
    assert [p.id for p in r.paragraphs] == ["OP1"]
