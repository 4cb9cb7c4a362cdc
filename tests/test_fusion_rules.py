"""The similarity's hard rules and the claim reconciliation, on mentions built by hand."""
from __future__ import annotations

import datetime as dt

from sitrep.claims import reconcile, stance_of
from sitrep.fuse import features, similarity
from sitrep.models import Claim, Evidence, ResolvedMention


def _m(**kw) -> ResolvedMention:
    base = dict(doc_id="d1", event_type="Battles", sub_event_type="Armed clash", actor1="Islamic State (Syria)",
                actor2="Military Forces of Syria (2000-2024)", location="Yarmouk Camp", latitude=33.4699,
                longitude=36.3018, geo_precision=1, event_date=dt.date(2018, 5, 7),
                evidence=[Evidence(doc_id="d1", start=0, end=40, text="Clashes broke out in Yarmouk camp overnight")])
    base.update(kw)
    return ResolvedMention(**base)


def test_same_clash_two_outlets_scores_high():
    s, why = similarity(features(_m()), features(_m(doc_id="d2")))
    assert s is not None and s > 0.9 and any("same sub-event type" in r for r in why)


def test_acled_day_and_place_rules_forbid_merges():
    assert similarity(features(_m()), features(_m(event_date=dt.date(2018, 5, 10))))[0] is None
    assert similarity(features(_m()), features(_m(location="Douma", latitude=33.572, longitude=36.402)))[0] is None
    assert similarity(features(_m()), features(_m(event_date=None)))[0] is None
    assert similarity(features(_m()), features(_m(actor1="Free Syrian Army", actor2="Syrian Democratic Forces")))[0] is None
    assert similarity(features(_m()), features(_m(event_type="Protests", sub_event_type="Peaceful protest")))[0] is None


def test_a_day_of_reporting_lag_still_matches_but_lower():
    same = similarity(features(_m()), features(_m(doc_id="d2")))[0]
    lag = similarity(features(_m()), features(_m(doc_id="d2", event_date=dt.date(2018, 5, 8))))[0]
    assert lag is not None and lag < same


def test_stance_from_the_registry():
    assert stance_of("Amaq")[0] == "party" and stance_of("SOHR")[0] == "monitor"
    assert stance_of("Enab Baladi")[0] == "independent_media" and stance_of("Nobody Inc")[0] is None
    assert stance_of("the army")[0] == "party"  # a fighting party speaking for itself
    assert stance_of("Residents")[0] is None and stance_of("protesters")[0] is None  # no party to the fight


def test_conservative_fatalities_and_conflict_flag():
    amaq = _m(claims=[Claim(kind="fatalities", claimant="Amaq", value=30, doc_id="d1")], fatalities=30,
              factuality="claimed")
    sohr = _m(doc_id="d2", claims=[Claim(kind="fatalities", claimant="SOHR", value=1, doc_id="d2")], fatalities=1)
    out = reconcile([(amaq, "Enab Baladi"), (sohr, "Zaman al-Wasl")], {})
    assert (out["fatalities"], out["fatalities_low"], out["fatalities_high"]) == (1, 1, 30)
    assert out["fatalities_conflict"] is True
    assert out["claims_summary"] == "Amaq (party) claimed 30; SOHR (monitor) reported 1"
    assert {c["stance"] for c in out["claims"]} == {"party", "monitor"}


def test_one_actor_under_two_exported_names_and_victims_alone_do_not_forbid_a_merge():
    shooting = dict(event_type="Violence against civilians", sub_event_type="Attack", location="Apopka",
                    latitude=28.676, longitude=-81.512, event_date=dt.date(2016, 3, 19))
    police = _m(actor1="Police Forces of United States", actor2=None, **shooting)
    police_dated = _m(doc_id="d2", actor1="Police Forces of the United States (2009-2017)", actor2=None, **shooting)
    victims = _m(doc_id="d2", actor1=None, actor2="Civilians (United States)", **shooting)
    s, why = similarity(features(police), features(police_dated))
    assert s is not None and s > 0.9 and any("police forces of united states" in r for r in why)
    s, why = similarity(features(police), features(victims))
    assert s is not None and "actors unknown on one side" in why
    # two parties that share nothing still never merge
    rebels = _m(doc_id="d2", actor1="Free Syrian Army", actor2="Civilians (United States)", **shooting)
    assert similarity(features(police), features(rebels))[0] is None


def test_two_reports_placed_apart_take_the_place_of_a_document_s_main_event():
    """Two reports merged by the names they share disagree on the place (one resolved a victim's name as a town):
    no majority, so the place of the report that is its document's main event wins, whatever the fusion order."""
    from sitrep.fuse import Member, build_event

    chicago = _m(doc_id="a", location="Chicago", latitude=41.85, longitude=-87.65, event_type="Violence against civilians",
                 sub_event_type="Attack")
    devon = _m(doc_id="b", location="Devon", latitude=50.676, longitude=-3.725, event_type="Violence against civilians",
               sub_event_type="Attack")
    members = [Member("b:1", "b", 1, "founder", None, [], devon), Member("a:0", "a", 2, "match", 0.5, [], chicago)]
    assert build_event("EV1", members, {}, {}, frozenset({"a:0"})).location == "Chicago"
    assert build_event("EV1", members, {}, {}, frozenset({"a:0", "b:1"})).location == "Devon"  # both main: first
    assert build_event("EV1", members, {}, {}, frozenset()).location == "Devon"


def test_a_state_holds_its_towns_and_a_district_its_radius():
    from sitrep.fuse.similarity import _contains

    town = features(_m(location="Amelia", latitude=39.0284, longitude=-84.2177, admin1="Ohio", country="United States"))
    state = features(_m(location="Ohio", latitude=40.393, longitude=-82.793, admin1="Ohio", country="United States",
                        geo_precision=3))
    other = features(_m(location="Richmond", latitude=39.829, longitude=-84.89, admin1="Indiana",
                        country="United States"))
    assert _contains(state, town) and not _contains(town, state) and not _contains(state, other)
    county = features(_m(location="Summit County", latitude=41.126, longitude=-81.534, geo_precision=2))
    akron = features(_m(location="Akron", latitude=41.081, longitude=-81.519))
    assert _contains(county, akron) and not _contains(county, town)
