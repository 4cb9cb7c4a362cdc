"""Words of everyday English, initialisms and words of a longer name are not what they spell alone: an actor's English rendering
with its article ("The Family" for La Familia) names it only when capitalised (scripts/build_ucdp_actors.py), and a
place's name inside an organisation's or a building's name ("the Eagle View Mobile Home Park") is not that place
(``places.recognise._mid_name``)."""
from __future__ import annotations

import datetime as dt

from sitrep.actors import registry
from sitrep.annotate import english
from sitrep.ingest import doc_id_for
from sitrep.models import DocMeta, RawDocument
from sitrep.pipeline import process
from sitrep.places.recognise import recognise


def test_an_everyday_phrase_is_no_group_but_the_group_written_as_a_name_is():
    reg = registry()
    family = "The family of a 17-year-old shot and killed by a police officer has hired an attorney."
    assert "La Familia" not in {m.actor.name for m in reg.find(family)}
    assert "La Familia" in {m.actor.name for m in reg.find("The Family claimed the killing of two officers.")}
    assert "La Familia" in {m.actor.name for m in reg.find("La Familia gunmen killed two police officers.")}


def _places(text: str) -> list[str]:
    doc = english()(text)
    others = [(e.start_char, e.end_char, e.label_) for e in doc.ents]
    return [m.text for m in recognise(text, others=others)]


def test_a_place_name_inside_an_organisation_name_is_not_the_place():
    assert "Mobile" not in _places("Officers went to his home in the Eagle View Mobile Home Park to serve a warrant.")
    assert "Aleppo" in _places("He was taken to the University of Aleppo hospital.")  # "of" a place: the place


def test_a_story_in_a_mobile_home_park_is_not_placed_in_mobile_alabama():
    text = ("Teen shot by officer had a game controller, family says\n\n"
            "The family of a 17-year-old shot and killed by a Dalton police officer has hired an attorney; he held a game "
            "controller, not a gun.\n\n"
            "Officers came to the door of his home in the Eagle View Mobile Home Park on Friday night to serve a "
            "warrant. The officer fired once, striking him in the chest, the family's lawyer said.")
    raw = RawDocument(doc_id=doc_id_for("txt", text), path="story.txt", kind="txt", content=text,
                      meta=DocMeta(published=dt.date(2014, 2, 17)))
    ms = process(raw).mentions
    assert ms
    assert all(m.admin1 != "Alabama" for m in ms)
    assert all(m.actor1 != "La Familia" and m.actor2 != "La Familia" for m in ms)


def test_an_initialism_is_a_place_only_as_the_acronym_list_writes_it():
    def places(text):
        return {m.text: [c.place.name for c in m.candidates] for m in recognise(text, others=[])}

    assert "IU" not in places("The boy was taken to IU Health Methodist Hospital in Indianapolis.")
    assert places("He moved to the USA in 2010.")["USA"] == ["United States"]  # not Usha, Israel
    assert places("Fighting in the CAR killed 10 people.")["CAR"] == ["Central African Republic"]
    assert "RSF" not in places("The RSF attacked El Fasher on Sunday.")

