"""The server back end: PostgreSQL through psycopg 3, for several ingest jobs and analysts on one shared store.

Same tables and semantics as the SQLite store (migrations ``NNNN_name.postgresql.sql`` where the SQL differs):
one transaction per document, readers that never block the writer (MVCC), the schema version in
``sitrep_schema``, migrations serialised by a transaction-level advisory lock. Every text column is ``COLLATE
"C"`` so that exports sort exactly as SQLite's binary collation does, whatever the database's locale.
Fusion's blocking index is a GiST index over (day range, lat/lon box) of plain columns: PostgreSQL's built-in
generalised R-tree, so neither PostGIS nor any extension is needed (points and boxes in degrees are all blocking
asks for). PostgreSQL text cannot hold U+0000; such characters are written as U+FFFD (same length, so every
offset into the text stays right).
"""
from __future__ import annotations

import functools
import os
import re
import time
from typing import Any, Callable, Optional, Sequence
from urllib.parse import urlsplit

import psycopg

from .base import Store, StoreError
from .fusion import Box
from .target import redact

CONNECT_TIMEOUT_S = 10
LOCK_SPACE = 0x53495452          # 'SITR': the first key of Sitrep's advisory locks
RUN_LOCK, MIGRATION_LOCK = 1, 2  # the second key


def _password(url: str) -> Optional[str]:
    try:
        return urlsplit(url).password
    except ValueError:
        return None


def _one_line(e: BaseException, url: str) -> str:
    msg = " ".join(str(e).split())
    pw = _password(url)
    if pw:
        msg = msg.replace(pw, "***")
    return msg


def connect(url: str, *, readonly: bool = False, application_name: str = "sitrep"):
    """A psycopg connection in autocommit mode; a StoreError naming the database (never its password) when it
    cannot be reached."""
    kwargs: dict[str, Any] = {"autocommit": True, "application_name": application_name}
    if "connect_timeout" not in url:
        kwargs["connect_timeout"] = CONNECT_TIMEOUT_S
    try:
        conn = psycopg.connect(url, row_factory=_row_factory, **kwargs)
    except psycopg.Error as e:
        raise StoreError(f"{redact(url)}: cannot connect to the database ({_one_line(e, url)})") from None
    if readonly:
        conn.execute("SET default_transaction_read_only = on")
    return conn


# -- rows and placeholders --------------------------------------------------------------------------------
@functools.lru_cache(maxsize=512)
def _row_class(names: tuple[str, ...]) -> type:
    index = {n: i for i, n in enumerate(names)}

    class Row(tuple):
        """A tuple that also answers ``row["column"]`` and ``keys()``, as sqlite3.Row does."""
        __slots__ = ()

        def __getitem__(self, key):
            if isinstance(key, str):
                return tuple.__getitem__(self, index[key])
            return tuple.__getitem__(self, key)

        def keys(self) -> list[str]:
            return list(names)

    return Row


def _row_factory(cursor) -> Callable[[Sequence[Any]], Any]:
    desc = cursor.description
    if not desc:
        return tuple
    return _row_class(tuple(d.name for d in desc))


@functools.lru_cache(maxsize=2048)
def _pg_sql(sql: str) -> str:
    """``?`` placeholders (outside string literals and quoted names) to psycopg's ``%s``; literal ``%`` doubled."""
    out, quote = [], None
    for ch in sql:
        if quote:
            if ch == quote:
                quote = None
        elif ch in "'\"":
            quote = ch
        elif ch == "?":
            out.append("%s")
            continue
        out.append("%%" if ch == "%" else ch)
    return "".join(out)


def _clean(params: Sequence[Any]) -> tuple:
    return tuple(p.replace("\x00", "\ufffd") if isinstance(p, str) and "\x00" in p else p for p in params)


class PgConnection:
    """The store's connection: ``execute(sql, params)`` with ``?`` placeholders, like sqlite3's."""

    def __init__(self, raw):
        self.raw = raw

    def execute(self, sql: str, params: Sequence[Any] = ()):
        return self.raw.execute(_pg_sql(sql), _clean(params))

    def executemany(self, sql: str, seq: Sequence[Sequence[Any]]) -> None:
        rows = [_clean(p) for p in seq]
        if rows:
            with self.raw.cursor() as cur:
                cur.executemany(_pg_sql(sql), rows)   # psycopg pipelines the statements: one round trip

    def close(self) -> None:
        self.raw.close()


class PostgresStore(Store):
    dialect = "postgresql"
    IntegrityError = psycopg.IntegrityError
    DatabaseError = psycopg.DatabaseError
    INGEST_ORDER = "d.ingest_seq"

    def __init__(self, url: str, *, readonly: bool = False):
        self.url = url
        self.path = None
        self.conn = PgConnection(connect(url, readonly=readonly))
        try:
            if readonly:
                self._check_version(readonly=True)
            else:
                self.migrate()
        except psycopg.Error as e:
            self.conn.close()
            raise StoreError(f"{self.name}: not a usable Sitrep store ({_one_line(e, url)})") from None
        except StoreError:
            self.conn.close()
            raise

    @property
    def name(self) -> str:
        return redact(self.url)

    @property
    def schema_version(self) -> int:
        if self.conn.execute("SELECT to_regclass('sitrep_schema')").fetchone()[0] is None:
            return 0
        row = self.conn.execute("SELECT MAX(version) FROM sitrep_schema").fetchone()
        return row[0] or 0

    def _set_schema_version(self, version: int) -> None:
        self.conn.execute("DELETE FROM sitrep_schema")
        self.conn.execute("INSERT INTO sitrep_schema (version) VALUES (?)", (version,))

    def _begin(self) -> None:
        self.conn.execute("BEGIN")

    def bulk(self):
        return self.conn.raw.pipeline()

    def _lock_migrations(self) -> None:
        self.conn.execute("SELECT pg_advisory_xact_lock(?, ?)", (LOCK_SPACE, MIGRATION_LOCK))
        self.conn.execute("CREATE TABLE IF NOT EXISTS sitrep_schema (version INTEGER NOT NULL)")

    def table_names(self) -> list[str]:
        return [r[0] for r in self.conn.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() "
            "AND table_type = 'BASE TABLE' AND table_name != 'sitrep_schema' ORDER BY table_name")]

    def has_column(self, table: str, column: str) -> bool:
        return self.conn.execute(
            "SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = ? "
            "AND column_name = ?", (table, column)).fetchone() is not None

    def integrity_problems(self) -> list[str]:
        """PostgreSQL enforces foreign keys and constraints on every statement; what can still be wrong is an
        index left invalid (an interrupted CREATE INDEX CONCURRENTLY) or a table missing."""
        out = [f"index {r[0]} is invalid (rebuild it with REINDEX)" for r in self.conn.execute(
            "SELECT c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_namespace n ON "
            "n.oid = c.relnamespace WHERE n.nspname = current_schema() AND NOT (i.indisvalid AND i.indisready)")]
        have = set(self.table_names())
        for t in ("documents", "document_paths", "blocks", "sentences", "entities", "mentions", "events",
                  "event_sources", "claims", "evidence", "event_redirects"):
            if t not in have:
                out.append(f"table {t} is missing")
        return out

    # -- fusion -------------------------------------------------------------------------------------------
    def fusion_candidates(self, box: Box, loc_key: Optional[str], by_name: bool) -> list[str]:
        d0, d1, lat0, lat1, lon0, lon1 = box
        rows = self.conn.execute(
            "SELECT e.event_id FROM fusion_rtree t JOIN fusion_events e ON e.rid = t.rid "
            "WHERE int4range(t.day_lo, t.day_hi, '[]') && int4range(?::integer, ?::integer, '[]') "
            "AND box(point(t.lon_lo, t.lat_lo), point(t.lon_hi, t.lat_hi)) && box(point(?, ?), point(?, ?)) "
            + ("AND e.loc_key IS NOT DISTINCT FROM ? " if by_name else "") + "ORDER BY e.rid",
            (d0, d1, lon0, lat0, lon1, lat1, *([loc_key] if by_name else []))).fetchall()
        return [r[0] for r in rows]

    def _new_fusion_event(self, event_id: str, founder: str, loc_key: Optional[str], now: str) -> int:
        return self.conn.execute("INSERT INTO fusion_events (event_id, founder, loc_key, created_at) "
                                 "VALUES (?, ?, ?, ?) RETURNING rid", (event_id, founder, loc_key, now)).fetchone()[0]


class PgRunLock:
    """One ``sitrep run`` per database: a session-level advisory lock held on a connection of its own for the
    whole batch. The server releases it when that session ends in any way (the holder's process killed, its
    connection dropped), so a crashed run never leaves a stale lock. The holder names itself in
    ``application_name`` so that a waiting run can say who it waits for."""

    def __init__(self, url: str):
        self.url = url
        self.conn = None

    def holder(self) -> str:
        try:
            row = self.conn.execute(
                "SELECT a.application_name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid "
                "WHERE l.locktype = 'advisory' AND l.granted AND l.classid = %s AND l.objid = %s "
                "AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())",
                (LOCK_SPACE, RUN_LOCK)).fetchone()
        except Exception:  # noqa: BLE001 - naming the holder is a courtesy
            row = None
        m = re.search(r"pid (\d+)", row[0]) if row and row[0] else None
        return f"pid {m.group(1)}" if m else "another process"

    def acquire(self, wait: bool = True, on_wait: Callable[[str], None] = lambda msg: None,
                timeout: Optional[float] = None, poll: float = 0.2) -> None:
        from .runlock import StoreBusy

        self.conn = connect(self.url, application_name=f"sitrep run (pid {os.getpid()})")
        told = False
        start = time.monotonic()
        while not self.conn.execute("SELECT pg_try_advisory_lock(%s, %s)", (LOCK_SPACE, RUN_LOCK)).fetchone()[0]:
            who = self.holder()
            if not wait:
                self.release()
                raise StoreBusy(f"another `sitrep run` ({who}) is writing to this store; "
                                f"try again when it has finished (or run without --no-wait to wait)")
            if timeout is not None and time.monotonic() - start > timeout:
                self.release()
                raise StoreBusy(f"another `sitrep run` ({who}) still holds this store after {timeout:g} s")
            if not told:
                on_wait(f"another `sitrep run` ({who}) is writing to this store; waiting for it to finish "
                        f"(Ctrl-C to stop; --no-wait refuses instead)")
                told = True
            time.sleep(poll)

    def release(self) -> None:
        if self.conn is not None:
            try:
                self.conn.close()   # ending the session releases its advisory locks
            finally:
                self.conn = None

    def __enter__(self) -> "PgRunLock":
        self.acquire()
        return self

    def __exit__(self, *exc) -> None:
        self.release()
