"""Clients registering and moving cases at the same moment: every increment lands once (no lost update, no
duplicate row), so the tables kept by the events still equal the tables rebuilt from scratch."""
from __future__ import annotations

import threading

import pytest
from django.db import connection, connections

from fengqiao.accounts.models import User
from fengqiao.cases.models import Case
from fengqiao.cases.services import case_transition
from fengqiao.reports.models import DailyCount
from fengqiao.reports.services import counts_rebuild
from fengqiao.reports.tests.test_counts import table_rows
from fengqiao.testing.factories import make_case

CLIENTS, CASES_EACH = 4, 3


@pytest.mark.postgres
def test_concurrent_writers_lose_no_count(transactional_db, county):
    if connection.vendor != "postgresql":
        pytest.skip("real connections racing on one count row: run on PostgreSQL (DATABASE_URL=postgres://...)")
    barrier = threading.Barrier(CLIENTS)
    failures: list[BaseException] = []

    def client() -> None:
        try:
            actor = User.objects.get(pk=county.center.pk)
            barrier.wait(timeout=30)
            for _ in range(CASES_EACH):  # each write commits on its own, and its events are counted after commit
                case = make_case(acting_user=actor, region=county.grid)
                case_transition(case=Case.objects.get(pk=case.pk), action="accept", acting_user=actor)
        except BaseException as exc:  # reported below
            failures.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=client) for _ in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert failures == []
    county_all = DailyCount.objects.filter(region_path=county.county.path, dimension="all")
    assert sum(county_all.values_list("received", flat=True)) == CLIENTS * CASES_EACH
    kept = table_rows()
    counts_rebuild(acting_user=None)
    assert table_rows() == kept
