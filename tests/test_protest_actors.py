"""ACLED codes the protesters as actor 1 of every Protests event, whoever acts on them as actor 2; that holds when
the story model retypes an event into a Protests sub-type (extract/story.py `protesters_first`), and the note then
says the force was used on them (extract/finish.py). Article written for this test."""
from __future__ import annotations

import pytest
from conftest import mentions_of


TITLE = "Kenyan police fire tear gas at protesters in Nairobi"
BODY = ("Kenyan police fired tear gas and live rounds at thousands of protesters who stormed parliament in Nairobi on "
        "Tuesday, killing at least five people, according to Amnesty International. The demonstrators were protesting "
        "against proposed tax increases.")


@pytest.fixture(scope="module")
def mentions(tmp_path_factory) -> list:
    return mentions_of(tmp_path_factory.mktemp("protests"), {"ke": (TITLE, BODY)}, published="2024-06-25")["ke"]


def test_every_protests_event_has_the_protesters_as_actor_1(mentions):
    protests = [m for m in mentions if m.event_type == "Protests"]
    assert any(m.fatalities == 5 for m in protests), [(m.sub_event_type, m.fatalities) for m in mentions]
    assert all((m.actor1 or "").startswith("Protesters") for m in protests), [(m.actor1, m.actor2) for m in protests]


def test_the_note_says_the_force_was_used_on_the_protesters(mentions):
    forced = [m for m in mentions if m.sub_event_type == "Excessive force against protesters"]
    assert forced and all("Protesters (Kenya) were met with force by Police Forces of Kenya" in m.notes
                          for m in forced), [m.notes for m in forced]


def test_a_protest_whose_crowd_is_named_by_its_nationality_has_the_countrys_protesters(tmp_path):
    ms = mentions_of(tmp_path, {"il": ("Thousands protest in Tel Aviv against judicial overhaul",
                                       "Tens of thousands of Israelis protested in Tel Aviv on Saturday against the "
                                       "government's plans to overhaul the judiciary, for the tenth week in a row.")},
                     published="2023-03-12")["il"]
    protests = [m for m in ms if m.event_type == "Protests"]
    assert protests and all(m.actor1 == "Protesters (Israel)" for m in protests), [(m.actor1, m.actor2) for m in ms]
