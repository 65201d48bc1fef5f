"""resdiff's words about a comparison, in the language of a report's chrome.

The names of change types, verdicts and tags, the kinds of documents and the
Main Committees, and the verb verdict's reason. The engine says its verdicts in
English (``"Urges -> Encourages: weaker, rung 7 -> rung 5"``, kept as is in
the JSON); :func:`verdict` says the same in the report's language, piece by
piece, from messages of the catalog:

>>> from service.i18n import Chrome
>>> from diffing.verbs import verb_change
>>> vc = verb_change("Urges", "Encourages")
>>> verdict(vc, Chrome.of("en"))
'Urges → Encourages: weaker, rung 7 → rung 5'
>>> verdict(vc, Chrome.of("fr"))
'Urges → Encourages : plus faible, échelon 7 → échelon 5'
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from diffing.model import Resolution, Submitter, VerbChange
from service.i18n import Chrome

__all__ = [
    "NN_",
    "N_",
    "Words",
    "committee",
    "direction_name",
    "document_type",
    "kind_count",
    "kind_name",
    "named",
    "renewal_reason",
    "tag_name",
    "verdict",
]


def N_(message: str) -> str:
    """Mark a message for the catalog; it is translated where it is shown."""
    return message


def NN_(singular: str, plural: str) -> tuple[str, str]:
    """Mark a message with a plural for the catalog (``ngettext`` where it is shown)."""
    return singular, plural


#: what a change list calls each kind of change, singular
_KINDS = {
    "added": N_("added"),
    "removed": N_("removed"),
    "reworded": N_("reworded"),
    "moved": N_("moved"),
    "split": N_("split"),
    "merged": N_("merged"),
    "unchanged": N_("unchanged"),
    "routine": N_("routine update"),
    "part-change": N_("part changed"),
}
_COUNTS = {
    "added": NN_("%(num)d added", "%(num)d added"),
    "removed": NN_("%(num)d removed", "%(num)d removed"),
    "reworded": NN_("%(num)d reworded", "%(num)d reworded"),
    "moved": NN_("%(num)d moved", "%(num)d moved"),
    "split": NN_("%(num)d split", "%(num)d split"),
    "merged": NN_("%(num)d merged", "%(num)d merged"),
    "unchanged": NN_("%(num)d unchanged", "%(num)d unchanged"),
    "routine": NN_("%(num)d routine update", "%(num)d routine updates"),
    "part-change": NN_("%(num)d part changed", "%(num)d parts changed"),
}
_TAGS = {
    "rollover": N_("rollover"),
    "footnotes": N_("footnotes"),
    "part-change": N_("part change"),
}
_DIRECTIONS = {"weaker": N_("weaker"), "stronger": N_("stronger"), "same": N_("same")}
_DOCUMENT_TYPES = {
    "resolution": N_("resolution"),
    "decision": N_("decision"),
    "draft resolution": N_("draft resolution"),
    "revised draft resolution": N_("revised draft resolution"),
    "draft decision": N_("draft decision"),
    "amendment": N_("amendment"),
}
_COMMITTEES = {
    "First Committee": N_("First Committee"),
    "Second Committee": N_("Second Committee"),
    "Third Committee": N_("Third Committee"),
    "Fourth Committee": N_("Fourth Committee"),
    "Fifth Committee": N_("Fifth Committee"),
    "Sixth Committee": N_("Sixth Committee"),
}


def named(table: Mapping[str, str], value: str | None, chrome: Chrome) -> str:
    """``value`` in the chrome's words if ``table`` (its marked messages) knows it, else
    as given: a name a later engine or parser may add is shown as they say it."""
    known = table.get(value) if value else None
    return chrome.gettext(known) if known else value or ""


def kind_name(kind: str, chrome: Chrome) -> str:
    """``reworded`` -> "reworded", "modifié"..."""
    return named(_KINDS, kind, chrome)


def kind_count(kind: str, n: int, chrome: Chrome) -> str:
    """ "3 reworded", "1 routine update", "3 modifiés"..."""
    singular, plural = _COUNTS.get(kind, ("%(num)d " + kind, "%(num)d " + kind))
    return chrome.ngettext(singular, plural, n)


def tag_name(tag: str, chrome: Chrome) -> str:
    return named(_TAGS, tag, chrome)


def direction_name(direction: str, chrome: Chrome) -> str:
    """``weaker`` -> "weaker", "plus faible"..."""
    return named(_DIRECTIONS, direction, chrome)


def document_type(value: str | None, chrome: Chrome) -> str:
    """A kind of document as the parser names it, in the chrome's words."""
    return named(_DOCUMENT_TYPES, value, chrome)


def committee(value: str | None, chrome: Chrome) -> str:
    return named(_COMMITTEES, value, chrome)


# -- the verdict's reason -------------------------------------------------------------

#: the pieces of the engine's reasons (diffing/verbs.py), and what each says
_PIECES: list[tuple[re.Pattern[str], str]] = [
    (
        re.compile(r"only the ordinal adverb changed \((?P<words>.*)\)"),
        N_("only the ordinal adverb changed (%(words)s)"),
    ),
    (
        re.compile(r"the same verb, only its form or a possessive changed"),
        N_("the same verb, only its form or a possessive changed"),
    ),
    (re.compile(r"rung (?P<a>\d+) -> rung (?P<b>\d+)"), N_("rung %(a)s → rung %(b)s")),
    (re.compile(r"rung (?P<a>\d+)"), N_("rung %(a)s")),
    (
        re.compile(r"intensity (?P<a>\d+) -> (?P<b>\d+) \((?P<detail>[^)]*)\)"),
        N_("intensity %(a)s → %(b)s (%(detail)s)"),
    ),
    (re.compile(r"intensity (?P<a>\d+) -> (?P<b>\d+)"), N_("intensity %(a)s → %(b)s")),
    (
        re.compile(r"'(?P<lead>[^']+)' takes the rung of '(?P<noun>[^']+)'"),
        N_("'%(lead)s' takes the rung of '%(noun)s'"),
    ),
    (
        re.compile(r"'(?P<verb>[^']+)' still follows in the new paragraph \(rung (?P<a>\d+)\)"),
        N_("'%(verb)s' still follows in the new paragraph (rung %(a)s)"),
    ),
    (
        re.compile(r"'(?P<verb>[^']+)' already followed in the old paragraph \(rung (?P<a>\d+)\)"),
        N_("'%(verb)s' already followed in the old paragraph (rung %(a)s)"),
    ),
]
_BOOST = re.compile(r"'(?P<word>[^']+)' (?P<how>dropped|added)")


def _detail(text: str, chrome: Chrome) -> str:
    """ "'deep' dropped, 'grave' added" in the chrome's words."""
    out = []
    for m in _BOOST.finditer(text):
        msg = N_("'%(word)s' dropped") if m["how"] == "dropped" else N_("'%(word)s' added")
        out.append(chrome.gettext(msg, word=m["word"]))
    return ", ".join(out) or text


def _pieces(tail: str, chrome: Chrome) -> list[str]:
    out = []
    while tail:
        tail = tail.removeprefix(", ")
        for pattern, message in _PIECES:
            m = pattern.match(tail)
            if m:
                values = m.groupdict()
                if "detail" in values:
                    values["detail"] = _detail(values["detail"], chrome)
                out.append(chrome.gettext(message, **values))
                tail = tail[m.end() :]
                break
        else:  # a piece this version does not know: as the engine says it
            out.append(tail)
            break
    return out


def verdict(vc: VerbChange, chrome: Chrome) -> str:
    """The verb change and why, in the chrome's words: "Urges → Encourages: weaker,
    rung 7 → rung 5"."""
    head = f"{vc.old} -> {vc.new}: {vc.direction}"
    tail = vc.reason[len(head) :] if vc.reason.startswith(head) else ""
    pieces = [direction_name(vc.direction, chrome), *_pieces(tail, chrome)]
    return chrome.gettext(
        "%(old)s → %(new)s: %(why)s", old=vc.old, new=vc.new, why=", ".join(pieces)
    )


#: the pieces of a renewal edit's reason, as :mod:`diffing.renewal` says them
_RECALL = re.compile(
    r"recalls (?P<symbol>\S+?)(?: of (?P<date>\d{4}-\d{2}-\d{2}))?"
    r"(?: instead of (?P<other>\S+?))?(?P<unsure> \(date\?\))?$"
)
_MOVE = re.compile(r"(?P<what>.*?)(?P<old>[\d-]+) -> (?P<new>[\d-]+)$")
_MOVED = {
    "session ": N_("session %(old)s → %(new)s"),
    "year ": N_("year %(old)s → %(new)s"),
    "period ": N_("period %(old)s → %(new)s"),
    "biennium ": N_("biennium %(old)s → %(new)s"),
}


def _reason_piece(piece: str, chrome: Chrome) -> str:
    m = _RECALL.match(piece)
    if m:
        said = (
            chrome.gettext(
                "recalls %(symbol)s of %(date)s", symbol=m["symbol"], date=chrome.date(m["date"])
            )
            if m["date"]
            else chrome.gettext("recalls %(symbol)s", symbol=m["symbol"])
        )
        if m["other"]:
            said = chrome.gettext("%(reason)s instead of %(other)s", reason=said, other=m["other"])
        return said + (chrome.gettext(" (date?)") if m["unsure"] else "")
    m = _MOVE.match(piece)
    if m and m["what"] in _MOVED:
        return chrome.gettext(_MOVED[m["what"]], old=m["old"], new=m["new"])
    return piece  # another body's session or a piece this version does not know: as said


def renewal_reason(reason: str, chrome: Chrome) -> str:
    """Why a routine renewal edit was made, in the chrome's words; English keeps the
    engine's own words (as the JSON does).

    >>> from service.i18n import Chrome
    >>> renewal_reason("recalls 75/10 of 2020-11-23; session 77 -> 79", Chrome.of("fr"))
    'rappel de la résolution 75/10 du 23 novembre 2020 ; session 77 → 79'
    >>> renewal_reason("session 77 -> 79", Chrome.of("en"))
    'session 77 -> 79'
    """
    if chrome.lang == "en":
        return reason
    said = [_reason_piece(p, chrome) for p in reason.split("; ")]
    return functools.reduce(lambda a, b: chrome.gettext("%(a)s; %(b)s", a=a, b=b), said)


def names(values: Sequence[str], chrome: Chrome, most: int = 12) -> str:
    """A list of names, the first ``most`` of them and how many more."""
    if len(values) <= most:
        return ", ".join(values)
    rest = len(values) - most
    return chrome.ngettext(
        "%(names)s and %(num)d other",
        "%(names)s and %(num)d others",
        rest,
        names=", ".join(values[:most]),
    )


def submitter(s: Submitter) -> str:
    """ "Vice-Chair of the Committee, Ms. X (Country)", as printed."""
    who = ", ".join(x for x in (s.role, s.name) if x)
    return f"{who} ({s.country})" if s.country else who


def doc_more(r: Resolution, chrome: Chrome) -> list[str]:
    """What a report header says of a document besides its symbol, type, date and title:
    its sponsors or submitter, what it is based on, its drafts."""
    out = []
    if r.sponsors:
        out.append(chrome.gettext("Sponsors: %(names)s", names=names(r.sponsors, chrome)))
    if r.submitted_by:
        out.append(chrome.gettext("Submitted by: %(who)s", who=submitter(r.submitted_by)))
    if r.based_on:
        out.append(chrome.gettext("Based on: %(symbols)s", symbols=", ".join(r.based_on)))
    if r.drafts:
        out.append(
            chrome.ngettext(
                "Draft: %(symbols)s",
                "Drafts: %(symbols)s",
                len(r.drafts),
                symbols=", ".join(r.drafts),
            )
        )
    return out


@dataclass(frozen=True)
class Words:
    """The functions of this module bound to one chrome, for the templates (``w.kind(...)``)."""

    chrome: Chrome

    def kind(self, kind: str) -> str:
        return kind_name(kind, self.chrome)

    def count(self, kind: str, n: int) -> str:
        return kind_count(kind, n, self.chrome)

    def tag(self, tag: str) -> str:
        return tag_name(tag, self.chrome)

    def direction(self, value: str) -> str:
        return direction_name(value, self.chrome)

    def doctype(self, value: str | None) -> str:
        return document_type(value, self.chrome)

    def committee(self, value: str | None) -> str:
        return committee(value, self.chrome)

    def verdict(self, vc: VerbChange) -> str:
        return verdict(vc, self.chrome)

    def doc_more(self, r: Resolution) -> list[str]:
        return doc_more(r, self.chrome)

    def section(self, name: str) -> str:
        return named(_SECTIONS, name, self.chrome)


_SECTIONS = {
    "operative": N_("Operative part"),
    "preambular": N_("Preambular part"),
    "other": N_("Other paragraphs"),
}
