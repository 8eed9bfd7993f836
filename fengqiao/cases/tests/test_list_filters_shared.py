"""One filter set for the case list page and GET /api/v1/cases/: the same parameters select the same cases."""
from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from fengqiao.cases.models import Case
from fengqiao.cases.tests.api_support import CASES_URL, token_client
from fengqiao.testing.factories import make_case

LIST = reverse("cases:list")


def _page_ids(client, **params) -> set[int]:
    response = client.get(LIST, params)
    assert response.status_code == 200
    return {case.pk for case in response.context["page"].object_list}


def _api_ids(user, **params) -> set[int]:
    response = token_client(user).get(CASES_URL, params)
    assert response.status_code == 200, response.json()
    return {row["id"] for row in response.json()["results"]}


@pytest.fixture
def cases(county):
    now = timezone.now()
    received = timezone.make_aware(dt.datetime(2026, 9, 1, 9))
    built = {
        "running": make_case(acting_user=county.center, region=county.grid, title="工地欠薪", received_at=received),
        "paused": make_case(acting_user=county.center, region=county.grid, title="宅基地边界",
                            narrative="两家因围墙发生争执，正在等待鉴定。", received_at=received),
        "future": make_case(acting_user=county.center, region=county.other_grid, title="邻里噪声", received_at=received),
        "hotline": make_case(acting_user=county.center, region=county.other_grid, title="12345 转来的工单",
                             channel="hotline", received_at=received),
    }
    past, later = now - dt.timedelta(days=3), now + dt.timedelta(days=10)
    Case.objects.filter(pk__in=[built["running"].pk, built["paused"].pk]).update(due_at=past, warn_at=past)
    Case.objects.filter(pk__in=[built["future"].pk, built["hotline"].pk]).update(due_at=later, warn_at=later)
    # 鉴定 stops the clock (a lawful pause): past its due time, yet not overdue.
    Case.objects.filter(pk=built["paused"].pk).update(clock_paused_at=now - dt.timedelta(days=5))
    Case.objects.filter(pk=built["hotline"].pk).update(external_ref="GD20260901-0042")
    return {name: Case.objects.get(pk=case.pk) for name, case in built.items()}


def test_a_paused_overdue_case_is_excluded_by_page_and_api(client, county, cases):
    client.force_login(county.center)
    overdue = {cases["running"].pk}
    assert _page_ids(client, overdue="on") == overdue
    assert _api_ids(county.center, overdue="true") == overdue
    assert _api_ids(county.center, overdue="false") == {cases["paused"].pk, cases["future"].pk, cases["hotline"].pk}


@pytest.mark.parametrize(("query", "expected"), [
    ("欠薪", {"running"}),  # title
    ("鉴定", {"paused"}),  # narrative
    ("GD20260901-0042", {"hotline"}),  # the hotline's own work-order number
    ("reference:future", {"future"}),  # FQ2026-000123
    ("tracking:paused", {"paused"}),  # the 查询码, as a citizen types it (lower case)
    ("没有这样的案件", set()),
])
def test_the_same_text_query_finds_the_same_cases_on_page_and_api(client, county, cases, query, expected):
    if query.startswith("reference:"):
        query = cases[query.split(":")[1]].reference
    elif query.startswith("tracking:"):
        query = cases[query.split(":")[1]].tracking_code.lower()
    client.force_login(county.center)
    wanted = {cases[name].pk for name in expected}
    assert _page_ids(client, q=query) == wanted
    assert _api_ids(county.center, q=query) == wanted


def test_page_and_api_agree_on_every_shared_filter(client, county, cases):
    client.force_login(county.center)
    street = {cases["future"].pk, cases["hotline"].pk}
    assert _page_ids(client, region=county.other_street.pk) == _api_ids(county.center, region=county.other_street.code) == street
    assert _page_ids(client, channel="hotline") == _api_ids(county.center, channel="hotline") == {cases["hotline"].pk}
    assert _page_ids(client, state="kind:open") == _api_ids(county.center, state_kind="open") == set(
        c.pk for c in cases.values())
    assert (_page_ids(client, received_from="2026-09-01", received_to="2026-09-01")
            == _api_ids(county.center, received_after="2026-09-01", received_before="2026-09-01")
            == {c.pk for c in cases.values()})
