"""Verb verdicts: how an operative paragraph's lead changed on the strength ladder.

An operative paragraph opens with a verb phrase, its *lead*: "Urges", "Also
emphasizes", "Expresses deep concern", "Reiterates its request", "Prie
instamment". :func:`read` places a lead on the ladder of
:mod:`diffing.ladder` (rung 1 "takes note" to rung 8 "decides") with an
*intensity* (the weight of "strongly", "deep", "grave"...); :func:`verb_change`
compares two leads and explains its verdict.

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
import unicodedata
from dataclasses import dataclass
from difflib import SequenceMatcher
from itertools import islice
from typing import Literal

from diffing.ladder import (
    INTENSIFIER_PHRASES,
    INTENSIFIERS,
    LINKS,
    NEUTRAL_ADJECTIVES,
    NOUNS,
    ORDINAL_PHRASES,
    ORDINALS,
    VERBS,
)
from diffing.model import VerbChange

__all__ = ["Reading", "extract_lead", "read", "verb_change"]

_WORD = re.compile(r"[\w’'-]+")
_NONSPACE = re.compile(r"\S+")
_MAX_PHRASE = 5
_MAX_START = 4  # the verb stands among the first five words
_EXPRESSES = frozenset(["expresses", "exprime"])  # take a noun with no "its"/"with"
_CARRIERS = 3  # verbs up to this rung may carry a noun ("Reiterates its request")
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


@dataclass(frozen=True)
class Reading:
    """Where one lead stands on the ladder.

    ``verb``: the canonical verb phrase ("calls upon"); ``noun``: the canonical
    noun it carries ("request" in "Reiterates its request"), or None;
    ``rung``: 1 to 8; ``intensity``: the sum of the intensifiers' weights;
    ``boosts``: those intensifiers as written, lowercase; ``ordinals``: the
    ordinal adverbs; ``span``: how many words of the text the lead covers;
    ``form``: the verb as the ladder lists it ("recognises", "calls on").
    """

    verb: str
    noun: str | None
    rung: int
    intensity: int
    boosts: tuple[str, ...]
    ordinals: tuple[str, ...]
    span: int
    form: str = ""

    @property
    def core(self) -> tuple[str, str | None, tuple[str, ...]]:
        """What a lead says once its ordinal adverbs and possessives are set aside."""
        return self.verb, self.noun, tuple(sorted(self.boosts))


def _words(text: str) -> list[str]:
    t = unicodedata.normalize("NFC", text).replace("\u2019", "'").lower()
    return _WORD.findall(t)


def _phrase_at(words: list[str], i: int, phrases: dict[tuple[str, ...], int]) -> int:
    """Length of the multi-word phrase of ``phrases`` starting at ``words[i]``, or 0."""
    for p in phrases:
        if tuple(words[i : i + len(p)]) == p:
            return len(p)
    return 0


_ORDINAL_PHRASES = dict.fromkeys(ORDINAL_PHRASES, 0)


class _Words:
    """The words of a lead, each marked ordinal, intensifier (with its weight) or plain.

    A multi-word adverb ("once again", "in the strongest terms") is one unit:
    ``unit[i]`` is the index of the first word of the unit word ``i`` belongs to.
    """

    def __init__(self, words: list[str]) -> None:
        self.words = words
        self.kind: list[str] = []  # "ordinal" | "boost" | "word"
        self.weight: list[int] = []
        self.unit: list[int] = []
        i = 0
        while i < len(words):
            if n := _phrase_at(words, i, _ORDINAL_PHRASES):
                self._mark(i, n, "ordinal", 0)
            elif n := _phrase_at(words, i, INTENSIFIER_PHRASES):
                self._mark(i, n, "boost", INTENSIFIER_PHRASES[tuple(words[i : i + n])])
            elif words[i] in ORDINALS:
                self._mark(i, 1, "ordinal", 0)
            elif words[i] in INTENSIFIERS:
                self._mark(i, 1, "boost", INTENSIFIERS[words[i]])
            else:
                self._mark(i, 1, "word", 0)
            i = len(self.kind)

    def _mark(self, i: int, n: int, kind: str, weight: int) -> None:
        # a phrase's weight counts once, on its first word
        self.kind += [kind] * n
        self.weight += [weight] + [0] * (n - 1)
        self.unit += [i] * n

    def text(self, i: int) -> str:
        """The whole unit starting at word ``i`` ("once again")."""
        return " ".join(w for w, u in zip(self.words, self.unit, strict=True) if u == i)

    def verb(self, start: int) -> tuple[str, list[int]] | None:
        """The longest ladder verb starting at ``start``: (phrase, indices of its words).

        Ordinal adverbs inside the phrase are skipped ("Calls once again
        upon"); intensifiers too, unless the phrase holds them ("Prie
        instamment" is its own verb, "Remains deeply concerned" is "remains
        concerned", deeply).
        """
        best: tuple[str, list[int]] | None = None
        for skip in (("ordinal",), ("ordinal", "boost")):
            idx = [j for j in range(start, len(self.words)) if self.kind[j] not in skip]
            for n in range(min(_MAX_PHRASE, len(idx)), 0, -1):
                phrase = " ".join(self.words[j] for j in idx[:n])
                if phrase in VERBS:
                    if best is None or idx[n - 1] > best[1][-1]:
                        best = (phrase, idx[:n])
                    break
        return best

    def noun(self, i: int, verb: str) -> tuple[str, int, bool] | None:
        """A noun the verb carries from ``i`` on: (noun, index after it, linked by "with")."""
        while i < len(self.words) and self.kind[i] != "word":
            i += 1
        link = self.words[i] if i < len(self.words) and self.words[i] in LINKS else None
        if link is None and verb not in _EXPRESSES:
            return None
        j = i + (link is not None)
        while j < len(self.words) and (
            self.kind[j] == "boost" or self.words[j] in NEUTRAL_ADJECTIVES
        ):
            j += 1
        if j < len(self.words) and self.words[j] in NOUNS:
            return self.words[j], j + 1, link in ("with", "avec")
        return None

    def units(self, kind: str, end: int, taken: list[int]) -> tuple[str, ...]:
        """The ``kind`` units among the first ``end`` words, less the verb's own words."""
        return tuple(
            self.text(j)
            for j in range(end)
            if self.kind[j] == kind and self.unit[j] == j and j not in taken
        )


def read(lead: str) -> Reading | None:
    """Place a lead (or the start of a paragraph) on the ladder, or None.

    >>> r = read("Also expresses its deep concern at the situation")
    >>> (r.verb, r.noun, r.rung, r.intensity, r.ordinals)
    ('expresses', 'concern', 4, 1, ('also',))
    >>> read("Reiterates its request to the Secretary-General").rung
    6
    >>> read("Recalling its resolution 51/1") is None
    True
    """
    w = _Words(_words(lead)[:16])
    start = 0
    while start < len(w.words) and w.kind[start] != "word":
        start += 1
    if start > _MAX_START or start >= len(w.words):
        return None
    found = w.verb(start)
    if found is None:
        return None
    phrase, taken = found
    end = taken[-1] + 1
    rung, verb = VERBS[phrase]
    noun = None
    with_bonus = 0
    if rung <= _CARRIERS and (carried := w.noun(end, verb)) is not None:
        word, end, linked_with = carried
        noun_rung, noun = NOUNS[word]
        # "Welcomes with appreciation": a "with" that adds nothing to the rung warms it
        with_bonus = int(linked_with and noun_rung <= rung)
        rung = max(rung, noun_rung)
    while end < len(w.words) and w.kind[end] == "boost":  # "Urges strongly"
        end = w.unit.index(w.unit[end]) + w.unit.count(w.unit[end])
    after = end
    while after < len(w.words) and w.kind[after] == "ordinal":  # "Encourages further"
        after += 1
    boosts = w.units("boost", end, taken) + ((f"with {noun}",) if with_bonus else ())
    return Reading(
        verb=verb,
        noun=noun,
        rung=rung,
        intensity=sum(w.weight[j] for j in range(end) if j not in taken) + with_bonus,
        boosts=boosts,
        ordinals=w.units("ordinal", after, taken),
        span=end,
        form=phrase,
    )


def extract_lead(text: str) -> str:
    """The opening verb phrase of an operative paragraph, or "" if none is known.

    >>> extract_lead("Strongly urges all States to act;")
    'Strongly urges'
    >>> extract_lead("Reiterates its request to the Secretary-General")
    'Reiterates its request'
    """
    r = read(text[:200])
    if r is None:
        return ""
    m = list(islice(_NONSPACE.finditer(text), r.span))  # only the words the lead spans
    if len(m) < r.span:
        return ""
    return text[: m[-1].end()].rstrip(",;:")


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
        after = _words(text[m.end() : m.end() + 400])[r.span :]
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
    bears_on = _content(_words(text[:400])[opening.span :])
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
    if _words(old_lead) == _words(new_lead):
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
