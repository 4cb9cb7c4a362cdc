"""The registry holds every name the UCDP Actor Dataset (22.1) gives the Syrian war's main groups: each resolves to
the curated entry whose ACLED name the exports use, not to the generated UCDP entry nor to nothing. Real registry,
real data files; the names are checked against the shared UCDP list where it is on this machine."""
from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from sitrep.actors import registry

UCDP = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "ucdp-actor-221.csv"

# UCDP ActorId -> (curated registry id, the UCDP names of the actor that must resolve to it)
EXPECTED = {
    "234": ("is", ["IS", "ISIS", "Islamic State", "Islamic State in Iraq and al-Sham", "al-Dawla al-Islamiyya",
                   "al-Dawla al-Islamiya fi al-Iraq wa al-Sham"]),
    "1170": ("nusra", ["Jabhat al-Nusra li al-Sham", "Support Front for the People of Syria"]),
    "6037": ("jund_al_aqsa", ["Liwa al-Aqsa", "Jund al-Aqsa", "Soldiers of al-Aqsa", "Banner of al-Aqsa"]),
    "6815": ("hts", ["HTS", "Hay’at Tahrir al-Sham", "Organization for the Liberation of the Levant"]),
    "6288": ("sdf", ["SDF", "Syrian Democratic Forces"]),
    "1130": ("fsa", ["FSA", "Free Syrian Army"]),
}


def _whole(name: str):
    text = f"{name} attacked the town"
    hits = [m for m in registry().find(text, context="Syria") if m.end == len(name)]
    return hits[0].actor.id if hits else None


@pytest.mark.parametrize("actor_id, expected", EXPECTED.items(), ids=list(EXPECTED))
def test_every_ucdp_name_of_a_syrian_war_group_resolves_to_its_curated_entry(actor_id, expected):
    curated, names = expected
    got = {n: _whole(n) for n in names}
    assert got == {n: curated for n in names}


@pytest.mark.skipif(not UCDP.exists(), reason="the shared UCDP actor list is not on this machine")
def test_the_checked_names_are_ucdps_own():
    rows = {r["ActorId"]: r for r in csv.DictReader(open(UCDP, encoding="utf-8-sig"))}
    for actor_id, (_curated, names) in EXPECTED.items():
        r = rows[actor_id]
        fields = [r["NameData"], r["NameOrig"], r["NameOrigFull"], r["NameOrigFullEng"]]
        for k in ("NewName", "NewNameFullMotherTongue", "NewNameFullEng"):
            fields += re.split(r",\s*", r[k] or "")
        held = {f.strip().lower().removeprefix("the ") for f in fields}
        missing = [n for n in names if n.lower() not in held and n not in ("ISIS", "Islamic State")]
        assert not missing, (actor_id, missing)


@pytest.mark.parametrize("name, expected", [
    ("Russian Aerospace Force", "russia_military"), ("Russian VKS", "russia_military"),
    ("Washington-led coalition", "coalition"), ("Fateh al-Sham", "jfs"), ("Fatah al Sham", "jfs"),
])
def test_wire_spellings_of_the_war_s_parties(name, expected):
    assert _whole(name) == expected


def test_a_us_backed_coalition_is_not_taken_for_the_anti_isis_coalition():
    # "a US-backed coalition of Kurdish and Arab fighters" is how wires describe the SDF
    assert _whole("US-backed coalition") != "coalition"


@pytest.mark.parametrize("text, phrase, name", [
    ("a Russian guided aerial bomb struck a house", "Russian guided aerial bomb", "Military Forces of Russia (2000-)"),
    ("Turkish armed drones hit a car", "Turkish armed drones", "Military Forces of Turkey (2016-)"),
    ("Iraqi security forces arrested 12 suspects", "Iraqi security forces", "Military Forces of Iraq {period}"),
])
def test_a_demonym_names_its_forces_across_the_weapons_own_modifiers(text, phrase, name):
    """The first words of the listed weapon phrases ("guided bomb", "aerial bomb", "armed drone") may stand between
    the demonym and the weapon (data/actors.yaml military_nouns); a listed phrase itself is read first."""
    from sitrep.actors import registry

    found = [(m.text, m.actor.name) for m in registry().find(text) if m.actor.type == "state_forces"]
    assert found == [(phrase, name)]
