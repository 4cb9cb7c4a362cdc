"""Reads the query layer, the briefing and the control ledger make (portable SQL; ``self.conn`` is the back end's)."""
from __future__ import annotations

from typing import Any, Iterator, Optional

DOCUMENT_COLUMNS = ("doc_id", "path", "kind", "container", "url", "title", "outlet", "published", "published_from",
                    "language", "text", "raw", "meta_json", "pipeline_version", "superseded_by", "ingested_at")


class Reads:
    conn: Any

    # documents
    def document_fields(self, doc_id: str, fields: list[str] | tuple[str, ...]) -> Optional[dict]:
        """Some columns of one document (any version), or None."""
        bad = [f for f in fields if f not in DOCUMENT_COLUMNS]
        if bad:
            raise ValueError(f"not a document column: {', '.join(bad)}")
        row = self.conn.execute(f"SELECT {', '.join(fields)} FROM documents WHERE doc_id = ?", (doc_id,)).fetchone()
        return {f: row[i] for i, f in enumerate(fields)} if row else None

    def current_documents(self, fields: list[str] | tuple[str, ...]) -> list[dict]:
        """Current versions, dated first by date then by path, each with ``events``: how many events cite it."""
        bad = [f for f in fields if f not in DOCUMENT_COLUMNS]
        if bad:
            raise ValueError(f"not a document column: {', '.join(bad)}")
        rows = self.conn.execute(
            f"SELECT {', '.join('d.' + f for f in fields)}, "
            "(SELECT COUNT(*) FROM event_sources es WHERE es.doc_id = d.doc_id) AS events "
            "FROM documents d WHERE superseded_by IS NULL ORDER BY published IS NULL, published, path").fetchall()
        return [{**{f: r[i] for i, f in enumerate(fields)}, "events": r[len(fields)]} for r in rows]

    def mention_data_of(self, doc_id: str) -> Iterator[str]:
        """The JSON of each mention of one document."""
        for (data,) in self.conn.execute("SELECT data_json FROM mentions WHERE doc_id = ? ORDER BY idx",
                                         (doc_id,)).fetchall():
            yield data

    # events
    def event_data(self, event_id: str) -> Optional[str]:
        """The exported JSON of one event (no redirects followed), or None."""
        row = self.conn.execute("SELECT data_json FROM events WHERE event_id = ?", (event_id,)).fetchone()
        return row[0] if row else None

    def event_exists(self, event_id: str) -> bool:
        return self.conn.execute("SELECT 1 FROM events WHERE event_id = ?", (event_id,)).fetchone() is not None

    def redirect_of(self, event_id: str) -> Optional[str]:
        """The event a merged event's id points to (one step), or None."""
        row = self.conn.execute("SELECT new_id FROM event_redirects WHERE old_id = ?", (event_id,)).fetchone()
        return row[0] if row else None

    def territory_event_data(self) -> Iterator[str]:
        """The JSON of every event that says who took a place (a candidate for the control ledger), oldest event
        first."""
        for (data,) in self.conn.execute(
                "SELECT e.data_json FROM events e LEFT JOIN fusion_events f USING (event_id) "
                "WHERE e.data_json LIKE '%\"territory\": {%' ORDER BY f.rid IS NULL, f.rid, e.event_id").fetchall():
            yield data

    # control ledger
    def current_control_statements(self) -> list[dict]:
        """Control statements of current documents, by document and index."""
        cur = self.conn.execute(
            'SELECT doc_id, idx, place, place_text, latitude, longitude, admin1, actor, share, status, claimant, since, '
            'start, "end", text FROM control_statements WHERE doc_id IN (SELECT doc_id FROM documents WHERE '
            'superseded_by IS NULL) ORDER BY doc_id, idx')
        names = ["doc_id", "idx", "place", "place_text", "latitude", "longitude", "admin1", "actor", "share", "status",
                 "claimant", "since", "start", "end", "text"]
        return [dict(zip(names, r)) for r in cur.fetchall()]
