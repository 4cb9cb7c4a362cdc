"""Talks suspended, abandoned, cancelled or postponed are no Agreement (lexicon.yaml non_event_governors): the
verb over the talks says they did not happen. Talks held are one. Articles written for this test."""
from __future__ import annotations

import pytest
from conftest import mentions_of

ARTICLES = {
    "suspended": ("Colombia suspends talks with ELN",
                  "President Gustavo Petro suspended peace talks with the National Liberation Army (ELN) on Friday, "
                  "accusing the rebels of war crimes in the Catatumbo region of Colombia."),
    "postponed": ("Sudan talks postponed",
                  "Mediators postponed ceasefire talks between Sudan's army and the Rapid Support Forces in Jeddah "
                  "on Monday, diplomats said."),
    "held": ("Colombia and ELN agree ceasefire",
             "The Colombian government and the National Liberation Army (ELN) agreed to a ceasefire in Havana on "
             "Friday, negotiators said."),
}


@pytest.fixture(scope="module")
def mentions(tmp_path_factory) -> dict:
    return mentions_of(tmp_path_factory.mktemp("talks"), ARTICLES, published="2025-01-18")


@pytest.mark.parametrize("key", ["suspended", "postponed"])
def test_talks_that_did_not_happen_are_no_agreement(mentions, key):
    assert not [m for m in mentions[key] if m.sub_event_type == "Agreement"], [
        (m.sub_event_type, m.actor1, m.actor2) for m in mentions[key]]


def test_talks_that_did_happen_are_an_agreement(mentions):
    assert [m.sub_event_type for m in mentions["held"]] == ["Agreement"], [
        (m.sub_event_type, m.actor1, m.actor2) for m in mentions["held"]]
