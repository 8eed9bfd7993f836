"""Dispute settling on a freshly loaded demo county: mediation, joint handling, supervision and follow-up.

The bulk loader writes cases and their timelines; this step then works a few dozen open dispute cases through
the real services, as the demo staff would, so that every mediation, co-task, supervision notice and follow-up
is consistent with its case and on the audit trail. It runs once, right after the county is loaded.
"""
from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from itertools import chain
from typing import TypeVar

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fengqiao.accounts.models import User
from fengqiao.cases.models import Assignment, Case, DisputeType
from fengqiao.core.errors import ServiceError
from fengqiao.regions.models import Department, Region
from fengqiao.regions.paths import ancestor_paths

T = TypeVar("T")

MEDIATOR_NAMES = ["王秀兰", "李建国", "张淑芬", "刘德明", "陈玉梅", "杨志强", "赵桂英", "黄国平", "周美华", "吴永康",
                  "徐丽萍", "孙海涛", "马红霞", "朱振华", "胡素珍", "郭长青"]
ACTIVE_MEDIATIONS = 8
SIGNED_AGREEMENTS = 3
FAILED_MEDIATIONS = 2
JOINT_CASES = 4
SUPERVISED_CASES = 4
LEADER_CASES = 2
FOLLOWUP_CALLS = 4


@dataclass
class SettlingReport:
    organisations: int = 0
    mediators: int = 0
    mediations: int = 0
    agreements: int = 0
    failed: int = 0
    joint: int = 0
    supervisions: int = 0
    leader_cases: int = 0
    escalations: int = 0
    followups: int = 0
    past_answers: int = 0
    calls: int = 0
    skipped: list[str] = field(default_factory=list)


@dataclass
class Staff:
    center: User
    leader: User
    mediator: User
    handler: User


def attempt(action: Callable[[], T]) -> T | None:
    """Run one service call in its own savepoint: a case the service turns down is simply passed over."""
    try:
        with transaction.atomic():
            return action()
    except ServiceError:
        return None


def demo_staff() -> Staff:
    """The demo accounts, read again so their memberships are the ones just loaded."""
    users = {u.username: u for u in User.objects.filter(
        username__in=["demo-center", "demo-leader", "demo-mediator", "demo-handler"])}
    return Staff(center=users["demo-center"], leader=users["demo-leader"], mediator=users["demo-mediator"],
                 handler=users["demo-handler"])


def settle_demo() -> str:
    """Settle cases of the demo county just loaded; the line to print about it."""
    from fengqiao.demo.generator.county import COUNTY_CODE

    started = time.monotonic()
    report = settle_demo_county(Region.objects.get(code=COUNTY_CODE))
    return _("已演示矛盾化解：%(mediations)d 件调解（%(agreements)d 件签订协议、%(failed)d 件调解不成）、"
             "%(joint)d 件联合办理、%(supervisions)d 件督办、%(leader)d 件领导包案、%(escalations)d 件上报、"
             "%(followups)d 条回访（另有 %(past)d 条以往回访记录），用时 %(seconds).1f 秒。") % {
        "mediations": report.mediations, "agreements": report.agreements, "failed": report.failed,
        "joint": report.joint, "supervisions": report.supervisions, "leader": report.leader_cases,
        "escalations": report.escalations, "followups": report.followups, "past": report.past_answers,
        "seconds": time.monotonic() - started}


def settle_demo_county(county: Region) -> SettlingReport:
    """Work a few dozen open dispute cases of the county through mediation, joint handling and oversight."""
    report = SettlingReport()
    staff = demo_staff()
    with transaction.atomic():
        directory = build_directory(county, staff, report)
        cases = open_dispute_cases(county)
        entrusted = settle_court_referrals(cases[::-1], directory, staff, report)
        settle_mediations((c for c in cases if c.pk not in entrusted), directory, staff, report)
        # joint handling and oversight take the newest cases, so a small county shares few with mediation
        newest = cases[::-1]
        settle_joint_cases(iter(newest), county, staff, report)
        # each step starts past the cases the one before took, and wraps round: in a small county every case
        # may be needed for one step or another
        settle_supervision(chain(newest[JOINT_CASES:], newest[:JOINT_CASES]), staff, report)
        skip = JOINT_CASES + SUPERVISED_CASES
        settle_leader_cases(chain(newest[skip:], newest[:skip]), staff, report)
        settle_escalation(iter(newest), staff, report)
        settle_followups(county, staff, report)
    return report


# ---------------------------------------------------------------- directory


@dataclass
class Directory:
    by_region: dict[int, object] = field(default_factory=dict)  # street/community id -> Organisation
    mediators: dict[int, object] = field(default_factory=dict)  # organisation id -> Mediator
    court: object | None = None
    labour: object | None = None


def build_directory(county: Region, staff: Staff, report: SettlingReport) -> Directory:
    """The county's mediation directory: a committee per street and community, the court's 诉调对接中心 and the
    labour dispute committee, with mediators and their specialities. An existing directory is used as it is."""
    from fengqiao.mediation.choices import OrganisationKind
    from fengqiao.mediation.models import Mediator, Organisation
    from fengqiao.mediation.services import mediator_create, organisation_create

    directory = Directory()
    existing = Organisation.objects.filter(region__path__startswith=county.path, is_active=True)
    if not existing.exists():
        create_organisations(county, staff, report, organisation_create, mediator_create)
    for org in existing.select_related("region").order_by("region__level", "pk"):
        if org.kind in (OrganisationKind.TOWNSHIP_COMMITTEE, OrganisationKind.VILLAGE_COMMITTEE):
            directory.by_region.setdefault(org.region_id, org)
        elif org.kind == OrganisationKind.COURT_CENTER and directory.court is None:
            directory.court = org
        elif org.kind == OrganisationKind.INDUSTRY_COMMITTEE and directory.labour is None:
            directory.labour = org
    for mediator in Mediator.objects.filter(organisation__in=existing, is_active=True).order_by("-user_id", "pk"):
        directory.mediators.setdefault(mediator.organisation_id, mediator)
    return directory


def create_organisations(county: Region, staff: Staff, report: SettlingReport,
                         organisation_create: Callable, mediator_create: Callable) -> None:
    from fengqiao.mediation.choices import OrganisationKind

    types = list(DisputeType.objects.order_by("pk"))
    names = iter(MEDIATOR_NAMES * 20)
    mediator_street = staff.mediator.active_memberships[0].region if staff.mediator.active_memberships else None

    def specialities(n: int) -> list[DisputeType]:
        return [types[(n + k) % len(types)] for k in range(3)] if types else []

    streets = list(Region.objects.filter(parent=county, level=2).order_by("code"))
    for n, street in enumerate(streets):
        org = organisation_create(acting_user=staff.center, name=_("%(street)s人民调解委员会") % {"street": street.name},
                                  kind=OrganisationKind.TOWNSHIP_COMMITTEE, region=street, number_prefix=street.name[:2])
        report.organisations += 1
        if mediator_street is not None and mediator_street.pk == street.pk:
            mediator_create(acting_user=staff.center, name="", organisation=org, user=staff.mediator,
                            specialities=specialities(n), regions_served=[street])
            report.mediators += 1
        mediator_create(acting_user=staff.center, name=next(names), organisation=org,
                        specialities=specialities(n + 1), regions_served=[street])
        report.mediators += 1
        for community in Region.objects.filter(parent=street, level=3).order_by("code"):
            village = organisation_create(
                acting_user=staff.center, name=_("%(community)s人民调解委员会") % {"community": community.name},
                kind=OrganisationKind.VILLAGE_COMMITTEE, region=community)
            report.organisations += 1
            mediator_create(acting_user=staff.center, name=next(names), organisation=village,
                            specialities=specialities(n + 2), regions_served=[community])
            report.mediators += 1
    court = organisation_create(acting_user=staff.center, name=_("%(county)s人民法院诉调对接中心") % {"county": county.name},
                                kind=OrganisationKind.COURT_CENTER, region=county, number_prefix=_("诉调"))
    labour_department = Department.objects.filter(home_region=county, code="rsj").first()
    labour = organisation_create(acting_user=staff.center,
                                 name=_("%(county)s劳动人事争议调解委员会") % {"county": county.name},
                                 kind=OrganisationKind.INDUSTRY_COMMITTEE, region=county, department=labour_department,
                                 number_prefix=_("劳调"))
    report.organisations += 2
    labour_types = [t for t in types if "劳" in t.name or "工资" in t.name] or specialities(0)
    for org, chosen in ((court, specialities(4)), (labour, labour_types[:3])):
        mediator_create(acting_user=staff.center, name=next(names), organisation=org, specialities=chosen,
                        regions_served=[county])
        report.mediators += 1


# ---------------------------------------------------------------- cases


def open_dispute_cases(county: Region) -> list[Case]:
    """Open dispute cases, the longest waiting first; the newest one still 登记 and the newest one waiting for another
    route after a party refused mediation (拒绝调解待另选途径, which has no lead since the refusal ended it) are held
    back, so the demo keeps a case in every state of the process whatever the time of day it is loaded at."""
    from fengqiao.mediation.models import Mediation

    busy = Mediation.objects.values("case_id")
    open_cases = (Case.objects.open().filter(process__code="dispute", region_path__startswith=county.path)
                  .exclude(pk__in=busy).select_related("region", "state", "dispute_type", "lead_department"))
    newest_registered = open_cases.filter(state__is_initial=True).order_by("-received_at", "-pk").values("pk")[:1]
    newest_refused = open_cases.filter(state__code="route_choice").order_by("-received_at", "-pk").values("pk")[:1]
    return list(open_cases.exclude(pk__in=newest_registered).exclude(pk__in=newest_refused)
                .order_by("received_at", "pk")[:400])


def organisation_for(case: Case, directory: Directory):  # Organisation or None
    """The committee nearest to the case: its community's, else its street's."""
    regions = Region.objects.filter(path__in=ancestor_paths(case.region_path)).order_by("-level")
    for region in regions:
        if region.pk in directory.by_region:
            return directory.by_region[region.pk]
    return None


def start_mediation(case: Case, directory: Directory, staff: Staff):  # Mediation or None
    from fengqiao.mediation.choices import Channel
    from fengqiao.mediation.services import mediation_start

    org = organisation_for(case, directory)
    if org is None:
        return None
    return attempt(lambda: mediation_start(
        case=case, acting_user=staff.center, channel=Channel.PEOPLE, organisation=org,
        mediator=directory.mediators.get(org.pk), applied_on=timezone.localtime(case.received_at).date(),
        note=_("当事人双方同意由%(org)s调解。") % {"org": org.name}))


def session_time(case: Case, days_ago: int) -> dt.datetime:
    """A past moment for a session: `days_ago` days back, but after the case came in."""
    now = timezone.now()
    return min(max(case.received_at + dt.timedelta(hours=2), now - dt.timedelta(days=days_ago)),
               now - dt.timedelta(minutes=30))


def held_session(mediation, staff: Staff, when: dt.datetime, outcome: str, minutes: str):
    from fengqiao.mediation.services import session_minute, session_schedule

    parties = list(mediation.case.parties.all()[:4])
    session = session_schedule(mediation=mediation, acting_user=staff.center, scheduled_at=when,
                               place=_("调解室"), parties=parties)
    return session_minute(session=session, acting_user=staff.center, minutes=minutes, outcome=outcome,
                          attended_parties=parties)


def settle_mediations(candidates: Iterator[Case], directory: Directory, staff: Staff, report: SettlingReport) -> None:
    from fengqiao.mediation.choices import PerformanceResult, Route, SessionOutcome
    from fengqiao.mediation.services import (
        InstalmentInput,
        agreement_draft,
        agreement_sign,
        mediation_fail,
        performance_check_record,
        session_schedule,
    )

    now = timezone.now()
    today = timezone.localdate()
    wanted = ACTIVE_MEDIATIONS + SIGNED_AGREEMENTS + FAILED_MEDIATIONS
    started = []
    for case in candidates:
        if len(started) >= wanted:
            break
        mediation = start_mediation(case, directory, staff)
        if mediation is not None:
            started.append(mediation)
    report.mediations += len(started)
    # the cases waiting longest sign (one with an instalment already due), then some fail, the rest go on
    signing = started[:SIGNED_AGREEMENTS]
    failing = started[SIGNED_AGREEMENTS:SIGNED_AGREEMENTS + FAILED_MEDIATIONS]
    active = started[SIGNED_AGREEMENTS + FAILED_MEDIATIONS:]

    for n, mediation in enumerate(active):
        if n % 2 == 0:
            attempt(lambda m=mediation: held_session(
                m, staff, session_time(m.case, 7), SessionOutcome.NO_AGREEMENT,
                _("双方陈述了各自诉求，分歧在于赔偿金额，约定下次继续调解。")))
        attempt(lambda m=mediation, k=n: session_schedule(
            mediation=m, acting_user=staff.center, scheduled_at=now + dt.timedelta(days=2 + k, hours=1),
            place=_("调解室"), parties=list(m.case.parties.all()[:4])))

    for n, mediation in enumerate(signing):
        def sign(m=mediation, k=n):
            held = held_session(m, staff, session_time(m.case, 12), SessionOutcome.AGREED,
                                _("经释法明理，双方就赔偿金额和支付方式达成一致。"))
            signed_on = min(timezone.localtime(held.held_at).date() + dt.timedelta(days=1), today)
            # the first agreement's first instalment is already due, so its check finds it missed
            first_due = min(signed_on + dt.timedelta(days=3), today) if k == 0 else today + dt.timedelta(days=10)
            instalments = [
                InstalmentInput(due_on=first_due, description=_("支付第一期款项")),
                InstalmentInput(due_on=today + dt.timedelta(days=26), description=_("支付剩余款项")),
            ]
            agreement = agreement_draft(
                mediation=m, acting_user=staff.center, facts=_("双方因经济往来发生纠纷，经调解自愿达成如下协议。"),
                terms=[_("一方分两期向另一方支付款项。"), _("双方就本纠纷不再另行主张。")],
                performance_method=_("银行转账"), performance_deadline=today + dt.timedelta(days=30),
                instalments=instalments)
            agreement = agreement_sign(agreement=agreement, acting_user=staff.center,
                                       signed_on=signed_on)
            if k == 0:
                first = agreement.instalments.order_by("due_on").first()
                performance_check_record(instalment=first, acting_user=staff.center,
                                         result=PerformanceResult.NOT_PERFORMED,
                                         note=_("回访得知第一期款项逾期未付，已督促履行。"))
            return agreement
        if attempt(sign) is not None:
            report.agreements += 1

    for n, mediation in enumerate(failing):
        def fail(m=mediation, k=n):
            held_session(m, staff, session_time(m.case, 9), SessionOutcome.NO_AGREEMENT,
                         _("双方分歧较大，均不愿让步。"))
            court = directory.court if k == 0 else None
            return mediation_fail(
                mediation=m, acting_user=staff.center, reason=_("双方对责任认定分歧较大，调解不成。"),
                routes=[Route.LITIGATION, Route.ARBITRATION] if k == 0 else [Route.ADMINISTRATIVE, Route.LITIGATION],
                refer_to_court=court is not None, court_organisation=court,
                court_accepted_on=today if court is not None else None)
        if attempt(fail) is not None:
            report.failed += 1


def settle_court_referrals(newest_first: list[Case], directory: Directory, staff: Staff,
                           report: SettlingReport) -> set[int]:
    """Two of the newest cases the court sent (channel court) are mediated as the court's referral (诉前委派): one
    accepted the day after it came, its 30-day period running; one still waiting for acceptance. Returns their
    case ids."""
    from fengqiao.mediation.choices import Channel, CourtReferralKind
    from fengqiao.mediation.models import Mediation
    from fengqiao.mediation.services import (
        CourtReferralInput,
        mediation_confirm_court_acceptance,
        mediation_start,
    )

    busy = set(Mediation.objects.values_list("case_id", flat=True))
    court_name = directory.court.name if directory.court is not None else _("县人民法院")
    today = timezone.localdate()
    started: set[int] = set()
    for case in (c for c in newest_first if c.channel == "court" and c.pk not in busy):
        if len(started) == 2:
            break
        org = organisation_for(case, directory)
        if org is None:
            continue
        received_on = timezone.localtime(case.received_at).date()
        referral = CourtReferralInput(kind=CourtReferralKind.PRE_FILING, court_name=court_name, received_on=received_on)
        mediation = attempt(lambda c=case, o=org, r=referral: mediation_start(
            case=c, acting_user=staff.center, channel=Channel.PEOPLE, organisation=o,
            mediator=directory.mediators.get(o.pk), applied_on=r.received_on, court_referral=r,
            note=_("%(court)s委派%(org)s诉前调解。") % {"court": court_name, "org": o.name}))
        if mediation is None:
            continue
        started.add(case.pk)
        report.mediations += 1
        if len(started) == 1:
            attempt(lambda m=mediation, d=received_on: mediation_confirm_court_acceptance(
                mediation=m, acting_user=staff.center, accepted_on=min(d + dt.timedelta(days=1), today)))
    return started


def settle_joint_cases(candidates: Iterator[Case], county: Region, staff: Staff, report: SettlingReport) -> None:
    from fengqiao.cases.choices import AssignmentRole
    from fengqiao.cases.services import (
        JointMeetingInput,
        case_assign,
        case_co_task_complete,
        case_co_task_waive,
        case_joint_meeting_record,
    )

    departments = list(Department.objects.filter(home_region=county).order_by("code"))
    if len(departments) < 2:
        report.skipped.append("joint")
        return
    tasks = [_("核实现场情况并出具书面意见。"), _("调取相关记录并配合调解。"), _("依职责开展执法检查并反馈结果。")]
    now = timezone.now()
    for n, case in enumerate(candidates):
        if report.joint >= JOINT_CASES:
            break
        helpers = [d for d in departments if d.pk != case.lead_department_id][n % 3::3][:2] or departments[:1]

        def assign(c=case, helpers=helpers, k=n):
            for j, department in enumerate(helpers):
                case_assign(case=c, acting_user=staff.center, to_department=department, role=AssignmentRole.CO,
                            note=_("请协助办理"), task=tasks[(k + j) % len(tasks)], due_days=5 + 2 * j)
            return helpers
        if attempt(assign) is None:
            continue
        co_tasks = list(Assignment.objects.filter(case=case, role=AssignmentRole.CO).order_by("pk"))
        if report.joint == 0 and co_tasks:
            attempt(lambda t=co_tasks[0]: case_co_task_complete(
                assignment=t, acting_user=staff.center, result=_("已到现场核实，书面意见已送主办单位。")))
        if report.joint == 1 and co_tasks:
            attempt(lambda t=co_tasks[-1]: case_co_task_waive(
                assignment=t, acting_user=staff.center, reason=_("经核实该事项不属本单位职责，免除协办。")))
        if report.joint == 2:
            meeting = JointMeetingInput(
                held_at=now - dt.timedelta(days=1), place=_("县社会治理中心联席会议室"), chaired_by=staff.center.display_name,
                minutes=_("各部门通报了掌握的情况，讨论了化解方案。"), decisions=_("由主办单位牵头，协办单位五个工作日内反馈。"),
                departments=helpers)
            attempt(lambda c=case, d=meeting: case_joint_meeting_record(case=c, acting_user=staff.center, data=d))
        report.joint += 1


def settle_supervision(candidates: Iterator[Case], staff: Staff, report: SettlingReport) -> None:
    from fengqiao.cases.services import (
        case_supervision_raise,
        case_supervision_reply,
        supervision_raise_overdue,
    )

    notices = []
    for case in candidates:
        if len(notices) >= SUPERVISED_CASES:
            break
        notice = attempt(lambda c=case: case_supervision_raise(
            case=c, acting_user=staff.center, reason=_("群众反映办理进度慢，请加快办理并书面回复。"), reply_days=3))
        if notice is not None:
            notices.append(notice)
    report.supervisions = len(notices)
    for notice in notices:
        replier = addressee(notice, staff)
        if replier is not None and attempt(lambda s=notice, u=replier: case_supervision_reply(
                supervision=s, acting_user=u, reply=_("已约谈双方当事人，预计一周内办结。"))) is not None:
            break
    supervision_raise_overdue()


def addressee(notice, staff: Staff) -> User | None:  # Supervision
    """Who answers a supervision notice: demo-handler where it is addressed to that account's department,
    else the user it names or a handler of the department it names."""
    if any(m.department_id == notice.to_department_id for m in staff.handler.active_memberships):
        return staff.handler
    if notice.to_user_id:
        return User.objects.get(pk=notice.to_user_id)
    if notice.to_department_id:
        return User.objects.filter(is_active=True, memberships__role="handler",
                                   memberships__department_id=notice.to_department_id).order_by("pk").first()
    return None


def settle_leader_cases(candidates: Iterator[Case], staff: Staff, report: SettlingReport) -> None:
    from fengqiao.cases.services import case_leader_assign

    for case in candidates:
        if report.leader_cases >= LEADER_CASES:
            break
        if attempt(lambda c=case: case_leader_assign(case=c, acting_user=staff.center, leader=staff.leader,
                                                     note=_("涉及群众较多，由县领导包案化解。"))) is not None:
            report.leader_cases += 1


def settle_escalation(candidates: Iterator[Case], staff: Staff, report: SettlingReport) -> None:
    from fengqiao.cases.services import case_escalate

    for case in candidates:
        if case.region.level <= 1:
            continue
        if attempt(lambda c=case: case_escalate(case=c, acting_user=staff.center,
                                                reason=_("涉及多个部门职责，本级难以化解，提请上级协调。"))) is not None:
            report.escalations += 1
            return


def settle_followups(county: Region, staff: Staff, report: SettlingReport) -> None:
    from fengqiao.demo.followup_history import answer_past_followups
    from fengqiao.followup.choices import FollowUpStatus, Satisfaction, Settled
    from fengqiao.followup.models import FollowUp
    from fengqiao.followup.services import followup_call_record, followups_open_due

    report.past_answers = answer_past_followups(county, staff.center)
    report.followups = followups_open_due()
    pending = list(FollowUp.objects.filter(status=FollowUpStatus.PENDING, case__region_path__startswith=county.path)
                   .order_by("-pk")[:FOLLOWUP_CALLS * 3])
    answers = [
        (Settled.YES, Satisfaction.SATISFIED, _("问题解决了，感谢工作人员。")),
        (Settled.YES, Satisfaction.FAIRLY, _("基本解决，就是时间长了点。")),
        (Settled.NO, Satisfaction.DISSATISFIED, _("对方还是没有履行，问题没有解决。")),
    ]
    for followup in pending:
        if report.calls >= FOLLOWUP_CALLS:
            break
        if report.calls == len(answers):
            call = attempt(lambda f=followup: followup_call_record(
                followup=f, acting_user=staff.center, reached=False, note=_("电话无人接听，改日再拨。")))
        else:
            settled, satisfaction, words = answers[report.calls]
            call = attempt(lambda f=followup, s=settled, sat=satisfaction, w=words: followup_call_record(
                followup=f, acting_user=staff.center, reached=True, settled=s, satisfaction=sat, resident_words=w))
        if call is not None:
            report.calls += 1
