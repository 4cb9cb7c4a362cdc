"""Words any country uses of its own forces ("the regime", "government air strikes", "a government assault", "the
air force") sit on Syria's curated entries (data/actors.yaml ``elsewhere``): in Syrian news they stay Syria's, in
another country's news they name that country's own forces. Articles written for these tests (Sudan, Myanmar,
Syria); each end-to-end check failed before (Sudan's and Myanmar's were "Military Forces of Syria (2000-2024)",
Syria's "government assault" had no actor)."""
from __future__ import annotations

import pytest
from conftest import mentions_of

from sitrep.actors import registry

ARTICLES = {
    "sudan": ("Government air strikes kill 12 in Darfur",
              "Government air strikes killed 12 civilians in Nyala in Sudan's South Darfur state on Monday, residents "
              "said."),
    "myanmar": ("Regime offensive kills 9 in Myanmar",
                "A regime offensive on villages in Myanmar's Sagaing region killed nine civilians on Monday, residents "
                "said."),
    "syria": ("Government assault kills 20 in Idlib",
              "A government assault on the town of Saraqeb in Syria's Idlib province killed 20 civilians on Monday, "
              "the Observatory said."),
}


@pytest.fixture(scope="module")
def stories(tmp_path_factory) -> dict[str, list]:
    return mentions_of(tmp_path_factory.mktemp("state_words"), ARTICLES, published="2024-05-06")


@pytest.mark.parametrize("key, force, victims", [
    ("sudan", "Military Forces of Sudan", "Civilians (Sudan)"),
    ("myanmar", "Military Forces of Myanmar", "Civilians (Myanmar)"),
    ("syria", "Military Forces of Syria (2000-2024)", "Civilians (Syria)"),
])
def test_the_governments_forces_are_the_story_countrys(stories, key, force, victims):
    ev = max(stories[key], key=lambda m: m.fatalities or 0)
    assert ev.actor1 and ev.actor1.startswith(force), ev.actor1
    assert ev.actor2 == victims, ev.actor2


@pytest.mark.parametrize("words, country, actor", [
    ("the regime", "SY", "syria_military"),
    ("the regime", "MM", "generic_military@MM"),
    ("government forces", "SD", "generic_military@SD"),
    ("the air force", "SY", "syria_air_force"),
    ("the air force", "UA", "generic_military@UA"),
    ("Syrian warplanes", "LB", "syria_military"),  # a name with its country stays that country's
])
def test_the_words_resolve_by_the_story_country(words, country, actor):
    reg = registry()
    m = reg.find(f"{words} attacked the town")[0]
    assert reg.specific(m.actor, country, weak=m.weak, words=m.text).id == actor
