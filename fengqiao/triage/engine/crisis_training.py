"""Training of the optional crisis model of :mod:`.crisis` (nothing trained is shipped with the project).

:func:`train_model` fits the model on the user's own labelled texts, chooses its decision threshold by
cross-validation on those texts and records the cross-validated figures in its metadata.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any, cast

from .crisis import CrisisModel, lexicon_score, model_cues, model_text

_SENT_SPLIT = re.compile(r"(?<=[。！？!?；;])")


def _chunks(doc: str, k: int) -> list[str]:
    """Up to ``k`` sentence-sized pieces (8-80 chars) of a long text, spread out."""
    if len(doc) < 120 or k <= 0:
        return []
    sents = [x.strip() for x in _SENT_SPLIT.split(doc) if 8 <= len(x.strip()) <= 80]
    if not sents:
        return []
    step = max(1, len(sents) // k)
    return sents[::step][:k]


def train_model(
    texts: Sequence[object],
    labels: Sequence[bool | int],
    *,
    ordinary: Sequence[bool] | None = None,
    target_recall: float = 0.96,
    C: float = 10.0,
    hard_negative_weight: float = 10.0,
    cv_folds: int = 5,
    random_state: int = 0,
    negative_chunks: int = 2,
    specialist_weight: float | None = None,
) -> CrisisModel:
    """Train a crisis model: logistic regression on character 1-4-grams and jieba word 1-2-grams
    (:class:`~fengqiao.triage.engine.crisis_features.CrisisFeatures`).

    ``labels`` are truthy for crisis texts.  Include plenty of ordinary
    in-domain texts (complaints, case accounts) as negatives: a model trained
    only on social-media posts learns the genre, not the crisis.  ``ordinary``
    marks those (e.g. the rows of ``--negatives``); the other negatives are
    hard ones (distress below the positive level), weighted
    ``hard_negative_weight`` times, since telling them apart is the model's job.

    The decision threshold is chosen by cross-validation
    (:func:`~fengqiao.triage.engine.crisis_features.choose_threshold`): the best
    precision on positives and hard negatives among the thresholds at which the
    recall of the rules and the model together (as :func:`detect` uses them)
    reaches ``target_recall``.  It is stored in the model and its metadata with
    the cross-validated recall, precision and ordinary-text flag rate.

    With enough hard negatives (``ordinary`` given), a specialist trained on the positives and hard negatives
    alone is combined with the main model (weighted geometric mean, ``specialist_weight`` its share, default
    :data:`~fengqiao.triage.engine.crisis_features.SPECIALIST_WEIGHT`; 0 turns it off), in the
    cross-validation as in the saved model.
    """
    import numpy as np
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import StratifiedKFold

    from fengqiao.triage.engine.crisis_features import (
        MIN_HARD_FOR_SPECIALIST,
        SPECIALIST_WEIGHT,
        CrisisFeatures,
        choose_threshold,
        combine,
        fit_specialist,
    )

    n = len(texts)
    docs = [model_text(t) for t in texts]
    y = np.array([1 if lbl else 0 for lbl in labels])
    plain = np.zeros(n, dtype=bool) if ordinary is None else np.array([bool(o) for o in ordinary], dtype=bool)
    if len(plain) != n:
        raise ValueError("ordinary 与文本数量不一致 / ordinary must match texts")
    hard = (y == 0) & ~plain if ordinary is not None else np.zeros(n, dtype=bool)
    if negative_chunks:
        # long negatives also yield short sentence-sized negatives, so that the
        # model does not learn "short text = crisis" from social-media posts;
        # they are only ever trained on, never scored in the cross-validation
        extra = [c for d, lbl in zip(docs, y, strict=True) if not lbl for c in _chunks(d, negative_chunks)]
        docs += extra
        y = np.concatenate([y, np.zeros(len(extra), dtype=int)])
    if y.min() == y.max():
        raise ValueError("需要正负两类样本 / need both crisis and non-crisis examples")
    weight = np.ones(len(docs))
    weight[:n][hard] = hard_negative_weight

    # the vocabulary and idf weights use no labels: fitted once on all texts,
    # which keeps the cross-validation below cheap
    vec = CrisisFeatures(min_df=2 if len(docs) >= 200 else 1)
    X = vec.fit_transform(docs)

    def fit(idx: np.ndarray) -> Any:
        clf = LogisticRegression(
            C=C, class_weight="balanced", solver="liblinear", max_iter=1000, random_state=random_state
        )
        clf.fit(X[idx], y[idx], sample_weight=weight[idx])
        return clf

    yn = y[:n]
    sw = SPECIALIST_WEIGHT if specialist_weight is None else specialist_weight
    # the specialist's rows: the positives and the hard negatives (no ordinary texts, no pieces)
    own = np.flatnonzero((yn == 1) | hard)
    use_specialist = sw > 0 and int(hard.sum()) >= MIN_HARD_FOR_SPECIALIST and int(yn.sum()) >= 2

    def score(idx: np.ndarray, rows: np.ndarray) -> np.ndarray:
        main = fit(idx).predict_proba(X[rows])[:, 1]
        if not use_specialist:
            return main
        mine = np.intersect1d(idx, own)
        spec = fit_specialist(X[mine], y[mine], random_state=random_state).predict_proba(X[rows])[:, 1]
        return combine(main, spec, sw)

    folds = min(cv_folds, int(np.bincount(yn, minlength=2).min()))
    if folds >= 2:
        oof = np.zeros(n)
        strata = np.where(yn == 1, 2, np.where(hard, 1, 0))
        if np.bincount(strata).min() < folds:
            strata = yn
        chunk_rows = np.arange(n, len(docs))
        skf = StratifiedKFold(folds, shuffle=True, random_state=random_state)
        for tr, te in skf.split(np.zeros(n), strata):
            oof[te] = score(np.concatenate([tr, chunk_rows]), te)
        # detect() flags a text when the rules or the model do, and the model
        # alone only a text with a cue of its own
        by_rules = np.array([lexicon_score(cast(str, t)).is_crisis for t in texts], dtype=np.bool_)
        backed = np.array([bool(model_cues(t)) for t in texts], dtype=np.bool_)
        chosen = choose_threshold(oof, yn == 1, by_rules, backed, hard, target_recall=target_recall)
    else:
        nan = float("nan")
        chosen = {"threshold": 0.5, "cv_recall": nan, "cv_precision": nan, "cv_ordinary_flag_rate": nan,
                  "cv_hard_negative_flag_rate": nan}  # fmt: skip
    clf = fit(np.arange(len(docs)))
    specialist = fit_specialist(X[own], y[own], random_state=random_state) if use_specialist else None
    meta = {
        "kind": "fengqiao.triage.crisis",
        "features": "char 1-4 + jieba words 1-2, tf-idf; logistic regression"
        + (f" x specialist (positives vs hard negatives), geometric weight {sw}" if use_specialist else ""),
        "n": len(docs),
        "n_positive": int(y.sum()),
        "n_hard_negative": int(hard.sum()),
        "cv_folds": folds if folds >= 2 else 0,
        **chosen,
        # the share of every negative the model flags in the cross-validation (kept for older readers)
        "cv_negative_flag_rate": chosen["cv_ordinary_flag_rate"],
        "target_recall": target_recall,
        "C": C,
        "hard_negative_weight": hard_negative_weight,
    }
    return CrisisModel(
        vec, clf, float(chosen["threshold"]), meta, specialist, sw if specialist is not None else 0.0
    )
