"""The extractor's word lists are data (data/lexicon.yaml); scripts/compare_exports.py finds every changed field."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from sitrep.extract import words as words_module
from sitrep.extract.triggers import lexicon
from sitrep.ingest import read_paths
from sitrep.pipeline import process
from sitrep.resources import data_path, load_yaml

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    """A deployment's own data folder (SITREP_DATA_DIR), read afresh; the shipped data again afterwards."""
    monkeypatch.setenv("SITREP_DATA_DIR", str(tmp_path))
    load_yaml.cache_clear()
    words_module.words.cache_clear()
    yield tmp_path
    monkeypatch.delenv("SITREP_DATA_DIR")
    load_yaml.cache_clear()
    words_module.words.cache_clear()


def shipped_lexicon() -> dict:
    return yaml.safe_load(data_path("lexicon.yaml").read_text(encoding="utf-8"))


def test_lexicon_agrees_with_the_trigger_taxonomy():
    w = words_module.words()
    taxonomy = lexicon().taxonomy
    assert set(w.order) == {sub for subs in taxonomy.values() for sub in subs}  # every sub-event type ranked once
    assert len(w.order) == len(set(w.order))
    assert set(w.violent_types) <= set(taxonomy)
    assert set(w.territory_subs) | w.separate_explosions | w.killing_protest_subs <= set(w.order)


def events(tmp_path: Path, text: str) -> list[tuple[str, str]]:
    f = tmp_path / "story.txt"
    f.write_text(text, encoding="utf-8")
    return [(m.sub_event_type, m.factuality) for raw in read_paths([str(f)]) for m in process(raw).mentions]


def test_a_deployment_extends_the_word_lists_without_python(tmp_path, data_dir):
    story = "Regime forces vowed on Monday to shell the town of Douma.\n"
    assert events(tmp_path, story) == [("Other", "threatened")]  # shipped: 'vow' is a verb of threat
    lex = shipped_lexicon()
    lex["threat"].remove("vow")
    (data_dir / "lexicon.yaml").write_text(yaml.safe_dump(lex), encoding="utf-8")
    load_yaml.cache_clear()
    words_module.words.cache_clear()
    assert events(tmp_path, story) == []  # now only a plan ("to shell"), which is no event


def test_a_word_yaml_reads_as_something_else_is_an_error_naming_the_file(data_dir):
    lex = shipped_lexicon()
    (data_dir / "lexicon.yaml").write_text(
        yaml.safe_dump(lex).replace("speculative_aux:\n- may", "speculative_aux:\n- on\n- may"), encoding="utf-8")
    with pytest.raises(ValueError, match=r"lexicon\.yaml: 'speculative_aux' must be a list of words"):
        words_module.words()


def compare(a: Path, b: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "scripts" / "compare_exports.py"), str(a), str(b)],
                          capture_output=True, text=True)


def test_compare_exports_prints_nothing_for_equal_folders_and_every_changed_field(tmp_path):
    rows = [{"event_id": "EV1", "fatalities": 3, "actor1": "A"}, {"event_id": "EV2", "fatalities": None}]
    for name, recs in (("ref", rows), ("same", rows[::-1]),
                       ("new", [{"event_id": "EV1", "fatalities": 4, "actor1": "A"}, {"event_id": "EV3"}])):
        (tmp_path / name).mkdir()
        (tmp_path / name / "events.jsonl").write_text("".join(json.dumps(r) + "\n" for r in recs), encoding="utf-8")
    same = compare(tmp_path / "ref", tmp_path / "same")
    assert same.returncode == 0 and same.stdout == ""  # order does not matter
    diff = compare(tmp_path / "ref", tmp_path / "new")
    assert diff.returncode == 1
    assert "events.jsonl EV1 fatalities: 3 -> 4" in diff.stdout
    assert "EV2: only in reference" in diff.stdout and "EV3: only in new" in diff.stdout
