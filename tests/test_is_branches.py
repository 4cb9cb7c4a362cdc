"""The generic names of the Islamic State (IS, ISIS, Daesh) mean the branch of the story's country, as ACLED codes
it ("Islamic State (Iraq)" in Iraqi news; data/actors.yaml `is` -> `specific`), and stay "Islamic State (Syria)" in
Syrian news. Articles written for this test."""
from __future__ import annotations

import pytest
from conftest import mentions_of

from sitrep.actors import registry

ARTICLES = {
    "iraq": ("Iraqi forces arrest 12 IS suspects in Kirkuk",
             "Iraqi security forces arrested 12 suspected Islamic State militants in raids across Kirkuk province on "
             "Wednesday, the Security Media Cell said in a statement."),
    "syria": ("IS attack kills 9 soldiers near Palmyra",
              "Islamic State militants killed nine Syrian soldiers in an attack on an army post near Palmyra in Syria's "
              "Homs province on Wednesday, state media said."),
}


@pytest.fixture(scope="module")
def mentions(tmp_path_factory) -> dict:
    return mentions_of(tmp_path_factory.mktemp("is"), ARTICLES, published="2023-03-09")


def _names(ms):
    return {a for m in ms for a in (m.actor1, m.actor2) if a and "Islamic State" in a}


def test_is_in_iraqi_news_is_the_iraqi_branch(mentions):
    assert _names(mentions["iraq"]) == {"Islamic State (Iraq)"}


def test_is_in_syrian_news_stays_the_syrian_group(mentions):
    assert _names(mentions["syria"]) == {"Islamic State (Syria)"}


@pytest.mark.parametrize("country, name", [("NG", "Islamic State West Africa Province"),
                                           ("MZ", "Islamic State Mozambique Province"),
                                           ("AF", "Islamic State Khorasan Province")])
def test_each_branch_is_data(country, name):
    reg = registry()
    assert reg.specific(reg.get("is"), country).name == name
