"""Who tabled a document and what it is: the authors block of a draft, and the Main Committees.

The front matter of a draft names its authors in one block, in one of these
forms (English and French, as the UN prints them):

* sponsors: "Italy and Turkmenistan:* draft resolution", "Arménie, Autriche et
  Uruguay* : projet de résolution", "United Kingdom ...: draft decision";
* an amendment: "Ukraine:* amendment to draft resolution A/80/L.3",
  "Ukraine* : amendement au projet de résolution A/80/L.3";
* a submitter: "Draft resolution submitted by the Vice-Chair of the Committee,
  Weronika Garbacz (Poland), on the basis of informal consultations on draft
  resolution A/C.2/80/L.21", "Projet de résolution présenté par le Président de
  l'Assemblée générale";
* nobody: "Draft resolution" (a Sixth Committee draft).

:func:`read_authors` reads such a block into :class:`Authors`;
:func:`committee_named` and :func:`committee_of_symbol` give a Main Committee's
name, always in the English form of :data:`COMMITTEES` whatever the language.

>>> a = read_authors("Ukraine:* amendment to draft resolution A/80/L.3")
>>> a.document_type, a.sponsors, a.amends
('amendment', ['Ukraine'], 'A/80/L.3')
>>> read_authors("Draft resolution").document_type
'draft resolution'
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from diffing.lexicon import ordinal_value
from diffing.model import Submitter

__all__ = [
    "COMMITTEES",
    "SYMBOL",
    "Authors",
    "committee_line",
    "committee_named",
    "committee_of_symbol",
    "read_authors",
    "split_sponsors",
]

SYMBOL = re.compile(r"\bA/(?:[A-Z][A-Za-z]*(?:\.\d+)?/|ES-\d+/)*\d+/[A-Za-z0-9.\-/]*[A-Za-z0-9]")
"""A General Assembly document symbol in running text: "A/C.2/80/L.21", "A/RES/73/11"."""

COMMITTEES = (
    "First Committee",
    "Second Committee",
    "Third Committee",
    "Special Political and Decolonization Committee (Fourth Committee)",
    "Fifth Committee",
    "Sixth Committee",
)
"""The six Main Committees, First to Sixth, as the ``committee`` field names them."""

_ORDINAL_EN = r"First|Second|Third|Fourth|Fifth|Sixth"
_ORDINAL_FR = r"Première|Deuxième|Troisième|Quatrième|Cinquième|Sixième"
_ORDINAL_ES = {"primera": 1, "segunda": 2, "tercera": 3, "cuarta": 4, "quinta": 5, "sexta": 6}
_COMMITTEE = re.compile(
    rf"\b(?:({_ORDINAL_EN}) Committee|({_ORDINAL_FR}) Commission"
    rf"|({'|'.join(_ORDINAL_ES)}) Comisión"
    r"|(Special Political and Decolonization Committee"
    r"|Commission des questions politiques spéciales et de la décolonisation"
    r"|Comisión Política Especial y de Descolonización))\b",
    re.IGNORECASE,
)

_COMMITTEE_SYMBOL = re.compile(r"A/C\.([1-6])/")
_COMMITTEE_WORD = re.compile(r"committee|commission|comisi", re.IGNORECASE)  # in every name
_COMMITTEE_LINE = re.compile(
    rf"\s*(?:{_COMMITTEE.pattern})\s*(?:\((?:{_ORDINAL_EN}|{_ORDINAL_FR}|Cuarta)"
    r" (?:Committee|Commission|Comisión)\))?\s*",
    re.IGNORECASE,
)

# The kinds of draft, as printed; the type is their English form.
_DRAFT = (
    r"(?:revised )?draft (?:resolution|decision)"
    r"|projet de (?:résolution|décision)(?: révisée?)?"
    r"|proyecto de (?:resolución|decisión)(?: revisado)?"
)
_TYPES = {
    "projet de résolution": "draft resolution",
    "projet de résolution révisé": "revised draft resolution",
    "projet de décision": "draft decision",
    "projet de décision révisé": "revised draft decision",
    "projet de décision révisée": "revised draft decision",
    "proyecto de resolución": "draft resolution",
    "proyecto de resolución revisado": "revised draft resolution",
    "proyecto de decisión": "draft decision",
    "proyecto de decisión revisado": "revised draft decision",
}
# A word each form of :data:`_DRAFT` holds: tested first, it spares the long patterns.
_DRAFT_WORD = re.compile(r"draft|projet|proyecto", re.IGNORECASE)
_SYMBOL_AT = r"(A/[A-Za-z0-9./\-]*[A-Za-z0-9])"
_AMENDMENT = re.compile(
    r"(.+?)\s*\*{0,3}\s*:?\s*\*{0,3}\s*(?:amendments? to (?:the )?|amendements? au |enmiendas? al )"
    rf"(?:{_DRAFT})\s+{_SYMBOL_AT}[\s.*]*",
    re.IGNORECASE,
)
_SPONSORS = re.compile(rf"(.+?):?\s*\*{{0,3}}\s*:?\s*({_DRAFT})\s*", re.IGNORECASE)
_SUBMITTED = re.compile(
    rf"\s*({_DRAFT}) (submitted by|présentée? par|presentado por) (?:the |le |la |l['’]|el )?(.+?)\s*",
    re.IGNORECASE,
)
_NOBODY = re.compile(rf"\s*({_DRAFT})\s*\*{{0,3}}\s*", re.IGNORECASE)
# What follows the submitter: the consultations and the drafts they were held on.
_CONSULTATIONS = re.compile(
    r",?\s+(?:on the basis of|following|after|à l['’]issue de?|sur la base de?|comme suite à"
    r"|sobre la base de|tras|después de)\b",
    re.IGNORECASE,
)
_TRAILING_TYPE = re.compile(rf"\s*:\s*(?:{_DRAFT})\s*$", re.IGNORECASE)
_HONORIFIC = re.compile(r"(?:Mr|Ms|Mrs|Dr|M|Mme|Mlle|Sr|Sra|Srta)\.?\s+")

# Member States whose names hold " and " (" et ") or a comma: protected when splitting.
_AND_NAMES = (
    "Antigua and Barbuda",
    "Bosnia and Herzegovina",
    "Saint Kitts and Nevis",
    "Saint Vincent and the Grenadines",
    "Sao Tome and Principe",
    "Trinidad and Tobago",
    "United Kingdom of Great Britain and Northern Ireland",
    "Heard Island and McDonald Islands",
    "Royaume-Uni de Grande-Bretagne et d’Irlande du Nord",
    "Royaume-Uni de Grande-Bretagne et d'Irlande du Nord",
)


@dataclass
class Authors:
    """What an authors block says: the document's type, its sponsors or submitter,
    the drafts it was prepared from, the draft it amends."""

    document_type: str
    sponsors: list[str] = field(default_factory=list)
    submitted_by: Submitter | None = None
    based_on: list[str] = field(default_factory=list)
    amends: str | None = None


def _draft_type(printed: str) -> str:
    """The type of a draft in English: "projet de décision" -> "draft decision"."""
    words = " ".join(printed.lower().split())
    return _TYPES.get(words, words)


def read_authors(block: str) -> Authors | None:
    """The authors block ``block`` (its lines joined by spaces), or None if it is not one.

    >>> a = read_authors("Arménie, Autriche et Uruguay* : projet de résolution")
    >>> a.document_type, a.sponsors
    ('draft resolution', ['Arménie', 'Autriche', 'Uruguay'])
    """
    if not _DRAFT_WORD.search(block):
        return None  # each form names the draft
    if m := _SUBMITTED.fullmatch(block):
        return _submitted(m)
    if m := _AMENDMENT.fullmatch(block):
        return Authors("amendment", split_sponsors(m.group(1)), amends=m.group(2))
    m = _SPONSORS.fullmatch(block)
    if m and ("," in m.group(1) or " and " in m.group(1) or len(m.group(1)) < 60):
        return Authors(_draft_type(m.group(2)), split_sponsors(m.group(1)))
    if m := _NOBODY.fullmatch(block):
        return Authors(_draft_type(m.group(1)))
    return None


def _submitted(m: re.Match[str]) -> Authors:
    """A draft submitted by an officer: who, and on the basis of which drafts."""
    rest = _TRAILING_TYPE.sub("", m.group(3))
    cut = _CONSULTATIONS.search(rest)
    based_on = SYMBOL.findall(rest[cut.end() :]) if cut else []
    head = rest[: cut.start()] if cut else rest
    return Authors(_draft_type(m.group(1)), submitted_by=_submitter(head), based_on=based_on)


def _submitter(head: str) -> Submitter:
    """ "Vice-Chair of the Committee, Weronika Garbacz (Poland)": role, name, country.

    >>> _submitter("Vice-Chair of the Committee, Weronika Garbacz (Poland)")
    Submitter(role='Vice-Chair of the Committee', name='Weronika Garbacz', country='Poland')
    >>> _submitter("Présidente de la Commission, Mme Ana Lima (Venezuela (République bolivarienne du))")
    Submitter(role='Présidente de la Commission', name='Ana Lima', country='Venezuela (République bolivarienne du)')
    >>> _submitter("President of the General Assembly")
    Submitter(role='President of the General Assembly', name=None, country=None)
    """
    head = " ".join(head.split()).strip(" ,")
    role, _, person = head.partition(", ")
    name: str | None = None
    country: str | None = None
    if person:
        name, country = _name_and_country(person)
    return Submitter(role=role, name=name, country=country)


def _name_and_country(person: str) -> tuple[str | None, str | None]:
    """ "Javad Momeni (Islamic Republic of Iran )": the name, and the country in brackets."""
    country = None
    if person.endswith(")"):
        depth = 0
        for i in range(len(person) - 1, -1, -1):
            depth += {")": 1, "(": -1}.get(person[i], 0)
            if depth == 0:
                country = " ".join(person[i + 1 : -1].split()) or None
                person = person[:i]
                break
    person = person.strip()
    if m := _HONORIFIC.match(person):
        person = person[m.end() :]
    name = person.strip(" ,") or None
    return name, country


def split_sponsors(text: str) -> list[str]:
    """Member States of a sponsors line, in order (English "and", French "et").

    >>> split_sponsors("Bosnia and Herzegovina, Netherlands (Kingdom of the) and Trinidad and Tobago")
    ['Bosnia and Herzegovina', 'Netherlands (Kingdom of the)', 'Trinidad and Tobago']
    >>> split_sponsors("Italy and Turkmenistan"), split_sponsors("Chile,* Peru** and Togo")
    (['Italy', 'Turkmenistan'], ['Chile', 'Peru', 'Togo'])
    >>> split_sponsors("France, Royaume-Uni de Grande-Bretagne et d'Irlande du Nord et Tchad")
    ['France', "Royaume-Uni de Grande-Bretagne et d'Irlande du Nord", 'Tchad']
    """
    text = " ".join(text.split()).strip(" :*")
    protected = text
    for name in _AND_NAMES:
        protected = protected.replace(
            name, name.replace(" and ", " \x01 ").replace(" et ", " \x02 ")
        )
    # Commas inside parentheses ("Venezuela (Bolivarian Republic of)") stay.
    items: list[str] = []
    depth = 0
    cur: list[str] = []
    for ch in protected:
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
        if ch == "," and depth == 0:
            items.append("".join(cur))
            cur = []
        else:
            cur.append(ch)
    items.append("".join(cur))
    out: list[str] = []
    for item in items:
        out.extend(p for p in re.split(r" (?:and|et) ", item) if p.strip())
    # A footnote star after a name ("Argentina,* Brazil", "Chile* and Peru") is no part of it.
    names = (p.replace("\x01", "and").replace("\x02", "et").strip(" *") for p in out)
    return [" ".join(name.split()) for name in names if name]


def committee_named(text: str) -> str | None:
    """The Main Committee ``text`` names ("Deuxième Commission", "on the report of the
    Special Political and Decolonization Committee"), as in :data:`COMMITTEES`.

    >>> committee_named("[on the report of the Second Committee (A/80/555, para. 7)]")
    'Second Committee'
    >>> committee_named("Commission des questions politiques spéciales et de la décolonisation")
    'Special Political and Decolonization Committee (Fourth Committee)'
    >>> committee_named("[without reference to a Main Committee (A/80/L.3)]") is None
    True
    """
    m = _COMMITTEE.search(text)
    if m is None:
        return None
    if m.group(4):
        return COMMITTEES[3]
    if m.group(3):
        return COMMITTEES[_ORDINAL_ES[m.group(3).lower()] - 1]
    number = ordinal_value(m.group(1) or m.group(2))
    return COMMITTEES[number - 1] if number else None


def committee_line(line: str) -> str | None:
    """The Main Committee a front-matter line names on its own ("Second Committee",
    "Special Political and Decolonization Committee"), else None."""
    if not _COMMITTEE_WORD.search(line) or not _COMMITTEE_LINE.fullmatch(line):
        return None
    return committee_named(line)


def committee_of_symbol(symbol: str | None) -> str | None:
    """The Main Committee whose document ``symbol`` is: A/C.2/80/L.43 -> Second Committee.

    >>> committee_of_symbol("A/C.2/80/L.43"), committee_of_symbol("A/80/L.3")
    ('Second Committee', None)
    """
    m = _COMMITTEE_SYMBOL.match(symbol or "")
    return COMMITTEES[int(m.group(1)) - 1] if m else None
