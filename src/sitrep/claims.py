"""Claims reconciled across the sources of one fused event: every death toll with its claimant and the
claimant's stance, the range over sources, ACLED's conservative figure, and a flag where sources conflict.

Stance comes from the actor registry (``data/actors.yaml``: ``stance`` and ``media_of``): a party to the fight
(Amaq for IS, SANA for the government), a monitor (SOHR), independent media, an international organisation.
ACLED's rule: "if reports mention differing fatality counts, the most conservative estimate is used"; a party's
claim about its enemy's losses is the least credible figure, so the conservative figure is taken over the
non-party figures when there are any (a party's figure alone still counts).
"""
from __future__ import annotations

import statistics
from typing import Optional

from .actors import registry
from .models import Claim, ResolvedMention


def stance_of(name: Optional[str]) -> tuple[Optional[str], Optional[str]]:
    """(stance, party it speaks for) of a claimant or outlet name, from the registry; (None, None) if unknown."""
    if not name:
        return None, None
    reg = registry()
    a = reg.lookup(name)
    if a is None:
        return None, None
    party = reg.party_of(a)
    if a.stance:
        return a.stance, party.name if party else None
    if not a.is_claimant:  # a fighting party speaking for itself ("the army said")
        return "party", a.display()
    return None, None


def _figure(v) -> Optional[int]:
    if isinstance(v, bool):
        return None
    if isinstance(v, (int, float)):
        return int(v)
    if isinstance(v, dict):
        for k in ("value", "best", "low"):
            if isinstance(v.get(k), (int, float)):
                return int(v[k])
    return None


def reconcile(members: list[tuple[ResolvedMention, Optional[str]]], dups: dict[str, str]) -> dict:
    """Event fields from (mention, outlet) pairs: claims (with stance), fatalities*, conflict flag, summary."""
    claims: list[Claim] = []
    figures: list[tuple[str, int, Optional[str], str, str]] = []  # (claimant, value, stance, verb, doc group)
    seen = set()
    seen_vg = set()  # (figure, document group): a near-duplicate's copy of its original's figure is no new claim
    for m, outlet in members:
        group = dups.get(m.doc_id, m.doc_id)
        copy = m.doc_id in dups
        has_fig = False
        for cl in m.claims:
            stance, party = stance_of(cl.claimant)
            claims.append(cl.model_copy(update={"stance": stance}))
            if cl.kind == "fatalities" and (v := _figure(cl.value)) is not None:
                has_fig = True
                key = (cl.claimant or outlet, v, group)
                if key not in seen and not (copy and (v, group) in seen_vg):
                    seen.add(key)
                    seen_vg.add((v, group))
                    verb = "claimed" if stance == "party" or m.factuality == "claimed" else "reported"
                    figures.append((cl.claimant or outlet or m.doc_id[:8], v, stance, verb, group))
        if not has_fig and m.fatalities is not None:
            stance, _ = stance_of(outlet)
            key = (outlet, m.fatalities, group)
            if key not in seen and not (copy and (m.fatalities, group) in seen_vg):
                seen.add(key)
                seen_vg.add((m.fatalities, group))
                verb = "claimed" if stance == "party" or m.factuality == "claimed" else "reported"
                figures.append((outlet or m.doc_id[:8], m.fatalities, stance, verb, group))
    out = {"claims": [c.model_dump() for c in claims], "fatalities": None, "fatalities_low": None,
           "fatalities_best": None, "fatalities_high": None, "fatalities_conflict": False, "claims_summary": None}
    if not figures:
        return out
    values = [f[1] for f in figures]
    credible = [f[1] for f in figures if f[2] != "party"]
    basis = credible or values
    out.update(fatalities=min(basis), fatalities_low=min(values), fatalities_high=max(values),
               fatalities_best=int(statistics.median_low(basis)), fatalities_conflict=len(set(values)) > 1)
    parts = []
    for claimant, v, stance, verb, _ in figures:
        label = f"{claimant} ({stance})" if stance else claimant
        parts.append(f"{label} {verb} {v}")
    out["claims_summary"] = "; ".join(parts)
    return out
