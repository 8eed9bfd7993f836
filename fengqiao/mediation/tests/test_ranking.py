"""Suggesting a mediator: speciality, nearness of the region served, current load, with the reasons shown."""
from __future__ import annotations

from django.urls import reverse
from django.utils import timezone

from fengqiao.audit.models import AuditEntry
from fengqiao.cases.models import DisputeType
from fengqiao.mediation.choices import Channel
from fengqiao.mediation.models import Mediator
from fengqiao.mediation.ranking import rank_mediators
from fengqiao.mediation.services import mediation_assign_mediator, mediation_start, mediator_create
from fengqiao.testing.factories import make_case


def _busy(county, mediator: Mediator, times: int, organisation) -> None:
    for _ in range(times):
        other = make_case(acting_user=county.center, region=county.grid)
        mediation_start(case=other, acting_user=county.center, channel=Channel.PEOPLE, organisation=organisation,
                        mediator=mediator)


def test_ranking_weighs_speciality_region_and_load_with_reasons(county, directory, case, labour):
    busy = mediator_create(acting_user=county.admin, name="周调解", organisation=directory.village,
                           specialities=[labour], regions_served=[county.community])
    _busy(county, busy, 2, directory.village)
    inactive = mediator_create(acting_user=county.admin, name="吴调解", organisation=directory.village,
                               specialities=[labour], regions_served=[county.grid])
    Mediator.objects.filter(pk=inactive.pk).update(is_active=False)

    ranked = rank_mediators(case=case, organisation=directory.village)
    names = [s.mediator.name for s in ranked]
    # near: 40 speciality + 30 community + 10 own organisation = 80; busy: the same minus 2 x 5 = 70;
    # county_wide: 40 + 10 county level = 50; generalist: 40 grid + 10 organisation = 50 (ties break on load, then name).
    assert names == ["王调解", "周调解", "李调解", "赵调解"]
    assert [s.score for s in ranked] == [80, 70, 50, 50]
    assert "钱调解" not in names and "吴调解" not in names and "孙调解" not in names  # other town, inactive, other county
    near, busy_s, county_wide, generalist = ranked
    assert near.reasons == [
        "擅长“劳动争议”（+40）", "服务区域包含案件所在地：A柳湾社区（社区（村），+30）", "属本调解组织（+10）", "当前没有在办调解",
    ]
    assert "当前在办 2 件（-10）" in busy_s.reasons and busy_s.load == 2
    assert "服务区域包含案件所在地：A县（县（区），+10）" in county_wide.reasons
    assert "专长不含“劳动争议”" in generalist.reasons
    assert any("A第一网格" in r and "+40" in r for r in generalist.reasons)


def test_nearer_region_beats_a_wider_one(county, directory, case):
    grid_mediator = mediator_create(acting_user=county.admin, name="郑调解", organisation=directory.township,
                                    regions_served=[county.grid, county.county])
    street_mediator = mediator_create(acting_user=county.admin, name="冯调解", organisation=directory.township,
                                      regions_served=[county.street])
    ranked = {s.mediator.pk: s for s in rank_mediators(case=case, organisation=directory.industry)}
    assert ranked[grid_mediator.pk].score == 40 and ranked[grid_mediator.pk].nearest_region == county.grid
    assert ranked[street_mediator.pk].score == 20


def test_without_a_dispute_type_speciality_does_not_count(county, directory):
    case = make_case(acting_user=county.center, region=county.grid)
    top = rank_mediators(case=case, organisation=directory.village)[0]
    assert top.mediator.name == "赵调解"  # grid beats community when no speciality can count
    assert "案件未标注纠纷类型，不计专长" in top.reasons
    assert DisputeType.objects.filter(code="labour").exists()


def test_assign_from_suggestion_keeps_the_reasons(county, directory, case, client):
    mediation = mediation_start(case=case, acting_user=county.mediator, channel=Channel.PEOPLE,
                                organisation=directory.village, applied_on=timezone.localdate())
    client.force_login(county.mediator)
    page = client.get(reverse("mediation:suggestions", args=[mediation.pk])).content.decode()
    assert page.index("王调解") < page.index("李调解") < page.index("赵调解")
    assert "擅长“劳动争议”（+40）" in page
    before = AuditEntry.objects.filter(action="mediation.assign_mediator").count()
    mediation = mediation_assign_mediator(mediation=mediation, mediator=directory.near, acting_user=county.mediator,
                                          reason="当事人同意")
    assert mediation.mediator == directory.near
    assert mediation.mediator_reason.startswith("当事人同意｜得分 80：擅长“劳动争议”")
    assert AuditEntry.objects.filter(action="mediation.assign_mediator").count() == before + 1
    assert case.events.filter(action="mediation_mediator").exists()
