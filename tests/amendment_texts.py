"""TEMPORARY test helper: an amendment's text -> a ``Resolution`` with ``amends``,
``sponsors`` and ``instructions``.

Replace with ``diffing.parse`` once the parser reads amendments (issue 11,
branch ``parser``): every use of :func:`read_amendment` in the tests becomes
``diffing.parse(text)``. It only knows the page layout of the three real
amendments in ``../shared/corpus/unga-80-committee/`` and of the fixtures
written like them.
"""

from __future__ import annotations

import re

from diffing.model import Instruction, Resolution

_HEADER = re.compile(
    r"^(?P<sponsors>.+?):\*?\s+(?:amendment to draft (?:resolution|decision)|amendement au projet de "
    r"(?:résolution|décision))\s+(?P<draft>A/\S+)\s*$",
    re.MULTILINE,
)
_FURNITURE = re.compile(
    r"^\s*(?:A/\S+|\d{2}-\d{5}\s*(?:\(\w\))?.*|\*\d+\*|\d+/\d+|\*\s+Any changes.*|\*\s+Toute modification.*)\s*$"
)
_NUMBER = re.compile(r"^\s*(\d{1,2})\.\s*(.*)$")


def read_amendment(text: str) -> Resolution:
    """The amendment's symbol, sponsors, target and numbered instructions (lines kept)."""
    symbol = re.search(r"A/(?:C\.\d/)?\d+/L\.\d+", text)
    head = _HEADER.search(text)
    if head is None or symbol is None:
        raise ValueError("not an amendment")
    sponsors = [s.strip() for s in re.split(r",| and | et ", head.group("sponsors")) if s.strip()]
    body = text[head.end() :].split("\n")
    # the draft's title, repeated: up to the first blank line after some text
    k, seen = 0, False
    while k < len(body) and not (seen and not body[k].strip()):
        seen = seen or bool(body[k].strip())
        k += 1
    lines = [ln.rstrip() for ln in body[k:] if not _FURNITURE.fullmatch(ln)]
    instructions: list[Instruction] = []
    current: list[str] = []
    number: int | None = None
    for line in lines:
        m = _NUMBER.match(line)
        if m and int(m.group(1)) == (number or 0) + 1:
            if current and number is not None:
                instructions.append(Instruction(number, "\n".join(current).strip()))
            number, current = int(m.group(1)), [m.group(2)]
        else:
            current.append(line)
    text_left = "\n".join(current).strip()
    if text_left:
        instructions.append(Instruction(number, text_left))
    return Resolution(
        symbol=symbol.group(0),
        document_type="amendment",
        sponsors=sponsors,
        amends=head.group("draft"),
        instructions=instructions,
    )
