"""A document's bytes or text to a checked :class:`~diffing.model.Resolution`.

What a pool process runs for an upload, a pasted text or a retrieved file
(:mod:`service.pool`): the text is read (:mod:`service.ingest`, its own limits
on pages, inflated bytes and XML elements counted while reading), then
*counted before it is parsed* (:func:`precount`: its length, its words and the
lines that may start a paragraph, each with an early exit), then parsed and
checked against the paragraph and word limits (:func:`check_document`).
"""

from __future__ import annotations

import re

from diffing import parse
from diffing.model import Resolution
from service import ingest
from service.config import Limits
from service.errors import EmptyDocumentError, LimitExceededError

__all__ = [
    "PARAGRAPH_HEADROOM",
    "WORD_HEADROOM",
    "check_document",
    "precount",
    "read_file",
    "read_text",
    "words",
]

#: a text may hold this many times more paragraph starts than the paragraph limit
#: (headings, page furniture, footnotes and sub-paragraph labels are starts too)
PARAGRAPH_HEADROOM = 4
#: ... and this many times more words than the word limit (furniture, footnotes)
WORD_HEADROOM = 2

_WORD = re.compile(r"\S+")
# a line after a blank line, or a line that opens with a label: "1.", "(a)", "iv)", "A."
_START = re.compile(
    r"(?:\A|\n[ \t\r\f\v]*\n)[ \t]*\S"
    r"|\n[ \t]*(?:\(?[0-9]{1,5}[.)]|\([A-Za-z]{1,6}\)|[A-Za-z]{1,6}[.)])[ \t]"
)


def words(res: Resolution) -> int:
    """Words of the paragraphs, and of the instructions of an amendment."""
    return sum(len(p.text.split()) for p in res.paragraphs) + sum(
        len(i.text.split()) for i in res.instructions
    )


def _count(pattern: re.Pattern[str], text: str, stop: int) -> int:
    """Matches of ``pattern`` in ``text``, counting no further than ``stop``."""
    n = 0
    for _ in pattern.finditer(text):
        n += 1
        if n >= stop:
            break
    return n


def precount(text: str, limits: Limits, name: str) -> None:
    """Refuse (413) a text too large to parse, before the parser sees it: longer than
    the file limit, or with more than :data:`WORD_HEADROOM` times the words or
    :data:`PARAGRAPH_HEADROOM` times the paragraphs the limits allow. Linear, and
    each count stops at its limit.

    >>> precount("1. a\\n\\n" * 20, Limits(paragraphs=4), "the text")
    Traceback (most recent call last):
    ...
    service.errors.LimitExceededError: the text has more than 16 paragraphs or numbered lines: the limit is 4 paragraphs
    """
    if len(text) > limits.file_bytes:
        raise LimitExceededError(
            f"the text of {name} is {len(text):,} characters: the limit is {limits.file_bytes:,}"
        )
    most = limits.paragraphs * PARAGRAPH_HEADROOM
    if _count(_START, text, most + 1) > most:
        raise LimitExceededError(
            f"{name} has more than {most:,} paragraphs or numbered lines:"
            f" the limit is {limits.paragraphs:,} paragraphs"
        )
    most = limits.words * WORD_HEADROOM
    if _count(_WORD, text, most + 1) > most:
        raise LimitExceededError(
            f"{name} has more than {most:,} words: the limit is {limits.words:,} words"
        )


def check_document(res: Resolution, limits: Limits, name: str) -> int:
    """Refuse a document over the paragraph or word limit (413), or without paragraphs
    (422; an amendment has instructions instead); its number of words otherwise."""
    if len(res.paragraphs) > limits.paragraphs:
        raise LimitExceededError(
            f"{name} has {len(res.paragraphs):,} paragraphs: the limit is {limits.paragraphs:,}"
        )
    count = words(res)
    if count > limits.words:
        raise LimitExceededError(f"{name} has {count:,} words: the limit is {limits.words:,}")
    if not res.paragraphs and not res.instructions:
        raise EmptyDocumentError(f"{name}: no resolution paragraph was found in it")
    return count


def parse_checked(text: str, limits: Limits, name: str) -> tuple[Resolution, int]:
    """``text`` counted, parsed and checked: the resolution and its number of words."""
    precount(text, limits, name)
    res = parse(text)
    return res, check_document(res, limits, name)


def read_file(data: bytes, name: str, limits: Limits) -> tuple[Resolution, int]:
    """A document file (PDF, DOCX, text), read within ``limits`` and parsed."""
    text, _ = ingest.extract_text(data, name, limits=limits)
    return parse_checked(text, limits, name)


def read_text(text: str, name: str, limits: Limits) -> tuple[Resolution, int]:
    """A pasted text (checked as :func:`service.ingest.pasted_text` says), parsed."""
    return parse_checked(ingest.pasted_text(text, name, max_bytes=limits.file_bytes), limits, name)
