"""The learned event-type classifier, combined with the trigger rules.

The rules (``engine``) propose events, each resting on sentences. This module looks at each sentence that carries
events (a *candidate*) and gives a distribution over ACLED's 25 sub-event types and ``NONE`` (no ACLED event: a
disaster, a crime, diplomacy) from a linear model over the sentence's lemmas, the trigger words it holds, the
rules' own reading of it, the kinds of actors it names and whether it counts dead. The model sees the rules'
reading as features, so it learns where the rules are right and where they keep failing (a "clash" between
protesters and police is a riot; a seized arms cache is no battle).

Combination (``apply``; each constant below was chosen by 5-fold cross-validation on CASE dev, read and unread
parts agreeing, and checked on FA-KES dev's read part and the seeds): per candidate sentence the model's reading
(its likeliest event type, then that type's likeliest sub-type) replaces the rules' when the model is surer of it
than of the rules' by ``SWITCH_MARGIN`` (and at least ``STRONG_SWITCH_MIN`` sure against a strong trigger; never
from an event with dead to a deal, a handover or a peaceful protest); a candidate the model calls ``NONE`` with
probability ``DROP_MIN`` or more is dropped (``DROP_STRONG_MIN`` when the rules counted dead or read a strong
trigger), except a violent act against people that counts its victims (a ``violent_act`` trigger of
triggers.yaml, killed or injured counted): the model may retype it, never drop it, since a shooting, a stabbing
or a bombing with a victim is an event everywhere (crime is flagged by ``scope``); the rules' other readings of
the same sentence stay when the model gives them ``OTHER_MIN`` or they count dead; a document where the rules found nothing gets one event from its most event-like sentence when the
model gives that event type ``CREATE_MIN`` and more than no event. Every event keeps its evidence, and a changed
type says so in its notes and its confidence.

The weights are trained by ``scripts/train_event_model.py`` (deterministic; CASE dev and, for violent incidents
outside wars, one lead sentence per incident of the Gun Violence Corpus's read part) and shipped as ``data/models/
event_type.npz``; they are applied with numpy alone. ``SITREP_EVENT_MODEL`` overrides the model file (a path) or
turns the model off (``none``): that is how cross-validation scores each fold with a model that never saw it.
"""
from __future__ import annotations

import functools
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

import numpy as np

from ..actors import registry
from ..models import AnnotatedDocument, EventMention
from ..resources import data_path
from ..spandoc import span_doc
from .triggers import find as find_triggers, lexicon
from .words import words

NONE = "NONE"
MODEL_ENV = "SITREP_EVENT_MODEL"
MODEL_FILE = "models/event_type.npz"
SWITCH_MARGIN = 0.1  # the model's own type must beat the rules' type by this much probability to replace it
SWITCH_MIN = 0.0  # ... and be at least this sure of it
STRONG_SWITCH_MIN = 0.4  # ... this sure when the rules read a strong trigger (weight >= 0.9)
VAC = "Violence against civilians"
LETHAL = ("Battles", "Explosions/Remote violence", "Violence against civilians", "Riots", "Protests")  # may kill
TERRITORY = ("Government regains territory", "Non-state actor overtakes territory")
COARSE_FIRST = True  # the event type decides first (its sub-types' probabilities summed), then the sub-type
DROP_MIN = 0.4  # a candidate the model calls NONE at least this surely is no event
DROP_STRONG_MIN = 0.5  # ... and this surely when the rules counted dead or read a strong trigger
OTHER_MIN = 0.15  # another rule reading of the same sentence stays only with this much model probability
KEEP_TOLLS = True  # ... and one that counts dead always stays
CREATE_MIN = 0.3  # a document without rule events gets the model's event when its event type is this likely
CREATE_BY_TYPE = True  # (the event type's probability: its sub-types' summed)
CREATE_BEAT_NONE = True  # ... and likelier than no event (NONE)
UNTOUCHED = ("threatened", "planned", "denied")  # factualities whose coding the model leaves to the rules
MAX_CREATE_SENTENCES = 6  # sentences of a rule-less document the model reads (the lead tells the news)
WORD = re.compile(r"[a-z][a-z-]*[a-z]$|[a-z]$")


@dataclass
class Model:
    classes: list[str]
    index: dict[str, int]
    coef: np.ndarray  # (classes, features)
    intercept: np.ndarray

    def proba(self, feats: list[str]) -> np.ndarray:
        idx = sorted({self.index[f] for f in feats if f in self.index})
        z = self.intercept.copy()
        if idx:
            x = 1.0 / np.sqrt(len(idx))  # binary features, L2-normalised as in training
            z = z + self.coef[:, idx].sum(axis=1) * x
        z = z - z.max()
        p = np.exp(z)
        return p / p.sum()


def save(path: Path, classes: list[str], features: list[str], coef: np.ndarray, intercept: np.ndarray,
         meta: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(path, coef=coef.astype(np.float32), intercept=intercept.astype(np.float32),
                        classes=np.array(json.dumps(classes)), features=np.array(json.dumps(features)),
                        meta=np.array(json.dumps(meta, sort_keys=True)))


def load(path: Path) -> Model:
    with np.load(path, allow_pickle=False) as z:
        classes = json.loads(str(z["classes"]))
        features = json.loads(str(z["features"]))
        return Model(classes=classes, index={f: i for i, f in enumerate(features)},
                     coef=z["coef"].astype(np.float64), intercept=z["intercept"].astype(np.float64))


@functools.lru_cache(maxsize=4)
def _load_cached(path: str) -> Optional[Model]:
    p = Path(path)
    return load(p) if p.exists() else None


def model() -> Optional[Model]:
    """The model in use: ``SITREP_EVENT_MODEL`` (a path, or ``none`` for the rules alone), else the shipped one."""
    choice = os.environ.get(MODEL_ENV, "").strip()
    if choice.lower() in ("none", "off", "rules"):
        return None
    return _load_cached(choice or str(data_path(MODEL_FILE)))


# -- features -------------------------------------------------------------------------------------------------
def features(sent, rule_subs: list[str]) -> list[str]:
    """Features of one parsed sentence (a spaCy Span or Doc) and the rules' readings of it (first = main one)."""
    from ..actors import registry
    from . import numbers

    lemmas = [t.lemma_.lower() for t in sent if t.is_alpha]
    content = [lem for t, lem in zip([t for t in sent if t.is_alpha], lemmas) if not t.is_stop and WORD.match(lem)]
    out = [f"w={w}" for w in content]
    out += [f"b={a}_{b}" for a, b in zip(content, content[1:])]
    for h in find_triggers(sent):
        out.append(f"t={h.spec.id}")
        out.append(f"ts={h.sub_event_type}|{'strong' if h.spec.weight >= 0.5 else 'weak'}")
    if rule_subs:
        out.append(f"r1={rule_subs[0]}")
        out += [f"r={s}" for s in rule_subs]
        out.append(f"re={lexicon().event_type_of(rule_subs[0])}")
    else:
        out.append("r1=NONE")
    for m in registry().find(sent.text):
        kind = "claimant" if m.actor.is_claimant else m.actor.type
        out.append(f"a={kind}" + ("|weak" if m.weak else ""))
    doc = span_doc(sent) if hasattr(sent, "as_doc") else sent
    for c in numbers.find(doc):
        out.append(f"k={c.kind}" + ("|agg" if c.aggregate else ""))
    return sorted(set(out))


# -- candidates -----------------------------------------------------------------------------------------------
@dataclass
class Candidate:
    start: int  # the sentence's offsets in the document's text
    end: int
    text: str
    mentions: list[int]  # indices of the rule mentions resting first on this sentence, in order
    feats: list[str]


def _sentence_span(doc: AnnotatedDocument, start: int, end: int):
    """The parsed span of the document's text [start, end), from the parse that holds it: the block's, or (with
    the cascade, sitrep.cascade) the parsed run of sentences it lies in. None when that text was not parsed."""
    for b in doc.doc.blocks:
        if b.start is None or not (b.start <= start < (b.end if b.end is not None else b.start + len(b.text))):
            continue
        for seg in doc.segments(b.index) or ():
            lo, hi = b.start + seg.start, b.start + seg.end
            if lo <= start < hi:
                if seg.doc is None:
                    return None
                return seg.doc.char_span(start - lo, min(end, hi) - lo, alignment_mode="expand")
        return None
    return None


def _block_of(doc: AnnotatedDocument, start: int) -> Optional[int]:
    for b in doc.doc.blocks:
        if b.start is not None and b.start <= start < (b.end if b.end is not None else b.start + len(b.text)):
            return b.index
    return None


def candidates(doc: AnnotatedDocument, mentions: list[EventMention]) -> list[Candidate]:
    """One candidate per sentence that is the first evidence of a rule mention, in text order; with no rule
    mention, the document's first English sentences (each with no rule reading)."""
    groups: dict[tuple[int, int], list[int]] = {}
    for i, m in enumerate(mentions):
        if not m.evidence or m.factuality in UNTOUCHED:
            continue  # a threat, a plan, a denial: the rules code it as what was said, not as what happened
        ev = min(m.evidence, key=lambda e: e.start)
        groups.setdefault((ev.start, ev.end), []).append(i)
    out = []
    if mentions:
        for (s, e), idx in sorted(groups.items()):
            span = _sentence_span(doc, s, e)
            if span is None or not len(span):
                continue
            out.append(Candidate(s, e, doc.doc.text[s:e], idx, features(span, [mentions[i].sub_event_type for i in idx])))
        return out
    for sent in doc.sentences:
        if len(out) >= MAX_CREATE_SENTENCES:
            break
        if sent.language not in (None, "en"):
            continue
        span = _sentence_span(doc, sent.start, sent.end)
        if span is None and doc.segments(_block_of(doc, sent.start)):
            from ..annotate import english

            span = english()(sent.text)[:]  # a sentence the cascade left unparsed: the model reads every one
        if span is None or not len(span):
            continue
        if not _may_tell_an_event(span):
            continue
        out.append(Candidate(sent.start, sent.end, sent.text, [], features(span, [])))
    return out


def _may_tell_an_event(span) -> bool:
    """A sentence whose event words the rules read as not happening (negated, planned, threatened, denied, a
    standing charge, a habit), or that tells the war as a whole, tells no event for the model to add either."""
    from .attribution import factuality
    from .background import cues

    if any(rx.search(span.text) for rx in cues("context_cues")):
        return False  # the course of the war as a whole (data/dates.yaml context_cues): the rules make no event of it
    sdoc = span_doc(span)
    facts = [factuality(sdoc[h.start], sdoc, None, None) for h in find_triggers(sdoc)]
    return not facts or any(f in ("reported", "claimed", "attempted") for f in facts)


# -- combination ----------------------------------------------------------------------------------------------
def _top(mdl: Model, p: np.ndarray) -> str:
    """The model's sub-event type: the likeliest event type first (its sub-types' probabilities summed), then its
    likeliest sub-type, so that probability spread over the sub-types of one event type still decides."""
    subs = [(float(p[i]), c) for i, c in enumerate(mdl.classes) if c != NONE]
    if not COARSE_FIRST:
        return max(subs)[1]
    by_type: dict[str, float] = {}
    for q, c in subs:
        et = lexicon().event_type_of(c) or c
        by_type[et] = by_type.get(et, 0.0) + q
    best = max(by_type, key=lambda et: by_type[et])
    return max((q, c) for q, c in subs if (lexicon().event_type_of(c) or c) == best)[1]


def _retype(m: EventMention, sub: str, p: float, why: str) -> EventMention:
    et = lexicon().event_type_of(sub) or m.event_type
    notes = (m.notes or "").rstrip()
    note = f"(Event type from the learned classifier, p={p:.2f}; the trigger rules read {m.sub_event_type}: {why}.)"
    update = {"sub_event_type": sub, "event_type": et, "confidence": round(min(0.95, p), 2),
              "notes": f"{notes} {note}".strip()}
    if sub not in TERRITORY:
        update["territory"] = None  # no territory changed hands in a clash, a strike, a protest
        update["claims"] = [c for c in m.claims if c.kind != "territory"]
    return m.model_copy(update=update)


def _violent_with_victims(m: EventMention, cand: Candidate) -> bool:
    """A violent act against people (a trigger of the sentence marked ``violent_act`` in triggers.yaml, of the
    mention's sub-event type) that counts its victims, killed or injured: an event everywhere, which the model may
    retype but never drops (common crime is flagged by the event's ``scope``, not dropped)."""
    if not (m.fatalities or m.injured):
        return False
    specs = lexicon().specs
    return any(f.startswith("t=") and (spec := specs.get(f[2:])) is not None and spec.violent_act
               and spec.sub_event_type == m.sub_event_type for f in cand.feats)


def _armed_target(m: EventMention) -> bool:
    """The rules' fight names an armed actor on its receiving side (soldiers, police, a militia): ACLED's violence
    against civilians is done to unarmed non-combatants, so the model's Attack may not replace the rules' battle
    ("al-Shabaab-linked gunmen shot dead two soldiers" is an Armed clash)."""
    target = registry().lookup(m.actor2) if m.actor2 else None
    return target is not None and target.type in words().armed_types


def apply(doc: AnnotatedDocument, mentions: list[EventMention], mdl: Optional[Model] = None) -> list[EventMention]:
    """The rules' mentions, retyped, dropped or completed by the model (see the module's docstring)."""
    mdl = mdl if mdl is not None else model()
    if mdl is None:
        return mentions
    cands = candidates(doc, mentions)
    if not mentions:
        return _create(doc, cands, mdl)
    ci = {c: i for i, c in enumerate(mdl.classes)}
    prob = lambda p, sub: float(p[ci[sub]]) if sub in ci else 0.0  # noqa: E731
    result: dict[int, EventMention] = dict(enumerate(mentions))
    rank: dict[int, tuple[int, int]] = {}
    for cand in cands:
        p = mdl.proba(cand.feats)
        if mdl.classes[int(p.argmax())] == NONE and prob(p, NONE) >= DROP_MIN:
            sure = prob(p, NONE) >= DROP_STRONG_MIN
            gone = [i for i in cand.mentions if (sure or not (mentions[i].fatalities or mentions[i].confidence >= 0.85))
                    and not _violent_with_victims(mentions[i], cand)]
            for i in gone:  # a disaster, a crime, diplomacy: no ACLED event (a toll or a strong trigger needs more)
                result.pop(i, None)
            if len(gone) == len(cand.mentions):
                continue
        top = _top(mdl, p)
        have = [i for i in cand.mentions if mentions[i].sub_event_type == top]
        main = have[0] if have else cand.mentions[0]
        m = mentions[main]
        if top in TERRITORY and m.sub_event_type in TERRITORY:
            have = [main]  # who took the place (a state or not) decides between the two: the rules know the actor
        need = STRONG_SWITCH_MIN if m.confidence >= 0.85 else SWITCH_MIN  # a strong trigger yields to a sure model
        if m.fatalities and lexicon().event_type_of(top) not in LETHAL:
            need = 2.0  # people died: no deal, no peaceful protest, no handover
        if lexicon().event_type_of(top) == VAC and m.event_type == "Battles" and _armed_target(m):
            need = 2.0  # soldiers, police or a militia fought: a battle, never violence against civilians
        if not have and prob(p, top) - prob(p, m.sub_event_type) > SWITCH_MARGIN and prob(p, top) >= need:
            result[main] = _retype(m, top, prob(p, top), f"the model reads {top}")
        rank[main] = (cand.start, 0)
        for j, i in enumerate(x for x in cand.mentions if x != main):
            if prob(p, mentions[i].sub_event_type) < OTHER_MIN and not (KEEP_TOLLS and mentions[i].fatalities):
                result.pop(i, None)  # another reading of the same sentence the model does not share (one
                # that counts the dead stays: the toll is the event ACLED codes)
            rank[i] = (cand.start, j + 1)
    return [m for i, m in sorted(result.items(), key=lambda kv: (rank.get(kv[0], (10**9, 0)), kv[0]))]


def _create(doc: AnnotatedDocument, cands: list[Candidate], mdl: Model) -> list[EventMention]:
    """A document the rules found no event in: the model's most event-like sentence, when it is sure enough."""
    best: Optional[tuple[float, str, Candidate]] = None
    for cand in cands:
        p = mdl.proba(cand.feats)
        sub = _top(mdl, p)
        et = lexicon().event_type_of(sub)
        q = sum(float(p[i]) for i, c in enumerate(mdl.classes) if c != NONE and lexicon().event_type_of(c) == et) \
            if CREATE_BY_TYPE else float(p[mdl.classes.index(sub)])
        if best is None or q > best[0]:
            best = (q, sub, cand)
    if best is None or best[0] < CREATE_MIN:
        return []
    if CREATE_BEAT_NONE and NONE in mdl.classes and best[0] <= float(mdl.proba(best[2].feats)[mdl.classes.index(NONE)]):
        return []  # no ACLED event is the likelier reading
    p, sub, cand = best
    from .fallback import mention_from_sentence

    m = mention_from_sentence(doc, cand.start, cand.end, sub, lexicon().event_type_of(sub) or "Strategic developments",
                              confidence=round(min(0.95, p), 2))
    return [m] if m is not None else []


__all__ = ["Model", "model", "load", "save", "features", "candidates", "apply", "NONE", "MODEL_ENV"]
