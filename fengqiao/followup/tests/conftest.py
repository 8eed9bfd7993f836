"""Cases at the end of their handling, ready to be followed up."""
from __future__ import annotations

import pytest

from fengqiao.cases.services import case_transition
from fengqiao.testing.factories import make_case
from fengqiao.testing.fixtures import _clean  # noqa: F401 - switched on for these tests

NOISE = {"title": "楼上深夜拖动家具", "narrative": "柳湾小区3幢楼上住户连续两周在凌晨一点后拖动家具，影响老人休息。"}


@pytest.fixture
def mediated(county, fresh):
    """A neighbours' dispute mediated successfully (调解成功: a resolved state with no reopen step of its own)."""
    case = make_case(acting_user=county.center, region=county.grid, **NOISE)
    case = case_transition(case=case, action="accept", acting_user=fresh(county.center))
    return case_transition(case=case, action="succeed", acting_user=fresh(county.center))


@pytest.fixture
def closed_order(county, fresh):
    """A hotline work order answered and closed at once (受理 → 办结)."""
    case = make_case(acting_user=county.center, region=county.grid, process="workorder", channel="hotline",
                     title="路灯不亮", narrative="柳湾社区东门路灯坏了一个月，晚上出行不便。")
    return case_transition(case=case, action="close", acting_user=fresh(county.center), note="已联系供电所当天修复")


@pytest.fixture
def open_case(county):
    return make_case(acting_user=county.center, region=county.grid, title="邻里漏水", narrative="楼上卫生间漏水到我家。")
