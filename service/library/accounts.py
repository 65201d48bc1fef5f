"""Accounts: users, their groups, and the tokens they sign in with.

A token is 32 random bytes (``rd_`` and 43 URL-safe characters), shown once when
it is made (``resdiff user add``, ``resdiff user token``) and stored only as its
SHA-256: a token of that entropy needs no slow hash, and the database never holds
what would let someone sign in. Tokens are never logged.

A group is a delegation or a team: a document shared with a group is seen by its
members. Users and groups share one set of names, so that a name shared with is
never ambiguous.

>>> valid_name("France-delegation")
'France-delegation'
>>> token_hash("rd_example") == token_hash("rd_example") != token_hash("rd_other")
True
"""

from __future__ import annotations

import hashlib
import re
import secrets
from collections.abc import Sequence

from service.errors import InvalidRequestError, UnknownUserError
from service.library.store import Store, User

__all__ = ["Accounts", "new_token", "token_hash", "valid_name"]

TOKEN_PREFIX = "rd_"
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._@-]{0,63}")


def new_token() -> str:
    """A new secret token (256 bits)."""
    return TOKEN_PREFIX + secrets.token_urlsafe(32)


def token_hash(token: str) -> str:
    """What is stored of a token."""
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def valid_name(name: str) -> str:
    """A user or group name: letters, digits, ``.``, ``_``, ``@``, ``-``; at most 64."""
    if not isinstance(name, str) or not _NAME.fullmatch(name):
        raise InvalidRequestError(
            f"not a valid name: {name!r} (letters, digits, '.', '_', '@' and '-', at most 64)"
        )
    return name


class Accounts:
    """The accounts of a store; what is done to them goes to the audit trail as ``actor``."""

    def __init__(self, store: Store, *, actor: str = "operator") -> None:
        self.store = store
        self.actor = actor

    def exist(self) -> bool:
        """Whether there is any account (then every request is authenticated)."""
        return self.store.count_users() > 0

    def add(
        self, name: str, *, admin: bool = False, groups: Sequence[str] = (), claim: bool = False
    ) -> tuple[User, str]:
        """A new user and their token (shown once, stored as a hash); with ``claim``, the
        documents uploaded or pasted before accounts existed become theirs."""
        token = new_token()
        user = self.store.add_user(
            valid_name(name),
            admin=admin,
            token_hash=token_hash(token),
            groups=[valid_name(g) for g in groups],
        )
        role = "admin" if admin else "user"
        detail = f"{name} ({role}; groups: {', '.join(groups) or '-'})"
        self.store.audit(self.actor, "user-add", None, detail)
        if claim:
            claimed = self.store.claim_unowned(user.id)
            self.store.audit(self.actor, "user-claim", None, f"{name}: {claimed} documents")
        return user, token

    def get(self, name: str) -> User:
        user = self.store.user_by_name(name)
        if user is None:
            raise UnknownUserError(f"no user named {name!r}")
        return user

    def list(self) -> list[User]:
        return self.store.list_users()

    def remove(self, name: str) -> int:
        """Remove a user and their documents; the number of documents deleted."""
        user = self.get(name)
        deleted = self.store.remove_user(user.id)
        self.store.audit(self.actor, "user-remove", None, f"{name} ({deleted} documents deleted)")
        return deleted

    def rotate(self, name: str) -> str:
        """A new token for ``name``: the old one, and the sessions made with it, stop working."""
        user = self.get(name)
        token = new_token()
        self.store.set_token(user.id, token_hash(token))
        self.store.audit(self.actor, "user-token", None, name)
        return token

    def authenticate(self, token: str) -> User | None:
        """The user of ``token``, or None."""
        if not token.startswith(TOKEN_PREFIX) or len(token) > 200:
            return None
        return self.store.user_by_token(token_hash(token))
