"""Placeholder: the parser is being written (issue 2)."""

from diffing.model import Resolution


def parse(text: str, *, language: str | None = None) -> Resolution:
    raise NotImplementedError
