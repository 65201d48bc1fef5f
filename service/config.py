"""Settings and limits of the resdiff service, with their documented defaults.

Every setting can be overridden by an environment variable of the same name
(``RESDIFF_MAX_PARAGRAPHS=5000``), or by ``create_app(test_config)``.

===========================  ===============  ============================================
setting                      default          meaning
===========================  ===============  ============================================
RESDIFF_DATA_DIR             instance folder  where the SQLite database lives (see :func:`data_dir`)
*the store and accounts*
RESDIFF_DATABASE_URL         (none)           ``postgresql://user:password@host/db`` puts the
                                              whole store on PostgreSQL (several servers, one
                                              database); none: the SQLite file
                                              ``resdiff.sqlite3`` of the data folder
RESDIFF_DATABASE_POOL        8                PostgreSQL connections kept by each worker
RESDIFF_CACHE_BYTES          256 MiB          total size of the cached reports; past it the
                                              least recently used are evicted
RESDIFF_AUTH                 auto             ``auto``: requests are authenticated as soon as
                                              one account exists (``resdiff user add``);
                                              ``required``: always, even before the first
RESDIFF_RATE_LIMIT           30/min;300/hour  requests per user (per address without
                                              accounts) to the expensive endpoints: PDF and
                                              Word reports, series; 429 with Retry-After
RESDIFF_PROXIES              0                reverse proxies in front of the service whose
                                              ``X-Forwarded-For``/``-Proto``/``-Host`` are
                                              trusted (1 behind one nginx): HTTPS then makes
                                              the session cookie ``Secure``
RESDIFF_SESSION_HOURS        12               how long a web sign-in lasts
RESDIFF_SECRET_KEY           (made once)      signs the session cookies and CSRF tokens; made
                                              at random and kept in the database (so every
                                              server on one database shares it) unless given
*requests*
MAX_CONTENT_LENGTH           25 MiB           largest request body (413 from Content-Length)
MAX_FORM_MEMORY_SIZE         5 MiB            largest text field of a form (a pasted text)
MAX_FORM_PARTS               1000             parts of one multipart form (files and fields)
RESDIFF_MAX_UPLOAD_FILES     10               files in one upload of the web form
RESDIFF_MAX_JSON_DEPTH       32               nesting of arrays and objects in a JSON body
RESDIFF_MAX_JSON_DIGITS      30               digits of one number in a JSON body
*documents*
RESDIFF_MAX_FILE_BYTES       20 MiB           largest document file (upload, mirror, fetch),
                                              and largest text read out of a PDF or DOCX
RESDIFF_MAX_PDF_PAGES        300              pages read from one PDF
RESDIFF_MAX_PDF_INFLATED     128 MiB          bytes the compressed streams of one PDF may
                                              inflate to (counted before PDFium reads it)
RESDIFF_MAX_PDF_OBJECTS      200000           objects in one PDF
RESDIFF_MAX_DOCX_BYTES       100 MiB          decompressed size of one DOCX
RESDIFF_MAX_DOCX_ELEMENTS    1000000          XML elements of one DOCX (counted while read)
RESDIFF_MAX_PARAGRAPHS       3000             paragraphs in one parsed document; a text
                                              with over 4 times as many paragraph starts
                                              (blocks and numbered lines) is refused
                                              before it is parsed
RESDIFF_MAX_WORDS            150000           words in one parsed document (a text with
                                              over twice as many is refused unparsed)
RESDIFF_MAX_COMPARE_WORDS    200000           words of all documents of one comparison
RESDIFF_MAX_SERIES           12               documents in one series
*time*
RESDIFF_COMPARE_SECONDS      20               time budget of one comparison or series and its
                                              report, and of reading one uploaded document,
                                              counted from the start of the work (not the
                                              wait for a worker process): past it, 413
RESDIFF_QUEUE_SECONDS        10               longest wait for a worker process: past it,
                                              503 with ``Retry-After``
RESDIFF_QUEUE_LENGTH         32               requests waiting for a worker process at once
                                              (more: 503 at once)
RESDIFF_TIMEOUT              120              seconds a gunicorn worker may stay silent
RESDIFF_HEADER_SECONDS       10               to receive the headers of a request
RESDIFF_READ_SECONDS         10               between two reads of a request body
RESDIFF_BODY_SECONDS         120              to receive a whole request body
RESDIFF_SEND_SECONDS         60               to send one answer to a client
*processes and memory*
RESDIFF_PROCESSES            0 (= cores)      worker processes that read documents and render
                                              PDF and Word reports (one job each at a time)
RESDIFF_PROCESS_MEMORY       1536 MiB         address space of each such process
RESDIFF_WORKER_MEMORY        3 GiB            address space of each web worker (gunicorn)
RESDIFF_POOL_SOCKET          (none)           the pool server of ``resdiff serve`` (set by it)
*the UN document system*
RESDIFF_ODS_URL              documents.un.org base URL of the UN Official Document System
RESDIFF_ODS_HOSTS            UN hosts         hosts a download may be redirected to, separated
                                              by spaces or commas (``.un.org``: any
                                              subdomain); the host of RESDIFF_ODS_URL always
RESDIFF_MIRROR               (none)           local folders searched before the UN system,
                                              separated by ``os.pathsep``
RESDIFF_FETCH_TIMEOUT        20               seconds for one download from the UN system, in
                                              all (connecting, redirects, headers and body)
RESDIFF_FETCH_REDIRECTS      5                redirects followed by one download
===========================  ===============  ============================================

A size of 0 for RESDIFF_PROCESS_MEMORY or RESDIFF_WORKER_MEMORY means no limit.
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
    "PoolSettings",
    "cache_bytes",
    "data_dir",
    "database_path",
    "database_url",
    "from_env",
    "instance_folder",
    "limits_from",
    "pool_from",
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
    "MAX_FORM_PARTS": 1000,
    "RESDIFF_MAX_UPLOAD_FILES": 10,
    "RESDIFF_MAX_JSON_DEPTH": 32,
    "RESDIFF_MAX_JSON_DIGITS": 30,
    "RESDIFF_MAX_FILE_BYTES": 20 * MiB,
    "RESDIFF_MAX_PDF_PAGES": 300,
    "RESDIFF_MAX_PDF_INFLATED": 128 * MiB,
    "RESDIFF_MAX_PDF_OBJECTS": 200_000,
    "RESDIFF_MAX_DOCX_BYTES": 100 * MiB,
    "RESDIFF_MAX_DOCX_ELEMENTS": 1_000_000,
    "RESDIFF_MAX_PARAGRAPHS": 3000,
    "RESDIFF_MAX_WORDS": 150_000,
    "RESDIFF_MAX_COMPARE_WORDS": 200_000,
    "RESDIFF_MAX_SERIES": 12,
    "RESDIFF_COMPARE_SECONDS": 20.0,
    "RESDIFF_QUEUE_SECONDS": 10.0,
    "RESDIFF_QUEUE_LENGTH": 32,
    "RESDIFF_TIMEOUT": 120,
    "RESDIFF_HEADER_SECONDS": 10.0,
    "RESDIFF_READ_SECONDS": 10.0,
    "RESDIFF_BODY_SECONDS": 120.0,
    "RESDIFF_SEND_SECONDS": 60.0,
    "RESDIFF_PROCESSES": 0,
    "RESDIFF_PROCESS_MEMORY": 1536 * MiB,
    "RESDIFF_WORKER_MEMORY": 3 * 1024 * MiB,
    "RESDIFF_POOL_SOCKET": None,
    "RESDIFF_ODS_URL": "https://documents.un.org",
    "RESDIFF_ODS_HOSTS": "documents.un.org documents-dds-ny.un.org daccess-ods.un.org undocs.org",
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
    pdf_inflated: int = DEFAULTS["RESDIFF_MAX_PDF_INFLATED"]
    pdf_objects: int = DEFAULTS["RESDIFF_MAX_PDF_OBJECTS"]
    docx_bytes: int = DEFAULTS["RESDIFF_MAX_DOCX_BYTES"]
    docx_elements: int = DEFAULTS["RESDIFF_MAX_DOCX_ELEMENTS"]
    paragraphs: int = DEFAULTS["RESDIFF_MAX_PARAGRAPHS"]
    words: int = DEFAULTS["RESDIFF_MAX_WORDS"]
    compare_words: int = DEFAULTS["RESDIFF_MAX_COMPARE_WORDS"]
    series: int = DEFAULTS["RESDIFF_MAX_SERIES"]
    compare_seconds: float = DEFAULTS["RESDIFF_COMPARE_SECONDS"]


def limits_from(settings: Mapping[str, Any]) -> Limits:
    """The :class:`Limits` of a settings mapping (a Flask config or :data:`DEFAULTS`)."""

    def get(name: str) -> int:
        return int(settings.get(name, DEFAULTS[name]))

    return Limits(
        file_bytes=get("RESDIFF_MAX_FILE_BYTES"),
        pdf_pages=get("RESDIFF_MAX_PDF_PAGES"),
        pdf_inflated=get("RESDIFF_MAX_PDF_INFLATED"),
        pdf_objects=get("RESDIFF_MAX_PDF_OBJECTS"),
        docx_bytes=get("RESDIFF_MAX_DOCX_BYTES"),
        docx_elements=get("RESDIFF_MAX_DOCX_ELEMENTS"),
        paragraphs=get("RESDIFF_MAX_PARAGRAPHS"),
        words=get("RESDIFF_MAX_WORDS"),
        compare_words=get("RESDIFF_MAX_COMPARE_WORDS"),
        series=get("RESDIFF_MAX_SERIES"),
        compare_seconds=float(
            settings.get("RESDIFF_COMPARE_SECONDS", DEFAULTS["RESDIFF_COMPARE_SECONDS"])
        ),
    )


@dataclass(frozen=True)
class PoolSettings:
    """How many worker processes read documents and render reports, and their bounds."""

    processes: int = 0  # 0: one per core
    memory: int = DEFAULTS["RESDIFF_PROCESS_MEMORY"]
    queue_seconds: float = DEFAULTS["RESDIFF_QUEUE_SECONDS"]
    queue_length: int = DEFAULTS["RESDIFF_QUEUE_LENGTH"]

    @property
    def size(self) -> int:
        return self.processes if self.processes > 0 else max(1, os.cpu_count() or 1)


def pool_from(settings: Mapping[str, Any]) -> PoolSettings:
    """The :class:`PoolSettings` of a settings mapping."""
    return PoolSettings(
        processes=int(settings.get("RESDIFF_PROCESSES", 0) or 0),
        memory=int(settings.get("RESDIFF_PROCESS_MEMORY", DEFAULTS["RESDIFF_PROCESS_MEMORY"]) or 0),
        queue_seconds=float(
            settings.get("RESDIFF_QUEUE_SECONDS", DEFAULTS["RESDIFF_QUEUE_SECONDS"])
        ),
        queue_length=int(settings.get("RESDIFF_QUEUE_LENGTH", DEFAULTS["RESDIFF_QUEUE_LENGTH"])),
    )
