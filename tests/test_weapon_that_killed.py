"""The weapon named as what killed ("killed by stray bullets", "shot dead with a rifle") is no Disrupted weapons use
of its own: one event, the killing (selection._instrument_of_death). A weapons cache seized still is one. Articles
written for this test."""
from __future__ import annotations

import pytest
from conftest import mentions_of

ARTICLES = {
    "bullets": ("Civilians killed in Ethiopian town",
                "Fano militiamen seized the town of Debre Tabor in Ethiopia's Amhara region on Thursday after the "
                "federal army withdrew, residents said. Residents said several civilians were killed by stray "
                "bullets."),
    "cache": ("Police seize weapons cache",
              "Police seized a cache of rifles and ammunition in the town of Debre Tabor in Ethiopia's Amhara region "
              "on Thursday, officials said."),
}


@pytest.fixture(scope="module")
def mentions(tmp_path_factory) -> dict:
    return mentions_of(tmp_path_factory.mktemp("weapon"), ARTICLES, published="2024-04-05")


def test_the_weapon_that_killed_is_no_event_of_its_own(mentions):
    assert "Disrupted weapons use" not in [m.sub_event_type for m in mentions["bullets"]], [
        (m.sub_event_type, m.actor1) for m in mentions["bullets"]]


def test_a_seized_cache_is_still_disrupted_weapons_use(mentions):
    assert "Disrupted weapons use" in [m.sub_event_type for m in mentions["cache"]]
