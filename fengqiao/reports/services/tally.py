"""Keeping the count tables current, case by case or a batch at a time (after the case events)."""
from __future__ import annotations

from collections import Counter

from django.db import transaction
from django.utils import timezone

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


def case_counts_refresh(*, case_id: int) -> bool:
    """Move one case's counts from what it contributed before to what it contributes now; True if any moved."""
    return bool(case_counts_refresh_many(case_ids=[case_id]))


@transaction.atomic
def case_counts_refresh_many(*, case_ids: list[int]) -> int:
    """Move each case's counts from what it contributed before to what it contributes now, all in one write:
    the changes of the batch are summed row by row first (one case leaving a row and another entering it is
    no write at all). Returns how many cases moved.

    Derived rows, not a record of anything a person did: no audit row (the rebuild, run by a person, has one).
    The cases' tally rows are locked first, in id order, so two batches holding the same case are counted one
    after the other."""
    ids = sorted(set(case_ids))
    if not ids:
        return 0
    CaseTally.objects.bulk_create([CaseTally(case_id=i) for i in ids], ignore_conflicts=True)
    tallies = {t.case_id: t for t in CaseTally.objects.select_for_update().filter(case_id__in=ids).order_by("case_id")}
    new = facts_for_cases(ids)
    total: Contribution = {}
    moved = 0
    for case_id in ids:
        delta = difference(expand(new.get(case_id)), expand(CaseFacts.from_json(tallies[case_id].facts)))
        if delta:
            moved += 1
        for key, change in delta.items():
            total.setdefault(key, Counter()).update(change)
    apply_delta({key: Counter({c: n for c, n in change.items() if n}) for key, change in total.items()
                 if any(change.values())})
    gone = [case_id for case_id in ids if case_id not in new]
    if gone:
        CaseTally.objects.filter(case_id__in=gone).delete()
    kept = [tallies[case_id] for case_id in ids if case_id in new]
    now = timezone.now()
    for tally in kept:
        tally.facts, tally.updated_at = new[tally.case_id].to_json(), now
    CaseTally.objects.bulk_update(kept, ["facts", "updated_at"], batch_size=500)
    return moved
