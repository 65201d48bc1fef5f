"""resdiff's pure engine: parse a UN General Assembly resolution, align two or
more versions paragraph by paragraph, diff the words inside aligned paragraphs.

Public API::

    parse(text, *, language=None) -> Resolution
    compare(old, new, *, deadline=None) -> Comparison
    compare_series([r1, r2, ...], *, deadline=None) -> Series
    apply_amendments(draft, [amendment, ...], *, deadline=None) -> Comparison
    next_draft(base, session=None, *, previous=None, deadline=None) -> Draft
    warm_up() -> float   # a server's workers: pay the first call's costs ahead

``deadline`` is a :func:`time.monotonic` value: a comparison still running
past it raises ``ComparisonTooLargeError`` (:mod:`diffing.budget`).

This package does no I/O and imports no web, PDF, DOCX or database library.
"""

from diffing.align import compare
from diffing.amendments import apply_amendments
from diffing.errors import ResdiffError
from diffing.model import (
    AmendmentRef,
    AmendmentReport,
    Change,
    Comparison,
    Footnote,
    Instruction,
    InstructionReport,
    Op,
    Paragraph,
    Resolution,
    Series,
    SeriesRow,
    Submitter,
    VerbChange,
)
from diffing.parser import parse
from diffing.renewal import Draft, Suggestion, next_draft
from diffing.series import compare_series
from diffing.warmup import warm_up

__all__ = [
    "AmendmentRef",
    "AmendmentReport",
    "Change",
    "Comparison",
    "Draft",
    "Footnote",
    "Instruction",
    "InstructionReport",
    "Op",
    "Paragraph",
    "ResdiffError",
    "Resolution",
    "Series",
    "SeriesRow",
    "Submitter",
    "Suggestion",
    "VerbChange",
    "apply_amendments",
    "compare",
    "compare_series",
    "next_draft",
    "parse",
    "warm_up",
]
