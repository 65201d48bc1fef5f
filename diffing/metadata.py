"""Read the front matter of a document into a :class:`FrontMatter`: symbol (and
whether it is reissued), session, agenda item, Main Committee, title, adoption
date, drafts, and what the authors block says (:mod:`diffing.authors`: type,
sponsors or submitter, the drafts a text is based on, the draft an amendment
amends).

Public: :class:`FrontMatter`, :func:`read_front`, :func:`authors_end` (where
the body of a document without "The General Assembly," starts),
:func:`parse_date`, :func:`split_sponsors`, :func:`session_from_words`;
:data:`TITLE_LINE` and :data:`PART_LINE`, the title line and a part letter
alone on a line. The front matter is given as lines (page furniture already
removed or harmless); nothing here raises.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from diffing.authors import (
    SYMBOL,
    committee_line,
    committee_named,
    committee_of_symbol,
    read_authors,
    split_sponsors,
)
from diffing.lexicon import month_number, ordinal_value
from diffing.model import Submitter

__all__ = [
    "PART_LINE",
    "TITLE_LINE",
    "FrontMatter",
    "authors_end",
    "parse_date",
    "read_front",
    "session_from_words",
    "split_sponsors",
]

_DATE = re.compile(r"\b(\d{1,2})(?:er)?\s+(?:de\s+)?([A-Za-zÀ-ÿ]{3,10})\s+(?:de\s+)?(\d{4})\b")
_SYMBOL_LINE = re.compile(
    r"\s*(A/[A-Za-z0-9][A-Za-z0-9./\-]*[A-Za-z0-9])(\*{1,3})?(?:\s+([A-Z](?:[-–][A-Z])?))?\s*"
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
_SESSION_LINE = re.compile(
    r"\s*([A-Za-zÀ-ÿ\-]+(?:[ -][A-Za-zÀ-ÿ]+)?)\s+(?:session|período de sesiones)\s*", re.I
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


_GOES_ON = re.compile(r"(?:,|\b(?:and|et|y|of|the|de|du|des|la|le|del))\s*$")


def _flat_blocks(lines: list[str]) -> list[str]:
    """The blocks of a front matter printed without blank lines: one a line, but a
    line that a sentence runs on from ("..., Trinidad and" / "Tobago: draft
    resolution", or a next line in lower case) is joined to the next one.

    >>> _flat_blocks(["Third Committee", "Chile, Trinidad and", "Tobago: draft resolution",
    ...     "Title", "on two lines"])
    ['Third Committee', 'Chile, Trinidad and Tobago: draft resolution', 'Title on two lines']
    """
    out: list[str] = []
    for line in (line.strip() for line in lines):
        if not line:
            continue
        last = out[-1] if out else ""
        if last and (
            _GOES_ON.search(last) or last.count("(") > last.count(")") or line[0].islower()
        ):
            out[-1] = f"{last} {line}"
        else:
            out.append(line)
    return out


def _blocks(lines: list[str]) -> list[str]:
    blocks: list[list[str]] = [[]]
    for line in lines:
        if line.strip():
            blocks[-1].append(line.strip())
        elif blocks[-1]:
            blocks.append([])
    return [" ".join(b) for b in blocks if b]


def _agenda(block: str) -> str | None:
    if not ("Agenda" in block or "ordre du jour" in block or "del programa" in block):
        return None  # the words each form needs
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
    the ..."); ``part`` is a part letter printed just above the body ("A"),
    ``part_title`` the lines of that part's title under it.
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
    part_title: list[str] = field(default_factory=list)  # the lines under ``part``
    committee: str | None = None
    submitted_by: Submitter | None = None
    based_on: list[str] = field(default_factory=list)
    amends: str | None = None
    reissued: bool = False  # the symbol is printed with a star


_LIMITED = re.compile(r"Distr\.?\s*:?\s*(Limited|Limitée|Limitada)", re.I)
_SESSION_WORD = re.compile(r"session|sesiones", re.I)  # what :data:`_SESSION_LINE` needs
_ADOPTION_WORD = re.compile(r"adopt|aprobada", re.I)  # what :data:`_ADOPTED` needs
_SESSION_OF_SYMBOL = re.compile(r"A/(?:RES/|C\.\d/)?(?:ES-\d+/)?(\d+)/")


# Fields that an extraction can print on one line (pdftotext -layout, a copy from a
# viewer): "United Nations   A/C.3/80/L.12", "General Assembly   Distr.: Limited ...",
# "Eightieth session Third Committee Agenda item 71 (b)".
_ORGAN_AND_MORE = re.compile(
    r"\s*(United Nations|Nations Unies|Naciones Unidas|General Assembly|Assemblée générale"
    r"|Asamblea General)\s+((?:A/|Distr)\S*.*)"
)
_SESSION_AND_MORE = re.compile(
    r"\s*([A-Za-zÀ-ÿ\-]+(?:[ -][A-Za-zÀ-ÿ]+)?)\s+(session|período de sesiones)\s+(\S.*)", re.I
)
_AGENDA_AFTER = re.compile(r"\s(?=(?:Agenda items?|Points?|Temas?)\s+\d)")


def _session_and_more(line: str) -> list[str] | None:
    """ "Eightieth session Third Committee Agenda item 71 (b)": its fields, one a line;
    None unless the line holds a session and then a Main Committee or an agenda item.

    >>> _session_and_more("Quatre-vingtième session Point 7 de l’ordre du jour")
    ['Quatre-vingtième session', 'Point 7 de l’ordre du jour']
    """
    m = _SESSION_AND_MORE.fullmatch(line) if _SESSION_WORD.search(line) else None
    if m is None or session_from_words(m.group(1)) is None:
        return None
    rest = [p.strip() for p in _AGENDA_AFTER.split(m.group(3), maxsplit=1)]
    agenda = rest.pop() if len(rest) == 2 or _agenda(rest[0]) else None
    committee = rest[0] if rest else None
    if (agenda is not None and _agenda(agenda) is None) or (
        committee is not None and committee_line(committee) is None
    ):
        return None
    return [f"{m.group(1)} {m.group(2)}", *filter(None, [committee, agenda])]


def split_header_lines(lines: list[str]) -> list[str]:
    """The front matter's lines with the fields an extraction printed on one line apart.

    >>> split_header_lines(["United Nations A/C.3/80/L.12",
    ...     "Eightieth session Third Committee Agenda item 71 (b)"])
    ['United Nations', 'A/C.3/80/L.12', 'Eightieth session', 'Third Committee', 'Agenda item 71 (b)']
    >>> split_header_lines(["Eightieth session", "Twenty-fourth special session of the Assembly"])
    ['Eightieth session', 'Twenty-fourth special session of the Assembly']
    """
    out: list[str] = []
    for line in lines:
        if m := _ORGAN_AND_MORE.fullmatch(line):
            out.extend([m.group(1), m.group(2)])
        else:
            out.extend(_session_and_more(line) or [line])
    return out


def _header_field(front: FrontMatter, line: str) -> bool:
    """Take the symbol, session or agenda item a line holds; True if it held one."""
    if front.symbol is None and (m := _SYMBOL_LINE.fullmatch(line)):
        parts = f" {m.group(3).replace('–', '-')}" if m.group(3) else ""  # "A–B": "A-B"
        front.symbol = m.group(1) + parts
        front.reissued = m.group(2) is not None
        return True
    if (
        front.session is None
        and _SESSION_WORD.search(line)
        and (m := _SESSION_LINE.fullmatch(line))
    ):
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
            for step in self.steps:
                if step(idx, block):
                    break

    def _adoption(self, idx: int, block: str) -> bool:
        """The adoption line, "Resolution adopted by the General Assembly on 26 November 2018"."""
        if self.front.adopted is not None or not _ADOPTION_WORD.search(block):
            return False
        if not (m := _ADOPTED.search(block)):
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
        self.front.drafts = list(SYMBOL.findall(m.group(1)))
        self.front.committee = self.front.committee or committee_named(m.group(1))
        self.last_meta = idx
        return True

    def _title_line(self, idx: int, block: str) -> bool:
        """The title line "73/11. Cooperation between ...": title, session and symbol."""
        if (
            self.title_line is not None
            or "/" not in block
            or not (m := TITLE_LINE.fullmatch(block))
        ):
            return False
        self.title_line = m.group(3).strip()
        if self.front.session is None:
            self.front.session = int(m.group(1))
        if self.front.symbol is None:
            kind = "DEC" if self.front.document_type == "decision" else "RES"
            self.front.symbol = f"A/{kind}/{m.group(1)}/{m.group(2)}"
        return True

    def _authors(self, idx: int, block: str) -> bool:
        """The authors: "Italy and Turkmenistan:* draft resolution", "Draft resolution
        submitted by ...", "Ukraine:* amendment to draft resolution A/80/L.3"."""
        if self.authors is not None or (authors := read_authors(block)) is None:
            return False
        front = self.front
        front.document_type = authors.document_type
        front.sponsors = authors.sponsors
        front.submitted_by = authors.submitted_by
        front.based_on = authors.based_on
        front.amends = authors.amends
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
    kind = front.document_type
    if front.symbol is not None:
        m = _SESSION_OF_SYMBOL.match(front.symbol)
        if m and front.session is None:
            front.session = int(m.group(1))
        front.committee = front.committee or committee_of_symbol(front.symbol)
    draft = limited or "/L." in (front.symbol or "")
    if draft and kind in ("resolution", "decision"):
        kind = f"draft {kind}"
    if draft and "/Rev." in (front.symbol or "") and kind.startswith("draft"):
        kind = f"revised {kind}"
    front.document_type = kind


def _part_above_body(lines: list[str]) -> tuple[str | None, list[str]]:
    """A part letter alone on a line between the title and the body ("A"), and the
    title of the part printed under it ("Imaginary territory")."""
    for k in range(len(lines) - 1, -1, -1):
        line = lines[k]
        if not line.strip():
            continue
        m = PART_LINE.fullmatch(line)
        if m:
            return m.group(1), [x for x in lines[k + 1 :] if x.strip()]
        if TITLE_LINE.fullmatch(line) or line.strip().startswith("["):
            break
    return None, []


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
    lines = split_header_lines(lines)
    limited = _LIMITED.search("\x00".join(lines)) is not None  # no match spans a \x00
    rest = ["" if _header_field(front, line) else line for line in lines]
    front.committee = next(filter(None, map(committee_line, lines[:40])), None)
    blocks = _flat_blocks(rest) if _flat(lines) else _blocks(rest)
    reader = _BlockReader(front)
    reader.read(blocks)
    front.part, front.part_title = _part_above_body(lines)
    if front.part is not None:
        # The part letter and its title, printed under the draft's title: not the title.
        part = " ".join([front.part, *(x.strip() for x in front.part_title)])
        blocks = [b for b in blocks if b != part]
    front.title = reader.title(blocks)
    _settle_type(front, limited)
    return front


def _flat(lines: list[str]) -> bool:
    """Whether the front matter has no blank line between its first and last lines."""
    filled = [i for i, line in enumerate(lines) if line.strip() and line != "\x00PAGE\x00"]
    return len(filled) > 3 and filled[-1] - filled[0] + 1 == len(filled)


def _line_blocks(lines: list[str]) -> list[tuple[int, int]]:
    """The blocks of ``lines`` (blank lines apart) as ``(first, after_last)`` indices."""
    out: list[tuple[int, int]] = []
    start: int | None = None
    for i, line in enumerate(lines):
        if line.strip() and line != "\x00PAGE\x00":
            start = i if start is None else start
        elif start is not None:
            out.append((start, i))
            start = None
    if start is not None:
        out.append((start, len(lines)))
    return out


def authors_end(lines: list[str]) -> int | None:
    """In a text without "The General Assembly," line (an amendment, a draft decision):
    the line after the title printed under the authors block, where the body starts.

    None when the first lines hold no authors block.

    >>> authors_end(["A/80/L.28", "", "Ukraine:* amendment to draft resolution A/80/L.3",
    ...     "", "Persistent legacy", "", "1. Replace"])
    5
    """
    blocks = _line_blocks(lines[:200])
    for k, (first, after) in enumerate(blocks):
        if read_authors(" ".join(line.strip() for line in lines[first:after])) is None:
            continue
        if k + 1 == len(blocks):
            return after
        first, after = blocks[k + 1]
        return first if re.match(r"\s*\d{1,3}\.(?:\s|$)", lines[first]) else after
    return None
