"""The story model's role features of an actor candidate (extract/story_roles.py, the ledger of roles.note_roles):
who reports an attack, who carried it out and who died in it, read from the parse of written articles."""
import json

import pytest

ARTICLES = {
    "mogadishu": ("Bomb kills 12 in Mogadishu market",
                  "A car bomb exploded at a busy market in Mogadishu on Saturday, killing 12 people and wounding 20, "
                  "police said."),
    "kafr_nabl": ("Army shells village in Idlib",
                  "Government troops shelled the village of Kafr Nabl on Monday, killing seven civilians, a monitor "
                  "said."),
    "raqqa": ("Militants killed near Raqqa",
              "Thirty Islamic State militants were killed in air strikes near Raqqa on Sunday, the coalition said."),
}


@pytest.fixture(scope="module")
def read():
    from sitrep.annotate import annotate
    from sitrep.clean import clean
    from sitrep.extract import extract
    from sitrep.extract.story import actor_candidates, story_event
    from sitrep.ingest import _jsonl_record

    out = {}
    for n, (k, (title, body)) in enumerate(ARTICLES.items()):
        line = json.dumps({"id": k, "title": title, "text": f"{title}\n\n{body}"})
        doc = annotate(clean(_jsonl_record("articles.jsonl", n + 1, line)))
        mentions = extract(doc)
        t = story_event(doc, mentions)
        out[k] = (doc, {c.value: c.feats for c in actor_candidates(doc, mentions, t)})
    return out


def test_who_only_reports_the_blast_is_its_sayer(read):
    from sitrep.extract.story_roles import role_features, roles_of

    doc, cands = read["mogadishu"]
    police = "Police Forces of Somalia (2022-)"  # no candidate: it only reported the blast (roles.sayer_not_doer)
    assert "sayer" in roles_of(doc, police) and "agent" not in roles_of(doc, police)
    assert role_features(doc, police) == ["role=sayer_only"]


def test_the_subject_of_the_shelling_is_its_agent_and_the_dead_are_victims(read):
    doc, cands = read["kafr_nabl"]
    army = next(v for v in cands if v.startswith("Military Forces of Syria"))
    assert "role=agent" in cands[army] and "role=sayer_only" not in cands[army]
    civilians = next((v for v in cands if v.startswith("Civilians")), None)
    assert civilians is None or "role=agent" not in cands[civilians]


def test_a_group_named_among_the_dead_is_a_victim_not_an_agent(read):
    doc, cands = read["raqqa"]
    isis = next(v for v in cands if v.startswith("Islamic State"))
    assert "role=victim" in cands[isis] and "role=agent" not in cands[isis]
    coalition = next(v for v in cands if "Coalition" in v)
    assert "role=sayer_only" in cands[coalition]
