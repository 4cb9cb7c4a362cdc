"""Which back end a ``--db`` value names, and how to name it in messages (never with a password)."""
from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit, urlunsplit

URL_SCHEMES = ("postgresql://", "postgres://")


def is_url(target: Any) -> bool:
    """A PostgreSQL connection URL (anything else is a SQLite file path)."""
    return isinstance(target, str) and target.startswith(URL_SCHEMES)


def redact(target: Any) -> str:
    """``target`` as messages show it: a URL without its password (nor query parameters, which may carry one)."""
    if not is_url(target):
        return str(target)
    try:
        parts = urlsplit(target)
        host = parts.hostname or ""
        if ":" in host:
            host = f"[{host}]"
        netloc = (f"{parts.username}@" if parts.username else "") + host + (f":{parts.port}" if parts.port else "")
        return urlunsplit((parts.scheme, netloc, parts.path, "", ""))
    except ValueError:
        return re.sub(r"//[^@/]*@", "//***@", target.split("?", 1)[0])


def backend_for(target: Any) -> type:
    """The Store class for ``target`` (imports psycopg only for a server store)."""
    if is_url(target):
        from .postgres import PostgresStore
        return PostgresStore
    from .sqlite import SQLiteStore
    return SQLiteStore
