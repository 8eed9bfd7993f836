"""After a follow-up action the case page must load again: the answer sends the browser to the case page's
#followup anchor, and a browser asked to go to the page it is on with only a new fragment merely scrolls (no
message, stale panels) — so HTMX is told to reload then (HX-Refresh)."""
from __future__ import annotations

from django.test import RequestFactory
from django.urls import reverse

from fengqiao.core.viewkit import redirect_after_post
from fengqiao.followup.models import FollowUp


def _htmx_post(current_url: str | None):
    headers = {"HX-Request": "true"}
    if current_url is not None:
        headers["HX-Current-URL"] = current_url
    return RequestFactory().post("/followup/cases/1/open/", headers=headers)


def test_a_redirect_to_an_anchor_of_the_current_page_reloads_it():
    for current in ("http://testserver/cases/1/", "http://testserver/cases/1/#followup"):
        response = redirect_after_post(_htmx_post(current), "/cases/1/#followup")
        assert response["HX-Redirect"] == "/cases/1/#followup" and response["HX-Refresh"] == "true", current


def test_other_redirects_are_plain_navigations():
    cases = [("http://testserver/cases/1/", "/cases/1/"),  # no fragment: the browser loads the page again anyway
             ("http://testserver/followup/cases/1/call/", "/cases/1/#followup"),  # another page
             ("http://testserver/cases/2/", "/cases/1/#followup"),
             ("http://testserver/cases/1/?tab=x", "/cases/1/#followup"),
             (None, "/cases/1/#followup")]
    for current, url in cases:
        response = redirect_after_post(_htmx_post(current), url)
        assert response["HX-Redirect"] == url and "HX-Refresh" not in response, (current, url)
    plain = redirect_after_post(RequestFactory().post("/x/"), "/cases/1/#followup")
    assert plain.status_code == 303 and plain["Location"] == "/cases/1/#followup"


def test_generating_a_followup_from_the_case_page_reloads_the_page(client, mediated, county):
    client.force_login(county.center)
    case_url = reverse("cases:detail", args=[mediated.pk])
    response = client.post(reverse("followup:open", args=[mediated.pk]), HTTP_HX_REQUEST="true",
                           HTTP_HX_CURRENT_URL=f"http://testserver{case_url}")
    assert response.status_code == 200 and FollowUp.objects.filter(case=mediated).count() == 1
    assert response["HX-Redirect"] == f"{case_url}#followup" and response["HX-Refresh"] == "true"
    page = client.get(case_url).content.decode()
    assert "已生成回访。" in page  # the message waits for the reloaded page
