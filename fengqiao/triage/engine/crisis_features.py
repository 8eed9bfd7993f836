"""Features and the decision threshold of the trainable crisis model (:mod:`.crisis`).

* :class:`CrisisFeatures`: TF-IDF of character 1-4-grams and of jieba word 1-2-grams, side by side.  Picklable
  (no lambdas), so a saved model loads in another process.
* :func:`choose_threshold`: from out-of-fold scores, the threshold at which the verdict that ``detect`` gives
  (the rules OR the model above its threshold, backed by a cue) keeps the recall target at the best precision.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from fengqiao.triage.engine.text import words

CHAR_NGRAM = (1, 4)
WORD_NGRAM = (1, 2)


def _space_words(doc: str) -> str:
    return " ".join(words(doc))


class CrisisFeatures:
    """Character 1-4-grams and jieba word 1-2-grams of a (masked) text, TF-IDF weighted and stacked."""

    def __init__(self, *, min_df: int = 2, max_char: int = 400_000, max_word: int = 200_000) -> None:
        from sklearn.feature_extraction.text import TfidfVectorizer

        kw: dict[str, Any] = dict(sublinear_tf=True, min_df=min_df, dtype=np.float32)
        self.char = TfidfVectorizer(analyzer="char", ngram_range=CHAR_NGRAM, max_features=max_char, **kw)
        self.word = TfidfVectorizer(
            tokenizer=str.split, token_pattern=None, lowercase=False, ngram_range=WORD_NGRAM,
            max_features=max_word, **kw,
        )  # fmt: skip

    def fit_transform(self, docs: Sequence[str]) -> Any:
        import scipy.sparse as sp

        return sp.hstack(
            [self.char.fit_transform(docs), self.word.fit_transform([_space_words(d) for d in docs])]
        ).tocsr()

    def transform(self, docs: Sequence[str]) -> Any:
        import scipy.sparse as sp

        return sp.hstack(
            [self.char.transform(docs), self.word.transform([_space_words(d) for d in docs])]
        ).tocsr()


def choose_threshold(
    scores: np.ndarray,
    positive: np.ndarray,
    by_rules: np.ndarray,
    backed: np.ndarray,
    hard: np.ndarray,
    *,
    target_recall: float,
) -> dict[str, float]:
    """The threshold with the best precision among those whose recall reaches ``target_recall``.

    All arrays are per training text: out-of-fold model ``scores``, ``positive`` labels, ``by_rules`` (the rules
    flag it), ``backed`` (it holds a cue of its own) and ``hard`` (a negative of the positives' own kind, e.g. a
    post below the positive level; precision is measured on positives and these, as on a test file of that kind;
    ordinary negatives give the ``ordinary_flag_rate``).  When no threshold reaches the target, the lowest one is
    taken (the highest recall the model can give)."""
    positive = positive.astype(bool)
    n_pos = max(int(positive.sum()), 1)
    judged = positive | hard
    ordinary = ~positive & ~hard
    candidates = np.unique(np.concatenate([scores[positive & ~by_rules & backed], [1.0]]))
    best: dict[str, float] | None = None
    row: dict[str, float] = {}
    for t in candidates[::-1]:  # from the highest threshold down: recall only grows
        flagged = by_rules | ((scores >= t) & backed)
        recall = float(np.sum(flagged & positive)) / n_pos
        precision = float(np.sum(flagged & positive)) / max(int(np.sum(flagged & judged)), 1)
        row = {
            "threshold": float(t),
            "cv_recall": recall,
            "cv_precision": precision,
            "cv_ordinary_flag_rate": float(np.mean(flagged[ordinary])) if ordinary.any() else float("nan"),
            "cv_hard_negative_flag_rate": float(np.mean(flagged[hard])) if hard.any() else float("nan"),
        }
        if recall >= target_recall and (best is None or precision > best["cv_precision"]):
            best = row
    return best if best is not None else row  # row: the lowest threshold, the highest recall
