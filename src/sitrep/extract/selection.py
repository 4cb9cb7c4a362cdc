"""Which trigger hits of a sentence are events: their conditions hold, they are the event word (not a modifier,
not a weapon that was only possessed), they happened (factuality), one reading per token, weak words only with
support, and at most two events per sentence, strongest first."""
from __future__ import annotations

import functools
from typing import Optional

from .attribution import factuality, present, stative
from .figures import kills, toll_hit
from .records import Sentence
from .roles import actor_subject_of_main_verb
from .triggers import Hit, condition_met, lexicon
from .words import words


@functools.lru_cache(maxsize=2)
def _not_event_heads(kind: str = "heads") -> frozenset:
    return frozenset(lexicon().modifiers.get(f"not_event_{kind}", []))


def _needs_met(s: Sentence, h: Hit) -> bool:
    ok = True
    for need in h.spec.needs:
        met = condition_met(need, s.sdoc, h)
        if need == "state_owned":  # "an Israeli strike", "regime strikes": a state's forces name the act itself
            met = any(m.actor.type == "state_forces" and span.start <= h.start < span.end for m, span in s.amap)
        if need == "civilian_target":
            victims = {c.who for c in s.casualties if c.kind == "killed" and not c.counted}
            civ_actor = any(m.actor.type == "civilians" for m, _ in s.amap)
            met = "civilian" in victims or (civ_actor and "combatant" not in victims)
        if need == "territory_object" and met is False:
            met = _place_taken(s, h)  # "seized most of Aleppo", "Palmyra was captured": a named place
        if met is False:
            ok = False
    return ok


def _place_taken(s: Sentence, h: Hit) -> bool:
    """A gazetteer place named as the capture's object ("captured Palmyra", "seized most of Aleppo"), its passive
    subject ("Palmyra was captured") or, for "fall", its subject ("Aleppo fell to the rebels"); not a place that only
    locates the object ("stormed parliament in Nairobi")."""
    trig = s.sdoc[h.start:h.end].root
    deps = {"dobj", "nsubjpass"} | ({"nsubj"} if trig.lemma_.lower() == "fall" else set())
    taken = [c for c in trig.children if c.dep_ in deps]
    for tok in list(taken):  # "most of Aleppo", "the city of Goma": the object's "of", and names beside it
        taken += [t for t in tok.subtree if t.dep_ in ("compound", "appos", "flat") or (
            t.dep_ == "pobj" and t.head.lower_ == "of")]
    starts = {s.offset + t.idx for t in taken}
    return any(p[0] in starts for p in s.places)


def _not_the_event(sdoc, h: Hit) -> bool:
    """The hit's words are there, but not as the event: a preposition, a modifier, a weapon's production or
    possession, who holds a place."""
    trig = sdoc[h.start]
    if h.end - h.start == 1 and trig.pos_ in ("ADP", "DET", "PRON"):
        return True
    if h.end - h.start == 1 and trig.dep_ in ("compound", "amod", "nmod") and trig.head.pos_ in ("NOUN", "PROPN"):
        return True  # a modifier, not the event: "reconciliation official", "Israeli-occupied Golan"
    root = sdoc[h.start:h.end].root
    if root.dep_ in ("compound", "nmod") and root.head.lemma_.lower() in _not_event_heads(
            ) or h.end - h.start > 1 and root.dep_ == "dobj" and root.head.lemma_.lower() in _not_event_heads("verbs"):
        return True  # "chemical weapons production facilities", "possess chemical weapons": not their use
    if h.sub_event_type == "Disrupted weapons use" and h.spec.weight < 0.5 and _instrument_of_death(trig):
        return True  # "killed by stray bullets", "shot dead with a rifle": the weapon that killed, not a seizure
    if h.sub_event_type in words().territory_subs and trig.tag_ == "VBN" and trig.dep_ in ("acl", "amod", "relcl") \
            and not any(c.dep_ in ("aux", "auxpass") for c in trig.children):
        return True  # "areas occupied by the group", "ISIL-controlled Raqqa": who holds a place, not a capture
    return _describes(trig)


def _describes(trig) -> bool:
    """The verb of a relative clause set off by a comma that tells, in the perfect, what a party has done ("The ADF,
    which has pledged allegiance to Islamic State, ..."): a description of the party, not the news."""
    if trig.dep_ != "relcl" or trig.i == 0 or trig.head.pos_ not in ("NOUN", "PROPN"):
        return False
    subj = [c for c in trig.children if c.dep_ in ("nsubj", "nsubjpass")]
    aux = {c.lower_ for c in trig.children if c.dep_ in ("aux", "auxpass")}
    start = subj[0].i if subj else trig.i
    return bool(subj) and subj[0].lower_ in ("which", "who") and bool(aux & {"has", "have"}) and (
        trig.doc[start - 1].lower_ == "," if start > 0 else False)


def _instrument_of_death(tok) -> bool:
    """The weapon named as what killed or wounded: the object of "by" or "with" under a death verb."""
    prep = tok.head
    if tok.dep_ != "pobj" or prep.lower_ not in ("by", "with") or prep.head is prep:
        return False
    return prep.head.lemma_.lower() in words().death_verbs


def usable_hits(s: Sentence, hits: list[Hit]) -> tuple[list[tuple[Hit, str]], bool]:
    """(hits that tell an event, with their factuality; whether the sentence's toll belongs to a standing charge)."""
    usable: list[tuple[Hit, str]] = []
    non_event = False
    for h in hits:
        if not _needs_met(s, h) or _not_the_event(s.sdoc, h):
            continue
        trig = s.sdoc[h.start]
        fact = factuality(trig, s.sdoc, s.claimant, s.verb)
        if fact == "charged":
            non_event = True  # the sentence's toll belongs to a standing charge, not to an event
            continue
        if fact is None:
            continue
        if not s.headline and present(trig) and h.spec.event_type != "Strategic developments":
            continue
        usable.append((h, fact))
    return usable, non_event


def settle(s: Sentence, usable: list[tuple[Hit, str]], non_event: bool) -> tuple[list[tuple[Hit, str]], bool, set]:
    """The sentence's candidate events: (hits with factuality, whether they only carry a figure, the token starts
    of stand-in hits for a toll the background clause does not explain)."""
    sdoc, bg = s.sdoc, s.bg
    real_killed = s.real_killed
    pseudo: set[int] = set()
    news_killed = [c for c in real_killed if not bg.in_span(c.start)]
    if bg.spans and usable and news_killed and all(bg.in_span(sdoc[h.start].idx) for h, _ in usable) and (
            not non_event):
        # "Just days after a deadly chemical attack, a woman was killed ...": the only trigger tells the earlier
        # event; the toll outside its clause is the news, of the kind the article tells
        usable.append((toll_hit(sdoc, news_killed), "reported"))
        pseudo.add(usable[-1][0].start)
    casualties = s.casualties
    if casualties and not real_killed and all(c.aggregate for c in casualties if c.kind == "killed") and any(
            c.kind == "killed" for c in casualties):
        # only running totals: no violent event, except a trigger outside the totals' own clause ("A missile struck
        # the hospital on Monday, part of a wave of attacks that killed 41 across the country")
        scope = _totals_scope(sdoc, [c for c in casualties if c.kind == "killed"])
        usable = [(h, f) for h, f in usable if h.spec.event_type not in words().violent_types or (
            scope is not None and h.start not in scope)]
    usable = _one_reading_per_token(_happened(usable))
    # a strategic development is an act, not a state: "are stationed", "while stationed" are not events
    usable = [(h, f) for h, f in usable if not (h.spec.event_type == "Strategic developments" and stative(sdoc[h.start]))]
    usable, figure_only = _weak_words(s, usable, non_event)
    return usable, figure_only, pseudo


def _totals_scope(sdoc, totals) -> Optional[set[int]]:
    """The tokens of the clauses that tell running totals: the verb each total hangs on, with its subtree (and the
    noun a relative clause describes, "attacks ... that killed 41"); None when a total is the sentence's own verb's,
    so the whole sentence tells totals."""
    scope: set[int] = set()
    for c in totals:
        tok = sdoc[c.head_i] if c.head_i is not None and c.head_i < len(sdoc) else next(
            (t for t in sdoc if t.idx <= c.start < t.idx + len(t.text)), None)
        if tok is None:
            return None
        v = tok
        while v.pos_ not in ("VERB", "AUX") and v.head is not v:
            v = v.head
        if v.dep_ == "ROOT" or v.head is v or v.dep_ in ("ccomp", "conj"):
            return None
        top = v.head if v.dep_ in ("relcl", "acl") else v
        scope |= {t.i for t in top.subtree}
    return scope


def _happened(usable: list[tuple[Hit, str]]) -> list[tuple[Hit, str]]:
    """An attempt is reported as the act, except a territory change that was only attempted; a plan is no event."""
    cleaned = []
    for h, fact in usable:
        if fact == "attempted":
            if h.sub_event_type in words().territory_subs:
                continue
            fact = "reported"
        if fact == "planned":
            continue
        cleaned.append((h, fact))
    return cleaned


def _one_reading_per_token(usable: list[tuple[Hit, str]]) -> list[tuple[Hit, str]]:
    """One token is one trigger: keep the strongest reading of each token (a weak reading never beats a usual one:
    "the US Air Force bombed" is an air strike, not an IED)."""
    rank = words().rank

    def reading(h: Hit) -> tuple:
        return (h.spec.weight < 0.5, rank(h.sub_event_type))

    best_at: dict[int, tuple[Hit, str]] = {}
    for h, fact in usable:
        cur = best_at.get(h.start)
        if cur is None or reading(h) < reading(cur[0]):
            best_at[h.start] = (h, fact)
    return list(best_at.values())


def _weak_words(s: Sentence, usable: list[tuple[Hit, str]], non_event: bool) -> tuple[list[tuple[Hit, str]], bool]:
    """Weak words alone ("attack", "deal", "arrive") make no event without a figure, a stronger word beside them,
    or a named conflict actor as the subject of the trigger as the sentence's main verb ("ISIS commanders
    arrived"). A toll with only a weak word or none tells of the article's event: a figure-only draft."""
    real_killed = s.real_killed
    weak_only = bool(usable) and max(h.spec.weight for h, _ in usable) < 0.5
    if weak_only and not real_killed:
        usable = [(h, f) for h, f in usable if actor_subject_of_main_verb(s.sdoc[h.start], s.amap)]
    if weak_only and real_killed:
        # "15 civilians were killed": a toll with a generic verb tells of the article's event, not a new one
        weak = min(usable, key=lambda x: words().rank(x[0].sub_event_type))
        return [weak], True
    if not usable and real_killed and not non_event:
        fact = "claimed" if s.claimant is not None and s.claimant.stance == "party" else "reported"
        return [(toll_hit(s.sdoc, real_killed), fact)], True
    counted = [c for c in s.casualties if c.kind == "killed" and c.counted and not c.aggregate and c.value]
    if not usable and counted and not non_event:
        # "He died within hours at a hospital": victims told without a number and without an event word add to
        # the event the article tells, if there is one
        fact = "claimed" if s.claimant is not None and s.claimant.stance == "party" else "reported"
        return [(toll_hit(s.sdoc, counted, counted=True), fact)], True
    return usable, False


def choose(s: Sentence, usable: list[tuple[Hit, str]]) -> list[tuple[Hit, str]]:
    """One event per kind, at most two: violent types collapse by ACLED precedence (shelling within a battle is
    the battle), a bomb or chemical attack stays its own event, a strategic development is separate, and an
    earlier event told in a background clause is another event than the news."""
    w = words()
    sdoc, bg = s.sdoc, s.bg
    real_killed = s.real_killed

    def depth(h: Hit) -> int:
        return len(list(sdoc[h.start].ancestors))

    killers = {h.start for h, _ in usable if real_killed and kills(sdoc[h.start:h.end].root)}
    usable.sort(key=lambda x: (x[0].spec.weight < 0.6,
                               # what the toll says killed them is the event ("shelling left 11 dead, with
                               # reports of clashes"): ACLED codes the event by the weapon that caused the deaths
                               x[0].start not in killers and x[0].sub_event_type not in w.separate_explosions,
                               depth(x[0]) if x[0].spec.event_type == "Strategic developments" else 0,
                               w.rank(x[0].sub_event_type),
                               -x[0].spec.weight))
    chosen: list[tuple[Hit, str]] = []
    for h, fact in usable:
        kind = "threat" if fact == "threatened" else h.spec.event_type
        in_bg = bg.in_span(sdoc[h.start].idx)
        if any(_same_kind(c[0], h, kind) and bg.in_span(sdoc[c[0].start].idx) == in_bg for c in chosen):
            continue
        chosen.append((h, fact))
        if len(chosen) == 2:
            break
    if any(h.spec.event_type in w.violent_types and f != "threatened" for h, f in chosen):
        # vehicles and positions destroyed in a strike are the strike's damage, not looting
        chosen = [(h, f) for h, f in chosen if h.sub_event_type != "Looting/property destruction"]
    return chosen


def _same_kind(taken: Hit, h: Hit, kind: Optional[str]) -> bool:
    violent = words().violent_types
    return ((taken.spec.event_type in violent and kind in violent and not (
        h.sub_event_type in words().separate_explosions and taken.spec.event_type == "Battles"))
        or taken.spec.event_type == kind)
