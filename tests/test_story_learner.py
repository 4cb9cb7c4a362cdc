"""The story model's learner (issue 15, session 13): each decision's model is the mean of logistic regressions fitted on
the training sets of several k-fold partitions (bagging), each fitted to its exact minimum; one article more or less
moves it less than it moves one fit on all the articles."""
from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

from sitrep.extract import story

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import train_story_model as tsm  # noqa: E402


def _examples(n: int, seed: int = 0) -> list[dict]:
    """Articles whose right candidate mostly, not always, carries the headline: a noisy but learnable decision."""
    rng = np.random.default_rng(seed)
    out = []
    for i in range(n):
        right_is_headline = rng.random() < 0.75
        lead = ["lead"] if rng.random() < 0.5 else []
        own = ("a", ["own"] + lead, not right_is_headline)
        alt = ("b", ["headline"] + (["toll"] if rng.random() < 0.4 else []), right_is_headline)
        out.append({"id": f"art{i}", "cause": [own, alt]})
    return out


def _gradient(groups, C, features, coef, intercept) -> np.ndarray:
    index = {f: i for i, f in enumerate(features)}
    X = np.array([[1.0 if f in c[1] else 0.0 for f in features] for g in groups for c in g])
    y = np.array([float(c[2]) for g in groups for c in g])
    s = 1 / (1 + np.exp(-(X @ coef + intercept)))
    assert len(index) == X.shape[1]
    return np.append(coef + C * X.T @ (s - y), C * float(np.sum(s - y)))


def test_each_fit_reaches_the_minimum_of_its_objective():
    groups = [e["cause"] for e in _examples(60)]
    for C in tsm.GRID_C:
        features, coef, intercept = tsm.fit(groups, C)
        assert features == ["headline", "lead", "own", "toll"]
        assert np.max(np.abs(_gradient(groups, C, features, coef, intercept))) < 1e-8
        assert coef[features.index("headline")] > coef[features.index("own")]


def test_the_bagged_model_is_the_mean_of_the_fits_on_each_partitions_training_sets():
    exs = _examples(40)
    features, coef, intercept = tsm.fit_bagged(exs, "cause", 0.3, 5, 2)
    fits = [tsm.fit([e["cause"] for e in exs if tsm.fold_of(e["id"], 5, f"bag{b}") != f], 0.3)
            for b in range(2) for f in range(5)]
    assert len({tuple(np.round(c, 6)) for _, c, _ in fits}) == len(fits)  # ten different fits
    for name in features:
        mean = sum(c[fs.index(name)] if name in fs else 0.0 for fs, c, _ in fits) / len(fits)
        assert abs(coef[features.index(name)] - mean) < 1e-12
    assert abs(intercept - sum(i for _, _, i in fits) / len(fits)) < 1e-12
    assert tsm.fit_bagged(exs, "cause", 0.3, 5, 0)[1].tolist() == tsm.fit([e["cause"] for e in exs], 0.3)[1].tolist()
    again = tsm.fit_bagged(list(exs), "cause", 0.3, 5, 2)
    assert again[0] == features and np.array_equal(again[1], coef) and again[2] == intercept


def test_one_article_less_moves_the_bagged_model_less_than_one_fit():
    exs = _examples(80, seed=3)
    moved_single, moved_bagged = [], []
    for drop in range(0, 80, 8):
        kept = exs[:drop] + exs[drop + 1:]
        for moved, learn in ((moved_single, lambda xs: tsm.fit([e["cause"] for e in xs], 3.0)),
                             (moved_bagged, lambda xs: tsm.fit_bagged(xs, "cause", 3.0, 5, 4))):
            f0, c0, i0 = learn(exs)
            f1, c1, i1 = learn(kept)
            assert f0 == f1
            moved.append(float(np.max(np.abs(np.append(c0 - c1, i0 - i1)))))
    assert sum(moved_bagged) < sum(moved_single)


def test_the_shipped_story_model_is_bagged_as_its_script_trains_it():
    import json

    with np.load(ROOT / "src" / "sitrep" / "data" / "models" / "story.npz", allow_pickle=False) as z:
        meta = json.loads(str(z["meta"]))
    for name in ("cause", "actor", "toll"):
        assert meta[name]["bag"] == tsm.BAG >= 2
    assert set(story.load(ROOT / "src" / "sitrep" / "data" / "models" / "story.npz").rankers) == {"cause", "actor",
                                                                                                     "toll"}
