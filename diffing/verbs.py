"""Verb verdicts: how an operative paragraph's lead changed on the strength ladder.

An operative paragraph opens with a verb phrase, its *lead*: "Urges", "Also
emphasizes", "Expresses deep concern", "Reiterates its request", "Prie
instamment". :mod:`diffing.reading` places a lead on the ladder of
:mod:`diffing.ladder` (rung 1 "takes note" to rung 8 "decides") with an
*intensity* (the weight of "strongly", "deep", "grave"...); :func:`verb_change`
compares two leads and explains its verdict (``read`` and ``extract_lead`` are
re-exported here).

* A change that only adds, removes or swaps an ordinal adverb ("also",
  "further", "once again", "in this regard", "également") or a possessive
  ("Expresses concern" -> "Expresses its concern") is ``same`` and *minor*:
  the human reports hide it, the JSON keeps it with ``"minor": true``.
* Otherwise the rung decides, then the intensity: "Condemns" -> "Strongly
  condemns" is stronger, "Expresses deep concern" -> "Expresses its concern"
  weaker, "Strongly encourages" -> "Calls upon" stronger (rung 5 -> rung 6).
* A restating verb carries the rung of what it restates: "Requests" ->
  "Reiterates its request" is ``same`` (rung 6), "Decides" -> "Recalls its
  decision" too.
* The verdict judges the opening verb, but a verb that only moved is not a
  change of strength: "Urges States to contribute" -> "Notes with concern
  that ..., and urges States to contribute" is ``same``, for the new
  paragraph still urges them (and the reverse: the new opening verb already
  followed in the old paragraph, bearing on the same words).
* A lead off the ladder gives no verb change (``None``): resdiff does not guess.

>>> verb_change("Urges", "Encourages").reason
'Urges -> Encourages: weaker, rung 7 -> rung 5'
>>> verb_change("Also recognizes", "Recognizes").minor
True
>>> verb_change("Expresses deep concern", "Expresses its concern").direction
'weaker'
>>> verb_change("Prie instamment", "Engage").direction
'weaker'
>>> read("Strongly urges").rung, read("Strongly urges").intensity
(7, 1)
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from typing import Literal

from diffing.ladder import VERBS
from diffing.model import VerbChange
from diffing.reading import Reading, extract_lead, read, words

__all__ = ["Reading", "extract_lead", "read", "verb_change"]

# where a further operative clause may start: ", and urges", "; requests", ", demande",
# "Welcomes and calls upon"
_CLAUSE = re.compile(r"[,;]\s+(?:and\s+|et\s+)?|\s(?:and|et)\s+")
# "..., requests for assistance": a noun, not the verb
_NOT_A_VERB_BEFORE = frozenset(["for", "of", "from", "by", "made", "received", "submitted"])
# what a verb bears on: the first content words after it
_OBJECT = 6
_FUNCTION_WORDS = frozenset(
    re.findall(
        r"\S+",
        """the of a an to and in that this its their his her for on with by all is are be
        as at from or which regard also further other le la les l de des du d à et en que
        qui sur pour par au aux un une son sa ses leur leurs""",
    )
)


def _clauses(text: str) -> list[tuple[Reading, list[str]]]:
    """The operative verbs of a paragraph's further clauses (after its lead),
    each with the words that follow it.

    Only a verb in its third-person form right after a comma or semicolon
    (", and urges", "; requests") counts: not a list of infinitives
    (", support the recovery") nor a noun (", requests for assistance").

    >>> [r.verb for r, _ in _clauses("Notes with concern that the Fund is depleted, "
    ...                              "and urges States to contribute, including by ...")]
    ['urges']
    """
    out = []
    for m in _CLAUSE.finditer(text):
        r = read(text[m.end() : m.end() + 160])
        if r is None or r.verb.split()[0] == r.form.split()[0] + "s":  # "to support, urge"
            continue
        after = words(text[m.end() : m.end() + 400])[r.span :]
        if not set(after[:1]) & _NOT_A_VERB_BEFORE:
            out.append((r, _content(after)))
    return out


def _content(words: list[str]) -> list[str]:
    return [w for w in words if w not in _FUNCTION_WORDS][:_OBJECT]


def _survives(lead: Reading, text: str, other_text: str) -> Reading | None:
    """A further clause of ``other_text`` as strong as the lead of ``text`` and
    bearing on the same thing (its next words alike): the verb only moved.

    "Urges States to contribute" -> "Notes with concern ..., and urges States to
    contribute"; "..., appeals to all States Parties in arrears to pay" ->
    "Encourages remaining States Parties in arrears to pay".
    """
    opening = read(text[:200])
    if opening is None or opening.verb != lead.verb:
        return None
    bears_on = _content(words(text[:400])[opening.span :])
    for r, after in _clauses(other_text):
        if (r.rung, r.intensity) < (lead.rung, lead.intensity):
            continue
        if SequenceMatcher(None, bears_on, after, autojunk=False).ratio() >= 0.5:
            return r
    return None


Direction = Literal["weaker", "stronger", "same"]


def _reason(old: str, new: str, a: Reading, b: Reading, direction: Direction) -> str:
    head = f"{old} -> {new}: {direction}"
    if a.core == b.core:
        moved = sorted(set(a.ordinals) ^ set(b.ordinals))
        if moved:
            words = ", ".join(f"'{x}'" for x in moved)
            return f"{head}, only the ordinal adverb changed ({words})"
        return f"{head}, the same verb, only its form or a possessive changed"
    if a.rung != b.rung:
        bits = [f"{head}, rung {a.rung} -> rung {b.rung}"]
    else:
        bits = [f"{head}, rung {a.rung}"]
        if a.intensity != b.intensity:
            gone = [f"'{x}' dropped" for x in a.boosts if x not in b.boosts]
            added = [f"'{x}' added" for x in b.boosts if x not in a.boosts]
            detail = f" ({', '.join(gone + added)})" if gone or added else ""
            bits.append(f"intensity {a.intensity} -> {b.intensity}{detail}")
    for lead, r, other in ((old, a, b), (new, b, a)):
        if r.noun is not None and r.rung > VERBS[r.verb][0] and r.noun != other.noun:
            bits.append(f"'{lead}' takes the rung of '{r.noun}'")
    return ", ".join(bits)


def verb_change(
    old_lead: str, new_lead: str, *, old_text: str = "", new_text: str = ""
) -> VerbChange | None:
    """The verb change between two leads, or None if equal or off the ladder.

    ``old_text`` and ``new_text``, the whole paragraphs, let a verb that moved
    to a later clause count as kept (see the module's docstring).

    >>> verb_change("Notes", "Recalls").direction
    'same'
    >>> verb_change("Condemns", "Strongly condemns").reason
    "Condemns -> Strongly condemns: stronger, rung 6, intensity 0 -> 1 ('strongly' added)"
    >>> verb_change("Urges", "Notes with concern", old_text="Urges States to contribute",
    ...             new_text="Notes with concern that the Fund is depleted, and urges "
    ...             "States to contribute").reason
    "Urges -> Notes with concern: same, 'urges' still follows in the new paragraph (rung 7)"
    """
    if words(old_lead) == words(new_lead):
        return None
    a, b = read(old_lead), read(new_lead)
    if a is None or b is None:
        return None
    minor = a.core == b.core
    direction: Direction = "same"
    if not minor and (a.rung, a.intensity) != (b.rung, b.intensity):
        direction = "stronger" if (b.rung, b.intensity) > (a.rung, a.intensity) else "weaker"
    reason = _reason(old_lead, new_lead, a, b, direction)
    if direction == "weaker" and (kept := _survives(a, old_text, new_text)):
        direction = "same"
        reason = f"{old_lead} -> {new_lead}: same, '{kept.form}' still follows in the new paragraph (rung {a.rung})"
    elif direction == "stronger" and (kept := _survives(b, new_text, old_text)):
        direction = "same"
        reason = f"{old_lead} -> {new_lead}: same, '{kept.form}' already followed in the old paragraph (rung {b.rung})"
    return VerbChange(
        old_lead,
        new_lead,
        direction,
        minor=minor,
        reason=reason,
        old_rung=a.rung,
        new_rung=b.rung,
        old_intensity=a.intensity,
        new_intensity=b.intensity,
    )
