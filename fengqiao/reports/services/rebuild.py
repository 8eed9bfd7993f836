"""Rebuilding the count tables from scratch (`fengqiao reports rebuild-counts`): after a bulk load, after an
outage of the event subscribers, or to check the tables kept current."""
from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Min

from fengqiao.accounts.models import User
from fengqiao.audit.services import audit_record
from fengqiao.cases.models import Case, State
from fengqiao.reports.models import CaseTally, DailyCount, StateCount
from fengqiao.reports.services.facts import (
    DAILY,
    STATE,
    CountKey,
    clocks_for,
    expand,
    facts_for_cases,
    local_day,
)
from fengqiao.reports.services.rows import insert_rows, row_values, table_of

DEFAULT_CHUNK = 2000


@dataclass
class RebuildReport:
    cases: int = 0
    daily_rows: int = 0
    state_rows: int = 0
    seconds: float = 0.0


@transaction.atomic
def counts_rebuild(*, acting_user: User | None, chunk_size: int = DEFAULT_CHUNK) -> RebuildReport:
    """Empty the count tables and count every case again, `chunk_size` cases at a time, in one transaction (readers
    see the old figures until it commits). A change committed while it runs may be missed until that case changes
    again: run it when the platform is quiet."""
    started = time.monotonic()
    report = RebuildReport()
    DailyCount.objects.all().delete()
    StateCount.objects.all().delete()
    CaseTally.objects.all().delete()
    first = Case.objects.aggregate(first=Min("received_at"))["first"]
    totals: dict[CountKey, Counter] = {}
    if first is not None:
        states = {s.pk: s for s in State.objects.all()}
        clocks = clocks_for(local_day(first))
        last_id = 0
        while chunk := list(Case.objects.filter(pk__gt=last_id).order_by("pk").values_list("pk", flat=True)
                            [:chunk_size]):
            last_id = chunk[-1]
            facts = facts_for_cases(chunk, states=states, clocks=clocks)
            CaseTally.objects.bulk_create([CaseTally(case_id=case_id, facts=item.to_json())
                                           for case_id, item in facts.items()], batch_size=chunk_size)
            for item in facts.values():
                for key, columns in expand(item).items():
                    totals.setdefault(key, Counter()).update(columns)
            report.cases += len(facts)
    rows: dict[str, list[tuple]] = {DAILY: [], STATE: []}
    for key, columns in totals.items():
        rows[table_of(key)].append(row_values(key, columns))
    insert_rows(DAILY, rows[DAILY])
    insert_rows(STATE, rows[STATE])
    report.daily_rows, report.state_rows = len(rows[DAILY]), len(rows[STATE])
    report.seconds = round(time.monotonic() - started, 2)
    audit_record(actor=acting_user, action="reports.rebuild_counts", object_type="reports.counts", object_id="all",
                 after={"cases": report.cases, "daily_rows": report.daily_rows, "state_rows": report.state_rows})
    return report
