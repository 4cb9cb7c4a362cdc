"""The learned event-type classifier (sitrep.extract.classify) and its training script."""
from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

from sitrep.extract import classify
from sitrep.ingest import doc_id_for
from sitrep.models import DocMeta, RawDocument
from sitrep.pipeline import process

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))


def mentions(text: str):
    raw = RawDocument(doc_id=doc_id_for("txt", text), path="story.txt", kind="txt", content=text, meta=DocMeta())
    return process(raw).mentions


def test_the_shipped_model_loads_and_gives_a_distribution_over_acled_types_and_none():
    mdl = classify.model()
    assert mdl is not None and classify.NONE in mdl.classes and "Air/drone strike" in mdl.classes
    p = mdl.proba(["w=airstrike", "r1=Air/drone strike", "t=air_strike"])
    assert p.shape == (len(mdl.classes),) and abs(float(p.sum()) - 1.0) < 1e-9
    assert mdl.classes[int(p.argmax())] == "Air/drone strike"


def test_a_flood_toll_is_no_event_with_the_model_and_an_event_with_the_rules_alone(monkeypatch):
    story = "The death toll from flash floods in the country's east rose to 40 on Monday, the disaster agency said."
    assert mentions(story) == []
    monkeypatch.setenv(classify.MODEL_ENV, "none")
    assert mentions(story)  # the rules read a toll as an event: the model knows a disaster is none


def test_every_event_keeps_its_evidence_and_a_retyped_one_says_so():
    story = ("Police seized 40 rifles and 2,000 rounds of ammunition in a raid on a warehouse in Kisumu on Monday, "
             "officers said.")
    for m in mentions(story):
        assert m.evidence and all(story[e.start:e.end] == e.text for e in m.evidence)
        if "learned classifier" in (m.notes or ""):
            assert 0 < m.confidence <= 0.95


def test_training_is_deterministic_and_what_is_saved_is_what_is_applied(tmp_path):
    from train_event_model import fit

    exs = [{"id": str(i), "label": lab, "feats": feats} for i, (lab, feats) in enumerate([
        ("Air/drone strike", ["w=jet", "w=strike"]), ("Air/drone strike", ["w=jet", "w=bomb"]),
        ("Peaceful protest", ["w=march", "w=protest"]), ("Peaceful protest", ["w=protest", "w=rally"]),
        ("NONE", ["w=flood", "w=rain"]), ("NONE", ["w=flood", "w=storm"])])]
    a, b = fit(exs), fit(exs)
    assert a[0] == b[0] and a[1] == b[1] and np.array_equal(a[2], b[2])
    path = tmp_path / "m.npz"
    classify.save(path, *a, meta={"test": True})
    mdl = classify.load(path)
    assert mdl.classes[int(mdl.proba(["w=jet", "w=strike"]).argmax())] == "Air/drone strike"
    assert mdl.classes[int(mdl.proba(["w=flood"]).argmax())] == "NONE"


def test_a_missing_model_file_means_the_rules_alone(monkeypatch, tmp_path):
    monkeypatch.setenv(classify.MODEL_ENV, str(tmp_path / "absent.npz"))
    assert classify.model() is None
