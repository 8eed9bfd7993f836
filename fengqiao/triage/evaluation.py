"""Measuring a model on a labelled file: accuracy, macro-F1 and per-class precision/recall/F1/support."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from fengqiao.triage.engine import classifier, dispute_types
from fengqiao.triage.engine import crisis as crisis_engine


def report(y_true: Sequence[str], y_pred: Sequence[str]) -> dict[str, Any]:
    """Accuracy, macro-F1 over the classes present in `y_true`, and per-class figures."""
    from sklearn.metrics import precision_recall_fscore_support

    labels = sorted(set(y_true) | set(y_pred))
    present = [lbl for lbl in labels if lbl in set(y_true)]
    n = len(y_true)
    if not n:
        return {"n": 0, "accuracy": 0.0, "macro_f1": 0.0, "per_class": {}}
    prec, rec, f1, sup = precision_recall_fscore_support(y_true, y_pred, labels=labels, zero_division=0)
    index = {lbl: i for i, lbl in enumerate(labels)}
    return {
        "n": n,
        "accuracy": sum(a == b for a, b in zip(y_true, y_pred, strict=True)) / n,
        "macro_f1": float(sum(f1[index[lbl]] for lbl in present) / len(present)),
        "per_class": {
            lbl: {
                "precision": float(prec[index[lbl]]),
                "recall": float(rec[index[lbl]]),
                "f1": float(f1[index[lbl]]),
                "support": int(sup[index[lbl]]),
            }
            for lbl in present
        },
    }


def evaluate_category(model: classifier.CategoryModel, texts: list[str], labels: list[str]) -> dict[str, Any]:
    return classifier.evaluate(model, texts, labels)


def _type_code(label: str) -> str:
    label = label.strip()
    if label in dispute_types.TYPES:
        return label
    by_name = {name: code for code, name in dispute_types.TYPES.items()}
    return by_name.get(label, label)


def evaluate_dispute_types(model: Any, texts: list[str], labels: list[str]) -> dict[str, Any]:
    """Labels may be type codes or their Chinese names (劳动争议 ...); `model` None means the built-in rules."""
    predicted = [r.type_code for r in dispute_types.classify_many(texts, model=model)]
    return report([_type_code(lbl) for lbl in labels], predicted)


def evaluate_crisis(model: Any, texts: list[str], labels: list[str], *, is_true) -> dict[str, Any]:
    """Crisis vs not; `model` None means the built-in lexicon."""
    predicted = [
        "crisis" if r.is_crisis else "not_crisis" for r in crisis_engine.detect_many(texts, model=model)
    ]
    return report(["crisis" if is_true(lbl) else "not_crisis" for lbl in labels], predicted)
