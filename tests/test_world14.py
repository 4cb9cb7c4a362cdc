"""Stories from other wars, session 14 (docs/EVALUATION.md "Other wars", session 14, branch `wars14`).

Each test is one class of fault seen in a wire-style story (tests/fixtures/world/wars14.jsonl) and fails on main
before its fix: an armed group's killing of soldiers or police is a battle, never violence against civilians; a
party's word is a claim about its own fight and a report of anyone else's; the dead's opponents ("killed in fighting
with X") lead the battle; the other party's account of the same fight, and a battle's toll told before its two sides,
are one event; Mali's Azawad rebels and Colombia's armed groups are named.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from sitrep.actors import registry
from sitrep.ingest import read_paths
from sitrep.pipeline import process

WORLD = Path(__file__).parent / "fixtures" / "world"


@pytest.fixture(scope="module")
def stories() -> dict[str, list]:
    paths = [str(WORLD / "wars14.jsonl"), str(WORLD / "wars13.jsonl")]
    return {raw.path.rsplit("#", 1)[1]: process(raw).mentions for raw in read_paths(paths)}


def kinds(events) -> list[tuple]:
    return [(e.sub_event_type, e.actor1, e.actor2, e.factuality, e.fatalities) for e in events]


# -- an armed group's killing of soldiers or police is a battle -----------------------------------------------------

@pytest.mark.parametrize("key, attacker, target", [
    ("shabaab", "Al Shabaab", "Military Forces of Somalia (2022-)"),
    ("clan_golfo", "AGC: Gaitanist Self-Defence Forces of Colombia (Clan del Golfo)",
     "Police Forces of Colombia (2022-)"),
])
def test_gunmen_who_shot_dead_soldiers_or_police_fought_a_battle(stories, key, attacker, target):
    events = stories[key]
    assert [(e.sub_event_type, e.actor1, e.actor2) for e in events] == [("Armed clash", attacker, target)], kinds(
        events)


# -- who says: a party's word on another's fight is a report ----------------------------------------------------------

def test_police_reporting_an_attack_on_soldiers_report_it(stories):
    assert [e.factuality for e in stories["shabaab"]] == ["reported"], kinds(stories["shabaab"])



# -- the other side of the dead ---------------------------------------------------------------------------------------

def test_soldiers_killed_in_fighting_with_a_group_were_fighting_that_group(stories):
    events = stories["emc"]
    assert [(e.actor1, e.actor2) for e in events] == [
        ("EMC: Central General Staff (FARC dissidents)", "Military Forces of Colombia (2022-)")], kinds(events)


# -- one fight, one event ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("key, dead, country", [("burkina_jnim", 20, "Burkina Faso"), ("mali_fla", 12, "Mali")])
def test_the_armys_account_of_the_rebels_attack_is_the_same_fight(stories, key, dead, country):
    events = stories[key]
    assert len(events) == 1 and events[0].fatalities == dead, kinds(events)
    assert f"Unidentified Armed Group ({country})" not in [events[0].actor2, *events[0].assoc_actor_2], kinds(events)


def test_a_battles_toll_told_before_its_two_sides_is_one_clash(stories):
    battles = [e for e in stories["libya"] if e.event_type == "Battles"]
    assert [(e.actor1, e.actor2, e.fatalities) for e in battles] == [
        ("444 Brigade", "Special Deterrence Force", 55)], kinds(stories["libya"])


def test_no_associated_actor_repeats_a_main_actor_or_itself(stories):
    for key, events in stories.items():
        for e in events:
            for assoc in (e.assoc_actor_1, e.assoc_actor_2):
                assert len(assoc) == len(set(assoc)) and not {e.actor1, e.actor2} & set(assoc), (key, kinds([e]),
                                                                                                  e.assoc_actor_2)


# -- actors of these wars (data/actors_world.yaml) --------------------------------------------------------------------

def test_malis_azawad_rebels_are_named(stories):
    assert [e.actor1 for e in stories["mali_csp"]] == [
        "CSP-DPA: Permanent Strategic Framework for the Defence of the People of Azawad"], kinds(stories["mali_csp"])
    assert [e.actor1 for e in stories["mali_fla"]] == ["FLA: Azawad Liberation Front"], kinds(stories["mali_fla"])
    reg = registry()
    assert reg.resolved(reg.get("csp_dpa"), dt.date(2025, 3, 1)).id == "fla"  # merged into the FLA, Nov 2024


def test_colombias_armed_groups_are_named(stories):
    assert "Segunda Marquetalia (FARC dissidents)" in {stories["marquetalia"][0].actor1,
                                                        stories["marquetalia"][0].actor2}, kinds(stories["marquetalia"])
    reg = registry()
    found = lambda text: [m.actor.id for m in reg.find(text)]  # noqa: E731
    assert "emc" in found("Fighters of the Jaime Martinez front attacked a police station in Cauca.")
    assert "clan_del_golfo" in found("The Gulf Clan, which calls itself the EGC, denied it.")
