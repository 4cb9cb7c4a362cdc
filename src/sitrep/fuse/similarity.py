"""How far a mention agrees with an event (0-1, with reasons), and the hard rules that forbid a merge."""
from __future__ import annotations

import datetime as dt
import math
from typing import Optional

from .common import rules
from .features import Features, _parties, side_of


def _km(a: Features, b: Features) -> float:
    p1, p2 = math.radians(a.lat), math.radians(b.lat)
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(b.lon - a.lon) / 2) ** 2
    return 12742.0 * math.asin(math.sqrt(min(1.0, h)))


def _contains(coarse: Features, fine: Features) -> Optional[str]:
    """Whether a place given at a coarse precision holds a finer one: a region or state (the precisions in
    ``place.contain_admin1``) holds a place of its own admin1 and country; a part of a town or a district (the
    precisions in ``place.contain_km``) holds a place within that radius. The reason, or None."""
    if coarse.precision <= fine.precision:
        return None
    conf = rules()["place"]
    if (coarse.precision in (conf.get("contain_admin1") or ()) and coarse.admin1 and coarse.country
            and (coarse.admin1, coarse.country) == (fine.admin1, fine.country)):
        return f"{fine.loc_key} lies in {coarse.admin1}"
    radius = (conf.get("contain_km") or {}).get(coarse.precision)
    if radius is not None and _km(coarse, fine) <= float(radius):
        return f"{fine.loc_key} lies within {float(radius):g} km of {coarse.loc_key}"
    return None


def _same_toll(a: Features, b: Features) -> bool:
    return a.fatalities is None or b.fatalities is None or a.fatalities == b.fatalities


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
    names, disjoint actors do too and dates may be ``story_names.max_days`` apart; with ``min_shared_followup``
    names, ``followup_days`` apart when the two death tolls agree (a follow-up: an arraignment, a funeral). Types
    and undated reports keep their hard rules. Places at different precision meet when the coarse one holds the
    finer one (``place.contain_*``: a state its towns)."""
    r = rules()
    if story and (a.event_type != b.event_type or a.lo is None or b.lo is None):
        story = ()  # names never join other event types, nor reports without a day
    sn = r.get("story_names") or {}
    strong = len(story) >= int(sn.get("min_shared_far", 1))  # enough names to outweigh a date gap or the actors
    story_days = int(sn.get("max_days", 0)) if strong else 0
    if len(story) >= int(sn.get("min_shared_followup", 1 << 30)):  # a follow-up (an arraignment, a funeral)
        story_days = max(story_days, int(sn.get("followup_days", 0)))
    w = r["weights"]
    reasons: list[str] = []
    t, why = _type_agreement(a, b)
    reasons.append(why)
    if t == 0.0:
        return None, reasons
    d, why = _date_agreement(a, b, r, relaxed, story_days)
    reasons += why
    if d is None:
        return None, reasons
    p, why = _place_agreement(a, b, r, relaxed, bool(story))
    reasons += why
    if p is None:
        return None, reasons
    act, why = _actor_agreement(a, b, may_disagree=relaxed or bridge or strong)
    reasons += why
    if act is None:
        return None, reasons
    # words of the evidence (Dice coefficient)
    txt = 2 * len(a.words & b.words) / (len(a.words) + len(b.words)) if a.words and b.words else 0.0
    reasons.append(f"text similarity {txt:.2f}")
    if story:
        reasons.append("names in common: " + ", ".join(story))
    score = (w["type"] * t + w["date"] * d + w["place"] * p + w["actors"] * act + w["text"] * txt) / sum(w.values())
    return round(score, 4), reasons


def _date_agreement(a: Features, b: Features, r: dict, relaxed: bool,
                    story_days: int) -> tuple[Optional[float], list[str]]:
    """ACLED's one event per day: overlapping spans agree, a day's lag almost; a follow-up naming the same people
    may lie ``story_days`` apart; None (with the reason last) when the dates forbid the merge."""
    if a.lo is None and b.lo is None:
        return 0.5, ["both undated"]
    if a.lo is None or b.lo is None:
        return (0.0, ["one report undated"]) if relaxed else (None, ["one report is dated, the other is not"])
    inter = min(a.hi, b.hi) - max(a.lo, b.lo) + 1
    if inter > 0:
        union = max(a.hi, b.hi) - min(a.lo, b.lo) + 1
        d = 1.0 if (a.lo, a.hi) == (b.lo, b.hi) else 0.5 + 0.5 * inter / union
        return d, [f"dates overlap ({dt.date.fromordinal(max(a.lo, b.lo))}"
                   + (f"..{dt.date.fromordinal(min(a.hi, b.hi))})" if inter > 1 else ")")]
    gap = -inter + 1
    if gap <= int(r["date"]["lag_days"]):
        return 0.4, [f"dates {gap} day apart"]
    if gap <= story_days and _same_toll(a, b):  # a follow-up tells the incident's toll, not another
        return 0.2, [f"dates {gap} days apart (a follow-up naming the same people)"]
    if relaxed:
        return 0.0, ["dates differ"]
    return None, [f"dates {gap} days apart"]


def _place_agreement(a: Features, b: Features, r: dict, relaxed: bool,
                     story: bool) -> tuple[Optional[float], list[str]]:
    """ACLED's one event per location: distance within the coarser precision's limit, a coarse place holding a
    fine one, the same place name; None (with the reason last) when the places forbid the merge."""
    if a.lat is not None and b.lat is not None:
        km = _km(a, b)
        limit = float(r["place"]["max_km"][max(a.precision, b.precision)])
        same = float(r["place"]["same_km"])
        held = _contains(a, b) or _contains(b, a)   # places at different precision: the coarse holds the fine
        why = []
        if km <= same:
            p = 1.0
        elif (a.precision == 1 and b.precision == 1 and a.loc_key and b.loc_key and a.loc_key != b.loc_key
              and not story):
            return None, [f"different towns ({a.loc_key} / {b.loc_key}, {km:.1f} km apart)"]
        elif km <= limit:
            p = 1.0 - 0.6 * (km - same) / max(limit - same, 1e-9)
        elif held:
            p = float(r["place"].get("contain_score", 0.6))
            why.append(held)
        elif relaxed or story:
            p = 0.0
        else:
            return None, [f"{km:.1f} km apart (more than {limit:g} km)"]
        return p, why + [f"{km:.1f} km apart"]
    if a.loc_key and a.loc_key == b.loc_key:
        return 0.8, [f"same place name ({a.loc_key})"]
    if a.lat is None and b.lat is None and not (a.loc_key or b.loc_key):
        return 0.3, ["no place in either"]
    if relaxed or story:
        return 0.0, ["places differ"]
    return None, ["places cannot be compared"]


def _actor_agreement(a: Features, b: Features, may_disagree: bool) -> tuple[Optional[float], list[str]]:
    """Shared parties over all parties. One actor under two exported names ("Police Forces of United States" and
    "... of the United States (2009-2017)") is one; victims alone ("Civilians (United States)") tell no party, so
    they never disagree; allies agree a little. Disjoint actors forbid the merge unless ``may_disagree`` (near-
    duplicates, a bridge between two events each holding one side of one clash, or enough shared story names)."""
    ka, kb = _parties(a.actors), _parties(b.actors)
    if not (ka and kb):
        return 0.5, ["actors unknown on one side"]
    shared = ka & kb
    if shared:
        return len(shared) / len(ka | kb), ["actors in common: " + ", ".join(sorted(shared))]
    sides = {side_of(x) for x in a.actors} & {side_of(x) for x in b.actors} - {None, "neutral"}
    if sides:
        return 0.4, ["allied actors (" + ", ".join(sorted(sides)) + " side)"]
    if not may_disagree:
        return None, ["no actor in common"]
    return 0.0, []
