"""The crisis model is trained by :mod:`fengqiao.triage.engine.crisis_training`; the detector module keeps no
training code, and ``crisis.train_model`` (kept for its callers) gives the very same model."""

from __future__ import annotations

import inspect

import numpy as np
import pytest

from fengqiao.triage.engine import crisis, crisis_training
from fengqiao.triage.tests.crisis_sentences import DANGER, HARD_NEGATIVES
from fengqiao.triage.tests.test_crisis_training import MILD


def _data() -> tuple[list[str], list[int], list[bool]]:
    texts = DANGER[:40] + MILD * 6 + HARD_NEGATIVES[:50]
    labels = [1] * 40 + [0] * (len(MILD) * 6 + 50)
    ordinary = [False] * (40 + len(MILD) * 6) + [True] * 50
    return texts, labels, ordinary


def test_the_detector_module_holds_no_training_code():
    source = inspect.getsource(crisis)
    assert "LogisticRegression" not in source and "StratifiedKFold" not in source
    assert "LogisticRegression" in inspect.getsource(crisis_training)


def test_crisis_train_model_gives_the_model_of_the_training_module():
    texts, labels, ordinary = _data()
    direct = crisis_training.train_model(texts, labels, ordinary=ordinary, cv_folds=3)
    through = crisis.train_model(texts, labels, ordinary=ordinary, cv_folds=3)
    assert isinstance(through, crisis.CrisisModel)
    assert through.threshold == pytest.approx(direct.threshold)
    probe = [DANGER[-1], HARD_NEGATIVES[-1], MILD[0]]
    assert np.allclose(through.proba(probe), direct.proba(probe))
    assert through.meta["n_positive"] == direct.meta["n_positive"] == 40


def test_options_reach_the_training_module():
    texts, labels, ordinary = _data()
    off = crisis.train_model(texts, labels, ordinary=ordinary, cv_folds=3, specialist_weight=0.0)
    assert off.specialist is None and off.specialist_weight == 0.0
    with pytest.raises(TypeError):
        crisis.train_model(texts, labels, no_such_option=1)
