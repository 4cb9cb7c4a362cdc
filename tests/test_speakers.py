"""Every figure keeps who says it: a speaker the actor registry does not know (a governor by name, a bar
association, witnesses) is the claimant of the figures of their sentence, as written (extract/attribution.py
`speaker`); a speaker is a label only and never a party (no actor, no figure, no factuality changes). Articles
written for this test."""
from __future__ import annotations

import pytest
from conftest import mentions_of

ARTICLES = {
    "governor": ("Russian missile strike on Kharkiv apartment block kills 7",
                 "A Russian missile strike hit a residential building in the northeastern city of Kharkiv on Sunday, "
                 "killing seven people and wounding at least 20, regional governor Oleh Syniehubov said."),
    "association": ("Fifteen killed as RSF shells hospital area in Al-Fashir",
                    "At least fifteen people were killed on Saturday when the Rapid Support Forces shelled "
                    "neighbourhoods near the Saudi Hospital in Al-Fashir, North Darfur, the Darfur Bar Association "
                    "said."),
    "witnesses": ("Gunmen kill 12 villagers in Zamfara",
                  "Gunmen killed 12 villagers in an attack on Kadawa village in Nigeria's Zamfara state on Monday, "
                  "witnesses told reporters."),
    "residents": ("Boko Haram kills 37 in Borno village raid",
                  "Boko Haram insurgents killed at least 37 people in an attack on Mafa village in northeast Nigeria's "
                  "Borno state on Tuesday evening, residents told reporters."),
    "head": ("Gunmen kill 9 in Katsina village",
             "Gunmen killed nine people in Dankar village in Nigeria's Katsina state on Sunday night, the village "
             "head, Musa Dankar, told reporters."),
}


@pytest.fixture(scope="module")
def mentions(tmp_path_factory) -> dict:
    return mentions_of(tmp_path_factory.mktemp("speakers"), ARTICLES, published="2024-06-09")


def _claims(ms, kind="fatalities"):
    return [(c.claimant, c.value) for m in ms for c in m.claims if c.kind == kind]


@pytest.mark.parametrize("doc, who, value", [
    ("governor", "Regional governor Oleh Syniehubov", 7),
    ("association", "Darfur Bar Association", 15),
    ("witnesses", "Local source", 12),  # a source type the registry knows (data/actors.yaml) keeps its name
    ("head", "Village head", 9),
    ("residents", "Residents", 37),  # residents who speak are named as written, not as the victims' "Civilians"
])
def test_the_speaker_is_the_claimant_of_the_toll(mentions, doc, who, value):
    assert (who, value) in _claims(mentions[doc]), _claims(mentions[doc])


def test_a_speaker_is_no_party_of_the_event(mentions):
    ms = mentions["governor"]
    main = next(m for m in ms if m.fatalities == 7)
    assert main.actor1 == "Military Forces of Russia (2000-)" and main.factuality == "reported", (
        main.actor1, main.factuality)
    assert ("Regional governor Oleh Syniehubov", 20) in _claims(ms, "injuries")
    assert "Regional governor Oleh Syniehubov reported 7 killed" in main.notes, main.notes
    assert "shelled Civilians (Ukraine) in Kharkiv" in main.notes, main.notes  # civilians hold no positions
