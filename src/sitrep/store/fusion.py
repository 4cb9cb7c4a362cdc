"""The fusion stage's tables (schema 2): events with their members, the blocking index, redirects after merges,
near-duplicate band keys and control statements. :mod:`sitrep.fuse`, :mod:`sitrep.dedup` and
:mod:`sitrep.control` call these methods inside the fusion transaction; they keep their scoring logic and never
write SQL themselves.

Blocking (``fusion_candidates``) is the one query whose SQL differs: SQLite answers it from an R*Tree virtual
table, PostgreSQL from a GiST index over (day range, lat/lon box) on the same columns; both return the events
whose box meets the query box, oldest first.
"""
from __future__ import annotations

import json
from typing import Any, Optional

Box = tuple[float, float, float, float, float, float]   # day_lo, day_hi, lat_lo, lat_hi, lon_lo, lon_hi


class FusionTables:
    conn: Any
    INGEST_ORDER = "d.rowid"   # the column that orders documents as they were first stored

    # -- back-end hooks -----------------------------------------------------------------------------------
    def fusion_candidates(self, box: Box, loc_key: Optional[str], by_name: bool) -> list[str]:
        """Ids of the events whose (day, lat, lon) box meets ``box``, in creation order; with ``by_name`` only
        those whose ``loc_key`` equals ``loc_key`` (events without coordinates meet by place name)."""
        raise NotImplementedError

    def _new_fusion_event(self, event_id: str, founder: str, loc_key: Optional[str], now: str) -> int:
        raise NotImplementedError

    # -- reading ------------------------------------------------------------------------------------------
    def fusion_seq(self) -> int:
        return self.conn.execute("SELECT COALESCE(MAX(seq), 0) FROM fusion_members").fetchone()[0]

    def pending_mentions(self) -> list[tuple[str, str, str]]:
        """(mention_id, doc_id, data_json) of every mention no event holds, documents in ingestion order."""
        return [tuple(r) for r in self.conn.execute(
            "SELECT m.mention_id, m.doc_id, m.data_json FROM mentions m JOIN documents d USING (doc_id) "
            f"WHERE m.event_id IS NULL ORDER BY {self.INGEST_ORDER}, m.idx").fetchall()]

    def fusion_document(self, doc_id: str) -> Optional[dict]:
        """The document's fusion facts; ``head``: its text's first 300 characters (where a dateline stands)."""
        row = self.conn.execute("SELECT doc_id, outlet, url, published, published_from, substr(text, 1, 300) "
                                "FROM documents WHERE doc_id = ?", (doc_id,)).fetchone()
        return {"doc_id": row[0], "outlet": row[1], "url": row[2], "published": row[3],
                "published_from": row[4], "head": row[5]} if row else None

    def main_mention_id(self, doc_id: str) -> Optional[str]:
        """The mention id of the document's main event (``documents.main_mention``), or None."""
        row = self.conn.execute("SELECT main_mention FROM documents WHERE doc_id = ?", (doc_id,)).fetchone()
        return f"{doc_id}:{row[0]}" if row and row[0] is not None else None

    def duplicate_original(self, doc_id: str) -> Optional[str]:
        row = self.conn.execute("SELECT original FROM doc_duplicates WHERE doc_id = ?", (doc_id,)).fetchone()
        return row[0] if row else None

    def fusion_member_rows(self, event_id: str) -> list[tuple]:
        """(mention_id, doc_id, seq, role, score, reasons JSON, mention JSON) of an event's members, in fusion order."""
        return [tuple(r) for r in self.conn.execute(
            "SELECT f.mention_id, f.doc_id, f.seq, f.role, f.score, f.reasons, m.data_json FROM fusion_members f "
            "JOIN mentions m USING (mention_id) WHERE f.event_id = ? ORDER BY f.seq", (event_id,)).fetchall()]

    def fusion_rid(self, event_id: str) -> Optional[int]:
        """The event's creation number (its blocking row)."""
        row = self.conn.execute("SELECT rid FROM fusion_events WHERE event_id = ?", (event_id,)).fetchone()
        return row[0] if row else None

    def events_of_document(self, doc_id: str) -> list[str]:
        """Events holding a mention of this document, oldest first."""
        return [r[0] for r in self.conn.execute(
            "SELECT e.event_id FROM fusion_events e WHERE e.event_id IN "
            "(SELECT event_id FROM fusion_members WHERE doc_id = ?) ORDER BY e.rid", (doc_id,)).fetchall()]

    def orphan_members(self) -> list[tuple[str, str]]:
        """(mention_id, event_id) of members whose mention left the store or was released by a re-derivation."""
        return [tuple(r) for r in self.conn.execute(
            "SELECT f.mention_id, f.event_id FROM fusion_members f LEFT JOIN mentions m USING (mention_id) "
            "WHERE m.mention_id IS NULL OR m.event_id IS NULL ORDER BY f.seq").fetchall()]

    # -- writing events -----------------------------------------------------------------------------------
    def save_event(self, event_id: str, event_date: Optional[str], event_type: str, sub_event_type: str,
                   country: Optional[str], admin1: Optional[str], latitude: Optional[float],
                   longitude: Optional[float], data: dict, source_docs: list[str]) -> None:
        c = self.conn
        c.execute(
            "INSERT INTO events (event_id, event_date, event_type, sub_event_type, country, admin1, latitude, longitude, "
            "data_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (event_id) DO UPDATE SET "
            "event_date = excluded.event_date, event_type = excluded.event_type, sub_event_type = excluded.sub_event_type, "
            "country = excluded.country, admin1 = excluded.admin1, latitude = excluded.latitude, "
            "longitude = excluded.longitude, data_json = excluded.data_json",
            (event_id, event_date, event_type, sub_event_type, country, admin1, latitude, longitude, json.dumps(data)))
        c.execute("DELETE FROM event_sources WHERE event_id = ?", (event_id,))
        c.executemany("INSERT INTO event_sources (event_id, doc_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
                      [(event_id, d) for d in source_docs])

    def place_event(self, event_id: str, founder: str, loc_key: Optional[str], box: Box, now: str) -> None:
        """Create or move the event's blocking row (its box in day x latitude x longitude)."""
        rid = self.fusion_rid(event_id)
        if rid is None:
            rid = self._new_fusion_event(event_id, founder, loc_key, now)
        else:
            self.conn.execute("UPDATE fusion_events SET loc_key = ? WHERE rid = ?", (loc_key, rid))
            self.conn.execute("DELETE FROM fusion_rtree WHERE rid = ?", (rid,))
        self.conn.execute("INSERT INTO fusion_rtree (rid, day_lo, day_hi, lat_lo, lat_hi, lon_lo, lon_hi) "
                          "VALUES (?, ?, ?, ?, ?, ?, ?)", (rid, *box))

    def drop_event(self, event_id: str) -> None:
        rid = self.fusion_rid(event_id)
        if rid is not None:
            self.conn.execute("DELETE FROM fusion_rtree WHERE rid = ?", (rid,))
        self.conn.execute("DELETE FROM fusion_events WHERE event_id = ?", (event_id,))
        self.conn.execute("DELETE FROM events WHERE event_id = ?", (event_id,))

    def forget_redirect(self, old_id: str) -> None:
        self.conn.execute("DELETE FROM event_redirects WHERE old_id = ?", (old_id,))

    def link_member(self, mention_id: str, event_id: str, doc_id: str, seq: int, role: str, score: Optional[float],
                    reasons: list[str], now: str) -> None:
        self.conn.execute(
            "INSERT INTO fusion_members (mention_id, event_id, doc_id, seq, role, score, reasons, fused_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (mention_id) DO UPDATE SET event_id = excluded.event_id, "
            "doc_id = excluded.doc_id, seq = excluded.seq, role = excluded.role, score = excluded.score, "
            "reasons = excluded.reasons, fused_at = excluded.fused_at",
            (mention_id, event_id, doc_id, seq, role, score, json.dumps(reasons), now))
        self.conn.execute("UPDATE mentions SET event_id = ? WHERE mention_id = ?", (event_id, mention_id))

    def unlink_member(self, mention_id: str) -> None:
        self.conn.execute("DELETE FROM fusion_members WHERE mention_id = ?", (mention_id,))

    def merge_events(self, keep: str, gone: str, mention_id: str, score: float, reasons: list[str], now: str) -> None:
        """``gone``'s members join ``keep``; ``gone``'s id (and every id that pointed to it) redirects to ``keep``."""
        c = self.conn
        c.execute("UPDATE fusion_members SET event_id = ? WHERE event_id = ?", (keep, gone))
        c.execute("UPDATE mentions SET event_id = ? WHERE event_id = ?", (keep, gone))
        c.execute("UPDATE event_redirects SET new_id = ? WHERE new_id = ?", (keep, gone))
        c.execute("INSERT INTO event_redirects (old_id, new_id) VALUES (?, ?) "
                  "ON CONFLICT (old_id) DO UPDATE SET new_id = excluded.new_id", (gone, keep))
        c.execute("INSERT INTO fusion_merges (old_id, new_id, mention_id, score, reasons, merged_at) "
                  "VALUES (?, ?, ?, ?, ?, ?)", (gone, keep, mention_id, score, json.dumps(reasons), now))
        self.drop_event(gone)

    # -- near-duplicate documents -------------------------------------------------------------------------
    def unfused_documents(self) -> list[tuple[str, str]]:
        """(doc_id, text) of current documents fusion has not seen yet, in ingestion order."""
        return [tuple(r) for r in self.conn.execute(
            "SELECT d.doc_id, d.text FROM documents d LEFT JOIN fusion_docs f USING (doc_id) "
            f"WHERE f.doc_id IS NULL AND d.superseded_by IS NULL ORDER BY {self.INGEST_ORDER}").fetchall()]

    def fusion_docs_seq(self) -> int:
        return self.conn.execute("SELECT COALESCE(MAX(seq), 0) FROM fusion_docs").fetchone()[0]

    def documents_sharing_bands(self, keys: list[str], doc_id: str) -> set[str]:
        out: set[str] = set()
        for i in range(0, len(keys), 500):
            part = keys[i:i + 500]
            out.update(r[0] for r in self.conn.execute(
                f"SELECT DISTINCT doc_id FROM doc_minhash WHERE band_key IN ({','.join('?' * len(part))}) AND doc_id != ?",
                (*part, doc_id)).fetchall())
        return out

    def fused_document_text(self, doc_id: str) -> Optional[tuple[str, int]]:
        """(text, fusion order) of a document fusion has seen, or None."""
        row = self.conn.execute("SELECT d.text, f.seq FROM documents d JOIN fusion_docs f USING (doc_id) "
                                "WHERE doc_id = ?", (doc_id,)).fetchone()
        return (row[0], row[1]) if row else None

    def mark_fused_document(self, doc_id: str, seq: int, keys: list[str],
                            duplicate_of: Optional[tuple[str, float]]) -> None:
        """Index a document's band keys, link it to the original it copies, and mark it seen."""
        if duplicate_of is not None:
            self.conn.execute("INSERT INTO doc_duplicates (doc_id, original, similarity) VALUES (?, ?, ?) "
                              "ON CONFLICT (doc_id) DO UPDATE SET original = excluded.original, "
                              "similarity = excluded.similarity", (doc_id, *duplicate_of))
        self.conn.executemany("INSERT INTO doc_minhash (band_key, doc_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
                              [(k, doc_id) for k in keys])
        self.conn.execute("INSERT INTO fusion_docs (doc_id, seq) VALUES (?, ?)", (doc_id, seq))

    # -- control statements -------------------------------------------------------------------------------
    def document_text_and_sentences(self, doc_id: str) -> Optional[tuple[str, Optional[str], list[tuple[int, int]]]]:
        """(text, outlet, sentence spans) of a document, or None."""
        row = self.conn.execute("SELECT text, outlet FROM documents WHERE doc_id = ?", (doc_id,)).fetchone()
        if row is None:
            return None
        sents = [(r[0], r[1]) for r in self.conn.execute(
            'SELECT start, "end" FROM sentences WHERE doc_id = ? ORDER BY idx', (doc_id,)).fetchall()]
        return row[0], row[1], sents

    def replace_control_statements(self, doc_id: str, rows: list[tuple]) -> None:
        """``rows``: (place, place_text, latitude, longitude, admin1, actor, share, status, claimant, start, end,
        text), in the document's order."""
        self.conn.execute("DELETE FROM control_statements WHERE doc_id = ?", (doc_id,))
        self.conn.executemany(
            'INSERT INTO control_statements (doc_id, idx, place, place_text, latitude, longitude, admin1, actor, '
            'share, status, claimant, since, start, "end", text) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?)',
            [(doc_id, i, *r) for i, r in enumerate(rows)])

    # -- story names --------------------------------------------------------------------------------------
    def story_documents(self) -> list[tuple[str, int, Optional[str], str]]:
        """(doc_id, fusion order, title, text) of every current document fusion has seen, in fusion order."""
        return [tuple(r) for r in self.conn.execute(
            "SELECT d.doc_id, f.seq, d.title, d.text FROM documents d JOIN fusion_docs f USING (doc_id) "
            "WHERE d.superseded_by IS NULL ORDER BY f.seq").fetchall()]
