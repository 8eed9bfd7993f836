"""Department-category text classifier (trained on the user's own labelled data).

Method (chosen by 5-fold cross-validation on the government-message training
file, see ``bench/triage_category.py``): TF-IDF over character 1-2-grams of the
whole text, jieba words, and character 1-2-grams of the first 40 characters
(usually the title), combined; then one-vs-rest linear SVMs over
Naive-Bayes log-count-ratio scaled features ("NBSVM", Wang & Manning 2012).
Confidences are a softmax of the decision scores with a temperature fitted on
cross-validated scores.  The SVMs' C is 4: over the same 5 folds C = 1 gave
macro-F1 0.925, C = 2 0.926, C = 4 0.926, C = 8 0.926; character 1-3-grams,
word bigrams, a separate title block, class weights, per-class score offsets,
nearest-neighbour overrides and averaging with a logistic regression or a
plain linear SVM gave nothing (0.920-0.925), see ``bench/triage_category.py``.
Nor did (same folds, CV macro-F1): adding the scores of other views (jieba
search-mode words, character 2-4-grams, word 1-2-grams, a plain SVM,
complement or multinomial naive Bayes; 0.918-0.926), stacking five views
under a logistic regression (0.927, five times the prediction cost), NB-SVM
weight interpolation (0.898-0.918), NB smoothing 0.5 (0.923), a
Crammer-Singer SVM (0.922), other block weights (0.922-0.924), max_df 0.3,
char min_df 1 or plain tf (0.921-0.926), per-class offsets fitted on the
training folds (0.925) and features from the label hierarchy's sub-category
names (0.923-0.926).

A saved model is a directory with ``model.joblib`` and ``meta.json``.  Loading
a model unpickles it: only load model directories you created yourself.
"""

from __future__ import annotations

import json
import math
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
import scipy.sparse as sp

from .text import normalize, words

MODEL_FORMAT_VERSION = 1
MODEL_FILE = "model.joblib"
META_FILE = "meta.json"
PREDICT_MAX_CHARS = 4000

DEFAULT_PARAMS: dict[str, Any] = {
    "char_ngram": [1, 2],
    "char_min_df": 2,
    "word_min_df": 1,
    "head_chars": 40,
    "head_weight": 0.5,
    "C": 4.0,
    "nb_alpha": 1.0,
    "max_chars": PREDICT_MAX_CHARS,
    "cv_folds": 3,
    "random_state": 0,
}


class ModelError(Exception):
    """A model directory is missing, unreadable or of an unknown format."""


def _prep(texts: Sequence[object], max_chars: int) -> list[str]:
    return [normalize(t, max_chars) for t in texts]


@dataclass
class Views:
    chars: list[str]
    words: list[str]
    heads: list[str]

    def subset(self, idx: Sequence[int]) -> Views:
        return Views([self.chars[i] for i in idx], [self.words[i] for i in idx], [self.heads[i] for i in idx])


class _Featurizer:
    """Fits and applies the three TF-IDF blocks."""

    def __init__(self, params: dict[str, Any], n_docs: int) -> None:
        from sklearn.feature_extraction.text import TfidfVectorizer

        self.params = params
        small = n_docs < 200
        lo, hi = params["char_ngram"]
        kw = dict(sublinear_tf=True, dtype=np.float32, lowercase=True)
        self.char = TfidfVectorizer(
            analyzer="char", ngram_range=(lo, hi), min_df=1 if small else params["char_min_df"], **kw
        )
        self.word = TfidfVectorizer(
            tokenizer=str.split, token_pattern=None, min_df=1 if small else params["word_min_df"], **kw
        )
        self.head = TfidfVectorizer(analyzer="char", ngram_range=(lo, hi), min_df=1, **kw)

    def views(self, docs: list[str]) -> Views:
        """The three inputs of the blocks: text, jieba words, head."""
        hc = self.params["head_chars"]
        return Views(docs, [" ".join(words(d)) for d in docs], [d[:hc] for d in docs])

    def fit_transform(self, v: Views) -> sp.csr_matrix:
        hw = self.params["head_weight"]
        blocks = [
            self.char.fit_transform(v.chars),
            self.word.fit_transform(v.words),
            self.head.fit_transform(v.heads) * hw,
        ]
        return self._stack(blocks)

    def transform(self, v: Views) -> sp.csr_matrix:
        hw = self.params["head_weight"]
        blocks = [
            self.char.transform(v.chars),
            self.word.transform(v.words),
            self.head.transform(v.heads) * hw,
        ]
        return self._stack(blocks)

    @staticmethod
    def _stack(blocks: list[sp.spmatrix]) -> sp.csr_matrix:
        return sp.hstack(blocks, format="csr", dtype=np.float32)


def _fit_nbsvm(
    X: sp.csr_matrix, y: np.ndarray, classes: list[str], C: float, alpha: float, seed: int
) -> tuple[np.ndarray, np.ndarray]:
    """One-vs-rest NB-scaled linear SVMs; returns (coef, intercept) in the
    original feature space (the NB ratios are folded into the weights)."""
    from sklearn.svm import LinearSVC

    Xb = X.copy()
    Xb.data = np.ones_like(Xb.data)
    coef = np.zeros((len(classes), X.shape[1]), dtype=np.float32)
    intercept = np.zeros(len(classes), dtype=np.float32)
    for k, label in enumerate(classes):
        pos_mask = y == label
        pos = np.asarray(Xb[pos_mask].sum(axis=0)).ravel() + alpha
        neg = np.asarray(Xb[~pos_mask].sum(axis=0)).ravel() + alpha
        r = np.log((pos / pos.sum()) / (neg / neg.sum())).astype(np.float32)
        svm = LinearSVC(C=C, random_state=seed, max_iter=5000)
        svm.fit(X @ sp.diags(r), pos_mask.astype(int))
        coef[k] = svm.coef_.ravel() * r
        intercept[k] = svm.intercept_[0]
    return coef, intercept


def _softmax(scores: np.ndarray, temperature: float) -> np.ndarray:
    z = scores / max(temperature, 1e-6)
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


def _fit_temperature(scores: np.ndarray, y_idx: np.ndarray) -> float:
    best_t, best_nll = 1.0, math.inf
    for t in np.exp(np.linspace(np.log(0.02), np.log(5.0), 60)):
        p = _softmax(scores, float(t))[np.arange(len(y_idx)), y_idx]
        nll = float(-np.mean(np.log(np.clip(p, 1e-12, 1.0))))
        if nll < best_nll:
            best_t, best_nll = float(t), nll
    return best_t


@dataclass
class CategoryModel:
    """A trained text classifier.  Use :func:`train` or :meth:`load` to get one."""

    classes: list[str]
    featurizer: Any
    coef: np.ndarray
    intercept: np.ndarray
    temperature: float = 1.0
    meta: dict[str, Any] = field(default_factory=dict)

    def decision_function(self, texts: Sequence[object]) -> np.ndarray:
        """Raw per-class scores, shape (len(texts), len(classes))."""
        if len(texts) == 0:
            return np.zeros((0, len(self.classes)), dtype=np.float32)
        max_chars = int(self.featurizer.params.get("max_chars", PREDICT_MAX_CHARS))
        f = self.featurizer
        X = f.transform(f.views(_prep(texts, max_chars)))
        return np.asarray(X @ self._coef_t()) + self.intercept

    def _coef_t(self) -> np.ndarray:
        # a C-contiguous (features x classes) copy: scipy would otherwise copy
        # the transposed view of the whole weight matrix on every call
        ct = self.__dict__.get("_coef_t_cache")
        if ct is None or ct.shape != self.coef.T.shape:
            ct = np.ascontiguousarray(self.coef.T)
            self.__dict__["_coef_t_cache"] = ct
        return ct

    def predict_proba(self, texts: Sequence[object]) -> np.ndarray:
        """Calibrated class probabilities, columns in ``self.classes`` order."""
        return _softmax(self.decision_function(texts), self.temperature)

    def predict(self, texts: Sequence[object]) -> list[tuple[str, float]]:
        """``(label, confidence)`` for each text; confidence in 0..1."""
        proba = self.predict_proba(texts)
        idx = proba.argmax(axis=1) if len(proba) else np.zeros(0, dtype=int)
        return [(self.classes[i], float(proba[r, i])) for r, i in enumerate(idx)]

    def predict_one(self, text: object) -> tuple[str, float]:
        return self.predict([text])[0]

    def save(self, directory: str | Path) -> Path:
        """Write ``model.joblib`` and ``meta.json`` into ``directory``."""
        import joblib

        d = Path(directory)
        d.mkdir(parents=True, exist_ok=True)
        payload = {
            "format": MODEL_FORMAT_VERSION,
            "classes": self.classes,
            "featurizer": self.featurizer,
            "coef": self.coef,
            "intercept": self.intercept,
            "temperature": self.temperature,
        }
        joblib.dump(payload, d / MODEL_FILE, compress=3)
        (d / META_FILE).write_text(json.dumps(self.meta, ensure_ascii=False, indent=2), encoding="utf-8")
        return d

    @classmethod
    def load(cls, directory: str | Path) -> CategoryModel:
        """Load a model saved with :meth:`save` (trusted directories only)."""
        import joblib

        d = Path(directory)
        if not (d / MODEL_FILE).is_file():
            raise ModelError(f"模型文件不存在 / model file not found: {d / MODEL_FILE}")
        try:
            payload = joblib.load(d / MODEL_FILE)
        except Exception as exc:
            raise ModelError(f"无法读取模型 / cannot read model: {type(exc).__name__}") from exc
        if not isinstance(payload, dict) or payload.get("format") != MODEL_FORMAT_VERSION:
            found = payload.get("format") if isinstance(payload, dict) else None
            raise ModelError(
                f"模型格式不兼容（由其他版本写入：格式 {found}，本版本读取格式 {MODEL_FORMAT_VERSION}），请重新训练"
                f" / incompatible model format (written by another version: format {found}, this version reads"
                f" format {MODEL_FORMAT_VERSION}); train the model again"
            )
        meta: dict[str, Any] = {}
        if (d / META_FILE).is_file():
            meta = json.loads((d / META_FILE).read_text(encoding="utf-8"))
        return cls(
            classes=list(payload["classes"]),
            featurizer=payload["featurizer"],
            coef=payload["coef"],
            intercept=payload["intercept"],
            temperature=float(payload["temperature"]),
            meta=meta,
        )


def _fit(views: Views, y: np.ndarray, classes: list[str], params: dict[str, Any]):
    feat = _Featurizer(params, len(views.chars))
    X = feat.fit_transform(views)
    coef, intercept = _fit_nbsvm(X, y, classes, params["C"], params["nb_alpha"], params["random_state"])
    return feat, coef, intercept


def train(
    texts: Sequence[object],
    labels: Sequence[object],
    *,
    params: dict[str, Any] | None = None,
    source_name: str = "",
) -> CategoryModel:
    """Train a :class:`CategoryModel`.

    Runs a stratified ``cv_folds``-fold cross-validation first (when every class
    has enough examples) to fit the confidence temperature and to record
    cross-validated metrics in ``meta``.
    """
    from sklearn.model_selection import StratifiedKFold

    p = {**DEFAULT_PARAMS, **(params or {})}
    if len(texts) != len(labels):
        raise ValueError("texts and labels differ in length")
    y = np.array([str(lbl).strip() for lbl in labels], dtype=object)
    keep = np.array([bool(lbl) for lbl in y], dtype=bool)
    docs = [d for d, k in zip(_prep(texts, int(p["max_chars"])), keep, strict=True) if k]
    y = y[keep]
    counts = Counter(y.tolist())
    classes = sorted(counts)
    if len(classes) < 2:
        raise ValueError("至少需要两个类别 / need at least two classes")
    started = time.perf_counter()
    views = _Featurizer(p, len(docs)).views(docs)

    cv_metrics: dict[str, Any] = {}
    temperature = 1.0
    folds = min(int(p["cv_folds"]), min(counts.values()))
    if folds >= 2:
        scores = np.zeros((len(docs), len(classes)), dtype=np.float32)
        skf = StratifiedKFold(folds, shuffle=True, random_state=p["random_state"])
        for tr, te in skf.split(np.zeros(len(docs)), y):
            feat, coef, icpt = _fit(views.subset(tr), y[tr], classes, p)
            scores[te] = np.asarray(feat.transform(views.subset(te)) @ coef.T) + icpt
        y_idx = np.array([classes.index(v) for v in y])
        temperature = _fit_temperature(scores, y_idx)
        pred = [classes[i] for i in scores.argmax(axis=1)]
        m = _metrics(list(y), pred)
        cv_metrics = {"folds": folds, "accuracy": m["accuracy"], "macro_f1": m["macro_f1"]}

    feat, coef, icpt = _fit(views, y, classes, p)
    meta = {
        "kind": "fengqiao.triage.category",
        "version": MODEL_FORMAT_VERSION,
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
        "classes": classes,
        "training_data": {"n": len(docs), "per_class": dict(sorted(counts.items())), "source": source_name},
        "cv_metrics": cv_metrics,
        "params": p,
        "temperature": temperature,
        "train_seconds": round(time.perf_counter() - started, 2),
        "sklearn_version": _sklearn_version(),
    }
    return CategoryModel(classes, feat, coef, icpt, temperature, meta)


def _sklearn_version() -> str:
    import sklearn

    return sklearn.__version__


def _metrics(y_true: list[str], y_pred: list[str]) -> dict[str, Any]:
    from sklearn.metrics import precision_recall_fscore_support

    labels = sorted(set(y_true) | set(y_pred))
    prec, rec, f1, sup = precision_recall_fscore_support(y_true, y_pred, labels=labels, zero_division=0)
    present = [i for i, lbl in enumerate(labels) if lbl in set(y_true)]
    n = len(y_true)
    return {
        "n": n,
        "accuracy": float(np.mean([a == b for a, b in zip(y_true, y_pred, strict=True)])) if n else 0.0,
        "macro_f1": float(np.mean([f1[i] for i in present])) if present else 0.0,
        "per_class": {
            labels[i]: {
                "precision": float(prec[i]),
                "recall": float(rec[i]),
                "f1": float(f1[i]),
                "support": int(sup[i]),
            }
            for i in present
        },
    }


def evaluate(model: CategoryModel, texts: Sequence[object], labels: Sequence[object]) -> dict[str, Any]:
    """Accuracy, macro-F1 (over the true labels) and per-class figures."""
    if len(texts) != len(labels):
        raise ValueError("texts and labels differ in length")
    pred = [lbl for lbl, _ in model.predict(texts)]
    return _metrics([str(v).strip() for v in labels], pred)


def save(model: CategoryModel, directory: str | Path) -> Path:
    return model.save(directory)


def load(directory: str | Path) -> CategoryModel:
    return CategoryModel.load(directory)
