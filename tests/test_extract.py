"""Extraction on real parses: numbers, actors, claims, factuality, territory, and the seeds end to end."""
from __future__ import annotations

import pytest

from sitrep.actors import registry
from sitrep.annotate import english
from sitrep.extract import numbers
from sitrep.ingest import read_paths
from sitrep.pipeline import process

from conftest import SEEDS


def figures(sentence: str):
    return [(c.kind, c.value, c.aggregate) for c in numbers.find(english()(sentence))]


@pytest.mark.parametrize("sentence, expected", [
    ("At least seven ISIS militants and four rebel fighters were killed in the clashes.", [("killed", 11, False)]),
    ("The group's militants imposed their control, resulting in the killing of five leaders.", [("killed", 5, False)]),
    ("Both sides traded fire, causing at least five deaths, most of them regime soldiers.", [("killed", 5, False)]),
    ("Regime forces shelled ISIS positions, killing one person and wounding 12 others.",
     [("killed", 1, False), ("injured", 12, False)]),
    ("Two hundred people died.", [("killed", 200, False)]),
    ("Dozens of civilians were killed in airstrikes on Douma.", [("killed", 12, False)]),
    ("The outlet reported that 500 soldiers had died since the beginning of the military campaign.",
     [("killed", 500, True)]),
])
def test_casualty_figures(sentence, expected):
    assert figures(sentence) == expected


def test_actor_aliases_resolve_to_canonical_actors():
    reg = registry()
    found = {m.text: m.actor.id for m in reg.find(
        "Daesh and ISIS fought Hay’at Tahrir al-Sham and al-Hayat- Tahrir-al-Sham; the Britain-based monitor said.")}
    assert found == {"Daesh": "is", "ISIS": "is", "Hay’at Tahrir al-Sham": "hts", "Hayat- Tahrir-al-Sham": "hts",
                     "the Britain-based monitor": "sohr"}
    # renamings follow the event date
    import datetime as dt
    nusra = reg.get("nusra")
    assert reg.resolved(nusra, dt.date(2016, 1, 1)).id == "nusra"
    assert reg.resolved(nusra, dt.date(2017, 6, 1)).id == "hts"


@pytest.fixture(scope="module")
def seed_events():
    out = {}
    for raw in read_paths([str(SEEDS)]):
        out[raw.path.rsplit("/", 1)[1][:3]] = process(raw).mentions
    return out


def _find(events, sub=None, text=None):
    return [e for e in events if (sub is None or e.sub_event_type == sub)
            and (text is None or any(text in ev.text for ev in e.evidence))]


def test_seed_capture_with_amaq_claim_and_territory(seed_events):
    (cap,) = [e for e in _find(seed_events["000"], "Non-state actor overtakes territory") if e.fatalities]
    assert cap.actor1 == "Islamic State (Syria)" and cap.actor2 == "Hayat Tahrir al Sham"
    assert cap.territory.to_actor == "Islamic State (Syria)" and cap.territory.from_actor == "Hayat Tahrir al Sham"
    assert cap.fatalities == 5 and any(c.claimant == "Amaq" and c.value == 5 for c in cap.claims)
    assert abs(cap.latitude - 33.47) < 0.03 and abs(cap.longitude - 36.30) < 0.03
    assert cap.event_date is None  # no publication date: "on Saturday" cannot be placed


def test_seed_vbied_is_its_own_event(seed_events):
    (ied,) = _find(seed_events["000"], "Remote explosive/landmine/IED")
    assert {ied.actor1, ied.actor2} == {"Islamic State (Syria)", "Hayat Tahrir al Sham"}


def test_seed_sohr_figures_are_separate_events_with_claims(seed_events):
    shelled = _find(seed_events["002"], "Shelling/artillery/missile attack", "killing one person")
    clash = _find(seed_events["002"], "Armed clash", "traded fire")
    assert shelled[0].fatalities == 1 and shelled[0].claims[0].claimant == "SOHR"
    assert clash[0].fatalities == 5 and clash[0].claims[0].claimant == "SOHR"
    assert clash[0].actor1 == "Military Forces of Syria (2000-2024)" and clash[0].actor2 == "Islamic State (Syria)"


def test_seed_campaign_total_is_not_an_event(seed_events):
    assert all((e.fatalities or 0) < 100 for e in seed_events["003"])
    agg = [c for e in seed_events["003"] for c in e.claims if c.kind == "aggregate_fatalities"]
    assert not agg or all(c.value == 500 for c in agg)


def test_seed_amaq_claim_is_claimed_and_dated_year_from_caption(seed_events):
    (amaq,) = _find(seed_events["003"], text="Amaaq” Agency claimed")
    assert amaq.factuality == "claimed" and amaq.fatalities == 30
    (air,) = _find(seed_events["003"], "Air/drone strike")
    assert str(air.event_date) == "2018-05-07"  # "Monday 7 May", year from the caption's "May 6. 2018"


def test_seed_weekdays_without_publication_date_use_the_week_the_article_writes(seed_events):
    # no publication date; "Monday 7 May" (year from the caption) fixes the week, so Amaq's "on Sunday" is 6 May
    (amaq,) = _find(seed_events["003"], text="Amaaq” Agency claimed")
    assert str(amaq.event_date) == "2018-05-06" and amaq.time_precision == 1
    # "on Sunday published a picture of reinforcements": the picture's date, not the movement's
    pictured = _find(seed_events["003"], text="published a picture")
    assert pictured and all(e.event_date is None for e in pictured)


def test_seed_threat_is_not_a_battle_and_history_is_dated(seed_events):
    threats = [e for e in seed_events["004"] if any("threatened to invade" in ev.text for ev in e.evidence)]
    assert all(e.event_type not in ("Battles", "Explosions/Remote violence") for e in threats)
    battle = [e for e in seed_events["004"] if e.fatalities == 11]
    assert len(battle) == 1 and battle[0].territory.to_actor == "Free Syrian Army"
    assert battle[0].location == "Eastern Qalamoun"
    hist = [e for e in seed_events["004"] if e.factuality == "historical"]
    assert all(str(e.event_date).startswith("2015-04") for e in hist)


def test_every_event_carries_evidence_into_the_clean_text(seed_events):
    docs = {raw.path.rsplit("/", 1)[1][:3]: process(raw).doc for raw in read_paths([str(SEEDS)])}
    for key, events in seed_events.items():
        for e in events:
            assert e.evidence and e.notes
            for ev in e.evidence:
                assert docs[key].text[ev.start:ev.end] == ev.text


def test_near_a_place_is_precision_2_and_every_event_has_admin1(tmp_path):
    f = tmp_path / "near.txt"
    f.write_text("Regime forces shell rebel positions near Damascus\n\nPublished: 12 February 2018\n\n"
                 "Regime artillery shelled rebel positions 10 kilometers south of Damascus on Saturday, killing three "
                 "fighters, the Syrian Observatory for Human Rights said.\n\n"
                 "Separately, an air strike hit a market in Douma on Sunday, killing five civilians.\n", encoding="utf-8")
    (raw,) = list(read_paths([str(f)]))
    events = process(raw).mentions
    (shelled,) = [e for e in events if e.location_text == "Damascus"]
    (strike,) = [e for e in events if e.location_text == "Douma"]
    assert shelled.geo_precision == 2 and shelled.admin1 == "Damascus"  # near, on the named place's point
    assert strike.geo_precision == 1 and strike.admin1 == "Rif Dimashq"
    assert str(shelled.event_date) == "2018-02-10" and str(strike.event_date) == "2018-02-11"
