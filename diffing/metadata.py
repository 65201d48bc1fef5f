"""Read the front matter of a resolution or draft: symbol, session, agenda item,
title, adoption date, drafts, sponsors, document type.

Public functions: :func:`read_front`, :func:`parse_date`, :func:`split_sponsors`,
:func:`session_from_words`; :data:`TITLE_LINE` and :data:`PART_LINE`, the
title line and a part letter alone on a line. The front matter is given as
lines (page furniture already removed or harmless); nothing here raises.
"""

from __future__ import annotations

import re

from diffing.model import Resolution

__all__ = [
    "PART_LINE",
    "TITLE_LINE",
    "parse_date",
    "read_front",
    "session_from_words",
    "split_sponsors",
]

_MONTHS = {
    # English
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6,
    "july": 7, "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    # French
    "janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6,
    "juillet": 7, "août": 8, "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11,
    "décembre": 12, "decembre": 12,
    # Spanish
    "enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5, "junio": 6, "julio": 7,
    "agosto": 8, "setiembre": 9, "septiembre": 9, "octubre": 10, "noviembre": 11,
    "diciembre": 12,
}  # fmt: skip

_DATE = re.compile(r"\b(\d{1,2})(?:er)?\s+(?:de\s+)?([A-Za-zÀ-ÿ]{3,10})\s+(?:de\s+)?(\d{4})\b")
_SYMBOL = re.compile(r"\bA/(?:[A-Z][A-Za-z]*(?:\.\d+)?/|ES-\d+/)*\d+/[A-Za-z0-9.\-/]*[A-Za-z0-9]")
_SYMBOL_LINE = re.compile(
    r"\s*(A/[A-Za-z0-9][A-Za-z0-9./\-]*[A-Za-z0-9])(?:\s+([A-Z](?:-[A-Z])?))?\s*"
)
TITLE_LINE = re.compile(
    r"\s*(?:ES-\d+/|S-\d+/)?(\d{1,3})/(\d{1,4})(?:\s+[A-Z](?:-[A-Z])?)?\.\s+(\S.*)"
)
"""A resolution's title line, "73/11. Cooperation between ..." (fullmatch)."""
_AGENDA_EN = re.compile(r"\s*Agenda items?\s+(.+?)\s*")
_AGENDA_FR = re.compile(r"\s*Points?\s+(.+?)\s+de l['’]ordre du jour\s*")
_AGENDA_ES = re.compile(r"\s*Temas?\s+(.+?)\s+del programa\s*")
_ADOPTED = re.compile(
    r"(Resolutions? adopted by the General Assembly|Résolutions? adoptées? par l['’]Assemblée générale"
    r"|Resolución aprobada por la Asamblea General|Decision adopted by the General Assembly"
    r"|Décision adoptée par l['’]Assemblée générale)\s+(?:on|le|el)\s+(.{6,40})",
    re.IGNORECASE,
)
PART_LINE = re.compile(r"\s*([A-Z])\s*")
"""A part letter alone on a line, "B" (fullmatch)."""
_BRACKET = re.compile(r"\[([^\[\]]{0,400})\]")
_SPONSORS = re.compile(
    r"(.+?):?\s*\*{0,3}\s*:?\s*((?:revised )?draft resolution|projet de résolution(?: révisé)?)\s*",
    re.IGNORECASE,
)
_SUBMITTED = re.compile(
    r"\s*((?:Revised d|D)raft resolution) submitted by (?:the )?(.+?)\s*", re.IGNORECASE
)
_SESSION_LINE = re.compile(
    r"\s*([A-Za-zÀ-ÿ\-]+(?:[ -][A-Za-zÀ-ÿ]+)?)\s+(?:session|período de sesiones)\s*", re.I
)

_UNITS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
    "seventh": 7, "eighth": 8, "ninth": 9,
    "premier": 1, "première": 1, "deuxième": 2, "troisième": 3, "quatrième": 4,
    "cinquième": 5, "sixième": 6, "septième": 7, "huitième": 8, "neuvième": 9,
}  # fmt: skip
_TENS = {
    "tenth": 10, "twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50,
    "sixtieth": 60, "seventieth": 70, "eightieth": 80, "ninetieth": 90,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
    "dixième": 10, "vingtième": 20, "trentième": 30, "quarantième": 40, "cinquantième": 50,
    "soixantième": 60, "soixante-dixième": 70, "quatre-vingtième": 80,
    "quatre-vingt-dixième": 90,
    "vingt": 20, "trente": 30, "quarante": 40, "cinquante": 50, "soixante": 60,
    "quatre-vingt": 80, "soixante-dix": 70, "quatre-vingt-dix": 90,
}  # fmt: skip
_FR_TEENS = {"onzième": 11, "douzième": 12, "treizième": 13, "quatorzième": 14,
             "quinzième": 15, "seizième": 16, "dix-septième": 17, "dix-huitième": 18,
             "dix-neuvième": 19}  # fmt: skip

# Member States whose names hold " and " or a comma: protected when splitting.
_AND_NAMES = (
    "Antigua and Barbuda",
    "Bosnia and Herzegovina",
    "Saint Kitts and Nevis",
    "Saint Vincent and the Grenadines",
    "Sao Tome and Principe",
    "Trinidad and Tobago",
    "United Kingdom of Great Britain and Northern Ireland",
    "Heard Island and McDonald Islands",
)


def parse_date(text: str) -> str | None:
    """The first date in ``text`` as ISO ``YYYY-MM-DD``.

    >>> parse_date("on 26 November 2018")
    '2018-11-26'
    >>> parse_date("le 1er décembre 2020"), parse_date("nothing")
    ('2020-12-01', None)
    """
    for m in _DATE.finditer(text):
        month = _MONTHS.get(m.group(2).lower())
        day = int(m.group(1))
        if month and 1 <= day <= 31:
            return f"{int(m.group(3)):04d}-{month:02d}-{day:02d}"
    return None


def session_from_words(words: str) -> int | None:
    """Session number from its ordinal in words.

    >>> session_from_words("Seventy-third"), session_from_words("Soixante-quinzième")
    (73, 75)
    >>> session_from_words("Eightieth"), session_from_words("Tenth")
    (80, 10)
    """
    w = words.strip().lower()
    if w in _TENS:
        return _TENS[w]
    if w in _UNITS:
        return _UNITS[w]
    if w in _FR_TEENS:
        return _FR_TEENS[w]
    for sep in ("-", " "):
        if sep in w:
            head, _, tail = w.rpartition(sep)
            tail = tail.removeprefix("et-").removeprefix("et ")
            if head.endswith("-et") or head.endswith(" et"):
                head = head[:-3]
            if tail == "unième":
                tail = "premier"
            base = _TENS.get(head)
            if base is None:
                continue
            if tail in _UNITS:
                return base + _UNITS[tail]
            teen = _FR_TEENS.get(tail) or _FR_TEENS.get("dix-" + tail)
            if teen is not None and base in (60, 80):
                return base + teen
    return None


def split_sponsors(text: str) -> list[str]:
    """Member States of a sponsors line, in order.

    >>> split_sponsors("Bosnia and Herzegovina, Netherlands (Kingdom of the) and Trinidad and Tobago")
    ['Bosnia and Herzegovina', 'Netherlands (Kingdom of the)', 'Trinidad and Tobago']
    >>> split_sponsors("Italy and Turkmenistan")
    ['Italy', 'Turkmenistan']
    """
    text = " ".join(text.split()).strip(" :*")
    protected = text
    for name in _AND_NAMES:
        protected = protected.replace(name, name.replace(" and ", " \x01 "))
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
        out.extend(p for p in item.split(" and ") if p.strip())
    return [" ".join(p.replace("\x01", "and").split()) for p in out if p.strip()]


def _blocks(lines: list[str]) -> list[str]:
    blocks: list[list[str]] = [[]]
    for line in lines:
        if line.strip():
            blocks[-1].append(line.strip())
        elif blocks[-1]:
            blocks.append([])
    return [" ".join(b) for b in blocks if b]


def _agenda(block: str) -> str | None:
    for rx in (_AGENDA_EN, _AGENDA_FR, _AGENDA_ES):
        m = rx.fullmatch(block)
        if m:
            value = m.group(1)
            # French/Spanish "130 y)" -> "130 (y)".
            return re.sub(r"(?<=\d) ?([a-z]{1,2})\)", r" (\1)", value)
    return None


def read_front(lines: list[str]) -> Resolution:
    """Metadata from the lines before "The General Assembly,": a resolution without paragraphs.

    Every field may be missing; ``notes`` holds what the front matter says
    beyond its fields ("submitted by the ...").

    >>> f = read_front(["A/RES/73/11", "Seventy-third session", "Agenda item 128 (y)", "",
    ...   "Resolution adopted by the General Assembly", "on 26 November 2018", "",
    ...   "[without reference to a Main Committee (A/73/L.21 and A/73/L.21/Add.1)]", "",
    ...   "73/11. Cooperation between the United Nations and", "INTERPOL"])
    >>> f.symbol, f.session, f.agenda_item, f.adopted, f.drafts
    ('A/RES/73/11', 73, '128 (y)', '2018-11-26', ['A/73/L.21', 'A/73/L.21/Add.1'])
    >>> f.title
    'Cooperation between the United Nations and INTERPOL'
    """
    front = Resolution()
    limited = False
    rest_lines: list[str] = []
    for line in lines:
        if front.symbol is None:
            m = _SYMBOL_LINE.fullmatch(line)
            if m:
                front.symbol = m.group(1) + (" " + m.group(2) if m.group(2) else "")
                rest_lines.append("")
                continue
        if re.search(r"Distr\.?\s*:\s*(Limited|Limitée|Limitada)", line, re.I):
            limited = True
        if front.session is None:
            m = _SESSION_LINE.fullmatch(line)
            if m:
                front.session = session_from_words(m.group(1))
                rest_lines.append("")
                continue
        if front.agenda_item is None:
            agenda = _agenda(line)
            if agenda is not None:
                front.agenda_item = agenda
                rest_lines.append("")
                continue
        rest_lines.append(line)
    blocks = _blocks(rest_lines)
    title_from_line: str | None = None
    sponsor_index: int | None = None
    last_meta: int | None = None
    for idx, block in enumerate(blocks):
        if front.adopted is None:
            m = _ADOPTED.search(block)
            if m:
                front.adopted = parse_date(m.group(2))
                if m.group(1).lower().startswith(("decision", "décision")):
                    front.document_type = "decision"
                last_meta = idx
                continue
        if block.startswith("[") and not front.drafts:
            m = _BRACKET.search(block)
            if m:
                front.drafts = list(_SYMBOL.findall(m.group(1)))
                last_meta = idx
                continue
        if title_from_line is None:
            m = TITLE_LINE.fullmatch(block)
            if m:
                title_from_line = m.group(3).strip()
                if front.session is None:
                    front.session = int(m.group(1))
                if front.symbol is None:
                    front.symbol = f"A/RES/{m.group(1)}/{m.group(2)}"
                continue
        if sponsor_index is None:
            m = _SUBMITTED.fullmatch(block)
            if m:
                sponsor_index = idx
                front.document_type = m.group(1).lower()
                front.notes.append(f"submitted by the {m.group(2)}")
                continue
            m = _SPONSORS.fullmatch(block)
            if m and ("," in m.group(1) or " and " in m.group(1) or len(m.group(1)) < 60):
                sponsor_index = idx
                front.document_type = (
                    m.group(2)
                    .lower()
                    .replace("projet de résolution révisé", "revised draft resolution")
                    .replace("projet de résolution", "draft resolution")
                )
                front.sponsors = split_sponsors(m.group(1))
                continue
    after = sponsor_index if sponsor_index is not None else last_meta
    if title_from_line is not None:
        front.title = title_from_line
    elif after is not None:
        rest = [b for b in blocks[after + 1 :] if b.strip() and not PART_LINE.fullmatch(b)]
        if rest:
            front.title = " ".join(rest).strip()
    if front.symbol is not None:
        m = re.match(r"A/(?:RES/)?(?:ES-\d+/)?(\d+)/", front.symbol)
        if m and front.session is None:
            front.session = int(m.group(1))
        if "/L." in front.symbol or limited:
            if front.document_type == "resolution":
                front.document_type = "draft resolution"
            if "/Rev." in front.symbol and not front.document_type.startswith("revised"):
                front.document_type = "revised draft resolution"
    elif limited and front.document_type == "resolution":
        front.document_type = "draft resolution"
    return front
