"""The embedded back end (the default): one SQLite file.

SQLite rather than DuckDB: the pipeline writes many small transactions (one per document) and must survive a
kill mid-batch and serve reads while a run writes; SQLite's write-ahead log gives atomic commits, readers that
never block the writer, and a busy timeout for a second writer. DuckDB is built for analytical scans over
columns and allows one writing process at a time; it is the better tool for reading a store's export, not for
being the store. The schema version is ``PRAGMA user_version``; fusion's blocking index is an R*Tree.
"""
from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Optional

from .base import DEFAULT_DB, Store, StoreError
from .fusion import Box

BUSY_TIMEOUT_MS = 60_000


class SQLiteStore(Store):
    dialect = "sqlite"
    IntegrityError = sqlite3.IntegrityError
    DatabaseError = sqlite3.DatabaseError
    INGEST_ORDER = "d.rowid"

    def __init__(self, path: str | Path = DEFAULT_DB, *, readonly: bool = False):
        self.path = Path(path)
        try:
            if readonly:
                if not self.path.exists():
                    raise StoreError(f"{self.path}: no such store (run `sitrep run` first)")
                self.conn = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_MS / 1000,
                                            isolation_level=None, check_same_thread=False)
            else:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                self.conn = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None,
                                            check_same_thread=False)
            self.conn.row_factory = sqlite3.Row
            self.conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            self.conn.execute("PRAGMA foreign_keys = ON")
            if not readonly:
                self.conn.execute("PRAGMA journal_mode = WAL")
                self.conn.execute("PRAGMA synchronous = NORMAL")
                self.migrate()
            else:
                self._check_version(readonly=True)
        except sqlite3.DatabaseError as e:
            raise StoreError(f"{self.path}: not a usable Sitrep store ({e})") from e

    @property
    def name(self) -> str:
        return str(self.path)

    @property
    def schema_version(self) -> int:
        return self.conn.execute("PRAGMA user_version").fetchone()[0]

    def _set_schema_version(self, version: int) -> None:
        self.conn.execute(f"PRAGMA user_version = {int(version)}")

    def _begin(self) -> None:
        self.conn.execute("BEGIN IMMEDIATE")   # take the write lock now: no deadlock between two writers

    def table_names(self) -> list[str]:
        return [r[0] for r in self.conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "AND name NOT LIKE 'fusion_rtree_%' ORDER BY name")]

    def has_column(self, table: str, column: str) -> bool:
        return any(r[1] == column for r in self.conn.execute(f"PRAGMA table_info({table})"))

    def integrity_problems(self) -> list[str]:
        out = []
        integrity = [row[0] for row in self.conn.execute("PRAGMA integrity_check")]
        if integrity != ["ok"]:
            out.append(f"integrity_check: {'; '.join(integrity[:5])}")
        for row in self.conn.execute("PRAGMA foreign_key_check"):
            out.append(f"foreign key: table {row[0]} rowid {row[1]} -> {row[2]}")
        return out

    # -- fusion -------------------------------------------------------------------------------------------
    def fusion_candidates(self, box: Box, loc_key: Optional[str], by_name: bool) -> list[str]:
        rows = self.conn.execute(
            "SELECT e.event_id FROM fusion_rtree t JOIN fusion_events e ON e.rid = t.rid WHERE t.day_hi >= ? AND "
            "t.day_lo <= ? AND t.lat_hi >= ? AND t.lat_lo <= ? AND t.lon_hi >= ? AND t.lon_lo <= ? "
            + ("AND e.loc_key IS ? " if by_name else "") + "ORDER BY e.rid",
            (*box, *([loc_key] if by_name else []))).fetchall()
        return [r[0] for r in rows]

    def _new_fusion_event(self, event_id: str, founder: str, loc_key: Optional[str], now: str) -> int:
        return self.conn.execute("INSERT INTO fusion_events (event_id, founder, loc_key, created_at) VALUES (?, ?, ?, ?)",
                                 (event_id, founder, loc_key, now)).lastrowid
