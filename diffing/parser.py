"""Parse the text of a UN General Assembly resolution or draft into a :class:`Resolution`.

:func:`parse` is the one public function. It takes plain text extracted from a
PDF or DOCX, or a Markdown conversion, and returns the metadata and the
numbered paragraphs. The steps live in small modules:

* :mod:`diffing.cleanup` - page furniture, footnote blocks, Markdown, hyphens;
* :mod:`diffing.metadata` - symbol, session, agenda item, title, dates, sponsors;
* :mod:`diffing.structure` - paragraphs, labels, parts and annexes;
* :mod:`diffing.leads` - the opening verb phrase of a paragraph.

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

import dataclasses

from diffing.cleanup import (
    PAGE_BREAK,
    Vocabulary,
    extract_footnotes,
    is_markdown,
    normalise,
    remove_furniture,
    strip_markdown,
)
from diffing.errors import EmptyDocumentError
from diffing.footnotes import mark_markers
from diffing.metadata import PART_LINE, TITLE_LINE, parse_date, read_front
from diffing.model import Footnote, Resolution
from diffing.structure import ASSEMBLY_LINE, build_paragraphs

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
    return Vocabulary("\n".join(line for line in lines if line != PAGE_BREAK))


def _one_paragraph_per_line(lines: list[str]) -> list[str]:
    """Text pasted with one paragraph per line and no blank lines: separate them."""
    text_lines = [line for line in lines if line.strip() and line != PAGE_BREAK]
    if not text_lines or len(text_lines) < 2 * sum(1 for line in lines if not line.strip()):
        return lines
    if sum(len(line) for line in text_lines) / len(text_lines) < 150:
        return lines
    out: list[str] = []
    for line in lines:
        out.append(line)
        if line.strip() and line != PAGE_BREAK:
            out.append(" ")
    return out


def _body_start(lines: list[str]) -> int | None:
    for i, line in enumerate(lines):
        if ASSEMBLY_LINE.fullmatch(line):
            return i
    return None


def parse(text: str, *, language: str | None = None) -> Resolution:
    """Parse one resolution (or draft) from its text.

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
    # Drop trailing blanks of lines but keep the difference between "" and " ".
    lines = [line if not line.strip() else line.rstrip() for line in text.split("\n")]
    lines = _one_paragraph_per_line(lines)
    notes: list[str] = []

    start = _body_start(lines)
    if start is None:
        # No "The General Assembly,": start after the title line if any.
        start = next((i + 1 for i, line in enumerate(lines[:80]) if TITLE_LINE.fullmatch(line)), 0)
        while 0 < start < len(lines) and lines[start].strip():
            start += 1  # the rest of the title
        notes.append("no 'The General Assembly,' line: the body starts after the front matter")
    front_lines = [line for line in lines[:start] if line != PAGE_BREAK]
    front = read_front(front_lines)
    # Only the body from here on: line ``start`` counts lines before anything is taken out.
    body = remove_furniture(lines, start=start, title=front.title or "")[start:]
    body, footnotes, pages = extract_footnotes(body, markdown=markdown)
    body = mark_markers(body, [f.marker for f in footnotes], pages)
    if body and ASSEMBLY_LINE.fullmatch(body[0]):
        body = body[1:]

    first_part: str | None = None
    for line in reversed(front_lines):
        if not line.strip():
            continue
        m = PART_LINE.fullmatch(line)
        if m:
            first_part = m.group(1)
            break
        if TITLE_LINE.fullmatch(line) or line.strip().startswith("["):
            break

    paragraphs, closings, more_notes = build_paragraphs(
        body,
        french=lang == "fr",
        vocabulary=_vocabulary(body),
        first_part=first_part,
    )
    notes.extend(more_notes)
    adopted = front.adopted
    if adopted is None and closings:
        adopted = parse_date(closings[0])
    if not paragraphs:
        notes.append("no paragraph found")
    elif not any(p.kind == "operative" for p in paragraphs):
        notes.append("no numbered operative paragraph found")
    return dataclasses.replace(
        front,
        paragraphs=paragraphs,
        language=lang,
        adopted=adopted,
        footnotes=_unique(footnotes),
        notes=[*notes, *front.notes],
    )


def _unique(notes: list[Footnote]) -> list[Footnote]:
    seen: set[str] = set()
    out: list[Footnote] = []
    for f in notes:
        if f.marker not in seen:
            seen.add(f.marker)
            out.append(f)
    return out
