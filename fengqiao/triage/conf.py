"""Triage settings, each with a default (override in the Django settings module):

* ``TRIAGE_TIME_BUDGET_SECONDS`` (5): the longest one case's text analysis may take; past it the result
  stays pending and is retried, and the case itself is never held up.
* ``TRIAGE_MAX_ATTEMPTS`` (12): after this many failed attempts the periodic retry leaves the result alone
  (a person can still ask for a new analysis on the case page).
* ``TRIAGE_MODEL_DIR`` (VAR_DIR/models): where trained models are written by default.
* ``TRIAGE_MIN_RETRAIN_LABELS`` (50) and ``TRIAGE_MIN_RETRAIN_CLASSES`` (2): what retraining needs.
* ``TRIAGE_DISPUTE_TYPE_THRESHOLD`` (0.35): below this confidence the dispute type is shown as "不确定"
  (unsure) instead of a guess. Chosen on the project's own 128 written accounts: 10 fall below it and 7 of
  those are right, against 92 % of the rest. (A category's threshold is its CategorySetting row.)
* ``TRIAGE_FAULT`` ("" | "raise" | "timeout"): makes the engine wrapper fail on purpose, to exercise the
  pending/retry path in tests and in a staging drill. Never set it in production.
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings


def time_budget() -> float:
    return float(getattr(settings, "TRIAGE_TIME_BUDGET_SECONDS", 5.0))


def max_attempts() -> int:
    return int(getattr(settings, "TRIAGE_MAX_ATTEMPTS", 12))


def model_root() -> Path:
    return Path(getattr(settings, "TRIAGE_MODEL_DIR", Path(settings.VAR_DIR) / "models"))


def min_retrain_labels() -> int:
    return int(getattr(settings, "TRIAGE_MIN_RETRAIN_LABELS", 50))


def min_retrain_classes() -> int:
    return int(getattr(settings, "TRIAGE_MIN_RETRAIN_CLASSES", 2))


def dispute_type_threshold() -> float:
    return float(getattr(settings, "TRIAGE_DISPUTE_TYPE_THRESHOLD", 0.35))


def fault() -> str:
    return str(getattr(settings, "TRIAGE_FAULT", "") or "")
