"""Actors and their roles in one sentence, from the dependency parse: who acted (actor1), against whom (actor2),
who lost and who gained ground."""
from __future__ import annotations

from typing import Optional

from ..actors import Actor, ActorMention, registry
from ..models import Claim
from .records import DocState, Draft
from .triggers import find as find_triggers, lexicon
from .words import words

# prepositions between an actor and the trigger that make the actor the one acted upon ("strikes on X"); "in" and
# "near" lead to a place-like mention ("clashes in Daraa"), which takes no role
PATIENT_PREPOSITIONS = ("against", "with", "on", "targeting", "at", "upon", "into", "from", "between", "over", "to",
                        "near", "in")


def actor_token_map(sdoc, mentions: list[ActorMention], offset: int):
    """Actor mentions as token spans. A weak alias ("military", "army", "rebels") counts only as a noun phrase's
    head ("the military said"), never as a modifier ("military fronts", "Army Colonel")."""
    out = []
    for m in mentions:
        span = sdoc.char_span(m.start - offset, m.end - offset, alignment_mode="expand")
        if span is None or not len(span):
            continue
        if m.weak and (span.root.dep_ in ("amod", "compound", "nmod") or span.root.pos_ in ("ADJ", "PROPN") and
                       span.root.dep_ != "nsubj" and len(span) == 1 and span.root.head.pos_ in ("NOUN", "PROPN")):
            continue
        out.append((m, span))
    return named_by_link(out)


def named_by_link(amap):
    """A word for armed men whose phrase names their group ("Rebels of the Allied Democratic Forces", "fighters from
    the Fano militia", "Militants linked to al-Qaeda"; lexicon.yaml member_nouns, link_verbs) is that group: the named
    group takes the word's place in the sentence, so its role is the phrase's role. A generic actor word in that
    place ("Rebels") gives way to the group."""
    w = words()
    armed = w.armed_types
    out = list(amap)
    for m, span in amap:
        if m.weak or m.actor.is_claimant or m.actor.type not in armed or span.root.dep_ != "pobj":
            continue
        prep = span.root.head
        up = prep.head
        if prep.lower_ in ("to", "with") and up.lemma_.lower() in w.link_verbs and up.dep_ in ("acl", "amod"):
            up = up.head
        elif prep.lower_ not in ("of", "from"):
            continue
        if up.lemma_.lower() not in w.member_nouns and up.lower_ not in w.member_nouns:
            continue
        generic = [k for k, (g, gspan) in enumerate(out) if g.weak and gspan.root.i == up.i]
        if any(out[k][0].actor.type not in armed for k in generic):
            continue
        doc = span.doc
        out = [x for k, x in enumerate(out) if k not in generic and x[1] is not span]
        out.append((m, doc[up.i:up.i + 1]))
    return sorted(out, key=lambda x: x[1].start)


def role(span, trig) -> Optional[str]:
    """'agent', 'patient', 'loser' or 'gainer' of the trigger, from the dependency path between the actor's head
    and the trigger: the first preposition on the way decides ('by' agent; 'against', 'with', 'on' patient),
    else the grammatical function under the trigger's verb (subject agent, object patient)."""
    w = words()
    head = span.root
    verb = trig if trig.pos_ in ("VERB", "AUX") else trig.head
    loss = trig.lemma_.lower() in w.loss
    if span.start <= trig.i < span.end:
        return "agent"  # the actor's name holds the act: "regime shelling", "Russian air strikes"
    path = [head] + list(head.ancestors)
    for i, node in enumerate(path):
        nxt = path[i + 1] if i + 1 < len(path) else None
        if node == trig or node == verb:
            break
        if node.dep_ == "prep" and node.head != trig and node.head.dep_ in ("nsubj", "nsubjpass") and (
                node.head.head in (trig, verb) and node.head.pos_ == "NOUN"):
            continue  # inside the subject's noun phrase ("fighters from the Fano militia took control"): its role
        if node.dep_ == "prep" or node.dep_ == "agent":
            word = node.lower_
            if word == "by":
                h = node.head
                if h == trig or h == verb or (h.dep_ in ("acl", "relcl") and h.head in (trig, verb)):
                    return "agent"  # "killed by X", "strikes carried out by X"; not "areas controlled by X"
                if leads(span, trig):
                    return "agent"  # "rebels led by HTS seized Aleppo": the group at the subject's head
                return None
            if word == "to" and loss:
                return "gainer"
            if word in PATIENT_PREPOSITIONS:
                return "patient" if word not in ("in", "near") else None
        if node.dep_ in ("nsubjpass", "dobj") and nxt is not None and nxt.lemma_.lower() in w.death_verbs:
            return "patient"  # "31 IS militants were killed in air raids": the victims
        if node.dep_ == "nsubj" and nxt is not None and nxt.lemma_.lower() in ("die",):
            return "patient"
        if node.dep_ == "prep" and node.lower_ == "of" and nxt == trig and trig.pos_ == "NOUN":
            if i == 1 and trig.lemma_.lower() in w.agent_of_nouns:
                return "agent"  # "an airstrike of the US-led coalition": the actor is the whole object
            return "patient"  # "the elimination of Daesh positions", "shelling of Aleppo"
        if node.dep_ in ("poss", "compound", "amod", "nmod") and nxt == trig:
            return "agent"  # "regime shelling", "IS's attack", "Russian airstrikes"
        if nxt == trig or nxt == verb:
            if node.dep_ in ("nsubj", "csubj"):
                return "loser" if loss else "agent"
            if node.dep_ in ("dobj", "nsubjpass", "attr", "oprd"):
                return "patient"
    return None


def leads(span, trig) -> bool:
    """The actor leads the trigger's subject ("Syrian rebels led by Hayat Tahrir al-Sham seized Aleppo"): the agent of
    a leading verb (lexicon.yaml leader_verbs) that describes the subject. Not "backed by": a backer is no agent."""
    verb = trig if trig.pos_ in ("VERB", "AUX") else trig.head
    node = span.root
    if node.dep_ != "pobj" or node.head.dep_ != "agent":
        return False
    led = node.head.head
    return (led.dep_ == "acl" and led.lemma_.lower() in words().leader_verbs and led.head.dep_ in ("nsubj", "nsubjpass")
            and led.head.head in (trig, verb))


def accused(span) -> bool:
    """The actor is the one a verb of accusation names ("blaming the RSF", "accused the regime of shelling", "held
    Hamas responsible"; lexicon.yaml accuse)."""
    node = span.root
    return node.dep_ == "dobj" and node.head.lemma_.lower() in words().accuse


def subject(trig):
    """The subject of the trigger's verb (of the trigger itself when it is the verb)."""
    verb = trig if trig.pos_ in ("VERB", "AUX") else (trig.head if trig.dep_ in ("dobj", "nsubj") else None)
    if verb is None:
        return None
    for c in verb.children:
        if c.dep_ == "nsubj":
            return c
    return None


def between(sdoc, trig, amap) -> Optional[tuple[Actor, Actor]]:
    """'clashes between X and Y', 'X and Y traded fire': both sides of a two-sided event."""
    near = list(trig.children) + list(trig.head.children)
    if trig.pos_ == "NOUN":
        near += [t for t in sdoc if t.lower_ == "between"]
    for tok in near:
        if tok.lower_ == "between":
            inside = [m for m, span in amap if span.start > tok.i and span.start <= tok.right_edge.i]
            parties = [m.actor for m in inside if not m.actor.is_claimant]
            if len(parties) >= 2:
                return parties[0], parties[1]
    return None


def actor_subject_of_main_verb(tok, amap) -> bool:
    """A named conflict actor is the subject of the trigger as the sentence's main verb ("ISIS commanders arrived")."""
    if tok.pos_ not in ("VERB",) or tok.dep_ not in ("ROOT", "ccomp", "conj"):
        return False
    subj = [c for c in tok.children if c.dep_ == "nsubj"]
    if not subj:
        return False
    lo, hi = subj[0].left_edge.i, subj[0].right_edge.i
    return any(lo <= span.root.i <= hi and not m.weak and not m.actor.is_claimant for m, span in amap)


def assign_actors(d: Draft, sdoc, trig, amap_clause, amap, claimant: Optional[Actor], state: DocState,
                  casualties: Optional[list] = None) -> None:
    """The draft's actors from the sentence: the sides of 'between X and Y', else each actor's role; a pronoun
    subject ('they', 'the group') is the party whose media speaks or the last actor named; actors named among the
    dead (``casualties``, numbers.find) are the victims; with no actor at all, the party of the media that claims
    it. ``amap_clause`` holds the actors of the trigger's own clause."""
    said = sayers(amap, trig)  # read once for the trigger: the busy actors, the roles and the ledger ask it
    d.busy = busy_actors(amap, trig, said)
    state.busy |= d.busy
    pair = between(sdoc, trig, amap_clause)
    if pair:
        d.actors1, d.actors2 = [pair[0]], [pair[1]]
    else:
        _by_role(d, trig, amap_clause, said)
    _pronoun_subject(d, sdoc, trig, amap, claimant, state)
    d.actors2 = [a for a in d.actors2 if a not in d.actors1]
    victims = victims_of(sdoc, casualties or [], amap_clause, trig)
    note_roles(state, trig, amap_clause, amap, victims, d.event_type != "Strategic developments", said)
    _victims_not_agents(d, victims)
    _opponents_of_the_dead(d, victims)
    d.actors1, d.actors2 = specific_first(d.actors1), specific_first(d.actors2)
    if not d.actors1 and claimant is not None and claimant.media_of and d.sub != "Other":
        party = registry().party_of(claimant)
        if party and party.type in words().armed_types and all(a.id != party.id for a in d.actors2):
            d.actors1.append(party)  # "Amaq claimed the group killed ..." -> IS; never its own side's dead


def note_roles(state: DocState, trig, amap_clause, amap, victims: list[Actor], act: bool,
               said: set[int]) -> None:
    """What each actor is in the sentence of an act, in the document's ledger (``DocState.roles``, actor id ->
    roles) the story model's features read (:mod:`.story_roles`): 'agent' or 'patient' of the act by the parse,
    'sayer' when only named as the subject of a reporting verb ("..., police said"), 'victim' when named among the
    dead; 'act_agent' beside 'agent' when the act is one of political violence or a demonstration (not a strategic
    development: an arrest, a statement). Reading only: no actor of the draft changes here. ``said``: the
    sentence's :func:`sayers`."""
    clause = {id(span) for _, span in amap_clause}
    for m, span in amap:
        if m.actor.is_claimant:
            continue
        got = state.roles.setdefault(m.actor.id, set())
        got.add("named")
        r = role(span, trig) if id(span) in clause else None
        if r in ("agent", "gainer"):
            got.add("agent")
            if act:
                got.add("act_agent")
        elif r in ("patient", "loser"):
            got.add("patient")
        if span.root.i in said:
            got.add("sayer")
    for a in victims:
        state.roles.setdefault(a.id, set()).add("victim")


def sayers(amap, trig) -> set[int]:
    """Token indices of the actors named as the subject of a reporting verb other than the trigger ("..., police
    said", "a local PDF group told reporters"): who reports the event, which alone does not make them its agent."""
    w = words()
    out = set()
    for m, span in amap:
        node = span.root
        while node.dep_ in ("compound", "amod", "poss", "appos", "nmod", "pobj", "prep") and node.head is not node:
            node = node.head  # up to the head of the noun phrase the actor is named in ("a local PDF group")
        verb = node.head
        if (node.dep_ in ("nsubj", "nsubjpass") and verb != trig and verb.pos_ in ("VERB", "AUX")
                and verb.lemma_.lower() in w.report_verbs):
            out.add(span.root.i)
    return out


def _by_role(d: Draft, trig, amap, said: set[int]) -> None:
    for m, span in amap:
        if m.actor.is_claimant:
            continue
        r = role(span, trig)
        if r == "loser":
            d.actors2.append(m.actor) if d.loss else d.actors1.append(m.actor)
        elif r == "gainer":
            d.actors1.append(m.actor)
        elif r == "agent":
            (d.actors2 if d.loss else d.actors1).append(m.actor)
        elif r == "patient":
            (d.actors1 if d.loss and d.territory else d.actors2).append(m.actor)
    leader = next((m.actor for m, span in amap if m.actor in d.actors1 and leads(span, trig)), None)
    if leader is not None:
        d.actors1.remove(leader)
        d.actors1.insert(0, leader)
    rest = [(m.actor, span) for m, span in amap if not m.actor.is_claimant
            and m.actor not in d.actors1 and m.actor not in d.actors2]
    rest.sort(key=lambda r: not accused(r[1]))  # "..., the army said, blaming the RSF": who is blamed did it
    took1 = not d.actors1 and not d.actors2  # both sides from the rest, neither with a role
    rest = [(a, span) for a, span in rest if a.id not in d.busy]
    for a, span in rest:
        if not d.actors1:
            d.actors1.append(a)
            if span.root.i in said:
                d.sayer = a  # kept (a party reports its own operations), but a claim of responsibility outranks it
        elif not d.actors2 and a.id != d.actors1[0].id:
            d.actors2.append(a)
    if took1 and d.actors1 and d.actors2 and specific_first([d.actors1[0], d.actors2[0]])[0] is d.actors2[0]:
        d.actors1, d.actors2 = d.actors2, d.actors1  # no role for either: the specific one, not its generic word


# event types whose doer is a side of what follows from it (not a strategic development: an arrest, a statement)
ACTS = ("Battles", "Explosions/Remote violence", "Violence against civilians", "Protests", "Riots")


def busy_actors(amap, trig, said: set[int]) -> set[str]:
    """The ids of the sentence's actors doing another act than the trigger's (:func:`other_act`)."""
    subj = clause_subject(trig) if trig.pos_ == "VERB" else None
    if subj is None:
        return set()
    return {m.actor.id for m, span in amap if not m.actor.is_claimant and other_act(span, trig, said, subj)}


def other_act(span, trig, said: set[int], subj) -> bool:
    """The actor is the subject of another act than the trigger's, and the trigger's clause has a subject of its
    own ("Police have made an arrest after a mother and her son were found shot", "a couple were killed and police
    are investigating"): it did that act, not this one, so it is no side of this one. Not a reporting verb's
    subject ("..., the army said": a party tells its own operations), nor that of a violent act or a demonstration
    (the verb's lemma, or a trigger on the verb or in its object: "five soldiers were killed as IS fighters attacked
    a checkpoint", "police fired live rounds at protesters who stormed parliament"). ``subj``: the trigger's
    :func:`clause_subject`."""
    if span.root.i in said or span.start <= subj.i < span.end:
        return False
    node = span.root
    while node.dep_ in ("compound", "amod", "poss", "appos", "nmod") and node.head.i != node.i:
        node = node.head
    verb = node.head
    if node.dep_ not in ("nsubj", "nsubjpass") or verb.i == trig.i or verb.pos_ not in ("VERB", "AUX") or (
            node.i == subj.i):
        return False
    if any(sp.event_type in ACTS for sp in lexicon().by_lemma.get(verb.lemma_.lower()) or []):
        return False
    spans = [(verb.i, verb.i)] + [(c.left_edge.i, c.right_edge.i) for c in verb.children if c.dep_ == "dobj"]
    return not any(lo <= h.start <= hi for h in find_triggers(verb.doc) if h.spec.event_type in ACTS
                   for lo, hi in spans)


def clause_subject(trig):
    """The subject of the trigger's clause: its own, or the one it shares with the verb it completes ("were found
    shot": xcomp) or continues without a subject of its own (a participle, a conjoined verb)."""
    t = trig
    for _ in range(4):
        own = [c for c in t.children if c.dep_ in ("nsubj", "nsubjpass")]
        if own:
            return own[0]
        if t.dep_ not in ("xcomp", "conj", "advcl") or t.head.i == t.i:
            return None
        t = t.head
    return None


def _pronoun_subject(d: Draft, sdoc, trig, amap, claimant: Optional[Actor], state: DocState) -> None:
    """'the group's militants', 'they': the armed party that speaks (itself or through its media), else the last
    actor named."""
    w = words()
    subj = subject(trig)
    if subj is None or any(span.start <= subj.i < span.end for m, span in amap) or not (
            subj.lemma_.lower() in w.pronouns or any(t.lower_ in ("its", "their", "group", "the group")
                                                     for t in subj.subtree)):
        return
    party = registry().party_of(claimant) if claimant is not None and claimant.media_of else None
    if party is None and claimant is not None and claimant.type in w.armed_types:
        party = claimant  # "the Sudanese Armed Forces said its aircraft struck ...": the speaker's own
    party = registry().specific(party, state.country) if party is not None and party.type in w.armed_types else None
    ref = party or (state.last_actors[0] if state.last_actors else None)
    if ref is None:
        return
    if ref in d.actors1:
        d.actors1.remove(ref)
    if ref in d.actors2:
        d.actors2.remove(ref)
    if d.actors1 and not d.actors2:
        d.actors2 = d.actors1
        d.actors1 = []
    (d.actors2 if d.loss else d.actors1).insert(0, ref)


def victims_region(noun) -> set[int]:
    """Token indices of a death figure's victims: the noun's phrase ("41 FSA rebels", "members of ISIS"), without
    the clauses that tell who killed them ("people killed by regime shelling"), with the prepositions on the death
    verb that name more of the dead ("were killed including one of al-Nusra's leaders", lexicon victim_preps)."""
    w = words()
    out: set[int] = set()

    def add(tok):
        out.add(tok.i)
        for c in tok.children:
            if c.dep_ in ("acl", "relcl", "agent") or (c.dep_ == "prep" and c.lower_ == "by"):
                continue
            add(c)

    add(noun)
    verb = noun.head
    if noun.dep_ in ("nsubjpass", "dobj", "nsubj") and verb.lemma_.lower() in w.death_verbs:
        for c in verb.children:
            if c.dep_ == "prep" and c.lower_ in w.victim_preps:
                add(c)
    return out


def victims_of(sdoc, casualties: list, amap, trig) -> list[Actor]:
    """The actors named among the dead of the sentence's death figures. A figure's phrase that holds an act (the
    trigger or another one: "ISIL Beheads 8 Syria Militants", "kills 21 including 8 children Syrian regime
    bombardment", headlines parsed as one noun phrase) or that is the whole sentence names no victims."""
    w = words()
    regions = []
    for c in casualties:
        if c.kind != "killed" or c.head_i is None or c.head_i >= len(sdoc) or c.own:
            continue
        noun = sdoc[c.head_i]
        if noun.dep_ != "ROOT" and noun.lemma_.lower() not in w.death_verbs:
            regions.append(victims_region(noun))
    named = [(m, span) for m, span in amap if not m.actor.is_claimant and any(span.root.i in r for r in regions)]
    if not named:
        return []
    from .triggers import find as find_triggers
    acts = {trig.i} | {h.start for h in find_triggers(sdoc)}
    regions = [r for r in regions if not acts & r]
    out: list[Actor] = []
    for m, span in named:
        if any(span.root.i in r for r in regions) and m.actor not in out:
            out.append(m.actor)
    return out


def _victims_not_agents(d: Draft, victims: list[Actor]) -> None:
    """The dead are not who killed them: an actor named among the dead leaves actor 1 for actor 2 (the document
    then names the other side). In a battle both sides die: two camps named among the dead stay as they are."""
    if not victims or d.event_type in ("Protests", "Riots") or d.territory:
        return
    named = [a for a in victims if not is_generic(a)] or victims
    if d.event_type == "Battles" and len({a.side or a.id for a in named}) >= 2:
        return  # "seven ISIS militants and four rebel fighters were killed"; "28 terrorists ... of al-Nusra" is one
    moved = [a for a in d.actors1 if a in victims]
    if not moved:
        return
    d.actors1 = [a for a in d.actors1 if a not in victims]
    d.actors2 = moved + [a for a in d.actors2 if a not in moved]
    d.notes_bits.append("actor named among the dead: the victims' side")


def _opponents_of_the_dead(d: Draft, victims: list[Actor]) -> None:
    """A battle whose dead are named and whose other party has no agent's role ("three soldiers were killed in
    fighting with M23 rebels": M23 is the patient of "with", beside the victims) is that party's fight with the
    dead's side: the armed actor of another side than the dead leads it."""
    if d.event_type != "Battles" or d.actors1 or not victims or d.territory:
        return
    dead = {a.side or a.id for a in victims}
    other = next((a for a in d.actors2 if a not in victims and (a.side or a.id) not in dead
                  and a.type in words().armed_types), None)
    if other is not None:
        d.actors2 = [a for a in d.actors2 if a.id != other.id]  # named twice: "the Central General Staff (EMC)"
        d.actors1.append(other)


def specific_first(actors: list[Actor]) -> list[Actor]:
    """The most specific of the actors named in one role leads: a named group before a generic word for it
    ("terrorists of al-Nusra Front" -> Jabhat al Nusra) and a group before its parent organisation
    ("al-Qaeda's affiliate in Syria, the Nusra Front" -> Jabhat al Nusra; the parents are data, actors.yaml)."""
    if len(actors) < 2:
        return actors
    parents = {a.parent for a in actors if a.parent}

    def rank(a: Actor) -> int:
        return 2 if is_generic(a) else 1 if a.id in parents else 0

    return sorted(actors, key=rank)


def is_generic(a: Actor) -> bool:
    """A word for a kind of armed actor, not a named one ("terrorists", "gunmen"; lexicon generic_agents), a
    country's own included ("unidentified@SO"). A country's forces ("the army") are named enough."""
    return a.id.split("@", 1)[0] in words().generic_agents


ONE_SIDED = ("Explosions/Remote violence", "Violence against civilians")  # ACLED event types with one doer


def sayer_not_doer(drafts: list[Draft], state: DocState) -> None:
    """Who only reports a one-sided act is not its doer: a state's force (police, army) taken as actor 1 with no
    role, only as the subject of a reporting verb ("a car bomb killed 12 at a market, police said"), that no
    sentence of the document makes the agent of an act (``DocState.roles`` 'act_agent'; an arrest is none), gives
    way to the story country's unidentified armed group. The reporter stays the claimant of the figures it gave and
    is kept as the event's ``source`` claim (the exported name it had as actor 1): fusion still matches one
    incident's reports by it. A force that reports what was done to another armed camp reports its own operation
    ("15 militants were killed in a raid, the army said"), an air strike is flown by a state, and a non-state party
    reporting an attack on its own area ("IS said 10 people were killed") points at the other camp rather than at an
    unknown group: these stay."""
    reg = registry()
    armed = words().armed_types
    for d in drafts:
        a1 = d.actors1[0] if d.actors1 else None
        if (a1 is None or a1 is not d.sayer or a1.type != "state_forces" or d.event_type not in ONE_SIDED
                or d.territory or d.sub == "Air/drone strike" or "act_agent" in state.roles.get(a1.id, ())
                or any(a.type in armed for a in d.actors2)):
            continue
        d.actors1[0] = reg.specific(reg.get("unidentified"), state.country)
        d.notes_bits.append(f"{a1.short or a1.name} only reported the attack")
        d.claims.append(Claim(kind="source", claimant=a1.short or a1.name, doc_id=state.doc.doc.doc_id,
                              value=reg.resolved(a1, state.doc.doc.published).display(state.country),
                              quote=d.sent_text[:300] if d.sent_text else None))
