"""A petition accepted by the county center, about land taken for a road, and the media folder of the test run."""
from __future__ import annotations

import pytest

from fengqiao.cases.services import case_transition
from fengqiao.replies.tests.examples import LAND_REQUEST
from fengqiao.testing.factories import make_case
from fengqiao.testing.fixtures import _clean  # noqa: F401 - switched on for these tests

LAND_TITLE, LAND_NARRATIVE = LAND_REQUEST.split("\n", 1)
RESIDENT_PHONE = "13812345678"


@pytest.fixture
def petition(county, fresh):
    case = make_case(acting_user=county.center, region=county.grid, process="petition", channel="letter",
                     title=LAND_TITLE, narrative=LAND_NARRATIVE)
    return case_transition(case=case, action="accept", acting_user=fresh(county.center))
