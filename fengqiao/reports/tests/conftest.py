"""A county's history written through the public case and follow-up services, with each write's events
delivered as its transaction commits (as in production): cases in several regions, processes, channels,
categories and months; steps, closings, a transfer, a reopening, a refusal, a classification, a due date the
parties agreed, follow-up calls and a portal rating."""
from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from fengqiao.cases.models import Case, Category, DisputeType
from fengqiao.cases.services import case_classify, case_transition
from fengqiao.cases.services.agreed import case_step_due_agreed
from fengqiao.followup.models import FollowUp
from fengqiao.followup.services import followup_call_record, followup_rate_by_resident
from fengqiao.testing.factories import make_case


def days_ago(days: int) -> dt.datetime:
    return timezone.now() - dt.timedelta(days=days)


@pytest.fixture
def history(county, other_county, fresh, django_capture_on_commit_callbacks):
    def commit(write, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return write(**kwargs)

    def step(case, action, user=None, **kwargs):
        return commit(case_transition, case=Case.objects.get(pk=case.pk), action=action,
                      acting_user=fresh(user or county.center), **kwargs)

    def new(region, **kwargs):
        return commit(make_case, acting_user=county.center if region.path.startswith(county.county.path)
                      else other_county.center, region=region, **kwargs)

    labour_category = Category.objects.filter(is_active=True).first()
    settled = new(county.grid, received_at=days_ago(70), category=labour_category)
    for action in ("accept", "succeed", "close"):
        settled = step(settled, action)
    commit(followup_call_record, followup=FollowUp.objects.get(case=settled), acting_user=fresh(county.center),
           reached=True, settled="yes", satisfaction="satisfied")

    stalled = new(county.other_grid, received_at=days_ago(40), channel="letter")  # never accepted: overdue

    order = new(county.grid, process="workorder", channel="hotline", title="路灯不亮",
                narrative="柳湾社区东门路灯坏了一个月，晚上出行不便。")
    order = step(order, "close", note="已联系供电所当天修复")
    order = step(order, "reopen", note="路灯又坏了")
    order = step(order, "reply", note="已更换灯具")
    commit(followup_rate_by_resident, case=Case.objects.get(pk=order.pk), settled="no", satisfaction="dissatisfied")

    moved = new(county.grid, received_at=days_ago(12), category=labour_category)
    moved = step(moved, "assign", to_department=county.labour)
    moved = step(moved, "transfer", to_department=county.police, note="属治安纠纷")

    commit(case_classify, case=Case.objects.get(pk=moved.pk), acting_user=fresh(county.center),
           field="dispute_type", value=DisputeType.objects.first())

    agreed = new(county.grid, received_at=days_ago(40))  # overdue until the parties agree a later day
    agreed = step(agreed, "accept")
    commit(case_step_due_agreed, case=Case.objects.get(pk=agreed.pk), acting_user=fresh(county.center),
           due_on=timezone.localdate() + dt.timedelta(days=10), consent="双方当事人书面同意延长调解期限")

    petition = new(county.grid, process="petition", received_at=days_ago(3))
    step(petition, "decline", note="该事项已由人民法院作出生效判决", channel="litigation")

    at_street = new(county.street, channel="online")
    elsewhere = new(other_county.grid)
    return {"settled": settled, "stalled": stalled, "order": order, "moved": moved, "agreed": agreed, "petition": petition,
            "at_street": at_street, "elsewhere": elsewhere}
