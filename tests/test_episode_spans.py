"""A toll told over a few days ("in two days of attacks", "in the past 48 hours") is the story's event, not a running
total or history (dates.yaml episode_spans); "since 2011" still is. A side that says it repelled
an attack claims no attack (lexicon.yaml defence_verbs): the attack stays its attacker's. Articles written for this
test."""
from __future__ import annotations

import pytest
from conftest import mentions_of

ARTICLES = {
    "past_48_hours": ("Clashes between army and rebels kill 80 in northern region",
                      "Fighting between the Kachin Independence Army and the Myanmar army has killed at least 80 "
                      "people in Myanmar's Kachin state in the past 48 hours, a local official said on Saturday."),
    "days_of": ("Paramilitary attack on displacement camp kills 60",
                "The paramilitary Rapid Support Forces killed at least 60 civilians in two days of attacks on a "
                "displacement camp near El Fasher in Sudan's North Darfur state, the United Nations said on "
                "Sunday."),
    "since_2011": ("Rebels shell town",
                   "Rebels shelled the town of Kafranbel in Syria's Idlib province on Friday. The war has killed "
                   "more than 300000 people since 2011, according to monitors."),
    "repelled": ("Paramilitaries seize camp",
                 "The Rapid Support Forces said on Sunday they had taken control of the Zamzam camp near El Fasher "
                 "in Sudan's North Darfur state. The army said it had repelled an RSF attack on El Fasher itself."),
    "response": ("Rebel drone kills three soldiers at army base",
                 "A drone launched by the rebels struck a military base in Yemen's Marib province on Monday, "
                 "killing three soldiers, a military official said. In response, government aircraft carried out air "
                 "strikes on rebel positions in the Sirwah district, the official said."),
}


@pytest.fixture(scope="module")
def mentions(tmp_path_factory) -> dict:
    return mentions_of(tmp_path_factory.mktemp("episodes"), ARTICLES, published="2025-01-18")


@pytest.mark.parametrize("key,toll", [("past_48_hours", 80), ("days_of", 60)])
def test_a_toll_over_a_few_days_is_the_storys_event(mentions, key, toll):
    told = [m for m in mentions[key] if m.fatalities == toll]
    assert told and told[0].factuality == "reported", [(m.sub_event_type, m.fatalities, m.factuality)
                                                       for m in mentions[key]]


def test_a_war_total_since_2011_stays_no_events_toll(mentions):
    assert not any(m.fatalities and m.fatalities >= 300000 and m.factuality == "reported"
                   for m in mentions["since_2011"])


def test_a_side_that_repelled_an_attack_claims_none(mentions):
    seized = [m for m in mentions["repelled"] if m.sub_event_type == "Non-state actor overtakes territory"]
    assert seized and seized[0].actor1 == "Rapid Support Forces", [(m.sub_event_type, m.actor1, m.actor2)
                                                                   for m in mentions["repelled"]]


def test_the_answer_to_an_attack_is_another_event(mentions):
    strikes = [m for m in mentions["response"] if m.sub_event_type == "Air/drone strike"]
    assert len(strikes) == 2, [(m.sub_event_type, m.actor1, m.actor2, m.location_text) for m in mentions["response"]]
    assert {m.fatalities for m in strikes} == {3, None}
