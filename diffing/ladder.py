"""The words of the verb strength ladder, English and French: data only.

:mod:`diffing.verbs` reads a paragraph's lead with these tables. README.md
("The verb ladder") gives the rungs, why each verb sits where it does, and the
sources. Every phrase is lowercase, with straight apostrophes.

``RUNGS``
    rung -> its short name. Higher is stronger.
``VERBS``
    verb phrase -> (rung, canonical phrase). Spelling variants and grammatical
    forms share a canonical phrase ("recognises" = "recognizes",
    "calls on" = "calls upon"), so that swapping them is no change of verb.
``NOUNS``
    noun -> (rung, canonical noun): what a restating or expressive verb carries.
    "Reiterates its request" reads as "requests" (rung 6), "Recalls its
    decision" as "decides", "Expresses its concern" as a concern (rung 4).
``LINKS``, ``NEUTRAL_ADJECTIVES``
    the words allowed between such a verb and its noun ("its", "with",
    "sa", "previous"...).
``INTENSIFIERS``
    adverb or adjective -> weight: "strongly", "deep" 1, "grave", "gravely" 2.
    Multi-word ones ("in the strongest terms") are in ``INTENSIFIER_PHRASES``.
``ORDINALS``, ``ORDINAL_PHRASES``
    adverbs that only place a paragraph in a sequence ("also", "further",
    "once again", "in this regard", "continues to", "également", "de
    nouveau"): folded.
"""

from __future__ import annotations

__all__ = [
    "INTENSIFIERS",
    "INTENSIFIER_PHRASES",
    "LINKS",
    "NEUTRAL_ADJECTIVES",
    "NOUNS",
    "ORDINALS",
    "ORDINAL_PHRASES",
    "RUNGS",
    "VERBS",
]

RUNGS: dict[int, str] = {
    8: "decides, demands",
    7: "urges",
    6: "calls upon, requests, condemns",
    5: "encourages, recommends, deplores",
    4: "invites, expresses concern, endorses",
    3: "stresses, reaffirms, reiterates",
    2: "welcomes, recognizes, acknowledges",
    1: "takes note, recalls",
}

# One entry per verb; "a/b/c" are forms of one verb (the first is its canonical phrase).
_VERBS: dict[int, str] = {
    8: """decides/decide | demands/demand | declares/declare | resolves | adopts
        | approves/approve | proclaims | authorizes/authorises | determines | agrees
        | establishes | décide/décident | exige | déclare | adopte | approuve | proclame
        | autorise | convient | crée""",
    7: """urges/urge | insists | prie instamment | exhorte | demande instamment
        | engage vivement/engage instamment""",
    6: """calls upon/calls on/call upon/call on | calls for/call for | requests/request
        | condemns/condemn | directs | mandates | rejects | objects | demande | prie | condamne
        | invite instamment | rejette | engage""",
    5: """encourages/encourage | recommends/recommend | deplores | appeals/appeals to
        | proposes | recommande | déplore | lance un appel | propose""",
    4: """invites/invite | regrets | suggests | endorses/endorse | remains concerned
        | is concerned | is alarmed | se déclare préoccupée/se déclare préoccupé
        | demeure préoccupée/demeure préoccupé | s'inquiète | regrette | suggère
        | fait siens/fait sienne/fait siennes""",
    3: """stresses/stress | emphasizes/emphasises/emphasize | re-emphasizes/re-emphasises
        | underlines | underscores | highlights | reaffirms/reaffirm | reiterates/reiterate
        | affirms | reminds | draws attention/draws the attention/calls attention
        | recommits | commits/commit | renews
        | reconfirms | confirms | souligne | insiste sur | met l'accent | réaffirme
        | affirme | réitère | renouvelle | s'engage""",
    2: """welcomes/welcome | commends | supports/support | appreciates
        | recognizes/recognises/recognize | acknowledges/acknowledge | considers
        | believes | expresses | looks forward | takes into account | congratulates
        | pays tribute | respects | understands | realizes | se félicite | salue
        | accueille avec satisfaction | appuie | soutient | reconnaît | considère | estime
        | exprime | remercie | félicite | sait gré | attend avec intérêt | tient compte
        | rend hommage""",
    1: """notes/note | takes note | observes | is aware | is mindful | anticipates
        | recalls/recall | bears in mind | prend note | constate | prend acte
        | observe | rappelle | garde à l'esprit""",
}


def _split(text: str) -> list[str]:
    return text.split()


def _table(lines: dict[int, str]) -> dict[str, tuple[int, str]]:
    table: dict[str, tuple[int, str]] = {}
    for rung, text in lines.items():
        for entry in text.split("|"):
            forms = [" ".join(f.split()) for f in entry.split("/")]
            for form in forms:
                table[form] = (rung, forms[0])
    return table


VERBS: dict[str, tuple[int, str]] = _table(_VERBS)

# The nouns a restating verb ("Reiterates its request") or an expressive one
# ("Expresses its concern", "Notes with appreciation") carries.
NOUNS: dict[str, tuple[int, str]] = _table(
    {
        8: "decision/decisions | demand/demands | décision/décisions",
        6: """request/requests | call/calls | condemnation | demande/demandes
            | condamnation""",
        5: """appeal/appeals | recommendation/recommendations | encouragement
            | appel/appels | recommandation/recommandations""",
        4: """invitation/invitations | concern/concerns | alarm | regret | dismay
            | préoccupation/préoccupations | inquiétude | alarme | regrets""",
        2: """appreciation | gratitude | satisfaction | support | commitment | thanks
            | condolences | sympathy | solidarity | hope | determination | conviction
            | readiness | willingness | reconnaissance | appui | soutien | engagement
            | remerciements | condoléances | solidarité | espoir | détermination
            | volonté""",
    }
)

LINKS = frozenset(["its", "their", "with", "sa", "son", "ses", "leur", "leurs", "avec"])
NEUTRAL_ADJECTIVES = frozenset(
    _split(
        """previous earlier former continued continuing recent repeated
        précédente précédent précédentes précédents récente récent"""
    )
)

INTENSIFIERS: dict[str, int] = {
    **dict.fromkeys(
        _split(
            """strongly firmly urgently earnestly vigorously resolutely deeply seriously
            fully emphatically unequivocally categorically particularly especially
            sincerely most deep serious profound great particular strong sincere heartfelt
            vivement fermement énergiquement résolument instamment profondément
            sérieusement pleinement fortement vigoureusement catégoriquement
            particulièrement sincèrement profonde profond vive sérieuse grande
            particulière sincère"""
        ),
        1,
    ),
    **dict.fromkeys(_split("grave gravely gravest utmost deepest strongest gravement extrême"), 2),
}
INTENSIFIER_PHRASES: dict[tuple[str, ...], int] = {
    ("in", "the", "strongest", "terms"): 2,
    ("in", "the", "strongest", "possible", "terms"): 2,
    ("avec", "la", "plus", "grande", "fermeté"): 2,
}

ORDINALS = frozenset(
    _split(
        """also further furthermore again moreover likewise similarly additionally
        également aussi encore"""
    )
)
ORDINAL_PHRASES: tuple[tuple[str, ...], ...] = tuple(
    tuple(p.split())
    for p in (
        "once again",
        "once more",
        "yet again",
        "in this regard",
        "in that regard",
        "in this respect",
        "in this context",
        "in that context",
        "to this end",
        "continues to",
        "continue to",
        "en outre",
        "de nouveau",
        "à nouveau",
        "par ailleurs",
        "de même",
        "de plus",
        "une fois encore",
        "encore une fois",
        "à cet égard",
        "à ce propos",
    )
)
