"""The crisis model's specialist (positives against hard negatives only) is combined with the main model by a
weighted geometric mean, in the cross-validation that picks the threshold as in the saved model; a model saved
in the previous format is refused.  Small project-written data only."""

from __future__ import annotations

import numpy as np
import pytest

from fengqiao.triage.engine import crisis
from fengqiao.triage.engine.crisis_features import combine
from fengqiao.triage.tests.crisis_sentences import DANGER, HARD_NEGATIVES
from fengqiao.triage.tests.test_crisis_training import MILD

PROBE = ["最近太累了，真的撑不下去了", "我不想活了", "楼道里堆满了杂物，物业不管"]


def _train(**kw) -> crisis.CrisisModel:
    texts = DANGER[:60] + MILD * 8 + HARD_NEGATIVES[:80]
    labels = [1] * 60 + [0] * (len(MILD) * 8 + 80)
    ordinary = [False] * (60 + len(MILD) * 8) + [True] * 80
    return crisis.train_model(texts, labels, ordinary=ordinary, cv_folds=3, **kw)


def test_combine_is_the_weighted_geometric_mean():
    main, spec = np.array([0.9, 0.2, 0.01]), np.array([0.4, 0.8, 0.9])
    got = combine(main, spec, 0.7)
    assert got == pytest.approx(main**0.3 * spec**0.7, rel=1e-6)
    assert combine(main, None, 0.7) is main
    assert combine(main, spec, 0.0) is main
    # a text the main model calls ordinary stays low however sure the specialist is
    assert got[2] < 0.5


def test_a_model_with_hard_negatives_has_a_specialist_that_survives_save(tmp_path):
    model = _train()
    assert model.specialist is not None and model.specialist_weight == pytest.approx(0.7)
    assert "specialist" in model.meta["features"]
    X = model.vectorizer.transform([crisis.model_text(t) for t in PROBE])
    main = model.clf.predict_proba(X)[:, 1]
    spec = model.specialist.predict_proba(X)[:, 1]
    assert model.proba(PROBE) == pytest.approx(list(main**0.3 * spec**0.7), rel=1e-4)
    assert not np.allclose(main, spec)
    model.save(str(tmp_path))
    loaded = crisis.CrisisModel.load(str(tmp_path))
    assert loaded.specialist is not None
    assert loaded.proba(PROBE) == pytest.approx(model.proba(PROBE), rel=1e-6)


def test_no_specialist_without_hard_negatives_or_when_turned_off():
    texts = DANGER[:60] + HARD_NEGATIVES[:80]
    plain = crisis.train_model(texts, [1] * 60 + [0] * 80, cv_folds=3)
    assert plain.specialist is None and plain.specialist_weight == 0.0
    off = _train(specialist_weight=0.0)
    assert off.specialist is None
    X = off.vectorizer.transform([crisis.model_text(t) for t in PROBE])
    assert off.proba(PROBE) == pytest.approx(list(off.clf.predict_proba(X)[:, 1]))


def test_a_model_saved_in_the_previous_format_is_refused(tmp_path):
    import joblib

    joblib.dump({"format": 1, "vectorizer": None, "clf": None, "threshold": 0.5}, tmp_path / "crisis.joblib")
    with pytest.raises(ValueError, match="其他版本"):
        crisis.CrisisModel.load(str(tmp_path))
