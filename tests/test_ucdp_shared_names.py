"""A name UCDP gives groups of different countries ("ELN", "National Liberation Army": Bolivia, Colombia, Peru)
names each group where the text names its country (scripts/build_ucdp_actors.py, `context_aliases`); before, the
build dropped every shared name, so Colombia's ELN was unknown and its attack had no actor."""
from __future__ import annotations

import pytest
from conftest import mentions_of

from sitrep.actors import registry


@pytest.mark.parametrize("text, name_country", [
    ("Two Colombian soldiers were killed by the ELN in Arauca.", "CO"),
    ("The ELN attacked a police post in Bolivia.", "BO"),
    ("Colombia's National Liberation Army released two hostages.", "CO"),
])
def test_a_shared_name_is_the_group_of_the_country_the_text_names(text, name_country):
    got = [m.actor for m in registry().find(text) if m.actor.id.startswith("ucdp_")]
    assert [(a.name, a.country) for a in got] == [("ELN: National Liberation Army", name_country)], got


def test_a_shared_name_without_its_country_names_no_group():
    assert not [m for m in registry().find("The ELN said it would free the hostages.") if m.actor.id.startswith("ucdp_")]


def test_the_colombian_attack_has_its_actor(tmp_path):
    ms = mentions_of(tmp_path, {"co": (
        "Colombian soldiers killed in ELN attack",
        "Two Colombian soldiers were killed and eight wounded in an attack with explosives by ELN rebels on a "
        "military base in Cesar department on Tuesday, the army said.")}, published="2023-08-02")["co"]
    main = next(m for m in ms if m.fatalities == 2)
    assert main.actor1 == "ELN: National Liberation Army", (main.actor1, main.actor2)
