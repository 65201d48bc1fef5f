"""The cooperative time budget of a comparison.

A caller passes ``deadline``, a :func:`time.monotonic` value, to
:func:`diffing.compare` or :func:`diffing.compare_series`; the engine checks
it between bounded steps of its loops and raises
:class:`~diffing.errors.ComparisonTooLargeError` (413) once it has passed, so
a pathological input answers within its budget instead of holding a worker.
``None`` means no budget.

>>> check(None, "aligning paragraphs")
>>> check(0.0, "aligning paragraphs")
Traceback (most recent call last):
...
diffing.errors.ComparisonTooLargeError: comparison exceeded its time budget while aligning paragraphs
"""

from __future__ import annotations

import time

from diffing.errors import ComparisonTooLargeError

__all__ = ["EXCEEDED", "check"]

#: how the detail of a budget error starts (a caller may add the budget after it)
EXCEEDED = "comparison exceeded its time budget"


def check(deadline: float | None, doing: str) -> None:
    """Raise :class:`ComparisonTooLargeError` when ``deadline`` has passed."""
    if deadline is not None and time.monotonic() > deadline:
        raise ComparisonTooLargeError(f"{EXCEEDED} while {doing}")
