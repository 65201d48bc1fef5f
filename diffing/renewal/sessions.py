"""Session ordinals of the General Assembly, moved on to the draft's session.

A session ordinal is an ordinal followed by "session(s)" ("at its
seventy-ninth session", "79th session", "à sa soixante-dix-septième
session"); "special session" and "session extraordinaire" are other
meetings. :func:`whose_session` says whose session it is: the General
Assembly's when the text says so ("... session of the General Assembly", "the
Assembly at its ... session") or names no other body before it ("Decides to
include in the provisional agenda of its ... session"); another body's
otherwise ("the Committee, at its sixty-seventh session").

For the Assembly's sessions, with ``b`` the base's session and ``d`` the
number of sessions the draft moves on:

* ``b + d`` (the session the base looks ahead to: "Requests the
  Secretary-General to report at its seventy-ninth session") becomes
  ``b + 2d`` in an operative paragraph; in a preambular one, which states
  facts ("looking forward to the report to be submitted at its seventy-ninth
  session"), it is only proposed;
* ``b`` (the base's own session) becomes ``b + d`` at the end of a range
  ("the seventieth to seventy-eighth sessions"), and in an operative
  paragraph that does not recall the past ("until the end of its
  seventy-eighth session"); otherwise it is only proposed;
* any later session is only proposed (a report every three years keeps its
  date); earlier sessions are history and stay.

>>> from diffing.renewal.context import Renewal
>>> ctx = Renewal(78, 79, "en", "78/1", "2023-10-01")
>>> t = "Decides to include in the provisional agenda of its seventy-ninth session the item"
>>> [(t[e.start:e.end], e.new, e.reason, e.sure) for e in session_edits(t, ctx, operative=True)]
[('seventy-ninth', 'eightieth', 'session 79 -> 80', True)]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from diffing.renewal._ordinals import find_ordinals, ordinal_words
from diffing.renewal.context import Renewal
from diffing.renewal.edits import Edit

__all__ = ["SessionMention", "find_sessions", "session_edits", "whose_session"]

GENERAL_ASSEMBLY = "General Assembly"

_SESSION = {
    "en": re.compile(r"\s+sessions?\b"),
    "fr": re.compile(r"\s+sessions?\b(?!\s+extraordinaires?)"),
}
_LINK = {
    "en": re.compile(r"^(?:\s*,\s*|\s+and\s+|\s+to\s+|\s*,\s+and\s+)$"),
    "fr": re.compile(r"^(?:\s*,\s*|\s+et\s+|\s+à\s+la\s+|\s+à\s+|\s+au\s+)$"),
}
_RANGE = {"en": re.compile(r"\bto\b"), "fr": re.compile(r"\bà\b|\bau\b")}

# After "session(s)": whose session it is.
_OF_GA = {
    "en": re.compile(r"\s+of\s+the\s+(?:United\s+Nations\s+)?(?:General\s+)?Assembly\b(?!\s+of\b)"),
    "fr": re.compile(
        r"\s+de\s+l['’]Assemblée(?:\s+générale)?\b(?!\s+(?:des|de|du|d['’]|mondiale))"
    ),
}
_OF_OTHER = {
    "en": re.compile(
        r"\s+of\s+(?:the\s+)?([A-Z][\w\-]*(?:\s+(?:[A-Z][\w\-]*|of|on|for|and|the))*)"
    ),
    "fr": re.compile(
        r"\s+(?:du|de\s+la|de\s+l['’]|des)\s*([A-ZÉ][\w\-]*(?:\s+(?:[A-ZÉ][\w\-]*|de|des|du|la|et))*)"
    ),
}
# Before the ordinal: the last body named.
_GA_BEFORE = {
    "en": re.compile(r"\b(?:the|this)\s+(?:General\s+)?Assembly\b(?!\s+of\b)"),
    "fr": re.compile(
        r"\bl['’]Assemblée(?:\s+générale)?\b(?!\s+(?:des|de|du|d['’]|mondiale|générale\s+d))"
    ),
}
_BODY_BEFORE = {
    "en": re.compile(
        r"\b(?:Council|Committee|Subcommittee|Sub-Commission|Commission|Conference|Working\s+Group"
        r"|Meeting|Forum|Board|Platform|Assembly|Organization|Agency|Court|Tribunal|Authority"
        r"|Mechanism|Panel|Summit|Congress|Group|Parties|Consultative\s+Process)\b"
    ),
    "fr": re.compile(
        r"\b(?:Conseil|Comité|Sous-Comité|Sous-Commission|Commission|Conférence|Groupe\s+de\s+travail"
        r"|Réunion|Forum|Bureau|Plateforme|Assemblée|Organisation|Agence|Cour|Tribunal|Autorité"
        r"|Mécanisme|Groupe|Sommet|Congrès|Parties)\b"
    ),
}
_QUOTED = re.compile(r"“[^”]*”|«[^»]*»|\"[^\"]*\"")
_PAST = {
    "en": re.compile(
        r"\b(?:whereby|in\s+which|by\s+which|decided|requested|recalls|recalled|recalling"
        r"|adopted|was|were|had)\b",
        re.IGNORECASE,
    ),
    "fr": re.compile(
        r"\b(?:par\s+laquelle|dans\s+laquelle|a\s+décidé|avait\s+décidé|a\s+demandé|rappelle"
        r"|rappelant|adoptée?s?|était|avait)\b",
        re.IGNORECASE,
    ),
}


@dataclass(frozen=True)
class SessionMention:
    """One or more ordinals before "session(s)": ``ordinals`` are ``(start, end,
    value)``; ``range`` for "the seventieth to seventy-eighth sessions"."""

    ordinals: tuple[tuple[int, int, int], ...]
    end: int  # the end of the word "session(s)"
    range: bool


def find_sessions(text: str, language: str) -> list[SessionMention]:
    """Every session mention of *text*, ordinals in figures or words.

    >>> [[o[2] for o in m.ordinals] for m in find_sessions(
    ...     "at the sixty-fourth to seventy-eighth sessions and its tenth special session", "en")]
    [[64, 78]]
    """
    lang = "fr" if language == "fr" else "en"
    found: list[SessionMention] = []
    group: list[tuple[int, int, int]] = []
    is_range = False
    for o in find_ordinals(text):
        if group and _LINK[lang].match(text[group[-1][1] : o[0]]):
            is_range = is_range or bool(_RANGE[lang].search(text[group[-1][1] : o[0]]))
            group.append(o)
        else:
            group, is_range = [o], False
        word = _SESSION[lang].match(text, o[1])
        if word:
            found.append(SessionMention(tuple(group), word.end(), is_range))
            group, is_range = [], False
    return found


def whose_session(text: str, mention: SessionMention, language: str) -> str:
    """``"General Assembly"``, or the name of the other body as far as the text
    gives it ("Committee" at least)."""
    lang = "fr" if language == "fr" else "en"
    if _OF_GA[lang].match(text, mention.end):
        return GENERAL_ASSEMBLY
    other = _OF_OTHER[lang].match(text, mention.end)
    if other:
        return other.group(1)
    before = _QUOTED.sub(lambda m: " " * len(m.group(0)), text[: mention.ordinals[0][0]])
    ga = [m.end() for m in _GA_BEFORE[lang].finditer(before)]
    bodies = list(_BODY_BEFORE[lang].finditer(before))
    if not bodies or (ga and ga[-1] >= bodies[-1].end()):
        return GENERAL_ASSEMBLY
    return bodies[-1].group(0)


def session_edits(text: str, ctx: Renewal, *, operative: bool) -> list[Edit]:
    """The edits of the General Assembly's session ordinals of one paragraph."""
    edits: list[Edit] = []
    for mention in find_sessions(text, ctx.language):
        if whose_session(text, mention, ctx.language) != GENERAL_ASSEMBLY:
            continue
        for i, (start, end, value) in enumerate(mention.ordinals):
            sure = _sure(text, ctx, mention, i, operative=operative)
            if sure is None:
                continue
            new = value + ctx.delta
            word = ordinal_words(new, like=text[start:end])
            edits.append(Edit(start, end, word, ctx.session_reason(value, new), sure))
    return edits


def _sure(
    text: str, ctx: Renewal, mention: SessionMention, i: int, *, operative: bool
) -> bool | None:
    """True: move this ordinal on; False: propose it; None: leave it (history)."""
    start, _, value = mention.ordinals[i]
    base, delta = ctx.base_session, ctx.delta
    lang = "fr" if ctx.french else "en"
    if value < base or delta <= 0:
        return None
    if mention.range and i == len(mention.ordinals) - 1 and value == base:
        return True
    if mention.range and i < len(mention.ordinals) - 1:
        return None  # the start of a range stays
    if value == base + delta:
        return operative
    if value == base:
        return operative and not _PAST[lang].search(text[:start])
    return False
