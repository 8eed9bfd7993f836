"""The triage section of the case page: suggestions with one-click accept/correct, entities, the crisis flag,
similar earlier cases (only those the viewer may see) and the routing decision with the rule that fired."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from fengqiao.cases.models import Case, Category, DisputeType
from fengqiao.cases.permissions import can_manage, roles_for_case
from fengqiao.cases.selectors import departments_for_case
from fengqiao.core.masking import mask_id_number, mask_phone
from fengqiao.triage.choices import CRISIS_NONE, CrisisKind, LabelField, ResultStatus, SuggestionSource
from fengqiao.triage.models import TriageLabel
from fengqiao.triage.selectors import (
    manual_reason_texts,
    result_for_case,
    same_matter_for,
    similar_cases_for,
    tone_note_for,
    unsure_flags,
)

POLL_FOR = timedelta(minutes=5)


def _entities(result: Any) -> dict[str, list]:
    found = result.entities if result is not None else {}
    return {
        "persons": found.get("persons", []),
        "organisations": found.get("organisations", []),
        "parties": found.get("parties", []),
        "phones": [mask_phone(p) for p in found.get("phones", [])],
        "id_numbers": [mask_id_number(i) for i in found.get("id_numbers", [])],
        "invalid_id_numbers": [mask_id_number(i) for i in found.get("invalid_id_numbers", [])],
        "addresses": found.get("addresses", []),
    }


def _latest_labels(case: Case) -> dict[str, TriageLabel]:
    latest: dict[str, TriageLabel] = {}
    for label in TriageLabel.objects.filter(case=case).select_related("by").order_by("at", "id"):
        latest[label.field] = label
    return latest


def case_panel_context(request: HttpRequest, case: Case, *, error: str = "") -> dict[str, Any]:
    user = request.user
    result = result_for_case(case=case)
    can_act = bool(roles_for_case(user, case))
    can_route = (
        can_act
        and can_manage(user, case)
        and case.is_open
        and not case.lead_department_id
        and not case.lead_user_id
    )
    labels = _latest_labels(case)
    crisis_label = labels.get(LabelField.CRISIS)
    return {
        "triage": result,
        "triage_case": case,
        "triage_done": result is not None and result.status == ResultStatus.DONE,
        "triage_missing": result is None,
        "triage_pending": result is not None and result.status == ResultStatus.PENDING,
        "triage_poll": result is not None
        and result.status == ResultStatus.PENDING
        and timezone.now() - result.updated_at < POLL_FOR,
        "triage_failed": result is not None and result.status == ResultStatus.FAILED,
        "triage_no_model": result is not None and not (result.model_versions or {}).get("category"),
        "triage_inferred": result is not None and result.category_source == SuggestionSource.DISPUTE_TYPE,
        "triage_unsure": unsure_flags(result),
        "triage_can_act": can_act,
        "triage_can_route": can_route,
        "triage_categories": list(Category.objects.filter(is_active=True)),
        "triage_dispute_types": list(DisputeType.objects.all()),
        "triage_departments": list(departments_for_case(case=case)) if can_route else [],
        "triage_similar": similar_cases_for(user=user, result=result),
        "triage_entities": _entities(result),
        "triage_manual_reasons": manual_reason_texts(result)
        if result is None or result.needs_manual or not result.is_done
        else [],
        "triage_labels": labels,
        "triage_crisis_kinds": CrisisKind.choices,
        "triage_crisis_none": CRISIS_NONE,
        "triage_crisis_label_kind": crisis_label.chosen if crisis_label else "",
        "triage_crisis_kind_label": CrisisKind(result.crisis_kind).label
        if result and result.crisis_kind in CrisisKind.values
        else "",
        "triage_tone": tone_note_for(case=case) if can_act else [],
        "triage_error": error,
    }


def same_matter_context(request: HttpRequest, case: Case) -> dict[str, Any] | None:
    """Confirmed links show the note; suggestions are offered to those working on the case to answer."""
    view = same_matter_for(user=request.user, case=case)
    suggested = view.suggested if view.can_decide else []
    if not view.confirmed and not suggested:
        return None
    return {"same_matter_confirmed": view.confirmed, "same_matter_suggested": suggested}
