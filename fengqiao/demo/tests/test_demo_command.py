"""`fengqiao demo` in a test database: what it loads, that it loads once, and that it refuses outside demo mode."""
from __future__ import annotations

import io
from collections import Counter

import pytest
from django.contrib.auth import authenticate
from django.core.checks import run_checks
from django.core.management import call_command
from django.core.management.base import CommandError

from fengqiao.accounts.models import Membership, User
from fengqiao.audit.models import AuditEntry
from fengqiao.cases.models import Assignment, Case, CaseEvent, Party, Process
from fengqiao.cases.seed import CATEGORIES, DISPUTE_TYPES
from fengqiao.cases.services import BULK_ACTION
from fengqiao.core.validators import is_valid_id_number
from fengqiao.demo.accounts import DEFAULT_PASSWORD
from fengqiao.demo.generator.county import COUNTY_CODE, DEMO_ACCOUNTS
from fengqiao.intake.choices import Channel
from fengqiao.regions.models import Department, Region

pytestmark = pytest.mark.django_db

ROLES = {"admin", "leader", "center", "grid_worker", "mediator", "handler", "counsellor"}


def run_demo(*args: str) -> str:
    out = io.StringIO()
    call_command("demo", "--no-serve", *args, stdout=out)
    return out.getvalue()


def test_demo_loads_a_whole_county_once(settings):
    settings.FENGQIAO_DEMO = True
    output = run_demo("--cases", "300", "--seed", "7")

    county = Region.objects.get(code=COUNTY_CODE)
    levels = Counter(Region.objects.within(county).values_list("level", flat=True))
    assert levels[2] >= 6 and levels[3] >= 30 and levels[4] >= 150
    assert Department.objects.filter(home_region__path__startswith=county.path).count() >= 12

    # one demo account per role, each able to log in with the demo password; the rest cannot log in
    demo_users = User.objects.filter(username__in=[a[0] for a in DEMO_ACCOUNTS])
    assert {m.role for m in Membership.objects.filter(user__in=demo_users)} == ROLES
    for username, *_ in DEMO_ACCOUNTS:
        assert authenticate(username=username, password=DEFAULT_PASSWORD) is not None, username
        assert username in output
    assert User.objects.get(username="demo-admin").is_superuser
    assert not User.objects.get(username="demo-center").is_staff
    staff = User.objects.filter(memberships__region__path__startswith=county.path).exclude(pk__in=demo_users).distinct()
    assert staff.count() > 150 and not any(u.has_usable_password() for u in staff)

    cases = Case.objects.filter(region_path__startswith=county.path)
    assert cases.count() == 300
    assert set(cases.values_list("dispute_type__code", flat=True)) >= {code for code, *_ in DISPUTE_TYPES}
    assert set(cases.values_list("category__code", flat=True)) >= {code for code, _ in CATEGORIES}
    assert set(cases.values_list("channel", flat=True)) == set(Channel.values)
    assert set(cases.values_list("process__code", flat=True)) == set(Process.objects.values_list("code", flat=True))
    reached = set(cases.values_list("process__code", "state__code"))
    assert reached == {(s.process.code, s.code) for process in Process.objects.all() for s in process.states.all()}
    statuses = Counter(c.deadline_status() for c in cases.select_related("state"))
    assert statuses["red"] and statuses["yellow"] and statuses["green"]
    assert cases.filter(state__kind="closed", closed_at__isnull=False).count() > 150
    assert cases.filter(party_count__gt=5).exists()
    assert all(c.region_path == c.region.path for c in cases.select_related("region"))

    # every case: an applicant, valid ID numbers only, a timeline in order that ends in its state, an audit row
    applicants = set(Party.objects.filter(case__in=cases, role="applicant").values_list("case_id", flat=True))
    assert applicants == set(cases.values_list("id", flat=True))
    assert all(is_valid_id_number(n) for n in Party.objects.filter(kind="person").exclude(id_number="").values_list("id_number", flat=True))
    events: dict[int, list[CaseEvent]] = {}
    for event in CaseEvent.objects.filter(case__in=cases).order_by("created_at", "id"):
        events.setdefault(event.case_id, []).append(event)
    for case in cases:
        timeline = events[case.pk]
        assert timeline[0].kind == "created" and timeline[0].created_at == case.received_at
        moves = [e for e in timeline if e.kind == "transition"]
        assert (moves[-1].to_state_id if moves else timeline[0].to_state_id) == case.state_id
        if case.state.kind == "closed":
            assert case.closed_at == moves[-1].created_at
    assert AuditEntry.objects.filter(action=BULK_ACTION).count() == 300
    assert not Assignment.objects.filter(case__in=cases.filter(state__kind="closed"), status="active").exists()

    # the scenarios are there
    wages = cases.get(title="23名农民工被拖欠五个月工资")
    assert wages.parties.filter(role="applicant").count() == 23 and wages.assignments.filter(role="co").count() == 2
    assert cases.filter(region__parent__name="柳湾社区", dispute_type__code="neighbour", lead_user__username="demo-grid").exists()
    land = cases.filter(process__code="petition", region__name="东坪村", received_at__month=10, received_at__day=2)
    assert land.exists() and land.filter(extensions__status="approved").exists()

    # a second run reuses what is there
    counts = (Region.objects.count(), User.objects.count(), Case.objects.count(), Party.objects.count())
    output = run_demo("--cases", "300")
    assert "沿用" in output
    assert (Region.objects.count(), User.objects.count(), Case.objects.count(), Party.objects.count()) == counts

    # leaving demo mode: the deploy check objects until the demo accounts are disabled, which is audited
    settings.FENGQIAO_DEMO = False
    assert "fengqiao.E001" in {m.id for m in run_checks(include_deployment_checks=True, databases=["default"])}
    call_command("demo", "--remove-accounts", stdout=io.StringIO())
    for username, *_ in DEMO_ACCOUNTS:
        assert authenticate(username=username, password=DEFAULT_PASSWORD) is None
    assert AuditEntry.objects.filter(action="user.disable_demo").count() == len(DEMO_ACCOUNTS)
    assert "fengqiao.E001" not in {m.id for m in run_checks(include_deployment_checks=True, databases=["default"])}


def test_demo_refuses_outside_demo_mode(settings):
    settings.FENGQIAO_DEMO = False
    settings.DEBUG = False
    with pytest.raises(CommandError, match="FENGQIAO_DEMO"):
        run_demo("--cases", "10")
    assert not Region.objects.filter(code=COUNTY_CODE).exists()
    assert not User.objects.filter(username__startswith="demo-").exists()


def test_demo_refuses_a_password_the_validators_reject(settings, monkeypatch):
    settings.FENGQIAO_DEMO = True
    monkeypatch.setenv("FENGQIAO_DEMO_PASSWORD", "short")
    with pytest.raises(CommandError, match="密码"):
        run_demo("--cases", "10")
    assert not Region.objects.filter(code=COUNTY_CODE).exists()
