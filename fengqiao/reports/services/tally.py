"""Keeping the count tables current, one case at a time (called by the subscriber to the case events)."""
from __future__ import annotations

from django.db import IntegrityError, transaction
from django.db.models import F

from fengqiao.reports.models import CaseTally, DailyCount, StateCount
from fengqiao.reports.services.facts import (
    DAILY,
    CaseFacts,
    Contribution,
    CountKey,
    difference,
    expand,
    facts_for_cases,
)


def key_lookup(key: CountKey) -> tuple[type[DailyCount] | type[StateCount], dict]:
    """The model and the field values of one count row's key."""
    table, path, depth, dimension, value, *rest = key
    lookup = {"region_path": path, "depth": depth, "dimension": dimension, "value": value}
    if table == DAILY:
        return DailyCount, {**lookup, "day": rest[0]}
    return StateCount, {**lookup, "state_id": rest[0], "due_on": rest[1]}


def apply_delta(delta: Contribution) -> None:
    """Add each row's changes in place (`column = column + n`, atomic on both databases); a row not there yet is
    inserted, and if another transaction inserted it first, updated after all. Rows are taken in key order so
    two writers never wait for each other in opposite orders."""
    for key in sorted(delta, key=repr):
        model, lookup = key_lookup(key)
        changes = {column: F(column) + n for column, n in delta[key].items()}
        if model.objects.filter(**lookup).update(**changes):
            continue
        try:
            with transaction.atomic():
                model.objects.create(**lookup, **delta[key])
        except IntegrityError:
            model.objects.filter(**lookup).update(**changes)


@transaction.atomic
def case_counts_refresh(*, case_id: int) -> bool:
    """Move the case's counts from what it contributed before to what it contributes now; True if any moved.

    Derived rows, not a record of anything a person did: no audit row (the rebuild, run by a person, has one).
    The case's tally row is locked first, so two events of the same case are counted one after the other."""
    CaseTally.objects.get_or_create(case_id=case_id)
    tally = CaseTally.objects.select_for_update().get(case_id=case_id)
    new = facts_for_cases([case_id]).get(case_id)
    delta = difference(expand(new), expand(CaseFacts.from_json(tally.facts)))
    apply_delta(delta)
    if new is None:
        tally.delete()
    else:
        tally.facts = new.to_json()
        tally.save(update_fields=["facts", "updated_at"])
    return bool(delta)
