"""The store: a versioned schema with forward migrations, one transaction per document, on one of two back ends.

- SQLite (the default, :mod:`.sqlite`): one embedded file, nothing to install or run.
- PostgreSQL (:mod:`.postgres`): ``--db postgresql://user@host:port/dbname``, for several ingest jobs and analysts
  on one shared server store.

``Store(target)`` opens either (``target``: a file path or a ``postgresql://`` URL); both answer the same
interface (:class:`.base.Store`), so nothing outside this package knows which engine holds the data.
"""
from __future__ import annotations

from .base import DEFAULT_DB, DIALECTS, Store, StoreError, migrations, split_sql
from .target import backend_for, is_url, redact

_split_sql = split_sql  # the name tests and older callers use

__all__ = ["DEFAULT_DB", "DIALECTS", "Store", "StoreError", "migrations", "split_sql", "backend_for", "is_url",
           "redact", "open_store"]


def open_store(target=DEFAULT_DB, *, readonly: bool = False) -> Store:
    return Store(target, readonly=readonly)
