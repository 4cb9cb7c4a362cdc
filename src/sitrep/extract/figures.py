"""Casualty figures (found by :mod:`.numbers`) attached to drafts: which event of a sentence and which place a
toll belongs to, the stand-in event of a toll that no event word explains, and an event's fatalities."""
from __future__ import annotations

import dataclasses

import functools
from typing import Optional

from ..models import Claim
from . import numbers
from .background import Background
from .records import DocState, Draft, claimant_name
from .triggers import Hit, TriggerSpec
from .words import words

NAMED_DEATH_WORDS = ("killing", "kill", "death", "die")  # lemmas that tell a named person's death


def kills(root) -> bool:
    """Is this trigger what killed the people the sentence counts ('air strikes killed 10', 'shelling left 11
    dead', 'were killed in an air strike', 'died in the shelling')?"""
    heads = words().kill_heads
    head = root.head
    if root.dep_ in ("nsubj", "csubj") and head.lemma_.lower() in heads:
        return True
    if root.dep_ == "nsubj" and any(c.dep_ in ("ccomp", "xcomp") and c.lemma_.lower() in heads and not any(
            g.dep_ in ("nsubj", "nsubjpass") for g in c.children) for c in head.children):
        return True  # unpunctuated text misparsed: "jets believed to be Russian killed 60 civilians"
    if root.dep_ == "pobj" and head.lower_ in ("in", "by", "from", "during") and head.head.lemma_.lower() in heads:
        return True
    if (root.dep_ == "advcl" and root.tag_ == "VBG" and root.i < head.i and head.lemma_.lower() in heads
            and not any(c.dep_ in ("nsubj", "nsubjpass", "csubj", "mark") for c in root.children)
            and not any(c.dep_ in ("nsubj", "nsubjpass", "csubj") for c in head.children)):
        return True  # a gerund opening the sentence misparsed as a clause: "Shelling by the RSF killed 14 civilians"
    t = root
    while t.dep_ in ("appos", "conj") and t.head.i < t.i:
        t = t.head  # a dateline read as the subject: "EL FASHER, Sudan, May 12 (Reuters) - Shelling ... killed 14"
    return t is not root and t.dep_ in ("nsubj", "csubj") and t.head.lemma_.lower() in heads and t.head.i > root.i


COUNTED = "victims:"  # the id prefix of a stand-in trigger for victims counted without a number


@functools.lru_cache(maxsize=None)
def _pseudo_spec(sub: str, et: str, prefix: str = "casualties:") -> TriggerSpec:
    return TriggerSpec(id=f"{prefix}{sub}", event_type=et, sub_event_type=sub, weight=0.5, needs=(), pos=())


def toll_hit(sdoc, killed, counted: bool = False) -> Hit:
    """A stand-in trigger for a toll that no event word in its clause explains ("15 civilians were killed");
    ``counted``: for victims counted without a number ("he died in hospital"), which only add to an event the
    article tells (:func:`.merge.attach_figures`), never make one."""
    victims = {c.who for c in killed}
    sub = "Attack" if victims == {"civilian"} else "Armed clash"
    et = "Violence against civilians" if sub == "Attack" else "Battles"
    fake = Hit(spec=_pseudo_spec(sub, et, COUNTED if counted else "casualties:"), start=0, end=0)
    fake.start = next((t for t in sdoc if t.idx >= killed[0].start), sdoc[0]).i  # offsets in the sentence
    return fake


def share_out(chosen: list[tuple[Hit, str]], casualties, sdoc, bg: Background) -> list[list]:
    """The figures of each chosen trigger. With two events in one sentence, each figure belongs to the trigger
    nearest to it, in the same scope (news or background), a violent one when there is one ("killed as terrorists
    breached the agreement" is no deal's toll)."""
    violent = words().violent_types
    violent_idx = [i for i, (h, f) in enumerate(chosen) if h.spec.event_type in violent and f != "threatened"]

    def owner(c) -> int:
        pool = violent_idx or list(range(len(chosen)))
        same = [i for i in pool if bg.in_span(sdoc[chosen[i][0].start].idx) == bg.in_span(c.start)]
        return min(same or pool, key=lambda i: abs(sdoc[chosen[i][0].start].idx - c.start))

    def scoped(c, ci: int):
        """A figure told inside a phrase about an earlier event ("in retaliation for the killing of a pilot", "days
        after a bombing killed 120") is that event's, never the news trigger's toll: kept as background."""
        if bg.in_span(c.start) and not bg.in_span(sdoc[chosen[ci][0].start].idx):
            return dataclasses.replace(c, background=True)
        return c
    return [[scoped(c, ci) for c in casualties if not (len(chosen) > 1 and owner(c) != ci)] for ci in range(len(chosen))]


def add_figures(d: Draft, casualties, state: DocState) -> None:
    """The sentence's figures as the draft's claims, and its killed and injured counts."""
    claimant = d.claimant
    party = bool(claimant and claimant.stance == "party")
    for c in casualties:
        if c.kind == "killed" and c.background:  # an earlier event's toll: context with its evidence, no count
            d.claims.append(Claim(kind="background_fatalities", claimant=claimant_name(claimant, state, d.speaker),
                                  value=c.value, doc_id=state.doc.doc.doc_id, quote=d.sent_text))
        elif c.kind == "killed":
            d.claims.append(Claim(kind="aggregate_fatalities" if c.aggregate else "fatalities",
                                  claimant=claimant_name(claimant, state, d.speaker), value=c.value,
                                  doc_id=state.doc.doc.doc_id, quote=d.sent_text))
            if not c.aggregate and c.value is not None:
                d.killed.append((c.value, claimant, party,
                                 c.vague or c.text.lower().split()[0] in numbers.VAGUE_PLURALS))
        elif c.kind == "injured" and c.value is not None:
            d.injured = (d.injured or 0) + c.value
            d.claims.append(Claim(kind="injuries", claimant=claimant_name(claimant, state, d.speaker), value=c.value,
                                  doc_id=state.doc.doc.doc_id, quote=d.sent_text))


def named_death(d: Draft, sdoc, casualties) -> None:
    """A sentence with no toll that tells the death of a named person counts one killed."""
    if any(c.kind == "killed" for c in casualties):
        return
    people = {t.i for e in sdoc.ents if e.label_ == "PERSON" for t in e}
    if people and any(t.lemma_.lower() in NAMED_DEATH_WORDS and people & _victims(t) for t in sdoc):
        d.killed.append((1, d.claimant, bool(d.claimant and d.claimant.stance == "party"), False))


def _victims(t) -> set[int]:
    """Tokens of who a death word's victim can be: its passive subject or object, the subject of 'die', the object of
    'of' ("the killing of X"), or the noun it modifies; so a name elsewhere in the sentence (a byline: "by Asharq
    Al-Awsat ... Killed") is nobody's death."""
    heads = [c for c in t.children if c.dep_ in ("nsubjpass", "dobj", "appos") or (c.dep_ == "nsubj" and (
        t.lemma_.lower() == "die" or t.tag_ == "VBN"))]
    heads += [g for c in t.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
    if t.dep_ in ("amod", "acl", "relcl") or t.dep_ == "appos":
        heads.append(t.head)
    return {x.i for h in heads for x in h.subtree}


def figures_by_place(casualties, found, sent_start: int):
    """One sentence telling tolls at two places ("killed at least 50 in Daraa countryside as army units advanced in
    Eastern Ghouta killing at least 35"): each figure goes to the place named nearest it, one after it preferred.
    ``found`` are the sentence's places (:func:`.places.sentence_places`). Returns [(place, figures)], the first
    place taking the figures of places without a toll; None unless at least two places far apart (another town,
    not a district of the same one) each get a toll."""
    kills_ = [c for c in casualties if c.kind == "killed" and not c.aggregate and c.value]
    if len(kills_) < 2 or len(found) < 2:
        return None
    # a place named twice ("Aleppo ... Aleppo city") is one place: its first mention stands for both
    same_as = [next(j for j in range(len(found)) if j == i or found[j].place.name == found[i].place.name
                    or found[j].place.km_to(found[i].place) < 15) for i in range(len(found))]
    groups: dict[int, list] = {}
    for c in casualties:
        pos = sent_start + c.start
        # "killed 12 in Aleppo": the place that follows a toll is its place more often than one before it
        i = min(range(len(found)),
                key=lambda k: (found[k].start - pos) * 0.5 if found[k].start >= pos else pos - found[k].start)
        groups.setdefault(same_as[i], []).append(c)
    with_toll = [i for i, cs in groups.items() if any(c in kills_ for c in cs)]
    if len(with_toll) < 2:
        return None
    a, b = found[with_toll[0]].place, found[with_toll[1]].place
    if a.km_to(b) < 15 or a.name == b.name:
        return None
    out = [(found[i], groups[i]) for i in with_toll]
    rest = [c for i, cs in groups.items() if i not in with_toll for c in cs]
    out[0][1].extend(rest)
    return out


def _per_claimant(items) -> list:
    """The largest figure of each claimant; vague figures ("dozens") only when nobody gives a number."""
    precise = [x for x in items if not x[3]]
    items = precise or items
    best: dict = {}
    for v, c, *_ in items:
        if v is not None:
            k = c.id if c is not None else None
            best[k] = max(best.get(k, 0), v)
    return list(best.values())


def fatalities(d: Draft) -> Optional[int]:
    """The event's fatalities from its figures. Within one report, figures for one event are the whole toll and
    its parts or updates ("eight killed ... four of them children", "the toll rose to 61"): the report's toll is
    the largest; ACLED's conservative minimum applies between sources, when fusion reconciles reports. A party's
    own figures count only when no one else gives one (then the lowest)."""
    w = words()
    precise_any = [x for x in d.killed if not x[3]]
    killed = precise_any or d.killed  # "hundreds" counts only when no source gives a number
    non_party = _per_claimant([x for x in killed if not x[2]])
    party = _per_claimant([x for x in killed if x[2]])
    value = max(non_party) if non_party else (min(party) if party else None)
    if d.factuality == "historical":
        return None  # background: the toll stays a claim, it is not this article's news
    if d.event_type not in w.violent_types + ("Riots",) and d.sub not in w.killing_protest_subs:
        return None  # a deal, a protest, a deployment kill no one: the figure belongs to another event
    return value
