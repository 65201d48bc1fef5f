"""Parse the text of a UN General Assembly document into a :class:`Resolution`.

:func:`parse` is the one public function. It takes plain text extracted from a
PDF or DOCX, or a Markdown conversion, of a resolution, a decision, a draft or
an amendment, and returns the metadata and the numbered paragraphs (an
amendment: its instructions). It reads the front matter first, and what the
front matter says the document is decides how its body is read. The steps
live in small modules:

* :mod:`diffing.cleanup` - page furniture, footnote blocks, Markdown, hyphens;
* :mod:`diffing.footnotes` - footnote markers in the body;
* :mod:`diffing.metadata` - the front matter: symbol, session, agenda item,
  title, dates, committee (a :class:`~diffing.metadata.FrontMatter`);
* :mod:`diffing.authors` - sponsors or submitter, document type, amended draft;
* :mod:`diffing.instructions` - an amendment's instructions;
* :mod:`diffing.blocks` - printed blocks, their labels and shapes;
* :mod:`diffing.structure` - paragraphs, parts and annexes, numbering, ids;
* :mod:`diffing.leads` - the opening verb phrase of a paragraph;
* :mod:`diffing.lexicon` - months, ordinals, Roman numerals.

>>> r = parse('''A/RES/1/2
... The General Assembly,
... Recalling its resolution 1/1,
...
... 1. Decides to remain seized of the matter.
... ''')
>>> [(p.id, p.lead) for p in r.paragraphs]
[('PP1', 'Recalling'), ('OP1', 'Decides')]
>>> r.symbol, r.session
('A/RES/1/2', 1)
"""

from __future__ import annotations

import re

from diffing.cleanup import (
    PAGE_BREAK,
    Vocabulary,
    extract_footnotes,
    is_markdown,
    normalise,
    remove_furniture,
    strip_markdown,
)
from diffing.collector import pausing
from diffing.errors import EmptyDocumentError
from diffing.footnotes import mark_markers
from diffing.instructions import read_instructions
from diffing.metadata import TITLE_LINE, FrontMatter, authors_end, parse_date, read_front
from diffing.model import Footnote, Instruction, Paragraph, Resolution
from diffing.structure import ASSEMBLY_LINE, ASSEMBLY_OPENS, build_paragraphs

__all__ = ["detect_language", "parse"]

_LANG_WORDS = {
    "en": (" the ", " of ", " and ", " to ", "General Assembly"),
    "fr": (" la ", " les ", " des ", " et ", " du ", "Assemblée"),
    "es": (" el ", " los ", " las ", " del ", " y ", "Asamblea"),
}


def detect_language(text: str) -> str:
    """``en``, ``fr`` or ``es`` by counting common words (``en`` when unsure).

    >>> detect_language("L'Assemblée générale, Rappelant les résolutions des sessions")
    'fr'
    """
    sample = f" {text[:6000]} "
    scores = {lang: sum(sample.count(w) for w in words) for lang, words in _LANG_WORDS.items()}
    best = max(scores, key=lambda k: scores[k])
    return best if scores[best] > scores["en"] else "en"


def _vocabulary(lines: list[str]) -> Vocabulary:
    """Words and hyphenated compounds of the text; a line-end hyphen joins nothing."""
    return Vocabulary(lines=lines)


def _one_paragraph_per_line(lines: list[str]) -> list[str]:
    """Text pasted with one paragraph per line and no blank lines: separate them."""
    text_lines = [line for line in lines if line and not line.isspace() and line != PAGE_BREAK]
    blank = len(lines) - len(text_lines) - lines.count(PAGE_BREAK)
    if not text_lines or len(text_lines) < 2 * blank:
        return lines
    if sum(map(len, text_lines)) / len(text_lines) < 150:
        return lines
    out: list[str] = []
    for line in lines:
        out.append(line)
        if line.strip() and line != PAGE_BREAK:
            out.append(" ")
    return out


def _lines(text: str) -> list[str]:
    """The lines of a text, without trailing blanks (but "" and " " stay apart)."""
    lines = [line.rstrip() or line for line in text.split("\n")]
    return _one_paragraph_per_line(lines)


def _body_start(lines: list[str]) -> tuple[int, bool]:
    """The line that opens the body, and whether it is the Assembly's.

    The Assembly's line is "The General Assembly," alone (a resolution), or a
    decision's first words after the title ("The General Assembly, taking note
    of ..., decides"). Without it the body starts after the title line
    ("73/11. Cooperation ..."), else after the title under the authors block
    (an amendment), else at the first line.
    """
    for i, line in enumerate(lines):
        if ("Assembl" in line or "Asamblea" in line) and ASSEMBLY_LINE.fullmatch(line):
            return i, True
    start = next((i + 1 for i, line in enumerate(lines[:80]) if TITLE_LINE.fullmatch(line)), 0)
    while 0 < start < len(lines) and lines[start].strip():
        start += 1  # the rest of the title
    if start == 0:
        start = authors_end(lines) or 0
    first = next((k for k in range(start, len(lines)) if lines[k].strip()), None)
    if first is not None and ASSEMBLY_OPENS.match(lines[first]):
        return first, True
    return start, False


_NO_ASSEMBLY = "no 'The General Assembly,' line: the body starts after the front matter"
_REISSUE = re.compile(r"reissue|nouveau tirage|reedici|nueva edici", re.IGNORECASE)


def _reissue_note(front: FrontMatter, footnotes: list[Footnote]) -> list[str]:
    """A reissued document says so: its symbol is printed with a star, whose note says why."""
    if not front.reissued:
        return []
    why = next((f.text for f in footnotes if f.marker == "*" and _REISSUE.search(f.text)), "")
    return [f"reissued ({front.symbol}*){': ' + why if why else ''}"]


def _body(
    lines: list[str], start: int, front: FrontMatter, markdown: bool
) -> tuple[list[str], list[Footnote]]:
    """The body's lines from line ``start``, furniture out, footnotes out and marked."""
    # Line ``start`` counts lines before anything is taken out.
    body = remove_furniture(lines, start=start, title=front.title or "")[start:]
    body, footnotes, pages = extract_footnotes(body, markdown=markdown)
    body = mark_markers(body, [f.marker for f in footnotes], pages)
    if body and ASSEMBLY_LINE.fullmatch(body[0]):
        body = body[1:]
    return body, _unique(footnotes)


@pausing
def parse(text: str, *, language: str | None = None) -> Resolution:
    """Parse one resolution, decision, draft or amendment from its text.

    Raises :class:`~diffing.errors.EmptyDocumentError` when ``text`` holds no
    text at all; anything else parses, plain paragraphs at worst, with a note.
    """
    if not text or not text.strip():
        raise EmptyDocumentError("the document holds no text")
    text = normalise(text)
    markdown = is_markdown(text)
    if markdown:
        text = strip_markdown(text)
    lang = language or detect_language(text)
    lines = _lines(text)
    start, opened = _body_start(lines)
    front = read_front([line for line in lines[:start] if line != PAGE_BREAK])
    body, footnotes = _body(lines, start, front, markdown)
    # An amendment has no such line, nor has a decision printed "At its 62nd plenary
    # meeting, ..., the General Assembly ... decided ...".
    quiet = opened or front.document_type == "amendment" or front.document_type.endswith("decision")
    notes = [] if quiet else [_NO_ASSEMBLY]
    vocabulary = _vocabulary(body)
    instructions: list[Instruction] = []
    paragraphs: list[Paragraph] = []
    closings: list[str] = []
    if front.document_type == "amendment":
        instructions = read_instructions(body, french=lang == "fr", vocabulary=vocabulary)
    else:
        paragraphs, closings, more_notes = build_paragraphs(
            body,
            french=lang == "fr",
            vocabulary=vocabulary,
            first_part=front.part,
            first_heading=front.part_title,
            decision=front.document_type.endswith("decision"),
        )
        notes.extend(more_notes)
        notes.extend(_missing(paragraphs))
    return Resolution(
        paragraphs=paragraphs,
        symbol=front.symbol,
        document_type=front.document_type,
        language=lang,
        session=front.session,
        agenda_item=front.agenda_item,
        title=front.title,
        adopted=front.adopted or (parse_date(closings[0]) if closings else None),
        drafts=front.drafts,
        sponsors=front.sponsors,
        footnotes=footnotes,
        notes=[*notes, *front.notes, *_reissue_note(front, footnotes)],
        committee=front.committee,
        submitted_by=front.submitted_by,
        based_on=front.based_on,
        amends=front.amends,
        instructions=instructions,
    )


def _missing(paragraphs: list[Paragraph]) -> list[str]:
    """Notes on what a resolution lacks: any paragraph, or a numbered operative one."""
    if not any(p.kind != "heading" for p in paragraphs):
        return ["no paragraph found"]
    if not any(p.kind == "operative" for p in paragraphs):
        return ["no numbered operative paragraph found"]
    return []


def _unique(notes: list[Footnote]) -> list[Footnote]:
    seen: set[str] = set()
    out: list[Footnote] = []
    for f in notes:
        if f.marker not in seen:
            seen.add(f.marker)
            out.append(f)
    return out
