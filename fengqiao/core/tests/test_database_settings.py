"""Connection settings the application relies on for short, predictable queries."""
from __future__ import annotations

import pytest
from django.db import connection


@pytest.mark.django_db
def test_postgresql_sessions_run_without_jit_compilation():
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL-only setting; this run uses " + connection.vendor)
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"
