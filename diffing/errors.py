"""The one exception tree of resdiff.

Every error a user can cause derives from :class:`ResdiffError`. Each class
carries the HTTP status it maps to and a short title, so the web layer turns
any of them into an RFC 9457 problem document with one handler and the CLI
prints ``error: <message>`` and exits with status 2.
"""

from __future__ import annotations

__all__ = [
    "AmendmentMismatchError",
    "ComparisonTooLargeError",
    "DocumentNotFoundError",
    "EmptyDocumentError",
    "EncryptedDocumentError",
    "FetchError",
    "InvalidRequestError",
    "InvalidSymbolError",
    "LimitExceededError",
    "NotAnAmendmentError",
    "ResdiffError",
    "UnreadableDocumentError",
    "UnsupportedFormatError",
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


class UnsupportedFormatError(ResdiffError):
    """The input is not a PDF, DOCX, plain text or Markdown document."""

    status = 415
    title = "Unsupported document format"
    slug = "unsupported-format"


class UnreadableDocumentError(ResdiffError):
    """The input claims a format but cannot be read (truncated, corrupt, not UTF-8)."""

    status = 422
    title = "Unreadable document"
    slug = "unreadable-document"


class EncryptedDocumentError(UnreadableDocumentError):
    """The PDF or DOCX is password protected."""

    title = "Encrypted document"
    slug = "encrypted-document"


class EmptyDocumentError(UnreadableDocumentError):
    """The document holds no text at all."""

    title = "Empty document"
    slug = "empty-document"


class LimitExceededError(ResdiffError):
    """The input is larger than a configured limit (bytes, pages, paragraphs, words)."""

    status = 413
    title = "Input too large"
    slug = "too-large"


class ComparisonTooLargeError(LimitExceededError):
    """A comparison would take longer than its time budget."""

    title = "Comparison too large"
    slug = "comparison-too-large"


class InvalidSymbolError(ResdiffError):
    """A UN document symbol is malformed."""

    status = 400
    title = "Invalid document symbol"
    slug = "invalid-symbol"


class DocumentNotFoundError(ResdiffError):
    """No document with that id or symbol exists (locally or at the UN)."""

    status = 404
    title = "Document not found"
    slug = "not-found"


class FetchError(ResdiffError):
    """The UN document system could not be reached or gave a bad answer."""

    status = 502
    title = "Document system unavailable"
    slug = "fetch-failed"


class NotAnAmendmentError(ResdiffError):
    """A document given as an amendment is not one."""

    status = 422
    title = "Not an amendment"
    slug = "not-an-amendment"


class AmendmentMismatchError(ResdiffError):
    """An amendment amends another draft than the one given."""

    status = 422
    title = "Amendment to another draft"
    slug = "amendment-mismatch"
