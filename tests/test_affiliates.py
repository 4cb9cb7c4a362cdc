"""An affiliate's armed men are the named group's ("Islamic State-linked militants", "al-Shabaab-linked gunmen"),
while a group named after an affiliation acts itself ("al-Qaeda-linked JNIM"): ``actors.Registry.find``."""
from __future__ import annotations

import datetime as dt

from sitrep.actors import registry
from sitrep.ingest import doc_id_for
from sitrep.models import DocMeta, RawDocument
from sitrep.pipeline import process


def test_the_men_of_an_affiliation_are_the_named_group():
    reg = registry()
    assert [m.text for m in reg.find("Islamic State-linked militants attacked a village.")] == ["Islamic State"]
    names = [m.actor.name for m in reg.find("Al-Shabaab-linked gunmen shot dead two soldiers.")]
    assert names[0] == "Al Shabaab" and not any("Unidentified" in n for n in names)
    found = [m.text for m in reg.find("In Mali, al-Qaeda-linked JNIM claimed the attack.")]
    assert "JNIM" in found and not any("Qaeda" in t for t in found)


def test_an_affiliates_attack_is_the_affiliates():
    text = ("Militants kill 12 in northern Mozambique\n\n"
            "MAPUTO, June 3 (Reuters) - Islamic State-linked militants killed 12 villagers in Macomia district of "
            "Mozambique's Cabo Delgado province on Sunday, local officials said.")
    raw = RawDocument(doc_id=doc_id_for("txt", text), path="story.txt", kind="txt", content=text,
                      meta=DocMeta(published=dt.date(2024, 6, 3)))
    killed = [m for m in process(raw).mentions if m.fatalities == 12]
    assert killed and killed[0].actor1 and killed[0].actor1.startswith("Islamic State")
