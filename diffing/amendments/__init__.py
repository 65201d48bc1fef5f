"""Amendments applied to a draft: the draft as tabled against the draft as amended.

:func:`apply_amendments` (also ``diffing.apply_amendments``) reads each
instruction of each amendment (:mod:`.reader`, English and French), applies
it to the draft's paragraphs against the draft-as-tabled numbering
(:mod:`.apply`, :mod:`.draft`, :mod:`.text`), numbers the amended text as it
would be printed, and returns a :class:`~diffing.model.Comparison` whose
changes carry the instructions that made them and whose ``amendments`` say
what became of every instruction.

Modules: :mod:`.quotes` (quotations, matching), :mod:`.places` (paragraph
references), :mod:`.reader` and :mod:`.actions` (what an instruction asks),
:mod:`.blocks` (new paragraphs' text), :mod:`.text` (a paragraph's edits),
:mod:`.draft` (paragraphs, renumbering), :mod:`.apply` (the whole).
Ordinals and numbers in words ("the forty-first preambular paragraph",
"insert two new paragraphs") are read with :mod:`diffing.lexicon`.
"""

from diffing.amendments.apply import apply_amendments
from diffing.amendments.reader import NotUnderstood, read_instruction

__all__ = ["NotUnderstood", "apply_amendments", "read_instruction"]
