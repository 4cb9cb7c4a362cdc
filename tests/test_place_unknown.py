"""A place no source holds is no other place (issue 13, session 14): "near Mucojo in Mozambique's Cabo Delgado
province" in a story filed from Pemba is not Pemba. The village stays a name with no point of its own; the event
falls back to the unit the text supports (the province, ACLED geo_precision 3), else the country alone."""
from __future__ import annotations

from pathlib import Path

import pytest

from sitrep.fuse.place import _dateline_town
from sitrep.ingest import read_paths
from sitrep.models import ResolvedMention
from sitrep.places import candidates
from sitrep.places.unknown import unknown_places
from sitrep.pipeline import process

STORIES = Path(__file__).parent / "fixtures" / "world" / "wars13.jsonl"


@pytest.fixture(scope="module")
def stories() -> dict[str, list]:
    keep = {"cabo", "burkina", "cameroon2", "mali"}
    return {raw.path.rsplit("#", 1)[1]: process(raw).mentions for raw in read_paths([str(STORIES)])
            if raw.path.rsplit("#", 1)[1] in keep}


def places(events) -> list[tuple]:
    return [(e.location_text, e.location, e.admin1, e.country, e.latitude, e.geo_precision) for e in events]


def test_a_cued_name_no_source_holds_is_listed():
    text = ("PEMBA, Mozambique, Feb 14 (AFP) - Insurgents ambushed an army patrol near Mucojo in Mozambique's "
            "Cabo Delgado province on Monday.")
    assert unknown_places(text) == ["Mucojo"]
    # a known place, a month, a word glued to a cue ("Jama'at Nusrat") and a name with no cue are not
    assert unknown_places("Jama'at Nusrat al-Islam wal-Muslimin claimed the attack in Aleppo in March.") == []
    assert unknown_places("Mucojo residents said the army had left.") == []


def test_an_unknown_village_in_a_named_province_is_the_province_not_the_dateline_city(stories):
    events = [e for e in stories["cabo"] if e.location_text == "Mucojo"]
    assert events, places(stories["cabo"])
    ev = events[0]
    assert (ev.location, ev.admin1, ev.country, ev.geo_precision) == ("Cabo Delgado", "Cabo Delgado", "MZ", 3), \
        places(stories["cabo"])
    assert ev.location != "Pemba"


def test_an_unknown_village_raided_in_a_named_region_is_the_region(stories):
    ev = stories["cameroon2"][0]
    assert (ev.location_text, ev.location, ev.country, ev.geo_precision) == ("Mozogo", "Far North", "CM", 3), \
        places(stories["cameroon2"])


@pytest.mark.parametrize("sid,village,cc", [("burkina", "Barsalogho", "BF"), ("mali", "Tinzaouaten", "ML")])
def test_an_unknown_village_with_no_unit_is_the_country_without_a_point(stories, sid, village, cc):
    ev = stories[sid][0]
    assert (ev.location_text, ev.location, ev.country, ev.latitude, ev.longitude) == (village, None, cc, None, None), \
        places(stories[sid])
    assert ev.geo_precision == 3


def test_fusion_keeps_the_unit_of_a_report_whose_place_no_source_holds():
    pemba = next(c.place for c in candidates("Pemba", "MZ") if c.place.admin1 == "Cabo Delgado")
    m = ResolvedMention(doc_id="d", event_type="Battles", sub_event_type="Armed clash", location_text="Mucojo",
                        location="Cabo Delgado", admin1="Cabo Delgado", country="MZ", latitude=-12.3,
                        longitude=39.4, geo_precision=3)
    assert _dateline_town(m, [pemba]).location == "Cabo Delgado"
    # a report that names the province alone still gives way to the dateline's town inside it
    named = m.model_copy(update={"location_text": "Cabo Delgado"})
    assert _dateline_town(named, [pemba]).location == "Pemba"
