"""Merging drafts across the document: a later sentence that tells more of an event already drafted (same kind,
compatible actors, places and dates) enriches it instead of making a new one; a sentence that only gives a toll
joins the event the article tells."""
from __future__ import annotations

import dataclasses
import datetime
import re
from typing import Optional

from ..actors import UNIDENTIFIED, registry
from .places import far_apart, merge_places
from .records import Draft
from .triggers import Hit
from .words import words

ONE_DAY = datetime.timedelta(days=1)
FIGHTS = ("Battles", "Explosions/Remote violence")  # events between two armed sides, each of which may count


def compatible(a: Draft, b: Draft) -> bool:
    """Can b (a later sentence) be the same event as a? Same sub-event type; or, for battles, a territory change
    and the fighting around it told in consecutive sentences."""
    if a.event_type != b.event_type:
        return False
    if a.sub != b.sub and not (a.event_type == "Battles" and (b.sent_idx - a.last_sent_idx) <= 1):
        return False
    if a.factuality != b.factuality and "historical" in (a.factuality, b.factuality):
        return False
    ids_a, ids_b = _parties(a), _parties(b)
    if ids_a and ids_b and not ids_a & ids_b:
        return False
    if not (a.place_inferred or b.place_inferred) and far_apart(a, b):
        return False
    if b.separate and not b.anaphoric:
        return False
    wa, wb = a.when, b.when
    if wa is not None and wb is not None and wa.start is not None and wb.start is not None:
        # resolved dates: the same event only if the spans meet (a day's slack for "the previous night")
        return not (wb.start > wa.end + ONE_DAY or wa.start > wb.end + ONE_DAY)
    if a.date_text and b.date_text and _date_key(a.date_text) != _date_key(b.date_text):
        return False
    return True


def _parties(d: Draft) -> set[str]:
    """The ids of the draft's actors; in a battle, its parties only: the dead it counts as "people" (civilians)
    fought on no side ("Fighting between two armed factions killed 55 people. The clashes between the 444 Brigade
    and the Special Deterrence Force ..." is one clash)."""
    return {x.id for x in d.actors1 + d.actors2 if not (d.event_type == "Battles" and x.type == "civilians")}


def _date_key(text: str) -> str:
    return " ".join(sorted(set(re.findall(r"[a-z]+day|\d{4}|\d{1,2}|january|february|march|april|may|june|july|"
                                         r"august|september|october|november|december|night|yesterday",
                                         text.lower()))))


def _background_told_again(d: Draft, drafts: list[Draft]) -> Optional[Draft]:
    """An event the article first named as background ("just days after a deadly chemical attack, a woman was
    killed ...") and then describes ("on Tuesday, in a chemical attack, some 100 civilians were killed") is still
    the background: the later sentence joins it, and its toll stays a claim, not the article's news."""
    if d.factuality not in ("reported", "claimed") or d.separate or d.figure_only:
        return None
    for prev in reversed(drafts):
        if not prev.background or prev.sub != d.sub:
            continue
        undated = prev.when is None or prev.when.start is None  # "days after a ...": no day of its own to differ
        probe = dataclasses.replace(d, factuality=prev.factuality, date_text=None if undated else d.date_text,
                                    when=None if undated else d.when)
        if compatible(prev, probe):
            d.factuality = prev.factuality
            return prev
    return None


def merge(into: Draft, d: Draft) -> None:
    """Fold draft d into an earlier draft of the same event: the stronger sub-event type, new actors, places,
    figures, claims and sentences. A sentence that only counts victims without a number ("he died in hospital
    on Sunday") adds its figure and its claims (each quoting it), never its place, date, actors or evidence
    sentences: the event sentences tell what, where and when (the day and place of a death are not the attack's)."""
    if d.counted_only:
        into.killed += d.killed
        into.claims += d.claims
        return
    if d.rank < into.rank and d.event_type == into.event_type and (d.weight >= 0.5 or into.weight < 0.5):
        into.sub, into.trigger = d.sub, d.trigger
        into.territory = into.territory or d.territory
    into.territory = into.territory or d.territory
    for a in d.actors1:
        if a not in into.actors1 and a not in into.actors2:
            if not into.actors1 and a is d.sayer:
                into.sayer = a  # still only who reports it (roles.sayer_not_doer reads it)
            into.actors1.append(a) if not into.actors1 else into.actors2.append(a)
    for a in d.actors2:
        if a not in into.actors1 and a not in into.actors2:
            into.actors2.append(a)
    merge_places(into, d)
    into.killed += d.killed
    into.claims += d.claims
    if d.injured:
        into.injured = (into.injured or 0) + d.injured
    into.sentences += [s for s in d.sentences if s not in into.sentences]
    into.last_sent_idx = max(into.last_sent_idx, d.sent_idx)
    into.date_text = into.date_text or d.date_text


def _own_side_told(d: Draft, prev: Draft) -> bool:
    """A party's own toll of an event already told with the party in it ("Al-Shabaab militants attacked a base ...,
    killing 10 soldiers, an officer said. Al-Shabaab said its fighters had killed 25 soldiers in the attack"): one
    event with two claims, not the party's event apart. Only in the same telling (``anaphoric``: "the attack") or
    the very next sentence."""
    from ..actors import registry

    if prev.event_type not in FIGHTS or not (prev.actors1 and prev.actors2):
        return False  # a fight between two sides told by one of them, not a police shooting told by the police
    party = registry().party_of(d.claimant) or d.claimant
    ids = {a.id for a in prev.actors1 + prev.actors2}
    # the victims' side too: Amaq's "30 of the regime's soldiers" are no loss of the Hezbollah fighters IS fought
    told = {a.id for a in d.actors1 + d.actors2}
    if _enemy_named(prev, party):
        told = {t for t in told if not t.startswith(UNIDENTIFIED)}
    return party.id in ids and told <= ids and (d.anaphoric or d.sent_idx - prev.last_sent_idx <= 1)


def _enemy_named(prev: Draft, party) -> bool:
    """The fight names a non-state enemy of the party: the party's own word for it ("repelled the assault and
    killed several terrorists", an unidentified armed group) is that enemy, not another group."""
    return any(a.id != party.id and a.type in words().armed_types and not a.is_state
               for a in prev.actors1 + prev.actors2)


def add_draft(d: Draft, drafts: list[Draft]) -> None:
    """Merge a sentence's completed draft into the event it tells more of, or add it as a new event. A figure-only
    draft waits for :func:`attach_figures`; one that refers back ('the clashes') looks for a violent event first;
    a party's own claim merges into another claimant's report only of an event the party is told in."""
    if d.figure_only:
        drafts.append(d)
        return
    violent = words().violent_types
    own_claim = d.claimant is not None and d.claimant.stance == "party"
    events = [prev for prev in drafts if not prev.counted_only]  # counted victims wait: they are no event
    target = None
    if d.anaphoric and not own_claim:
        target = next((prev for prev in reversed(events) if prev.event_type in violent and compatible(prev, d)), None)
    if target is None:
        target = next((prev for prev in reversed(events) if compatible(prev, d) and not (
            d.claimant and prev.claimant and d.claimant.id != prev.claimant.id)), None)
    if target is None and own_claim:
        target = next((prev for prev in reversed(events) if _own_side_told(d, prev) and compatible(prev, d)), None)
        if target is not None and _enemy_named(target, registry().party_of(d.claimant) or d.claimant):
            d.actors1 = [a for a in d.actors1 if not a.id.startswith(UNIDENTIFIED)]
            d.actors2 = [a for a in d.actors2 if not a.id.startswith(UNIDENTIFIED)]
    if target is None:
        target = _background_told_again(d, events)
    if target is not None:
        merge(target, d)
    else:
        drafts.append(d)


def attach_figures(drafts: list[Draft], title_hit: Optional[Hit]) -> list[Draft]:
    """A sentence that only gives a toll ("the toll rose to 61, SOHR said") belongs to the event the article
    tells: the nearest violent event with compatible parties and place, before or after it. Left alone, it takes
    the headline's kind of event. A party's own claim ("Amaq claimed ...") stays a claim of its own, unless it
    counts the dead of an event told with the party in it, in the same telling (:func:`_own_side_told`)."""
    violent = words().violent_types
    out = [d for d in drafts if not d.figure_only]
    for f in [d for d in drafts if d.figure_only]:
        party_claim = f.claimant is not None and f.claimant.stance == "party"
        # victims counted without a number ("he died in hospital") have no parties or place of their own (the
        # hospital is where one died, not the event's place): any violent event of the article may be theirs
        cands = [d for d in out if d.event_type in violent and (f.counted_only or _parties_fit(d, f)) and (
            not party_claim or _own_side_told(f, d))]
        if f.counted_only and any(d.killed for d in cands):
            continue  # the article already counts its dead: "he died in hospital" tells one of them again
        if cands:
            # civilians die in strikes, shelling and attacks far more than in clashes; fighters in clashes
            civilian_toll = f.sub == "Attack" or any(a.type == "civilians" for a in f.actors1 + f.actors2)
            prefer = ("Explosions/Remote violence", "Violence against civilians") if civilian_toll else ("Battles",)
            if f.counted_only:  # the story's victims: its first news event
                target = min(cands, key=lambda d: (d.factuality not in ("reported", "claimed"), d.sent_idx))
            else:
                target = min(cands, key=lambda d: (d.event_type not in prefer, abs(d.sent_idx - f.sent_idx)))
            merge(target, f)
            continue
        if f.counted_only:
            continue  # "he died in hospital" with no event of the article to add to: no event of its own
        if title_hit is not None and not party_claim:
            f.sub, f.event_type, f.weight = title_hit.sub_event_type, title_hit.spec.event_type, title_hit.spec.weight
        out.append(f)
    out.sort(key=lambda d: d.sent_idx)
    return out


def _parties_fit(a: Draft, b: Draft) -> bool:
    ids_a = {x.id for x in a.actors1 + a.actors2}
    ids_b = {x.id for x in b.actors1 + b.actors2}
    if ids_a and ids_b and not ids_a & ids_b:
        return False
    if a.place_inferred or b.place_inferred:
        return True  # a place taken from context ("the death toll from the strikes was 45") does not separate
    return not far_apart(a, b)
