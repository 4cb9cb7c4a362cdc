"""What every store does, in SQL both back ends speak: documents written in one transaction each, events read
back, the schema's version and its forward migrations.

Back ends (:mod:`.sqlite`, :mod:`.postgres`) supply the connection (``self.conn``: ``execute(sql, params)`` with
``?`` placeholders, rows indexable by position and by column name), the schema version's storage, how a
transaction begins, and the few statements whose SQL differs (:class:`.fusion.FusionTables` names them). Callers
(pipeline, fusion, queries, exports, the web app, ``sitrep check``) only call methods of this interface and
never learn which engine is behind it.
"""
from __future__ import annotations

import datetime as dt
import json
import re
from contextlib import contextmanager, nullcontext
from importlib import resources
from typing import Any, ContextManager, Iterator, Optional

from ..models import ProcessedDocument, RawDocument
from .fusion import FusionTables
from .reads import Reads

DEFAULT_DB = "sitrep.db"
DIALECTS = ("sqlite", "postgresql")


class StoreError(Exception):
    pass


def migrations(dialect: str = "sqlite") -> list[tuple[int, str, str]]:
    """The numbered migrations for one back end: ``NNNN_name.DIALECT.sql`` where the SQL differs, else the
    ``NNNN_name.sql`` both back ends run. One numbered sequence: version N means the same tables everywhere."""
    if dialect not in DIALECTS:
        raise ValueError(f"unknown dialect {dialect!r}")
    folder = resources.files("sitrep.store") / "migrations"
    found: dict[int, dict[Optional[str], tuple[str, str]]] = {}
    for entry in folder.iterdir():
        m = re.match(r"(\d{4})_(\w+?)(?:\.(sqlite|postgresql))?\.sql$", entry.name)
        if m:
            found.setdefault(int(m.group(1)), {})[m.group(3)] = (m.group(2), entry.read_text(encoding="utf-8"))
    out = []
    for version, variants in sorted(found.items()):
        name, sql = variants.get(dialect) or variants.get(None) or (None, None)
        if sql is None:
            raise StoreError(f"migration {version:04d} has no SQL for {dialect} (nor a common .sql file)")
        out.append((version, name, sql))
    return out


def split_sql(script: str) -> list[str]:
    """Statements of a migration script (no triggers or functions with inner semicolons in our migrations)."""
    body = re.sub(r"--[^\n]*", "", script)  # our migrations hold no '--' inside string literals
    return [s.strip() for s in body.split(";") if s.strip()]


class Store(FusionTables, Reads):
    """``Store(target)``: ``target`` is a SQLite file path, or a ``postgresql://user@host:port/dbname`` URL."""

    dialect = ""
    IntegrityError: type = Exception   # the engine's error for a broken constraint
    DatabaseError: type = Exception    # the engine's base error class
    conn: Any

    def __new__(cls, target: Any = DEFAULT_DB, *, readonly: bool = False):
        if cls is Store:
            from .target import backend_for

            cls = backend_for(target)
        return super().__new__(cls)

    # -- back-end hooks -----------------------------------------------------------------------------------
    @property
    def name(self) -> str:
        """How messages name this store (a URL without its password)."""
        raise NotImplementedError

    @property
    def schema_version(self) -> int:
        raise NotImplementedError

    def _set_schema_version(self, version: int) -> None:
        raise NotImplementedError

    def _begin(self) -> None:
        raise NotImplementedError

    def _lock_migrations(self) -> None:
        """Inside the migration's transaction: keep a second process from migrating at the same time."""

    def bulk(self) -> ContextManager:
        """Inside a transaction, around many statements: the back end may send them in batches (PostgreSQL's
        pipeline mode: one round trip per batch instead of one per statement). Statements still run in order
        and every result read is there when read; an error surfaces at the latest when the block ends."""
        return nullcontext()

    def table_names(self) -> list[str]:
        raise NotImplementedError

    def has_column(self, table: str, column: str) -> bool:
        raise NotImplementedError

    def integrity_problems(self) -> list[str]:
        """The engine's own consistency checks (``sitrep check``)."""
        return []

    def close(self) -> None:
        self.conn.close()

    # -- schema -------------------------------------------------------------------------------------------
    def _check_version(self, readonly: bool = False) -> None:
        latest = migrations(self.dialect)[-1][0]
        if readonly and self.schema_version == 0:
            raise StoreError(f"{self.name}: not a Sitrep store (no schema; run `sitrep run` to create one)")
        if self.schema_version > latest:
            raise StoreError(f"{self.name}: schema {self.schema_version} is newer than this Sitrep ({latest}); upgrade")

    def migrate(self) -> None:
        self._check_version()
        for version, _name, sql in migrations(self.dialect):
            if version <= self.schema_version:
                continue
            with self.transaction():
                self._lock_migrations()
                if version <= self.schema_version:  # another process migrated while we waited for the lock
                    continue
                for stmt in split_sql(sql):
                    self.conn.execute(stmt)
                self._set_schema_version(version)

    @contextmanager
    def transaction(self) -> Iterator[Any]:
        """All of it lands or none of it does."""
        self._begin()
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        else:
            self.conn.execute("COMMIT")

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

    def _link_path(self, c, path: str, doc_id: str) -> bool:
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
        with self.transaction() as c, self.bulk():
            exists = c.execute("SELECT ingested_at FROM documents WHERE doc_id = ?", (doc.doc_id,)).fetchone()
            ingested_at = exists[0] if exists else dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
            for table in ("blocks", "sentences", "entities"):
                c.execute(f"DELETE FROM {table} WHERE doc_id = ?", (doc.doc_id,))
            c.execute("DELETE FROM mentions WHERE doc_id = ?", (doc.doc_id,))
            c.execute(
                """INSERT INTO documents (doc_id, path, kind, container, url, title, outlet, published, published_from,
                       language, text, raw, meta_json, pipeline_version, superseded_by, ingested_at, main_mention)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?)
                   ON CONFLICT (doc_id) DO UPDATE SET kind = excluded.kind, container = excluded.container,
                       url = excluded.url, title = excluded.title, outlet = excluded.outlet,
                       published = excluded.published, published_from = excluded.published_from,
                       language = excluded.language, text = excluded.text, raw = excluded.raw,
                       meta_json = excluded.meta_json, pipeline_version = excluded.pipeline_version,
                       main_mention = excluded.main_mention""",
                (doc.doc_id, doc.path, raw.kind, raw.container, doc.url, doc.title, doc.outlet,
                 doc.published.isoformat() if doc.published else None, doc.published_from, doc.language, doc.text,
                 raw.content, raw.meta.model_dump_json(exclude_none=True), pipeline_version, ingested_at,
                 processed.main_mention),
            )
            c.executemany(
                'INSERT INTO blocks (doc_id, idx, label, reason, language, start, "end", text) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
                [(doc.doc_id, b.index, b.label, b.reason, b.language, b.start, b.end, b.text) for b in doc.blocks],
            )
            sents = processed.annotated.sentences
            c.executemany('INSERT INTO sentences (doc_id, idx, start, "end", language) VALUES (?, ?, ?, ?, ?)',
                          [(doc.doc_id, s.index, s.start, s.end, s.language) for s in sents])
            c.executemany(
                'INSERT INTO entities (doc_id, sent_idx, start, "end", label, kb_id, text) VALUES (?, ?, ?, ?, ?, ?, ?) '
                'ON CONFLICT DO NOTHING',
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

    def documents(self, include_superseded: bool = False) -> Iterator[Any]:
        sql = "SELECT * FROM documents"
        if not include_superseded:
            sql += " WHERE superseded_by IS NULL"
        yield from self.conn.execute(sql + " ORDER BY path, doc_id")

    def main_events(self) -> dict[str, str]:
        """doc_id -> the event_id of each document's main event (the fused event holding its main mention)."""
        if self.schema_version < 3:  # a store an earlier Sitrep made, opened read-only: no main events yet
            return {}
        return {r[0]: r[1] for r in self.conn.execute(
            "SELECT d.doc_id, m.event_id FROM documents d JOIN mentions m ON m.doc_id = d.doc_id "
            "AND m.idx = d.main_mention WHERE m.event_id IS NOT NULL").fetchall()}

    def blocks(self, doc_id: str) -> list:
        return self.conn.execute("SELECT * FROM blocks WHERE doc_id = ? ORDER BY idx", (doc_id,)).fetchall()

    # -- events -------------------------------------------------------------------------------------------
    def events(self) -> Iterator[dict]:
        for row in self.conn.execute("SELECT data_json FROM events ORDER BY event_date IS NULL, event_date, event_id"):
            yield json.loads(row[0])

    def counts(self) -> dict[str, int]:
        tables = ["documents", "blocks", "sentences", "entities", "mentions", "events", "claims", "evidence"]
        return {t: self.conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in tables}
