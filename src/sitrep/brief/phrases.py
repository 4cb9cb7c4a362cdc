"""How an event is worded in the brief: its day, place, actors, deaths with their claimants, and its citations."""
from __future__ import annotations

import re
from typing import Optional

from ..query import fold

# -- wording ---------------------------------------------------------------------------------------------------
def _claimant_stance(name: Optional[str]) -> Optional[str]:
    if not name:
        return None
    try:
        from ..actors import registry
        actor = registry().lookup(name)
    except Exception:  # the registry is a convenience for wording; a brief never fails for it
        return None
    return actor.stance if actor else None


def claim_verb(claimant: Optional[str], stance: Optional[str] = None) -> str:
    """A party to the fighting (or its outlet) 'claimed'; a monitor or the press 'reported'. The claim's own
    stance (set by fusion) wins over the registry's."""
    return "claimed" if (stance or _claimant_stance(claimant)) == "party" else "reported"


def figure_text(value) -> Optional[str]:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        return str(int(value)) if float(value).is_integer() else str(value)
    if isinstance(value, dict):  # a range from fusion: {"low", "high"} or {"min", "max"}
        lo = value.get("low", value.get("min"))
        hi = value.get("high", value.get("max"))
        if lo is not None and hi is not None:
            return f"{lo}-{hi}" if lo != hi else str(lo)
    if isinstance(value, (list, tuple)) and len(value) == 2 and all(isinstance(v, (int, float)) for v in value):
        return f"{value[0]}-{value[1]}"
    if isinstance(value, str) and re.fullmatch(r"\d+(-\d+)?", value):
        return value
    return None


def day_text(ev: dict) -> str:
    day, basis = ev.get("day"), ev.get("day_basis")
    if day is None:
        return "date unknown"
    if basis == "event":
        return day
    if basis == "span":
        end = ev.get("date_end")
        return f"{day} to {end}" if end and end != day else day
    return f"reported {day}"


def place_text(ev: dict) -> str:
    loc = ev.get("location") or (ev.get("territory") or {}).get("place") or "place unknown"
    if ev.get("admin1") and fold(ev["admin1"]) not in fold(loc):
        return f"{loc} ({ev['admin1']})"
    return loc


def actors_text(ev: dict) -> str:
    a1, a2 = ev.get("actor1"), ev.get("actor2")
    if a1 and a2:
        return f"{a1} vs {a2}"
    return a1 or a2 or "unidentified actors"


def deaths_text(ev: dict) -> Optional[str]:
    lo, best, hi = ev.get("fatalities_low"), ev.get("fatalities_best"), ev.get("fatalities_high")
    f = ev.get("fatalities")
    claims = [c for c in ev.get("claims") or [] if c.get("kind") == "fatalities" and figure_text(c.get("value"))]
    if f is None and lo is None and hi is None and not claims:
        return None
    parts = []
    if lo is not None and hi is not None and lo != hi:
        parts.append(f"{lo}-{hi} killed" + (f" (best estimate {best})" if best is not None else ""))
    elif f is not None or lo is not None:
        parts.append(f"{f if f is not None else lo} killed")
    attributions = [f"{c.get('claimant') or 'unattributed'} {claim_verb(c.get('claimant'))} {figure_text(c['value'])}"
                    for c in claims]
    if attributions:
        parts.append("; ".join(dict.fromkeys(attributions)))
    return "Deaths: " + ", ".join(parts) if parts else None


def event_sources(ev: dict) -> list[dict]:
    return list(ev.get("sources") or [])


# -- building -------------------------------------------------------------------------------------------------
def event_order(e: dict):
    return (e.get("day") is None, e.get("day") or "", e.get("location") or "", e["event_id"])


def dedupe_sources(sources: list[dict]) -> list[dict]:
    seen, out = set(), []
    for s in sources:
        if s and s.get("doc_id") not in seen:
            seen.add(s["doc_id"])
            out.append(s)
    return out


# -- rendering ------------------------------------------------------------------------------------------------
def cite(s: dict) -> str:
    return f"{s.get('outlet') or 'unknown outlet'}, {s.get('published') or 'undated'}, doc {s['doc_id'][:10]}"
