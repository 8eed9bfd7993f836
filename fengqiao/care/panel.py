"""The case page's care section: shown for a case with crisis language or a referral; hotlines first."""
from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from fengqiao.care.models import Referral
from fengqiao.care.selectors import hotlines_for, referral_visible_q
from fengqiao.cases.models import Case


def _triage_crisis_kind(case: Case) -> str:
    from fengqiao.triage.models import TriageResult

    result = TriageResult.objects.filter(case=case, crisis=True).values_list("crisis_kind", flat=True).first()
    return result or ""


def case_panel_context(request: HttpRequest, case: Case) -> dict[str, Any] | None:
    referrals = list(Referral.objects.filter(case=case).select_related("counsellor").order_by("-opened_at", "-id"))
    crisis_kind = _triage_crisis_kind(case)
    if not referrals and not crisis_kind:
        return None
    openable = set(
        Referral.objects.filter(referral_visible_q(request.user), case=case).values_list("pk", flat=True)
    )
    kinds = {r.kind for r in referrals} | ({crisis_kind} if crisis_kind else set())
    return {
        "care_referrals": [(r, r.pk in openable) for r in referrals],
        "care_hotlines": hotlines_for(kinds),
    }
