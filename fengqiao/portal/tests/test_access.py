"""The portal is public: no login anywhere, no staff page or link, nothing personal on its pages."""
from __future__ import annotations

import pytest
from django.urls import URLPattern, get_resolver, reverse

from fengqiao.portal import urls as portal_urls
from fengqiao.portal.tests.helpers import ID_NUMBER_PATTERN, MOBILE_PATTERN, RESIDENT_PHONE, submission
from fengqiao.testing.factories import make_case

PORTAL_NAMES = [f"portal:{p.name}" for p in portal_urls.urlpatterns if isinstance(p, URLPattern)]
STAFF_MARKERS = ["/admin/", "/accounts/login", "/api/", "logout"]


def test_every_portal_url_works_without_login(client, county):
    assert set(PORTAL_NAMES) == {"portal:submit", "portal:submitted", "portal:track", "portal:track_result",
                                 "portal:track_end", "portal:notice_pdf"}
    for name in PORTAL_NAMES:
        if name == "portal:notice_pdf":  # a notice of the case looked up in this session only: none here
            assert client.get(reverse(name, kwargs={"notice_id": 1})).status_code == 404
            continue
        response = client.get(reverse(name))
        assert response.status_code in {200, 302, 405}, name
        if response.status_code == 302:
            assert response["Location"].startswith("/portal/"), name


@pytest.mark.parametrize("name", ["portal:submit", "portal:track"])
def test_pages_link_to_no_staff_page(client, county, name):
    page = client.get(reverse(name)).content.decode()
    for marker in STAFF_MARKERS:
        assert marker not in page, marker
    assert 'action="/i18n/setlang/"' in page  # the language switch posts to set_language


def test_a_logged_in_staff_member_sees_the_same_public_pages(client, county):
    make_case(acting_user=county.grid_worker, region=county.grid)
    client.force_login(county.center)
    page = client.get(reverse("portal:submit")).content.decode()
    for marker in STAFF_MARKERS:
        assert marker not in page
    assert county.center.display_name not in page and "拖欠工资纠纷" not in page


def test_pages_carry_no_personal_numbers(client, county):
    client.post(reverse("portal:submit"), submission(county))
    receipt = client.get(reverse("portal:submitted")).content.decode()
    code = client.get(reverse("portal:submitted")).context["receipt"].tracking_code
    client.post(reverse("portal:track"), {"code": code, "phone": RESIDENT_PHONE})
    result = client.get(reverse("portal:track_result")).content.decode()
    for page in (receipt, result):
        assert not ID_NUMBER_PATTERN.search(page) and not MOBILE_PATTERN.search(page)


def test_no_inline_scripts_so_the_content_security_policy_holds(client, county):
    page = client.get(reverse("portal:submit")).content.decode()
    assert "<script>" not in page and " onclick=" not in page and " onchange=" not in page
    assert '<script src="/static/portal/portal.js" defer></script>' in page


def test_portal_is_mounted_at_portal():
    assert reverse("portal:submit") == "/portal/"
    assert reverse("portal:track") == "/portal/track/"
    assert get_resolver().resolve("/portal/track/").url_name == "track"


def test_english_is_available(client, county):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/portal/"})
    assert response.status_code == 302
    page = client.get(reverse("portal:submit"))
    assert page.status_code == 200 and '<html lang="en">' in page.content.decode()
