"""Where an event happened: the place an event's words name, resolved in the document's context.

- :func:`focus`: the document's places in the country most of them lie in (its focus), and the parts of that
  country it names ("eastern Syria", "the country's north");
- :func:`event_place`: the place of one event from its place name and the sentences that tell it: the name's
  candidates, near-spellings kept only in the named part of the country, an anchor in the words after the name
  ("75 km east of Homs city", "in the countryside of Palmyra", "al-Zahraa neighbourhood of Homs") that the place
  must lie near, else the anchor itself stands in (coarser precision); with no name, the document's most-named
  place stands in, unless the evidence names a place no source holds ("near Mucojo"): then the unit the text
  supports, else the country alone.

Nothing here is fixed to a country: the focus country is the one the document's own places lie in.
"""
from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Optional

from ..resources import load_yaml
from .store import Place, store

DIRECTION = r"(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?"
# what follows an event's place name and ties it to a better-known one: "Rasm al-Sabaa village 75 km to the east of
# Homs city", "Al-Quriyah southeast of Deir ez-Zor city", "Jazal in the countryside of Palmyra", "near Aleppo",
# "al-Zahraa neighbourhood of Homs"
ANCHOR_CUE = re.compile(
    r"^(?:[\s-]+(?:[Aa]l|[Ee]l)[-\s]\S+)?\s*(?:village|town|city|area|district|neighbou?rhood|region|camp)?\s*,?\s*"
    r"(?:(?P<km>\d+(?:[.,]\d+)?)\s*-?\s*(?P<unit>km|kms|kilometers|kilometres|miles|mi)\s+)?"
    r"(?:(?:to the\s+)?(?P<dir>" + DIRECTION + r")\s+of|(?P<near>near|outside|close to|on the outskirts of)|"
    r"(?P<in>in)(?:\s+the)?(?:\s+" + DIRECTION + r")?(?:\s+(?P<cs>countryside|suburbs)\s+of)?|"
    r"(?<=district )(?P<of>of)|(?<=neighborhood )(?P<of2>of)|(?<=neighbourhood )(?P<of3>of))\s+(?:the\s+)?",
    re.I)
NEIGHBOURHOOD_KM = 20.0  # a district or neighbourhood of a city lies this close to its point
PROVINCE_WORD = re.compile(r"^\s*(?:province|governorate)\b", re.I)
AREAS = ("admin1", "region", "district")
NAMED = ("exact", "alternate", "case", "")  # how a place's name was found ("": not by a name)


@functools.lru_cache(maxsize=1)
def _same_area() -> dict[str, str]:
    """admin1 names reporting treats as one area (data/lexicon.yaml ``same_province``), both ways."""
    same = dict(load_yaml("lexicon.yaml").get("same_province") or {})
    return {**same, **{v: k for k, v in same.items()}}


@functools.lru_cache(maxsize=1)
def _famous_population() -> int:
    return int(load_yaml("geo.yaml").get("famous_min_population") or 10**9)


@dataclass
class Focus:
    """The document's places in its focus country, in reading order, the parts of that country it names, and its
    own region: the first-level units (state, province, governorate, oblast) its headline and text name, written
    out, abbreviated ("Ga.", "N.C.") or implied by a dateline ("ATLANTA (AP) --")."""
    places: list[Place] = field(default_factory=list)
    country: Optional[str] = None
    parts: set[str] = field(default_factory=set)
    region: set[tuple[str, str]] = field(default_factory=set)  # (country, admin1)
    filed: list[Place] = field(default_factory=list)  # the dateline's place: where the story was filed from


DATELINE_END = re.compile(r"^\s*(?:,\s*[A-Z][\w.\s]{1,20}?)?\s*(?:\([^)]{1,40}\)\s*)?(?:[-\u2013\u2014]{1,2}|:)")


def _dateline(text: str, start: int, end: int) -> bool:
    """A place written in capitals at the head of the first paragraph, before the agency or a dash ("ATLANTA (AP)
    --", "SALINA, Kan. (AP) —", "KOTV (CBS/AP) TULSA, Okla. -")."""
    name = text[start:end]
    if not name.isupper() or len(name) < 3:
        return False
    line_start = text.rfind("\n", 0, start) + 1
    if start - line_start > 40 or (line_start and text[:line_start].strip() and "\n" in text[:line_start].strip()):
        return False
    return bool(DATELINE_END.match(text[end:end + 60]))


CAPS_RUN = re.compile(r"\b[A-Z]{3,}")
CAPS_HEAD = re.compile(r"^\W{0,3}([A-Z][A-Z.'\s-]{2,30}?)(?=\s*(?:,|\(|[-\u2013\u2014]|:))")


def dateline_place(head: str, near: Optional[set[tuple[str, str]]] = None) -> Optional[Place]:
    """The place of the text's dateline ("SALINA, Kan. (AP) --", "NAPLES, Fla.-", "PITTSBURGH (KDKA) --") when its
    first lines have one: where the story was filed from (in local news, where it happened). A one-word name in
    capitals ("STERLING --", which the text matcher leaves to acronyms) is looked up as a name; ``near``: (country,
    admin1) of the places the story is known to lie in, which an ambiguous name ("Sterling") is read in."""
    from . import choose, find
    from .candidates import candidates

    lines = [ln for ln in head.split("\n") if ln.strip()][:2]
    if not any(CAPS_RUN.search(ln[:60]) for ln in lines):
        return None  # no name in capitals where a dateline stands (the head of its first or second line)
    head = "\n".join(ln.strip()[:100] for ln in lines)
    for m in find(head):
        if m.payload and _dateline(head, m.start, m.end):
            inside = in_region(m.payload, near or set())
            p = choose(inside, None) if inside is not m.payload else m.payload[0]
            return p if p.feature not in ("country", "continent") else None
    caps = CAPS_HEAD.match(head)
    if caps is None or not _dateline(head, caps.start(1), caps.end(1)):
        return None
    cands = [c.place for c in candidates(caps.group(1).title(), fuzzy_ok=False) if c.match in ("exact", "alternate")]
    unit = qualifier(caps.group(1), [head])
    pool = in_region(cands, {unit}) if unit else cands
    p = choose(in_region(pool, near or set()), None)
    return p if p is not None and p.feature not in ("country", "continent") else None


def focus(text: str, title: Optional[str] = None, others: Optional[list[tuple[int, int, str]]] = None) -> Focus:
    """``title``: the headline, read before the text (it often names the story's state or province); ``others``:
    the language model's entities of ``text`` (a name inside a person's or a street's name is no place)."""
    from . import choose, find

    full = f"{title}\n{text}" if title else text
    shift = len(title) + 1 if title else 0
    mentions = find(full, others=[(s + shift, e + shift, label) for s, e, label in others] if others else None)
    region = story_region(full, mentions)
    found: list[Place] = []
    votes: Counter = Counter()  # each place named and each naming of a country votes for its country
    filed: list[Place] = []
    for m in mentions:
        p = choose(in_region(m.payload, region), found)
        if p is None or p.feature == "continent":
            continue
        votes[p.country] += 1
        if p.feature != "country":
            found.append(p)
            if _dateline(full, m.start, m.end):
                filed.append(p)
    if not found:
        return Focus(region=region)
    home = max(votes, key=lambda cc: (votes[cc], any(p.country == cc for p in found), cc))
    return Focus([p for p in found if p.country == home], home, named_parts(full, home),
                 {r for r in region if r[0] == home}, filed)


def story_region(text: str, mentions: list) -> set[tuple[str, str]]:
    """(country, admin1) of the text's dateline ("SALINA, Kan. (AP) --", "ATLANTA (AP) --") when it has one, else of
    each first-level unit the text names by name or abbreviation."""
    named: set[tuple[str, str]] = set()
    dateline: set[tuple[str, str]] = set()
    for m in mentions:
        top = m.payload[0] if m.payload else None
        if top is None or not top.admin1 or top.feature in ("country", "region", "continent"):
            continue
        if _dateline(text, m.start, m.end):
            dateline.add((top.country, top.admin1))
        elif top.feature == "admin1" and top.match in ("exact", "alternate", "case"):
            named.add((top.country, top.admin1))
    return dateline or named


def in_region(places: list[Place], region: set[tuple[str, str]]) -> list[Place]:
    """The places inside the story's own region when some are (an ambiguous name is the one in the state the story
    is about; a place in another state is written with its own qualifier), else all."""
    if not region:
        return places
    same = _same_area()
    inside = [p for p in places if p.match in NAMED and
              ((p.country, p.admin1) in region or (p.country, same.get(p.admin1)) in region)]
    if not inside:
        return places
    # a country keeps its say ("Georgia" the state or the country is the ranker's question)
    return inside + [p for p in places if p.feature in ("country", "continent") and p not in inside]


@functools.lru_cache(maxsize=512)
def country_place(cc: str) -> Optional[Place]:
    """A country's own record: its name and representative point."""
    s = store()
    rows = list(s.db.execute("SELECT id FROM place WHERE country = ? AND feature = 'country' LIMIT 1", (cc,)))
    return s.places([rows[0][0]]).get(rows[0][0]) if rows else None


@functools.lru_cache(maxsize=512)
def _part_phrase(name: str) -> re.Pattern:
    return re.compile(
        r"\b(?:(?P<a>north|south|east|west|central)(?:-?(?P<b>east|west))?(?:ern)?\s+" + re.escape(name) + r"\b|"
        r"(?:the\s+)?country'?s\s+(?P<c>north|south|east|west|cent(?:er|re))(?:-?(?P<d>east|west))?)", re.I)


def named_parts(text: str, cc: str) -> set[str]:
    """Parts of the country ``cc`` the text names ("eastern Syria", "northwestern Syria", "the country's center",
    "central Syria"): north, south, east, west, center."""
    country = country_place(cc)
    if country is None:
        return set()
    out = set()
    for hit in _part_phrase(country.name).finditer(text):
        for part in (hit.group("a") or hit.group("c"), hit.group("b") or hit.group("d")):
            if part:
                out.add("center" if part.lower().startswith("cent") else part.lower())
    return out


def in_parts(p: Place, f: Focus) -> bool:
    """Whether a place could lie in the named parts of the focus country: only places clearly on the other side
    (half a degree past the country's representative point) are out."""
    if not f.parts or p.country != f.country:
        return True
    c = country_place(f.country)
    if c is None:
        return True
    lat, lon = c.latitude, c.longitude
    ok = {"north": p.latitude > lat - 0.5, "south": p.latitude < lat + 0.5, "east": p.longitude > lon - 0.5,
          "west": p.longitude < lon + 0.5, "center": lat - 1.2 < p.latitude < lat + 1.0}
    return any(ok[r] for r in f.parts)


def _famous(p: Place) -> bool:
    return p.feature == "admin1" or p.population >= _famous_population()


def anchor(location_text: str, evidence: list[str], f: Focus) -> Optional[tuple[Place, Optional[float], Optional[str]]]:
    """(anchor place, radius in km or None, admin1 it must lie in or None) from the words after the event's place
    name in its evidence; None when the name stands alone."""
    from . import choose, find

    for tail, cue in _cued_tails(location_text, evidence, 160, ANCHOR_CUE):
        rest = tail[cue.end():]
        hits = find(rest)
        if not hits or hits[0].start != 0:
            continue
        pool = [p for p in hits[0].payload if f.country is None or p.country == f.country]
        if re.match(r"\s*(?:city|town)\b", rest[hits[0].end:], re.I):  # "75 km east of Homs city": the city
            pool = [p for p in pool if p.feature != "admin1"] or pool
        place = choose(pool, f.places)
        if place is None or place.feature == "country":
            continue
        province = bool(PROVINCE_WORD.match(rest[hits[0].end:]))
        if cue.group("of") or cue.group("of2") or cue.group("of3"):
            if province or place.feature in AREAS:  # "X District of Damascus countryside"
                return place, None, place.admin1
            return place, NEIGHBOURHOOD_KM, None  # "al-Zahraa neighborhood of Homs"
        if cue.group("in") and not cue.group("cs"):
            if not (province or place.feature == "admin1"):
                continue  # "X in Homs": a neighbourhood of a city is the extractor's business, not an anchor
            return place, None, place.admin1
        if cue.group("km"):
            d = float(cue.group("km").replace(",", "."))
            d *= 1.609 if cue.group("unit").lower().startswith("mi") else 1.0
            return place, d * 1.4 + 25, None
        return place, (80.0 if cue.group("cs") else 60.0), None
    return None


QUALIFIER = re.compile(r"^,\s*")


def _cued_tails(location_text: str, evidence: list[str], width: int, pattern: re.Pattern):
    """(the words after the place name in each evidence text that holds it, up to ``width`` characters; the match
    of ``pattern`` at their start), for the evidence texts whose tail starts with the pattern."""
    for text in evidence:
        at = text.find(location_text)
        if at < 0:
            continue
        tail = text[at + len(location_text):at + len(location_text) + width]
        cue = pattern.match(tail)
        if cue:
            yield tail, cue


def qualifier(location_text: str, evidence: list[str]) -> Optional[tuple[str, str]]:
    """(country, admin1) of a first-level unit written right after the place name ("Columbus, Ohio", "Alexandria,
    La."), if any."""
    from . import find

    for tail, cue in _cued_tails(location_text, evidence, 40, QUALIFIER):
        hits = find(tail[cue.end():])
        top = hits[0].payload[0] if hits and hits[0].start == 0 and hits[0].payload else None
        if top is not None and top.feature == "admin1" and top.admin1:
            return top.country, top.admin1
    return None


COARSE_FEATURES = ("country", "continent", "admin1", "region", "district", "subdistrict")
DISTRICT_KM = 50.0  # a county or district reaches about this far from its point


def finer(p: Place, f: Focus) -> Optional[Place]:
    """A unit stands for the event's place ("A Texas toddler is dead", "in Harris County") while the story names
    one town inside it: that town is the finer place (ACLED codes the most specific place the report gives)."""
    if p.feature == "admin1":
        inside = [q for q in f.places if q.country == p.country and q.admin1 == p.admin1]
    elif p.feature in ("district", "subdistrict"):
        inside = [q for q in f.places if q.country == p.country and q.admin1 == p.admin1
                  and q.km_to(p) <= DISTRICT_KM]
    else:
        return None
    inside = [q for q in inside if q.feature not in COARSE_FEATURES]
    if len({q.name for q in inside}) != 1:
        return None  # none, or several towns: which one is the event's is not said
    return inside[0]


def story_unit(f: Focus) -> Optional[Place]:
    """The first-level unit every place of the story lies in, its dateline's aside (where it was filed from is not
    where its events happened), when there is one."""
    units = {(p.country, p.admin1) for p in f.places if p not in f.filed and p.admin1}
    if len(units) != 1:
        return None
    cc, a1 = next(iter(units))
    return next((u for u in store().units(cc) if u.admin1 == a1 or u.name == a1), None)


def event_place(location_text: Optional[str], evidence: list[str], f: Focus,
                unknown: Optional[list[str]] = None) -> tuple[Optional[Place], Optional[int]]:
    """(the event's place, a geo_precision it must be at least, or None): see the module doc. ``unknown``: names
    the evidence uses as places that no source holds (:func:`sitrep.places.unknown.unknown_places`): the event
    happened there, so it takes no other place's point, only the unit the text supports."""
    from . import choose
    from .candidates import candidates

    if location_text:
        found = [c for c in candidates(location_text, fuzzy_ok=False, beside=True) if c.match != "demonym"]
        named = [c.place for c in found if c.match != "loose"]
        cands = [c.place for c in found]
        named_set = set(named)
        if f.country:  # the document's country first: a namesake abroad is another place
            cands = [p for p in cands if p.country == f.country] or \
                [c.place for c in store().loose(location_text, min_similarity=0.7) if c.place.country == f.country] \
                or cands
        if not cands:
            cands = [c.place for c in store().loose(location_text, min_similarity=0.7)]
        # a near-spelling across the country the article is not about is a different place ("al-Quria ... in
        # eastern Syria" is not Al Qurayya in the south)
        cands = [p for p in cands if p in named_set or _famous(p) or in_parts(p, f)]
        unit = qualifier(location_text, evidence)
        if unit is not None:  # "Columbus, Ohio": the writer's own qualifier, whatever the story's region
            inside = in_region(cands, {unit})
            if inside is not cands:
                return choose(inside, f.places), None
        anc = anchor(location_text, evidence, f) if cands or evidence else None
        if anc is not None:
            at, radius, admin1 = anc
            same = _same_area()
            near = [p for p in cands if (admin1 is not None and p.admin1 in (admin1, same.get(admin1)))
                    or (radius is not None and p.km_to(at) <= radius)]
            if near:
                return choose(near, f.places), None
            # the name is unknown (or means somewhere else): the event is placed by what it is near
            return at, max(2, at.geo_precision)
        place = choose(in_region(cands, f.region), f.places)
        if place is not None:
            # "near Mucojo in Cabo Delgado province": the unit stands, not the one town of the story inside it
            inner = None if unknown else finer(place, f)
            return (inner, 2) if inner is not None else (place, None)
    if unknown:
        # the event's own place is one no source holds: the unit the story's places agree on (ACLED precision 3),
        # else the country alone; never one of the story's other places
        unit = story_unit(f)
        return (unit, 3) if unit is not None else (None, None)
    if f.places:
        # the article's most-named place stands in, at a coarser precision
        top, _ = Counter(p.name for p in f.places).most_common(1)[0]
        return next(p for p in f.places if p.name == top), 2
    return None, None
