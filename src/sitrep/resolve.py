"""Resolve: each mention's place to a point (:mod:`sitrep.places.event`, in the article's context) and its date
expression to a calendar date against the publication date (:mod:`sitrep.timeparse`; never today's date)."""
from __future__ import annotations

import re
from functools import lru_cache

from .places.event import COARSE_FEATURES, event_place, focus as event_focus
from .places.unknown import unknown_places
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


def story_country(doc: AnnotatedDocument):
    from .country import of_annotated

    return of_annotated(doc)


def resolve(doc: AnnotatedDocument, mentions: list[EventMention]) -> list[ResolvedMention]:
    if not mentions:
        return []
    focus = event_focus(doc.doc.text, doc.doc.title, doc.entities())
    anchors = anchor_dates([b.text for b in doc.doc.blocks])
    ref = doc.doc.published
    week_ref = None if ref is not None else weekday_reference([b.text for b in doc.doc.blocks], anchors)
    out = []
    for m in mentions:
        r = ResolvedMention(**m.model_dump())
        unknown = [n for ev in m.evidence for n in unknown_places(ev.text)]
        place, precision = event_place(m.location_text, [ev.text for ev in m.evidence], focus, unknown)
        if unknown and (place is None or place.feature in COARSE_FEATURES):
            r.location_text = unknown[0]  # the place the text names, which no source holds (null coordinates)
            r.geo_precision = r.geo_precision or 3  # ACLED: only a larger region (the unit, else the country)
        if precision is not None:
            r.geo_precision = precision
        if place is not None:
            r.location, r.latitude, r.longitude = place.name, place.latitude, place.longitude
            r.admin1, r.country = place.admin1, place.country
            r.geo_precision = r.geo_precision or place.geo_precision
            if r.geo_precision == 1 and _near(m):
                r.geo_precision = 2
        else:
            # no place resolved: the event is still in the story's country (its places, country names, demonyms,
            # dateline and actors: sitrep.country), never in a configured theatre
            r.country = story_country(doc)
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
