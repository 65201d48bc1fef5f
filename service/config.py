"""Settings and limits of the resdiff service, with their documented defaults.

Every setting can be overridden by an environment variable of the same name
(``RESDIFF_MAX_PARAGRAPHS=5000``), or by ``create_app(test_config)``.

=========================  ==============  ==============================================
setting                    default         meaning
=========================  ==============  ==============================================
RESDIFF_DATA_DIR           instance folder where the SQLite database lives (see :func:`data_dir`)
RESDIFF_DATABASE_URL       (none)          ``postgresql://user:password@host/db`` puts the whole
                                           store on PostgreSQL (several servers, one database);
                                           none: the SQLite file ``resdiff.sqlite3`` of the
                                           data folder
RESDIFF_DATABASE_POOL      8               PostgreSQL connections kept by each worker process
RESDIFF_CACHE_BYTES        256 MiB         total size of the cached reports; past it the least
                                           recently used are evicted
RESDIFF_AUTH               auto            ``auto``: requests are authenticated as soon as one
                                           account exists (``resdiff user add``);
                                           ``required``: always, even before the first account
RESDIFF_RATE_LIMIT         30/minute;300/hour  requests per user (per address without
                                           accounts) to the expensive endpoints: PDF and Word
                                           reports, series; answered 429 with Retry-After past it
RESDIFF_PROXIES            0               reverse proxies in front of the service whose
                                           ``X-Forwarded-For``/``-Proto``/``-Host`` are trusted
                                           (1 behind one nginx): HTTPS then makes the session
                                           cookie ``Secure``
RESDIFF_SESSION_HOURS      12              how long a web sign-in lasts
RESDIFF_SECRET_KEY         (made once)     signs the session cookies and CSRF tokens; made
                                           at random and kept in the database (so every server
                                           on one database shares it) unless given
MAX_CONTENT_LENGTH         25 MiB          largest request body (413 from Content-Length)
MAX_FORM_MEMORY_SIZE       5 MiB           largest text field of a form (a pasted text)
RESDIFF_MAX_FILE_BYTES     20 MiB          largest document file (upload, mirror, fetch)
RESDIFF_MAX_PDF_PAGES      300             pages read from one PDF
RESDIFF_MAX_DOCX_BYTES     100 MiB         decompressed size of one DOCX
RESDIFF_MAX_PARAGRAPHS     3000            paragraphs in one parsed document
RESDIFF_MAX_WORDS          150000          words in one parsed document
RESDIFF_MAX_COMPARE_WORDS  200000          words of all documents of one comparison
RESDIFF_MAX_SERIES         12              documents in one series
RESDIFF_COMPARE_SECONDS    20              time budget of one comparison or series and its
                                           report: past it, 413 ``comparison-too-large``
RESDIFF_PDF_INLINE_BYTES   100000          HTML of a PDF report rendered in the worker;
                                           a larger one renders in a child process that
                                           is killed when the time budget runs out
RESDIFF_TIMEOUT            120             seconds a gunicorn worker may spend on a request
RESDIFF_ODS_URL            documents.un.org  base URL of the UN Official Document System
RESDIFF_MIRROR             (none)          local folders searched before the UN system,
                                           separated by ``os.pathsep``
RESDIFF_FETCH_TIMEOUT      20              seconds for one download from the UN system
RESDIFF_FETCH_REDIRECTS    5               redirects followed by one download
=========================  ==============  ==============================================
"""

from __future__ import annotations

import importlib.util
import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = [
    "DEFAULTS",
    "Limits",
    "cache_bytes",
    "data_dir",
    "database_path",
    "database_url",
    "from_env",
    "instance_folder",
    "limits_from",
    "settings",
]

MiB = 1024 * 1024

DEFAULTS: dict[str, Any] = {
    "RESDIFF_DATA_DIR": None,
    "RESDIFF_DATABASE_URL": None,
    "RESDIFF_DATABASE_POOL": 8,
    "RESDIFF_CACHE_BYTES": 256 * MiB,
    "RESDIFF_AUTH": "auto",
    "RESDIFF_RATE_LIMIT": "30/minute;300/hour",
    "RESDIFF_PROXIES": 0,
    "RESDIFF_SESSION_HOURS": 12,
    "RESDIFF_SECRET_KEY": None,
    "MAX_CONTENT_LENGTH": 25 * MiB,
    "MAX_FORM_MEMORY_SIZE": 5 * MiB,
    "RESDIFF_MAX_FILE_BYTES": 20 * MiB,
    "RESDIFF_MAX_PDF_PAGES": 300,
    "RESDIFF_MAX_DOCX_BYTES": 100 * MiB,
    "RESDIFF_MAX_PARAGRAPHS": 3000,
    "RESDIFF_MAX_WORDS": 150_000,
    "RESDIFF_MAX_COMPARE_WORDS": 200_000,
    "RESDIFF_MAX_SERIES": 12,
    "RESDIFF_COMPARE_SECONDS": 20.0,
    "RESDIFF_PDF_INLINE_BYTES": 100_000,
    "RESDIFF_TIMEOUT": 120,
    "RESDIFF_ODS_URL": "https://documents.un.org",
    "RESDIFF_MIRROR": None,
    "RESDIFF_FETCH_TIMEOUT": 20.0,
    "RESDIFF_FETCH_REDIRECTS": 5,
}


def from_env(environ: Mapping[str, str] | None = None) -> dict[str, Any]:
    """The settings found in the environment, converted to the type of their default."""
    environ = os.environ if environ is None else environ
    found: dict[str, Any] = {}
    for name, default in DEFAULTS.items():
        raw = environ.get(name)
        if raw is None or raw == "":
            continue
        if isinstance(default, bool):
            found[name] = raw.lower() in {"1", "true", "yes", "on"}
        elif isinstance(default, int):
            found[name] = int(raw)
        elif isinstance(default, float):
            found[name] = float(raw)
        else:
            found[name] = raw
    return found


def settings(overrides: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """The settings in force: the defaults, then the environment, then ``overrides``."""
    return {**DEFAULTS, **from_env(), **(overrides or {})}


def instance_folder() -> Path:
    """Where the data lives when ``RESDIFF_DATA_DIR`` is not set.

    The folder ``instance/`` beside the ``service`` package in a checkout, and
    ``<prefix>/var/service.app-instance`` when resdiff is installed (in a virtual
    environment or the system): the folder Flask chose for the application of
    earlier versions, kept so that an upgrade finds its database again.
    """
    spec = importlib.util.find_spec("service")
    origin = spec.origin if spec is not None else None
    root = Path(origin).resolve().parent.parent if origin else Path.cwd()
    prefix = Path(sys.prefix).resolve()
    if root.is_relative_to(prefix):
        return prefix / "var" / "service.app-instance"
    if root.name.lower() == "site-packages":  # another environment's
        site_parent = root.parent
        if site_parent.name.lower() == "lib":  # prefix/lib/site-packages
            base = site_parent.parent
        elif site_parent.parent.name.lower() == "lib":  # prefix/lib/pythonX.Y/site-packages
            base = site_parent.parent.parent
        else:
            base = site_parent
        return base / "var" / "service.app-instance"
    return root / "instance"


def data_dir(settings: Mapping[str, Any]) -> Path:
    """The folder of the database: ``RESDIFF_DATA_DIR``, else :func:`instance_folder`."""
    folder = settings.get("RESDIFF_DATA_DIR")
    return Path(folder) if folder else instance_folder()


def database_path(settings: Mapping[str, Any]) -> Path:
    """The SQLite database of the service: the same file for ``resdiff serve`` and the CLI."""
    return data_dir(settings) / "resdiff.sqlite3"


def database_url(settings: Mapping[str, Any]) -> str:
    """The database of the service: ``RESDIFF_DATABASE_URL``, else the SQLite file of
    :func:`database_path` (the same for ``resdiff serve`` and the CLI)."""
    url = settings.get("RESDIFF_DATABASE_URL")
    return str(url) if url else str(database_path(settings))


def cache_bytes(settings: Mapping[str, Any]) -> int:
    """The size limit of the report cache (``RESDIFF_CACHE_BYTES``)."""
    return int(settings.get("RESDIFF_CACHE_BYTES") or DEFAULTS["RESDIFF_CACHE_BYTES"])


@dataclass(frozen=True)
class Limits:
    """The size limits applied to every document and comparison."""

    file_bytes: int = DEFAULTS["RESDIFF_MAX_FILE_BYTES"]
    pdf_pages: int = DEFAULTS["RESDIFF_MAX_PDF_PAGES"]
    docx_bytes: int = DEFAULTS["RESDIFF_MAX_DOCX_BYTES"]
    paragraphs: int = DEFAULTS["RESDIFF_MAX_PARAGRAPHS"]
    words: int = DEFAULTS["RESDIFF_MAX_WORDS"]
    compare_words: int = DEFAULTS["RESDIFF_MAX_COMPARE_WORDS"]
    series: int = DEFAULTS["RESDIFF_MAX_SERIES"]
    compare_seconds: float = DEFAULTS["RESDIFF_COMPARE_SECONDS"]
    pdf_inline_bytes: int = DEFAULTS["RESDIFF_PDF_INLINE_BYTES"]


def limits_from(settings: Mapping[str, Any]) -> Limits:
    """The :class:`Limits` of a settings mapping (a Flask config or :data:`DEFAULTS`)."""

    def get(name: str) -> int:
        return int(settings.get(name, DEFAULTS[name]))

    return Limits(
        file_bytes=get("RESDIFF_MAX_FILE_BYTES"),
        pdf_pages=get("RESDIFF_MAX_PDF_PAGES"),
        docx_bytes=get("RESDIFF_MAX_DOCX_BYTES"),
        paragraphs=get("RESDIFF_MAX_PARAGRAPHS"),
        words=get("RESDIFF_MAX_WORDS"),
        compare_words=get("RESDIFF_MAX_COMPARE_WORDS"),
        series=get("RESDIFF_MAX_SERIES"),
        compare_seconds=float(
            settings.get("RESDIFF_COMPARE_SECONDS", DEFAULTS["RESDIFF_COMPARE_SECONDS"])
        ),
        pdf_inline_bytes=get("RESDIFF_PDF_INLINE_BYTES"),
    )
