"""Linked cases: forty workers of one employer are one cluster, seen only within the viewer's jurisdiction."""
from __future__ import annotations

import re

from django.test import override_settings
from django.urls import reverse

from fengqiao.cases.services.create import PartyInput
from fengqiao.testing.factories import make_case, valid_id_number
from fengqiao.warning.choices import AlertKind
from fengqiao.warning.models import Alert, Cluster, ClusterMember, MatterKey
from fengqiao.warning.services.nightly import warning_prepare_county
from fengqiao.warning.tests.conftest import workers

EMPLOYER_NAMES = ["青溪宏达建筑劳务有限公司", "青溪宏达建筑劳务有限责任公司", "青溪宏达建筑劳务有限公司城东分公司",
                  "青溪宏达建筑劳务公司"]


def forty_workers(county, registered, region=None) -> list:
    cases = []
    for number in range(40):
        employer = PartyInput(name=EMPLOYER_NAMES[number % 4], role="respondent", kind="organisation")
        cases.append(registered(acting_user=county.center, region=region or county.grid, title="讨薪",
                                narrative="在工地干了五个月，工资一直没发。",
                                parties=[*workers(1, start=number), employer]))
    return cases


def test_one_employer_owing_forty_workers_is_one_cluster_with_one_alert(county, registered):
    cases = forty_workers(county, registered)
    cluster = Cluster.objects.get(active=True)
    assert set(ClusterMember.objects.filter(cluster=cluster).values_list("case_id", flat=True)) == {c.pk for c in cases}
    assert cluster.size == 40 and cluster.open_count == 40 and cluster.title == "同一单位：青溪宏达建筑劳务"
    assert cluster.region == county.grid
    alerts = Alert.objects.filter(kind=AlertKind.CLUSTER)
    assert alerts.count() == 1 and alerts.get().occurrences == 1 and alerts.get().assignee == county.leader
    # the nightly rebuild finds the same single cluster and raises nothing new
    assert warning_prepare_county(county=county.county.path) == 1
    assert Cluster.objects.filter(active=True).count() == 1 and Alert.objects.count() == 1


def test_keys_never_hold_numbers_in_clear(county, registered):
    id_number = valid_id_number()
    case = registered(acting_user=county.center, region=county.grid,
                      parties=[PartyInput(name="李某", phone="13912345678", id_number=id_number)])
    keys = list(MatterKey.objects.filter(case=case).values_list("key", "label"))
    assert len(keys) == 2 and all("13912345678" not in k + label and id_number not in k + label for k, label in keys)


@override_settings(FENGQIAO_WARNING_CLUSTER_ALERT_SIZE=3)
def test_same_person_and_same_address_link_cases(county, registered):
    first = registered(acting_user=county.center, region=county.grid, address="柳湾社区3号楼2单元101室",
                       parties=[PartyInput(name="甲", phone="13800000001")])
    second = registered(acting_user=county.center, region=county.grid, address="柳湾社区 3幢2单元101室",
                        parties=[PartyInput(name="乙", phone="13800000002")])
    third = registered(acting_user=county.center, region=county.grid,
                       parties=[PartyInput(name="乙某", phone="13800000002")])
    cluster = Cluster.objects.get(active=True)
    assert set(ClusterMember.objects.filter(cluster=cluster).values_list("case_id", flat=True)) == {
        first.pk, second.pk, third.pk}
    assert Alert.objects.filter(kind=AlertKind.CLUSTER, subject_id=cluster.pk).count() == 1


def test_cluster_pages_are_scoped_and_mask_numbers(county, fresh, client):
    forty_workers(county, lambda **kwargs: make_case(**kwargs))  # events not delivered: the nightly run links them
    assert warning_prepare_county(county=county.county.path) == 1
    cluster = Cluster.objects.get(active=True)
    client.force_login(county.center)
    page = client.get(reverse("warning:cluster", args=[cluster.pk])).content.decode()
    assert page.count('data-case="') == 40 and "工人3" in page
    assert not re.search(r"1[3-9]\d{9}", page) and not re.search(r"\d{17}[\dXx]", page)
    assert f'data-cluster="{cluster.pk}"' in client.get(reverse("warning:clusters")).content.decode()
    # a center worker of another street, and a grid worker (no alert role), do not see it
    from fengqiao.testing.factories import UserFactory, grant

    other = grant(UserFactory(), "center", county.other_street)
    client.force_login(other)
    assert client.get(reverse("warning:cluster", args=[cluster.pk])).status_code == 404
    assert f'data-cluster="{cluster.pk}"' not in client.get(reverse("warning:clusters")).content.decode()
    client.force_login(county.grid_worker)
    assert client.get(reverse("warning:cluster", args=[cluster.pk])).status_code == 404
    client.force_login(county.center)
    assert client.get(reverse("warning:cluster", args=[999999])).status_code == 404


def test_a_cluster_across_two_streets_shows_each_street_only_its_own_cases(county, registered, client):
    employer = PartyInput(name="青溪宏达建筑劳务有限公司", role="respondent", kind="organisation")
    mine = registered(acting_user=county.center, region=county.grid, parties=[*workers(1), employer])
    theirs = registered(acting_user=county.center, region=county.other_grid, parties=[*workers(1, start=5), employer])
    cluster = Cluster.objects.get(active=True)
    assert cluster.region == county.county
    client.force_login(county.street_center)
    page = client.get(reverse("warning:cluster", args=[cluster.pk])).content.decode()
    assert f'data-case="{mine.pk}"' in page and f'data-case="{theirs.pk}"' not in page and "另有 1 件" in page


def test_a_refresh_through_many_keys_stays_within_the_databases_limits(county):
    """The cases around a refreshed case are found through all their keys at once: one IN list per kind, not one OR
    term per key (1,500 terms outgrew SQLite's expression depth of 1,000)."""
    from fengqiao.testing.factories import make_case
    from fengqiao.warning.choices import KeyKind
    from fengqiao.warning.models import MatterKey
    from fengqiao.warning.services.clusters import clusters_refresh_for

    first = make_case(acting_user=county.center, region=county.grid, title="很多号码")
    second = make_case(acting_user=county.center, region=county.grid, title="同一号码")
    MatterKey.objects.filter(case_id__in=[first.pk, second.pk]).delete()
    MatterKey.objects.bulk_create([MatterKey(case_id=first.pk, kind=KeyKind.PERSON, key=f"k{n:05d}", label="")
                                   for n in range(1500)])
    MatterKey.objects.create(case_id=second.pk, kind=KeyKind.PERSON, key="k00007", label="")
    clusters = clusters_refresh_for(case_ids=[first.pk])
    assert [sorted(m.case_id for m in c.members.all()) for c in clusters] == [sorted([first.pk, second.pk])]


def _employer_case(county, registered, employer: str, number: int):
    return registered(acting_user=county.center, region=county.grid, title="讨薪", narrative="工资一直没发。",
                      parties=[*workers(1, start=number),
                               PartyInput(name=employer, role="respondent", kind="organisation")])


def test_a_new_case_linking_two_clusters_merges_them_as_the_nightly_rebuild_would(county, registered):
    first = [_employer_case(county, registered, "青溪甲方建筑有限公司", n) for n in range(3)]
    second = [_employer_case(county, registered, "青溪乙方装饰有限公司", n) for n in range(10, 12)]
    assert Cluster.objects.filter(active=True).count() == 2
    bridge = registered(acting_user=county.center, region=county.other_grid, title="讨薪", narrative="两家都欠。",
                        parties=[*workers(1, start=20),
                                 PartyInput(name="青溪甲方建筑有限公司", role="respondent", kind="organisation"),
                                 PartyInput(name="青溪乙方装饰有限公司", role="respondent", kind="organisation")])
    cluster = Cluster.objects.get(active=True)  # the larger took in the other
    members = set(ClusterMember.objects.filter(cluster=cluster).values_list("case_id", flat=True))
    assert members == {c.pk for c in [*first, *second, bridge]} and cluster.size == 6 and cluster.open_count == 6
    assert cluster.region == county.county  # the bridge is in another street
    warning_prepare_county(county=county.county.path)
    rebuilt = Cluster.objects.get(active=True)
    assert set(ClusterMember.objects.filter(cluster=rebuilt).values_list("case_id", flat=True)) == members


def test_joining_a_cluster_reads_the_new_cases_links_not_the_whole_cluster(county, registered):
    """A chain of thirty cases, each sharing a worker with the next, is one cluster; the case that joins its end
    reads its own link and the cluster's row, never the thirty members (the refresh of a whole component, which a
    new case once triggered, read thousands of cases in the demo county)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from fengqiao.warning.services.clusters import clusters_attach_new

    chain = [registered(acting_user=county.center, region=county.grid, title="欠薪", narrative="工资没发。",
                        parties=workers(2, start=200 + n)) for n in range(30)]
    cluster = Cluster.objects.get(active=True)
    assert cluster.size == 30
    with CaptureQueriesContext(connection) as queries:
        clusters_attach_new(case_id=chain[-1].pk)
    longest_in_list = max((group.count(",") + 1 for q in queries.captured_queries
                           for group in re.findall(r" IN \(([^)]*)\)", q["sql"])), default=0)
    assert longest_in_list <= 3
    assert Cluster.objects.get(pk=cluster.pk).size == 30
