"""The written notices (告知书) of the demo county's refusals and redirections. The case loader writes steps as
rows without the services, so the notices those steps give are written here afterwards, as case_transition
would have written them: the channel the step's note names, the text, the issuer and the event's link."""
from __future__ import annotations

from django.db.models import Q

from fengqiao.cases.choices import EventKind, NoticeKind
from fengqiao.cases.models import CaseEvent, CaseNotice, NoticeChannel, Transition
from fengqiao.cases.services.refusals import notice_text
from fengqiao.regions.models import Region

# notice kind: (channel code, detail) the demo's notes name (see demo.generator.timeline)
DEMO_CHANNELS = {
    NoticeKind.PETITION_NOT_ACCEPTED: ("litigation", ""),
    NoticeKind.PETITION_LEGAL_CHANNEL: ("court", ""),
    NoticeKind.DISPUTE_DECLINED: ("arbitration", ""),
    NoticeKind.WORKORDER_EMERGENCY: ("110", ""),
    NoticeKind.WORKORDER_REDIRECTED: ("market", "消费者协会"),
}


def write_demo_notices(county: Region) -> int:
    """A notice for every refusal or redirection step of the county's cases that has none; how many were written."""
    steps = {(t.process_id, t.from_state_id, t.action): t for t in Transition.objects.exclude(notice_kind="")}
    if not steps:
        return 0
    actions = {action for _p, _s, action in steps}
    events = (CaseEvent.objects.filter(kind=EventKind.TRANSITION, action__in=actions,
                                       case__region_path__startswith=county.path)
              .filter(Q(data__notice__isnull=True))
              .select_related("case", "case__lead_department", "case__region", "case__handling_region", "actor")
              .order_by("created_at", "id"))
    written = 0
    for event in events:
        transition = steps.get((event.case.process_id, event.from_state_id, event.action))
        if transition is None or event.actor is None:
            continue
        code, detail = DEMO_CHANNELS[transition.notice_kind]
        channel = NoticeChannel.objects.filter(notice_kind=transition.notice_kind, code=code).first()
        if channel is None:
            continue
        case = event.case
        count = CaseNotice.objects.filter(case=case).count()
        notice = CaseNotice.objects.create(
            case=case, kind=transition.notice_kind, number=f"{case.reference}-告{count + 1}", state_id=event.to_state_id,
            reason=event.note, channel=channel, channel_name=channel.name, channel_detail=detail,
            legal_basis=channel.legal_basis,
            text=notice_text(case=case, kind=transition.notice_kind, reason=event.note, channel=channel, detail=detail),
            issuer=case.lead_department.name if case.lead_department_id else case.current_handling_region.name,
            issued_by=event.actor, issued_at=event.created_at,
        )
        event.data = {**event.data, "notice": notice.pk, "channel": code}
        event.save(update_fields=["data"])
        written += 1
    return written
