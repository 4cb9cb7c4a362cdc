"""The kind of a story's event, read where the story tells it (articles written for these tests, wire style):
- the means that is the subject of the killing verb is the event's kind, also when the parser reads the gerund as
  a clause or the dateline as the subject ("EL FASHER, Sudan, May 12 (Reuters) - Shelling by the RSF killed 14
  civilians ..., as fighting ... entered its third week": shelling, not the clash of the subordinate clause;
  extract/figures.py `kills`);
- one sentence's two events of one kind at one place are one event carrying the toll once the story model retypes
  one into the other's kind (extract/story.py `absorb_same_kind`), and the event's summary tells the kind and
  actors the story model chose (`_summary_again`)."""
from __future__ import annotations

import pytest
from conftest import mentions_of

SUDAN = ("Shelling kills 14 civilians in El Fasher",
         "EL FASHER, Sudan, May 12 (Reuters) - Shelling by the Rapid Support Forces killed 14 civilians in El Fasher on "
         "Sunday, as fighting with the army entered its third week, local activists said.")
KENYA = ("Kenyan police fire tear gas at protesters in Nairobi",
         "Kenyan police fired tear gas and live rounds at thousands of protesters who stormed parliament in Nairobi on "
         "Tuesday, killing at least five people, according to Amnesty International. The demonstrators were protesting "
         "against proposed tax increases.")


@pytest.fixture(scope="module")
def stories(tmp_path_factory) -> dict:
    return mentions_of(tmp_path_factory.mktemp("kinds"), {"sd": SUDAN, "ke": KENYA}, published="2024-05-13")


def test_the_means_that_killed_is_the_kind_for_the_rules_alone(tmp_path, monkeypatch):
    monkeypatch.setenv("SITREP_STORY_MODEL", "none")
    ms = mentions_of(tmp_path, {"sd": SUDAN}, published="2024-05-13")["sd"]
    toll = [m for m in ms if m.fatalities == 14]
    assert [m.sub_event_type for m in toll] == ["Shelling/artillery/missile attack"], \
        [(m.sub_event_type, m.fatalities) for m in ms]


def test_the_shelling_story_says_shelled(stories):
    toll = [m for m in stories["sd"] if m.fatalities == 14]
    assert len(toll) == 1 and toll[0].sub_event_type == "Shelling/artillery/missile attack"
    assert "shelled" in toll[0].notes and "clashed" not in toll[0].notes, toll[0].notes


def test_one_sentence_one_kind_one_event_with_the_toll(stories):
    forced = [m for m in stories["ke"] if m.sub_event_type == "Excessive force against protesters"]
    assert [m.fatalities for m in forced] == [5], [(m.sub_event_type, m.fatalities) for m in stories["ke"]]
    assert "clashed" not in forced[0].notes and "were met with force by" in forced[0].notes, forced[0].notes


def test_a_bomb_that_had_gone_off_is_an_explosive_device(tmp_path):
    # the trigger phrases are matched word for word: "bomb go off" did not meet the perfect "the bomb had gone off"
    ms = mentions_of(tmp_path, {"bd": ("Woman killed on bus near Baidoa",
                                       "A woman was killed and 25 others were wounded on a bus near Baidoa on Saturday, "
                                       "police said. The bomb had gone off as the bus left the market.")},
                     published="2024-05-13")["bd"]
    assert "Remote explosive/landmine/IED" in {m.sub_event_type for m in ms}, [m.sub_event_type for m in ms]
