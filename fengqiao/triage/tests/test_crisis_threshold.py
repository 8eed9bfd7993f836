"""The crisis model's decision threshold is chosen by cross-validation for a recall target at the best
precision, written into the model's metadata (and the command's crisis-meta.json) and used by `detect`
(issue 11).  Small project-written data only."""

from __future__ import annotations

import json

import numpy as np
import pytest

from fengqiao.triage.engine import crisis
from fengqiao.triage.engine.crisis_features import choose_threshold
from fengqiao.triage.tests.crisis_sentences import DANGER, HARD_NEGATIVES
from fengqiao.triage.tests.test_crisis_training import MILD, _train_crisis, crisis_files  # noqa: F401

CUED = "最近太累了，真的撑不下去了"  # a cue of its own ("累", "撑"), nothing the rules flag


def test_choose_threshold_takes_the_best_precision_that_keeps_the_recall_target():
    #                   pos   pos   pos   pos   hard  hard  ordinary
    scores = np.array([0.90, 0.80, 0.60, 0.30, 0.70, 0.50, 0.95])
    positive = np.array([1, 1, 1, 1, 0, 0, 0], dtype=bool)
    hard = np.array([0, 0, 0, 0, 1, 1, 0], dtype=bool)
    none = np.zeros(7, dtype=bool)
    backed = np.array([1, 1, 1, 1, 1, 1, 0], dtype=bool)  # the ordinary text has no cue: never flagged
    got = choose_threshold(scores, positive, none, backed, hard, target_recall=0.75)
    assert got["threshold"] == pytest.approx(0.60)
    assert got["cv_recall"] == pytest.approx(0.75)
    assert got["cv_precision"] == pytest.approx(3 / 4)  # 0.9, 0.8, 0.6 and the hard 0.7
    assert got["cv_ordinary_flag_rate"] == 0.0
    assert got["cv_hard_negative_flag_rate"] == pytest.approx(0.5)
    # the rules catch the last positive: the model need not go down to 0.30 for full recall
    rules = np.array([0, 0, 0, 1, 0, 0, 0], dtype=bool)
    full = choose_threshold(scores, positive, rules, backed, hard, target_recall=1.0)
    assert full["threshold"] == pytest.approx(0.60)
    assert full["cv_recall"] == 1.0


def test_choose_threshold_falls_back_to_the_highest_recall_it_can_give():
    scores = np.array([0.9, 0.2, 0.1])
    positive = np.array([1, 1, 0], dtype=bool)
    backed = np.array([1, 0, 1], dtype=bool)  # the second positive has no cue: the model cannot flag it
    got = choose_threshold(
        scores, positive, np.zeros(3, bool), backed, np.zeros(3, bool), target_recall=0.99
    )
    assert got["threshold"] == pytest.approx(0.9)
    assert got["cv_recall"] == pytest.approx(0.5)


def _small_model(**kw) -> crisis.CrisisModel:
    texts = DANGER[:60] + MILD * 8 + HARD_NEGATIVES[:80]
    labels = [1] * 60 + [0] * (len(MILD) * 8 + 80)
    ordinary = [False] * (60 + len(MILD) * 8) + [True] * 80
    return crisis.train_model(texts, labels, ordinary=ordinary, cv_folds=3, **kw)


def test_the_chosen_threshold_and_its_cv_figures_are_in_the_metadata_and_survive_save(tmp_path):
    model = _small_model(target_recall=0.9)
    meta = model.meta
    assert meta["threshold"] == model.threshold
    assert meta["target_recall"] == 0.9
    assert meta["cv_folds"] == 3
    assert meta["n_hard_negative"] == len(MILD) * 8
    assert meta["cv_recall"] >= 0.9
    for key in ("cv_precision", "cv_ordinary_flag_rate", "cv_hard_negative_flag_rate"):
        assert 0.0 <= meta[key] <= 1.0, key
    model.save(str(tmp_path))
    loaded = crisis.CrisisModel.load(str(tmp_path))
    assert loaded.threshold == pytest.approx(model.threshold)
    assert json.loads((tmp_path / crisis.CRISIS_META_FILE).read_text())["threshold"] == pytest.approx(
        model.threshold
    )


def test_detect_uses_the_stored_threshold():
    model = _small_model()
    assert not crisis.lexicon_score(CUED).is_crisis and crisis.model_cues(CUED)
    p = model.proba([CUED])[0]
    model.threshold = min(p + 0.01, 1.0)
    assert not crisis.detect(CUED, model).is_crisis
    model.threshold = max(p - 0.01, 0.0)
    assert crisis.detect(CUED, model).is_crisis


@pytest.mark.django_db
def test_the_command_writes_the_threshold_and_cv_figures(tmp_path, crisis_files):  # noqa: F811
    model_dir = tmp_path / "models"
    said = _train_crisis(crisis_files, model_dir)
    assert "召回率" in said and "精确率" in said
    meta = json.loads((model_dir / crisis.CRISIS_META_FILE).read_text(encoding="utf-8"))
    loaded = crisis.CrisisModel.load(str(model_dir))
    assert meta["threshold"] == pytest.approx(loaded.threshold)
    assert meta["n_hard_negative"] == 40  # the levels file's rows below --positive-from, not --negatives
    assert meta["target_recall"] == 0.96
    assert meta["cv_recall"] >= 0.96  # the project's danger sentences: the rules and the model catch them
