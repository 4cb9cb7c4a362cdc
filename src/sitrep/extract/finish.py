"""A finished draft as an ``EventMention``: actor names as ACLED writes them, the place and fatalities the event
reports, territory, evidence, confidence, and a one-sentence note of what happened."""
from __future__ import annotations

import functools
import re
from typing import Optional

from ..actors import registry
from ..models import Claim, EventMention, Evidence, Territory
from .figures import fatalities as fatalities_of
from .places import event_place_text
from .records import DocState, Draft, claimant_name
from .words import words

FACTUALITIES = ("reported", "claimed", "threatened", "planned", "denied", "historical")


def finish(d: Draft, state: DocState) -> EventMention:
    doc = state.doc.doc
    reg = registry()
    if d.actors1 and d.actors1[0].type == "civilians" and d.event_type not in ("Protests", "Riots"):
        d.actors2.insert(0, d.actors1.pop(0))
    a1 = d.actors1[0] if d.actors1 else None
    if d.event_type == "Battles":  # a battle's other side is a party, not the dead it counts ("killed 55 people")
        d.actors2.sort(key=lambda a: a.type == "civilians")
    a2 = next((a for a in d.actors2 if a is not a1), None)
    place_text = event_place_text(d.places)
    # generic words ("the army", "civilians") name the forces and people of the event's country: its place's,
    # else the story's; words that name a country ("Sudanese warplanes") keep theirs
    place = next((p for p, t in d.places if t == place_text), None)
    country = place.country if place is not None and place.country else state.country

    def name(a):
        if a is None:
            return None
        if a.generic_of and country and a.country != country:
            a = reg.national(reg.get(a.generic_of), country)
        return reg.resolved(a, doc.published).display(country)

    fatalities = fatalities_of(d)
    territory = None
    if d.territory and a1 is not None:
        territory = Territory(place=place_text, from_actor=name(a2), to_actor=name(a1))
        d.claims.append(Claim(kind="territory", claimant=claimant_name(d.claimant, state, d.speaker),
                              value={"place": place_text, "to_actor": name(a1), "from_actor": name(a2)},
                              doc_id=doc.doc_id, quote=d.sent_text))
    evidence = [Evidence(doc_id=doc.doc_id, start=s, end=e, text=t) for s, e, t in sorted(d.sentences)]
    factuality = _party_word(d, name, a1, a2)
    notes = _notes(d, name(a1), name(a2), place_text, fatalities)
    return EventMention(doc_id=doc.doc_id, event_type=d.event_type, sub_event_type=d.sub, actor1=name(a1),
                        actor2=name(a2), assoc_actor_1=_assoc(d.actors1[1:], name, a1, a2),
                        assoc_actor_2=_assoc(d.actors2[1:], name, a1, a2), location_text=place_text,
                        date_text=d.date_text, fatalities=fatalities, injured=d.injured,
                        claims=_dedupe_claims(d.claims), territory=territory, factuality=factuality,
                        scope=_scope(d, a1, a2, state), evidence=evidence,
                        confidence=round(min(0.95, 0.4 + 0.5 * d.weight), 2), notes=notes)


def _assoc(actors: list, name, a1, a2) -> list[str]:
    """Associated actors by name, each once and never a main actor again (a generic word and the country's own
    forces it names resolve to one name: "the army" and "Malian soldiers")."""
    main = {name(a1), name(a2)}
    return list(dict.fromkeys(n for n in map(name, actors) if n not in main))


def _claims(text: Optional[str]) -> bool:
    """The sentence says "claim" (lexicon.yaml claim_words)."""
    return bool(text) and bool(_claim_words().search(text))


@functools.lru_cache(maxsize=1)
def _claim_words() -> re.Pattern:
    return re.compile(r"\b(?:" + "|".join(sorted(map(re.escape, words().claim_words))) + r")\b", re.I)


def _party_word(d: Draft, name, a1, a2) -> str:
    """A party's word reports a fight it is not party to: "..., police said" of al-Shabaab's attack on soldiers is
    a report, not a claim (a claim verb still claims; with a side unnamed, the speaker may be it)."""
    f = d.factuality if d.factuality in FACTUALITIES else "reported"
    c = d.claimant
    if f != "claimed" or c is None or a1 is None or a2 is None or _claims(d.sent_text):
        return f
    if d.event_type not in words().violent_types:
        return f  # a protest, a deal, a handover: no fight to be party to
    party = registry().party_of(c) if c.media_of else c
    return f if party is None or name(party) in {name(a1), name(a2)} else "reported"


def _scope(d: Draft, a1, a2, state: DocState):
    """Political violence when an organised armed actor takes part; common crime (or an accident, or domestic
    violence) when none is named and the article uses the words of crime news (lexicon.yaml criminal_cues)."""
    w = words()
    if d.event_type not in w.violent_types + ("Riots",):
        return None
    if any(a is not None and a.type in w.armed_types for a in (a1, a2)):
        return "political"
    if state.criminal is None:
        text = " ".join(b.text for b in state.doc.doc.blocks).lower()
        state.criminal = bool(set(re.findall(r"[a-z]+(?:-[a-z]+)*", text)) & w.criminal_cues) or any(
            " " in c and c in text for c in w.criminal_cues)
    return "criminal" if state.criminal else "political"


def _dedupe_claims(claims: list[Claim]) -> list[Claim]:
    seen, out = set(), []
    for c in claims:
        k = (c.kind, c.claimant, repr(c.value), c.quote)
        if k not in seen:
            seen.add(k)
            out.append(c)
    return out


@functools.lru_cache(maxsize=1)
def _civilians_prefix() -> str:
    """'Civilians (': how the victims are named in every country (data/actors.yaml)."""
    return registry().get("civilians").name.split("{")[0]


def _what(sub: str, a2, place, a1=None) -> str:
    """What actor1 did, as the note says it (the protesters lead a Protests event, so force is done to them)."""
    on = f" on {a2}" if a2 else ""
    armed = not (a2 or "").startswith(_civilians_prefix())  # civilians have no positions
    if sub == "Excessive force against protesters" and a1 and a1.startswith("Protesters"):
        return "were met with force" + (f" by {a2}" if a2 else "")
    return {
        "Armed clash": f"clashed with {a2}" if a2 else "was involved in clashes",
        "Non-state actor overtakes territory": f"took control of {place or 'territory'}" + (f" from {a2}" if a2 else ""),
        "Government regains territory": f"regained {place or 'territory'}" + (f" from {a2}" if a2 else ""),
        "Shelling/artillery/missile attack": f"shelled {a2 + (' positions' if armed else '') if a2 else 'positions'}",
        "Air/drone strike": "carried out air strikes" + on,
        "Chemical weapon": "used chemical weapons" + (f" against {a2}" if a2 else ""),
        "Suicide bomb": "carried out a suicide bombing" + (f" against {a2}" if a2 else ""),
        "Remote explosive/landmine/IED": "set off an explosive device" + (f" against {a2}" if a2 else ""),
        "Grenade": "threw a grenade" + on,
        "Attack": f"attacked {a2 or 'civilians'}",
        "Abduction/forced disappearance": f"abducted {a2 or 'people'}",
        "Sexual violence": f"committed sexual violence against {a2 or 'civilians'}",
        "Arrests": f"arrested {a2 or 'people'}",
        "Agreement": f"reached an agreement with {a2}" if a2 else "reached an agreement",
        "Change to group/activity": "moved or reorganised its forces",
        "Headquarters or base established": "established a base",
        "Disrupted weapons use": "disrupted a weapon attack" + (f" by {a2}" if a2 else ""),
        "Looting/property destruction": "looted or destroyed property",
        "Non-violent transfer of territory": f"took over {place or 'territory'} without fighting",
        "Peaceful protest": "demonstrated", "Protest with intervention": "demonstrated and were dispersed",
        "Excessive force against protesters": "used force against protesters",
        "Violent demonstration": "rioted", "Mob violence": "took part in mob violence",
        "Other": "was involved in a strategic development" + (f" concerning {a2}" if a2 else ""),
    }.get(sub, sub.lower())


def _notes(d: Draft, a1, a2, place, fatalities) -> str:
    who = a1 or "an unidentified actor"
    where = f" in {place}" if place and d.sub not in words().control_subs else ""
    text = f"{who} {_what(d.sub, a2, place, a1)}{where}."  # resolve prefixes the date ("On 7 May 2018, ...")
    figures = [c for c in d.claims if c.kind == "fatalities" and c.value is not None]
    if figures:
        parts = "; ".join(f"{c.claimant or 'the article'} reported {c.value} killed" for c in figures)
        text += f" {parts[0].upper() + parts[1:]}."
    elif fatalities is None:
        text += " Fatalities unknown."
    if d.factuality in ("claimed", "threatened", "historical"):
        text += f" ({d.factuality.capitalize()}.)"
    for bit in dict.fromkeys(d.notes_bits):
        text += f" ({bit[0].upper() + bit[1:]}.)"
    return text
