"""Placeholder: series comparison is being written (issue 3)."""

from collections.abc import Sequence

from diffing.model import Resolution, Series


def compare_series(versions: Sequence[Resolution]) -> Series:
    raise NotImplementedError
