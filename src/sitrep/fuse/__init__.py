"""Fuse: event mentions from many documents into events that keep every source, claim and piece of evidence.

Incremental record linkage (issue 5). Only mentions no event holds yet are matched, in a fixed order
(documents in ingestion order, then mention index), so fusing in two batches gives what one batch gives.

- Blocking: each event is a box (day range x latitude x longitude) in a spatial index (SQLite's R*Tree or a
  PostgreSQL GiST index, :mod:`sitrep.store.fusion`); a new mention asks for the boxes within its date window
  (+/- ``lag_days``) and the largest merge distance. Undated events sit at day 0
  and events without coordinates at a sentinel point, so they only meet their own kind. Cost per mention is
  logarithmic in the store, so a batch costs about linearly in its size.
- Similarity (weights in ``data/fusion.yaml``): type, date overlap, distance, shared actors, evidence words.
  ACLED's rule (one event per type, day and location) is a hard constraint: dates that do not overlap, places
  further apart than their precision allows, disjoint actors, incompatible types never merge. Two mentions of one
  document never merge (the extractor already judged them different).
- Every link is stored with its score and reasons (``fusion_members``) and shown in the event's ``fusion``.
- Ids: an event's id is the hash of its founding mention; joining never changes it. When a new mention bridges
  two events, the younger one merges into the older and its id redirects (``event_redirects``).
- Near-duplicate documents (syndicated copies) are found by MinHash LSH over word 5-shingles
  (:mod:`sitrep.dedup`); their mentions join the original's events as linked, not independent, sources.
- Claims: figures from every source reconciled by :mod:`sitrep.claims` (low/best/high, ACLED's conservative
  figure, conflicts, claimant stance).
"""
from __future__ import annotations

from typing import Optional

from ..models import ResolvedMention
from ..store import Store
from .build import Member, build_event  # noqa: F401  (public names of the package)
from .common import KM_PER_DEG, NO_COORD, NO_DAY, STOP, event_id_for, rules  # noqa: F401
from .features import Features, actor_key, features, published_window, side_of  # noqa: F401
from .fuser import Fuser
from .similarity import similarity  # noqa: F401


def resolve_id(store: Store, event_id: str) -> str:
    """The surviving id of an event that may have been merged into another."""
    for _ in range(20):
        new_id = store.redirect_of(event_id)
        if new_id is None:
            return event_id
        event_id = new_id
    return event_id


def fuse(store: Store, control: Optional[dict[str, list[tuple]]] = None) -> int:
    """Fuse every mention no event holds yet (incrementally); returns the number of events created.
    ``control``: doc_id -> control statement rows the workers already computed (sitrep.control.statement_rows)."""
    from ..dedup import link_duplicates
    from ..control import scan_documents

    created = 0
    with store.transaction(), store.bulk():
        fz = Fuser(store)
        fz.release_orphans()
        new_docs = link_duplicates(store)
        rows = store.pending_mentions()
        for mid, doc_id, data in rows:
            if fz.add(mid, doc_id, ResolvedMention.model_validate_json(data)):
                created += 1
        # control statements of new documents and of documents re-derived by a newer pipeline
        scan_documents(store, list(dict.fromkeys([*new_docs, *(r[1] for r in rows)])), known=control)
    return created
