"""What the portal reads: the regions a resident picks from, and the little a resident may see of a case.

A resident reaches a case only with its tracking code and a party's phone number (see services), never through a
staff scope; what comes back here is limited to public facts: no party data, no staff names, no internal notes."""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from fengqiao.cases.choices import StateKind
from fengqiao.cases.models import Case, CaseEvent, CaseNotice
from fengqiao.portal.answers import public_answers
from fengqiao.regions.choices import RegionLevel
from fengqiao.regions.models import Region


@dataclass(frozen=True)
class RegionOption:
    pk: int
    name: str
    parent_id: int | None
    parent_name: str


def region_options() -> tuple[list[RegionOption], list[RegionOption]]:
    """Streets/towns (level 2) and communities/villages (level 3), in tree order."""
    rows = (
        Region.objects.filter(level__in=[RegionLevel.STREET, RegionLevel.COMMUNITY])
        .select_related("parent")
        .order_by("path")
    )
    streets: list[RegionOption] = []
    communities: list[RegionOption] = []
    for region in rows:
        option = RegionOption(pk=region.pk, name=region.name, parent_id=region.parent_id,
                              parent_name=region.parent.name if region.parent is not None else "")
        (streets if region.level == RegionLevel.STREET else communities).append(option)
    return streets, communities


@dataclass(frozen=True)
class Receipt:
    tracking_code: str
    state_name: str
    state_kind: str
    state_kind_label: str


def submission_receipt(*, case_id: int) -> Receipt | None:
    case = Case.objects.select_related("state").filter(pk=case_id).first()
    if case is None:
        return None
    return Receipt(tracking_code=case.tracking_code, state_name=case.state.name, state_kind=case.state.kind,
                   state_kind_label=str(StateKind(case.state.kind).label))


@dataclass(frozen=True)
class PublicEvent:
    at: dt.datetime
    step: str
    note: str


@dataclass(frozen=True)
class TrackedCase:
    reference: str
    tracking_code: str
    title: str
    submitted_at: dt.datetime
    state_name: str
    state_kind: str
    state_kind_label: str
    due_at: dt.datetime | None
    department: str
    events: list[PublicEvent]
    answers: Sequence[Any] = ()  # portal.answers.PublicAnswer: a petition's written answers and what may follow
    notices: list[PublicNotice] = ()  # type: ignore[assignment]


@dataclass(frozen=True)
class PublicNotice:
    """A written notice (告知书) of a refusal or redirection: why, and the channel the resident is told to use."""
    pk: int
    title: str
    number: str
    issued_at: dt.datetime
    reason: str
    channel: str
    guidance: str
    legal_basis: str
    text: str


def public_notices(*, case: Case) -> list[PublicNotice]:
    return [
        PublicNotice(pk=n.pk, title=n.get_kind_display(), number=n.number, issued_at=n.issued_at, reason=n.reason,
                     channel=n.channel_name + (f"（{n.channel_detail}）" if n.channel_detail else ""),
                     guidance=n.channel.guidance, legal_basis=n.legal_basis, text=n.text)
        for n in CaseNotice.objects.filter(case=case).select_related("channel").order_by("issued_at", "id")
    ]


def public_timeline(*, case: Case) -> list[PublicEvent]:
    """Timeline lines written for the public; who wrote them is never part of it."""
    events = (
        CaseEvent.objects.filter(case=case).exclude(public_note="").select_related("to_state").order_by("created_at", "id")
    )
    return [PublicEvent(at=e.created_at, step=e.to_state.name if e.to_state is not None else "", note=e.public_note) for e in events]


def tracked_case(*, case_id: int) -> TrackedCase | None:
    case = Case.objects.select_related("state", "lead_department").filter(pk=case_id).first()
    if case is None:
        return None
    is_open = case.state.kind == StateKind.OPEN
    # a refusal or redirection is not "办结": the resident sees that the matter was ended with a written notice
    kind_label = _("已书面告知") if case.state.ends_unsettled else str(StateKind(case.state.kind).label)
    return TrackedCase(
        reference=case.reference,
        tracking_code=case.tracking_code,
        title=case.title,
        submitted_at=case.received_at,
        state_name=case.state.name,
        state_kind=case.state.kind,
        state_kind_label=kind_label,
        due_at=case.due_at if is_open else None,
        department=case.lead_department.name if is_open and case.lead_department is not None else "",
        events=public_timeline(case=case),
        answers=public_answers(case=case),
        notices=public_notices(case=case),
    )
