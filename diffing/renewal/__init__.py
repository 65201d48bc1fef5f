"""Renewal: start the next draft of a resolution from the last one.

:func:`next_draft` makes the routine edits of a renewal on the base text;
the small modules hold one kind of edit each:

* :mod:`~diffing.renewal.recalls` - the base joins the resolutions recalled;
* :mod:`~diffing.renewal.sessions` - session ordinals, the Assembly's and other
  bodies' (:mod:`~diffing.renewal.bodies`: the bodies with a fixed calendar);
* :mod:`~diffing.renewal.years` - years tied to a session, reporting periods, bienniums;
* :mod:`~diffing.renewal.edits` - edits of a paragraph and their ops;
* :mod:`~diffing.renewal.context` - the facts of one renewal;
* :mod:`~diffing.renewal.result` - the :class:`Draft` and its suggestions;
* :mod:`~diffing.renewal.score` - a draft against the version then adopted;
"""

from diffing.renewal.draft import next_draft, series_period
from diffing.renewal.result import Draft, Suggestion

__all__ = ["Draft", "Suggestion", "next_draft", "series_period"]
