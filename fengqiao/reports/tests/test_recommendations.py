"""Recommendations of the petition office (信访工作条例 第四十一条第三项): recorded and updated by the centers and
administrators within their jurisdiction, audited, refused with field errors when wrong; read by leaders; nobody
else sees them, and one outside the jurisdiction is a 404."""
from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from fengqiao.audit.models import AuditEntry
from fengqiao.core.errors import NotFoundError, ValidationFailed
from fengqiao.reports import selectors
from fengqiao.reports.choices import RecommendationStatus
from fengqiao.reports.models import Recommendation
from fengqiao.reports.services.recommendations import recommendation_decide, recommendation_record


def record(user, county, **overrides):
    values = {"kind": "improve_work", "addressed_to": county.labour, "region": county.street,
              "text": "建议建立欠薪线索快速核查机制", "made_on": timezone.localdate(), **overrides}
    return recommendation_record(acting_user=user, **values)


def test_a_recommendation_is_recorded_decided_and_audited(county, fresh):
    user = fresh(county.center)
    item = record(user, county)
    assert (item.status, item.region_path, item.created_by) == (RecommendationStatus.PENDING, county.street.path, user)
    entry = AuditEntry.objects.get(action="reports.recommendation_record", object_id=str(item.pk))
    assert entry.actor == user and entry.after["kind"] == "improve_work"
    today = timezone.localdate()
    decided = recommendation_decide(acting_user=user, recommendation_id=item.pk, status="partly_adopted",
                                    decided_on=today, note="部分采纳")
    assert (decided.status, decided.decided_on, decided.decision_note) == ("partly_adopted", today, "部分采纳")
    entry = AuditEntry.objects.get(action="reports.recommendation_decide", object_id=str(item.pk))
    assert entry.before["status"] == "pending" and entry.after["status"] == "partly_adopted"
    back = recommendation_decide(acting_user=user, recommendation_id=item.pk, status="pending", decided_on=today)
    assert (back.status, back.decided_on) == ("pending", None)


@pytest.mark.parametrize(("overrides", "field"), [
    ({"kind": "praise"}, "kind"),
    ({"text": "   "}, "text"),
    ({"text": "长" * 5001}, "text"),
    ({"made_on": None}, "made_on"),
    ({"made_on": timezone.localdate() + dt.timedelta(days=1)}, "made_on"),
    ({"addressed_to": None}, "addressed_to"),
])
def test_wrong_input_is_refused_with_the_field_and_nothing_is_saved(county, fresh, overrides, field):
    with pytest.raises(ValidationFailed) as refused:
        record(fresh(county.center), county, **overrides)
    assert field in refused.value.field_errors
    assert not Recommendation.objects.exists()


def test_a_region_or_body_outside_the_jurisdiction_is_refused(county, other_county, fresh):
    user = fresh(county.center)
    with pytest.raises(ValidationFailed) as refused:
        record(user, county, region=other_county.street)
    assert "region" in refused.value.field_errors
    with pytest.raises(ValidationFailed) as refused:
        record(user, county, addressed_to=other_county.labour)
    assert "addressed_to" in refused.value.field_errors
    assert not Recommendation.objects.exists()


def test_a_decision_needs_a_day_not_before_the_recommendation(county, fresh):
    user = fresh(county.center)
    item = record(user, county, made_on=timezone.localdate() - dt.timedelta(days=5))
    for status, day in (("adopted", None), ("adopted", item.made_on - dt.timedelta(days=1)),
                        ("adopted", timezone.localdate() + dt.timedelta(days=1)), ("maybe", timezone.localdate())):
        with pytest.raises(ValidationFailed):
            recommendation_decide(acting_user=user, recommendation_id=item.pk, status=status, decided_on=day)
    item.refresh_from_db()
    assert item.status == "pending"


def test_other_roles_and_other_counties_cannot_write_or_see(county, other_county, fresh):
    item = record(fresh(county.center), county)
    for user in (county.leader, county.handler, county.mediator):
        with pytest.raises(NotFoundError):
            record(fresh(user), county)
        with pytest.raises(NotFoundError):
            recommendation_decide(acting_user=fresh(user), recommendation_id=item.pk, status="adopted",
                                  decided_on=timezone.localdate())
    with pytest.raises(NotFoundError):
        recommendation_decide(acting_user=fresh(other_county.center), recommendation_id=item.pk, status="adopted",
                              decided_on=timezone.localdate())
    assert list(selectors.recommendations_for(user=fresh(county.leader))) == [item]
    assert list(selectors.recommendations_for(user=fresh(other_county.center))) == []
    assert list(selectors.recommendations_for(user=fresh(county.handler))) == []


def test_the_page_records_and_updates_for_the_center(county, fresh, client):
    client.force_login(fresh(county.center))
    page = client.get("/reports/recommendations/")
    assert page.status_code == 200 and "登记建议" in page.content.decode()
    response = client.post("/reports/recommendations/", {
        "kind": "accountability", "addressed_to": county.police.pk, "region": county.street.code,
        "made_on": timezone.localdate().isoformat(), "text": "建议对推诿不办的责任人追究责任"})
    assert response.status_code == 303
    item = Recommendation.objects.get()
    assert response["Location"] == f"/reports/recommendations/{item.pk}/"
    bad = client.post(f"/reports/recommendations/{item.pk}/", {"status": "adopted", "decided_on": ""})
    assert bad.status_code == 400 and "请填写答复日期" in bad.content.decode()
    done = client.post(f"/reports/recommendations/{item.pk}/", {
        "status": "adopted", "decided_on": timezone.localdate().isoformat(), "decision_note": "已问责"})
    assert done.status_code == 303
    item.refresh_from_db()
    assert (item.status, item.decision_note) == ("adopted", "已问责")
    assert "已采纳" in client.get("/reports/recommendations/").content.decode()


def test_the_page_is_read_only_for_leaders_and_hidden_from_others(county, other_county, fresh, client):
    item = record(fresh(county.center), county)
    client.force_login(fresh(county.leader))
    page = client.get("/reports/recommendations/")
    assert page.status_code == 200 and "登记建议" not in page.content.decode()
    assert "建议建立欠薪线索快速核查机制" in client.get(f"/reports/recommendations/{item.pk}/").content.decode()
    assert client.post(f"/reports/recommendations/{item.pk}/", {"status": "adopted",
                                                                "decided_on": timezone.localdate().isoformat()}
                       ).status_code == 404
    client.force_login(fresh(other_county.center))
    assert client.get(f"/reports/recommendations/{item.pk}/").status_code == 404
    client.force_login(fresh(county.handler))
    assert client.get("/reports/recommendations/").status_code == 404
    item.refresh_from_db()
    assert item.status == "pending"


def test_the_admin_lists_them_read_only(county, fresh, client, admin_user):
    item = record(fresh(county.center), county)
    client.force_login(admin_user)
    listing = client.get("/admin/reports/recommendation/")
    assert listing.status_code == 200 and county.labour.name in listing.content.decode()
    assert client.get(f"/admin/reports/recommendation/{item.pk}/change/").status_code == 200
    assert client.get("/admin/reports/recommendation/add/").status_code == 403
