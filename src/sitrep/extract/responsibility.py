"""Claims of responsibility: "IS claimed responsibility for the blast", "the attack was claimed by JNIM", "Al-Shabaab
said its fighters carried out the attack". A claim in any sentence of the story reaches the story's attack told
before it (or after it, when the headline claims): the claimed actor becomes its attacker where the report names
none, only a generic word ("gunmen", "suspected jihadists") or only the one who reported it ("..., police said"),
and the claim stays a claim, with its sentence as evidence. The words are data (lexicon.yaml responsibility_verbs,
responsibility_nouns, perpetrate_verbs)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from ..actors import Actor, registry
from ..models import Claim
from .records import DocState, Draft
from .roles import is_generic
from .triggers import find as find_triggers
from .words import words


@dataclass
class Responsibility:
    """One claim of responsibility as a sentence states it."""
    actor: Actor  # the armed actor claimed to have done it
    claimer: str  # who claims, as claims name their claimant (the actor's short name)
    kinds: frozenset[str]  # the event types the act it names may be ("the attack": a battle or an attack on
    # civilians), empty when the sentence names no act
    sent_idx: int
    start: int  # the sentence's offsets in the document's text
    end: int
    text: str
    headline: bool


def claimed_by(sdoc, amap, sent_idx: int, start: int, end: int, text: str,
               headline: bool = False) -> Optional[Responsibility]:
    """The claim of responsibility a sentence makes, if any: the armed actor that claims (the subject or the 'by'
    agent of a claim verb whose object is responsibility or an act; or the subject of a reporting verb whose clause
    has the actor's own pronoun doing an act), and the kind of act it names. A negated claim is none."""
    w = words()
    verbs = [t for t in sdoc if t.lemma_.lower() in w.responsibility_verbs | w.report_verbs]
    if not verbs:
        return None
    if not any(t.lemma_.lower() in w.responsibility_nouns or t.lemma_.lower() in w.perpetrate_verbs
               or t.lemma_.lower() == "claim" or t.dep_ in ("ccomp", "xcomp") for t in sdoc):
        return None  # the cheap test first: most sentences said by someone claim nothing
    acts = {}
    for h in find_triggers(sdoc):
        if h.spec.event_type in w.violent_types:
            for i in range(h.start, h.end):
                acts.setdefault(i, set()).add(h.spec.event_type)
    for verb in verbs:
        if any(c.dep_ == "neg" for c in verb.children):
            continue
        lemma = verb.lemma_.lower()
        who, act = None, None
        if lemma in w.responsibility_verbs:
            who, act = _claim(verb, acts)
        if who is None and lemma in w.report_verbs:
            act = _own_act(verb, acts)
            who = next((c for c in verb.children if c.dep_ == "nsubj"), None) if act is not None else None
        if who is None:
            continue
        found = _actor_in(who, amap)
        if found is None:
            continue
        if lemma not in w.responsibility_verbs and found[0].is_state:
            continue  # "the army said it had killed 30 militants in air strikes": its own operation, told as such
        kinds = frozenset(acts.get(act.i, ())) if act is not None else frozenset()
        return Responsibility(found[0], found[1], kinds, sent_idx, start, end, text, headline)
    return None


def _claim(verb, acts: dict):
    """(who claims, the act claimed) of a claim verb: "IS claimed responsibility for the blast", "Al-Shabaab claimed
    the attack", "the attack was claimed by JNIM"; (None, None) when its object is neither."""
    w = words()
    for o in verb.children:
        if o.dep_ not in ("dobj", "nsubjpass"):
            continue
        if o.lemma_.lower() in w.responsibility_nouns:
            fors = [c for c in list(o.children) + list(verb.children) if c.dep_ == "prep" and c.lower_ == "for"]
            act = next((p for c in fors for p in c.children if p.dep_ == "pobj"), None)
            return _subject_or_agent(verb), act
        if verb.lemma_.lower() == "claim" and o.i in acts:
            return _subject_or_agent(verb), o
    return None, None


def _subject_or_agent(verb):
    """'IS claimed ...': the subject; 'the attack was claimed by JNIM': the agent."""
    for c in verb.children:
        if c.dep_ == "nsubj":
            return c
        if c.dep_ == "agent":
            return next((p for p in c.children if p.dep_ == "pobj"), None)
    return None


def _own_act(verb, acts: dict):
    """Under a reporting verb, a clause whose subject is the speaker's own pronoun ("its fighters", "it") doing an act
    ("carried out the attack") or an act verb itself ("it had attacked"): that act's token."""
    w = words()
    for clause in verb.children:
        if clause.dep_ not in ("ccomp", "xcomp"):
            continue
        subj = next((c for c in clause.children if c.dep_ == "nsubj"), None)
        if subj is None or not (subj.lemma_.lower() in ("it", "they", "we") or any(
                c.dep_ == "poss" and c.lemma_.lower() in ("its", "their", "our", "it", "they", "we")
                for c in subj.children)):
            continue
        if any(c.dep_ == "neg" for c in clause.children) or clause.tag_ not in ("VBD", "VBN"):
            continue  # a done act ("carried out", "had staged"), not one under way or to come ("is fighting")
        if clause.lemma_.lower() in w.defence_verbs or clause.lower_ in w.defence_verbs:
            continue  # "the army said it had repelled an RSF attack": its defence, no attack claimed
        if clause.i in acts:
            return clause
        if clause.lemma_.lower() in w.perpetrate_verbs:
            return next((c for c in clause.children if c.dep_ == "dobj" and c.i in acts), None)
    return None


def _actor_in(tok, amap) -> Optional[tuple[Actor, str]]:
    """(the first armed actor named in the phrase of ``tok``, its short name as the claim's claimant); a party's
    media stands for the party ("Amaq")."""
    w = words()
    reg = registry()
    lo, hi = tok.left_edge.i, tok.right_edge.i
    for m, span in sorted(amap, key=lambda ms: ms[1].start):
        if not lo <= span.root.i <= hi:
            continue
        a = m.actor
        if a.is_claimant:
            a = reg.party_of(a) if a.media_of else None
        if a is not None and a.type in w.armed_types and not is_generic(a):
            return a, a.short
    return None


def attribute(drafts: list[Draft], claims: list[Responsibility], state: DocState) -> None:
    """Each claim reaches the violent events told before it (every one, when the headline claims) of the kind it
    names: the claimed actor becomes actor 1 where the report names none, only a generic word, or only its own
    sayer; it is never the attacker of its own side's dead. The claim is kept as a claim with its sentence."""
    w = words()
    doc = state.doc.doc
    reg = registry()
    for c in claims:
        cands = [d for d in drafts if d.event_type in w.violent_types and d.event_type not in ("Protests", "Riots")
                 and d.factuality in ("reported", "claimed") and (c.headline or d.sent_idx <= c.sent_idx)]
        if c.kinds and any(d.event_type in c.kinds for d in cands):
            cands = [d for d in cands if d.event_type in c.kinds]
        name = reg.resolved(c.actor, doc.published).display(state.country)
        for d in cands:
            if any(a.id == c.actor.id for a in d.actors2):
                continue  # "IS claimed ..." in a story of IS's own dead: another event
            a1 = d.actors1[0] if d.actors1 else None
            if a1 is not None and a1.id != c.actor.id and not (is_generic(a1) or _reporter(d, a1, state)):
                continue  # the report names its attacker: the claim stays a claim only
            if a1 is not None and a1.id != c.actor.id:
                d.actors1.remove(a1)  # "gunmen" were the claimed actor; the sayer only reported it
            if not d.actors1 or d.actors1[0].id != c.actor.id:
                d.actors1.insert(0, c.actor)
                d.notes_bits.append(f"attacker from a claim of responsibility by {c.claimer}")
            d.claims.append(Claim(kind="responsibility", claimant=c.claimer, value=name, doc_id=doc.doc_id,
                                  quote=c.text[:300]))
            if (c.start, c.end, c.text) not in d.sentences:
                d.sentences.append((c.start, c.end, c.text))


def _reporter(d: Draft, a1: Actor, state: DocState) -> bool:
    """Actor 1 is only who reports the event: the sentence's sayer ("..., police said"), or the party whose source
    or media claims it ("security sources said" made the army the attacker)."""
    if a1 is d.sayer:
        return True
    c = d.claimant
    if c is None or not c.media_of:
        return False
    reg = registry()
    party = reg.party_of(c)
    return party is not None and reg.specific(party, state.country).id == a1.id
