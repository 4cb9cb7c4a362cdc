"""Victims told without a number (issue 15, GVC's killed count): the patient of a killing word counted from the
words of data/victims.yaml on the real parse ("a teenage boy was fatally shot" = 1, "a couple" = 2, "no one" = 0),
and how such a count reaches the event (it adds a figure, never makes an event of its own)."""
from __future__ import annotations

import pytest
import yaml

from sitrep.annotate import english
from sitrep.extract import numbers
from sitrep.ingest import doc_id_for
from sitrep.models import DocMeta, RawDocument
from sitrep.pipeline import process
from sitrep.resources import data_path, load_yaml


def killed(sentence: str) -> list:
    return [c.value for c in numbers.find(english()(sentence)) if c.kind == "killed"]


def injured(sentence: str) -> list:
    return [c.value for c in numbers.find(english()(sentence)) if c.kind == "injured"]


@pytest.mark.parametrize("sentence,value", [
    ("A 14-year-old girl has been fatally shot in a St. Louis neighborhood.", 1),
    ("A 14-year-old boy accidentally shot and killed his 9-year-old brother on Saturday.", 1),
    ("Authorities said Hayden died after being shot near his home.", 1),
    ("Teen dies of accidental self-inflicted gunshot wound", 1),
    ("Police say the man was taken to a hospital and died a short time later.", 1),
    ("The owner of a gun shop was killed after an accidental shooting, authorities said.", 1),
    ("A couple was shot dead in their home.", 2),
    ("Police say the suspect shot and killed his girlfriend and her mother.", 2),
    ("He was stabbed to death outside a bar.", 1),
])
def test_an_unnumbered_victim_is_counted(sentence, value):
    assert killed(sentence) == [value]


def test_no_one_is_zero_not_one():
    assert injured("No one else was injured in the incident.") == [0]
    assert killed("Nobody was killed in the blast.") == [0]


def test_plurals_collectives_and_things_are_no_count_of_one():
    assert killed("Several people were killed.") in ([None], [])
    assert killed("He shot his family.") == []  # no killing word
    assert killed("The gunman killed the family.") == []  # a collective is not one person
    assert killed("The attack killed the soldiers.") == []  # a plural without a number


def test_one_person_told_twice_in_one_sentence_counts_once():
    # a headline run into its lead: the teen and the boy are one victim
    s = ("Police: Teen accidentally shot in head on Northwest Side A 15-year-old boy was shot in the head and killed "
         "in an apparent accident.")
    assert killed(s) == [1]
    assert killed("A teen accused of fatally shooting her older brother was back in court.") == [1]


def test_numbers_still_win_and_add_up():
    assert killed("Two men were killed and a woman was wounded.") == [2]
    assert killed("A man, two women and a small child were killed Saturday, police said.") == [4]


def test_the_words_are_data(tmp_path, monkeypatch):
    """Removing a noun from data/victims.yaml removes its count: the list, not the code, decides."""
    data = yaml.safe_load(data_path("victims.yaml").read_text(encoding="utf-8"))
    assert "victim" in data["person_nouns"]
    assert killed("The victim was killed on Sunday.") == [1]
    data["person_nouns"] = [w for w in data["person_nouns"] if w != "victim"]
    (tmp_path / "victims.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")
    monkeypatch.setenv("SITREP_DATA_DIR", str(tmp_path))  # only victims.yaml is overridden
    load_yaml.cache_clear()
    numbers.victim_words.cache_clear()
    try:
        assert killed("The victim was killed on Sunday.") == []
    finally:
        monkeypatch.delenv("SITREP_DATA_DIR")
        load_yaml.cache_clear()
        numbers.victim_words.cache_clear()
    assert killed("The victim was killed on Sunday.") == [1]


def mentions(text: str, title: str = ""):
    raw = RawDocument(doc_id=doc_id_for("txt", title + text), path="story.txt", kind="txt", content=text,
                      meta=DocMeta(title=title or None))
    return process(raw).mentions


def test_a_death_told_apart_joins_the_story_event():
    """'He died at a hospital' has no event word: its one victim is the story event's figure, and its hospital is
    not the event's place."""
    text = ("A 20-year-old man was shot in the head at a home on Bell Ferry Road in Rome on Friday, police said. "
            "Detectives are investigating the shooting.\n\n"
            "He died at a hospital in Atlanta on Sunday.")
    ms = mentions(text)
    news = [m for m in ms if m.factuality == "reported"]
    assert news and max(m.fatalities or 0 for m in news) == 1
    assert all(m.location_text != "Atlanta" for m in news)
    assert len(ms) == len(mentions(text.replace("He died at a hospital in Atlanta on Sunday.", "")))


def test_a_death_told_alone_makes_no_event():
    assert mentions("He died at a hospital on Sunday, his family said.") == []


@pytest.mark.parametrize("sentence,value", [
    ("NYPD: Man shot his family, killing 3, then killed himself", 4),
    ("A woman killed her daughter and two young grandchildren before turning the gun on herself.", 4),
    ("Two boys killed, father commits suicide following Amber Alert", 3),
])
def test_the_killers_own_death_adds_to_the_victims(sentence, value):
    assert killed(sentence) == [value]


def test_a_death_by_ones_own_hand_alone_is_one():
    assert killed("A four-year-old boy fatally shot himself at a home on Saturday morning.") == [1]
    assert killed("A woman turned the gun on herself.") == []  # no victim beside her: nothing to add to


def test_a_reduced_passive_and_a_surname_tagged_as_a_noun():
    assert killed("A teenage boy fatally shot Saturday afternoon has been identified as Deandre Banks.") == [1]
    assert killed("Seichter was shot and killed on Dec. 15.") == [1]


@pytest.mark.parametrize("sentence,value", [
    ("An airstrike of the coalition has claimed the lives of eight civilians in the city.", 8),
    ("Two blasts near the cemetery claimed the lives of at least 40 people and injured 120 others.", 40),
    ("The battle cost the lives of 30 regime forces and 29 insurgents.", 59),
    ("The strike took 20 lives.", 20),
    ("Twenty people lost their lives in the attack.", 20),
    ("The blast claimed the lives of a man and a woman.", 2),
    ("Terrorist Attacks in Aleppo Claim 20 Martyrs", 20),  # a title-case plural read as a proper noun
])
def test_a_killing_told_through_lives(sentence, value):
    assert killed(sentence) == [value]


def test_saved_lives_and_claimed_attacks_are_no_deaths():
    assert killed("Doctors saved the lives of 20 people.") == []
    assert killed("The group claimed 20 attacks last month.") == []


def test_the_life_verbs_are_data(tmp_path, monkeypatch):
    data = yaml.safe_load(data_path("victims.yaml").read_text(encoding="utf-8"))
    assert killed("The strike claimed the lives of eight civilians.") == [8]
    data["life_taking_verbs"] = [w for w in data["life_taking_verbs"] if w != "claim"]
    (tmp_path / "victims.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")
    monkeypatch.setenv("SITREP_DATA_DIR", str(tmp_path))
    load_yaml.cache_clear()
    numbers.victim_words.cache_clear()
    try:
        assert killed("The strike claimed the lives of eight civilians.") == []
    finally:
        monkeypatch.delenv("SITREP_DATA_DIR")
        load_yaml.cache_clear()
        numbers.victim_words.cache_clear()
