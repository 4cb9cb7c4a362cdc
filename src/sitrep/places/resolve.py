"""Resolution in context: the document's focus (countries and admin1 areas it names, where its other places lie)
and each mention's anchor ("X, Louisiana", "X near Y", "75 km east of Y"), then the ranker picks each mention's
place. Two passes: the second sees where the first put the document's other places.

Nothing here is fixed to a country: a story's focus comes from the story.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Optional

from .candidates import candidates
from .rank import Context, _in_anchor, rank
from .recognise import Mention
from .store import Candidate, Place

COARSE = {"country", "admin1", "continent", "region"}
DIRECTION = r"(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?"
ANCHOR = re.compile(
    r"^(?:\s+(?:village|town|city|area|district|neighbou?rhood|region|camp|county|parish))?\s*"
    r"(?:(?P<comma>,)|(?:(?P<km>\d+(?:[.,]\d+)?)\s*-?\s*(?P<unit>km|kms|kilometers|kilometres|miles|mi)\s+)?"
    r"(?:(?:to the\s+)?(?P<dir>" + DIRECTION + r")\s+of|(?P<near>near|outside|close to|on the outskirts of)|"
    r"(?P<in>in|of)(?:\s+the)?(?:\s+" + DIRECTION + r")?(?:\s+(?P<cs>countryside|suburbs)\s+of)?))\s*(?:the\s+)?$",
    re.I)


# "X in Y (province)", "X in the Y countryside": the writer places X inside Y
IN_UNIT = re.compile(r"^\s+(?:village|town|city|area|district|neighbou?rhood)?\s*(?:in|of)\s+(?:the\s+)?"
                     r"(?:(?:north|south|east|west)(?:ern)?\s+)?$", re.I)


@dataclass
class Resolved:
    mention: Mention
    candidate: Optional[Candidate]
    probability: float

    @property
    def place(self) -> Optional[Place]:
        return self.candidate.place if self.candidate else None


def _anchor(text: str, m: Mention, nxt: Optional[Mention]) -> Optional[tuple[list[Place], Optional[float]]]:
    if nxt is None or not nxt.candidates or nxt.start - m.end > 60:
        return None
    cue = ANCHOR.match(text[m.end:nxt.start])
    if not cue:
        return None
    pool = [c.place for c in nxt.candidates if c.match != "demonym"]
    if cue.group("comma") or (cue.group("in") and not cue.group("cs")):
        pool = [p for p in pool if p.feature in ("country", "admin1", "district")] or \
            ([p for p in pool if p.feature != "continent"] if cue.group("in") else [])
        return (pool, None) if pool else None
    if cue.group("km"):
        d = float(cue.group("km").replace(",", "."))
        d *= 1.609 if cue.group("unit").lower().startswith("mi") else 1.0
        return [p for p in pool if p.feature not in COARSE] or pool, d * 1.4 + 25
    return [p for p in pool if p.feature not in COARSE] or pool, 80.0 if cue.group("cs") else 60.0


def _country_votes(m: Mention) -> dict[str, float]:
    """What one mention says of the document's country: a country (or its demonym) named, else its candidates'
    countries, shared."""
    named = {c.place.country for c in m.candidates if c.place.feature == "country" and c.place.country}
    if named:
        w = 0.5 if m.demonym else 1.0
        return {cc: w / len(named) for cc in named}
    ccs = {c.place.country for c in m.candidates if c.place.country}
    if not ccs:
        return {}
    if len(ccs) == 1:
        return {next(iter(ccs)): 1.0}
    top = rank(m.candidates)[0][0].place.country
    out = {cc: 0.5 / len(ccs) for cc in ccs}
    out[top] = out.get(top, 0.0) + 0.5
    return {cc: v * 0.5 for cc, v in out.items()}


def contexts(text: str, mentions: list[Mention], picks: Optional[list[Optional[Place]]] = None,
             extra_country: Optional[dict[str, float]] = None,
             focus: Optional[list[tuple]] = None) -> list[Context]:
    """Each mention's context; ``focus``: :func:`_focus` of the same mentions, when the caller has it already
    (it does not depend on ``picks``)."""
    focus = focus if focus is not None else _focus(text, mentions, extra_country)
    # the points of the mentions' places, finer than a region (each mention's context: the others' of another name)
    placed = [(j, (p.latitude, p.longitude), mentions[j].text) for j, p in enumerate(picks or [])
              if p is not None and p.feature not in COARSE]
    out = []
    for i, (m, (share, named, a1, anchor)) in enumerate(zip(mentions, focus)):
        pts = [pt for j, pt, name in placed if j != i and name != m.text]
        out.append(Context(share, named, a1, pts, anchor))
    return out


def _focus(text: str, mentions: list[Mention], extra_country: Optional[dict[str, float]] = None) -> list[tuple]:
    """What each mention's context takes from the document's other mentions, apart from where their places lie:
    (country shares, countries named, admin1 areas named, anchor) per mention."""
    votes = [_country_votes(m) for m in mentions]
    total: dict[str, float] = defaultdict(float)
    for v in votes:
        for cc, w in v.items():
            total[cc] += w
    for cc, w in (extra_country or {}).items():
        total[cc] += w
    named = {c.place.country for m in mentions for c in m.candidates
             if c.place.feature == "country" and c.match != "demonym"}
    admin1 = [{(c.place.country, c.place.admin1 or "") for c in m.candidates
               if c.place.feature in ("admin1",) and c.match in ("exact", "alternate", "case")} for m in mentions]
    out = []
    for i, m in enumerate(mentions):
        own = votes[i]
        rest = {cc: total[cc] - own.get(cc, 0.0) for cc in total}
        s = sum(v for v in rest.values() if v > 0)
        share = {cc: v / s for cc, v in rest.items() if v > 0} if s else {}
        a1 = set().union(*(a for j, a in enumerate(admin1) if j != i)) if len(admin1) > 1 else set()
        nxt = mentions[i + 1] if i + 1 < len(mentions) else None
        out.append((share, named - {c.place.country for c in m.candidates if c.place.feature == "country"},
                    a1, _anchor(text, m, nxt)))
    return out


def resolve_mentions(text: str, mentions: list[Mention],
                     country_hint: Optional[dict[str, float]] = None) -> list[Resolved]:
    """Each mention's place (None where it has no candidate), with the ranker's probability."""
    picks: Optional[list[Optional[Place]]] = None
    result: list[Resolved] = []
    focus = _focus(text, mentions, country_hint)  # the same in both passes
    for _ in range(2):
        ctxs = contexts(text, mentions, picks, focus=focus)
        result = []
        for i, (m, ctx) in enumerate(zip(mentions, ctxs)):
            cands = m.candidates
            nxt = mentions[i + 1] if i + 1 < len(mentions) else None
            cue_in = nxt is not None and bool(IN_UNIT.match(text[m.end:nxt.start]))
            if ctx.anchor is not None and ctx.anchor[1] is None and \
                    all(a.feature in ("country", "admin1", "district") for a in ctx.anchor[0]):
                # "Alexandria, La.", "Douma in Rif Dimashq": the name is written with the unit it lies in; a
                # namesake elsewhere is not meant when one inside exists (the ranker still orders those inside)
                inside = [c for c in cands if _in_anchor(c.place, ctx.anchor)]
                if not inside and cue_in and not any(c.place.feature in COARSE for c in cands):
                    # every namesake lies elsewhere: a near-spelling inside the unit is what the writer meant
                    # ("Barah in Idlib province" is OCHA's Bara, not Sudan's Bārah)
                    inside = [c for c in candidates(m.text, beside=True) if c.match in ("loose", "fuzzy")
                              and _in_anchor(c.place, ctx.anchor)]
                cands = inside or cands
            ranked = rank(cands, ctx)
            if ranked and not _foreign_near_spelling(ranked[0][0], cands, ctx):
                result.append(Resolved(m, ranked[0][0], ranked[0][1]))
            else:
                result.append(Resolved(m, None, 0.0))
        picks = [r.place for r in result]
    return result


FOREIGN_SHARE = 0.25  # a country holding less than a quarter of the story's other places' votes is not its own


def _foreign_near_spelling(top: Candidate, cands: list[Candidate], ctx: Context) -> bool:
    """No candidate bears the name as written (every one is a near-spelling), and the best lies in a country the
    story neither names nor mostly points to: the name is one the gazetteer lacks ("Abu Shouk", a Darfur camp, is
    no Bushwick, New York, by a loose key of its alternate "Bushuik"), and no point is better than a far wrong one.
    A story with no other place keeps its near-spelling, as does one whose country holds it ("Kafr Nabouda" in a
    Syrian story)."""
    if top.match not in ("loose", "fuzzy") or not ctx.country_share:
        return False
    if any(c.match not in ("loose", "fuzzy") for c in cands):
        return False
    cc = top.place.country
    return cc not in ctx.countries_named and ctx.country_share.get(cc, 0.0) < FOREIGN_SHARE
