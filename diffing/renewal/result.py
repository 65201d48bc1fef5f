"""What :func:`diffing.next_draft` returns: a :class:`Draft`.

A draft is a :class:`~diffing.model.Comparison` of the base (``old``) with the
draft (``new``): every paragraph in one change, the routine edits as
``reworded`` changes tagged ``rollover`` with their ``reason``. It adds the
:class:`Suggestion` list (edits not made because they are not certain), the
period of the series, and the front matter a renderer prints on the draft.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TypedDict

from diffing.lexicon import ordinal_word
from diffing.model import Comparison, ComparisonDict, Op, OpDict

__all__ = ["Draft", "DraftDict", "FrontMatterDict", "Suggestion", "SuggestionDict"]


class SuggestionDict(TypedDict):
    paragraph: str
    reason: str
    ops: list[OpDict]


class FrontMatterDict(TypedDict):
    """What a draft prints above "The General Assembly,"."""

    symbol: None
    document_type: str
    language: str
    session: int
    session_heading: str
    agenda_item: str | None
    title: str | None
    committee: str | None
    base: str | None


class DraftFrontDict(FrontMatterDict):
    period: int


class DraftDict(ComparisonDict):
    """A draft (``resdiff draft --format json``): a comparison, the draft's front
    matter and the edits proposed but not made."""

    draft: DraftFrontDict
    suggestions: list[SuggestionDict]


@dataclass
class Suggestion:
    """An edit proposed, not made: the ``ops`` turn the draft's paragraph
    ``paragraph`` into the text it would have; ``reason`` says why it is
    proposed ("session 80 -> 81", "recalls 78/54 of 2023-12-04 instead of 77/80")."""

    paragraph: str
    reason: str
    ops: list[Op]

    @property
    def text(self) -> str:
        """The paragraph as it would read."""
        return "".join(o.new for o in self.ops)

    def to_dict(self) -> SuggestionDict:
        return {
            "paragraph": self.paragraph,
            "reason": self.reason,
            "ops": [o.to_dict() for o in self.ops],
        }


@dataclass
class Draft(Comparison):
    """The base against the draft for ``new.session``; ``period`` is the
    number of sessions between two versions of the series."""

    suggestions: list[Suggestion] = field(default_factory=list)
    period: int = 1

    @property
    def session(self) -> int:
        assert self.new.session is not None
        return self.new.session

    def front_matter(self) -> FrontMatterDict:
        """What a draft prints above "The General Assembly,": the session
        heading ("Eighty-first session"), the agenda item (not known before
        the session's agenda is adopted: None), the title; no symbol yet."""
        words = ordinal_word(self.session, self.new.language)
        return {
            "symbol": None,
            "document_type": self.new.document_type,
            "language": self.new.language,
            "session": self.session,
            "session_heading": f"{words[0].upper()}{words[1:]} session",
            "agenda_item": self.new.agenda_item,
            "title": self.new.title,
            "committee": self.new.committee,
            "base": self.old.symbol,
        }

    def to_dict(self) -> DraftDict:
        return {
            **super().to_dict(),
            "draft": {**self.front_matter(), "period": self.period},
            "suggestions": [s.to_dict() for s in self.suggestions],
        }
