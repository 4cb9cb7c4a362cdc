"""Document-level completion of drafts: actors a sentence leaves implicit, what the headline says (the article's
kind of event, its agent, the lead's date), and which drafts are events worth keeping."""
from __future__ import annotations

import re
from typing import Optional

from .. import country as country_mod
from ..actors import Actor, ActorMention, registry
from .records import DocState, Draft
from .roles import actor_token_map, role
from .triggers import Hit, find as find_triggers
from .words import words


PROTESTERS = "protesters"  # data/actors.yaml: "Protesters ({country})"
IN_COUNTRY = re.compile(r"^\W*In (?:the )?$")  # a roundup's paragraph: "In Nigeria, ...", "In the Central African Republic"
CO_SUBJECT_SIDES = ("Agreement", "Armed clash")  # two subjects of these acts are its two sides, not allies


def complete_actors(d: Draft, drafts: list[Draft], state: DocState) -> None:
    """Fill actors the sentence leaves implicit: 'both sides', 'the group', or the article's main parties, always
    taking the missing side from the other camp than the side that is known."""
    w = words()
    if d.anaphoric and not d.actors1:  # "the clashes", "the double shooting": the parties of the act it refers to
        for prev in reversed(drafts):
            if prev.actors1 and (prev.event_type == d.event_type or {prev.event_type, d.event_type} <= set(
                    w.violent_types)):
                d.actors1, d.actors2 = list(prev.actors1), list(prev.actors2)
                break
    if d.actors1 and d.actors1[0].type == "civilians" and d.event_type not in ("Protests", "Riots"):
        d.actors2 = [d.actors1.pop(0)] + [a for a in d.actors2 if a.type != "civilians"]  # victims, never the actor
    two_sided = d.event_type in ("Battles", "Explosions/Remote violence") or d.sub == "Agreement"
    if not d.actors1 and not d.anaphoric:
        default = registry().default_for(state.country, d.sub)  # only where the data gives one (Syria's air war)
        if default is not None and not any(a.id == default.id for a in d.actors2):
            d.actors1 = [default]
            d.notes_bits.append("actor not named in the report: attributed by default")
    if not d.actors1:
        known = d.actors2[0] if d.actors2 else None
        got = _other_side(known, {a.id for a in d.actors2}, state) if known else (
            state.last_actors[0] if state.last_actors else next(iter(state.dominant(set())), None))
        if got is not None and (_of_another_country(got, d) or _busy(got, d, state)):
            got = None  # not another country's group, nor one named doing something else
        if got is not None:
            d.actors1 = [got]
            if d.speaker and _speaks_for(d.speaker, got, state):
                d.sayer = got  # "..., police spokesman X said": the reporter's own force; a claim outranks it
    if two_sided and not d.actors2 and len(d.actors1) > 1 and d.sub in CO_SUBJECT_SIDES:
        known = d.actors1[0]  # "Sudan's army and the RSF signed an agreement": the co-subject is the other side
        other = next((a for a in d.actors1[1:] if a.side is None or known.side is None or a.side != known.side), None)
        if other is not None:
            d.actors1.remove(other)
            d.actors2 = [other]
    if two_sided and not d.actors2 and d.actors1:
        got = _other_side(d.actors1[0], {a.id for a in d.actors1}, state)
        if got is not None:
            d.actors2 = [got]
    if d.event_type == "Protests":  # ACLED: the protesters are actor 1, whoever acts on them actor 2
        prot = next((a for a in d.actors1 + d.actors2 if a.type == "protesters"), None)
        if prot is None and state.country:  # "tens of thousands of Israelis protested": the country's protesters
            prot = registry().specific(registry().get(PROTESTERS), state.country)
            d.actors1 = [a for a in d.actors1 if a.type != "civilians"]  # the crowd itself, not victims
        if prot is not None and (not d.actors1 or d.actors1[0].id != prot.id):
            others = [a for a in d.actors1 + d.actors2 if a.id != prot.id]
            d.actors1, d.actors2 = [prot], others
    if d.sub in w.territory_subs and d.actors1:
        d.sub = "Government regains territory" if d.actors1[0].is_state else "Non-state actor overtakes territory"


def _busy(actor: Actor, d: Draft, state: DocState) -> bool:
    """The actor is named doing another act than the sentence's (``roles.other_act``): in this sentence, or in an
    earlier one while the document never makes it the agent of a violent act ("Police have made an arrest after a
    mother and her son were found shot. ... is charged in connection with the double shooting": not the police's)."""
    return actor.id in d.busy or (actor.id in state.busy and "act_agent" not in state.roles.get(actor.id, ()))


def _of_another_country(actor: Actor, d: Draft) -> bool:
    """The sentence opens with the country it happened in ("In Nigeria, 20 students were abducted", a roundup whose
    Somali paragraph named al-Shabaab) and the actor is an armed group of another country: a group of another
    country's news is no implicit actor. (A state's forces act abroad; a backer, "Britain-based", does not count.)"""
    if actor.country is None or actor.is_state or not d.sent_text:
        return False
    text = d.sent_text
    named = {c.code for c in country_mod.find(text) if c.kind == "name" and IN_COUNTRY.search(text[:c.start])}
    return bool(named) and actor.country not in named and not named & set(actor.context or ())


def _speaks_for(speaker: str, actor: Actor, state: DocState) -> bool:
    """The speaker's words name the actor ("police spokesman Khalid Zadran" speaks for the country's police)."""
    reg = registry()
    return any(reg.specific(m.actor, state.country, weak=m.weak, words=m.text).id == actor.id
               for m in reg.find(speaker))


def _other_side(known: Optional[Actor], exclude: set[str], state: DocState) -> Optional[Actor]:
    """An armed actor of the article (the last named first, then the most named) from the other camp than
    ``known``; a specific actor with a known side before a generic one."""
    reg = registry()
    pool = [a for a in state.last_actors if a.id not in exclude] + state.dominant(exclude)
    # never the known side itself under its generic word ("soldiers" in a Malian headline are Mali's forces)
    pool = [a for a in pool if a.type in words().armed_types and reg.specific(a, state.country).id not in exclude]
    specific = [a for a in pool if not a.id.startswith("generic_") and a.side is not None]
    for a in specific + pool:
        if known is None or a.side is None or known.side is None or a.side != known.side:
            return a
    return None


def title_hit(title_doc) -> Optional[Hit]:
    """The headline's strongest violent trigger: the kind of event the article is about."""
    if title_doc is None:
        return None
    hits = [h for h in find_triggers(title_doc) if h.spec.event_type in words().violent_types and h.spec.weight >= 0.6]
    if not hits:
        return None
    return min(hits, key=lambda h: words().rank(h.sub_event_type))


def _title_agent_of(title: str, sdoc, state: DocState) -> tuple[Optional[Actor], Optional[str]]:
    """(the armed actor the headline makes the agent of a violent event, that event's type)."""
    w = words()
    reg = registry()
    mentions = [ActorMention(m.start, m.end, m.text, reg.specific(m.actor, state.country, weak=m.weak, words=m.text),
                             m.weak) for m in reg.relead(reg.find(title), reg.led(state.doc.doc.text))]
    amap = actor_token_map(sdoc, mentions, 0)
    for h in find_triggers(sdoc):
        if h.spec.event_type not in w.violent_types:
            continue
        for m, span in amap:
            if not m.actor.is_claimant and m.actor.type in w.armed_types and role(span, sdoc[h.start]) == "agent":
                return m.actor, h.spec.event_type
    return None, None


def title_agent(drafts: list[Draft], title: Optional[str], sdoc, state: DocState) -> None:
    """The headline names who did the article's main event ('ISIL Beheads 8 Syria Militants') when the body
    only says 'the extremist group' or 'terrorists': the lead event of the headline's kind takes the headline's
    agent when its own actor1 is missing or generic."""
    if not title or sdoc is None:
        return
    agent, kind = _title_agent_of(title, sdoc, state)
    if agent is None:
        return
    generic = words().generic_agents
    for d in drafts:
        if d.event_type != kind or d.factuality not in ("reported", "claimed") or any(
                a.id == agent.id for a in d.actors1 + d.actors2):
            continue
        a1 = d.actors1[0] if d.actors1 else None
        if a1 is None or a1.id in generic or a1.id.startswith("generic_"):
            if a1 is not None:
                d.actors1.remove(a1)
                if a1 not in d.actors2:
                    d.actors2.insert(0, a1)  # a generic party beside the named agent is the other side
            d.actors1.insert(0, agent)
            d.notes_bits.append("actor named in the headline")


def headline_date(drafts: list[Draft], title_doc) -> None:
    """The headline's event happened on the day the lead tells: a sentence that gives the headline's kind of event
    ('Assad's Forces Advance ...' / 'regime forces gained control of a block') but no date takes the date of the
    article's first dated event. Other undated events keep no date: the text alone does not fix theirs."""
    if title_doc is None:
        return
    kinds = {h.sub_event_type for h in find_triggers(title_doc)}
    if not kinds:
        return
    lead = next((d for d in drafts if d.date_text and d.factuality in ("reported", "claimed")), None)
    if lead is None or drafts.index(lead) > 1:
        return  # the article does not open with a dated event: no lead to date the headline by
    for d in drafts:
        if d.date_text or d is lead or d.factuality not in ("reported", "claimed") or d.sub not in kinds:
            continue
        d.date_text, d.when = lead.date_text, lead.when
        d.notes_bits.append("date of the article's lead")


def keep(d: Draft) -> bool:
    """Drop drafts that are no event: a civilians' strategic development, a territory change with nothing to
    place or oppose it, a weak strategic development with no actor."""
    if d.event_type == "Strategic developments" and d.actors1 and d.actors1[0].type == "civilians":
        return False
    if d.territory and not d.places and not d.actors2 and not d.killed:
        return False
    if d.event_type == "Strategic developments" and d.weight < 0.6 and not d.actors1:
        return False
    return True
