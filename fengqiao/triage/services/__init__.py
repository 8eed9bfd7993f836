"""Writes of the triage app: running triage, staff feedback and routing, routing rules, the model registry."""

from fengqiao.triage.services.feedback import triage_feedback, triage_route
from fengqiao.triage.services.registry import model_activate, model_deactivate, model_register, model_rollback
from fengqiao.triage.services.routing import (
    category_settings_seed,
    routing_rule_deactivate,
    routing_rule_save,
    routing_seed_defaults,
)
from fengqiao.triage.services.run import (
    crisis_dispatch,
    triage_backfill,
    triage_enqueue,
    triage_request,
    triage_requeue_stale,
    triage_rerun,
    triage_run,
)
from fengqiao.triage.services.same_matter import same_matter_decide, same_matter_suggest
from fengqiao.triage.services.training import model_retrain, model_train

__all__ = [
    "category_settings_seed",
    "crisis_dispatch",
    "model_activate",
    "model_deactivate",
    "model_register",
    "model_retrain",
    "model_rollback",
    "model_train",
    "routing_rule_deactivate",
    "routing_rule_save",
    "routing_seed_defaults",
    "same_matter_decide",
    "same_matter_suggest",
    "triage_backfill",
    "triage_enqueue",
    "triage_feedback",
    "triage_request",
    "triage_requeue_stale",
    "triage_rerun",
    "triage_route",
    "triage_run",
]
