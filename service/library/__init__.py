"""The documents resdiff knows: stored, mirrored, fetched by UN symbol, or pasted.

* :mod:`~service.library.documents` - :class:`Library` (get a document from any
  source, checked against the limits, for one viewer) and :class:`Resolved` (a
  parsed document);
* :mod:`~service.library.access` - :class:`Viewer` and the rules of who sees and
  does what; :mod:`~service.library.accounts` - users, groups and their tokens;
* :mod:`~service.library.store` - :class:`Document`, :class:`Report`, :class:`User`
  and the :class:`Store` interface; :mod:`~service.library.sql` - its statements,
  shared by the backends :mod:`~service.library.sqlite` (the default) and
  :mod:`~service.library.postgres`; :mod:`~service.library.schema` - the versioned
  schema and its migrations;
* :mod:`~service.library.ods` - retrieval by symbol: the local mirror, then the
  UN Official Document System;
* :mod:`~service.library.symbols` - UN document symbols;
* :mod:`~service.library.fingerprint` - digests of the code behind stored results.

No web framework is imported here: the web layer hands a library its store and viewer.
"""

from service.library.access import Viewer
from service.library.accounts import Accounts
from service.library.documents import Library, Resolved, check_comparison
from service.library.ods import Retriever
from service.library.store import (
    OFFICIAL_SOURCES,
    Document,
    Report,
    Store,
    User,
    open_store,
)

__all__ = [
    "OFFICIAL_SOURCES",
    "Accounts",
    "Document",
    "Library",
    "Report",
    "Resolved",
    "Retriever",
    "Store",
    "User",
    "Viewer",
    "check_comparison",
    "open_store",
]
