"""Staff accept or correct a suggestion in one click: a training label, the case field set with a version
bump, a timeline line and an audit row."""
from __future__ import annotations

from django.urls import reverse

from fengqiao.audit.models import AuditEntry
from fengqiao.cases.models import Case
from fengqiao.triage.models import TriageLabel, TriageResult

TEXT = "工地老板拖欠我们六个月工资，农民工讨薪无门。"


def _post(client, case, **data):
    return client.post(reverse("triage:feedback", args=[case.pk]), data, HTTP_HX_REQUEST="true")


def test_accepting_the_dispute_type_sets_it_with_a_version_bump_and_an_audit_row(county, triaged, client):
    case = triaged(acting_user=county.center, region=county.grid, narrative=TEXT)
    assert case.dispute_type is None
    version = case.version
    client.force_login(county.center)
    response = _post(client, case, field="dispute_type", chosen="labour", version=version)
    assert response.status_code == 200 and 'id="triage-panel"' in response.content.decode()
    case.refresh_from_db()
    assert case.dispute_type.code == "labour" and case.version == version + 1
    label = TriageLabel.objects.get(case=case)
    assert (label.field, label.suggested, label.chosen, label.by) == ("dispute_type", "labour", "labour", county.center)
    assert label.accepted
    entry = AuditEntry.objects.get(action="case.triage_dispute_type", object_id=str(case.pk))
    assert entry.before["dispute_type"] is None and entry.after["dispute_type"] == case.dispute_type_id
    assert entry.after["accepted"] is True
    assert case.events.filter(action="triage_dispute_type").exists()


def test_correcting_the_category_stores_a_training_label(county, triaged, client):
    case = triaged(acting_user=county.center, region=county.grid, narrative=TEXT)
    suggested = TriageResult.objects.get(case=case).category.code
    client.force_login(county.grid_worker)
    response = _post(client, case, field="category", chosen="civil_dispute", version=case.version)
    assert response.status_code == 200
    case.refresh_from_db()
    assert case.category.code == "civil_dispute"
    label = TriageLabel.objects.get(case=case, field="category")
    assert label.suggested == suggested and label.chosen == "civil_dispute" and not label.accepted
    assert AuditEntry.objects.filter(action="case.triage_category", object_id=str(case.pk)).exists()


def test_a_stale_version_is_refused_and_nothing_is_stored(county, triaged, client):
    case = triaged(acting_user=county.center, region=county.grid, narrative=TEXT)
    client.force_login(county.center)
    response = _post(client, case, field="category", chosen="civil_dispute", version=case.version + 5)
    assert response.status_code == 409 and "已被他人修改" in response.content.decode()
    assert not TriageLabel.objects.exists()
    assert Case.objects.get(pk=case.pk).category is None


def test_unknown_values_are_refused_with_a_clear_message(county, triaged, client):
    case = triaged(acting_user=county.center, region=county.grid, narrative=TEXT)
    client.force_login(county.center)
    response = _post(client, case, field="category", chosen="no-such-thing")
    assert response.status_code == 400 and "有效的诉求类别" in response.content.decode()
    assert _post(client, case, field="colour", chosen="x").status_code == 400
    assert not TriageLabel.objects.exists()


def test_a_plain_form_post_goes_back_to_the_case_page(county, triaged, client):
    case = triaged(acting_user=county.center, region=county.grid, narrative=TEXT)
    client.force_login(county.center)
    response = client.post(reverse("triage:feedback", args=[case.pk]), {"field": "dispute_type", "chosen": "labour"})
    assert response.status_code == 303 and response["Location"].startswith(reverse("cases:detail", args=[case.pk]))


def test_rerun_asks_for_a_new_analysis(county, triaged, client, django_capture_on_commit_callbacks):
    case = triaged(acting_user=county.center, region=county.grid, narrative=TEXT)
    client.force_login(county.center)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("triage:rerun", args=[case.pk]), HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and "正在分析" in response.content.decode()
    result = TriageResult.objects.get(case=case)
    assert result.attempts == 2 and result.status == "done"
    assert AuditEntry.objects.filter(action="triage.rerun", object_id=str(case.pk)).exists()


def test_a_case_without_a_result_can_be_analysed_from_its_page(county, client):
    from fengqiao.testing.factories import make_case

    case = make_case(acting_user=county.center, region=county.grid, narrative=TEXT)
    TriageResult.objects.filter(case=case).delete()  # e.g. a bulk-loaded row
    client.force_login(county.center)
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "尚未分析" in page and reverse("triage:rerun", args=[case.pk]) in page
    panel = client.get(reverse("triage:panel", args=[case.pk]), HTTP_HX_REQUEST="true")
    assert panel.status_code == 200 and "尚未分析" in panel.content.decode()


def test_the_panel_masks_phone_and_id_numbers(county, triaged, client):
    import re

    from fengqiao.testing.factories import valid_id_number

    narrative = f"申请人电话13912345678，身份证号{valid_id_number()}，被拖欠工资。"
    case = triaged(acting_user=county.center, region=county.grid, narrative=narrative)
    client.force_login(county.center)
    html = client.get(reverse("triage:panel", args=[case.pk]), HTTP_HX_REQUEST="true").content.decode()
    assert "139****5678" in html
    assert not re.search(r"\d{17}[\dXx]", html) and not re.search(r"1[3-9]\d{9}", html)


def test_the_panel_offers_accept_and_correct_for_both_suggestions_and_shows_the_trail(county, triaged, client):
    case = triaged(acting_user=county.center, region=county.grid, narrative=TEXT)
    result = TriageResult.objects.get(case=case)
    client.force_login(county.center)
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    for field, suggested in (("category", result.category), ("dispute_type", result.dispute_type)):
        assert f'name="field" value="{field}"><input type="hidden" name="chosen" value="{suggested.code}"' in page
    assert 'aria-label="更正诉求类别"' in page and 'aria-label="更正纠纷类型"' in page
    _post(client, case, field="category", chosen="civil_dispute", version=case.version)
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "已更正" in page
    assert '<option value="civil_dispute" selected>' in page
