"""A small directory of mediation organisations and mediators in the test county, and a labour dispute."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from django.utils import timezone

from fengqiao.cases.models import Case, DisputeType
from fengqiao.mediation.choices import OrganisationKind
from fengqiao.mediation.models import Mediator, Organisation
from fengqiao.mediation.services import mediator_create, organisation_create
from fengqiao.testing.factories import make_case

RECEIVED = dt.datetime(2026, 9, 1, 9, 0)


def aware(*args: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime(*args))


@dataclass
class Directory:
    village: Organisation  # 柳湾社区人民调解委员会 (the case's community)
    township: Organisation  # 青石街道人民调解委员会
    court: Organisation  # 法院诉调对接中心 (county)
    industry: Organisation  # 劳动争议调解委员会 (county)
    far_village: Organisation  # another town's village committee
    near: Mediator  # labour, serves the community, of the village committee
    county_wide: Mediator  # labour, serves the county, of the township committee
    generalist: Mediator  # no speciality, serves the grid, of the village committee
    elsewhere: Mediator  # serves the other town only


@pytest.fixture
def labour(db) -> DisputeType:
    return DisputeType.objects.get(code="labour")


@pytest.fixture
def directory(county, other_county, labour) -> Directory:
    admin = county.admin
    village = organisation_create(acting_user=admin, name="A柳湾社区人民调解委员会", kind=OrganisationKind.VILLAGE_COMMITTEE,
                                  region=county.community, number_prefix="柳湾")
    township = organisation_create(acting_user=admin, name="A青石街道人民调解委员会", kind=OrganisationKind.TOWNSHIP_COMMITTEE,
                                   region=county.street)
    court = organisation_create(acting_user=admin, name="A县人民法院诉调对接中心", kind=OrganisationKind.COURT_CENTER,
                                region=county.county)
    industry = organisation_create(acting_user=admin, name="A县劳动争议人民调解委员会",
                                   kind=OrganisationKind.INDUSTRY_COMMITTEE, region=county.county)
    far_village = organisation_create(acting_user=admin, name="A东坪村人民调解委员会", kind=OrganisationKind.VILLAGE_COMMITTEE,
                                      region=county.other_grid.parent)
    near = mediator_create(acting_user=admin, name="王调解", organisation=village, user=county.mediator,
                           specialities=[labour], regions_served=[county.community])
    county_wide = mediator_create(acting_user=admin, name="李调解", organisation=township, specialities=[labour],
                                  regions_served=[county.county])
    generalist = mediator_create(acting_user=admin, name="赵调解", organisation=village, regions_served=[county.grid])
    elsewhere = mediator_create(acting_user=admin, name="钱调解", organisation=far_village, specialities=[labour],
                                regions_served=[county.other_street])
    other = organisation_create(acting_user=other_county.admin, name="B柳湾社区人民调解委员会",
                                kind=OrganisationKind.VILLAGE_COMMITTEE, region=other_county.community)
    mediator_create(acting_user=other_county.admin, name="孙调解", organisation=other, specialities=[labour],
                    regions_served=[other_county.county])
    return Directory(village=village, township=township, court=court, industry=industry, far_village=far_village,
                     near=near, county_wide=county_wide, generalist=generalist, elsewhere=elsewhere)


@pytest.fixture
def case(county, labour) -> Case:
    return make_case(acting_user=county.center, region=county.grid, dispute_type=labour,
                     received_at=timezone.make_aware(RECEIVED))

