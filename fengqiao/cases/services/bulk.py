"""The bulk path of the case services: many described cases (cases.specs.CaseSpec) written fast, with the rows
the one-at-a-time services would write for the same steps at the same moments.

`case_bulk_load` takes each spec's steps in memory as the services take them (services/bulk_steps.py: the
workflow, leads and co-tasks, clocks, extensions, notices, written answers and review requests) and writes the
rows in batches (cases.rows.RowWriter: COPY on PostgreSQL, one prepared INSERT elsewhere), each batch in one
transaction (nested in the caller's, if any). Every case gets one audit row, action "case.bulk_load", by
`acting_user` (None: the system). `cases/tests/test_bulk_path.py` proves the rows equal the services' own.

Deliberate differences from the one-at-a-time services, for speed: no per-step audit rows (the one row per case
stands for them), no events on commit (nothing is notified, triaged or followed up for a case that arrives
already handled; the loading code runs what it needs afterwards), no permission checks (the caller vouches for
who took each step), and no row locks (the cases are new).
"""
from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from typing import Any

from django.db import connection, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fengqiao.accounts.models import User
from fengqiao.audit.models import AuditEntry
from fengqiao.cases.choices import AssignmentRole
from fengqiao.cases.models import (
    Assignment,
    Case,
    CaseEvent,
    CaseNotice,
    DeadlineExtension,
    Party,
    PetitionAnswer,
    PetitionReviewRequest,
)
from fengqiao.cases.rows import RowWriter
from fengqiao.cases.services.bulk_steps import BuiltCase, BulkLoadError, CaseBuilder
from fengqiao.cases.services.refusals import notice_text
from fengqiao.cases.specs import BulkNames, CaseSpec
from fengqiao.core.masking import mask_text

BULK_ACTION = "case.bulk_load"
BULK_TABLES = (Case, Party, CaseEvent, Assignment, DeadlineExtension, PetitionAnswer, PetitionReviewRequest,
               CaseNotice, AuditEntry)

__all__ = ["BULK_ACTION", "BulkLoadError", "BulkReport", "case_bulk_analyze", "case_bulk_load"]


@dataclass
class BulkReport:
    cases: int = 0
    parties: int = 0
    events: int = 0
    assignments: int = 0
    extensions: int = 0
    answers: int = 0
    notices: int = 0
    seconds: float = 0.0


def case_bulk_load(*, specs: Iterable[CaseSpec], names: BulkNames, acting_user: User | None = None, batch_size: int = 500,
                   first_day: dt.date | None = None, progress: Callable[[int], None] | None = None) -> BulkReport:
    """Write the cases `specs` describe, with their timelines, as the services would have written them step by
    step. `names` resolves the specs' region and department codes and usernames; `first_day` is the earliest day
    a step may fall on (three years back by default). A spec the services would refuse stops the load with a
    BulkLoadError naming it; the batches before it stay written unless the caller's transaction rolls back."""
    report = BulkReport()
    started = time.monotonic()
    today = timezone.localdate()
    builder = CaseBuilder(names, first_day=first_day or today - dt.timedelta(days=3 * 366), last_day=today)
    writer = _BatchWriter(builder, acting_user)
    for batch in _batches(iter(specs), batch_size):
        built = [builder.build(spec) for spec in batch]
        with transaction.atomic():
            writer.write(built, report)
        if progress:
            progress(report.cases)
    report.seconds = time.monotonic() - started
    return report


def case_bulk_analyze() -> None:
    """Refresh the query planner's statistics for the tables a bulk load filled (ANALYZE on both backends)."""
    with connection.cursor() as cursor:
        for model in BULK_TABLES:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")


class _BatchWriter:
    def __init__(self, builder: CaseBuilder, acting_user: User | None) -> None:
        self.builder = builder
        self.actor_id = getattr(acting_user, "pk", None)
        self.actor_label = str(acting_user) if self.actor_id else "system"
        self.rows = {model: RowWriter(model) for model in (Case, Party, CaseEvent, Assignment, DeadlineExtension,
                                                           AuditEntry)}

    def write(self, built: list[BuiltCase], report: BulkReport) -> None:
        self.rows[Case].write([vars(b.case) for b in built])
        ids = dict(Case.objects.filter(tracking_code__in=[b.case.tracking_code for b in built])
                   .values_list("tracking_code", "id"))
        for item in built:
            item.case.pk = ids[item.case.tracking_code]
            for row in (*item.parties, *item.events, *item.assignments, *item.extensions):
                row["case_id"] = item.case.pk
        parties = [row for item in built for row in item.parties]
        assignments = [row for item in built for row in item.assignments]
        self.rows[Party].write(parties)
        self.rows[Assignment].write(assignments)
        self._co_task_ids(built)
        answers = self._documents(built)
        notices = self._notices(built)
        events = [row for item in built for row in item.events]
        for row in events:
            _link(row)
        extensions = [row for item in built for row in item.extensions]
        self.rows[CaseEvent].write(events)
        self.rows[DeadlineExtension].write(extensions)
        self.rows[AuditEntry].write([self._audit(item) for item in built])
        report.cases += len(built)
        report.parties += len(parties)
        report.events += len(events)
        report.assignments += len(assignments)
        report.extensions += len(extensions)
        report.answers += answers
        report.notices += notices

    def _co_task_ids(self, built: list[BuiltCase]) -> None:
        """The ids of the co-tasks a timeline line names (COPY and executemany give none back)."""
        named = [item for item in built if any("assignment" in e for e in item.events)]
        if not named:
            return
        found = {(case_id, department_id, created): pk for case_id, department_id, created, pk in
                 Assignment.objects.filter(case_id__in=[i.case.pk for i in named], role=AssignmentRole.CO)
                 .values_list("case_id", "department_id", "created_at", "id")}
        for item in named:
            for row in item.assignments:
                if row["role"] == AssignmentRole.CO:
                    row["pk"] = found[(item.case.pk, row["department_id"], row["created_at"])]

    def _documents(self, built: list[BuiltCase]) -> int:
        """Written answers and review requests: few, written with the ORM for their ids."""
        answers = [(item, row) for item in built for row in item.answers]
        objects = PetitionAnswer.objects.bulk_create([PetitionAnswer(case_id=item.case.pk, **_fields(PetitionAnswer, row))
                                                      for item, row in answers])
        for (_item, row), obj in zip(answers, objects, strict=True):
            row["pk"], row["object"] = obj.pk, obj
        PetitionReviewRequest.objects.bulk_create([
            PetitionReviewRequest(case_id=item.case.pk, answer=row["contested"]["object"] if row["contested"] else None,
                                  **_fields(PetitionReviewRequest, row))
            for item in built for row in item.requests
        ])
        return len(answers)

    def _notices(self, built: list[BuiltCase]) -> int:
        """Notices (告知书): their number and text name the case, so they are finished once it is written."""
        pending = [item for item in built if item.notices]
        if not pending:
            return 0
        cases = Case.objects.select_related("region", "handling_region").prefetch_related("parties").in_bulk(
            [item.case.pk for item in pending])
        objects = []
        for item in pending:
            case = cases[item.case.pk]
            for row in item.notices:
                row["text"] = notice_text(case=case, kind=row["kind"], reason=row["reason"], channel=row["channel"],
                                          detail=row["channel_detail"])
                row["number"] = _("%(ref)s-告%(n)d") % {"ref": case.reference, "n": row["order"]}
                row["issuer"] = row["issuer"] or case.current_handling_region.name
                objects.append(CaseNotice(case_id=case.pk, **_fields(CaseNotice, row)))
        rows = [row for item in pending for row in item.notices]
        for row, obj in zip(rows, CaseNotice.objects.bulk_create(objects), strict=True):
            row["pk"] = obj.pk
        return len(rows)

    def _audit(self, item: BuiltCase) -> dict[str, Any]:
        case = item.case
        return {
            "created_at": timezone.now(), "actor_id": self.actor_id, "actor_label": self.actor_label,
            "action": BULK_ACTION, "object_type": "cases.case", "object_id": str(case.pk),
            "object_repr": mask_text(f"{Case.reference.fget(case)} {case.title}")[:200],  # type: ignore[attr-defined]
            "after": {"key": item.spec.key, "process": item.spec.process,
                      "state": self.builder.state_by_id[case.state_id].code, "region": item.spec.region,
                      "parties": len(item.parties), "events": len(item.events)},
        }


def _fields(model: type[models.Model], row: dict[str, Any]) -> dict[str, Any]:
    """The values of `row` that are columns of `model` (by attribute name), but its case."""
    names = {f.attname for f in model._meta.concrete_fields if not f.primary_key} - {"case_id", "answer_id"}
    return {k: v for k, v in row.items() if k in names}


def _link(event: dict[str, Any]) -> None:
    """Put the ids of the rows a timeline line names into its data, as the services do."""
    data = event["data"]
    for key in ("answer", "notice", "assignment"):
        row = event.pop(key, None)
        if row is not None:
            data[key] = row["pk"]


def _batches(items: Iterator[CaseSpec], size: int) -> Iterator[list[CaseSpec]]:
    while batch := list(islice(items, size)):
        yield batch
