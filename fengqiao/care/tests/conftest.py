from __future__ import annotations

import pytest

from fengqiao.testing.factories import make_case
from fengqiao.testing.fixtures import _engine_warm, _engine_warming  # noqa: F401 - switched on for these tests


@pytest.fixture
def crisis_case(county, django_capture_on_commit_callbacks):
    """A worker's message with crisis language, registered and triaged (alerts and referral included)."""
    with django_capture_on_commit_callbacks(execute=True):
        case = make_case(acting_user=county.grid_worker, region=county.grid, title="讨薪",
                         narrative="工资拖了五个月，再不给钱我就从楼上跳下去。")
    case.refresh_from_db()
    return case
