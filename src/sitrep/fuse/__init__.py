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

import datetime as dt
import functools
import hashlib
import json
import math
import re
from dataclasses import dataclass, field
from typing import Mapping, Optional

from ..claims import reconcile
from ..models import Event, FusionLink, ResolvedMention, Source
from ..resources import load_yaml
from ..store import Store

NO_COORD = 999.0   # blocking sentinel for events without coordinates
NO_DAY = 0         # blocking sentinel for undated events
KM_PER_DEG = 111.2

STOP = frozenset("""the and for that with from this were was have has had said says are not but its their they
them into after over about been also which who while when where than more most other some such there these those
would could will his her him she our out all any can one two three four five six seven eight nine ten""".split())


def event_id_for(mention_id: str) -> str:
    return "EV" + hashlib.sha256(mention_id.encode()).hexdigest()[:14]


def rules() -> dict:
    return load_yaml("fusion.yaml")


# -- features and similarity ------------------------------------------------------------------------------
@dataclass
class Features:
    event_type: str
    sub_event_type: str
    lo: Optional[int]            # day ordinals of the date range the evidence allows
    hi: Optional[int]
    lat: Optional[float]
    lon: Optional[float]
    precision: int
    loc_key: Optional[str]
    actors: frozenset
    words: frozenset
    docs: frozenset = field(default_factory=frozenset)


def _words(texts) -> frozenset:
    out = set()
    for t in texts:
        for w in re.findall(r"[^\W\d_]{3,}", (t or "").lower()):
            if w not in STOP:
                out.add(w)
    return frozenset(out)


def _dice(a: frozenset, b: frozenset) -> float:
    return 2 * len(a & b) / (len(a) + len(b)) if a and b else 0.0


def _range(m: ResolvedMention) -> tuple[Optional[int], Optional[int]]:
    lo = m.date_start or m.event_date
    hi = m.date_end or m.event_date or lo
    if lo is None:
        return None, None
    return lo.toordinal(), max(lo, hi).toordinal()


def _actors(m: ResolvedMention) -> frozenset:
    return frozenset(a for a in [m.actor1, m.actor2, *m.assoc_actor_1, *m.assoc_actor_2] if a)


@functools.lru_cache(maxsize=4096)
def side_of(name: str) -> Optional[str]:
    """The coarse side (data/actors.yaml ``side``) of an actor by its exported name: allies of one side
    (Military Forces of the United States, Global Coalition Against Daesh) are compatible actors."""
    from ..actors import registry

    reg = registry()
    if not hasattr(side_of, "_names"):
        side_of._names = {}
        for a in reg.actors.values():
            for cc in ("SY", "IQ", None):
                side_of._names.setdefault(a.display(cc), a.side)
    if name in side_of._names:
        return side_of._names[name]
    a = reg.lookup(name)
    return a.side if a else None


@functools.lru_cache(maxsize=4096)
def actor_key(name: str) -> str:
    """An exported actor name without its qualifier (ACLED's "(Country)" or "(2009-2017)") and articles, so the
    names one actor is exported under compare equal."""
    bare = re.sub(r"\s*\([^)]*\)\s*$", "", name).lower()
    return " ".join(w for w in bare.split() if w != "the")


def _parties(actors: frozenset) -> frozenset:
    """The parties among an event's actors, by key; civilians are victims, not a party."""
    return frozenset(k for k in map(actor_key, actors) if k != "civilians")


def _loc_key(m: ResolvedMention) -> Optional[str]:
    name = m.location or m.location_text
    return re.sub(r"\W+", " ", name.lower()).strip() if name else None


def published_window(m: ResolvedMention, published, days: int) -> tuple[Optional[int], Optional[int]]:
    """The days an undated report of news can have happened: the ``days`` before its document's publication
    (for matching only; the exported event keeps no date). None for dated, historical or undated-document reports."""
    if m.event_date or m.date_start or not published or days < 0 or m.factuality == "historical":
        return None, None
    day = dt.date.fromisoformat(str(published)[:10]).toordinal()
    return day - days, day


def features(m: ResolvedMention, docs=()) -> Features:
    lo, hi = _range(m)
    return Features(m.event_type, m.sub_event_type, lo, hi, m.latitude, m.longitude, m.geo_precision or 1,
                    _loc_key(m), _actors(m), _words(e.text for e in m.evidence), frozenset(docs))


def _km(a: Features, b: Features) -> float:
    p1, p2 = math.radians(a.lat), math.radians(b.lat)
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(b.lon - a.lon) / 2) ** 2
    return 12742.0 * math.asin(math.sqrt(min(1.0, h)))


def _type_agreement(a: Features, b: Features) -> tuple[float, str]:
    if a.event_type == b.event_type and a.sub_event_type == b.sub_event_type:
        return 1.0, f"same sub-event type ({a.sub_event_type})"
    if a.event_type == b.event_type:
        return 0.7, f"same event type ({a.event_type}; {a.sub_event_type} / {b.sub_event_type})"
    for t1, t2, w in rules().get("compatible_types") or []:
        if {t1, t2} == {a.event_type, b.event_type}:
            return float(w), f"compatible types ({a.event_type} / {b.event_type})"
    return 0.0, f"different event types ({a.event_type} / {b.event_type})"


def similarity(a: Features, b: Features, relaxed: bool = False,
               bridge: bool = False, story: tuple = ()) -> tuple[Optional[float], list[str]]:
    """Agreement of a mention with an event, 0-1, and the reasons; None when a hard rule forbids the merge.
    ``relaxed`` (near-duplicate documents): date and place disagreements lower the score instead of forbidding.
    ``story``: rare names the two reports share (:mod:`sitrep.fuse.names`); between two dated reports of one event
    type, a place disagreement then lowers the score instead of forbidding; when they share ``min_shared_far``
    names, disjoint actors do too and dates may be ``story_names.max_days`` apart. Types and undated reports keep
    their hard rules."""
    r = rules()
    if story and (a.event_type != b.event_type or a.lo is None or b.lo is None):
        story = ()  # names never join other event types, nor reports without a day
    sn = r.get("story_names") or {}
    strong = len(story) >= int(sn.get("min_shared_far", 1))  # enough names to outweigh a date gap or the actors
    story_days = int(sn.get("max_days", 0)) if strong else 0
    w = r["weights"]
    reasons: list[str] = []
    t, why = _type_agreement(a, b)
    reasons.append(why)
    if t == 0.0:
        return None, reasons
    # date: ACLED's one event per day
    if a.lo is None and b.lo is None:
        d = 0.5
        reasons.append("both undated")
    elif a.lo is None or b.lo is None:
        if not relaxed:
            return None, reasons + ["one report is dated, the other is not"]
        d = 0.0
        reasons.append("one report undated")
    else:
        inter = min(a.hi, b.hi) - max(a.lo, b.lo) + 1
        if inter > 0:
            union = max(a.hi, b.hi) - min(a.lo, b.lo) + 1
            d = 1.0 if (a.lo, a.hi) == (b.lo, b.hi) else 0.5 + 0.5 * inter / union
            reasons.append(f"dates overlap ({dt.date.fromordinal(max(a.lo, b.lo))}"
                           + (f"..{dt.date.fromordinal(min(a.hi, b.hi))})" if inter > 1 else ")"))
        elif -inter + 1 <= int(r["date"]["lag_days"]):
            d = 0.4
            reasons.append(f"dates {-inter + 1} day apart")
        elif -inter + 1 <= story_days:
            d = 0.2
            reasons.append(f"dates {-inter + 1} days apart (a follow-up naming the same people)")
        elif relaxed:
            d = 0.0
            reasons.append("dates differ")
        else:
            return None, reasons + [f"dates {-inter + 1} days apart"]
    # place: ACLED's one event per location
    if a.lat is not None and b.lat is not None:
        km = _km(a, b)
        limit = float(r["place"]["max_km"][max(a.precision, b.precision)])
        same = float(r["place"]["same_km"])
        if km <= same:
            p = 1.0
        elif (a.precision == 1 and b.precision == 1 and a.loc_key and b.loc_key and a.loc_key != b.loc_key
              and not story):
            return None, reasons + [f"different towns ({a.loc_key} / {b.loc_key}, {km:.1f} km apart)"]
        elif km <= limit:
            p = 1.0 - 0.6 * (km - same) / max(limit - same, 1e-9)
        elif relaxed or story:
            p = 0.0
        else:
            return None, reasons + [f"{km:.1f} km apart (more than {limit:g} km)"]
        reasons.append(f"{km:.1f} km apart")
    elif a.loc_key and a.loc_key == b.loc_key:
        p = 0.8
        reasons.append(f"same place name ({a.loc_key})")
    elif a.lat is None and b.lat is None and not (a.loc_key or b.loc_key):
        p = 0.3
        reasons.append("no place in either")
    elif relaxed or story:
        p = 0.0
        reasons.append("places differ")
    else:
        return None, reasons + ["places cannot be compared"]
    # actors: one actor under two exported names ("Police Forces of United States" and "... of the United States
    # (2009-2017)") is one; victims alone ("Civilians (United States)") tell no party, so they never disagree
    ka, kb = _parties(a.actors), _parties(b.actors)
    if ka and kb:
        shared = ka & kb
        if not shared:
            sides = {side_of(x) for x in a.actors} & {side_of(x) for x in b.actors} - {None, "neutral"}
            if sides:
                act = 0.4
                reasons.append("allied actors (" + ", ".join(sorted(sides)) + " side)")
            elif not (relaxed or bridge or strong):  # bridge: two events each holding one side of one clash
                return None, reasons + ["no actor in common"]
            else:
                act = 0.0
        else:
            act = len(shared) / len(ka | kb)
            reasons.append("actors in common: " + ", ".join(sorted(shared)))
    else:
        act = 0.5
        reasons.append("actors unknown on one side")
    # words of the evidence (Dice coefficient)
    if a.words and b.words:
        txt = 2 * len(a.words & b.words) / (len(a.words) + len(b.words))
    else:
        txt = 0.0
    reasons.append(f"text similarity {txt:.2f}")
    if story:
        reasons.append("names in common: " + ", ".join(story))
    score = (w["type"] * t + w["date"] * d + w["place"] * p + w["actors"] * act + w["text"] * txt) / sum(w.values())
    return round(score, 4), reasons


# -- the event record built from its members --------------------------------------------------------------
@dataclass
class Member:
    mention_id: str
    doc_id: str
    seq: int
    role: str
    score: Optional[float]
    reasons: list[str]
    mention: ResolvedMention


def _agreed_place(ms: list[ResolvedMention]) -> ResolvedMention:
    """The member whose place most members agree with (within ``place.agree_km``): one report resolved in the
    wrong state is outvoted; then the most precise, then the first."""
    km_ok = float(rules()["place"].get("agree_km", 25.0))
    located = [m for m in ms if m.latitude is not None and m.longitude is not None]
    if not located:
        return ms[0]
    pts = [features(m) for m in located]
    support = [sum(_km(p, q) <= km_ok for q in pts) for p in pts]
    return located[min(range(len(located)), key=lambda i: (-support[i], located[i].geo_precision or 9, i))]


def _agreed_date(ms: list[ResolvedMention]) -> ResolvedMention:
    """The member whose date most members' date ranges allow: one report's misread date is outvoted; then the
    most precise, then the first."""
    dated = [m for m in ms if m.event_date is not None]
    if not dated:
        return ms[0]
    rng = [_range(m) for m in dated]
    support = [sum(lo <= m.event_date.toordinal() <= hi for lo, hi in rng) for m in dated]
    return dated[min(range(len(dated)), key=lambda i: (-support[i], dated[i].time_precision or 9, i))]


def _publication_date(base: dict, published: list) -> None:
    """An event no report dates takes the earliest report's publication date (ACLED codes news of the days
    before; ``undated.time_precision``, 2 = within the week), its range the days every report allows
    (``undated.published_days`` before each publication). Nothing when a report has no publication date (or only
    one read from its text: ``undated.date_from_publication`` names the trusted origins)."""
    conf = rules()["undated"]
    days = int(conf.get("published_days", -1))
    if days < 0 or not published or any(p is None for p in published):
        return
    pubs = [dt.date.fromisoformat(str(p)[:10]) for p in published]
    lo, hi = max(pubs) - dt.timedelta(days=days), min(pubs)
    if lo > hi:
        lo = hi - dt.timedelta(days=days)
    base.update(event_date=hi, date_start=lo, date_end=hi, time_precision=int(conf.get("time_precision", 2)))
    note = "Date: none in the reports; the earliest report's publication date."
    base["notes"] = f"{base['notes']} {note}" if base.get("notes") else note


def build_event(event_id: str, members: list[Member], docs: dict[str, Optional[Mapping]],
                dups: dict[str, str], mains: frozenset = frozenset()) -> Event:
    """One event from its member mentions (in fusion order): the place and date most reports agree with, the
    best-supported type and actors, every claim, source and piece of evidence, reconciled figures. ``mains``: the
    mention ids that are their document's main event; an undated event holding one takes a publication date."""
    members = sorted(members, key=lambda x: x.seq)
    ms = [x.mention for x in members]
    founder = ms[0]
    best = max(ms, key=lambda m: (m.factuality == "reported", m.confidence))  # stable: max keeps the first
    base = best.model_dump()
    where = _agreed_place(ms)
    for k in ("location", "location_text", "admin1", "country", "latitude", "longitude", "geo_precision"):
        base[k] = getattr(where, k)
    when = _agreed_date(ms)
    for k in ("event_date", "date_text", "time_precision"):
        base[k] = getattr(when, k)
    los = [m.date_start or m.event_date for m in ms if (m.date_start or m.event_date)]
    his = [m.date_end or m.event_date for m in ms if (m.date_end or m.event_date)]
    if los and his and max(los) <= min(his):
        base["date_start"], base["date_end"] = max(los), min(his)
    else:
        base["date_start"], base["date_end"] = when.date_start, when.date_end
    base["assoc_actor_1"] = sorted({a for m in ms for a in m.assoc_actor_1} - {base["actor1"], base["actor2"]})
    base["assoc_actor_2"] = sorted({a for m in ms for a in m.assoc_actor_2} - {base["actor1"], base["actor2"]}
                                   - set(base["assoc_actor_1"]))
    base["territory"] = next((m.territory.model_dump() for m in [best, *ms] if m.territory), None)
    base["factuality"] = "reported" if any(m.factuality == "reported" for m in ms) else founder.factuality
    base["confidence"] = round(1 - math.prod(1 - min(max(m.confidence, 0.0), 0.99) for m in ms), 4)
    base["evidence"] = [e.model_dump() for m in ms for e in m.evidence]
    sources, seen = [], set()
    for x in members:
        if x.doc_id in seen:
            continue
        seen.add(x.doc_id)
        d = docs.get(x.doc_id)
        sources.append(Source(doc_id=x.doc_id, outlet=d["outlet"] if d else None, url=d["url"] if d else None,
                              published=d["published"] if d else None, duplicate_of=dups.get(x.doc_id)))
    outlets = {x.doc_id: (docs[x.doc_id]["outlet"] if x.doc_id in docs else None) for x in members}
    rec = reconcile([(x.mention, outlets.get(x.doc_id)) for x in members], dups)
    base.update(rec)
    independent = len({dups.get(s.doc_id, s.doc_id) for s in sources})
    n_out = sorted({s.outlet for s in sources if s.outlet})
    note = founder.notes or best.notes
    if len(sources) > 1:
        extra = f"Reported by {independent} independent source(s)" + (f" ({', '.join(n_out)})" if n_out else "") + "."
        note = f"{note} {extra}" if note else extra
    base["notes"] = note
    if base["event_date"] is None and base["factuality"] != "historical" and any(x.mention_id in mains for x in members):
        given = set((rules()["undated"].get("date_from_publication") or "").split())
        _publication_date(base, [s.published if (docs.get(s.doc_id) or {}).get("published_from") in given else None
                                 for s in sources])
    links = [FusionLink(mention_id=x.mention_id, doc_id=x.doc_id, role=x.role, score=x.score, reasons=x.reasons)
             for x in members]
    return Event(**base, event_id=event_id, sources=sources, independent_sources=independent, fusion=links)


# -- the store side ---------------------------------------------------------------------------------------
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
        lat, lon = (f.lat, f.lon) if f.lat is not None else (NO_COORD, NO_COORD)
        self.store.place_event(event_id, members[0].mention_id, f.loc_key, (lo, hi, lat, lat, lon, lon), self.now)
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
        if f.lat is None:
            box = (NO_COORD, NO_COORD, NO_COORD, NO_COORD)
        else:
            reach = max(float(v) for v in self.r["place"]["max_km"].values())
            dlat = reach / KM_PER_DEG
            dlon = reach / (KM_PER_DEG * max(math.cos(math.radians(f.lat)), 0.05))
            box = (f.lat - dlat, f.lat + dlat, f.lon - dlon, f.lon + dlon)
        return self.store.fusion_candidates((d0, d1, *box), f.loc_key, by_name=f.lat is None)

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
        scored.sort(key=lambda x: (-x[0], cands.index(x[1]) if x[1] in cands else -1))
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
