"""How a lead is read on the verb ladder: its verb, rung, intensity and ordinal adverbs.

:func:`read` places the opening words of an operative paragraph on the ladder
of :mod:`diffing.ladder`; :func:`extract_lead` gives those words as printed.
:mod:`diffing.verbs` compares two readings.

>>> r = read("Also strongly urges all States to act")
>>> (r.verb, r.rung, r.intensity, r.ordinals)
('urges', 7, 1, ('also',))
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import islice

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

__all__ = ["Reading", "extract_lead", "read", "words"]

_WORD = re.compile(r"[\w’'-]+")
_NONSPACE = re.compile(r"\S+")
_MAX_PHRASE = 5
_MAX_START = 4  # the verb stands among the first five words
_EXPRESSES = frozenset(["expresses", "exprime"])  # take a noun with no "its"/"with"
_CARRIERS = 3  # verbs up to this rung may carry a noun ("Reiterates its request")


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


def words(text: str) -> list[str]:
    """The lowercase words of ``text``, typographic apostrophes straightened."""
    t = unicodedata.normalize("NFC", text).replace("\u2019", "'").lower()
    return _WORD.findall(t)


_Phrases = dict[str, tuple[tuple[str, ...], ...]]


def _by_first_word(phrases: Iterable[tuple[str, ...]]) -> _Phrases:
    """``phrases`` by their first word, in their order."""
    index: dict[str, list[tuple[str, ...]]] = {}
    for p in phrases:
        index.setdefault(p[0], []).append(p)
    return {w: tuple(ps) for w, ps in index.items()}


def _first_words(text: str, n: int) -> list[str]:
    """``words(text)[:n]``, without reading the words past them in a long text."""
    t = unicodedata.normalize("NFC", text).replace("\u2019", "'").lower()
    if len(t) > 8 * n:
        found = _WORD.findall(t, 0, 8 * n)
        if len(found) > n:  # only the last may be cut short
            return found[:n]
    return _WORD.findall(t)[:n]


def _phrase_at(words: list[str], i: int, phrases: _Phrases) -> int:
    """Length of the multi-word phrase of ``phrases`` starting at ``words[i]``, or 0."""
    for p in phrases.get(words[i], ()):
        if tuple(words[i : i + len(p)]) == p:
            return len(p)
    return 0


_ORDINAL_PHRASES = _by_first_word(ORDINAL_PHRASES)
_INTENSIFIER_PHRASES = _by_first_word(INTENSIFIER_PHRASES)
# The words :class:`_Words` marks, alone or first in a phrase; any other is a plain word.
_MARKED = frozenset([*_ORDINAL_PHRASES, *_INTENSIFIER_PHRASES, *ORDINALS, *INTENSIFIERS])


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
            if words[i] not in _MARKED:  # most words: plain ones
                self.kind.append("word")
                self.weight.append(0)
                self.unit.append(i)
                i += 1
                continue
            if n := _phrase_at(words, i, _ORDINAL_PHRASES):
                self._mark(i, n, "ordinal", 0)
            elif n := _phrase_at(words, i, _INTENSIFIER_PHRASES):
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
    w = _Words(_first_words(lead, 16))
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
