"""The store side of fusion: matching pending mentions against blocked candidate events, merging, writing."""
from __future__ import annotations

import datetime as dt
import json
import math
from typing import Optional

from ..models import Event, ResolvedMention
from ..store import Store
from .background import background_docs, is_background
from .build import Member, build_event
from .common import NO_COORD, NO_DAY, KM_PER_DEG, event_id_for, rules
from .features import Features, _actors, _dice, features, published_window
from .similarity import similarity


class Fuser:
    """Runs inside the fusion transaction; every read and write goes through the store's fusion tables
    (:class:`sitrep.store.fusion.FusionTables`)."""

    def __init__(self, store: Store):
        self.store = store
        self.r = rules()
        self.now = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
        self.seq = store.fusion_seq()
        self.docs: dict[str, Optional[dict]] = {}
        self.dups: dict[str, str] = {}
        self.mains: dict[str, Optional[str]] = {}
        self.main_data: dict[str, Optional[ResolvedMention]] = {}
        self.cache: dict[str, tuple[Features, list[Member]]] = {}
        self._story = None

    def story(self):
        """Story names of every fused document (loaded once per fusion run; new documents are in already:
        near-duplicate linking marks them fused before their mentions are matched)."""
        if self._story is None:
            from .names import StoryNames
            self._story = StoryNames(self.store.story_documents(), self.r.get("story_names") or {})
        return self._story

    def shared_names(self, doc_id: str, mem: list[Member]) -> tuple:
        conf = self.r.get("story_names") or {}
        if not conf.get("enabled", False):
            return ()
        names = self.story().shared(doc_id, {x.doc_id for x in mem} - {doc_id})
        return tuple(names) if len(names) >= int(conf.get("min_shared", 1)) else ()

    def story_candidates(self, doc_id: str) -> list[str]:
        """Events of earlier documents that share a rare name with this one (whatever their place)."""
        conf = self.r.get("story_names") or {}
        if not conf.get("enabled", False):
            return []
        out = []
        for other in self.story().earlier_sharing(doc_id):
            out.extend(self.store.events_of_document(other))
        return out

    # documents and duplicates
    def doc(self, doc_id: str):
        if doc_id not in self.docs:
            self.docs[doc_id] = self.store.fusion_document(doc_id)
        return self.docs[doc_id]

    def main_of(self, doc_id: str) -> Optional[str]:
        if doc_id not in self.mains:
            self.mains[doc_id] = self.store.main_mention_id(doc_id)
        return self.mains[doc_id]

    def main_mention(self, doc_id: str) -> Optional[ResolvedMention]:
        """The document's main mention, or None."""
        mid = self.main_of(doc_id)
        if mid is None:
            return None
        if mid not in self.main_data:
            idx = int(mid.rsplit(":", 1)[1])
            rows = list(self.store.mention_data_of(doc_id))
            self.main_data[mid] = ResolvedMention.model_validate_json(rows[idx]) if idx < len(rows) else None
        return self.main_data[mid]

    def dup_of(self, doc_id: str) -> Optional[str]:
        if doc_id not in self.dups:
            self.dups[doc_id] = self.store.duplicate_original(doc_id)
        return self.dups[doc_id]

    def dups_for(self, doc_ids) -> dict[str, str]:
        return {d: o for d in doc_ids if (o := self.dup_of(d))}

    # events
    def members(self, event_id: str) -> list[Member]:
        rows = self.store.fusion_member_rows(event_id)
        return [Member(r[0], r[1], r[2], r[3], r[4], json.loads(r[5]), ResolvedMention.model_validate_json(r[6]))
                for r in rows]

    def window(self, m: ResolvedMention, doc_id: str) -> tuple[Optional[int], Optional[int]]:
        d = self.doc(doc_id)
        return published_window(m, d["published"] if d else None, int(self.r["undated"].get("published_days", -1)))

    def dated_by_publication(self, f: Features, members: list[Member]) -> Features:
        """An undated event of dated news takes, for matching, the days all its reports allow."""
        if f.lo is None and members:
            wins = [self.window(x.mention, x.doc_id) for x in members]
            if all(w[0] is not None for w in wins) and max(w[0] for w in wins) <= min(w[1] for w in wins):
                f.lo, f.hi = max(w[0] for w in wins), min(w[1] for w in wins)
        return f

    def event_features(self, event_id: str) -> tuple[Features, list[Member]]:
        if event_id not in self.cache:
            ev = Event.model_validate_json(self.store.event_data(event_id))
            f = features(ev, docs=[s.doc_id for s in ev.sources])
            mem = self.members(event_id)
            f.actors = frozenset().union(*(_actors(x.mention) for x in mem)) if mem else _actors(ev)
            self.cache[event_id] = (self.dated_by_publication(f, mem), mem)
        return self.cache[event_id]

    def write_event(self, event_id: str, members: list[Member]) -> Event:
        docs = {x.doc_id: self.doc(x.doc_id) for x in members}
        mains = frozenset(m for d in docs if (m := self.main_of(d)))
        ev = build_event(event_id, members, docs, self.dups_for(docs), mains)
        self.store.save_event(event_id, ev.event_date.isoformat() if ev.event_date else None, ev.event_type,
                              ev.sub_event_type, ev.country, ev.admin1, ev.latitude, ev.longitude,
                              ev.model_dump(mode="json"), [s.doc_id for s in ev.sources])
        f = features(ev, docs=[s.doc_id for s in ev.sources])
        f.actors = frozenset().union(*(_actors(x.mention) for x in members))
        f = self.dated_by_publication(f, members)
        lo, hi = (f.lo, f.hi) if f.lo is not None else (NO_DAY, NO_DAY)
        box = self.box(f, self.reach(f, own=True)) if f.lat is not None else (NO_COORD,) * 4
        self.store.place_event(event_id, members[0].mention_id, f.loc_key, (lo, hi, *box), self.now)
        self.cache[event_id] = (f, members)
        return ev

    def drop_event(self, event_id: str) -> None:
        self.store.drop_event(event_id)
        self.cache.pop(event_id, None)

    def candidates(self, f: Features, doc_id: str) -> list[str]:
        lag = int(self.r["date"]["lag_days"])
        if f.lo is None:
            d0, d1 = NO_DAY, NO_DAY
        else:
            d0, d1 = f.lo - lag, f.hi + lag
        box = self.box(f, self.reach(f)) if f.lat is not None else (NO_COORD,) * 4
        return self.store.fusion_candidates((d0, d1, *box), f.loc_key, by_name=f.lat is None)

    def reach(self, f: Features, own: bool = False) -> float:
        """How far (km) from its point a place may meet another: ``own``, the event's stored box (0 for a town,
        ``place.reach_km`` for a place at coarse precision: a state's box covers the state); else the query's,
        the largest merge distance or its own coarse reach."""
        own_km = float((self.r["place"].get("reach_km") or {}).get(f.precision, 0.0))
        if own:
            return own_km
        return max(own_km, *(float(v) for v in self.r["place"]["max_km"].values()))

    @staticmethod
    def box(f: Features, km: float) -> tuple[float, float, float, float]:
        dlat = km / KM_PER_DEG
        dlon = km / (KM_PER_DEG * max(math.cos(math.radians(f.lat)), 0.05))
        return (f.lat - dlat, f.lat + dlat, f.lon - dlon, f.lon + dlon)

    def original_events(self, original: str) -> list[str]:
        return self.store.events_of_document(original)

    # one mention
    def add(self, mention_id: str, doc_id: str, m: ResolvedMention) -> bool:
        """Match one new mention; True when it founded a new event."""
        self.seq += 1
        f = features(m)
        if f.lo is None:
            f.lo, f.hi = self.window(m, doc_id)
        group = {doc_id}
        original = self.dup_of(doc_id)
        if original:
            group.add(original)
        scored = []
        threshold = float(self.r["threshold"])
        cands = self.candidates(f, doc_id)
        cands += [e for e in self.story_candidates(doc_id) if e not in cands]
        dup_cands = self.original_events(original) if original else []
        for eid in dict.fromkeys(dup_cands + cands):
            ef, mem = self.event_features(eid)
            if any(x.doc_id in group for x in mem):
                if eid in dup_cands and not any(x.doc_id == doc_id for x in mem):
                    s, why = similarity(f, ef, relaxed=True)
                    if s is not None and s >= 0.5:
                        scored.append((s, eid, ["near-duplicate of " + original, *why], "duplicate"))
                continue
            if self.background_source(mem, Member(mention_id, doc_id, self.seq, "match", None, [], m)):
                continue  # a background mention is no source of another document's news toll (and vice versa)
            story = self.shared_names(doc_id, mem)
            s, why = similarity(f, ef)
            if s is None and story:
                s, why = similarity(f, ef, story=story)
                if s is not None:
                    need = float(self.r["story_names"]["threshold"])
                    if s >= need:
                        scored.append((s, eid, why, "match"))
                    continue
            if s is None:
                continue
            need = threshold
            if _dice(f.words, ef.words) < float(self.r.get("min_text", 0.0)):
                continue
            if story:
                why = [*why, "names in common: " + ", ".join(story)]
            if f.lo is None and ef.lo is None:
                if not self.r["undated"].get("across_documents", False):
                    continue  # an undated report never merges across documents (only near-duplicates, above)
                need = float(self.r["undated"]["threshold"])
                if _dice(f.words, ef.words) < float(self.r["undated"]["min_text"]):
                    continue
            if s >= need:
                scored.append((s, eid, why, "match"))
        if not scored:
            eid = event_id_for(mention_id)
            if self.store.event_exists(eid):
                self.drop_event(eid)  # a stale event of the same founder (its document was re-derived)
            self.store.forget_redirect(eid)
            member = Member(mention_id, doc_id, self.seq, "founder", None, [], m)
            self._link(member, eid)
            self.write_event(eid, [member])
            return True
        # close scores: the event an earlier document leads with (its main mention) wins, so that a report which
        # matches two events of one article (the extractor told one incident twice) joins its main one
        bonus = float(self.r.get("main_bonus", 0.0))
        scored.sort(key=lambda x: (-(x[0] + bonus * self.leads(x[1])), cands.index(x[1]) if x[1] in cands else -1))
        s, eid, why, role = scored[0]
        member = Member(mention_id, doc_id, self.seq, role, s, why, m)
        # a mention that matches two events that never shared a document bridges them: merge into the oldest
        others = [x for x in scored[1:] if x[3] == "match"]
        _, mem = self.event_features(eid)
        members = [*mem, member]
        for s2, e2, why2, _ in others:
            f2, mem2 = self.event_features(e2)
            if {x.doc_id for x in mem2} & {x.doc_id for x in members}:
                continue
            if self.background_source(members, *mem2):
                continue
            f1 = self.event_features(eid)[0]
            if similarity(f1, f2, bridge=True)[0] is None:  # the two must be one type, day and place themselves
                continue
            keep, gone = sorted([eid, e2], key=self._rid)
            self._merge(keep, gone, mention_id, s2, why2)
            eid = keep
            members = sorted([*members, *mem2], key=lambda x: x.seq)
        self._link(member, eid)
        self.write_event(eid, members)
        return False

    def background_source(self, members: list[Member], *new: Member) -> bool:
        """Whether adding ``new`` makes a document a source of another document's news toll by its background
        alone (:mod:`sitrep.fuse.background`). Near-duplicates are matched before (``add``)."""
        conf = self.r.get("background") or {}
        if not conf.get("apart_from_tolls", False):
            return False
        days = conf.get("days_before_published")

        def bg(x: Member) -> bool:
            d = self.doc(x.doc_id)
            return is_background(x, self.main_of(x.doc_id), self.main_mention(x.doc_id),
                                 d.get("published") if d else None, days)

        return bool(background_docs([*members, *new], bg) - background_docs(members, bg))

    def leads(self, event_id: str) -> bool:
        """Whether the event holds the main mention of one of its documents."""
        return any(x.mention_id == self.main_of(x.doc_id) for x in self.event_features(event_id)[1])

    def _rid(self, event_id: str) -> int:
        return self.store.fusion_rid(event_id)

    def _link(self, member: Member, eid: str) -> None:
        self.store.link_member(member.mention_id, eid, member.doc_id, member.seq, member.role, member.score,
                               member.reasons, self.now)

    def _merge(self, keep: str, gone: str, mention_id: str, score: float, reasons: list[str]) -> None:
        self.store.merge_events(keep, gone, mention_id, score, reasons, self.now)
        self.cache.pop(gone, None)

    # mentions that left the store (a document re-derived by a newer pipeline)
    def release_orphans(self) -> None:
        touched = set()
        for mid, eid in self.store.orphan_members():
            self.store.unlink_member(mid)
            touched.add(eid)
        for eid in sorted(touched):
            self.cache.pop(eid, None)
            mem = self.members(eid)
            if mem:
                self.write_event(eid, mem)
            else:
                self.drop_event(eid)

