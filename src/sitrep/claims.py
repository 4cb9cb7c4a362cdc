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


UNARMED = ("civilians", "protesters", "rioters")  # who speaks for them is no party to the fight ("residents said")


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
    if not a.is_claimant and a.type not in UNARMED:  # a fighting party speaking for itself ("the army said")
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
    """Event fields from (mention, outlet) pairs: claims (with stance), fatalities*, conflict flag, summary.

    Each source's figure is its mention's own toll (the extractor's judgment of this event's deaths in that
    article, which may add several sentences' figures); the claims behind it stay in ``claims``. The range and
    ACLED's conservative figure are taken over sources, not over every sentence's number."""
    claims: list[Claim] = []
    figures: list[tuple[str, int, Optional[str], str]] = []  # (claimant, value, stance, verb), one per source
    seen = set()  # (figure, document group): a near-duplicate's copy of its original's figure is no new report
    for m, outlet in members:
        group = dups.get(m.doc_id, m.doc_id)
        for cl in m.claims:
            claims.append(cl.model_copy(update={"stance": stance_of(cl.claimant)[0]}))
        if m.fatalities is None or (m.fatalities, group) in seen:
            continue
        seen.add((m.fatalities, group))
        backing = [cl for cl in m.claims if cl.kind == "fatalities" and _figure(cl.value) == m.fatalities]
        claimant = (backing[0].claimant if backing and backing[0].claimant else None) or outlet or m.doc_id[:8]
        stance = stance_of(claimant)[0]
        verb = "claimed" if stance == "party" or m.factuality == "claimed" else "reported"
        figures.append((claimant, m.fatalities, stance, verb))
    out = {"claims": [c.model_dump() for c in claims], "fatalities": None, "fatalities_low": None,
           "fatalities_best": None, "fatalities_high": None, "fatalities_conflict": False, "claims_summary": None}
    if not figures:
        return out
    values = [f[1] for f in figures]
    credible = [f[1] for f in figures if f[2] != "party"]
    basis = credible or values
    out.update(fatalities=min(basis), fatalities_low=min(values), fatalities_high=max(values),
               fatalities_best=int(statistics.median_low(basis)), fatalities_conflict=len(set(values)) > 1)
    out["claims_summary"] = "; ".join(f"{c} ({st}) {verb} {v}" if st else f"{c} {verb} {v}"
                                      for c, v, st, verb in figures)
    return out
