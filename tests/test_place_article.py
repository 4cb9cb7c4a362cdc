"""OCHA's Latin names glue the Arabic article to its word ("Kherbet Elrayes"); news and UCDP write it apart
("Kherbet al Rayes"). The build script (`scripts/build_gazetteer_sources.py --ocha`) writes the name with the article
apart as an alternate, only where the place's Arabic name writes as many articles; `sitrep geocode` then finds the
village by the spelling with the article apart. Real shipped gazetteer, real CLI."""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path

from sitrep.places.store import km

from conftest import run_cli

ROOT = Path(__file__).resolve().parent.parent


def _script():
    spec = importlib.util.spec_from_file_location("build_gazetteer_sources",
                                                  ROOT / "scripts" / "build_gazetteer_sources.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_the_glued_article_is_written_apart_only_where_the_arabic_name_has_it():
    apart = _script().article_apart
    assert apart("Kherbet Elnaqus", ["خربة الناقوس"]) == "Kherbet al-Naqus"
    assert apart("Abul Gor", ["أبو الغر"]) == "Abu al Gor"
    assert apart("Hawi Elhawa", ["حاوي الهوى"]) == "Hawi al-Hawa"
    # two glued "El" but one article in Arabic: the first is the word's own (علوة, 'Alwa), nothing written apart
    assert apart("Elwet Eldisheisha", ["علوة الدشيشة"]) == ""
    assert apart("Abul Eleij", ["أبو العليج"]) == ""  # Abu al-'Ulayj: "Eleij" is not "El" + "eij"
    assert apart("Kafr Nabutha", ["كفر نبودة"]) == ""  # no article
    assert apart("Elbeida", []) == ""  # no Arabic name to check against


def test_geocode_finds_an_ocha_village_by_its_name_with_the_article_apart():
    p = run_cli("geocode", "--country", "SY", "--json", "Kherbet al Rayes", "Tal al Abed")
    assert p.returncode == 0, p.stderr.decode()
    rows = {r["query"]: r for r in map(json.loads, p.stdout.decode().splitlines())}
    for query, point in (("Kherbet al Rayes", (36.590573, 40.996393)), ("Tal al Abed", (36.615973, 41.219555))):
        r = rows[query]
        assert r["latitude"] is not None, query
        assert km(point, (r["latitude"], r["longitude"])) <= 5, (query, r)
