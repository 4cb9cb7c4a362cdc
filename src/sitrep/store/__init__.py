"""The embedded store: one SQLite file, a versioned schema with forward migrations, one transaction per document.

SQLite rather than DuckDB: the pipeline writes many small transactions (one per document) and must survive a
kill mid-batch and serve reads while a run writes; SQLite's write-ahead log gives atomic commits, readers that
never block the writer, and a busy timeout for a second writer. DuckDB is built for analytical scans over
columns and allows one writing process at a time; it is the better tool for reading a store's export, not for
being the store.
"""
from __future__ import annotations

import datetime as dt
import json
import re
import sqlite3
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import Iterator, Optional

from ..models import ProcessedDocument, RawDocument

DEFAULT_DB = "sitrep.db"
BUSY_TIMEOUT_MS = 60_000


class StoreError(Exception):
    pass


def migrations() -> list[tuple[int, str, str]]:
    folder = resources.files("sitrep.store") / "migrations"
    out = []
    for entry in folder.iterdir():
        m = re.match(r"(\d{4})_(\w+)\.sql$", entry.name)
        if m:
            out.append((int(m.group(1)), m.group(2), entry.read_text(encoding="utf-8")))
    return sorted(out)


class Store:
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

    # -- schema -------------------------------------------------------------------------------------------
    @property
    def schema_version(self) -> int:
        return self.conn.execute("PRAGMA user_version").fetchone()[0]

    def _check_version(self, readonly: bool = False) -> None:
        latest = migrations()[-1][0]
        if readonly and self.schema_version == 0:
            raise StoreError(f"{self.path}: not a Sitrep store (no schema; run `sitrep run` to create one)")
        if self.schema_version > latest:
            raise StoreError(f"{self.path}: schema {self.schema_version} is newer than this Sitrep ({latest}); upgrade")

    def migrate(self) -> None:
        self._check_version()
        for version, name, sql in migrations():
            if version <= self.schema_version:
                continue
            with self.transaction():
                if version <= self.schema_version:  # another process migrated while we waited for the lock
                    continue
                for stmt in _split_sql(sql):
                    self.conn.execute(stmt)
                self.conn.execute(f"PRAGMA user_version = {version}")

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """BEGIN IMMEDIATE ... COMMIT: all of it lands or none of it does."""
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        else:
            self.conn.execute("COMMIT")

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- documents ----------------------------------------------------------------------------------------
    def document_state(self, doc_id: str) -> Optional[str]:
        row = self.conn.execute("SELECT pipeline_version FROM documents WHERE doc_id = ?", (doc_id,)).fetchone()
        return row[0] if row else None

    def add_path(self, path: str, doc_id: str) -> bool:
        """Record that ``path`` holds ``doc_id``; supersede what the path held before. True when anything changed."""
        with self.transaction() as c:
            return self._link_path(c, path, doc_id)

    def _link_path(self, c: sqlite3.Connection, path: str, doc_id: str) -> bool:
        if c.execute("SELECT 1 FROM document_paths WHERE path = ? AND doc_id = ?", (path, doc_id)).fetchone():
            return False
        c.execute("INSERT INTO document_paths (path, doc_id) VALUES (?, ?)", (path, doc_id))
        # the newest content read from a path supersedes every older version that came only from that path
        for (old,) in c.execute("SELECT doc_id FROM document_paths WHERE path = ? AND doc_id != ?", (path, doc_id)).fetchall():
            others = c.execute("SELECT COUNT(*) FROM document_paths WHERE doc_id = ? AND path != ?", (old, path)).fetchone()[0]
            if not others:
                c.execute("UPDATE documents SET superseded_by = ? WHERE doc_id = ? AND superseded_by IS NULL", (doc_id, old))
        c.execute("UPDATE documents SET superseded_by = NULL WHERE doc_id = ?", (doc_id,))
        return True

    def write_document(self, raw: RawDocument, processed: ProcessedDocument, pipeline_version: str) -> None:
        """Write a document and everything derived from it in one transaction, replacing older derivations."""
        doc = processed.doc
        with self.transaction() as c:
            exists = c.execute("SELECT ingested_at FROM documents WHERE doc_id = ?", (doc.doc_id,)).fetchone()
            ingested_at = exists[0] if exists else dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
            for table in ("blocks", "sentences", "entities"):
                c.execute(f"DELETE FROM {table} WHERE doc_id = ?", (doc.doc_id,))
            c.execute("DELETE FROM mentions WHERE doc_id = ?", (doc.doc_id,))
            c.execute(
                """INSERT INTO documents (doc_id, path, kind, container, url, title, outlet, published, published_from,
                       language, text, raw, meta_json, pipeline_version, superseded_by, ingested_at)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?)
                   ON CONFLICT (doc_id) DO UPDATE SET kind = excluded.kind, container = excluded.container,
                       url = excluded.url, title = excluded.title, outlet = excluded.outlet,
                       published = excluded.published, published_from = excluded.published_from,
                       language = excluded.language, text = excluded.text, raw = excluded.raw,
                       meta_json = excluded.meta_json, pipeline_version = excluded.pipeline_version""",
                (doc.doc_id, doc.path, raw.kind, raw.container, doc.url, doc.title, doc.outlet,
                 doc.published.isoformat() if doc.published else None, doc.published_from, doc.language, doc.text,
                 raw.content, raw.meta.model_dump_json(exclude_none=True), pipeline_version, ingested_at),
            )
            c.executemany(
                'INSERT INTO blocks (doc_id, idx, label, reason, language, start, "end", text) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
                [(doc.doc_id, b.index, b.label, b.reason, b.language, b.start, b.end, b.text) for b in doc.blocks],
            )
            sents = processed.annotated.sentences
            c.executemany('INSERT INTO sentences (doc_id, idx, start, "end", language) VALUES (?, ?, ?, ?, ?)',
                          [(doc.doc_id, s.index, s.start, s.end, s.language) for s in sents])
            c.executemany(
                'INSERT OR IGNORE INTO entities (doc_id, sent_idx, start, "end", label, kb_id, text) VALUES (?, ?, ?, ?, ?, ?, ?)',
                [(doc.doc_id, s.index, e.start, e.end, e.label, e.kb_id, e.text) for s in sents for e in s.entities],
            )
            for i, m in enumerate(processed.mentions):
                mid = f"{doc.doc_id}:{i}"
                c.execute("INSERT INTO mentions (mention_id, doc_id, idx, data_json) VALUES (?, ?, ?, ?)",
                          (mid, doc.doc_id, i, m.model_dump_json()))
                c.executemany(
                    "INSERT INTO claims (mention_id, idx, doc_id, kind, claimant, value_json, quote) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    [(mid, j, cl.doc_id, cl.kind, cl.claimant, json.dumps(cl.value), cl.quote) for j, cl in enumerate(m.claims)],
                )
                c.executemany(
                    'INSERT INTO evidence (mention_id, idx, doc_id, start, "end", text) VALUES (?, ?, ?, ?, ?, ?)',
                    [(mid, j, ev.doc_id, ev.start, ev.end, ev.text) for j, ev in enumerate(m.evidence)],
                )
            self._link_path(c, raw.path, doc.doc_id)

    def documents(self, include_superseded: bool = False) -> Iterator[sqlite3.Row]:
        sql = "SELECT * FROM documents"
        if not include_superseded:
            sql += " WHERE superseded_by IS NULL"
        yield from self.conn.execute(sql + " ORDER BY path, doc_id")

    def blocks(self, doc_id: str) -> list[sqlite3.Row]:
        return self.conn.execute("SELECT * FROM blocks WHERE doc_id = ? ORDER BY idx", (doc_id,)).fetchall()

    # -- events -------------------------------------------------------------------------------------------
    def events(self) -> Iterator[dict]:
        for row in self.conn.execute("SELECT data_json FROM events ORDER BY event_date IS NULL, event_date, event_id"):
            yield json.loads(row[0])

    def counts(self) -> dict[str, int]:
        tables = ["documents", "blocks", "sentences", "entities", "mentions", "events", "claims", "evidence"]
        return {t: self.conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in tables}


def _split_sql(script: str) -> list[str]:
    """Statements of a migration script (no triggers with inner semicolons in our migrations)."""
    body = re.sub(r"--[^\n]*", "", script)  # our migrations hold no '--' inside string literals
    return [s.strip() for s in body.split(";") if s.strip()]
