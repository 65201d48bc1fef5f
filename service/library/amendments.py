"""The draft that amendments amend, when only the amendments are given.

An amendment names the draft it amends ("Ukraine: amendment to draft
resolution A/80/L.3": ``Resolution.amends``). :func:`find_draft` checks that
every document given is an amendment and that they all amend one draft, then
gets that draft by its symbol through :meth:`Library.by_symbol
<service.library.documents.Library.by_symbol>` (the store, then the mirror,
then the UN Official Document System), in the amendments' language. The CLI
(``resdiff amend AMENDMENT``) and the API (``POST /api/amend`` without
``draft``) both use it.
"""

from __future__ import annotations

from collections.abc import Sequence

from service.errors import AmendmentMismatchError, InvalidRequestError, NotAnAmendmentError
from service.library import symbols
from service.library.documents import Library, Resolved

__all__ = ["find_draft"]


def _amended(amendment: Resolved, name: str) -> str:
    """The symbol of the draft ``amendment`` amends (422 when it is no amendment)."""
    res = amendment.resolution
    label = res.symbol or name
    if res.document_type != "amendment":
        raise NotAnAmendmentError(f"{label} is a {res.document_type}, not an amendment")
    if not res.amends:
        raise InvalidRequestError(
            f"{label} does not say which draft it amends: give the draft as well"
        )
    return res.amends


def find_draft(library: Library, amendments: Sequence[Resolved], names: Sequence[str]) -> Resolved:
    """The one draft all ``amendments`` amend, found by its symbol.

    ``names`` say how the caller gave each amendment (a file name,
    ``amendments[1]``), for the messages of a document without a symbol.
    """
    if not amendments:
        raise InvalidRequestError("give at least one amendment")
    targets = [_amended(a, n) for a, n in zip(amendments, names, strict=True)]
    keys = {symbols.normalise(t) if symbols.is_symbol(t) else t for t in targets}
    if len(keys) > 1:
        said = [
            f"{a.resolution.symbol or n} amends {t}"
            for a, n, t in zip(amendments, names, targets, strict=True)
        ]
        raise AmendmentMismatchError(f"{', '.join(said)}: give amendments to one draft at a time")
    symbol = targets[0]
    if not symbols.is_symbol(symbol):
        raise InvalidRequestError(f"the draft amended, {symbol!r}, is not a UN document symbol")
    language = amendments[0].resolution.language or "en"
    return Resolved(document=library.by_symbol(symbol, language))
