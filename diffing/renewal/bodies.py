"""Bodies other than the General Assembly whose sessions a renewal moves on.

Resolutions renewed every year refer to the latest or the next session of a
body that meets on a fixed calendar: "Endorses the report of the Committee on
the Peaceful Uses of Outer Space on the work of its sixty-sixth session",
"to submit an interim report to the Human Rights Council at its fifty-sixth
session". :data:`BODIES` lists such bodies with their number of sessions a
year and one session whose year is known, so that a session's year can be
told: a session of the year the base was adopted (the latest) moves on by
as many sessions as the body holds in the years between base and draft; a
session of the next year (the one ahead) does too in an operative paragraph,
and is only proposed in a preambular one; a later session is only
proposed; an earlier one is history and stays.

A body is named in full ("Human Rights Council") or, once named, by its head
noun ("the Council", "the Committee"); a body whose numbering another body
shares by name (every convention has its "Meeting of States Parties") is only
recognised where the document names what tells them apart ("Law of the
Sea").

>>> hrc = BODIES[0]
>>> hrc.year_of(54), hrc.year_of(55), hrc.year_of(52)
(2023, 2024, 2023)
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

__all__ = ["BODIES", "Body", "body_named"]


@dataclass(frozen=True)
class Body:
    """A body meeting ``per_year`` times a year; its session ``anchor[0]`` was
    held in ``anchor[1]`` (the last of that year when several)."""

    name: str
    names: dict[str, str]  # full name, by language (regular expression)
    head: dict[str, str]  # head noun a short reference uses ("Committee")
    per_year: int
    anchor: tuple[int, int]
    noun: dict[str, str] = field(default_factory=lambda: {"en": "session", "fr": "session"})
    requires: str | None = None  # the document must name this (regular expression)

    def year_of(self, session: int) -> int:
        """The year a session of this body is held in."""
        return self.anchor[1] + -((self.anchor[0] - session) // self.per_year)

    def pattern(self, language: str) -> re.Pattern[str]:
        return _compiled(self.names["fr" if language == "fr" else "en"])


_CACHE: dict[str, re.Pattern[str]] = {}


def _compiled(pattern: str) -> re.Pattern[str]:
    if pattern not in _CACHE:
        _CACHE[pattern] = re.compile(pattern)
    return _CACHE[pattern]


BODIES: tuple[Body, ...] = (
    Body(
        "Human Rights Council",
        {"en": r"Human\s+Rights\s+Council", "fr": r"Conseil\s+des\s+droits\s+de\s+l['’]homme"},
        {"en": "Council", "fr": "Conseil"},
        3,
        (54, 2023),
    ),
    Body(
        "Committee on the Peaceful Uses of Outer Space",
        {
            "en": r"Committee\s+on\s+the\s+Peaceful\s+Uses\s+of\s+Outer\s+Space",
            "fr": r"Comité\s+des\s+utilisations\s+pacifiques\s+de\s+l['’]espace\s+extra-atmosphérique",
        },
        {"en": "Committee", "fr": "Comité"},
        1,
        (66, 2023),
    ),
    Body(
        "Legal Subcommittee",
        {"en": r"Legal\s+Subcommittee", "fr": r"Sous-Comité\s+juridique"},
        {"en": "Legal Subcommittee", "fr": "Sous-Comité juridique"},
        1,
        (62, 2023),
    ),
    Body(
        "Scientific and Technical Subcommittee",
        {
            "en": r"Scientific\s+and\s+Technical\s+Subcommittee",
            "fr": r"Sous-Comité\s+scientifique\s+et\s+technique",
        },
        {"en": "Scientific and Technical Subcommittee", "fr": "Sous-Comité scientifique"},
        1,
        (60, 2023),
    ),
    Body(
        "Executive Committee of the UNHCR Programme",
        {
            "en": r"Executive\s+Committee\s+of\s+the\s+Programme\s+of\s+the\s+United\s+Nations"
            r"\s+High\s+Commissioner\s+for\s+Refugees",
            "fr": r"Comité\s+exécutif\s+du\s+Programme\s+du\s+Haut-Commissaire\s+des\s+Nations"
            r"\s+Unies\s+pour\s+les\s+réfugiés",
        },
        {"en": "Executive Committee", "fr": "Comité exécutif"},
        1,
        (74, 2023),
    ),
    Body(
        "Committee on Contributions",
        {"en": r"Committee\s+on\s+Contributions", "fr": r"Comité\s+des\s+contributions"},
        {"en": "Committee", "fr": "Comité"},
        1,
        (83, 2023),
    ),
    Body(
        "Meeting of States Parties to the Convention on the Law of the Sea",
        {
            "en": r"Meetings?\s+of\s+(?:the\s+)?States\s+Parties\s+to\s+the\s+(?:United\s+Nations\s+)?"
            r"Convention",
            "fr": r"Réunions?\s+des\s+États\s+parties\s+à\s+la\s+Convention",
        },
        {"en": "Meeting", "fr": "Réunion"},
        1,
        (33, 2023),
        noun={"en": "Meeting", "fr": "Réunion"},
        requires=r"[Ll]aw\s+of\s+the\s+Sea|droit\s+de\s+la\s+mer",
    ),
    Body(
        "Informal Consultative Process on Oceans and the Law of the Sea",
        {
            "en": r"Informal\s+Consultative\s+Process",
            "fr": r"Processus\s+consultatif\s+informel",
        },
        {"en": "Consultative Process", "fr": "Processus"},
        1,
        (23, 2023),
        noun={"en": "meeting", "fr": "réunion"},
    ),
    Body(
        "informal consultations of States parties to the Fish Stocks Agreement",
        {
            "en": r"informal\s+consultations\s+of\s+(?:the\s+)?States\s+parties\s+to\s+the\s+Agreement",
            "fr": r"consultations\s+officieuses\s+des\s+États\s+parties\s+à\s+l['’]Accord",
        },
        {"en": "round", "fr": "série"},
        1,
        (16, 2023),
        noun={"en": "round", "fr": "série"},
        requires=r"[Ff]ish\s+[Ss]tocks|stocks\s+de\s+poissons",
    ),
)
"""Bodies with a fixed calendar that renewed resolutions refer to."""


def body_named(text: str, language: str, document: str) -> Body | None:
    """The body of :data:`BODIES` whose full name *text* starts with."""
    for body in BODIES:
        if body.pattern(language).match(text) and _allowed(body, document):
            return body
    return None


def _allowed(body: Body, document: str) -> bool:
    return body.requires is None or re.search(body.requires, document) is not None
