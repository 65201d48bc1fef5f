"""Start the next draft of a renewed resolution: :func:`next_draft`.

The draft is the base with the routine renewal edits made (see
:mod:`diffing.renewal`); every edit it is not sure of is a
:class:`~diffing.renewal.result.Suggestion` instead.

The draft's session is, unless given, the base's plus the series' period:
the sessions between the previous version and the base when the previous
version is given, else those between the base and the session its closing
paragraph puts the item on ("Decides to include in the provisional agenda of
its seventy-ninth session"), else those between the base's predecessor and
the base, else one.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass, field

from diffing.budget import check
from diffing.errors import InvalidRequestError
from diffing.model import Change, Op, Paragraph, Resolution
from diffing.renewal.bodies import Body
from diffing.renewal.context import Renewal, resolution_number
from diffing.renewal.edits import Edit, apply_edits
from diffing.renewal.recalls import (
    cited_dates,
    find_lists,
    history_edits,
    list_edits,
    predecessor,
    single_edits,
)
from diffing.renewal.result import Draft, Suggestion
from diffing.renewal.sessions import (
    GENERAL_ASSEMBLY,
    bodies_named,
    find_sessions,
    session_edits,
    whose_session,
)
from diffing.renewal.years import year_edits
from diffing.worddiff import diff_words

__all__ = ["next_draft", "series_period"]

ROLLOVER = "rollover"
_MAX_PERIOD = 5
_AGENDA = {"en": "provisional agenda of its", "fr": "ordre du jour provisoire de sa"}


def _operative(p: Paragraph, kinds: dict[str, str]) -> bool:
    if p.kind == "subparagraph" and p.parent is not None:
        return kinds.get(p.parent) == "operative"
    return kinds.get(p.id) == "operative"


def _kinds(paragraphs: list[Paragraph]) -> dict[str, str]:
    """Each paragraph's kind, a heading read as the paragraphs it heads (the
    "Seventy-ninth session of the General Assembly" above operative paragraphs
    moves on as they do)."""
    kinds: dict[str, str] = {}
    heading = "preambular"
    for p in reversed(paragraphs):
        if p.kind in ("preambular", "operative"):
            heading = p.kind
        kinds[p.id] = heading if p.kind == "heading" else p.kind
    return kinds


def _agenda_session(base: Resolution) -> int | None:
    """The session the base puts its item on ("provisional agenda of its N session")."""
    marker = _AGENDA["fr" if base.language == "fr" else "en"]
    for p in reversed(base.paragraphs):
        for m in find_sessions(p.text, base.language):
            start = m.ordinals[0][0]
            before = p.text[max(0, start - len(marker) - 2) : start].strip()
            if (
                before.endswith(marker)
                and whose_session(p.text, m, base.language) == GENERAL_ASSEMBLY
            ):
                return m.ordinals[-1][2]
    return None


def series_period(base: Resolution, previous: Resolution | None = None) -> int | None:
    """Sessions between two versions of the series the base belongs to, when
    the previous version or the base's closing paragraph tells (None otherwise).

    >>> from diffing import parse
    >>> series_period(parse('''A/RES/77/20
    ... The General Assembly,
    ... 1. Decides to include in the provisional agenda of its seventy-ninth session the item.
    ... '''))
    2
    """
    if base.session is None:
        return None
    candidates: list[int] = []
    if previous is not None and previous.session is not None:
        candidates.append(base.session - previous.session)
    agenda = _agenda_session(base)
    if agenda is not None:
        candidates.append(agenda - base.session)
    return next((c for c in candidates if 1 <= c <= _MAX_PERIOD), None)


def _base_session(base: Resolution) -> int:
    if base.session is not None:
        return base.session
    number = resolution_number(base.symbol)
    if number is None:
        raise InvalidRequestError(
            "the base's session is unknown: a draft starts from an adopted resolution"
        )
    return int(number.split("/")[0])


def _predecessor(previous: Resolution | None) -> tuple[str, int] | None:
    number = resolution_number(previous.symbol) if previous is not None else None
    if previous is None or number is None:
        return None
    return number, previous.session or int(number.split("/")[0])


def _extend_style(previous: Resolution | None) -> bool | None:
    """Whether the series extends a lone recall of its predecessor (True) or
    replaces it (False), as the previous version shows: it cited its own
    predecessor in a list, or alone (None: no previous version)."""
    if previous is None or previous.session is None:
        return None
    ctx = Renewal(
        previous.session,
        previous.session + 1,
        previous.language,
        resolution_number(previous.symbol),
    )
    texts = [p.text for p in previous.paragraphs]
    pp = predecessor(texts, ctx, series_period(previous))
    if pp is None:
        return True  # a young series: its list grows from one
    return any(
        len(cl.items) >= 2 and any(c.key == pp[0] for c in cl.items)
        for text in texts
        for cl in find_lists(text, previous.language)
    )


@dataclass
class _Plan:
    """What the edits of every paragraph need: the renewal, the predecessor, the
    series' style, the dates the base cites, the bodies named so far."""

    ctx: Renewal
    pred: tuple[str, int] | None
    extend: bool | None
    dates: dict[str, str]
    document: str
    kinds: dict[str, str]
    known: dict[str, Body] = field(default_factory=dict)

    def edits(self, p: Paragraph) -> list[Edit]:
        edits: list[Edit] = []
        if self.pred is not None:
            edits += list_edits(p.text, self.ctx, self.pred, self.dates)
            edits += single_edits(p.text, self.ctx, self.pred, extend=self.extend)
        if not edits:
            edits += history_edits(p.text, self.ctx, self.ctx.period)
        operative = _operative(p, self.kinds)
        edits += session_edits(
            p.text, self.ctx, operative=operative, known=self.known, document=self.document
        )
        edits += year_edits(p.text, self.ctx)
        self.known.update(bodies_named(p.text, self.ctx.language, self.document))
        return edits


def _plan(base: Resolution, session: int | None, previous: Resolution | None) -> _Plan:
    base_session = _base_session(base)
    if previous is not None and previous.session is not None and previous.session >= base_session:
        raise InvalidRequestError(
            f"the previous version ({previous.symbol or 'session ' + str(previous.session)})"
            f" must come before the base (session {base_session})"
        )
    known = series_period(dataclasses.replace(base, session=base_session), previous)
    number = resolution_number(base.symbol)
    texts = [p.text for p in base.paragraphs]
    first = Renewal(base_session, base_session + 1, base.language, number)
    pred = _predecessor(previous) or predecessor(texts, first, known)
    period = known or (base_session - pred[1] if pred else 1)
    target = base_session + period if session is None else session
    if target <= base_session:
        raise InvalidRequestError(
            f"the draft's session ({target}) must come after the base's ({base_session})"
        )
    ctx = Renewal(base_session, target, base.language, number, base.adopted, period)
    return _Plan(
        ctx,
        pred,
        _extend_style(previous),
        cited_dates(texts, base.language),
        "\n".join(texts),
        _kinds(base.paragraphs),
    )


def next_draft(
    base: Resolution,
    session: int | None = None,
    *,
    previous: Resolution | None = None,
    deadline: float | None = None,
) -> Draft:
    """The base against the draft for *session* (by default the next one of the
    series), with every routine renewal edit made.

    *previous*, the version before the base, tells the series' period and
    style. ``deadline`` is a :func:`time.monotonic` time budget.
    Raises :class:`~diffing.errors.InvalidRequestError` when the base's
    session is unknown or *session* does not come after it.
    """
    plan = _plan(base, session, previous)
    paragraphs: list[Paragraph] = []
    changes: list[Change] = []
    suggestions: list[Suggestion] = []
    for p in base.paragraphs:
        check(deadline, "making the draft")
        edits = plan.edits(p)
        new_text, ops, made = apply_edits(p.text, [e for e in edits if e.sure])
        paragraphs.append(dataclasses.replace(p, text=new_text))
        changes.append(_change(p, new_text, ops, made, deadline))
        suggestions.extend(_suggestions(p.id, new_text, made, [e for e in edits if not e.sure]))
    draft = _front_matter(base, plan.ctx.session, paragraphs)
    return Draft(base, draft, changes, suggestions=suggestions, period=plan.ctx.period or 1)


def _change(
    p: Paragraph, new_text: str, ops: list[Op], made: list[Edit], deadline: float | None
) -> Change:
    if not made:
        return Change("unchanged", [p.id], [p.id], 1.0, ops)
    similarity = diff_words(p.text, new_text, deadline=deadline).similarity
    reason = "; ".join(dict.fromkeys(e.reason for e in made))
    return Change("reworded", [p.id], [p.id], similarity, ops, [ROLLOVER], reason=reason)


def _shift(e: Edit, made: Iterable[Edit]) -> Edit:
    """*e*, made on the base's text, moved onto the draft's text."""
    offset = sum(len(m.new) - (m.end - m.start) for m in made if m.end <= e.start)
    return dataclasses.replace(e, start=e.start + offset, end=e.end + offset, sure=True)


def _suggestions(
    pid: str, draft_text: str, made: list[Edit], unsure: list[Edit]
) -> list[Suggestion]:
    """One suggestion per reason, its edits made on the draft's paragraph."""
    by_reason: dict[str, list[Edit]] = {}
    for e in unsure:
        by_reason.setdefault(e.reason, []).append(e)
    out: list[Suggestion] = []
    for reason, edits in by_reason.items():
        clash = [e for e in edits for m in made if e.start < m.end and m.start < e.end]
        if clash:
            continue
        _, ops, kept = apply_edits(draft_text, [_shift(e, made) for e in edits])
        if kept:
            out.append(Suggestion(pid, reason, ops))
    return out


def _front_matter(base: Resolution, session: int, paragraphs: list[Paragraph]) -> Resolution:
    """The draft as a document: no symbol, no date, no sponsors yet; the base's
    title, committee and footnotes."""
    return Resolution(
        paragraphs=paragraphs,
        symbol=None,
        document_type="draft resolution",
        language=base.language,
        session=session,
        agenda_item=None,
        title=base.title,
        footnotes=list(base.footnotes),
        committee=base.committee,
    )
