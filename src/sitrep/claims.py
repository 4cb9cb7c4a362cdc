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

from .actors import PERIOD_LABEL, registry
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


def _own_tolls(m, reported_by: str) -> list[tuple[str, int, Optional[str], str]]:
    """A party's own toll of the event it fought in, told in the same article beside another's ("al-Shabaab said
    its fighters had killed 25 soldiers in the attack"): a claim of the range (low / high), never the basis of
    the conservative figure (a party's figure is not credible)."""
    out = []
    for cl in m.claims:
        value = _figure(cl.value)
        if cl.kind != "fatalities" or value is None or value == m.fatalities or cl.claimant == reported_by:
            continue
        if _speaks_for(cl.claimant) & {_bare(m.actor1), _bare(m.actor2)} and (cl.claimant, value) not in {
                (c, v) for c, v, _s, _v in out}:
            out.append((cl.claimant, value, "party", "claimed"))
    return out


def _bare(name: Optional[str]) -> Optional[str]:
    return PERIOD_LABEL.sub("", name).strip() if name else None


def _speaks_for(claimant: Optional[str]) -> set[str]:
    """The party names (without a government period) a claimant that is a party speaks for: itself, or whom it
    is the media of."""
    stance, party = stance_of(claimant)
    if stance != "party":
        return set()
    a = registry().lookup(claimant)
    return {_bare(n) for n in (party, a.display() if a is not None else None) if n}


def reconcile(members: list[tuple[ResolvedMention, Optional[str]]], dups: dict[str, str]) -> dict:
    """Event fields from (mention, outlet) pairs: claims (with stance), fatalities*, conflict flag, summary.

    Each source's figure is its mention's own toll (the extractor's judgment of this event's deaths in that
    article, which may add several sentences' figures); the claims behind it stay in ``claims``. The range and
    ACLED's conservative figure are taken over sources, not over every sentence's number."""
    claims: list[Claim] = []
    figures: list[tuple[str, int, Optional[str], str]] = []  # (claimant, value, stance, verb), one per source
    own: list[tuple[str, int, Optional[str], str]] = []  # parties' own tolls beside a source's: the range only
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
        own += _own_tolls(m, claimant)
    out = {"claims": [c.model_dump() for c in claims], "fatalities": None, "fatalities_low": None,
           "fatalities_best": None, "fatalities_high": None, "fatalities_conflict": False, "claims_summary": None}
    if not figures:
        return out
    credible = [f[1] for f in figures if f[2] != "party"]
    basis = credible or [f[1] for f in figures]
    figures += own
    values = [f[1] for f in figures]
    out.update(fatalities=min(basis), fatalities_low=min(values), fatalities_high=max(values),
               fatalities_best=int(statistics.median_low(basis)), fatalities_conflict=len(set(values)) > 1)
    out["claims_summary"] = "; ".join(f"{c} ({st}) {verb} {v}" if st else f"{c} {verb} {v}"
                                      for c, v, st, verb in figures)
    return out
