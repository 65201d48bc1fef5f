"""The strength ladder of General Assembly operative verbs, English and French.

An operative paragraph opens with a verb phrase (its *lead*): "Urges",
"Also emphasizes", "Calls upon", "Prie instamment", "Engage vivement". When the
lead changes between two versions, :func:`verb_change` says whether the new
verb is weaker, stronger or of the same strength.

The ladder (higher is stronger)::

    7  decides, demands, declares, resolves, adopts, approves, proclaims,
       authorizes, determines          | décide, exige, déclare, adopte,
                                         approuve, proclame, autorise
    6  urges, insists                  | prie instamment, exhorte, insiste
    5  calls upon / on / for, requests, condemns, directs, mandates
                                       | demande, prie, condamne
  4.5                                  | engage (*)
    4  recommends, encourages, deplores, appeals
                                       | recommande, encourage, déplore, lance un appel
    3  invites, expresses concern, regrets, suggests
                                       | invite, se déclare préoccupé, regrette, suggère
    2  welcomes, commends, supports, endorses, appreciates, reaffirms, affirms,
       emphasizes, stresses, underlines, underscores, highlights, reiterates,
       recognizes, acknowledges, considers, believes, expresses, recalls, also
                                       | se félicite, salue, accueille avec satisfaction,
                                         appuie, réaffirme, affirme, souligne, insiste sur,
                                         rappelle, reconnaît, considère, estime, exprime
    1  notes, takes note, observes, is aware, is mindful
                                       | prend note, note, constate, prend acte

(*) UN French renders "Urges" as "Prie instamment" or "Exhorte", and also as
"Engage" (A/RES/75/10, paragraph 4); resdiff follows the order of the
project's issue, Décide > Exige > Prie instamment > Demande > Engage >
Encourage > Invite > Prend note, so "Engage" sits between "Demande" and
"Encourage", at 4.5.

An intensifier adds half a step: "strongly", "firmly", "vigorously",
"earnestly", "deeply" | "vivement", "fermement", "énergiquement". Additive
adverbs change nothing: "also", "further", "again", "once again", "moreover",
"in this regard" | "également", "en outre", "de nouveau", "à nouveau", "aussi".

Direction: "same" when both verbs sit at the same level (so "Also emphasizes"
-> "Emphasizes" and "Stresses" -> "Emphasizes" are "same"), otherwise
"stronger" or "weaker". A lead whose verb is not on the ladder gives no
verb change at all (``None``): resdiff does not guess.

>>> verb_change("Urges", "Encourages").direction
'weaker'
>>> verb_change("Encourages", "Calls upon").direction
'stronger'
>>> verb_change("Also emphasizes", "Emphasizes").direction
'same'
>>> verb_change("Prie instamment", "Engage").direction
'weaker'
>>> strength("Strongly urges")
6.5
"""

from __future__ import annotations

import re
import unicodedata
from itertools import islice
from typing import Literal

from diffing.model import VerbChange

__all__ = ["LADDER", "extract_lead", "strength", "verb_change"]

# verb phrase (lowercase, unaccented spaces) -> level
LADDER: dict[str, float] = {}

_LEVELS: dict[float, str] = {  # see the table in the module docstring
    7: """decides|decide|demands|demand|declares|resolves|adopts|approves|proclaims|
        authorizes|authorises|determines|agrees|décide|exige|déclare|adopte|approuve|
        proclame|autorise|convient""",
    6: """urges|urge|insists|prie instamment|exhorte|demande instamment|engage instamment""",
    5: """calls upon|calls on|calls for|call upon|requests|request|condemns|directs|
        mandates|rejects|objects|demande|prie|condamne|invite instamment|rejette""",
    4.5: """engage""",
    4: """recommends|encourages|encourage|deplores|appeals|appeals to|proposes|
        recommande|déplore|lance un appel|propose""",
    3: """invites|invite|expresses concern|expresses deep concern|expresses its concern|
        expresses its deep concern|expresses grave concern|expresses its grave concern|
        expresses serious concern|notes with concern|notes with deep concern|
        notes with grave concern|takes note with concern|remains concerned|
        remains deeply concerned|is concerned|regrets|suggests|se déclare préoccupée|
        se déclare préoccupé|se déclare profondément préoccupée|demeure préoccupée|
        regrette|suggère|note avec préoccupation|constate avec préoccupation""",
    2: """welcomes|commends|supports|endorses|appreciates|reaffirms|affirms|emphasizes|
        emphasises|re-emphasizes|stresses|underlines|underscores|highlights|reiterates|
        recognizes|recognises|acknowledges|considers|believes|expresses|recalls|reminds|
        notes with appreciation|takes note with appreciation|notes with satisfaction|
        welcome|looks forward|takes into account|recommits|commits|renews|reconfirms|
        confirms|congratulates|pays tribute|draws attention|respects|understands|
        realizes|se félicite|salue|accueille avec satisfaction|appuie|réaffirme|affirme|
        souligne|insiste sur|rappelle|reconnaît|considère|estime|exprime|remercie|
        félicite|sait gré|prend note avec satisfaction|prend note avec appréciation|
        constate avec satisfaction|réitère|met l'accent|attend avec intérêt|
        tient compte|rend hommage|s'engage""",
    1: """notes|takes note|observes|is aware|is mindful|anticipates|note|prend note|
        constate|prend acte|observe""",
}
for _level, _phrases in _LEVELS.items():
    for _w in _phrases.split("|"):
        LADDER[" ".join(_w.split())] = float(_level)

_INTENSIFIERS = frozenset(
    [
        "strongly",
        "firmly",
        "vigorously",
        "earnestly",
        "deeply",
        "resolutely",
        "vivement",
        "fermement",
        "énergiquement",
        "résolument",
        "instamment",
        "urgently",
        "profondément",
    ]
)
_NEUTRAL = frozenset(
    [
        "also",
        "further",
        "again",
        "once",
        "furthermore",
        "moreover",
        "likewise",
        "similarly",
        "in",
        "this",
        "regard",
        "également",
        "en",
        "outre",
        "de",
        "nouveau",
        "à",
        "aussi",
        "par",
        "ailleurs",
        "encore",
        "une",
        "fois",
    ]
)
_WORD = re.compile(r"[\w’'-]+")
_NONSPACE = re.compile(r"\S+")
_MAX_PHRASE = 5


def _words(text: str) -> list[str]:
    t = unicodedata.normalize("NFC", text).replace("\u2019", "'").lower()
    return _WORD.findall(t)


def _parse(lead: str) -> tuple[str, float, int] | None:
    """Find the ladder verb opening *lead*: (verb, level, words consumed) or None.

    Additive adverbs are skipped wherever they stand ("Calls once again upon"),
    an intensifier before or right after the verb adds half a step.
    """
    words = _words(lead)[:14]
    keep = [(i, w) for i, w in enumerate(words) if w not in _NEUTRAL]
    bonus = 0.0
    k = 0
    while k < len(keep) and keep[k][1] in _INTENSIFIERS:
        bonus, k = 0.5, k + 1
    if k >= len(keep) or keep[k][0] > 4:
        return None
    for n in range(min(_MAX_PHRASE, len(keep) - k), 0, -1):
        phrase = " ".join(w for _, w in keep[k : k + n])
        if phrase in LADDER:
            end = keep[k + n - 1][0] + 1
            if end < len(words) and words[end] in _INTENSIFIERS:
                bonus, end = 0.5, end + 1
            return phrase, LADDER[phrase] + bonus, end
    return None


def strength(lead: str) -> float | None:
    """Level of the verb opening *lead* on the ladder, or None if unknown."""
    p = _parse(lead)
    return None if p is None else p[1]


def extract_lead(text: str) -> str:
    """The opening verb phrase of an operative paragraph, or "" if none is known.

    >>> extract_lead("Strongly urges all States to act;")
    'Strongly urges'
    """
    p = _parse(text[:200])
    if p is None:
        return ""
    n = p[2]  # at least 1: the verb itself
    m = list(islice(_NONSPACE.finditer(text), n))  # only the words the lead spans
    if len(m) < n:
        return ""
    return text[: m[-1].end()].rstrip(",;:")


def verb_change(old_lead: str, new_lead: str) -> VerbChange | None:
    """The verb change between two leads, or None if equal or off the ladder."""
    if _words(old_lead) == _words(new_lead):
        return None
    a, b = strength(old_lead), strength(new_lead)
    if a is None or b is None:
        return None
    direction: Literal["weaker", "stronger", "same"]
    direction = "same" if a == b else ("stronger" if b > a else "weaker")
    return VerbChange(old_lead, new_lead, direction)
