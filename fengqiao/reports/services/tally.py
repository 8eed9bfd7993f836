"""Keeping the count tables current, one case at a time (called by the subscriber to the case events)."""
from __future__ import annotations

from django.db import transaction

from fengqiao.reports.models import CaseTally
from fengqiao.reports.services.facts import CaseFacts, Contribution, difference, expand, facts_for_cases
from fengqiao.reports.services.rows import add_to_rows, row_values, table_of


def apply_delta(delta: Contribution) -> None:
    """Add each row's changes in place: one additive upsert per table (see reports.services.rows), rows in key
    order so two writers never wait for each other in opposite orders."""
    by_table: dict[str, list[tuple]] = {}
    for key in sorted(delta, key=repr):
        by_table.setdefault(table_of(key), []).append(row_values(key, delta[key]))
    for table, rows in sorted(by_table.items()):
        add_to_rows(table, rows)


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
