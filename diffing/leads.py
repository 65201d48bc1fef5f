"""The lead of a paragraph: its opening participle or verb phrase, as written.

Public function: :func:`lead_of`.

>>> lead_of("Recalling also the cooperation agreement of 1997")
'Recalling also'
>>> lead_of("Calls upon all States to cooperate")
'Calls upon'
>>> lead_of("Taking note with appreciation of the report")
'Taking note with appreciation'
>>> lead_of("Réaffirme également qu'il importe")
'Réaffirme également'
>>> lead_of("Se félicitant du rôle joué")
'Se félicitant'
"""

from __future__ import annotations

import re

__all__ = ["lead_of"]

_WORD = re.compile(r"[^\W\d_][\w'’\-]*")

# Words that may follow the main word and belong to the lead.
_AFTER = {
    "also", "further", "furthermore", "moreover", "again", "once", "strongly", "firmly",
    "fully", "deeply", "gravely", "seriously", "emphatically", "urgently", "most",
    "également", "aussi", "encore", "vivement", "fermement", "instamment", "énergiquement",
    "de", "nouveau", "en", "outre", "profondément", "résolument", "además", "asimismo",
    "también", "igualmente",
}  # fmt: skip
# Words between "We" and its verb: "We also commit", "We therefore decide".
_WE_AFTER = _AFTER | {"therefore", "hereby"}
# Adverbs that may open the lead before the main word.
_BEFORE = {
    "also", "further", "once", "again", "strongly", "deeply", "gravely", "seriously",
    "firmly", "fully", "emphatically", "urgently", "still", "equally",
    "profondément", "vivement", "fermement", "très", "se", "s'", "en", "también",
    "profundamente", "seriamente", "gravemente", "observando", "most",
}  # fmt: skip
# Verb phrases of more than one word: main word stem -> allowed continuations.
_PHRASES: dict[str, tuple[tuple[str, ...], ...]] = {
    "call": (("upon",), ("on",), ("for",)),
    "calls": (("upon",), ("on",), ("for",)),
    "calling": (("upon",), ("on",), ("for",)),
    "take": (("note",), ("into", "account"), ("note", "with")),
    "takes": (("note",), ("into", "account"), ("note", "with")),
    "taking": (("note",), ("into", "account"), ("note", "with")),
    "bearing": (("in", "mind"),),
    "bears": (("in", "mind"),),
    "prend": (("note",), ("acte",)),
    "prenant": (("note",), ("acte",), ("en", "considération"), ("en", "compte")),
    "tenant": (("compte",),),
    "ayant": (("à", "l'esprit"), ("présent", "à", "l'esprit")),
    "toma": (("nota",),),
    "tomando": (("nota",), ("en", "consideración")),
    "teniendo": (("presente",), ("en", "cuenta")),
}
_NOT_LEADS = {
    "the", "a", "an", "in", "on", "at", "for", "with", "this", "that", "these", "those",
    "its", "their", "all", "any", "each", "every", "by", "from", "as", "of", "to", "and",
    "le", "la", "les", "l'", "un", "une", "des", "du", "de", "dans", "en", "par", "pour",
    "el", "los", "las", "una", "uno", "por", "para", "con",
}  # fmt: skip
_WITH = {"with", "avec", "con"}
_WITH_OBJECTS = {
    "concern", "appreciation", "satisfaction", "interest", "alarm", "regret", "deep",
    "grave", "serious", "great", "profound", "particular", "inquiétude",
    "préoccupation", "intérêt", "gratitude", "preocupación", "profunda",
    "reconocimiento", "satisfacción", "beaucoup", "vive", "une", "profonde", "grande",
    "dismay", "sadness",
}  # fmt: skip
_WITH_END = {
    "concern", "appreciation", "satisfaction", "interest", "alarm", "regret", "dismay",
    "sadness", "gratitude", "inquiétude", "préoccupation", "intérêt", "preocupación",
    "reconocimiento", "satisfacción",
}  # fmt: skip


def lead_of(text: str) -> str:
    """The opening participle or verb phrase of ``text`` ("" when it has none)."""
    if len(text) > _WINDOW:
        # The lead is read from the words of the first 120 characters, but it is short:
        # the words of the first few dozen are read first, and they suffice when the
        # reading stopped well before their end (the last of them may be cut).
        words = _WORD.findall(text, 0, _WINDOW)[:-1]
        lead, last = _lead(text, words)
        if last + _LOOKAHEAD < len(words):
            return lead
    return _lead(text, _WORD.findall(text, 0, 120))[0]


_WINDOW = 64
# How far past the lead's last word the reading may look (_adverbs_end, _with_end).
_LOOKAHEAD = 5


def _lead(text: str, words: list[str]) -> tuple[str, int]:
    """The lead of ``text`` read from ``words``, and the index of the last word the
    reading depends on, past which it never looked but a few words (:data:`_LOOKAHEAD`)."""
    if not words or not words[0][:1].isupper() or words[0].lower() in _NOT_LEADS:
        return "", 0
    # The words must start the text (nothing but spaces before). A word starts with a
    # letter and none stands before the first one: it is the first occurrence.
    start = text.find(words[0])
    if text[:start].strip():
        return "", 0
    i = 0
    while i < len(words) - 1 and words[i].lower() in _BEFORE and i < 3:
        i += 1
    main = words[i].lower()
    if main in {"we", "nous"}:
        return _we_lead(text, words, start, i + 1)
    end = _phrase_end(words, i + 1)
    end = _adverbs_end(words, end)
    # The lead must be contiguous text: no punctuation between its words.
    lead = text[start : _end_of(text, words, start, end)]
    if _PUNCT.search(lead):
        return _PUNCT.split(lead, maxsplit=1)[0].strip(), max(i, end)
    return " ".join(lead.split()), max(i, end)


_PUNCT = re.compile(r"[,;:.()]")


def _end_of(text: str, words: list[str], start: int, n: int) -> int:
    """Where the ``n``-th of ``words`` ends in ``text``, the first one found at ``start``.

    ``words`` are the matches of :data:`_WORD` in order: between two of them stands
    no letter, so each is the first occurrence of its text after the one before.
    """
    end = start + len(words[0])
    for w in words[1:n]:
        end = text.find(w, end) + len(w)
    return end


def _we_lead(text: str, words: list[str], start: int, end: int) -> tuple[str, int]:
    """Declarations: "We reaffirm", "We also commit", "Nous réaffirmons"."""
    k = end
    after_we = start + len(words[0])
    while k < len(words) - 1 and words[k].lower() in _WE_AFTER:
        k += 1
    if k < len(words) and words[k].islower() and text[after_we : after_we + 1] == " ":
        end = k + 1
    return " ".join(text[start : _end_of(text, words, start, end)].split()), max(k, end)


def _phrase_end(words: list[str], end: int) -> int:
    """After the main word ``words[end - 1]``: the rest of its verb phrase ("Calls upon")."""
    main = words[end - 1].lower()
    if main in {"having", "ayant", "habiendo"} and end < len(words) - 1:
        # "Having considered", "Ayant examiné": the participle belongs to the lead.
        end += 1
    # "Se félicitant" / "S'inquiétant" style reflexives are covered by _BEFORE.
    for phrase in _PHRASES.get(main, ()):
        if [w.lower() for w in words[end : end + len(phrase)]] == list(phrase):
            return end + len(phrase)
    return end


def _with_end(words: list[str], end: int) -> int | None:
    """A phrase "with deep concern" at ``words[end]``: the index after it, or None."""
    if not (end + 1 < len(words) and words[end + 1].lower() in _WITH_OBJECTS):
        return None
    k = end + 1
    while k < len(words) and k - end <= 3 and words[k].lower() in _WITH_OBJECTS:
        k += 1
    return k if words[k - 1].lower() in _WITH_END else None


def _adverb_end(words: list[str], end: int) -> int | None:
    """An adverb of :data:`_AFTER` at ``words[end]`` that belongs to the lead: the index
    after it, or None."""
    w = words[end].lower()
    nxt = words[end + 1].lower() if end + 1 < len(words) else ""
    if w == "most":
        return None
    if w in {"de", "en"}:
        # "de nouveau", "en outre": two-word adverbs only.
        return end + 2 if nxt in {"nouveau", "outre"} else None
    if w == "once" and nxt != "again":
        return None
    return end + 1


def _adverbs_end(words: list[str], end: int) -> int:
    """Past the adverbs and "with ..." phrases that follow the verb ("Urges strongly")."""
    while end < len(words):
        w = words[end].lower()
        if w in _WITH:
            after = _with_end(words, end)
        elif w in _AFTER:
            after = _adverb_end(words, end)
        else:
            return end
        if after is None:
            return end
        end = after
    return end
