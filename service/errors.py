"""The errors of the service: reading files, the library, the UN document system.

They derive from the engine's :class:`~diffing.errors.ResdiffError`, so one
handler maps every error of resdiff to an RFC 9457 problem document (its
``status``, ``title`` and ``/problems/<slug>`` type), and the CLI prints
``error: <detail>`` and exits with status 2. The engine's own errors are
re-exported here: service code imports every error from this module.
"""

from __future__ import annotations

from diffing.errors import (
    AmendmentMismatchError,
    ComparisonTooLargeError,
    EmptyDocumentError,
    InvalidRequestError,
    NotADraftError,
    NotAnAmendmentError,
    ResdiffError,
)

__all__ = [
    "AmendmentMismatchError",
    "ComparisonTooLargeError",
    "DocumentNotFoundError",
    "EmptyDocumentError",
    "EncryptedDocumentError",
    "FetchError",
    "ForbiddenError",
    "FormRefusedError",
    "InvalidRequestError",
    "InvalidSymbolError",
    "LimitExceededError",
    "MemoryLimitError",
    "NotADraftError",
    "NotAnAmendmentError",
    "NotAuthenticatedError",
    "RateLimitedError",
    "ResdiffError",
    "ServiceBusyError",
    "StoreVersionError",
    "UnknownUserError",
    "UnreadableDocumentError",
    "UnsupportedFormatError",
    "UnsupportedMediaTypeError",
    "problem_types",
]


class UnsupportedFormatError(ResdiffError):
    """The input is not a PDF, DOCX, plain text or Markdown document."""

    status = 415
    title = "Unsupported document format"
    slug = "unsupported-format"


class UnsupportedMediaTypeError(ResdiffError):
    """The request's body is not of the content type the endpoint reads (JSON)."""

    status = 415
    title = "Unsupported media type"
    slug = "unsupported-media-type"


class UnreadableDocumentError(ResdiffError):
    """The input claims a format but cannot be read (truncated, corrupt, not UTF-8)."""

    status = 422
    title = "Unreadable document"
    slug = "unreadable-document"


class EncryptedDocumentError(UnreadableDocumentError):
    """The PDF or DOCX is password protected."""

    title = "Encrypted document"
    slug = "encrypted-document"


class LimitExceededError(ResdiffError):
    """The input is larger than a configured limit (bytes, pages, paragraphs, words)."""

    status = 413
    title = "Input too large"
    slug = "too-large"


class MemoryLimitError(ResdiffError):
    """Reading a document or making a report needed more memory than its process may use."""

    status = 413
    title = "Memory limit exceeded"
    slug = "memory-limit"


class ServiceBusyError(ResdiffError):
    """Every worker process is busy (or the server is short of memory): retry later.

    The answer carries ``Retry-After`` (:attr:`retry_after` seconds).
    """

    status = 503
    title = "Service busy"
    slug = "busy"

    def __init__(self, detail: str, retry_after: int = 5) -> None:
        super().__init__(detail)
        self.retry_after = max(1, int(retry_after))


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


class UnknownUserError(ResdiffError):
    """No account has that name."""

    status = 404
    title = "User not found"
    slug = "unknown-user"


class NotAuthenticatedError(ResdiffError):
    """The service has accounts: send ``Authorization: Bearer TOKEN`` (the token that
    ``resdiff user add`` or ``resdiff user token`` printed), or sign in on the web page."""

    status = 401
    title = "Authentication required"
    slug = "unauthenticated"


class ForbiddenError(ResdiffError):
    """The document or action is not yours: only the owner of a document shares or
    deletes it, only an admin deletes an official document or reads the audit trail."""

    status = 403
    title = "Forbidden"
    slug = "forbidden"


class FormRefusedError(ResdiffError):
    """A form or a browser's request came without the CSRF token of its page (or with an
    expired one): reload the page and send it again. Programs send their token as
    ``Authorization: Bearer TOKEN`` and need none."""

    status = 400
    title = "Form refused"
    slug = "csrf"


class RateLimitedError(ResdiffError):
    """Too many expensive requests (PDF and Word reports, series) from one user in a
    while (``RESDIFF_RATE_LIMIT``): retry after the seconds ``Retry-After`` says."""

    status = 429
    title = "Too many requests"
    slug = "rate-limited"


class StoreVersionError(ResdiffError):
    """The database was made by a newer resdiff, whose schema this one would misread:
    upgrade resdiff (a database is never downgraded)."""

    status = 503
    title = "Database too new"
    slug = "database-too-new"


class FetchError(ResdiffError):
    """The UN document system could not be reached or gave a bad answer."""

    status = 502
    title = "Document system unavailable"
    slug = "fetch-failed"


def problem_types() -> dict[str, type[ResdiffError]]:
    """Every error class of resdiff (engine and service) by its slug."""
    found: dict[str, type[ResdiffError]] = {}
    todo: list[type[ResdiffError]] = [ResdiffError]
    while todo:
        cls = todo.pop()
        found.setdefault(cls.slug, cls)
        todo.extend(cls.__subclasses__())
    return found
