"""Violent incidents are events everywhere (issue 15): the shooting/stabbing trigger (triggers.yaml
``shooting_victim``), the event's ``scope`` (political or criminal: crime is flagged, not dropped) and the rule that
the learned classifier may retype but never drop a violent act that counts its victims."""
from __future__ import annotations

import numpy as np
import pytest

from sitrep.extract import classify
from sitrep.extract.triggers import find, lexicon
from sitrep.ingest import doc_id_for
from sitrep.models import DocMeta, RawDocument
from sitrep.pipeline import process


def mentions(text: str):
    raw = RawDocument(doc_id=doc_id_for("txt", text), path="story.txt", kind="txt", content=text, meta=DocMeta())
    return process(raw).mentions


def trigger_ids(text: str) -> set[str]:
    from sitrep.annotate import english

    return {h.spec.id for h in find(english()(text))}


LOCAL_SHOOTING = ("A 34-year-old man was shot and killed outside a convenience store in Dayton on Saturday night. "
                  "Detectives are investigating the homicide.")
WAR_SHOOTING = "Gunmen from al-Shabaab shot dead three teachers in Mandera on Tuesday, police said."
AIR_STRIKE = ("CAIRO/GAZA, June 6 (Reuters) - An Israeli air strike on a United Nations school sheltering displaced "
              "families in the Nuseirat camp in central Gaza killed at least 33 people early on Thursday, Palestinian "
              "health officials said.")


@pytest.mark.parametrize("text", ["A woman was shot in the head outside her home.",
                                  "Two people were stabbed to death at a bus station.",
                                  "The boy died of a gunshot wound to the chest.",
                                  "The shooting happened just after midnight."])
def test_shootings_and_stabbings_fire_a_violent_act_trigger(text):
    ids = trigger_ids(text)
    assert any(lexicon().specs[i].violent_act for i in ids)
    assert "shooting_victim" in ids or "stab" in text


def test_shooting_down_a_drone_is_no_shooting_of_a_person():
    assert "shooting_victim" not in trigger_ids("Air defences were shooting down a drone over the base.")
    assert [m.sub_event_type for m in mentions("The army said its soldiers were shooting down a drone over the "
                                               "base on Monday.")] == ["Disrupted weapons use"]


def test_violent_act_triggers_are_marked_in_the_data():
    specs = lexicon().specs
    assert specs["shooting_victim"].violent_act and specs["targeted_killing"].violent_act
    assert not specs["explosion_generic"].violent_act  # a gas explosion is no attack on people
    # the specific words of remote violence against people: an air strike, shelling, a grenade, a chemical attack
    assert all(specs[i].violent_act for i in ("air_strike", "shelling", "grenade", "chemical", "execution"))


def test_an_air_strike_that_kills_is_an_event_whatever_else_the_sentence_says():
    """The learned classifier read this sentence (a UN school, displaced families) as no ACLED event and dropped
    the rules' air strike with its 33 dead."""
    assert [(m.sub_event_type, m.fatalities, m.location_text) for m in mentions(AIR_STRIKE)] == [
        ("Air/drone strike", 33, "Nuseirat")]


def test_a_local_shooting_with_a_victim_is_an_attack_flagged_criminal():
    ms = mentions(LOCAL_SHOOTING)
    assert [(m.event_type, m.sub_event_type, m.fatalities) for m in ms] == [
        ("Violence against civilians", "Attack", 1)]
    assert ms[0].scope == "criminal"
    assert ms[0].evidence and LOCAL_SHOOTING[ms[0].evidence[0].start:ms[0].evidence[0].end] == ms[0].evidence[0].text


def test_an_accidental_shooting_counts_the_wounded_apart_and_is_kept_as_crime_or_accident():
    ms = mentions("A 7-year-old boy was wounded when he accidentally shot himself with his father's handgun at a "
                  "home in Tulsa on Tuesday, deputies said.")
    assert [(m.sub_event_type, m.fatalities, m.injured, m.scope) for m in ms] == [("Attack", None, 1, "criminal")]


def test_an_armed_group_makes_a_shooting_political_violence():
    ms = mentions(WAR_SHOOTING)
    assert ms and ms[0].sub_event_type == "Attack" and ms[0].fatalities == 3
    assert ms[0].scope == "political"


def test_non_violent_events_have_no_scope():
    ms = mentions("Hundreds of protesters demonstrated against the government in Khartoum on Monday.")
    assert ms and all(m.scope is None for m in ms)


@pytest.fixture
def none_model(tmp_path, monkeypatch):
    """A model that reads every sentence as no ACLED event, surely."""
    path = tmp_path / "none.npz"
    classify.save(path, [classify.NONE, "Attack", "Peaceful protest"], ["w=x"], np.zeros((3, 1)),
                  np.array([6.0, 0.0, 0.0]), meta={"test": True})
    monkeypatch.setenv(classify.MODEL_ENV, str(path))
    return path


def test_the_model_never_drops_a_violent_act_that_counts_its_victims(none_model):
    assert [(m.sub_event_type, m.fatalities) for m in mentions(LOCAL_SHOOTING)] == [("Attack", 1)]
    assert [m.fatalities for m in mentions(WAR_SHOOTING)] == [3]
    assert [m.fatalities for m in mentions(AIR_STRIKE)] == [33]


def test_the_model_still_drops_what_is_no_violent_act_against_people(none_model):
    assert mentions("Hundreds of protesters demonstrated against the government in Khartoum on Monday.") == []
    assert mentions("The death toll from flash floods in the country's east rose to 40 on Monday.") == []
