"""Resolve: each mention's place to a point (gazetteer, in the article's context) and its date expression to a
calendar date against the publication date (:mod:`sitrep.timeparse`; never today's date)."""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from typing import Optional

from .geo import COUNTRIES, FAMOUS_MIN_POPULATION, HOME, REGION, Place, choose, gazetteer
from .models import AnnotatedDocument, EventMention, ResolvedMention
from .resources import load_yaml
from .timeparse import anchor_dates, resolve as resolve_when, weekday_reference


HISTORY_DAYS = 60


def _when_words(when) -> str:
    """ACLED notes open with the date: '7 May 2018', 'May 2018', 'an unreported date'."""
    if when.date is None:
        return "an unreported date"
    if when.precision == 1:
        return f"{when.date.day} {when.date:%B %Y}"
    if when.precision == 2:
        return f"{when.start.day}-{when.end.day} {when.start:%B %Y}"
    return f"{when.date:%B %Y}"


@lru_cache(maxsize=1)
def _media_cues() -> tuple:
    return tuple(re.compile(p, re.I) for p in load_yaml("dates.yaml").get("media_cues", []))


def _dates_media(m: EventMention) -> bool:
    """The mention's date is when a picture or video was published (dates.yaml media_cues), not the event's."""
    if not m.date_text:
        return False
    for ev in m.evidence:
        for rx in _media_cues():
            hit = rx.search(ev.text)
            if hit and m.date_text.split(";")[0].strip() in ev.text[:hit.end()]:
                return True
    return False


@lru_cache(maxsize=1)
def _near_cues() -> tuple:
    return tuple(re.compile(p, re.I) for p in load_yaml("geo.yaml").get("near_cues", []))


def _near(m: EventMention) -> bool:
    """The evidence puts the event near its place or in part of it ("10 kilometers south of Damascus"): ACLED
    geo_precision 2 (cues in data/geo.yaml)."""
    if not m.location_text:
        return False
    for ev in m.evidence:
        at = ev.text.find(m.location_text)
        if at >= 0 and any(rx.search(ev.text[max(0, at - 60):at]) for rx in _near_cues()):
            return True
    return False


DIRECTION = r"(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?"
# what follows an event's place name and ties it to a better-known one: "Rasm al-Sabaa village 75 km to the east of
# Homs city", "Al-Quriyah southeast of Deir ez-Zor city", "Jazal in the countryside of Palmyra", "near Aleppo"
ANCHOR_CUE = re.compile(
    r"^(?:[\s-]+(?:[Aa]l|[Ee]l)[-\s]\S+)?\s*(?:village|town|city|area|district|neighbou?rhood|region|camp)?\s*,?\s*"
    r"(?:(?P<km>\d+(?:[.,]\d+)?)\s*-?\s*(?P<unit>km|kms|kilometers|kilometres|miles|mi)\s+)?"
    r"(?:(?:to the\s+)?(?P<dir>" + DIRECTION + r")\s+of|(?P<near>near|outside|close to|on the outskirts of)|"
    r"(?P<in>in)(?:\s+the)?(?:\s+" + DIRECTION + r")?(?:\s+(?P<cs>countryside|suburbs)\s+of)?|"
    r"(?<=district )(?P<of>of)|(?<=neighborhood )(?P<of2>of)|(?<=neighbourhood )(?P<of3>of))\s+(?:the\s+)?",
    re.I)
NEIGHBOURHOOD_KM = 20.0  # a district or neighbourhood of a city lies this close to its point
PROVINCE_WORD = re.compile(r"^\s*(?:province|governorate)\b", re.I)
SAME_AREA = {"Damascus": "Rif Dimashq", "Rif Dimashq": "Damascus"}


def _anchor(m: EventMention, focus) -> Optional[tuple[Place, Optional[float], Optional[str]]]:
    """(anchor place, radius in km or None, admin1 it must lie in or None) from the words after the event's place
    name in its evidence; None when the name stands alone."""
    g = gazetteer()
    for ev in m.evidence:
        at = ev.text.find(m.location_text)
        if at < 0:
            continue
        tail = ev.text[at + len(m.location_text):at + len(m.location_text) + 160]
        cue = ANCHOR_CUE.match(tail)
        if not cue:
            continue
        rest = tail[cue.end():]
        hits = g.find(rest)
        if not hits or hits[0].start != 0:
            continue
        pool = [p for p in hits[0].payload if p.country in REGION]
        if re.match(r"\s*(?:city|town)\b", rest[hits[0].end:], re.I):  # "75 km east of Homs city": the city
            pool = [p for p in pool if p.feature != "admin1"] or pool
        place = choose(pool, focus)
        if place is None or place.feature == "country":
            continue
        province = bool(PROVINCE_WORD.match(rest[hits[0].end:]))
        if cue.group("of") or cue.group("of2") or cue.group("of3"):
            if province or place.feature in ("admin1", "region", "district"):  # "X District of Damascus countryside"
                return place, None, place.admin1
            return place, NEIGHBOURHOOD_KM, None  # "al-Zahraa neighborhood of Homs"
        if cue.group("in") and not cue.group("cs"):
            if not (province or place.feature == "admin1"):
                continue  # "X in Homs": a neighbourhood of a city is the engine's business, not an anchor
            return place, None, place.admin1
        if cue.group("km"):
            d = float(cue.group("km").replace(",", "."))
            d *= 1.609 if cue.group("unit").lower().startswith("mi") else 1.0
            return place, d * 1.4 + 25, None
        return place, (80.0 if cue.group("cs") else 60.0), None
    return None


REGION_PHRASE = None


def _regions(text: str) -> set[str]:
    """Parts of the home country the article names ("eastern Syria", "northwestern Syria", "the country's
    center", "central Syria"): north, south, east, west, center."""
    global REGION_PHRASE
    if REGION_PHRASE is None:
        home = re.escape(COUNTRIES[HOME][0])
        REGION_PHRASE = re.compile(
            r"\b(?:(?P<a>north|south|east|west|central)(?:-?(?P<b>east|west))?(?:ern)?\s+" + home + r"\b|"
            r"(?:the\s+)?country'?s\s+(?P<c>north|south|east|west|cent(?:er|re))(?:-?(?P<d>east|west))?)", re.I)
    out = set()
    for hit in REGION_PHRASE.finditer(text):
        for part in (hit.group("a") or hit.group("c"), hit.group("b") or hit.group("d")):
            if part:
                out.add("center" if part.lower().startswith(("cent",)) else part.lower())
    return out


def _in_regions(p: Place, regions: set[str]) -> bool:
    """Whether a place could lie in the named parts of the home country: only places clearly on the other side
    (half a degree past the country's middle) are out."""
    if not regions or p.country != HOME:
        return True
    _, lat, lon = COUNTRIES[HOME]
    ok = {"north": p.latitude > lat - 0.5, "south": p.latitude < lat + 0.5, "east": p.longitude > lon - 0.5,
          "west": p.longitude < lon + 0.5, "center": lat - 1.2 < p.latitude < lat + 1.0}
    return any(ok[r] for r in regions)


def _famous(p: Place) -> bool:
    return p.feature == "admin1" or p.population >= FAMOUS_MIN_POPULATION


def _focus(doc: AnnotatedDocument):
    g = gazetteer()
    found = []
    for m in g.find(doc.doc.text):
        p = choose(m.payload, found)
        if p is not None and p.feature != "country" and p.country in REGION:
            found.append(p)
    return found


def resolve(doc: AnnotatedDocument, mentions: list[EventMention]) -> list[ResolvedMention]:
    if not mentions:
        return []
    focus = _focus(doc)
    if focus:
        home = Counter(p.country for p in focus).most_common(1)[0][0]
        focus = [p for p in focus if p.country == home]
    anchors = anchor_dates([b.text for b in doc.doc.blocks])
    ref = doc.doc.published
    week_ref = None if ref is not None else weekday_reference([b.text for b in doc.doc.blocks], anchors)
    g = gazetteer()
    regions = _regions(doc.doc.text)
    out = []
    for m in mentions:
        r = ResolvedMention(**m.model_dump())
        place = None
        if m.location_text:
            cands = g.lexicon.lookup(m.location_text)
            named = set(cands)  # places of that very name (or alternate name), not near-spellings
            if focus:  # the article's country first: a namesake abroad is another place
                cands = [p for p in cands if p.country == focus[0].country] or \
                    [p for p in g.similar(m.location_text) if p.country == focus[0].country] or cands
            if not cands:
                cands = g.similar(m.location_text)
            # a near-spelling across the country the article is not about is a different place ("al-Quria ... in
            # eastern Syria" is not Al Qurayya in the south)
            cands = [p for p in cands if p.country != HOME or _famous(p) or _in_regions(p, regions) or p in named]
            anchor = _anchor(m, focus) if cands or m.evidence else None
            if anchor is not None:
                at, radius, admin1 = anchor
                near = [p for p in cands if (admin1 is not None and p.admin1 in (admin1, SAME_AREA.get(admin1)))
                        or (radius is not None and p.km_to(at) <= radius)]
                if near:
                    place = choose(near, focus)
                else:
                    # the name is unknown (or means somewhere else): the event is placed by what it is near
                    place = at
                    r.geo_precision = max(2, at.geo_precision)
            else:
                place = choose(cands, focus)
        if place is None and focus:
            # the article's most-named place stands in, at a coarser precision
            top, _ = Counter(p.name for p in focus).most_common(1)[0]
            place = next(p for p in focus if p.name == top)
            r.geo_precision = 2
        if place is not None:
            r.location, r.latitude, r.longitude = place.name, place.latitude, place.longitude
            r.admin1, r.country = place.admin1, place.country
            r.geo_precision = r.geo_precision or place.geo_precision
            if r.geo_precision == 1 and _near(m):
                r.geo_precision = 2
        when = resolve_when(m.date_text, ref, anchors, week_ref)
        if when.date is not None and when.precision == 1 and _dates_media(m) and not re.search(r"\d", m.date_text):
            when = resolve_when(None, ref)
        r.event_date, r.date_start, r.date_end, r.time_precision = when.date, when.start, when.end, when.precision
        if when.text:
            r.date_text = when.text
        if r.notes:
            lead = "In" if when.precision == 3 else "On"
            r.notes = f"{lead} {_when_words(when)}, {r.notes}"
        history_ref = ref or (max(anchors) if anchors else None)  # as in extraction: the latest date written
        if history_ref is not None and when.end is not None and (history_ref - when.end).days > HISTORY_DAYS:
            # told as background: months before the article was published
            r.factuality = "historical"
            r.fatalities = None
        out.append(r)
    return out
