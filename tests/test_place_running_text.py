"""Running text (issue 13, session 13): a near-spelling in a country the story does not point to is no place at all.
Real gazetteer, real ranker, real spaCy through the CLI."""
from __future__ import annotations

import json

from sitrep.places import geoparse

from conftest import run_cli


def _geoparse(tmp_path, text: str) -> list[dict]:
    f = tmp_path / "story.txt"
    f.write_text(text + "\n", encoding="utf-8")
    p = run_cli("geoparse", f, "--json")
    assert p.returncode == 0, p.stderr.decode()
    return [json.loads(x) for x in p.stdout.decode().splitlines()]


def test_a_near_spelling_abroad_is_no_place_and_one_at_home_still_is(tmp_path):
    # the gazetteer lacks the RAF station; its only candidates are loose spellings, the best North Korea's Satan,
    # a country the story neither names nor points to: the mention stays, with no point
    rows = _geoparse(tmp_path, "The aircraft landed at St Athan in Wales on Monday, the Ministry of Defence said.")
    by = {r["text"]: r for r in rows}
    assert by["St Athan"]["latitude"] is None and by["St Athan"]["country"] is None
    assert by["Wales"]["country"] == "GB"
    # the same without the language model (extraction's path): the Darfur camp is no Bushwick, New York (a loose
    # key of GeoNames' alternate "Bushuik")
    by = {r["text"]: r for r in geoparse("Shelling hit the Abu Shouk camp near El Fasher in North Darfur, Sudan.")}
    assert by["Abu Shouk"]["latitude"] is None and by["El Fasher"]["country"] == "SD"
    # the same kind of spelling inside the story's country is still resolved ("Maarat al-Noumane", a loose
    # spelling of Maarat al-Numan, Idlib, Syria: no record bears it as written)
    rows = _geoparse(tmp_path, "Air strikes hit Maarat al-Noumane in northern Syria on Monday.")
    town = next(r for r in rows if r["text"] == "Maarat al-Noumane")
    assert (town["country"], town["admin1"]) == ("SY", "Idlib") and town["latitude"] is not None
