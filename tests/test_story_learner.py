"""The story model's learner (issue 15, sessions 13-14): each decision's logistic regression is fitted to the exact
minimum of its objective (Newton's method), so that a retraining moves it only as far as its data move it."""
from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

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
