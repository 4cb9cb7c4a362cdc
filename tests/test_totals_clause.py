"""A sentence whose only toll is a running total still tells the strike outside the total's own clause ("A
missile struck the hospital on Monday, part of a wave of attacks across the country that killed at least 41"):
the strike is an event and the total none of its figures; a sentence whose own verb tells the total tells no event
(extract/selection.py _totals_scope). Articles written for this test."""
from __future__ import annotations

import pytest
from conftest import mentions_of

ARTICLES = {
    "wave": ("Missile hits children's hospital",
             "A Russian missile struck the largest children's hospital in Kyiv on Monday, part of a wave of attacks "
             "across the country that killed at least 41 civilians, officials said."),
    "total": ("War toll",
              "The war has killed more than 41,000 people across the country since it began, officials said."),
}


@pytest.fixture(scope="module")
def mentions(tmp_path_factory) -> dict:
    return mentions_of(tmp_path_factory.mktemp("totals"), ARTICLES, published="2024-07-08")


def test_the_strike_beside_a_running_total_is_an_event_without_the_total(mentions):
    strikes = [m for m in mentions["wave"] if m.factuality == "reported"]
    assert [(m.sub_event_type, m.location_text, m.fatalities) for m in strikes] == [
        ("Shelling/artillery/missile attack", "Kyiv", None)], [(m.sub_event_type, m.fatalities) for m in strikes]


def test_a_sentence_telling_only_the_total_tells_no_event(mentions):
    assert not [m for m in mentions["total"] if m.factuality == "reported"]
