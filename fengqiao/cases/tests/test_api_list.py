"""GET /api/v1/cases/: scoped to the user, every filter, clean 400s for bad parameters, bounded queries."""
import datetime as dt

import pytest
from django.utils import timezone

from fengqiao.cases.models import Case, Category, DisputeType
from fengqiao.cases.services import case_transition
from fengqiao.cases.tests.api_support import CASES_URL, token_client
from fengqiao.testing.factories import make_case


def _ids(response) -> set[int]:
    assert response.status_code == 200, response.json()
    return {row["id"] for row in response.json()["results"]}


def _at(day: str) -> dt.datetime:
    return timezone.make_aware(dt.datetime.fromisoformat(day))


@pytest.fixture
def cases(county):
    """A spread of cases in county A; names say what sets each apart."""
    labour = DisputeType.objects.get(code="labour")
    environment = Category.objects.get(code="environment")
    grid = make_case(acting_user=county.center, region=county.grid, title="网格里的拖欠工资纠纷",
                     dispute_type=labour, received_at=_at("2026-03-10T09:00"))
    street = make_case(acting_user=county.center, region=county.other_grid, title="东坪的邻里噪声", channel="hotline",
                       received_at=_at("2026-04-20T15:30"))
    petition = make_case(acting_user=county.center, region=county.grid, process="petition", title="征地补偿信访",
                         category=environment, received_at=_at("2026-05-05T08:00"))
    mediating = make_case(acting_user=county.center, region=county.community, title="宅基地边界",
                          narrative="两家因宅基地边界的围墙发生争执。", received_at=_at("2026-06-01T10:00"))
    mediating = case_transition(case=mediating, action="accept", acting_user=county.center)
    closed = make_case(acting_user=county.center, region=county.grid, title="已就地化解的纠纷",
                       received_at=_at("2026-06-02T10:00"))
    closed = case_transition(case=closed, action="close", acting_user=county.center, note="当场调解达成一致")
    Case.objects.filter(pk=grid.pk).update(due_at=timezone.now() - dt.timedelta(days=2))
    return {"grid": grid, "street": street, "petition": petition, "mediating": mediating, "closed": closed}


def test_list_is_paginated_and_counts_only_visible_cases(county, other_county, cases):
    response = token_client(county.center).get(CASES_URL)
    body = response.json()
    assert set(body) == {"count", "next", "previous", "results"}
    assert body["count"] == 5
    assert _ids(response) == {c.pk for c in cases.values()}

    other = token_client(other_county.center).get(CASES_URL).json()
    assert other["count"] == 0 and other["results"] == []

    # A grid worker sees only their grid's cases.
    grid_ids = _ids(token_client(county.grid_worker).get(CASES_URL))
    assert grid_ids == {cases["grid"].pk, cases["petition"].pk, cases["closed"].pk}


def test_list_row_is_the_compact_representation(county, cases):
    row = next(r for r in token_client(county.center).get(CASES_URL).json()["results"] if r["id"] == cases["grid"].pk)
    assert set(row) == {
        "id", "reference", "tracking_code", "title", "process", "state", "region", "channel", "category",
        "dispute_type", "urgency", "party_count", "received_at", "due_at", "deadline_status", "lead_department",
        "version",
    }
    assert row["state"] == {"code": "registered", "name": "登记受理", "kind": "open", "ends_unsettled": False}
    assert row["region"] == {"code": county.grid.code, "name": county.grid.name}
    assert row["dispute_type"]["code"] == "labour"
    assert row["reference"] == cases["grid"].reference
    assert row["deadline_status"] == "red"
    assert "narrative" not in row and "parties" not in row


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("state=mediating", {"mediating"}),
        ("state_kind=open", {"grid", "street", "petition", "mediating"}),
        ("state_kind=closed", {"closed"}),
        ("process=petition", {"petition"}),
        ("category=environment", {"petition"}),
        ("dispute_type=labour", {"grid"}),
        ("channel=hotline", {"street"}),
        ("overdue=true", {"grid", "street", "petition"}),  # registration clocks run from receipt: long past
        ("overdue=false", {"mediating", "closed"}),
        ("received_after=2026-05-05", {"petition", "mediating", "closed"}),
        ("received_before=2026-04-20", {"grid", "street"}),
        ("received_after=2026-04-01&received_before=2026-05-31", {"street", "petition"}),
        ("q=噪声", {"street"}),
        ("q=围墙", {"mediating"}),
    ],
)
def test_each_filter(county, cases, query, expected):
    response = token_client(county.center).get(f"{CASES_URL}?{query}")
    assert _ids(response) == {cases[name].pk for name in expected}
    assert response.json()["count"] == len(expected)


def test_region_filter_includes_regions_below(county, cases):
    client = token_client(county.center)
    assert _ids(client.get(f"{CASES_URL}?region={county.street.code}")) == {
        cases[n].pk for n in ("grid", "petition", "mediating", "closed")
    }
    assert _ids(client.get(f"{CASES_URL}?region={county.other_street.code}")) == {cases["street"].pk}
    assert len(_ids(client.get(f"{CASES_URL}?region={county.county.code}"))) == 5


def test_search_by_reference_and_tracking_code(county, cases):
    client = token_client(county.center)
    petition = cases["petition"]
    assert _ids(client.get(CASES_URL, {"q": petition.reference})) == {petition.pk}
    assert _ids(client.get(CASES_URL, {"q": petition.tracking_code})) == {petition.pk}


def test_ordering(county, cases):
    client = token_client(county.center)
    rows = client.get(f"{CASES_URL}?ordering=received_at").json()["results"]
    assert [r["id"] for r in rows][0] == cases["grid"].pk
    rows = client.get(f"{CASES_URL}?ordering=-received_at").json()["results"]
    assert [r["id"] for r in rows][0] == cases["closed"].pk
    due = [r["due_at"] for r in client.get(f"{CASES_URL}?ordering=due_at&state_kind=open").json()["results"]]
    assert due == sorted(due)


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("received_after=2026-13-45", "received_after"),
        ("received_before=yesterday", "received_before"),
        ("state_kind=pending", "state_kind"),
        ("channel=fax", "channel"),
        ("region=NO-SUCH-REGION", "region"),
        ("ordering=narrative", "ordering"),
        ("overdue=maybe", "overdue"),
    ],
)
def test_bad_parameters_are_400_naming_the_field(county, cases, query, field):
    response = token_client(county.center).get(f"{CASES_URL}?{query}")
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid"
    assert list(body["errors"]) == [field]


def test_extreme_dates_do_not_break_the_list(county, cases):
    client = token_client(county.center)
    assert client.get(f"{CASES_URL}?received_after=0001-01-01&received_before=9999-12-31").json()["count"] == 5


def test_page_size_is_capped(county, cases):
    response = token_client(county.center).get(f"{CASES_URL}?page_size=2")
    body = response.json()
    assert len(body["results"]) == 2 and body["count"] == 5 and body["next"]


def test_no_query_count_explosion(county, django_assert_max_num_queries):
    for index in range(26):
        make_case(acting_user=county.center, region=county.grid, title=f"纠纷{index}",
                  dispute_type=DisputeType.objects.get(code="labour"))
    client = token_client(county.center)
    # token, memberships, count, the rows, and one query per lookup table (process, state, category, dispute type)
    with django_assert_max_num_queries(8):
        response = client.get(CASES_URL)
    assert len(response.json()["results"]) == 25
