"""Two clients edit the same case at once: exactly one wins, the other is told to reload (no lost update)."""
import threading

import pytest
from django.db import connection, connections

from fengqiao.accounts.models import User
from fengqiao.cases.models import Case
from fengqiao.cases.services import case_assign
from fengqiao.core.errors import StaleVersionError
from fengqiao.testing.factories import make_case


@pytest.mark.postgres
def test_concurrent_assignments_one_wins_one_is_stale(transactional_db, county):
    if connection.vendor != "postgresql":
        pytest.skip("two real connections racing on one row: run on PostgreSQL (DATABASE_URL=postgres://...)")
    case = make_case(acting_user=county.center, region=county.grid)
    version = case.version
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def client(department) -> None:
        try:
            actor = User.objects.get(pk=county.center.pk)
            target = Case.objects.get(pk=case.pk)
            barrier.wait(timeout=10)
            case_assign(case=target, acting_user=actor, to_department=department, expected_version=version)
            outcomes.append("ok")
        except StaleVersionError:
            outcomes.append("stale")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=client, args=(d,)) for d in (county.labour, county.police)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert sorted(outcomes) == ["ok", "stale"]
    final = Case.objects.get(pk=case.pk)
    assert final.version == version + 1
    assert final.assignments.filter(status="active", role="lead").count() == 1
