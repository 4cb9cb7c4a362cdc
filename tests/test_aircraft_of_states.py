"""Aircraft are flown by states (extract/document.py aircraft_of_states; lexicon.yaml air_capable_types,
drone_words): an air strike told without a drone whose actor 1 is a non-state actor had it as its target."""
from __future__ import annotations

from sitrep.actors import registry
from sitrep.extract.document import aircraft_of_states
from sitrep.extract.records import Draft


def _strike(text: str, actors1: list[str], actors2: list[str]) -> Draft:
    reg = registry()
    d = Draft(sub="Air/drone strike", event_type="Explosions/Remote violence", weight=0.9, trigger="air strikes",
              block=0, sent_start=0, sent_end=len(text), sent_text=text,
              actors1=[reg.get(a) for a in actors1], actors2=[reg.get(a) for a in actors2])
    d.sentences.append((0, len(text), text))
    return d


def test_a_non_state_actor_1_of_an_air_strike_was_its_target():
    d = _strike("The airstrikes came after IS dealt a blow to government forces.", ["is"], ["syria_military"])
    aircraft_of_states([d], "SY")
    assert [a.id for a in d.actors1] == ["syria_military"] and [a.id for a in d.actors2] == ["is"]


def test_with_no_state_actor_named_the_countrys_default_flies_it_where_the_data_gives_one():
    d = _strike("Air strikes hit the Islamic State group's capital.", ["is"], [])
    aircraft_of_states([d], "SY")
    assert [a.id for a in d.actors1] == ["syria_military"] and [a.id for a in d.actors2] == ["is"]
    other = _strike("Air strikes hit an ISWAP camp.", ["iswap"], [])
    aircraft_of_states([other], "NG")  # no default for Nigeria in the data: nothing invented
    assert [a.id for a in other.actors1] == ["iswap"]


def test_a_drone_strike_may_be_a_non_state_actors():
    d = _strike("A drone strike by the RSF hit the market.", ["rsf"], ["generic_military@SD"])
    aircraft_of_states([d], "SD")
    assert [a.id for a in d.actors1] == ["rsf"]
