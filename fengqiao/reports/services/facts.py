"""What a case contributes to the count tables, computed from its committed rows.

One function serves both ways of filling the tables: the event subscriber computes it for one case and applies
the difference from what the case contributed before; the rebuild computes it for every case, chunk by chunk, and
sums. So the tables kept current and the tables rebuilt can only differ where an event was lost.

Definitions (those of the follow-up figures, fengqiao.followup.figures): a case is closed when its state is of
kind "closed" and does not end it unsettled (不予受理, 告知其他途径), on the local day of `closed_at`; closed on
time when every handling step ended by its due date, approved extensions included; an open case with a running
clock (not paused) is overdue from the day after its due day; a follow-up counts on the day it was answered.

The petition office's steps (信访工作条例 第四十一条第二项, docs/decisions/annual-petition-report-items.md), each
on the day it was taken, read from the case's own records: 交办 (assigned) is a step of effect "assign" (the
process's 转送交办 / 分流交办 step, naming the body that handles the case and the step's deadline) or a lead named
by case_assign; 转送 (transferred) is a step of effect "transfer" (sent on to another body) or a step whose
written notice is the 涉法涉诉 referral to the political-legal bodies; 督办 (supervised) is a supervision notice
raised, by a person or by the overdue sweep.
"""
from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import asdict, dataclass, field

from django.utils import timezone

from fengqiao.cases.choices import AssignmentRole, EventKind, NoticeKind, StateKind, TransitionEffect
from fengqiao.cases.models import Case, CaseEvent, PetitionDetail, State, Supervision, Transition
from fengqiao.followup.choices import SATISFIED_VALUES, FollowUpStatus, Settled
from fengqiao.followup.clocks import PastClocks
from fengqiao.followup.figures import approved_extensions, case_steps, finished_in_time
from fengqiao.followup.models import FollowUp
from fengqiao.regions.paths import ancestor_paths
from fengqiao.reports.models import NO_DUE, Dimension

DAILY, STATE = "daily", "state"
DAILY_COLUMNS = ("received", "closed", "closed_on_time", "closed_late", "answered", "settled", "satisfied",
                 "dissatisfied", "transferred", "assigned", "supervised")
# What the facts of a case hold: 1, the single dimensions (stored before the version was written down); 2, also the
# crossed process × category and process × lead department rows; 3, also the accused body of a petition (its row
# only where one is named) and the daily transferred, assigned and supervised counts. A case's tally keeps the
# version it was counted with, so its next recount removes exactly the rows it added then and adds its full
# contribution now.
FACTS_VERSION = 3
# A row of a count table: (table, region_path, depth, dimension, value, then the day for DAILY or the state id
# and due day for STATE).
CountKey = tuple
Contribution = dict[CountKey, Counter]


def local_day(moment: dt.datetime) -> dt.date:
    return timezone.localtime(moment).date()


@dataclass
class CaseFacts:
    region_path: str
    process_id: int
    category_id: int
    dispute_type_id: int
    channel: str
    department_id: int
    state_id: int
    accused_department_id: int = 0
    due_on: str = NO_DUE.isoformat()
    daily: dict[str, dict[str, int]] = field(default_factory=dict)
    version: int = FACTS_VERSION

    def count(self, day: dt.date, column: str) -> None:
        columns = self.daily.setdefault(day.isoformat(), {})
        columns[column] = columns.get(column, 0) + 1

    def to_json(self) -> dict:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict) -> CaseFacts | None:
        """The facts stored in a tally; stored without a version, they were counted as version 1."""
        return cls(**{"version": 1, **data}) if data else None

    def values(self) -> list[tuple[str, str]]:
        """(dimension, value) of each row the case counts in at one level: "all", one per dimension, from
        version 2 the two crossed rows of its process and, from version 3, the body its petition accuses."""
        found: list[tuple[str, str]] = [
            (Dimension.ALL, ""), (Dimension.PROCESS, str(self.process_id)), (Dimension.CATEGORY, str(self.category_id)),
            (Dimension.DISPUTE_TYPE, str(self.dispute_type_id)), (Dimension.CHANNEL, self.channel),
            (Dimension.DEPARTMENT, str(self.department_id))]
        if self.version >= 2:
            found += [(Dimension.PROCESS_CATEGORY, f"{self.process_id}:{self.category_id}"),
                      (Dimension.PROCESS_DEPARTMENT, f"{self.process_id}:{self.department_id}")]
        if self.version >= 3 and self.accused_department_id:
            found.append((Dimension.ACCUSED, str(self.accused_department_id)))
        return found


def expand(facts: CaseFacts | None) -> Contribution:
    """The rows the case counts in: every ancestor level of its region x every dimension, each day of its daily
    figures, and its state."""
    found: Contribution = {}
    if facts is None:
        return found
    for depth, path in enumerate(ancestor_paths(facts.region_path)):
        for dimension, value in facts.values():
            found[(STATE, path, depth, str(dimension), value, facts.state_id, facts.due_on)] = Counter(cases=1)
            for day, columns in facts.daily.items():
                found[(DAILY, path, depth, str(dimension), value, day)] = Counter(columns)
    return found


def difference(new: Contribution, old: Contribution) -> Contribution:
    """new − old, row by row, keeping only the columns that change."""
    delta: Contribution = {}
    for key in new.keys() | old.keys():
        change = Counter(new.get(key, {}))
        change.subtract(old.get(key, {}))
        moved = Counter({column: n for column, n in change.items() if n})
        if moved:
            delta[key] = moved
    return delta


def clocks_for(first_day: dt.date) -> PastClocks:
    return PastClocks(first_day=first_day, last_day=timezone.localdate())


CASE_FIELDS = ("id", "process_id", "state_id", "region_path", "category_id", "dispute_type_id", "channel",
               "lead_department_id", "received_at", "created_at", "closed_at", "due_at", "clock_paused_at")


def facts_for_cases(case_ids: list[int], *, states: dict[int, State] | None = None,
                    clocks: PastClocks | None = None) -> dict[int, CaseFacts]:
    """The facts of each case in `case_ids` that exists (a deleted case has none)."""
    states = states if states is not None else {s.pk: s for s in State.objects.all()}
    rows = list(Case.objects.filter(pk__in=case_ids).order_by().values(*CASE_FIELDS))
    closed = [row for row in rows if _is_closed(row, states)]
    steps = case_steps([row["id"] for row in closed]) if closed else {}
    extensions = approved_extensions([row["id"] for row in closed]) if closed else {}
    if closed and clocks is None:
        clocks = clocks_for(min(local_day(row["received_at"]) for row in closed))
    found: dict[int, CaseFacts] = {}
    for row in rows:
        state = states[row["state_id"]]
        facts = CaseFacts(
            region_path=row["region_path"], process_id=row["process_id"], category_id=row["category_id"] or 0,
            dispute_type_id=row["dispute_type_id"] or 0, channel=row["channel"],
            department_id=row["lead_department_id"] or 0, state_id=row["state_id"],
        )
        if state.kind == StateKind.OPEN and row["due_at"] is not None and row["clock_paused_at"] is None:
            facts.due_on = local_day(row["due_at"]).isoformat()
        facts.count(local_day(row["received_at"]), "received")
        if _is_closed(row, states):
            assert clocks is not None
            on_time = finished_in_time(row, clocks, states, steps.get(row["id"], []), extensions.get(row["id"], []))
            facts.count(local_day(row["closed_at"]), "closed")
            facts.count(local_day(row["closed_at"]), "closed_on_time" if on_time else "closed_late")
        found[row["id"]] = facts
    # Filtered by case only, the rest here: with the status and answered_at in the query, SQLite's planner walked
    # the answered_at index over every answered follow-up (0.12 s a case at 100,000 cases) instead of the case's.
    follow_ups = FollowUp.objects.filter(case_id__in=list(found)).values_list(
        "case_id", "status", "answered_at", "settled", "satisfaction")
    for case_id, status, answered_at, settled, satisfaction in follow_ups:
        if status != FollowUpStatus.ANSWERED or answered_at is None:
            continue
        day, facts = local_day(answered_at), found[case_id]
        facts.count(day, "answered")
        if settled == Settled.YES:
            facts.count(day, "settled")
        facts.count(day, "satisfied" if satisfaction in SATISFIED_VALUES else "dissatisfied")
    _petition_office_steps(found)
    return found


def _petition_office_steps(found: dict[int, CaseFacts]) -> None:
    """The accused body, and the transfers, assignments and supervision notices of each case (version 3)."""
    case_ids = list(found)
    accused = PetitionDetail.objects.filter(case_id__in=case_ids, accused_department__isnull=False).values_list(
        "case_id", "accused_department_id")
    for case_id, department_id in accused:
        found[case_id].accused_department_id = department_id
    steps = {(t["process_id"], t["from_state_id"], t["action"]): t for t in Transition.objects.values(
        "process_id", "from_state_id", "action", "effect", "notice_kind")}
    events = CaseEvent.objects.filter(case_id__in=case_ids, kind__in=(EventKind.TRANSITION, EventKind.ASSIGNED)
                                      ).values_list("case_id", "kind", "action", "from_state_id", "created_at")
    for case_id, kind, action, from_state_id, at in events:
        facts = found[case_id]
        if kind == EventKind.ASSIGNED:
            if action == f"assign_{AssignmentRole.LEAD}":
                facts.count(local_day(at), "assigned")
            continue
        step = steps.get((facts.process_id, from_state_id, action))
        if step is None:
            continue
        if step["effect"] == TransitionEffect.ASSIGN:
            facts.count(local_day(at), "assigned")
        elif step["effect"] == TransitionEffect.TRANSFER or step["notice_kind"] == NoticeKind.PETITION_LEGAL_CHANNEL:
            facts.count(local_day(at), "transferred")
    for case_id, raised_at in Supervision.objects.filter(case_id__in=case_ids).values_list("case_id", "raised_at"):
        found[case_id].count(local_day(raised_at), "supervised")


def _is_closed(row: dict, states: dict[int, State]) -> bool:
    state = states[row["state_id"]]
    return state.kind == StateKind.CLOSED and not state.ends_unsettled and row["closed_at"] is not None
