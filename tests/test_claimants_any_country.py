"""Unnamed official sources ("security sources", "state media", "state TV") are the story country's own, in any
country (data/actors.yaml: generic_military_source, generic_state_media, generic_state_tv; Syria's curated
entries in Syrian news), and a party never fights itself: the party a source speaks for is not the attacker of
its own side's dead, and "soldiers" in a headline are the story country's forces. Articles written for these tests."""
from __future__ import annotations

import pytest
from conftest import mentions_of

from sitrep.actors import registry

ARTICLES = {
    "burkina": ("Jihadists kill 20 soldiers in Burkina Faso ambush",
                "Suspected jihadists killed at least 20 soldiers in an ambush on a military convoy near the town of "
                "Djibo in northern Burkina Faso on Saturday, security sources said."),
    "syria": ("Army source: 12 militants killed near Palmyra",
              "Army units killed 12 militants near Palmyra on Sunday, a military source said."),
}


@pytest.fixture(scope="module")
def stories(tmp_path_factory) -> dict[str, list]:
    return mentions_of(tmp_path_factory.mktemp("claimants"), ARTICLES, published="2024-03-10")


@pytest.mark.parametrize("code, claimant, party", [
    ("BF", "Military source (Burkina Faso)", "Military Forces of Burkina Faso"),
    ("ML", "State media (Mali)", "Government of Mali"),
    ("SY", "Military source (Syria)", "Military Forces of Syria"),  # Syria's curated entry
])
def test_an_unnamed_official_source_is_the_story_countrys_own(code, claimant, party):
    reg = registry()
    word = "security sources" if "Military" in claimant else "state media"
    m = next(m for m in reg.find(f"{word} said") if m.actor.is_claimant)
    own = reg.specific(m.actor, code)
    assert own.name == claimant
    assert reg.party_of(own).name.startswith(party), reg.party_of(own).name


def test_a_burkina_faso_story_names_no_syrian_actor_and_no_party_fighting_itself(stories):
    ev = max(stories["burkina"], key=lambda m: m.fatalities or 0)
    assert ev.fatalities == 20 and ev.actor2.startswith("Military Forces of Burkina Faso"), ev.actor2
    names = [n for m in stories["burkina"] for n in (m.actor1, m.actor2) if n]
    assert not any("Syria" in n for n in names), names
    assert ev.actor1 is None or not ev.actor1.startswith("Military Forces of Burkina Faso"), ev.actor1


def test_syrian_news_keeps_the_curated_syrian_claimant(stories):
    ev = max(stories["syria"], key=lambda m: m.fatalities or 0)
    assert ev.fatalities == 12 and ev.actor1 == "Military Forces of Syria (2000-2024)", (ev.actor1, ev.actor2)
