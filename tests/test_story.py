"""The story model (issue 15): learned decisions on the story's event (its kind, its perpetrator, its toll) chosen
among the article's own candidates with evidence, trained on FA-KES's read part only by a committed deterministic script."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from conftest import SEEDS
from sitrep.extract import story, story_toll
from sitrep.extract.mainevent import headline_kinds
from sitrep.ingest import doc_id_for, read_paths
from sitrep.models import DocMeta, RawDocument
from sitrep.pipeline import process

ROOT = Path(__file__).resolve().parent.parent

SHELLED = ("Rebels shell Aleppo neighbourhoods, 9 killed",
           "Rebel groups fired mortar shells on residential neighbourhoods of Aleppo city on Monday. Nine civilians "
           "were killed in the clashes between the army and the rebels, the source said.")
FOUGHT = ("Twenty killed in Aleppo",
          "Twenty people were killed on Tuesday in fighting between government forces and rebels in the Aleppo "
          "countryside, a monitor said.")


def processed(title: str, text: str):
    raw = RawDocument(doc_id=doc_id_for("txt", title + text), path="story.txt", kind="txt", content=text,
                      meta=DocMeta(title=title))
    return process(raw)


def toll_event(p):
    return max(p.mentions, key=lambda m: m.fatalities or 0)


def test_the_shipped_model_was_trained_on_the_read_part_and_is_used():
    mdl = story.model()
    assert mdl is not None and set(mdl.rankers) == {"cause", "actor", "toll"}
    with np.load(ROOT / "src" / "sitrep" / "data" / story.MODEL_FILE) as z:
        assert "fa-kes-dev.read" in str(z["meta"]) and "unread" not in str(z["meta"])


def test_the_toll_takes_the_kind_the_article_gives_it_with_its_evidence(monkeypatch):
    monkeypatch.setenv(story.MODEL_ENV, "none")
    rules = toll_event(processed(*SHELLED))
    assert rules.fatalities == 9 and rules.sub_event_type == "Armed clash"   # the toll sentence says "clashes"
    monkeypatch.delenv(story.MODEL_ENV)
    learned = toll_event(processed(*SHELLED))
    assert learned.fatalities == 9 and learned.sub_event_type == "Shelling/artillery/missile attack"
    assert learned.event_type == "Explosions/Remote violence"
    assert "story model" in learned.notes and "fired mortar shells" in learned.notes  # the evidence it rests on


def test_a_story_with_one_kind_keeps_it():
    m = toll_event(processed(*FOUGHT))
    assert m.fatalities == 20 and m.sub_event_type == "Armed clash" and "story model" not in (m.notes or "")


def _with_and_without(monkeypatch, raws):
    out = []
    for raw in raws:
        monkeypatch.setenv(story.MODEL_ENV, "none")
        rules = process(raw)
        monkeypatch.delenv(story.MODEL_ENV)
        out.append((rules, process(raw)))
    return out


def test_the_model_never_invents_a_value_the_article_gives_no_evidence_for(monkeypatch):
    raws = [r for r in read_paths([str(SEEDS)]) if isinstance(r, RawDocument)]
    raws += [RawDocument(doc_id=doc_id_for("txt", t + x), path="s.txt", kind="txt", content=x, meta=DocMeta(title=t))
             for t, x in (SHELLED, FOUGHT)]
    changed = 0
    for rules, learned in _with_and_without(monkeypatch, raws):
        assert len(rules.mentions) == len(learned.mentions)
        subs = {m.sub_event_type for m in rules.mentions} | headline_kinds(rules.annotated)[1]
        actors = {a for m in rules.mentions for a in [m.actor1, m.actor2, *m.assoc_actor_1, *m.assoc_actor_2] if a}
        for a, b in zip(rules.mentions, learned.mentions):
            if a.model_dump() == b.model_dump():
                continue
            changed += 1
            stated = {f.value for f in story_toll.figures(learned.annotated)}
            assert a.factuality == "reported" and b.sub_event_type in subs and (b.actor1 is None or b.actor1 in actors)
            assert (b.fatalities == a.fatalities or b.fatalities in stated) and b.evidence == a.evidence
            assert "story model" in b.notes
        assert sum(a.model_dump() != b.model_dump() for a, b in zip(rules.mentions, learned.mentions)) <= 1
    assert changed >= 1


def test_claims_and_territorial_changes_keep_the_rules_reading(monkeypatch):
    p = processed("IS says it killed 30 soldiers in Yarmouk",
                  "The Islamic State group claimed on Sunday that its fighters had killed 30 soldiers in clashes in "
                  "the Yarmouk camp. Regime warplanes carried out air strikes on the camp throughout the day.")
    claim = toll_event(p)
    assert claim.fatalities == 30 and claim.factuality == "claimed" and claim.sub_event_type == "Armed clash"
    assert not story.decides("cause", claim) and not story.decides("actor", claim)
    territory = claim.model_copy(update={"factuality": "reported", "sub_event_type": "Government regains territory"})
    assert not story.decides("cause", territory) and story.decides("actor", territory)


def test_the_ranker_chooses_only_when_a_candidate_beats_the_events_own_reading():
    r = story.Ranker({"own": 0, "headline": 1}, np.array([0.5, 1.0]), 0.0, margin=0.2)
    own = story.Candidate("Armed clash", ["own"], 0)
    alt = story.Candidate("Air/drone strike", ["headline"], None)
    assert story._choose(r, [own, alt], "Armed clash") is alt
    r.margin = 0.6
    assert story._choose(r, [own, alt], "Armed clash") is None
    assert story._choose(r, [own], "Armed clash") is None


def test_the_training_script_refuses_the_unread_part(tmp_path):
    unread = tmp_path / "fa-kes-dev.unread.csv"
    unread.write_text("unit_id,article_title,article_content\n", encoding="utf-8")
    run = subprocess.run([sys.executable, str(ROOT / "scripts" / "train_story_model.py"), "--read", str(unread),
                          "--out", str(tmp_path / "m.npz")], capture_output=True, text=True)
    assert run.returncode != 0 and "READ part only" in run.stderr and not (tmp_path / "m.npz").exists()


def test_training_is_deterministic():
    sys.path.insert(0, str(ROOT / "scripts"))
    from train_story_model import fit

    groups = [[("a", ["own", "x"], True), ("b", ["headline"], False)],
              [("a", ["own"], False), ("c", ["headline", "x"], True)],
              [("d", ["own", "x"], True), ("e", ["lead"], False)],
              [("f", ["own"], False), ("g", ["headline"], True)]]
    f1, c1, i1 = fit(groups, 0.3)
    f2, c2, i2 = fit(list(groups), 0.3)
    assert f1 == f2 and np.array_equal(c1, c2) and i1 == i2 and c1[f1.index("headline")] > 0


def test_settings_are_chosen_over_repeated_partitions_near_ties_to_the_smaller_margin_and_C():
    sys.path.insert(0, str(ROOT / "scripts"))
    from train_story_model import choose, fold_of

    # the first partition's folds are the unsalted sha1's (the reported CV); the others differ
    ids = [str(n) for n in range(40)]
    assert [fold_of(i, 5, 0) for i in ids] != [fold_of(i, 5, 1) for i in ids]
    run = lambda right: (84, 68, right)  # noqa: E731  (articles, rules right, model right) of one partition
    # tied on the first partition; the repeated partitions tell them apart by more than half an article
    grid = {(0.1, 0.0): [run(71), run(69), run(69)], (0.1, 0.5): [run(71), run(71), run(71)]}
    assert choose(grid) == (0.1, 0.5)
    # less than half an article apart on average: tied, the smaller margin, then the smaller C
    grid = {(0.1, 0.0): [run(71), run(70), run(71)], (0.3, 0.0): [run(71), run(71), run(71)],
            (0.1, 0.5): [run(71), run(71), run(71)]}
    assert choose(grid) == (0.1, 0.0)
    grid = {(1.0, 0.0): [run(71)], (0.3, 0.0): [run(71)], (0.1, 0.0): [run(69)]}
    assert choose(grid) == (0.3, 0.0)


@pytest.mark.parametrize("value", ["none", "off"])
def test_the_model_can_be_turned_off(monkeypatch, value):
    monkeypatch.setenv(story.MODEL_ENV, value)
    assert story.model() is None


HEADLINE_TOLL = ("Thirty killed in air strikes on Damascus suburb",
                 "Syrian and Russian warplanes struck the rebel-held town of Douma in the Damascus countryside on "
                 "Sunday, hitting a market and residential buildings, residents and rescue workers said. Rescue "
                 "workers pulled bodies from the rubble.")


def test_the_headlines_toll_becomes_the_story_events_with_its_evidence(monkeypatch):
    monkeypatch.setenv(story.MODEL_ENV, "none")
    rules = processed(*HEADLINE_TOLL)
    assert [m.fatalities for m in rules.mentions] == [None]  # the body tells the strikes without a number
    monkeypatch.delenv(story.MODEL_ENV)
    m = toll_event(processed(*HEADLINE_TOLL))
    assert m.fatalities == 30 and "Fatalities 30 from the story model" in m.notes
    assert "Thirty killed in air strikes" in m.notes and "Fatalities unknown" not in m.notes
    assert any(c.kind == "fatalities" and c.value == 30 and "Thirty killed" in (c.quote or "") for c in m.claims)


def test_a_running_total_or_a_background_toll_is_never_a_candidate():
    p = processed("Shelling hits Aleppo market",
                  "Rebels shelled a market in government-held Aleppo on Monday, wounding several people, state media "
                  "said. The attack came days after an air strike killed 45 people in Idlib. Over 300 people have "
                  "been killed in the province so far this year.")
    figs = story_toll.figures(p.annotated)
    assert {f.value for f in figs} >= {45, 300} and all(f.background or f.aggregate for f in figs)
    for i, m in enumerate(p.mentions):
        values = {c.value for c in story_toll.toll_candidates(p.annotated, p.mentions, i)}
        assert not values & {"45", "300"}
    assert all(m.fatalities not in (45, 300) for m in p.mentions if m.factuality == "reported")


def test_the_chosen_toll_never_falls_under_another_news_events_toll():
    p = processed("Five killed in Aleppo shelling",
                  "Rebel shelling killed five civilians in Aleppo on Monday, state media said. In Idlib, air strikes "
                  "killed twelve people on the same day, a monitor said.")
    for i, m in enumerate(p.mentions):
        others = [x.fatalities for j, x in enumerate(p.mentions) if j != i and x.fatalities and x.factuality in
                  ("reported", "claimed")]
        for c in story_toll.toll_candidates(p.annotated, p.mentions, i)[1:]:
            assert int(c.value) >= max(others, default=0)


def test_a_vague_quantity_gives_way_to_a_count_that_meets_it():
    """"dozens" is 12 at ACLED's convention: a floor, superseded by a count of as many or more; alone it stays."""
    p = processed("Dozens killed in air raids on Raqqa",
                  "Dozens of civilians were killed when warplanes carried out air raids on the city of Raqqa on "
                  "Thursday, activists said. Over 130 civilians were killed in the raids, the activists said.")
    figs = story_toll.figures(p.annotated)
    assert {(f.value, f.approx) for f in figs} >= {(12, True), (130, False)}
    for i, _ in enumerate(p.mentions):
        assert "12" not in {c.value for c in story_toll.toll_candidates(p.annotated, p.mentions, i)[1:]}
    alone = processed("Dozens killed in air raids on Raqqa",
                      "Dozens of civilians were killed when warplanes carried out air raids on the city of Raqqa on "
                      "Thursday, activists said. Five of the dead were children.")
    assert any(f.value == 12 and f.approx for f in story_toll.figures(alone.annotated))
    assert max(m.fatalities or 0 for m in alone.mentions) == 12


def test_a_kind_the_headline_announces_stays_a_candidate_when_the_body_tells_it_as_background():
    p = processed("25 children killed in airstrikes in eastern Syria",
                  "A day after it was announced that airstrikes killed 58 civilians in eastern Syria, UNICEF said 25 "
                  "of them were children. Twenty-five children were killed in an attack on civilians in the town of "
                  "al-Quria, UNICEF said on Monday.")
    assert "Air/drone strike" in headline_kinds(p.annotated)[1]
    past = [m for m in p.mentions if m.factuality == "historical" and m.sub_event_type == "Air/drone strike"]
    news = [m for m in p.mentions if m.fatalities == 25]
    assert past and news
    # the news event read as another kind (an attack on civilians): the headline's kind is still a candidate
    mentions = [past[0], news[0].model_copy(update={"sub_event_type": "Attack",
                                                    "event_type": "Violence against civilians"})]
    t = story.story_event(p.annotated, mentions)
    assert mentions[t].sub_event_type == "Attack"
    cands = {c.value: c.feats for c in story.cause_candidates(p.annotated, mentions, t)}
    assert "Air/drone strike" in cands and {"headline", "not_news"} <= set(cands["Air/drone strike"])
