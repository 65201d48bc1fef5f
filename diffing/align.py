"""Placeholder: the aligner is being written (issue 3)."""

from diffing.model import Comparison, Resolution


def compare(old: Resolution, new: Resolution) -> Comparison:
    raise NotImplementedError
