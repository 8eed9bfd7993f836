"""The case page's care section: shown for a case with crisis language, a referral or a report to the police,
and to anyone who may report to the police (a mediator or center officer of the area); hotlines first."""
from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from fengqiao.care.models import PoliceReport, Referral
from fengqiao.care.selectors import hotlines_for, referral_visible_q
from fengqiao.care.services.police import may_report
from fengqiao.cases.models import Case


def _triage_crisis_kind(case: Case) -> str:
    from fengqiao.triage.selectors import crisis_kind_for

    return crisis_kind_for(case=case)


def case_panel_context(request: HttpRequest, case: Case) -> dict[str, Any] | None:
    referrals = list(Referral.objects.filter(case=case).select_related("counsellor").order_by("-opened_at", "-id"))
    reports = list(PoliceReport.objects.filter(case=case).select_related("department", "sent_by"))
    crisis_kind = _triage_crisis_kind(case)
    can_report = case.is_open and may_report(request.user, case)
    if not referrals and not crisis_kind and not reports and not can_report:
        return None
    openable = set(
        Referral.objects.filter(referral_visible_q(request.user), case=case).values_list("pk", flat=True)
    )
    kinds = {r.kind for r in referrals} | ({crisis_kind} if crisis_kind else set())
    return {
        "care_referrals": [(r, r.pk in openable) for r in referrals],
        "care_hotlines": hotlines_for(kinds) if kinds else [],
        "care_crisis": bool(kinds),
        "care_police_reports": reports,
        "care_can_report": can_report,
    }
