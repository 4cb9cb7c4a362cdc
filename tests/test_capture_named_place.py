"""A capture of a named place is a territory change without a word like "town" or "area" ("seized most of Aleppo",
"Palmyra was captured", "Goma fell to the rebels"; selection._place_taken), and the group leading the subject is its
agent ("rebels led by Hayat Tahrir al-Sham"; lexicon.yaml leader_verbs), not a backer ("backed by Rwanda").
Articles written for this test."""
from __future__ import annotations

import pytest
from conftest import mentions_of

ARTICLES = {
    "led_by": ("Rebels seize Aleppo",
               "Syrian rebels led by Hayat Tahrir al-Sham seized most of Aleppo on Saturday, a war monitor said, in a "
               "lightning offensive that caught the army off guard."),
    "passive": ("Palmyra captured",
                "Palmyra was captured by Islamic State fighters on Wednesday after a week of fighting with Syrian "
                "government forces, a monitor said."),
    "backed_by": ("Rebels seize Goma",
                  "M23 rebels backed by Rwanda captured Goma in eastern Democratic Republic of Congo on Monday, "
                  "residents said."),
    "stormed": ("Protesters storm parliament",
                "Thousands of protesters stormed parliament in Nairobi on Tuesday and police fired tear gas at them, "
                "witnesses said."),
}


@pytest.fixture(scope="module")
def mentions(tmp_path_factory) -> dict:
    return mentions_of(tmp_path_factory.mktemp("capture"), ARTICLES, published="2024-12-01")


def _capture(ms):
    return next((m for m in ms if m.sub_event_type == "Non-state actor overtakes territory"), None)


def test_the_group_leading_the_subject_seizes_the_named_city(mentions):
    m = _capture(mentions["led_by"])
    assert m is not None and (m.actor1, m.location_text) == ("Hayat Tahrir al Sham", "Aleppo"), [
        (x.sub_event_type, x.actor1, x.actor2) for x in mentions["led_by"]]


def test_a_named_place_captured_in_the_passive(mentions):
    m = _capture(mentions["passive"])
    assert m is not None and m.location_text == "Palmyra", [(x.sub_event_type, x.actor1) for x in mentions["passive"]]


def test_a_backer_is_no_agent(mentions):
    m = _capture(mentions["backed_by"])
    assert m is not None and m.actor1 == "M23: March 23 Movement", [(x.sub_event_type, x.actor1, x.actor2)
                                                                    for x in mentions["backed_by"]]


def test_a_place_that_only_locates_the_object_is_no_capture(mentions):
    assert _capture(mentions["stormed"]) is None and not any(
        m.sub_event_type == "Government regains territory" for m in mentions["stormed"]), [
        (x.sub_event_type, x.actor1) for x in mentions["stormed"]]
