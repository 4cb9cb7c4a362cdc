"""The fused event's place read against its reports' datelines (sitrep.fuse.place): the real gazetteer, a real
store, mentions written by hand."""
from __future__ import annotations

import datetime as dt

from sitrep.fuse import fuse
from sitrep.fuse.place import agreed_place, local_datelines
from sitrep.models import Evidence, ResolvedMention
from sitrep.places.event import dateline_place
from sitrep.store import Store

DAY = dt.date(2016, 8, 15)


def _m(doc_id: str, text: str | None, place: str, admin1: str, cc: str, lat: float, lon: float, prec: int = 1,
       sentence: str = "A 17-year-old died after being shot in a car at the mall on Monday.") -> ResolvedMention:
    return ResolvedMention(
        doc_id=doc_id, event_type="Violence against civilians", sub_event_type="Attack",
        actor2="Civilians (United States)", location_text=text, location=place, admin1=admin1, country=cc,
        latitude=lat, longitude=lon, geo_precision=prec, event_date=DAY, date_start=DAY, date_end=DAY,
        time_precision=1, evidence=[Evidence(doc_id=doc_id, start=0, end=len(sentence), text=sentence)])


NAPLES_IT = ("Naples", "Campania", "IT", 40.85216, 14.26811)
LORENZO_CA = ("San Lorenzo", "California", "US", 37.68104, -122.12441)


def test_a_dateline_is_a_place_with_its_state():
    naples = dateline_place("NAPLES, Fla.- A 17-year-old died after being shot in the jaw")
    assert (naples.name, naples.admin1, naples.country) == ("Naples", "Florida", "US")
    pitt = dateline_place("PITTSBURGH (KDKA) – Nick Ursiny, 15, died after a tragic accident")
    assert (pitt.name, pitt.admin1) == ("Pittsburgh", "Pennsylvania")
    # one word in capitals, which the text matcher leaves alone, read in the state the story's places lie in
    sterling = dateline_place("STERLING – The parents of a boy facing a felony charge", {("US", "Illinois")})
    assert (sterling.name, sterling.admin1) == ("Sterling", "Illinois")
    assert dateline_place("A boy was shot in Naples on Monday, police said.") is None
    assert dateline_place("Photo: Metro Video Image 1 of 4 A child was shot") is None


def test_a_namesake_abroad_is_read_again_in_the_datelines_state_and_outranks_a_place_elsewhere():
    """One report of the shooting names "Naples" without a state (read as Italy); the other is dated "NAPLES, Fla."
    and its event was placed by a person's name ("Lorenzo"). The dateline's state reads "Naples" as the Florida town."""
    a = _m("a", "Naples", *NAPLES_IT)
    b = _m("b", "Lorenzo", *LORENZO_CA)
    docs = {"a": {"head": "A man in a parked car at the mall garage was shot, the Naples Police Department said."},
            "b": {"head": "NAPLES, Fla.- A 17-year-old died after being shot in the jaw while in a car."}}
    lines = local_datelines([a, b], ["a", "b"], docs)
    assert [(p.name, p.admin1) for p in lines] == [("Naples", "Florida")]
    where = agreed_place([a, b], [True, True], lines)
    assert (where.location, where.admin1, where.country) == ("Naples", "Florida", "US")
    # without the dateline: a tie, the first report's place (Italy)
    alone = agreed_place([a, b], [True, True], [])
    assert (alone.location, alone.country) == ("Naples", "IT")


def test_a_dateline_abroad_is_no_region():
    """A Beirut dateline over a report placed in Syria: where the reporter was, not the event's region."""
    aleppo = _m("a", "Aleppo", "Aleppo", "Aleppo", "SY", 36.20124, 37.16117)
    docs = {"a": {"head": "BEIRUT (Reuters) - Air strikes hit rebel-held districts of Aleppo on Monday."}}
    assert local_datelines([aleppo], ["a"], docs) == []
    assert agreed_place([aleppo], [True], []).location == "Aleppo"


def _add(store: Store, doc_id: str, text: str, m: ResolvedMention) -> None:
    with store.transaction() as c:
        c.execute("INSERT INTO documents (doc_id, path, kind, outlet, title, published, published_from, text, raw, "
                  "meta_json, pipeline_version, ingested_at, main_mention) VALUES (?, ?, 'txt', ?, ?, ?, 'metadata', "
                  "?, ?, '{}', 'test', '2026-01-01', 0)", (doc_id, f"{doc_id}.txt", "Outlet " + doc_id, text[:40],
                                                          DAY.isoformat(), text, text))
        c.execute("INSERT INTO mentions (mention_id, doc_id, idx, data_json) VALUES (?, ?, 0, ?)",
                  (f"{doc_id}:0", doc_id, m.model_dump_json()))


def test_a_state_standing_for_the_place_gives_way_to_the_datelines_town(tmp_path):
    """"AMELIA, Ohio (AP) — ... a gun shop in Ohio": the event placed at the state is placed at the dateline's
    town; a report of another state under its own dateline keeps its state."""
    store = Store(tmp_path / "s.db")
    text = "AMELIA, Ohio (AP) — Officials say a man has been fatally shot during a class at a gun shop in Ohio."
    _add(store, "a", text, _m("a", "Ohio", "Ohio", "Ohio", "US", 40.25034, -83.00018, prec=3, sentence=text))
    other = "A man has been fatally shot during a robbery at a store in Indiana, officials said on Monday."
    _add(store, "b", other, _m("b", "Indiana", "Indiana", "Indiana", "US", 39.76691, -86.44987, prec=3,
                               sentence=other))
    fuse(store)
    places = {e["sources"][0]["doc_id"]: (e["location"], e["admin1"], e["geo_precision"]) for e in store.events()}
    assert places["a"] == ("Amelia", "Ohio", 1)
    assert places["b"] == ("Indiana", "Indiana", 3)
    store.close()


def test_a_state_given_at_a_finer_precision_still_gives_way_to_the_datelines_town():
    """A report placed at "Illinois" (the state's own name) with precision 2 under "STERLING –": the state is the
    state whatever precision the report gave it; Sterling is read in it (not Sterling, Colorado)."""
    m = _m("a", None, "Illinois", "Illinois", "US", 40.00032, -89.25037, prec=2)
    docs = {"a": {"head": "STERLING – The parents of a boy facing a felony charge in the death of his friend"}}
    lines = local_datelines([m], ["a"], docs)
    where = agreed_place([m], [True], lines)
    assert (where.location, where.admin1, where.geo_precision) == ("Sterling", "Illinois", 1)
    # a town 138 km away is no state: it keeps its place
    other = _m("a", "Peoria", "Peoria", "Illinois", "US", 40.69365, -89.58899, prec=2)
    assert agreed_place([other], [True], lines).location == "Peoria"


def test_a_county_is_read_again_by_its_full_name_and_a_persons_name_stays_outside():
    """"PANDORA —" (Ohio's only Pandora): "Putnam County" placed in Tennessee is read again as Ohio's Putnam County,
    which then gives way to the dateline's village inside it; "Kennedy" (a suspect's name, placed in California) has
    no town in Ohio and stays outside the region, behind the report inside it. (A person's name that Ohio has a town
    of, "Jackson", would be read as that town: the extractor's place names are trusted as names.)"""
    putnam = _m("a", "Putnam County", "Putnam County", "Tennessee", "US", 36.14081, -85.49569, prec=2)
    kennedy = _m("b", "Kennedy", "Kennedy", "California", "US", 37.95, -121.35)
    docs = {"a": {"head": "PANDORA — A 17-year-old boy died Saturday night after an apparent accidental shooting"},
            "b": {"head": "A teen died after an accidental shooting, the sheriff said on Sunday."}}
    lines = local_datelines([putnam, kennedy], ["a", "b"], docs)
    assert [(p.name, p.admin1) for p in lines] == [("Pandora", "Ohio")]
    where = agreed_place([kennedy, putnam], [True, True], lines)
    assert (where.location, where.admin1, where.geo_precision) == ("Pandora", "Ohio", 1)
