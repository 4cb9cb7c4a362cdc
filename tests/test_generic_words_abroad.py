"""A generic word of one country's armed group ("rebels" is the Free Syrian Army's in a Syrian story) names no
group of that country in another country's story: there it is the story country's unidentified armed group
(actors.Registry.specific with ``weak``), and such words cast no vote for the story's country (country.of_document).
Articles written for this test."""
from __future__ import annotations

import pytest
from conftest import mentions_of

from sitrep.actors import registry

ARTICLES = {
    "india": ("Maoists kill 10 police in Chhattisgarh blast",
              "Maoist rebels blew up a van carrying police officers with an improvised explosive device in India's "
              "Chhattisgarh state on Wednesday, killing 10 police officers and their civilian driver, a senior police "
              "official said."),
    "syria": ("Rebels shell Aleppo district, killing 4",
              "Rebels shelled the government-held district of New Aleppo in Syria's Aleppo city on Wednesday, killing "
              "four civilians, state media said."),
}


@pytest.fixture(scope="module")
def mentions(tmp_path_factory) -> dict:
    return mentions_of(tmp_path_factory.mktemp("abroad"), ARTICLES, published="2023-04-26")


def test_rebels_abroad_are_the_story_countrys_unidentified_armed_group(mentions):
    main = next(m for m in mentions["india"] if m.fatalities)
    assert main.actor1 == "Unidentified Armed Group (India)", (main.actor1, main.actor2)
    assert not any("Syria" in (a or "") for m in mentions["india"] for a in (m.actor1, m.actor2))


def test_rebels_at_home_keep_their_curated_group(mentions):
    main = next(m for m in mentions["syria"] if m.fatalities)
    assert main.actor1 == "Free Syrian Army", main.actor1


def test_the_rule_is_the_actor_data_not_a_country_in_code():
    reg = registry()
    rebels = next(m for m in reg.find("Rebels attacked.") if m.text == "Rebels")
    assert rebels.weak and rebels.actor.country == "SY"
    assert reg.specific(rebels.actor, "SY", rebels.weak).id == rebels.actor.id
    assert reg.specific(rebels.actor, "CO", rebels.weak).name == "Unidentified Armed Group (Colombia)"
    assert reg.specific(rebels.actor, "CO").id == rebels.actor.id  # a strong alias (the group's name) is kept
