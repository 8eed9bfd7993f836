"""The facts the risk scorer reads, gathered in bulk for a batch of cases (reads only).

Repeat reports are earlier reports of the same matter: those triage tied to the case (same-matter links,
similar cases matched on the matter), and earlier cases about the same kind of dispute from the same person,
against the same organisation or at the same address — whoever reported them (a repeat is a sign the matter was
not settled, never a mark against a person).
`as_of` lets the backtest ask what was known at an earlier time: only cases received by then count, and the
overdue feature (which needs the clock as it stood then) is left out.
"""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable

from django.db.models import Q
from django.utils import timezone

from fengqiao.care.selectors import case_ids_in_care
from fengqiao.cases.choices import EventKind, StateKind, TransitionEffect
from fengqiao.cases.models import Case, CaseEvent, Transition
from fengqiao.mediation.selectors import failed_mediation_counts
from fengqiao.triage.selectors import crisis_case_ids, same_matter_earlier_ids
from fengqiao.warning.choices import KeyKind
from fengqiao.warning.engine import cues
from fengqiao.warning.engine.risk import MatterFacts
from fengqiao.warning.festivals import spring_festival_starts
from fengqiao.warning.models import MatterKey

REPEAT_LOOKBACK_DAYS = 365


def _open_at(as_of: dt.datetime | None) -> Q:
    if as_of is None:
        return Q(state__kind=StateKind.OPEN)
    return Q(received_at__lte=as_of) & (Q(closed_at__isnull=True) | Q(closed_at__gt=as_of))


def _shared_counts(cases: list[Case], kind: str, as_of: dt.datetime | None) -> dict[int, int]:
    """For each case, the other open cases holding one of its keys of `kind`."""
    ids = [c.pk for c in cases]
    mine = list(MatterKey.objects.filter(case_id__in=ids, kind=kind).values_list("case_id", "key"))
    keys = {key for _, key in mine}
    if not keys:
        return {}
    open_ids = Case.objects.filter(_open_at(as_of)).values("pk")
    holders: dict[str, set[int]] = defaultdict(set)
    for case_id, key in MatterKey.objects.filter(kind=kind, key__in=keys, case_id__in=open_ids).values_list("case_id", "key"):
        holders[key].add(case_id)
    out: dict[int, set[int]] = defaultdict(set)
    for case_id, key in mine:
        out[case_id] |= holders.get(key, set()) - {case_id}
    return {case_id: len(others) for case_id, others in out.items()}


def _same_matter_earlier(cases: list[Case]) -> dict[int, set[int]]:
    """Earlier cases (within a year) about the same kind of dispute from the same person, against the same
    organisation or at the same address: the same matter reported again, by whoever reports it."""
    by_id = {c.pk: c for c in cases}
    mine = list(MatterKey.objects.filter(case_id__in=list(by_id)).values_list("case_id", "kind", "key"))
    if not mine:
        return {}
    holders: dict[tuple[str, str], set[int]] = defaultdict(set)
    wanted = {(kind, key) for _, kind, key in mine}
    for case_id, kind, key in MatterKey.objects.filter(key__in={k for _, k in wanted}).values_list("case_id", "kind", "key"):
        if (kind, key) in wanted:
            holders[(kind, key)].add(case_id)
    candidate_ids = set().union(*holders.values())
    candidates = {row[0]: row for row in Case.objects.filter(pk__in=candidate_ids)
                  .values_list("pk", "received_at", "dispute_type_id", "category_id")}
    found: dict[int, set[int]] = defaultdict(set)
    for case_id, kind, key in mine:
        case = by_id[case_id]
        since = case.received_at - dt.timedelta(days=REPEAT_LOOKBACK_DAYS)
        for other_id in holders[(kind, key)] - {case_id}:
            _, received, dispute_type, category = candidates[other_id]
            same_kind = (dispute_type and dispute_type == case.dispute_type_id) or (
                category and category == case.category_id)
            if same_kind and since <= received < case.received_at:
                found[case_id].add(other_id)
    return found


def _failed_mediations(case_ids: Iterable[int], as_of: dt.datetime | None) -> dict[int, int]:
    """Mediations that ended without agreement: the mediation app's records, or the 调解不成 step of the case."""
    ids = list(case_ids)
    counts = failed_mediation_counts(case_ids=ids)
    fail_states = Transition.objects.filter(effect=TransitionEffect.FAIL).values("to_state")
    steps = CaseEvent.objects.filter(case_id__in=ids, kind=EventKind.TRANSITION, to_state__in=fail_states)
    if as_of is not None:
        steps = steps.filter(created_at__lte=as_of)
    by_step: dict[int, int] = defaultdict(int)
    for case_id in steps.values_list("case_id", flat=True):
        by_step[case_id] += 1
    return {i: max(counts.get(i, 0), by_step.get(i, 0)) for i in set(counts) | set(by_step)}


def facts_for(cases: list[Case], *, as_of: dt.datetime | None = None) -> dict[int, MatterFacts]:
    """MatterFacts per case id. `cases` come with parties prefetched (Case.objects.prefetch_related("parties"))."""
    if not cases:
        return {}
    now = as_of or timezone.now()
    ids = [c.pk for c in cases]
    received = dict(Case.objects.filter(pk__in=ids).values_list("pk", "received_at"))
    earlier: dict[int, set[int]] = defaultdict(set)
    for source in (same_matter_earlier_ids(case_ids=ids), _same_matter_earlier(cases)):
        for case_id, others in source.items():
            earlier[case_id] |= others
    linked_ids = set().union(*earlier.values()) if earlier else set()
    linked_received = dict(Case.objects.filter(pk__in=linked_ids).values_list("pk", "received_at"))
    for case_id, others in earlier.items():
        earlier[case_id] = {o for o in others if o in linked_received and linked_received[o] < received[case_id]}
    failed = _failed_mediations(set(ids) | linked_ids, as_of)
    crisis = crisis_case_ids(case_ids=ids) | case_ids_in_care(case_ids=ids)
    organisations = _shared_counts(cases, KeyKind.ORGANISATION, as_of)
    places = _shared_counts(cases, KeyKind.PLACE, as_of)
    festivals = spring_festival_starts()
    out: dict[int, MatterFacts] = {}
    for case in cases:
        text = f"{case.title}\n{case.narrative}"
        vulnerable = cues.vulnerable_in_text(text)
        for party in case.parties.all():
            vulnerable |= cues.vulnerable_by_age(cues.age_on(party.id_number, now.date()))
        overdue = 0
        if as_of is None and case.due_at and case.clock_paused_at is None and case.due_at < now:
            overdue = max((now - case.due_at).days, 1)
        out[case.pk] = MatterFacts(
            party_count=case.party_count,
            repeat_reports=len(earlier.get(case.pk, ())),
            failed_mediations=failed.get(case.pk, 0) + sum(failed.get(o, 0) for o in earlier.get(case.pk, ())),
            overdue_days=overdue,
            crisis=case.pk in crisis,
            vulnerable=tuple(sorted(vulnerable)),
            wage_arrears=cues.mentions_wages(text),
            days_to_festival=cues.days_to_next(now.date(), festivals),
            shared_organisation_cases=organisations.get(case.pk, 0),
            shared_place_cases=places.get(case.pk, 0),
        )
    return out
