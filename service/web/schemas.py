"""The JSON contract of the HTTP API, declared once.

Responses are the typed dictionaries the code returns: ``Resolution``,
``Comparison`` and ``Series`` from :mod:`diffing.model` (the return types of
their ``to_dict()``), ``Draft`` from :mod:`diffing.renewal.result`, ``Document`` and ``DocumentMeta`` from
:mod:`service.library.store`, and :class:`DocumentList`, :class:`Problem` and
:class:`Health` here. Requests are :class:`CompareRequest`,
:class:`SeriesRequest`, :class:`DraftRequest`, :class:`AmendRequest`, :class:`ShareRequest`
and :data:`AddDocumentRequest`, built from the library's
:data:`~service.library.documents.DocumentSpec`, and :class:`PrecedentsRequest`
(agreed language) answered by :class:`PrecedentList`.

From these declarations pydantic makes the JSON Schemas of the OpenAPI document
(:func:`json_schemas`) and validates the request bodies (:func:`validate`: 400
naming the field at fault). Python 3.11's ``typing.TypedDict`` is not enough
for pydantic, so each declaration is first copied as a ``typing_extensions``
one (:func:`_portable`); the engine keeps to the standard library.
"""

from __future__ import annotations

import functools
import types
import typing
from collections.abc import Iterable, Mapping
from typing import Annotated, Any, Literal, NotRequired, TypedDict, Union

import typing_extensions
from pydantic import Discriminator, Field, Tag, TypeAdapter, ValidationError

from diffing.model import ComparisonDict, PrecedentDict, ResolutionDict, SeriesDict
from diffing.renewal.result import DraftDict
from service.errors import InvalidRequestError
from service.library.documents import MAX_MATCHES, DocumentSpec, SymbolSpec, TextSpec
from service.library.store import DocumentDict, DocumentMeta

__all__ = [
    "COMPONENTS",
    "AddDocumentRequest",
    "AmendRequest",
    "AuditEntry",
    "AuditList",
    "CompareRequest",
    "DocumentList",
    "DraftRequest",
    "Health",
    "NewUserRequest",
    "PrecedentList",
    "PrecedentsRequest",
    "Problem",
    "Ready",
    "SeriesRequest",
    "ShareRequest",
    "UserInfo",
    "UserList",
    "UserToken",
    "json_schemas",
    "validate",
]


class CompareRequest(TypedDict):
    """Two versions to compare, oldest first."""

    old: DocumentSpec
    new: DocumentSpec


class SeriesRequest(TypedDict):
    """Versions to follow, oldest first (from 2 to ``RESDIFF_MAX_SERIES``)."""

    documents: list[DocumentSpec]


class DraftRequest(TypedDict):
    """The resolution a draft starts from (``base``), the session the draft is for
    (by default the next one of the series), and the version before the base
    (``previous``, optional: it tells the series' period and style)."""

    base: DocumentSpec
    session: NotRequired[int]
    previous: NotRequired[DocumentSpec]


class AmendRequest(TypedDict):
    """A draft and its amendments, applied in the order given; without ``draft``, the
    draft the amendments name (looked up by its symbol: store, mirror, UN system)."""

    draft: NotRequired[DocumentSpec]
    amendments: Annotated[list[DocumentSpec], Field(min_length=1)]


#: a document to store, given as text or by symbol (a file comes as multipart/form-data)
AddDocumentRequest = TextSpec | SymbolSpec


class PrecedentsRequest(TypedDict):
    """A paragraph to find agreed language for: the closest paragraphs of the library
    the caller sees, best first (``limit``, 5 by default), only from documents adopted
    before ``before`` (an ISO date) when given, without the documents of the symbols
    in ``exclude``."""

    text: str
    limit: NotRequired[Annotated[int, Field(ge=1, le=MAX_MATCHES)]]
    before: NotRequired[Annotated[str, Field(json_schema_extra={"format": "date"})]]
    exclude: NotRequired[list[str]]


class PrecedentList(TypedDict):
    """Agreed language: the closest paragraphs of the library, best first; the ``ops``
    of each go from it (``old``) to the paragraph asked about (``new``)."""

    matches: list[PrecedentDict]


class ShareRequest(TypedDict):
    """Who sees a document besides its owner: user and group names (``[]``: nobody)."""

    shared_with: list[str]


class AuditEntry(TypedDict):
    """One action: who (``actor``) did what (``action``: add, read, share, compare,
    series, delete, login, login-failed, logout, user-add, user-remove, user-token)
    to which document, when (``at``, UTC)."""

    id: int
    at: str
    actor: str
    action: str
    document: str | None
    detail: str | None


class AuditList(TypedDict):
    """A page of the audit trail, newest first."""

    entries: list[AuditEntry]
    limit: int
    offset: int


class NewUserRequest(TypedDict):
    """An account to create: its name, whether it is an admin, its groups."""

    name: str
    admin: NotRequired[bool]
    groups: NotRequired[list[str]]


class UserInfo(TypedDict):
    """An account (never its token, nor the token's hash)."""

    name: str
    admin: bool
    groups: list[str]
    created: str
    token_created: str


class UserList(TypedDict):
    users: list[UserInfo]


class UserToken(TypedDict):
    """A new token: shown this once, stored only as its hash."""

    user: UserInfo
    token: str


class DocumentList(TypedDict):
    """A page of the library."""

    documents: list[DocumentMeta]
    total: int
    limit: int
    offset: int


class Problem(TypedDict):
    """An RFC 9457 problem document: every error of the API."""

    type: str
    title: str
    status: int
    detail: str


class Health(TypedDict):
    """Liveness: the server answers."""

    status: Literal["ok"]


class PoolState(TypedDict, total=False):
    """The worker processes: how many run, are idle, wait, and may run."""

    processes: int
    idle: int
    waiting: int
    size: int


class Ready(TypedDict):
    """Readiness: the database and the worker processes answer."""

    status: Literal["ok"]
    database: str
    pool: PoolState


#: the named schemas of the OpenAPI document (``#/components/schemas/<name>``)
COMPONENTS: dict[str, Any] = {
    "Resolution": ResolutionDict,
    "Comparison": ComparisonDict,
    "Series": SeriesDict,
    "Draft": DraftDict,
    "Document": DocumentDict,
    "DocumentList": DocumentList,
    "Problem": Problem,
    "Health": Health,
    "Ready": Ready,
    "AuditList": AuditList,
    "ShareRequest": ShareRequest,
    "NewUserRequest": NewUserRequest,
    "User": UserInfo,
    "UserList": UserList,
    "UserToken": UserToken,
    "PrecedentList": PrecedentList,
    "PrecedentsRequest": PrecedentsRequest,
    "CompareRequest": CompareRequest,
    "SeriesRequest": SeriesRequest,
    "DraftRequest": DraftRequest,
    "AmendRequest": AmendRequest,
    "AddDocumentRequest": AddDocumentRequest,
}
#: the declarations a request body is checked against
_REQUESTS = (
    CompareRequest,
    SeriesRequest,
    DraftRequest,
    AmendRequest,
    AddDocumentRequest,
    ShareRequest,
    NewUserRequest,
    PrecedentsRequest,
)


# -- from the declarations to pydantic ------------------------------------------------------


def _is_typeddict(tp: Any) -> bool:
    return isinstance(tp, type) and typing.is_typeddict(tp)


#: the tags of the keyed unions, which pydantic puts in the location of an error
_TAGS: set[str] = set()


def _keyed_union(members: tuple[Any, ...], strict: bool) -> Any:
    """A union of typed dictionaries told apart by their first key (``text``, ``id``,
    ``symbol``): exactly one of those keys must be present."""
    keys = [next(iter(typing.get_type_hints(m))) for m in members]
    _TAGS.update(keys)
    choices = " or ".join(repr(k) for k in keys)
    if len(keys) > 2:
        choices = ", ".join(repr(k) for k in keys[:-1]) + f" or {keys[-1]!r}"

    def which(value: Any) -> str | None:
        if not isinstance(value, dict):
            return None
        present = [k for k in keys if k in value]
        return present[0] if len(present) == 1 else None

    tagged = tuple(
        Annotated[_portable(m, strict), Tag(k)] for k, m in zip(keys, members, strict=True)
    )
    return Annotated[
        Union[tagged],  # noqa: UP007 - a tuple of members
        Discriminator(
            which,
            custom_error_type="one_key",
            custom_error_message=f"must be an object with exactly one of {choices}",
        ),
    ]


@functools.cache
def _portable(tp: Any, strict: bool) -> Any:
    """``tp`` with every ``typing.TypedDict`` in it copied as a ``typing_extensions``
    one that pydantic reads on Python 3.11 (refusing unknown keys when ``strict``)."""
    if _is_typeddict(tp):
        fields: dict[str, Any] = {}
        for key, hint in typing.get_type_hints(tp, include_extras=True).items():
            optional = typing.get_origin(hint) is NotRequired
            inner = _portable(typing.get_args(hint)[0] if optional else hint, strict)
            fields[key] = typing_extensions.NotRequired[inner] if optional else inner
        name = tp.__name__.removesuffix("Dict")
        make: Any = typing_extensions.TypedDict
        copy: Any = make(name, fields)
        copy.__doc__ = tp.__doc__
        copy.__pydantic_config__ = {"extra": "forbid"} if strict else {}
        return copy
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if origin in (Union, types.UnionType):
        dicts = [a for a in args if _is_typeddict(a)]
        if len(dicts) > 1 and len(dicts) == len(args):
            return _keyed_union(args, strict)
        return Union[tuple(_portable(a, strict) for a in args)]  # noqa: UP007
    if origin is list:
        return types.GenericAlias(list, (_portable(args[0], strict),))
    if origin is Annotated:  # constraints (a list's least length...) kept around the copy
        return Annotated[(_portable(args[0], strict), *tp.__metadata__)]
    return tp


@functools.cache
def _adapter(tp: Any) -> TypeAdapter[Any]:
    return TypeAdapter(_portable(tp, tp in _REQUESTS))


def json_schemas(ref_template: str) -> dict[str, Any]:
    """The JSON Schema of every declaration in :data:`COMPONENTS`, each named
    schema referred to with ``ref_template`` (``#/components/schemas/{model}``)."""
    mode: Literal["validation"] = "validation"
    keyed = [(name, mode, _adapter(tp)) for name, tp in COMPONENTS.items()]
    refs, defs = TypeAdapter.json_schemas(keyed, ref_template=ref_template)
    out: dict[str, Any] = dict(defs.get("$defs", {}))
    for (name, _mode), schema in refs.items():
        if schema.get("$ref") != ref_template.format(model=name):
            out[name] = schema  # a union or a renamed declaration: named here
    return out


# -- validation --------------------------------------------------------------------------


def validate(declaration: Any, body: Any) -> Any:
    """``body`` checked against ``declaration`` (one of the request types), or 400
    :class:`InvalidRequestError` that names the first field at fault."""
    try:
        return _adapter(declaration).validate_python(body)
    except ValidationError as exc:
        raise InvalidRequestError(_describe(exc.errors(include_url=False)[0])) from None


def _where(loc: Iterable[int | str]) -> str:
    path = ""
    for part in loc:
        if isinstance(part, int):
            path += f"[{part}]"
        else:
            path += f".{part}" if path else part
    return path


_MESSAGES = {
    "string_type": "must be a string",
    "list_type": "must be a list",
    "int_type": "must be an integer",
    "int_parsing": "must be an integer",
    "int_from_float": "must be an integer",
    "dict_type": "must be a JSON object",
    "typed_dict_type": "must be a JSON object",
    "literal_error": "must be one of {expected}",
    "too_short": "must have at least {min_length} item",
    "greater_than_equal": "must be at least {ge}",
    "less_than_equal": "must be at most {le}",
}


def _describe(error: Mapping[str, Any]) -> str:
    """A sentence for one pydantic error: ``old.text must be a string``."""
    # the tag of a keyed union is no field: "old.symbol.language" -> "old.language"
    raw = list(error["loc"])
    loc = [p for i, p in enumerate(raw) if not (p in _TAGS and i + 1 < len(raw))]
    kind = error["type"]
    if kind in ("missing", "extra_forbidden"):
        owner = _where(loc[:-1]) or "the request"
        what = "no field" if kind == "missing" else "an unknown field"
        return f"{owner} has {what} {loc[-1]!r}"
    where = _where(loc) or "the request body"
    template = _MESSAGES.get(kind)
    if template is not None:
        return f"{where} {template.format(**error.get('ctx', {}))}"
    return f"{where} {error['msg'][0].lower()}{error['msg'][1:]}"
