"""System checks: every open step keeps a way on and a clock, so every open case has a next action and a due date."""
from __future__ import annotations

from django.core.checks import Warning as CheckWarning
from django.core.checks import register
from django.db import DatabaseError


@register("cases")
def open_states_have_steps_and_clocks(app_configs=None, **kwargs) -> list[CheckWarning]:
    from fengqiao.cases.choices import StateKind
    from fengqiao.cases.models import DeadlineRule, State, Transition

    problems: list[CheckWarning] = []
    try:
        states = list(State.objects.filter(kind=StateKind.OPEN).select_related("process"))
        with_steps = set(Transition.objects.filter(is_active=True).values_list("from_state_id", flat=True))
        with_clocks = set(
            DeadlineRule.objects.filter(is_active=True, region__isnull=True).values_list("state_id", flat=True)
        )
    except DatabaseError:  # tables not created yet (before the first migrate)
        return problems
    for state in states:
        if state.pk not in with_steps:
            problems.append(CheckWarning(f"Open state {state.process.code}/{state.code} has no active transition.",
                                         hint="Add or re-activate a transition out of it.", id="cases.W001"))
        if state.pk not in with_clocks:
            problems.append(CheckWarning(f"Open state {state.process.code}/{state.code} has no default deadline rule.",
                                         hint="Add an active rule for all regions.", id="cases.W002"))
    return problems
