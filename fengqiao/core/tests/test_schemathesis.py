"""Property-based API testing with schemathesis against the WSGI application.

Generated requests for the case list and case registration must never cause a server error, and every
answer must match the OpenAPI document (status code, content type, body schema). The run is bounded so
the suite stays fast.
"""
import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from fengqiao.cases.tests.api_support import token_header
from fengqiao.config.wsgi import application
from fengqiao.regions.choices import RegionLevel
from fengqiao.testing.factories import RegionFactory, make_case

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]

# The document is served by the application itself (no database needed to build it).
schema = schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", application).include(
    path="/api/v1/cases/", method=["GET", "POST"]
)


def _example_region_code() -> str:
    operation = schema.raw_schema["paths"]["/api/v1/cases/"]["post"]
    examples = operation["requestBody"]["content"]["application/json"]["examples"]
    return next(iter(examples.values()))["value"]["region"]


@pytest.fixture
def keep_test_connection():
    """Requests sent straight to the WSGI application would close the test's database connection at the end
    of each request (and with it the test transaction on PostgreSQL); Django's own test client avoids this
    the same way."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def auth_header(county, keep_test_connection) -> dict[str, str]:
    # The documented create example names a grid; give county A one with that code, so the example registers.
    RegionFactory(code=_example_region_code(), name="示例网格", level=RegionLevel.GRID, parent=county.community)
    make_case(acting_user=county.center, region=county.grid)
    make_case(acting_user=county.center, region=county.other_grid, process="petition", title="征地补偿信访")
    return {"Authorization": token_header(county.center)}


@schema.parametrize()
@settings(
    max_examples=25,
    deadline=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.filter_too_much],
)
def test_case_list_and_create_conform_to_the_schema(case, auth_header):
    case.call_and_validate(headers=auth_header, checks=CHECKS)
