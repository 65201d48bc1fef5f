"""What a new process pays once, paid ahead: :func:`warm_up`.

The first comparison of a process fills the parser's and aligner's caches, and
a comparison with many unmatched paragraphs loads numpy (``rapidfuzz``'s
``process.cdist`` needs it: tens of milliseconds). A server calls
:func:`warm_up` once before it forks its workers, so that each inherits all of
it; a one-off command need not.

>>> warm_up() >= 0.0
True
"""

from __future__ import annotations

import time

from rapidfuzz import fuzz, process

from diffing.align import compare
from diffing.parser import parse

__all__ = ["warm_up"]

_OLD = """A/RES/1/1
The General Assembly,
Recalling its resolution 1/2 of 1 January 2001 adopted at its first session,
1. Decides to include in the provisional agenda of its seventy-ninth session the item;
2. Strongly urges all States to cooperate;
"""
_NEW = """A/RES/2/1
The General Assembly,
Recalling its resolutions 1/2 of 1 January 2001 and 1/1 of 2 January 2002,
1. Decides to include in the provisional agenda of its eightieth session the item;
2. Encourages all States to cooperate fully;
3. Decides to remain seized of the matter.
"""


def warm_up() -> float:
    """Load and build what the first parse and comparison of a process would; the
    seconds it took. Nothing it does changes any result."""
    t0 = time.perf_counter()
    process.cdist(["a"], ["b"], scorer=fuzz.ratio, workers=1)  # imports numpy
    compare(parse(_OLD), parse(_NEW))
    return time.perf_counter() - t0
