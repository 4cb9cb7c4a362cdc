"""The store's invariants, checked from its tables alone (``sitrep check``).

These hold after any crash, kill or concurrent run, whatever the fusion stage does internally:

- the engine's own checks pass (SQLite's ``integrity_check`` and ``foreign_key_check``; PostgreSQL, which
  enforces keys on every statement: every index valid, every table present);
- every document is fully stored: at least one block, at least one sentence when its text is not empty, a path
  it was read from; its sentences lie inside its text;
- every mention belongs to a stored document and its evidence spans are that document's text at those offsets;
- every mention's event exists (directly or through a redirect); a document's main mention is one of its own;
- no two events of the same sub-event type at the same place rest on exactly the same evidence (no duplicate
  events; one sentence may tell of strikes on two towns: two events);
- ``pending``: mentions no event holds yet. A run killed between a document's write and the fusion stage leaves
  some; the next run must pick them up, so after a completed run it is 0.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from .base import Store


@dataclass
class CheckReport:
    documents: int = 0
    mentions: int = 0
    events: int = 0
    pending: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def as_dict(self) -> dict:
        return {"ok": self.ok, "documents": self.documents, "mentions": self.mentions, "events": self.events,
                "pending_mentions": self.pending, "problems": self.problems}


def _check_documents(store: Store, r: CheckReport, problem) -> dict[str, str]:
    """Every document has blocks, sentences (when it has text) and a path; every sentence span lies in its text.
    Returns the documents' texts."""
    conn = store.conn
    texts: dict[str, str] = {}
    for doc_id, text in conn.execute("SELECT doc_id, text FROM documents"):
        texts[doc_id] = text
    r.documents = len(texts)
    blocks = dict(conn.execute("SELECT doc_id, COUNT(*) FROM blocks GROUP BY doc_id").fetchall())
    sents = dict(conn.execute("SELECT doc_id, COUNT(*) FROM sentences GROUP BY doc_id").fetchall())
    paths = {d for (d,) in conn.execute("SELECT DISTINCT doc_id FROM document_paths")}
    for doc_id, text in texts.items():
        if not blocks.get(doc_id):
            problem(f"document {doc_id}: no blocks (half-written)")
        if text.strip() and not sents.get(doc_id):
            problem(f"document {doc_id}: no sentences (half-written)")
        if doc_id not in paths:
            problem(f"document {doc_id}: no path recorded")
    for doc_id, idx, start, end in conn.execute('SELECT doc_id, idx, start, "end" FROM sentences'):
        text = texts.get(doc_id)
        if text is None:
            problem(f"sentence {doc_id}#{idx}: document missing")
        elif not (0 <= start <= end <= len(text)):
            problem(f"sentence {doc_id}#{idx}: span {start}-{end} outside the text ({len(text)} chars)")
    return texts


def _check_mentions(store: Store, r: CheckReport, problem, texts: dict[str, str]) -> bool:
    """Every mention's document exists, every fused mention's event (after redirects) exists, every piece of
    evidence matches its document's text. Returns whether the store is fused (has mention -> event links)."""
    conn = store.conn
    fused = store.has_column("mentions", "event_id")
    events = {e for (e,) in conn.execute("SELECT event_id FROM events")}
    redirects = dict(conn.execute("SELECT old_id, new_id FROM event_redirects").fetchall()) \
        if "event_redirects" in store.table_names() else {}
    r.events = len(events)
    sql = "SELECT mention_id, doc_id" + (", event_id" if fused else ", NULL") + " FROM mentions"
    for mention_id, doc_id, event_id in conn.execute(sql):
        r.mentions += 1
        if doc_id not in texts:
            problem(f"mention {mention_id}: document {doc_id} missing")
        if fused:
            if event_id is None:
                r.pending += 1
            else:
                seen = set()
                while event_id in redirects and event_id not in seen:
                    seen.add(event_id)
                    event_id = redirects[event_id]
                if event_id not in events:
                    problem(f"mention {mention_id}: event {event_id} missing")
    for mention_id, idx, doc_id, start, end, text in conn.execute(
            'SELECT e.mention_id, e.idx, m.doc_id, e.start, e."end", e.text FROM evidence e '
            'JOIN mentions m USING (mention_id)'):
        body = texts.get(doc_id)
        if body is not None and body[start:end] != text:
            problem(f"evidence {mention_id}#{idx}: text does not match the document at {start}-{end}")
    return fused


def _check_main_events(store: Store, problem) -> None:
    """The story's main event: the document's main mention is one of its mentions."""
    for doc_id, idx in store.conn.execute(
            "SELECT d.doc_id, d.main_mention FROM documents d WHERE d.main_mention IS NOT NULL AND NOT EXISTS "
            "(SELECT 1 FROM mentions m WHERE m.doc_id = d.doc_id AND m.idx = d.main_mention)").fetchall():
        problem(f"document {doc_id}: main event mention #{idx} missing")


def _check_duplicates(store: Store, problem) -> None:
    """Duplicate events: two events resting on exactly the same evidence, with the same sub-event type and place."""
    conn = store.conn
    spans: dict[str, set] = defaultdict(set)
    kinds = {r[0]: tuple(r[1:]) for r in conn.execute(
        "SELECT event_id, sub_event_type, latitude, longitude FROM events").fetchall()}
    for event_id, doc_id, start, end in conn.execute(
            'SELECT m.event_id, m.doc_id, e.start, e."end" FROM mentions m JOIN evidence e USING (mention_id) '
            'WHERE m.event_id IS NOT NULL'):
        spans[event_id].add((doc_id, start, end))
    by_key: dict[tuple, str] = {}
    for event_id, s in spans.items():
        k = (kinds.get(event_id), frozenset(s))
        if k in by_key:
            problem(f"events {by_key[k]} and {event_id} rest on the same evidence (duplicate)")
        else:
            by_key[k] = event_id


def check_store(store: Store, limit: int = 50) -> CheckReport:
    """Every invariant a finished run leaves (documents, sentences, mentions, evidence, events, main events, no
    duplicate events); at most ``limit`` problems are listed."""
    r = CheckReport()

    def problem(msg: str) -> None:
        if len(r.problems) < limit:
            r.problems.append(msg)

    for msg in store.integrity_problems():
        problem(msg)
    texts = _check_documents(store, r, problem)
    fused = _check_mentions(store, r, problem, texts)
    if store.has_column("documents", "main_mention"):
        _check_main_events(store, problem)
    if fused:
        _check_duplicates(store, problem)
    return r
