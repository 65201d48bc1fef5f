"""The errors the engine raises, and the base of every error of resdiff.

Every error a user can cause derives from :class:`ResdiffError`. Each class
carries the HTTP status it maps to and a short title, so the web layer turns
any of them into an RFC 9457 problem document with one handler and the CLI
prints ``error: <message>`` and exits with status 2. The errors of reading
files, of the store and of the UN document system live in
:mod:`service.errors`, beside the code that raises them.
"""

from __future__ import annotations

__all__ = [
    "AmendmentMismatchError",
    "ComparisonTooLargeError",
    "EmptyDocumentError",
    "InvalidRequestError",
    "NotADraftError",
    "NotAnAmendmentError",
    "ResdiffError",
]


class ResdiffError(Exception):
    """Base of every error resdiff raises on purpose."""

    status: int = 400
    title: str = "Bad request"
    slug: str = "bad-request"

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


class InvalidRequestError(ResdiffError):
    """The request itself is malformed (bad JSON, missing field, bad option)."""

    status = 400
    title = "Invalid request"
    slug = "invalid-request"


class EmptyDocumentError(ResdiffError):
    """The document holds no text at all."""

    status = 422
    title = "Empty document"
    slug = "empty-document"


class ComparisonTooLargeError(ResdiffError):
    """A comparison would take longer than its time budget."""

    status = 413
    title = "Comparison too large"
    slug = "comparison-too-large"


class NotAnAmendmentError(ResdiffError):
    """A document given as an amendment is not one."""

    status = 422
    title = "Not an amendment"
    slug = "not-an-amendment"


class NotADraftError(ResdiffError):
    """A document given as the draft to amend is itself an amendment."""

    status = 422
    title = "Not a draft"
    slug = "not-a-draft"


class AmendmentMismatchError(ResdiffError):
    """An amendment amends another draft than the one given."""

    status = 422
    title = "Amendment to another draft"
    slug = "amendment-mismatch"
