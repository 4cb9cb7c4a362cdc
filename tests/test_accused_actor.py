"""Who a verb of accusation names is the doer when the sentence names no agent of its own ("Drones struck Port
Sudan on Sunday, the army said, blaming the Rapid Support Forces": the RSF, not the army that said it;
roles.accused, lexicon.yaml accuse). Articles written for this test."""
from __future__ import annotations

import pytest
from conftest import mentions_of

ARTICLES = {
    "blaming": ("Drones hit Port Sudan",
                "Drones struck a fuel depot and the airport in Port Sudan on Sunday, the army said, blaming the Rapid "
                "Support Forces."),
    "named": ("RSF drones hit Port Sudan",
              "Rapid Support Forces drones struck a fuel depot in Port Sudan on Sunday, the army said."),
}


@pytest.fixture(scope="module")
def mentions(tmp_path_factory) -> dict:
    return mentions_of(tmp_path_factory.mktemp("accused"), ARTICLES, published="2025-05-04")


@pytest.mark.parametrize("key", ["blaming", "named"])
def test_the_accused_side_is_actor_1(mentions, key):
    strikes = [m for m in mentions[key] if m.sub_event_type == "Air/drone strike"]
    assert strikes and strikes[0].actor1 == "Rapid Support Forces", [(m.sub_event_type, m.actor1, m.actor2)
                                                                     for m in mentions[key]]
