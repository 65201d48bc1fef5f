"""diffing.lexicon: months, ordinals both ways, Roman numerals."""

from __future__ import annotations

import pytest

from diffing.lexicon import (
    MONTHS_EN,
    MONTHS_FR,
    from_roman,
    month_number,
    ordinal_value,
    ordinal_word,
    to_roman,
)


@pytest.mark.parametrize("language", ["en", "fr"])
def test_every_ordinal_word_reads_back(language: str) -> None:
    words = [ordinal_word(n, language) for n in range(1, 1000)]
    assert len(set(words)) == 999
    assert [ordinal_value(w) for w in words] == list(range(1, 1000))
    # as printed at the start of a line, and as the comparison keys write them
    assert [ordinal_value(w.capitalize()) for w in words] == list(range(1, 1000))
    assert [ordinal_value(w.replace("-", "").replace(" ", "")) for w in words] == list(
        range(1, 1000)
    )


@pytest.mark.parametrize(
    ("word", "value"),
    [
        ("fourth", 4), ("forty-first", 41), ("Seventy-third", 73), ("eightieth", 80),
        ("one hundred and first", 101), ("one hundred first", 101), ("hundredth", 100),
        ("quatrième", 4), ("quarante et unième", 41), ("quarante-et-unième", 41),
        ("Soixante-quinzième", 75), ("soixante et onzième", 71), ("quatre-vingt-unième", 81),
        ("quatre-vingt-dix-septième", 97), ("quatrieme", 4), ("premier", 1), ("première", 1),
        ("4th", 4), ("41st", 41), ("2nd", 2), ("3rd", 3), ("4e", 4), ("1er", 1), ("1re", 1),
        ("81e", 81), ("2ème", 2),
        ("four", None), ("twenty", None), ("quarante", None), ("0th", None), ("fourths", None),
        ("", None),
    ],
)  # fmt: skip
def test_ordinal_value(word: str, value: int | None) -> None:
    assert ordinal_value(word) == value


def test_ordinal_words_as_the_un_prints_them() -> None:
    assert ordinal_word(41) == "forty-first"
    assert ordinal_word(80, "fr") == "quatre-vingtième"
    assert ordinal_word(81, "fr") == "quatre-vingt-unième"
    assert ordinal_word(21, "fr") == "vingt et unième"
    assert ordinal_word(71, "fr") == "soixante et onzième"
    assert ordinal_word(1, "fr", feminine=True) == "première"
    with pytest.raises(ValueError):
        ordinal_word(0)
    with pytest.raises(ValueError):
        ordinal_word(3, "de")


def test_months() -> None:
    assert [month_number(m) for m in MONTHS_EN] == list(range(1, 13))
    assert [month_number(m) for m in MONTHS_FR] == list(range(1, 13))
    assert month_number("DÉCEMBRE") == 12 and month_number("decembre") == 12
    assert month_number("diciembre") == 12 and month_number("Undecember") is None


def test_roman_numerals_round_trip() -> None:
    assert all(from_roman(to_roman(n)) == n for n in range(1, 4000))
    assert [from_roman(s) for s in ("IIII", "VX", "iv", "", "MMMM")] == [None] * 5
    with pytest.raises(ValueError):
        to_roman(0)
