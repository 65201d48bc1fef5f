"""Who asks, and what they may see and do: the access rules of the library.

Every read of the library is made for a :class:`Viewer`:

* the **operator** (the command line: whoever holds the database) sees and may
  do everything;
* **local**: the web service with no account at all (the single-person tool),
  where every request is the one person at the keyboard and sees everything;
* a **user** (an account, signed in with a token or a session) sees

  - the official documents: retrieved by symbol from the UN system or the
    mirror, or ingested by the operator (``resdiff ingest``), owned by nobody;
  - their own documents (uploaded or pasted: private by default);
  - the documents their owner shared with them, or with one of their groups.

  Anything else does not exist for them: 404 by id, absent from lists,
  pickers, comparisons and cached reports. A document uploaded while the
  service had no account belongs to nobody and is seen only by the operator.

Only a document's owner shares it, or deletes it; an admin (and the
operator) may also delete an official document. Admins manage accounts, not
other people's drafts: an admin sees what any user sees. The rule "may see"
is one SQL predicate (:func:`service.library.sql.visible`), applied by the store
to every query made for a viewer; the :class:`~service.library.Library` is the
only caller, so the CLI, the API and the pages cannot disagree.

>>> Viewer.user(3, "ana", groups=("eu",)).sees_all
False
>>> Viewer.local().sees_all and Viewer.operator().sees_all
True
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from service.errors import DocumentNotFoundError, ForbiddenError
from service.library.store import Document

__all__ = ["Viewer", "check_admin", "check_may_delete", "check_may_share"]


@dataclass(frozen=True)
class Viewer:
    """Who a request or a command acts for."""

    kind: Literal["operator", "local", "user", "anonymous"]
    user_id: int | None = None
    name: str = ""
    admin: bool = False
    groups: tuple[str, ...] = ()

    @classmethod
    def operator(cls) -> Viewer:
        """The command line: sees everything."""
        return cls("operator", name="operator")

    @classmethod
    def local(cls) -> Viewer:
        """The web service without accounts: one person, who sees everything."""
        return cls("local", name="local")

    @classmethod
    def anonymous(cls) -> Viewer:
        """Someone not signed in, on the pages open to all: sees the official documents."""
        return cls("anonymous", name="anonymous")

    @classmethod
    def user(
        cls, user_id: int, name: str, *, admin: bool = False, groups: tuple[str, ...] = ()
    ) -> Viewer:
        return cls("user", user_id, name, admin, tuple(groups))

    @property
    def sees_all(self) -> bool:
        return self.kind in ("operator", "local")

    @property
    def audited(self) -> bool:
        """Whether what this viewer does goes to the audit trail (accounts only:
        without accounts there is nobody to name)."""
        return self.kind == "user"

    def owns(self, doc: Document) -> bool:
        return self.user_id is not None and doc.owner_id == self.user_id


def check_may_share(viewer: Viewer, doc: Document) -> None:
    """Only the owner of a private document shares it (403 otherwise)."""
    if doc.public:
        raise ForbiddenError(f"document {doc.id} is an official document: everyone sees it")
    if viewer.kind != "user":
        raise ForbiddenError("sharing needs accounts: add users with `resdiff user add`")
    if not viewer.owns(doc):
        raise ForbiddenError(f"only the owner of document {doc.id} may share it")


def check_may_delete(viewer: Viewer, doc: Document) -> None:
    """The owner deletes a document; an official one, an admin (403 otherwise)."""
    if viewer.sees_all or viewer.owns(doc):
        return
    if doc.public:
        if viewer.admin:
            return
        raise ForbiddenError(f"document {doc.id} is an official document: only an admin deletes it")
    if doc.owner_id is None:  # never visible to a user: as if it did not exist
        raise DocumentNotFoundError(f"no document with id {doc.id!r}")
    raise ForbiddenError(f"only the owner of document {doc.id} may delete it")


def check_admin(viewer: Viewer, what: str) -> None:
    """Only an admin (or the operator) does ``what`` (403 otherwise); accounts are
    never managed by the one person of a service without accounts either."""
    if viewer.kind == "operator" or viewer.admin:
        return
    raise ForbiddenError(f"only an admin {what}")
