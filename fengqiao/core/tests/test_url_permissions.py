"""Every URL pattern, enumerated: a user of another jurisdiction gets exactly what a missing id gets (404).

New endpoints are covered automatically: a URL keyword this test cannot fill makes it fail, so
whoever adds an object-level URL must say here which object it names.
"""
import datetime as dt
import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from fengqiao.cases.services import case_extension_request, case_transition
from fengqiao.cases.services.attachments import AttachmentInput
from fengqiao.testing.factories import make_case

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
MISSING = 987654321
# URL keywords naming reference data that every logged-in staff member may read (not jurisdiction-scoped).
REFERENCE_DATA = {"code"}
PUBLIC_PREFIXES = ("portal/", "healthz", "accounts/login/", "i18n/", "api/v1/schema/", "api/v1/docs/", "api/v1/auth/")


def all_patterns(patterns=None, prefix=""):
    for p in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(p, URLResolver):
            if str(p.pattern).startswith("admin/"):
                continue
            yield from all_patterns(p.url_patterns, prefix + str(p.pattern))
        elif isinstance(p, URLPattern):
            yield prefix + str(p.pattern), p


def keywords(route: str) -> list[str]:
    return [a or b for a, b in re.findall(r"\(\?P<(\w+)>|<(?:\w+:)?(\w+)>", route)]


def build_url(route: str, values: dict[str, object]) -> str:
    url = re.sub(r"\(\?P<(\w+)>[^)]*\)", lambda m: str(values[m.group(1)]), route)
    url = re.sub(r"<(?:\w+:)?(\w+)>", lambda m: str(values[m.group(1)]), url)
    return "/" + url.replace("^", "").replace("$", "")


@pytest.fixture
def objects(county, fresh):
    """One real object of county A for every kind of id a URL can name."""
    from fengqiao.care.models import Referral
    from fengqiao.mediation.choices import Channel, OrganisationKind
    from fengqiao.mediation.services import mediation_start, organisation_create, session_schedule
    from fengqiao.notifications.services import notify
    from fengqiao.reports.periods import quarter_of
    from fengqiao.reports.services.documents import report_generate, report_request
    from fengqiao.reports.services.recommendations import recommendation_record

    case = make_case(acting_user=county.center, region=county.grid, attachments=[AttachmentInput("证据.png", PNG)])
    case = case_transition(case=case, action="accept", acting_user=fresh(county.center))
    extension = case_extension_request(case=case, acting_user=fresh(county.center), days=5, reason="等待鉴定结果")
    organisation = organisation_create(acting_user=fresh(county.admin), name="A柳湾社区人民调解委员会",
                                       kind=OrganisationKind.VILLAGE_COMMITTEE, region=county.community)
    mediation = mediation_start(case=case, acting_user=fresh(county.center), channel=Channel.PEOPLE,
                                organisation=organisation)
    session = session_schedule(mediation=mediation, acting_user=fresh(county.center),
                               scheduled_at=timezone.now() + dt.timedelta(days=2), place="柳湾社区调解室",
                               parties=list(case.parties.all()))
    notification = notify(recipients=[county.center], kind="system", title="测试通知", body="内容")[0]
    referral = Referral.objects.create(case=case, kind="self_harm", phrases=["活不下去"])
    report_run = report_request(kind="quarterly", period=quarter_of(timezone.localdate()), region=None, fmt="xlsx",
                                acting_user=fresh(county.center))
    report_run = report_generate(run_id=report_run.pk)
    recommendation = recommendation_record(acting_user=fresh(county.center), kind="improve_work",
                                           addressed_to=county.labour, region=county.street,
                                           text="建议建立欠薪线索快速核查机制", made_on=timezone.localdate())
    return {"recommendation": recommendation,
            "case": case, "party": case.parties.first(), "attachment": case.attachments.first(), "extension": extension,
            "mediation": mediation, "session": session, "notification": notification, "referral": referral,
            "assignment": case.assignments.first(), "report_run": report_run}


# What the first <pk> of a route names, by the route's prefix; anything else names a case.
PK_OWNERS = {"care/cases/": "case", "api/v1/parties/": "party", "notifications/": "notification", "care/": "referral",
             "mediation/<": "mediation", "reports/documents/": "report_run",
             "reports/recommendations/": "recommendation"}
# Secondary ids: a real object where one exists; the view must refuse the case first anyway.
SECONDARY = {"party_id": "party", "attachment_id": "attachment", "extension_id": "extension", "session_id": "session",
             "assignment_id": "assignment"}
PLACEHOLDERS = {"link_pk": 1, "field": "phone", "action": "succeed", "instalment_id": 1, "supervision_id": 1,
                "leader_case_id": 1, "answer_id": 1, "notice_id": 1}


def fill(route: str, objects: dict, missing: bool) -> dict[str, object]:
    values: dict[str, object] = {}
    for name in keywords(route):
        if name == "pk":
            owner = next((kind for prefix, kind in PK_OWNERS.items() if route.startswith(prefix)), "case")
            values[name] = MISSING if missing else objects[owner].pk
        elif name in SECONDARY:
            values[name] = objects[SECONDARY[name]].pk
        elif name in PLACEHOLDERS:
            values[name] = PLACEHOLDERS[name]
        else:
            raise AssertionError(f"test_url_permissions does not know which object <{name}> names in {route}")
    return values


def object_routes():
    return [(route, p) for route, p in all_patterns() if keywords(route) and not set(keywords(route)) & REFERENCE_DATA]


def test_object_level_urls_exist():
    assert len(object_routes()) >= 10


@pytest.mark.parametrize("who", ["center", "admin", "leader", "handler", "grid_worker"])
def test_other_jurisdiction_gets_the_same_404_as_a_missing_object(client, objects, other_county, who):
    client.force_login(getattr(other_county, who))
    checked = 0
    for route, _pattern in object_routes():
        forbidden_url = build_url(route, fill(route, objects, missing=False))
        missing_url = build_url(route, fill(route, objects, missing=True))
        for method in ("get", "post"):
            extra = {"data": "{}", "content_type": "application/json"} if method == "post" and route.startswith("api/") else {}
            forbidden = getattr(client, method)(forbidden_url, **extra)
            missing = getattr(client, method)(missing_url, **extra)
            assert forbidden.status_code in (404, 405), f"{method.upper()} {forbidden_url}: {forbidden.status_code}"
            assert forbidden.status_code == missing.status_code, f"{method.upper()} {forbidden_url}"
            checked += 1
    assert checked >= 20


def test_the_owning_jurisdiction_can_open_the_case_urls(client, objects, county):
    client.force_login(county.admin)
    for route, _pattern in object_routes():
        if route.startswith(("cases/<int:pk>/", "api/v1/^cases/(?P<pk>[^/.]+)/$")) and route.count("<") == 1 and "(" not in route:
            response = client.get(build_url(route, fill(route, objects, missing=False)))
            assert response.status_code in (200, 405), route


def test_anonymous_visitors_reach_only_public_pages(client, objects):
    for route, _pattern in all_patterns():
        if route.startswith(PUBLIC_PREFIXES) or "setlang" in route:
            continue
        values = fill(route, objects, missing=False) if keywords(route) and not set(keywords(route)) & REFERENCE_DATA else {
            k: "x" for k in keywords(route)
        }
        url = build_url(route, values)
        response = client.get(url)
        assert response.status_code in (302, 401, 403, 404, 405), f"{url}: {response.status_code}"
        if response.status_code == 302:
            assert "/accounts/login/" in response["Location"], url
