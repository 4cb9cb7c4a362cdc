"""Store back ends for tests parametrised over SQLite and PostgreSQL: the same assertions on both.

A *target* is what ``--db`` takes: a SQLite file path or a ``postgresql://`` URL of a database on the session's
test server (tests/pg_server.py, started once, only when a PostgreSQL test runs).
"""
from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from sitrep.store import Store, is_url

BACKENDS = ("sqlite", "postgresql")


def query(target: Any, sql: str, params: tuple = ()) -> list[tuple]:
    """Rows of a read-only query (``?`` placeholders) on either back end."""
    with Store(target, readonly=True) as s:
        return [tuple(r) for r in s.conn.execute(sql, params).fetchall()]


def count(target: Any, table: str) -> int:
    return query(target, f"SELECT COUNT(*) FROM {table}")[0][0]


def stored_documents(target: Any) -> int:
    """Documents stored so far (0 before the schema exists); cheap enough to poll."""
    if is_url(target):
        import psycopg

        try:
            with psycopg.connect(target, autocommit=True, connect_timeout=10) as conn:
                return conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
        except psycopg.errors.UndefinedTable:
            return 0
    db = Path(target)
    if not db.exists():
        return 0
    try:
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=10)
        try:
            return con.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
        finally:
            con.close()
    except sqlite3.OperationalError:  # schema not created yet
        return 0


def copy_store(target: Any, tmp_path: Path, pg=None) -> Any:
    """A copy of a store to write into: a file copy, or a database made from the original as a template."""
    if is_url(target):
        return pg.create_database(template=target.rsplit("/", 1)[1])
    dst = tmp_path / f"copy-{Path(target).name}"
    src, out = sqlite3.connect(target), sqlite3.connect(dst)
    src.backup(out)
    src.close()
    out.close()
    return dst


def raw_connection(target: Any):
    """A connection with no Sitrep schema logic (``execute`` with ``?`` placeholders, autocommit), to build old
    or foreign stores by hand."""
    if is_url(target):
        from sitrep.store.postgres import PgConnection, connect
        return PgConnection(connect(target))
    return sqlite3.connect(target, isolation_level=None)


def set_schema_version(conn, target: Any, version: int) -> None:
    if is_url(target):
        conn.execute("CREATE TABLE IF NOT EXISTS sitrep_schema (version INTEGER NOT NULL)")
        conn.execute("DELETE FROM sitrep_schema")
        conn.execute("INSERT INTO sitrep_schema (version) VALUES (?)", (version,))
    else:
        conn.execute(f"PRAGMA user_version = {int(version)}")


