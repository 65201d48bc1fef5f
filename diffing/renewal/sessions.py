"""Session ordinals moved on to the draft's session: the General Assembly's,
and those of the bodies of :mod:`diffing.renewal.bodies`.

A session mention is one or more ordinals followed by "session(s)" ("at its
seventy-ninth session", "79th session", "à sa soixante-dix-septième
session", "the seventieth to seventy-eighth sessions"), or by the word a body
numbers its meetings with ("the thirty-third Meeting of States Parties",
"the seventeenth round of informal consultations"); "special session" and
"session extraordinaire" are other meetings. :func:`whose_session` says
whose session it is:

* the General Assembly's when the text says so ("... session of the General
  Assembly", "the Assembly at its ... session"), for a session of one of its
  Main Committees ("the Sixth Committee ... at its seventy-ninth session"),
  for "the seventy-ninth session" with no body after it, and when the clause
  names no body before it ("and decides to include in the provisional agenda
  of its seventy-ninth session");
* else the body the clause names last before it, in full or, once named, by
  its head noun ("the Council at its fifty-sixth session").

For the Assembly's sessions, with ``b`` the base's session and ``d`` the
number of sessions the draft moves on:

* ``b + d`` (the session the base looks ahead to: "Requests the
  Secretary-General to report at its seventy-ninth session") becomes
  ``b + 2d`` in an operative paragraph; in a preambular one, which states
  facts ("looking forward to the report to be submitted at its seventy-ninth
  session"), it is only proposed;
* ``b`` (the base's own session) becomes ``b + d`` at the end of a range
  ("the seventieth to seventy-eighth sessions"), in an operative paragraph
  that does not recall the past ("until the end of its seventy-eighth
  session"), and in a report on it ("the report ... on its work during the
  seventy-eighth session"); otherwise it is only proposed;
* any later session is only proposed (a report every three years keeps its
  date); earlier sessions are history and stay.

"for the eighteenth consecutive year" counts years: it moves on by ``d``.

The report of a body whose calendar is not known, on several consecutive
sessions of it ("Takes note of the report of the Working Group on its
twenty-second and twenty-third sessions"), is followed by the report on as
many sessions after them: the run moves on by its length for each period of
the series ("twenty-fourth and twenty-fifth"), in an operative paragraph; in
a preambular one it is only proposed.

>>> from diffing.renewal.context import Renewal
>>> ctx = Renewal(78, 79, "en", "78/1", "2023-10-01")
>>> t = "Decides to include in the provisional agenda of its seventy-ninth session the item"
>>> [(t[e.start:e.end], e.new, e.reason, e.sure) for e in session_edits(t, ctx, operative=True)]
[('seventy-ninth', 'eightieth', 'session 79 -> 80', True)]
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from diffing.lexicon import find_ordinals, ordinal_like
from diffing.renewal.bodies import BODIES, Body, body_named
from diffing.renewal.context import Renewal
from diffing.renewal.edits import Edit

__all__ = [
    "GENERAL_ASSEMBLY",
    "SessionMention",
    "bodies_named",
    "find_sessions",
    "session_edits",
    "whose_session",
]

GENERAL_ASSEMBLY = "General Assembly"
Owner = str | Body

_NOUNS = {
    lang: sorted({"session", "sessions", *(b.noun[lang] for b in BODIES)}, key=len, reverse=True)
    for lang in ("en", "fr")
}
_NOUN = {
    "en": re.compile(rf"\s+(?:resumed\s+)?({'|'.join(_NOUNS['en'])})s?\b"),
    "fr": re.compile(rf"\s+({'|'.join(_NOUNS['fr'])})s?\b(?!\s+extraordinaires?)"),
}
_LINK = {
    "en": re.compile(r"^(?:\s*,\s*|\s+and\s+|\s+to\s+|\s*,\s+and\s+)$"),
    "fr": re.compile(r"^(?:\s*,\s*|\s+et\s+|\s+à\s+la\s+|\s+à\s+|\s+au\s+)$"),
}
_RANGE = {"en": re.compile(r"\bto\b"), "fr": re.compile(r"\bà\b|\bau\b")}
_COUNT = {
    "en": re.compile(r"\s+consecutive\s+year\b"),
    "fr": re.compile(r"\s+année\s+consécutive\b"),
}

_GA = {
    "en": r"\b(?:the|this)\s+(?:General\s+)?Assembly\b(?!\s+of\s+(?:the\s+)?[A-Z])",
    "fr": r"\bl['’]Assemblée(?:\s+générale)?\b(?!\s+(?:des|de|du|d['’]|mondiale|générale\s+d))",
}
_MAIN_COMMITTEE = {
    "en": r"\b(?:First|Second|Third|Fourth|Fifth|Sixth|Main)\s+Committee\b",
    "fr": r"\b(?:Première|Deuxième|Troisième|Quatrième|Cinquième|Sixième)\s+Commission\b",
}
_OF_GA = {
    "en": re.compile(r"\s+of\s+the\s+(?:United\s+Nations\s+)?(?:General\s+)?Assembly\b(?!\s+of\b)"),
    "fr": re.compile(
        r"\s+de\s+l['’]Assemblée(?:\s+générale)?\b(?!\s+(?:des|de|du|d['’]|mondiale))"
    ),
}
_OF = {
    "en": re.compile(r"\s+of\s+(?:the\s+)?(?=[A-Z]|informal\b)"),
    "fr": re.compile(r"\s+(?:du|de\s+la|de\s+l['’]|des|de)\s*(?=[A-ZÉ]|consultations\b)"),
}
_OTHER = {
    "en": re.compile(r"[A-Z][\w\-]*(?:\s+(?:[A-Z][\w\-]*|of|on|for|and|the))*"),
    "fr": re.compile(r"[A-ZÉ][\w\-]*(?:\s+(?:[A-ZÉ][\w\-]*|de|des|du|la|et))*"),
}
_BODY = {
    "en": r"\b(?:Council|Committee|Subcommittee|Sub-Commission|Commission|Conference|Working\s+Group"
    r"|Meeting|Forum|Board|Platform|Assembly|Organization|Agency|Court|Tribunal|Authority"
    r"|Mechanism|Panel|Summit|Congress|Group|Parties|Consultative\s+Process)\b",
    "fr": r"\b(?:Conseil|Comité|Sous-Comité|Sous-Commission|Commission|Conférence"
    r"|Groupe\s+de\s+travail|Réunion|Forum|Bureau|Plateforme|Assemblée|Organisation|Agence|Cour"
    r"|Tribunal|Autorité|Mécanisme|Groupe|Sommet|Congrès|Parties|Processus)\b",
}
_BODY_RE = {lang: re.compile(_BODY[lang]) for lang in ("en", "fr")}
_GA_RE = {lang: re.compile(_GA[lang]) for lang in ("en", "fr")}
_MAIN_RE = {lang: re.compile(_MAIN_COMMITTEE[lang]) for lang in ("en", "fr")}
_THE = {"en": re.compile(r"\bthe\s+$"), "fr": re.compile(r"\bla\s+$")}
# Where a clause starts: its verb names what the Assembly does, so a body named
# before it is not the owner of "its" after it.
_CLAUSE = {
    "en": re.compile(
        r"(?:^|[,;:]\s+(?:and\s+)?|\band\s+)(?:(?:also|further|again|once\s+again|in\s+this\s+regard"
        r"|in\s+that\s+regard)\s+)*(?:decides|requests|invites|urges|calls\s+upon|encourages"
        r"|recommends|welcomes|notes|takes\s+note|endorses|authorizes|agrees|reaffirms|recalls"
        r"|stresses|emphasizes|underlines|expresses|acknowledges|recognizes|looks\s+forward"
        r"|approves|appeals|reiterates|supports|commends|having\s+considered|having\s+examined"
        r"|taking\s+note|noting|welcoming|recalling|looking\s+forward)\b",
        re.IGNORECASE,
    ),
    "fr": re.compile(
        r"(?:^|[,;:]\s+(?:et\s+)?|\bet\s+)(?:(?:également|en\s+outre|aussi|à\s+cet\s+égard)\s+)*"
        r"(?:décide|prie|invite|demande|engage|encourage|recommande|accueille|note|prend\s+note"
        r"|approuve|autorise|convient|réaffirme|rappelle|souligne|insiste|constate|se\s+félicite"
        r"|exprime|considère|réitère|appuie|salue|ayant\s+examiné|prenant\s+note|notant"
        r"|se\s+félicitant|rappelant)\b",
        re.IGNORECASE,
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
_AHEAD_YEARS = 5
_REPORT = {"en": re.compile(r"\breports?\b"), "fr": re.compile(r"\brapports?\b")}
#: what comes between a report and the sessions it covers
_ON_ITS = {
    "en": re.compile(r"\bon\s+(?:the\s+work\s+of\s+)?its\s+$"),
    "fr": re.compile(r"\bsur\s+(?:les\s+travaux\s+de\s+)?ses\s+$"),
}


@dataclass(frozen=True)
class SessionMention:
    """One or more ordinals before "session(s)" (or a body's ``noun``):
    ``ordinals`` are ``(start, end, value)``; ``range`` for "the seventieth to
    seventy-eighth sessions"."""

    ordinals: tuple[tuple[int, int, int], ...]
    end: int  # the end of the noun
    range: bool
    noun: str = "session"
    noun_start: int = 0


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
        word = _NOUN[lang].match(text, o[1])
        if word:
            noun = (
                word.group(1).rstrip("s") if word.group(1).startswith("session") else word.group(1)
            )
            found.append(SessionMention(tuple(group), word.end(), is_range, noun, word.start(1)))
            group, is_range = [], False
    return found


def bodies_named(text: str, language: str, document: str) -> dict[str, Body]:
    """The bodies of :data:`~diffing.renewal.bodies.BODIES` that *text* names
    in full, by head noun (and noun), the last one named winning."""
    lang = "fr" if language == "fr" else "en"
    named: list[tuple[int, Body]] = []
    for body in BODIES:
        for m in body.pattern(lang).finditer(text):
            if body_named(text[m.start() :], lang, document) is body:
                named.append((m.start(), body))
    out: dict[str, Body] = {}
    for _, body in sorted(named, key=lambda x: x[0]):
        out[body.head[lang]] = body
        out[body.noun[lang]] = body
    return out


def whose_session(
    text: str,
    mention: SessionMention,
    language: str,
    known: Mapping[str, Body] | None = None,
    document: str = "",
) -> Owner:
    """``"General Assembly"``, a :class:`~diffing.renewal.bodies.Body`, or the
    name of another body as far as the text gives it ("Committee" at least).
    *known* maps head nouns to the bodies the paragraphs before named."""
    lang = "fr" if language == "fr" else "en"
    known = dict(known or {})
    start = mention.ordinals[0][0]
    after = _after(text, mention, lang, known, document)
    if after is not None:
        return after
    if mention.noun != "session":
        here = {**known, **bodies_named(text, lang, document)}
        if mention.noun in here:
            return here[mention.noun]
    if _THE[lang].search(text, max(0, start - 5), start) and mention.noun == "session":
        return GENERAL_ASSEMBLY
    clause = max((m.end() for m in _CLAUSE[lang].finditer(text, 0, start)), default=0)
    region = _QUOTED.sub(lambda m: " " * len(m.group(0)), text[:start])
    known.update(bodies_named(region, lang, document))
    owner: tuple[int, int, Owner] | None = None
    for pattern, rank, value in (
        (_GA_RE[lang], 2, GENERAL_ASSEMBLY),
        (_MAIN_RE[lang], 2, GENERAL_ASSEMBLY),
        (_BODY_RE[lang], 0, None),
    ):
        for m in pattern.finditer(region, clause):
            who: Owner = value or _resolve(region, m, lang, known, document)
            if owner is None or (m.end(), rank) > owner[:2]:
                owner = (m.end(), rank, who)
    return GENERAL_ASSEMBLY if owner is None else owner[2]


def _after(
    text: str, mention: SessionMention, lang: str, known: Mapping[str, Body], document: str
) -> Owner | None:
    """The owner a mention names after its noun ("session of the Human Rights Council")."""
    if _OF_GA[lang].match(text, mention.end):
        return GENERAL_ASSEMBLY
    named = body_named(text[mention.noun_start :], lang, document)
    if named is not None and mention.noun != "session":
        return named
    of = _OF[lang].match(text, mention.end)
    if not of:
        return None
    body = body_named(text[of.end() :], lang, document)
    if body is not None:
        return body
    other = _OTHER[lang].match(text, of.end())
    return other.group(0) if other else text[of.end() : of.end() + 20]


def _resolve(
    region: str, m: re.Match[str], lang: str, known: Mapping[str, Body], document: str
) -> Owner:
    """The body a head noun stands for: the full name it ends, else the body of
    that head named before, else the noun itself."""
    for body in BODIES:
        full = list(body.pattern(lang).finditer(region, 0, m.end() + 200))
        if any(f.start() <= m.start() < f.end() for f in full):
            return body
    word = m.group(0)
    for head, body in known.items():
        if head.endswith(word):
            return body
    return word


def session_edits(
    text: str,
    ctx: Renewal,
    *,
    operative: bool,
    known: Mapping[str, Body] | None = None,
    document: str = "",
) -> list[Edit]:
    """The edits of the session ordinals of one paragraph, and of "for the Nth
    consecutive year"."""
    edits: list[Edit] = []
    lang = "fr" if ctx.french else "en"
    for mention in find_sessions(text, ctx.language):
        owner = whose_session(text, mention, ctx.language, known, document)
        if isinstance(owner, Body) and not _plausible(owner, mention, ctx):
            owner = GENERAL_ASSEMBLY  # "the Process ... at its eighty-second session"
        for i, (start, end, value) in enumerate(mention.ordinals):
            if owner == GENERAL_ASSEMBLY:
                sure = _sure(text, ctx, mention, i, operative=operative)
                new, body = value + ctx.delta, None
            elif isinstance(owner, Body):
                sure = _body_sure(owner, value, ctx, operative=operative)
                new, body = value + owner.per_year * ctx.delta, owner.name
            else:
                edits += _run_edits(text, ctx, mention, str(owner), operative=operative)
                break
            if sure is not None:
                word = ordinal_like(new, text[start:end])
                reason = ctx.session_reason(value, new, body, mention.noun.lower())
                edits.append(Edit(start, end, word, reason, sure))
    for start, end, value in find_ordinals(text):
        if _COUNT[lang].match(text, end) and ctx.delta > 0:
            word = ordinal_like(value + ctx.delta, text[start:end])
            edits.append(Edit(start, end, word, f"year {value} -> {value + ctx.delta}"))
    return edits


def _run_edits(
    text: str, ctx: Renewal, mention: SessionMention, owner: str, *, operative: bool
) -> list[Edit]:
    """The report of a body on a run of its sessions ("on its twenty-second and
    twenty-third sessions"): the run moves on by its length for each period."""
    lang = "fr" if ctx.french else "en"
    values = [v for _, _, v in mention.ordinals]
    period = ctx.period or ctx.delta
    start = mention.ordinals[0][0]
    clause = max((m.end() for m in _CLAUSE[lang].finditer(text, 0, start)), default=0)
    if (
        len(values) < 2
        or mention.range
        or values != list(range(values[0], values[0] + len(values)))
        or ctx.delta <= 0
        or ctx.delta % period
        or not _ON_ITS[lang].search(text, max(0, start - 40), start)
        or not _REPORT[lang].search(text, clause, start)
        or _PAST[lang].search(text, 0, start)
        or _joined(text, mention, lang)
    ):
        return []
    shift = len(values) * ctx.delta // period
    # the paragraph says more of these sessions ("notes the holding of the ninth and
    # tenth sessions, from 14 to 18 August 2023 ..."): only proposed
    again = any(v in values for a, _, v in find_ordinals(text) if a >= mention.end)
    return [
        Edit(
            a,
            b,
            ordinal_like(v + shift, text[a:b]),
            ctx.session_reason(v, v + shift, owner, mention.noun.lower()),
            operative and not again,
        )
        for a, b, v in mention.ordinals
    ]


def _joined(text: str, mention: SessionMention, lang: str) -> bool:
    """Whether another session mention is joined to this one ("on its thirty-third
    and thirty-fourth sessions and thirty-fifth and thirty-sixth sessions")."""
    start = mention.ordinals[0][0]
    for other in find_sessions(text, lang):
        if other.end <= start and _LINK[lang].match(text[other.end : start]):
            return True
        first = other.ordinals[0][0]
        if first >= mention.end and _LINK[lang].match(text[mention.end : first]):
            return True
    return False


def _sure(
    text: str, ctx: Renewal, mention: SessionMention, i: int, *, operative: bool
) -> bool | None:
    """True: move this Assembly session on; False: propose it; None: leave it (history)."""
    start, _, value = mention.ordinals[i]
    base, delta = ctx.base_session, ctx.delta
    lang = "fr" if ctx.french else "en"
    if value < base or delta <= 0:
        return None
    last = i == len(mention.ordinals) - 1
    if mention.range:
        return True if last and value == base else None  # the start of a range stays
    if value == base + delta:
        return operative
    if value == base:
        clause = max((m.end() for m in _CLAUSE[lang].finditer(text, 0, start)), default=0)
        if _PAST[lang].search(text, 0, start):
            return False
        return operative or bool(_REPORT[lang].search(text, clause, start))
    return False


def _plausible(body: Body, mention: SessionMention, ctx: Renewal) -> bool:
    """A session number a body can have had near the base's year (a number
    far from its own is the Assembly's, named after another body)."""
    year = ctx.adopted_year
    if year is None or mention.noun != "session":
        return True
    return all(body.year_of(v) <= year + _AHEAD_YEARS for _, _, v in mention.ordinals)


def _body_sure(body: Body, value: int, ctx: Renewal, *, operative: bool) -> bool | None:
    """True: move this session of a body on; False: propose it; None: leave it."""
    year = ctx.adopted_year
    if year is None or ctx.delta <= 0:
        return None
    held = body.year_of(value)
    if held < year:
        return None
    if held == year:
        return True
    return operative and held == year + 1
