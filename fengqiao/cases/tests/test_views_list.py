"""The case list: filters, counts, pagination, HTMX fragments and a constant number of queries."""
from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from fengqiao.cases.models import Case, DisputeType, State
from fengqiao.cases.services import case_assign
from fengqiao.testing.factories import make_case

LIST = reverse("cases:list")


def _refs(response) -> set[str]:
    return {c.reference for c in response.context["page"].object_list}


@pytest.fixture
def cases(county):
    aware = timezone.make_aware
    labour = DisputeType.objects.get(code="labour")
    built = {
        "grid": make_case(acting_user=county.grid_worker, region=county.grid, title="工地欠薪",
                          received_at=aware(dt.datetime(2026, 1, 10, 9)), dispute_type=labour),
        "street": make_case(acting_user=county.center, region=county.street, title="邻里噪声",
                            narrative="楼上深夜拖动家具，影响休息。", received_at=aware(dt.datetime(2026, 2, 1, 9))),
        "other_street": make_case(acting_user=county.center, region=county.other_grid, title="土地补偿",
                                  process="petition", channel="letter", received_at=aware(dt.datetime(2026, 3, 5, 9))),
    }
    built["street"] = case_assign(case=built["street"], acting_user=county.center, to_department=county.labour,
                                  expected_version=built["street"].version)
    # Clocks run from the received dates above; keep them all running so that "overdue" is set by each test.
    Case.objects.filter(pk__in=[c.pk for c in built.values()]).update(
        due_at=timezone.now() + dt.timedelta(days=10), warn_at=timezone.now() + dt.timedelta(days=8))
    return built


def test_no_filter_shows_everything_visible_with_count(client, county, other_county, cases):
    make_case(acting_user=other_county.center, region=other_county.grid, title="外县案件")
    client.force_login(county.center)
    response = client.get(LIST)
    assert _refs(response) == {c.reference for c in cases.values()}
    assert "共 3 件" in response.content.decode()
    assert "外县案件" not in response.content.decode()


def test_filter_by_state_kind_and_specific_state(client, county, cases):
    client.force_login(county.center)
    dispatched = State.objects.get(process__code="dispute", code="dispatched")
    assert _refs(client.get(LIST, {"state": f"state:{dispatched.pk}"})) == {cases["street"].reference}
    assert _refs(client.get(LIST, {"state": "kind:open"})) == {c.reference for c in cases.values()}
    assert _refs(client.get(LIST, {"state": "kind:closed"})) == set()


def test_filter_by_region_includes_everything_below(client, county, cases):
    client.force_login(county.center)
    assert _refs(client.get(LIST, {"region": county.street.pk})) == {cases["grid"].reference, cases["street"].reference}
    assert _refs(client.get(LIST, {"region": county.grid.pk})) == {cases["grid"].reference}
    assert _refs(client.get(LIST, {"region": county.other_street.pk})) == {cases["other_street"].reference}


def test_region_choices_never_offer_another_county(client, county, other_county, cases):
    client.force_login(county.street_center)
    response = client.get(LIST)
    regions = list(response.context["form"].fields["region"].queryset)
    assert county.grid in regions and county.street in regions
    assert county.county not in regions and other_county.grid not in regions
    assert client.get(LIST, {"region": other_county.grid.pk}).status_code == 400


def test_filter_by_process_channel_dispute_type(client, county, cases):
    client.force_login(county.center)
    petition = cases["other_street"].process
    assert _refs(client.get(LIST, {"process": petition.pk})) == {cases["other_street"].reference}
    assert _refs(client.get(LIST, {"channel": "letter"})) == {cases["other_street"].reference}
    labour = DisputeType.objects.get(code="labour")
    assert _refs(client.get(LIST, {"dispute_type": labour.pk})) == {cases["grid"].reference}


def test_overdue_only(client, county, cases):
    Case.objects.filter(pk=cases["grid"].pk).update(due_at=timezone.now() - dt.timedelta(hours=1))
    client.force_login(county.center)
    response = client.get(LIST, {"overdue": "on"})
    assert _refs(response) == {cases["grid"].reference}
    assert "badge-red" in response.content.decode()


def test_text_search_title_narrative_reference_tracking_code(client, county, cases):
    client.force_login(county.center)
    assert _refs(client.get(LIST, {"q": "欠薪"})) == {cases["grid"].reference}
    assert _refs(client.get(LIST, {"q": "拖动家具"})) == {cases["street"].reference}
    assert _refs(client.get(LIST, {"q": cases["other_street"].reference})) == {cases["other_street"].reference}
    assert _refs(client.get(LIST, {"q": cases["street"].tracking_code.lower()})) == {cases["street"].reference}


def test_date_range(client, county, cases):
    client.force_login(county.center)
    response = client.get(LIST, {"received_from": "2026-01-15", "received_to": "2026-02-01"})
    assert _refs(response) == {cases["street"].reference}
    assert _refs(client.get(LIST, {"received_to": "2026-01-10"})) == {cases["grid"].reference}


@pytest.mark.parametrize("params", [
    {"received_from": "2026-02-30"},
    {"received_to": "not-a-date"},
    {"received_from": "2026-03-01", "received_to": "2026-01-01"},
])
def test_impossible_dates_give_a_form_error(client, county, cases, params):
    client.force_login(county.center)
    response = client.get(LIST, params)
    assert response.status_code == 400
    html = response.content.decode()
    assert "筛选条件有误" in html
    assert "有效的日期" in html or "结束日期不能早于开始日期" in html


def test_htmx_gets_only_the_results(client, county, cases):
    client.force_login(county.center)
    response = client.get(LIST, {"q": "欠薪"}, headers={"HX-Request": "true", "HX-Target": "results"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html and "共 1 件" in html and cases["grid"].reference in html
    assert "HX-Request" in response["Vary"]
    restore = client.get(LIST, headers={"HX-Request": "true", "HX-Target": "results", "HX-History-Restore-Request": "true"})
    assert "<html" in restore.content.decode()


def test_pagination_25_per_page_and_keeps_filters(client, county):
    from fengqiao.cases.services.create import PartyInput

    party = [PartyInput(name="某某")]
    for i in range(27):
        make_case(acting_user=county.center, region=county.grid, title=f"批量{i}", parties=party)
    client.force_login(county.center)
    first = client.get(LIST, {"q": "批量"})
    assert len(first.context["page"].object_list) == 25
    html = first.content.decode()
    assert "共 27 件" in html and "q=%E6%89%B9%E9%87%8F&amp;page=2" in html
    second = client.get(LIST, {"q": "批量", "page": 2})
    assert len(second.context["page"].object_list) == 2


def test_query_count_does_not_grow_with_cases(client, county, django_assert_max_num_queries):
    from fengqiao.cases.services.create import PartyInput

    party = [PartyInput(name="某某")]
    for i in range(3):
        make_case(acting_user=county.center, region=county.grid, title=f"查询{i}", parties=party)
    client.force_login(county.center)
    client.get(LIST)  # warm caches (content types, sessions)
    with django_assert_max_num_queries(15) as few:  # 15: the navigation's count of open alerts (warning) is one
        client.get(LIST)
    for i in range(20):
        make_case(acting_user=county.center, region=county.grid, title=f"更多{i}", parties=party)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(LIST)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("cases:my_work"))


def test_list_never_shows_unmasked_numbers(client, county, cases):
    import re

    Case.objects.filter(pk=cases["grid"].pk).update(title="联系 13812345678")
    client.force_login(county.center)
    html = client.get(LIST).content.decode()
    assert not re.search(r"1[3-9]\d{9}", html)
    assert not re.search(r"\d{17}[\dXx]", html)
