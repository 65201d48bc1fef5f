"""The documents resdiff knows: stored, mirrored, fetched by UN symbol, or pasted.

* :mod:`~service.library.documents` - :class:`Library` (get a document from any
  source, checked against the limits) and :class:`Resolved` (a parsed document);
* :mod:`~service.library.store` - :class:`Document`, :class:`Report` and the
  :class:`Store` interface; :mod:`~service.library.sqlite` - its SQLite backend;
* :mod:`~service.library.ods` - retrieval by symbol: the local mirror, then the
  UN Official Document System;
* :mod:`~service.library.symbols` - UN document symbols;
* :mod:`~service.library.fingerprint` - digests of the code behind stored results.

No web framework is imported here: the web layer hands a library its store.
"""

from service.library.documents import Library, Resolved, check_comparison
from service.library.ods import Retriever
from service.library.store import OFFICIAL_SOURCES, Document, Report, Store, open_store

__all__ = [
    "OFFICIAL_SOURCES",
    "Document",
    "Library",
    "Report",
    "Resolved",
    "Retriever",
    "Store",
    "check_comparison",
    "open_store",
]
