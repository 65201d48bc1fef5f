"""Read the front matter of a resolution or draft into a :class:`FrontMatter`:
symbol, session, agenda item, title, adoption date, drafts, sponsors, document type.

Public: :class:`FrontMatter`, :func:`read_front`, :func:`parse_date`,
:func:`split_sponsors`, :func:`session_from_words`; :data:`TITLE_LINE` and
:data:`PART_LINE`, the title line and a part letter alone on a line. The front
matter is given as lines (page furniture already removed or harmless); nothing
here raises.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from diffing.lexicon import month_number, ordinal_value

__all__ = [
    "PART_LINE",
    "TITLE_LINE",
    "FrontMatter",
    "parse_date",
    "read_front",
    "session_from_words",
    "split_sponsors",
]

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
        month = month_number(m.group(2))
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
    return ordinal_value(words)


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


@dataclass
class FrontMatter:
    """What the lines before "The General Assembly," say; every field may be missing.

    ``notes`` holds what the front matter says beyond its fields ("submitted by
    the ..."); ``part`` is a part letter printed just above the body ("A").
    """

    symbol: str | None = None
    document_type: str = "resolution"
    session: int | None = None
    agenda_item: str | None = None
    title: str | None = None
    adopted: str | None = None
    drafts: list[str] = field(default_factory=list)
    sponsors: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    part: str | None = None


_LIMITED = re.compile(r"Distr\.?\s*:\s*(Limited|Limitée|Limitada)", re.I)


def _header_field(front: FrontMatter, line: str) -> bool:
    """Take the symbol, session or agenda item a line holds; True if it held one."""
    if front.symbol is None and (m := _SYMBOL_LINE.fullmatch(line)):
        front.symbol = m.group(1) + (" " + m.group(2) if m.group(2) else "")
        return True
    if front.session is None and (m := _SESSION_LINE.fullmatch(line)):
        front.session = session_from_words(m.group(1))
        return True
    if front.agenda_item is None and (agenda := _agenda(line)) is not None:
        front.agenda_item = agenda
        return True
    return False


class _BlockReader:
    """The blocks of the front matter, one at a time: each step takes a block or passes."""

    def __init__(self, front: FrontMatter) -> None:
        self.front = front
        self.title_line: str | None = None  # "73/11. Cooperation between ..."
        self.authors: int | None = None  # index of the sponsors or "submitted by" block
        self.last_meta: int | None = None  # index of the last adoption or drafts block
        self.steps: tuple[Callable[[int, str], bool], ...] = (
            self._adoption,
            self._drafts,
            self._title_line,
            self._authors,
        )

    def read(self, blocks: list[str]) -> None:
        for idx, block in enumerate(blocks):
            any(step(idx, block) for step in self.steps)

    def _adoption(self, idx: int, block: str) -> bool:
        """The adoption line, "Resolution adopted by the General Assembly on 26 November 2018"."""
        if self.front.adopted is not None or not (m := _ADOPTED.search(block)):
            return False
        self.front.adopted = parse_date(m.group(2))
        if m.group(1).lower().startswith(("decision", "décision")):
            self.front.document_type = "decision"
        self.last_meta = idx
        return True

    def _drafts(self, idx: int, block: str) -> bool:
        """The drafts, "[without reference to a Main Committee (A/73/L.21 and A/73/L.21/Add.1)]"."""
        if not block.startswith("[") or self.front.drafts or not (m := _BRACKET.search(block)):
            return False
        self.front.drafts = list(_SYMBOL.findall(m.group(1)))
        self.last_meta = idx
        return True

    def _title_line(self, idx: int, block: str) -> bool:
        """The title line "73/11. Cooperation between ...": title, session and symbol."""
        if self.title_line is not None or not (m := TITLE_LINE.fullmatch(block)):
            return False
        self.title_line = m.group(3).strip()
        if self.front.session is None:
            self.front.session = int(m.group(1))
        if self.front.symbol is None:
            self.front.symbol = f"A/RES/{m.group(1)}/{m.group(2)}"
        return True

    def _authors(self, idx: int, block: str) -> bool:
        """The authors: "Italy and Turkmenistan:* draft resolution", "Draft resolution submitted by"."""
        if self.authors is not None:
            return False
        front = self.front
        if m := _SUBMITTED.fullmatch(block):
            front.document_type = m.group(1).lower()
            front.notes.append(f"submitted by the {m.group(2)}")
        elif (m := _SPONSORS.fullmatch(block)) and (
            "," in m.group(1) or " and " in m.group(1) or len(m.group(1)) < 60
        ):
            front.document_type = (
                m.group(2)
                .lower()
                .replace("projet de résolution révisé", "revised draft resolution")
                .replace("projet de résolution", "draft resolution")
            )
            front.sponsors = split_sponsors(m.group(1))
        else:
            return False
        self.authors = idx
        return True

    def title(self, blocks: list[str]) -> str | None:
        """The title line's title, else the blocks after the authors (or the last metadata)."""
        if self.title_line is not None:
            return self.title_line
        after = self.authors if self.authors is not None else self.last_meta
        if after is None:
            return None
        rest = [b for b in blocks[after + 1 :] if b.strip() and not PART_LINE.fullmatch(b)]
        return " ".join(rest).strip() if rest else None


def _settle_type(front: FrontMatter, limited: bool) -> None:
    """A limited document or an ``L.`` symbol is a draft; ``Rev.`` a revised one."""
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


def _part_above_body(lines: list[str]) -> str | None:
    """A part letter alone on a line between the title and the body ("A")."""
    for line in reversed(lines):
        if not line.strip():
            continue
        m = PART_LINE.fullmatch(line)
        if m:
            return m.group(1)
        if TITLE_LINE.fullmatch(line) or line.strip().startswith("["):
            return None
    return None


def read_front(lines: list[str]) -> FrontMatter:
    """The front matter read from the lines before "The General Assembly,".

    >>> f = read_front(["A/RES/73/11", "Seventy-third session", "Agenda item 128 (y)", "",
    ...   "Resolution adopted by the General Assembly", "on 26 November 2018", "",
    ...   "[without reference to a Main Committee (A/73/L.21 and A/73/L.21/Add.1)]", "",
    ...   "73/11. Cooperation between the United Nations and", "INTERPOL"])
    >>> f.symbol, f.session, f.agenda_item, f.adopted, f.drafts
    ('A/RES/73/11', 73, '128 (y)', '2018-11-26', ['A/73/L.21', 'A/73/L.21/Add.1'])
    >>> f.title
    'Cooperation between the United Nations and INTERPOL'
    """
    front = FrontMatter()
    limited = any(_LIMITED.search(line) for line in lines)
    rest = ["" if _header_field(front, line) else line for line in lines]
    blocks = _blocks(rest)
    reader = _BlockReader(front)
    reader.read(blocks)
    front.title = reader.title(blocks)
    _settle_type(front, limited)
    front.part = _part_above_body(lines)
    return front
