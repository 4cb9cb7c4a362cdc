"""The story's decisions, learned: which of the article's candidate kinds of violence, which of its candidate
perpetrators and which of its death figures (:mod:`.story_toll`) belong to the story's event (the event that carries
the article's toll, else its main event).

The rules read each sentence alone; an article tells its story across them ("Air strikes kill 12": an air strike,
and the toll sentence after it says only "killed"). Here every candidate the rules found *with evidence* in the
article is scored with document-level features (is it the event's own reading, does the headline announce it, is
it told in the lead, how often, with a toll, by whom...) by a logistic regression trained on the articles of
FA-KES's READ part only (``scripts/train_story_model.py``, deterministic; reported by k-fold cross-validation on
the read part and scored on the unread part). The model chooses among candidates: it never invents a field the
article gives no evidence for; each change is noted on the event with the evidence it rests on.

The features name ACLED sub-event types and actor *types*, never a country, an actor's name or a word: the model
is the same for any war. ``SITREP_STORY_MODEL`` overrides the model file (a path) or turns it off (``none``).
"""
from __future__ import annotations

import functools
import json
import math
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Optional, Sequence

import numpy as np

from ..actors import registry
from ..models import AnnotatedDocument, EventMention
from ..resources import data_path
from .mainevent import NEWS, headline_kinds, lead_end, main_mention
from .story_roles import role_features
from .triggers import lexicon

MODEL_ENV = "SITREP_STORY_MODEL"
MODEL_FILE = "models/story.npz"
TERRITORY = ("Government regains territory", "Non-state actor overtakes territory")


@dataclass
class Ranker:
    """A binary logistic regression over sparse binary features, applied to each candidate: the likeliest wins."""
    index: dict[str, int]
    coef: np.ndarray
    intercept: float
    margin: float  # a candidate replaces the event's own reading only when its score beats it by this much

    def score(self, feats: Sequence[str]) -> float:
        return self.intercept + float(sum(self.coef[self.index[f]] for f in set(feats) if f in self.index))


@dataclass
class StoryModel:
    rankers: dict[str, Ranker]  # "cause", "actor", "toll" (:mod:`.story_toll`)


def save(path: Path, rankers: dict[str, tuple[list[str], np.ndarray, float, float]], meta: dict) -> None:
    arrays = {}
    for name, (features, coef, intercept, margin) in rankers.items():
        arrays[f"{name}_coef"] = coef.astype(np.float32)
        arrays[f"{name}_features"] = np.array(json.dumps(features))
        arrays[f"{name}_intercept_margin"] = np.array([intercept, margin], dtype=np.float32)
    path.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(path, names=np.array(json.dumps(sorted(rankers))),
                        meta=np.array(json.dumps(meta, sort_keys=True)), **arrays)


def load(path: Path) -> StoryModel:
    with np.load(path, allow_pickle=False) as z:
        rankers = {}
        for name in json.loads(str(z["names"])):
            features = json.loads(str(z[f"{name}_features"]))
            im = z[f"{name}_intercept_margin"].astype(np.float64)
            rankers[name] = Ranker({f: i for i, f in enumerate(features)}, z[f"{name}_coef"].astype(np.float64),
                                   float(im[0]), float(im[1]))
        return StoryModel(rankers)


@functools.lru_cache(maxsize=4)
def _load_cached(path: str) -> Optional[StoryModel]:
    p = Path(path)
    return load(p) if p.exists() else None


def model() -> Optional[StoryModel]:
    choice = os.environ.get(MODEL_ENV, "").strip()
    if choice.lower() in ("none", "off", "rules"):
        return None
    return _load_cached(choice or str(data_path(MODEL_FILE)))


# --- the story's event and its candidates ---------------------------------------------------------------------

def story_event(doc: AnnotatedDocument, mentions: Sequence[EventMention]) -> Optional[int]:
    """Index of the event the story's decisions apply to: the news event with the article's largest toll (the main
    event when it is among them), else the main event."""
    if not mentions:
        return None
    main = main_mention(doc, mentions)
    tolls = [i for i, m in enumerate(mentions) if m.fatalities and m.factuality in NEWS]
    if not tolls:
        return main
    top = max(mentions[i].fatalities for i in tolls)
    best = [i for i in tolls if mentions[i].fatalities == top]
    return main if main in best else best[0]


@dataclass
class Candidate:
    value: str
    feats: list[str]
    source: Optional[int]  # the mention whose evidence holds it (None: the headline)


def _start(m: EventMention, default: int) -> int:
    return min((e.start for e in m.evidence), default=default)


def _log_bucket(n: int) -> str:
    return str(min(3, int(math.log2(n + 1))))


def cause_candidates(doc: AnnotatedDocument, mentions: Sequence[EventMention], target: int) -> list[Candidate]:
    """The kinds the event may be: its own, and each sub-event type the article's news events (not its background,
    history, threats, unless the headline announces the kind) and headline give evidence for, each with features (whether it is told in the event's own sentences, announced by the headline, in the
    lead...). Restricting the candidates to the event's own sentences and the headline was tried: equal in
    cross-validation on the read part (84.4), worse on the unread part (cause 86.8 -> 83.0)."""
    types, subs = headline_kinds(doc)
    end = lead_end(doc)
    n = len(doc.doc.text) or 1
    t = mentions[target]
    main = main_mention(doc, mentions)
    order = sorted(range(len(mentions)), key=lambda i: _start(mentions[i], n))
    et_of = lexicon().event_type_of
    values = list(dict.fromkeys([t.sub_event_type] + [m.sub_event_type for m in mentions] + sorted(subs)))
    out = []
    for v in values:
        idx = [i for i, m in enumerate(mentions) if m.sub_event_type == v]
        et = et_of(v) or ""
        f = [f"sub={v}", f"et={et}"]
        if v == t.sub_event_type:
            f += ["own", f"own&sub={v}"]
        else:
            f += [f"own={t.sub_event_type}&alt_et={et}", f"own_et={t.event_type}&alt_et={et}"]
        if v in subs:
            f.append("headline")
        elif et in types:
            f.append("headline_type")
        if idx:
            f.append("n=" + _log_bucket(len(idx)))
            if any(_start(mentions[i], n) < end for i in idx):
                f.append("lead")
            if any(mentions[i].fatalities for i in idx):
                f.append("toll")
            if any(mentions[i].injured for i in idx):
                f.append("injured")
            if main in idx:
                f.append("main")
            if order and order[0] in idx:
                f.append("first")
            if not any(mentions[i].factuality in NEWS for i in idx):
                f.append("not_news")
            if any(set(e.text for e in mentions[i].evidence) & set(e.text for e in t.evidence) for i in idx if i != target):
                f.append("same_sentence")
        else:
            f.append("headline_only")
        if v == t.sub_event_type or "not_news" not in f or v in subs:
            # a background event's kind is not the news event's, unless the headline announces it
            out.append(Candidate(v, f, idx[0] if idx else None))
    return out


def _actor_type(name: str) -> str:
    a = registry().lookup(name)
    return a.type if a is not None else "unknown"


def actor_candidates(doc: AnnotatedDocument, mentions: Sequence[EventMention], target: int) -> list[Candidate]:
    """The actors the article's events name (as actor 1, actor 2 or associated), each with features; the target's
    own actor 1 (None: no actor) is always a candidate."""
    end = lead_end(doc)
    n = len(doc.doc.text) or 1
    t = mentions[target]
    main = main_mention(doc, mentions)
    order = sorted(range(len(mentions)), key=lambda i: _start(mentions[i], n))
    names = [t.actor1 or ""]
    for m in mentions:
        names += [x for x in [m.actor1, m.actor2, *m.assoc_actor_1, *m.assoc_actor_2] if x]
    out = []
    own_type = _actor_type(t.actor1) if t.actor1 else "none"
    for v in dict.fromkeys(names):
        if not v:
            out.append(Candidate("", ["none", "own", f"sub={t.sub_event_type}&none"], None))
            continue
        typ = _actor_type(v)
        if typ in ("civilians",):
            continue
        as1 = [i for i, m in enumerate(mentions) if m.actor1 == v]
        as2 = [i for i, m in enumerate(mentions) if m.actor2 == v]
        assoc = [i for i, m in enumerate(mentions) if v in m.assoc_actor_1 or v in m.assoc_actor_2]
        f = [f"type={typ}", f"sub={t.sub_event_type}&type={typ}"]
        if v == t.actor1:
            f += ["own", f"own&type={typ}"]
        else:
            f.append(f"own_type={own_type}&type={typ}")
        if v == t.actor2:
            f.append("target_actor2")
        if v in t.assoc_actor_1:
            f.append("target_assoc1")
        if v in t.assoc_actor_2:
            f.append("target_assoc2")
        if as1:
            f.append("as1=" + _log_bucket(len(as1)))
            if any(_start(mentions[i], n) < end for i in as1):
                f.append("as1_lead")
            if any(mentions[i].fatalities for i in as1):
                f.append("as1_toll")
            if any(mentions[i].sub_event_type == t.sub_event_type for i in as1):
                f.append("as1_same_sub")
            if main in as1:
                f.append("as1_main")
            if order and order[0] in as1:
                f.append("as1_first")
            if not any(mentions[i].factuality in NEWS for i in as1):
                f.append("as1_not_news")
        if as2:
            f.append("as2=" + _log_bucket(len(as2)))
            if any(mentions[i].fatalities for i in as2):
                f.append("as2_toll")
        if assoc:
            f.append("assoc")
        f += role_features(doc, v)  # branch `actors`: what the parse made of it (:mod:`.story_roles`)
        src = as1[0] if as1 else as2[0] if as2 else assoc[0] if assoc else None
        out.append(Candidate(v, f, src))
    return out


# --- applying the decisions -------------------------------------------------------------------------------------

def _choose(r: Ranker, cands: list[Candidate], own: str) -> Optional[Candidate]:
    if len(cands) < 2:
        return None
    scores = [r.score(c.feats) for c in cands]
    best = max(range(len(cands)), key=lambda i: (scores[i], cands[i].value == own))
    own_score = next((s for s, c in zip(scores, cands) if c.value == own), float("-inf"))
    if cands[best].value == own or scores[best] - own_score <= r.margin:
        return None
    return cands[best]


def _quote(doc: AnnotatedDocument, mentions: Sequence[EventMention], c: Candidate) -> str:
    if c.source is None:
        return doc.doc.title or ""
    ev = mentions[c.source].evidence
    return ev[0].text if ev else ""


def decides(decision: str, m: EventMention) -> bool:
    """Whether the learned decision may change the event: only a reported event (a claim is the claimant's
    account: "the group said it killed 30 soldiers" stays a clash), and never the kind of a territorial change (who
    took the place is what ACLED codes; the rules read the actor)."""
    if m.factuality != "reported":
        return False
    return not (decision == "cause" and m.sub_event_type in TERRITORY)


def apply_toll_decision(doc: AnnotatedDocument, mentions: list[EventMention], mdl: StoryModel,
                        target: Optional[int]) -> list[EventMention]:
    """The mentions, with the story event's toll as the learned toll selector chooses it (:mod:`.story_toll`)."""
    r = mdl.rankers.get("toll")
    if r is None or target is None or not decides("toll", mentions[target]):
        return mentions
    from .story_toll import apply_toll

    m = mentions[target]
    update, note = apply_toll(r, doc, m, target, mentions)
    if not update:
        return mentions
    update["notes"] = " ".join([(update.get("notes") or m.notes or "").rstrip(),
                                f"({note[0].upper() + note[1:]}.)"]).strip()
    out = list(mentions)
    out[target] = m.model_copy(update=update)
    return out


def protesters_first(m: EventMention) -> dict:
    """Actor fields with the protesters leading (as extraction orders a Protests event's actors), when a mention read
    as another kind of event becomes a Protests event: "police fired live rounds at protesters, killing five"."""
    if m.actor2 and m.actor2.startswith("Protesters") and not (m.actor1 or "").startswith("Protesters"):
        return {"actor1": m.actor2, "actor2": m.actor1, "assoc_actor_1": list(m.assoc_actor_2),
                "assoc_actor_2": list(m.assoc_actor_1)}
    return {}


def apply(doc: AnnotatedDocument, mentions: list[EventMention], mdl: Optional[StoryModel] = None
          ) -> list[EventMention]:
    """The mentions, with the story event's sub-event type, actor 1 and toll as the learned decisions choose them.
    Choosing the kind and the actor on the event the chosen toll makes the article's largest (the toll first) was
    tried: CV on read cause 83.1 -> 81.8, actor 75.9 -> 74.1; unread perpetrator 78.3 -> 74.7, cause 85.8 -> 83.0."""
    mdl = mdl if mdl is not None else model()
    if mdl is None or not mentions:
        return mentions
    target = story_event(doc, mentions)
    if target is None:
        return mentions
    m = mentions[target]
    update: dict = {}
    notes = []
    r = mdl.rankers.get("cause")
    if r is not None and decides("cause", m):
        c = _choose(r, cause_candidates(doc, mentions, target), m.sub_event_type)
        if c is not None:
            update["sub_event_type"] = c.value
            update["event_type"] = lexicon().event_type_of(c.value) or m.event_type
            if c.value not in TERRITORY:
                update["territory"] = None
                update["claims"] = [x for x in m.claims if x.kind != "territory"]
            if update["event_type"] == "Protests" and m.event_type != "Protests":
                update.update(protesters_first(m))  # ACLED: the protesters are actor 1 of every Protests event
            notes.append(f"sub-event type from the story model, the rules read {m.sub_event_type}; evidence: "
                         f"\"{_quote(doc, mentions, c)[:160]}\"")
    r = mdl.rankers.get("actor")
    if r is not None and decides("actor", m):
        c = _choose(r, actor_candidates(doc, mentions, target), m.actor1 or "")
        if c is not None and c.value:
            update["actor1"] = c.value
            if m.actor2 == c.value:
                update["actor2"] = m.actor1
            update["assoc_actor_1"] = [a for a in m.assoc_actor_1 if a != c.value]
            update["assoc_actor_2"] = [a for a in m.assoc_actor_2 if a != c.value]
            notes.append(f"actor 1 from the story model, the rules read {m.actor1 or 'no actor'}; evidence: "
                         f"\"{_quote(doc, mentions, c)[:160]}\"")
    out = list(mentions)
    if update:
        summary = _summary_again(m, update)
        update["notes"] = " ".join([summary.rstrip()] + [f"({n[0].upper() + n[1:]}.)" for n in notes]).strip()
        out[target] = m.model_copy(update=update)
        if "sub_event_type" in update:
            out, target = absorb_same_kind(out, target)
    return apply_toll_decision(doc, out, mdl, target)


def _summary_again(m: EventMention, update: dict) -> str:
    """The event's notes with their opening summary ("X clashed with Y in Z.", written by :mod:`.finish` from the
    rules' reading) told again for the kind and actors the story model chose; other notes as they were."""
    from .finish import _what

    notes = m.notes or ""
    new = m.model_copy(update={k: v for k, v in update.items() if k != "notes"})
    old_head = f"{m.actor1 or 'an unidentified actor'} {_what(m.sub_event_type, m.actor2, m.location_text, m.actor1)}"
    new_head = f"{new.actor1 or 'an unidentified actor'} {_what(new.sub_event_type, new.actor2, new.location_text, new.actor1)}"
    if not notes.startswith(old_head):
        return notes
    rest = notes[len(old_head):]
    where = f" in {m.location_text}"
    if new.sub_event_type in TERRITORY and m.sub_event_type not in TERRITORY and rest.startswith(where):
        rest = rest[len(where):]  # the territory's note names the place in what was done
    return new_head + rest


def absorb_same_kind(mentions: list[EventMention], target: int) -> tuple[list[EventMention], int]:
    """(mentions, the target's new index) after the events the retyped story event now duplicates are folded into
    it: one sentence's other event of the same kind at the same place ("police fired tear gas and live rounds at
    protesters ..., killing at least five": the rules read the firing as excessive force and the killing as a clash;
    once the story model retypes the killing, both tell one event, which carries the toll). Only a reported event
    that shares a sentence with the story event and has no larger toll is folded; its evidence and claims stay."""
    t = mentions[target]
    told = {e.text for e in t.evidence}
    place = (t.location_text or "").lower()
    fold = [i for i, m in enumerate(mentions) if i != target and m.sub_event_type == t.sub_event_type
            and m.factuality == t.factuality and {e.text for e in m.evidence} & told
            and (m.location_text or "").lower() in ("", place) and (m.fatalities or 0) <= (t.fatalities or 0)]
    if not fold:
        return mentions, target
    evidence, claims = list(t.evidence), list(t.claims)
    injured = t.injured
    for i in fold:
        m = mentions[i]
        evidence += [e for e in m.evidence if e not in evidence]
        claims += [c for c in m.claims if c not in claims]
        if m.injured and (injured or 0) < m.injured:
            injured = m.injured
    merged = t.model_copy(update={"evidence": evidence, "claims": claims, "injured": injured})
    keep = [i for i in range(len(mentions)) if i not in fold]
    return [merged if i == target else mentions[i] for i in keep], keep.index(target)


__all__ = ["StoryModel", "Ranker", "model", "load", "save", "story_event", "cause_candidates", "actor_candidates",
           "apply", "apply_toll_decision", "absorb_same_kind", "decides", "MODEL_ENV"]
