"""`fengqiao demo` also works some open dispute cases through mediation, joint handling, oversight and follow-up."""
from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from fengqiao.accounts.models import User
from fengqiao.audit.models import AuditEntry
from fengqiao.cases.models import Assignment, JointMeeting, LeaderCase, Supervision
from fengqiao.demo.generator.county import COUNTY_CODE
from fengqiao.demo.settling import SettlingReport, build_directory, demo_staff, settle_court_referrals
from fengqiao.followup.models import FollowUp, FollowUpCall
from fengqiao.mediation.models import (
    Agreement,
    Instalment,
    Mediation,
    MediationClock,
    MediationSession,
    Mediator,
    Organisation,
)
from fengqiao.regions.models import Region
from fengqiao.testing.factories import make_case

pytestmark = pytest.mark.django_db


def run_demo() -> str:
    out = io.StringIO()
    call_command("demo", "--no-serve", "--cases", "300", stdout=out)
    return out.getvalue()


def test_demo_settles_disputes_through_the_services(settings):
    settings.FENGQIAO_DEMO = True
    output = run_demo()
    assert "已演示矛盾化解" in output

    # the mediation directory, with demo-mediator among the mediators
    assert Organisation.objects.filter(kind="township").count() >= 3
    assert Organisation.objects.filter(kind="village").exists()
    assert Organisation.objects.filter(kind="court_center").count() == 1
    assert Organisation.objects.filter(kind="industry").count() == 1
    assert Mediator.objects.filter(user__username="demo-mediator").exists()
    assert Mediator.objects.filter(specialities__isnull=False).exists()

    # mediations: in progress with sessions, signed with instalments (one missed), failed with a court referral
    assert Mediation.objects.filter(status="active").count() >= 3
    assert MediationSession.objects.filter(status="scheduled").exists()
    assert MediationSession.objects.filter(status="held").exclude(minutes="").exists()
    assert Agreement.objects.filter(status="effective", mediation__status="succeeded").count() >= 2
    assert Instalment.objects.filter(status="not_performed").count() == 1
    failed = Mediation.objects.filter(status="failed")
    assert failed.count() >= 1
    assert MediationClock.objects.filter(mediation__in=failed, kind="court_pre_filing").exists()
    # cases the court sent, mediated as its referral (how many depends on the open court cases this small county
    # has when it is loaded; see the next test for the rule itself)
    entrusted = Mediation.objects.exclude(court_referral_kind="")
    assert entrusted.count() <= 2
    for mediation in entrusted:
        assert mediation.case.channel == "court" and mediation.court_referral_kind == "pre_filing"
        assert mediation.clocks.filter(kind="court_acceptance").exists()

    # joint cases: co-tasks with due dates, one done, one waived, a joint meeting
    center = User.objects.get(username="demo-center")
    co_tasks = Assignment.objects.filter(role="co", assigned_by=center, note="请协助办理")
    assert co_tasks.filter(due_at__isnull=False).count() >= 4
    assert co_tasks.filter(status="done").count() == 1
    assert co_tasks.filter(status="waived").count() == 1
    assert JointMeeting.objects.filter(recorded_by=center).count() == 1

    # oversight: formal supervision with a reply date (one answered), leader cases, an escalation
    formal = Supervision.objects.filter(kind="formal", raised_by=center)
    assert formal.count() >= 3
    assert formal.filter(reply_due__isnull=False).count() == formal.count()
    assert formal.exclude(reply="").filter(replied_at__isnull=False).count() == 1
    assert LeaderCase.objects.filter(leader__username="demo-leader").count() == 2
    assert AuditEntry.objects.filter(action__icontains="escalat", actor=center).count() == 1

    # follow-ups of resolved cases, with staff calls and one dissatisfied answer awaiting the center's review
    assert FollowUp.objects.exists()
    live = FollowUpCall.objects.filter(called_at__gte=timezone.now() - dt.timedelta(minutes=50))
    assert live.filter(satisfaction="dissatisfied").count() == 1
    assert FollowUp.objects.filter(review_status="requested").count() == 1
    assert live.filter(satisfaction="satisfied").exists()
    # and the answers of the past two years, in most months, every negative one reviewed
    past = FollowUp.objects.filter(status="answered", answered_at__lt=timezone.now() - dt.timedelta(hours=1))
    months = {f.answered_at.strftime("%Y-%m") for f in past}
    assert len(months) >= 18
    assert past.filter(satisfaction="dissatisfied").exists() and not past.filter(review_status="requested").exists()
    assert "条以往回访记录" in output

    # every step was done by a demo account and is on the audit trail
    for action in ("mediation.start", "mediation.agreement_sign", "case.joint_meeting", "case.co_task_done"):
        assert AuditEntry.objects.filter(action=action, actor=center).exists(), action


def test_two_court_cases_are_mediated_as_the_courts_referral(settings):
    """The newest open court cases: the first accepted the day after it came, its 30-day period running; the
    second waiting for acceptance; a third left alone."""
    settings.FENGQIAO_DEMO = True
    run_demo()
    staff = demo_staff()
    county = Region.objects.get(code=COUNTY_CODE)
    grid = Region.objects.filter(path__startswith=county.path, level=4).order_by("code").first()
    received = timezone.now() - dt.timedelta(days=2)
    newest_first = [
        make_case(acting_user=staff.center, region=grid, channel="court", received_at=received - dt.timedelta(hours=n))
        for n in range(3)
    ]
    directory = build_directory(county, staff, SettlingReport())

    started = settle_court_referrals(newest_first, directory, staff, SettlingReport())

    assert started == {newest_first[0].pk, newest_first[1].pk}
    accepted = Mediation.objects.get(case=newest_first[0])
    received_on = timezone.localtime(newest_first[0].received_at).date()
    assert (accepted.court_received_on, accepted.court_accepted_on) == (received_on, received_on + dt.timedelta(days=1))
    assert accepted.referring_court == directory.court.name
    assert MediationClock.objects.get(mediation=accepted, kind="court_acceptance").met_on == accepted.court_accepted_on
    period = MediationClock.objects.get(mediation=accepted, kind="court_pre_filing")
    assert period.met_on is None and period.end_on == accepted.court_accepted_on + dt.timedelta(days=30)
    waiting = Mediation.objects.get(case=newest_first[1])
    assert waiting.court_accepted_on is None
    assert MediationClock.objects.get(mediation=waiting, kind="court_acceptance").met_on is None
    assert not Mediation.objects.filter(case=newest_first[2]).exists()


def test_a_second_run_settles_nothing_more(settings):
    settings.FENGQIAO_DEMO = True
    run_demo()
    counts = (Mediation.objects.count(), Supervision.objects.count(), Organisation.objects.count())
    output = run_demo()
    assert "已演示矛盾化解" not in output
    assert (Mediation.objects.count(), Supervision.objects.count(), Organisation.objects.count()) == counts
