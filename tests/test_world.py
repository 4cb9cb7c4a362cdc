"""Any war, not only Syria's (issue 14): short articles from other wars through the whole per-document pipeline.

Fixtures (tests/fixtures/world, written for these tests): Sudan, Ukraine, the Sahel (Burkina Faso), Gaza, Myanmar,
DR Congo and Kenya. Each test names what it checks: the actors' names as ACLED writes them, the actors' country
(the country in the name), the event's country and its sub-event type. None of them passes on a Syria-configured
Sitrep (every generic actor was Syrian there, and the RSF, JNIM, M23 and the junta unknown).
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from sitrep.actors import registry
from sitrep.country import countries, of_document, story_country
from sitrep.ingest import read_paths
from sitrep.pipeline import process

WORLD = Path(__file__).parent / "fixtures" / "world"


@pytest.fixture(scope="module")
def stories() -> dict[str, list]:
    return {raw.path.rsplit("#", 1)[1]: process(raw).mentions
            for raw in read_paths([str(WORLD / "wars.jsonl"), str(WORLD / "languages.jsonl")])}


def first(events, sub):
    got = [e for e in events if e.sub_event_type == sub]
    assert got, f"no {sub} among {[(e.sub_event_type, e.actor1, e.actor2) for e in events]}"
    return got[0]


def test_sudan_rsf_shelling_of_a_camp_names_the_rsf_and_sudanese_civilians_in_sudan(stories):
    ev = first(stories["sudan"], "Shelling/artillery/missile attack")
    assert (ev.actor1, ev.actor2, ev.country, ev.fatalities) == ("Rapid Support Forces", "Civilians (Sudan)", "SD", 12)


def test_sudan_saf_aircraft_are_military_forces_of_sudan_2019_in_an_air_strike_on_the_rsf(stories):
    ev = first(stories["sudan"], "Air/drone strike")
    assert (ev.actor1, ev.actor2, ev.country) == ("Military Forces of Sudan (2019-)", "Rapid Support Forces", "SD")


def test_ukraine_russian_guided_bomb_on_a_shop_is_an_air_strike_by_russia_on_ukrainian_civilians(stories):
    ev = stories["ukraine"][0]
    assert (ev.sub_event_type, ev.actor1, ev.actor2, ev.country) == (
        "Air/drone strike", "Military Forces of Russia (2000-)", "Civilians (Ukraine)", "UA")
    downed = first(stories["ukraine"], "Disrupted weapons use")
    assert downed.actor1 == "Military Forces of Ukraine (2019-)"


def test_sahel_jnim_attack_on_an_army_post_is_a_clash_with_burkina_fasos_military_not_al_qaeda(stories):
    ev = stories["sahel"][0]
    assert (ev.sub_event_type, ev.actor1, ev.actor2, ev.country) == (
        "Armed clash", "JNIM: Group for Support of Islam and Muslims", "Military Forces of Burkina Faso (2022-)", "BF")


def test_gaza_israeli_warplanes_strike_palestinian_civilians_in_palestine_with_israels_2022_government(stories):
    ev = first(stories["gaza"], "Air/drone strike")
    assert (ev.actor1, ev.actor2, ev.country) == ("Military Forces of Israel (2022-)", "Civilians (Palestine)", "PS")
    rockets = first(stories["gaza"], "Shelling/artillery/missile attack")
    assert rockets.actor1 == "Hamas Movement"


def test_myanmar_junta_air_strike_on_villagers_and_the_arakan_army_taking_a_town(stories):
    ev = first(stories["myanmar"], "Air/drone strike")
    assert (ev.actor1, ev.actor2, ev.country) == ("Military Forces of Myanmar (2021-)", "Civilians (Myanmar)", "MM")
    took = first(stories["myanmar"], "Non-state actor overtakes territory")
    assert took.actor1 == "AA: Arakan Army"


def test_congo_m23_clash_with_the_congolese_army_names_drc_forces_the_acled_way(stories):
    ev = stories["congo"][0]
    assert (ev.sub_event_type, ev.actor1, ev.actor2, ev.country) == (
        "Armed clash", "M23: March 23 Movement",
        "Military Forces of the Democratic Republic of Congo (2019-)", "CD")


def test_kenya_tear_gas_on_marchers_is_a_protest_with_intervention_protesters_first_then_kenyan_police(stories):
    ev = stories["kenya"][0]
    assert (ev.sub_event_type, ev.actor1, ev.actor2, ev.country) == (
        "Protest with intervention", "Protesters (Kenya)", "Police Forces of Kenya (2022-)", "KE")


def test_rsf_in_a_press_freedom_story_is_not_the_rapid_support_forces(stories):
    names = {n for e in stories["press"] for n in (e.actor1, e.actor2) if n}
    assert "Rapid Support Forces" not in names
    assert all("Syria" not in n for n in names)


def test_no_story_outside_syria_names_a_syrian_actor(stories):
    for key, events in stories.items():
        for e in events:
            assert "Syria" not in (e.actor1 or "") + (e.actor2 or ""), (key, e.actor1, e.actor2)


def test_french_and_arabic_articles_give_no_events_and_the_document_says_why(stories, tmp_path):
    assert stories["fr"] == [] and stories["ar"] == []
    import json
    import subprocess
    import sys

    db = tmp_path / "lang.db"
    sitrep = [str(Path(sys.executable).parent / "sitrep")]
    subprocess.run(sitrep + ["run", str(WORLD / "languages.jsonl"), "--db", str(db), "-q"], check=True)
    out = subprocess.run(sitrep + ["export", "documents", "--db", str(db), "--format", "jsonl"], check=True,
                         capture_output=True, text=True).stdout
    docs = {d["path"].rsplit("#", 1)[1]: d for d in map(json.loads, out.splitlines())}
    assert docs["fr"]["language"] == "fr" and "English text only" in docs["fr"]["notes"]
    assert docs["ar"]["language"] == "ar" and "no events" in docs["ar"]["notes"]


# -- the registry and the countries, on their own ----------------------------------------------------------------

def test_state_labels_follow_the_government_of_the_events_date():
    reg = registry()
    army = reg.lookup("Sudanese army")
    assert reg.resolved(army, dt.date(2018, 1, 1)).display() == "Military Forces of Sudan (1989-2019)"
    assert reg.resolved(army, dt.date(2024, 1, 1)).display() == "Military Forces of Sudan (2019-)"
    idf = reg.lookup("IDF")
    assert reg.resolved(idf, dt.date(2020, 1, 1)).display() == "Military Forces of Israel (2009-2021)"
    us = reg.lookup("US forces")
    assert reg.resolved(us, dt.date(2018, 6, 1)).display() == "Military Forces of the United States (2017-2021)"


def test_generic_words_take_the_country_given_and_demonyms_their_own():
    reg = registry()
    army = reg.lookup("the army")
    assert reg.resolved(reg.specific(army, "KE"), dt.date(2024, 7, 1)).display() == "Military Forces of Kenya (2022-)"
    assert reg.specific(reg.lookup("civilians"), "ML").display() == "Civilians (Mali)"
    assert reg.specific(reg.lookup("rioters"), "NG").display() == "Rioters (Nigeria)"
    assert reg.specific(reg.lookup("gunmen"), "ML").display() == "Unidentified Armed Group (Mali)"
    found = {m.text: reg.resolved(m.actor, dt.date(2024, 1, 1)).display()
             for m in reg.find("Sudanese warplanes and Ukrainian forces, Kenyan police and Mali's army")}
    assert found == {"Sudanese warplanes": "Military Forces of Sudan (2019-)",
                     "Ukrainian forces": "Military Forces of Ukraine (2019-)",
                     "Kenyan police": "Police Forces of Kenya (2022-)", "Mali's army": "Military Forces of Mali (2021-)"}


def test_abbreviations_need_their_context():
    reg = registry()
    assert [m.actor.name for m in reg.find("The RSF shelled El Fasher in Darfur.")] == ["Rapid Support Forces"]
    assert reg.find("RSF, the press freedom group, condemned the arrests.") == []
    assert [m.actor.id for m in reg.find("JNIM claimed the attack in Mali.")] == ["jnim"]
    assert reg.find("JNIM is a word here.") == []


def test_taliban_become_afghanistans_state_forces_after_august_2021():
    reg = registry()
    taliban = reg.lookup("Taliban")
    assert reg.resolved(taliban, dt.date(2020, 1, 1)).display() == "Taliban"
    assert reg.resolved(taliban, dt.date(2022, 1, 1)).display() == "Military Forces of Afghanistan (2021-)"


def test_story_country_comes_from_places_names_demonyms_and_actors():
    assert story_country("Sudanese officials said.", places=["SD", "SD"]) == "SD"
    assert story_country("Kenyan police dispersed marchers.") == "KE"
    assert story_country("", actors=["ML"]) == "ML"
    assert story_country("Nothing here.") is None
    assert story_country("Nothing here.", given="NG") == "NG"
    assert of_document("A Russian guided bomb struck a shop in Kharkiv.") == "UA"
    assert {"SD", "UA", "ML", "BF", "NE", "PS", "MM", "CD", "KE", "SY"} <= set(countries())
