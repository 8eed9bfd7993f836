"""Working a case through the page: transitions, co-handlers, notes, extensions, uploads, stale versions."""
from __future__ import annotations

import pytest
from django.urls import reverse

from fengqiao.cases.models import Assignment, Case, CaseEvent, DeadlineExtension
from fengqiao.cases.services import case_add_note, case_assign, case_extension_request, case_transition
from fengqiao.testing.factories import make_case

HX = {"HX-Request": "true"}
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture
def case(county) -> Case:
    return make_case(acting_user=county.grid_worker, region=county.grid)


def _act(client, case, action, **data):
    data.setdefault("version", Case.objects.get(pk=case.pk).version)
    return client.post(reverse("cases:transition", args=[case.pk, action]), data, **data.pop("_extra", {}))


def _reload(case: Case) -> Case:
    return Case.objects.select_related("state").get(pk=case.pk)


def test_dispute_runs_through_the_ui(client, county, case):
    client.force_login(county.center)
    response = _act(client, case, "assign", to_department=county.labour.pk, note="请人社局牵头处理")
    assert response.status_code == 303 and response["Location"] == reverse("cases:detail", args=[case.pk])
    case = _reload(case)
    assert case.state.code == "dispatched" and case.lead_department == county.labour
    page = client.get(response["Location"]).content.decode()
    assert "已执行“分流交办”" in page and "请人社局牵头处理" in page

    client.force_login(county.handler)
    assert _act(client, case, "accept").status_code == 303
    assert _act(client, case, "succeed", note="双方签订调解协议").status_code == 303
    assert _act(client, case, "close").status_code == 303
    case = _reload(case)
    assert case.state.code == "closed" and case.closed_at is not None
    assert "办结" in client.get(reverse("cases:detail", args=[case.pk])).content.decode()


def test_assign_needs_a_department_of_this_county(client, county, other_county, case):
    client.force_login(county.center)
    missing = _act(client, case, "assign")
    assert missing.status_code == 400 and "请选择承办部门或承办人" in missing.content.decode()
    foreign = _act(client, case, "assign", to_department=other_county.labour.pk)
    assert foreign.status_code == 400
    assert _reload(case).state.code == "registered" and not Assignment.objects.filter(case=case).exists()


def test_assign_offers_only_active_departments_of_the_county(client, county, other_county, case):
    county.police.is_active = False
    county.police.save(update_fields=["is_active"])
    client.force_login(county.center)
    html = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert county.labour.name in html
    assert county.police.name not in html and other_county.labour.name not in html


def test_return_requires_a_note(client, county, case):
    case = case_assign(case=case, acting_user=county.center, to_department=county.labour, expected_version=case.version)
    client.force_login(county.handler)
    refused = _act(client, case, "return")
    assert refused.status_code == 400
    assert "“退回”必须填写理由。" in refused.content.decode()
    assert _reload(case).state.code == "dispatched"
    refused_htmx = _act(client, case, "return", _extra={"headers": HX})
    assert refused_htmx.status_code == 400 and "<html" not in refused_htmx.content.decode()
    assert 'id="panel-t-return"' in refused_htmx.content.decode() and " open" in refused_htmx.content.decode()
    done = _act(client, case, "return", note="不属于本部门职责，请改派住建局")
    assert done.status_code == 303
    case = _reload(case)
    assert case.state.code == "registered" and case.lead_department is None


def test_stale_version_is_a_conflict_and_changes_nothing(client, county, case):
    seen_version = case.version
    case_add_note(case=case, acting_user=county.grid_worker, note="网格员补充情况")  # someone else writes first
    client.force_login(county.center)
    response = _act(client, case, "assign", to_department=county.labour.pk, version=seen_version)
    assert response.status_code == 409
    assert "该案件已被他人修改，请刷新后重试" in response.content.decode()
    case = _reload(case)
    assert case.state.code == "registered" and case.lead_department is None
    assert not Assignment.objects.filter(case=case).exists()
    assert not CaseEvent.objects.filter(case=case, kind="transition").exists()
    htmx = _act(client, case, "assign", to_department=county.labour.pk, version=seen_version, _extra={"headers": HX})
    assert htmx.status_code == 409 and "该案件已被他人修改" in htmx.content.decode()


def test_missing_version_is_refused(client, county, case):
    client.force_login(county.center)
    response = client.post(reverse("cases:transition", args=[case.pk, "assign"]), {"to_department": county.labour.pk})
    assert response.status_code == 400 and "缺少版本信息" in response.content.decode()
    assert _reload(case).state.code == "registered"


def test_action_not_allowed_for_this_role_is_refused(client, county, case):
    case = case_assign(case=case, acting_user=county.center, to_department=county.labour, expected_version=case.version)
    client.force_login(county.handler)
    response = _act(client, case, "transfer", to_department=county.police.pk, note="改派", _extra={"headers": HX})
    assert response.status_code == 403 and "您无权" in response.content.decode()
    assert _reload(case).lead_department == county.labour
    wrong_state = _act(client, case, "close")
    assert wrong_state.status_code == 409 and "不能执行该操作" in wrong_state.content.decode()
    assert client.post(reverse("cases:transition", args=[case.pk, "no-such-action"]), {"version": 1}).status_code == 404


def test_htmx_success_redirects_the_page(client, county, case):
    client.force_login(county.center)
    response = _act(client, case, "assign", to_department=county.labour.pk, _extra={"headers": HX})
    assert response.status_code == 200 and response["HX-Redirect"] == reverse("cases:detail", args=[case.pk])


def test_co_handler_note_and_extension_through_the_page(client, county, case):
    case = case_assign(case=case, acting_user=county.center, to_department=county.labour, expected_version=case.version)
    case = case_transition(case=case, action="accept", acting_user=county.handler)

    client.force_login(county.center)
    co = client.post(reverse("cases:co_handler_add", args=[case.pk]),
                     {"version": _reload(case).version, "to_department": county.police.pk, "note": "派出所协助"})
    assert co.status_code == 303
    assert Assignment.objects.filter(case=case, role="co", department=county.police, status="active").exists()
    empty = client.post(reverse("cases:co_handler_add", args=[case.pk]), {"version": _reload(case).version})
    assert empty.status_code == 400 and "请选择协办部门或协办人" in empty.content.decode()

    client.force_login(county.handler)
    note = client.post(reverse("cases:note_add", args=[case.pk]),
                       {"version": _reload(case).version, "note": "已约双方周三调解", "visibility": "public"})
    assert note.status_code == 303
    event = CaseEvent.objects.filter(case=case, kind="note").get()
    assert event.public_note == "已约双方周三调解" and event.note == ""
    blank = client.post(reverse("cases:note_add", args=[case.pk]),
                        {"version": _reload(case).version, "note": "", "visibility": "internal"}, headers=HX)
    assert blank.status_code == 400 and "请填写内容" in blank.content.decode()

    too_long = client.post(reverse("cases:extension_request", args=[case.pk]), {"days": 99, "reason": "需要鉴定"})
    assert too_long.status_code == 400 and "延长期限须在 1 至 30 之间" in too_long.content.decode()
    asked = client.post(reverse("cases:extension_request", args=[case.pk]), {"days": 15, "reason": "需要伤情鉴定"})
    assert asked.status_code == 303
    extension = DeadlineExtension.objects.get(case=case)

    url = reverse("cases:extension_decide", args=[case.pk, extension.pk])
    own = client.post(url, {"decision": "approve", "note": "同意"}, headers=HX)
    assert own.status_code == 403 and "您无权审批延期" in own.content.decode()

    client.force_login(county.center)
    due_before = _reload(case).due_at
    approved = client.post(url, {"decision": "approve", "note": "同意延期，告知当事人"})
    assert approved.status_code == 303
    extension.refresh_from_db()
    assert extension.status == "approved" and _reload(case).due_at > due_before


def test_refuse_an_extension(client, county, case):
    case = case_assign(case=case, acting_user=county.center, to_department=county.labour, expected_version=case.version)
    case = case_transition(case=case, action="accept", acting_user=county.handler)
    extension = case_extension_request(case=case, acting_user=county.handler, days=5, reason="材料未齐")
    client.force_login(county.leader)
    url = reverse("cases:extension_decide", args=[case.pk, extension.pk])
    assert client.post(url, {"decision": "refuse"}).status_code == 400
    assert client.post(url, {"decision": "refuse", "note": "期限内可以办结"}).status_code == 303
    extension.refresh_from_db()
    assert extension.status == "refused"


def test_upload_refuses_a_file_that_lies_about_its_type(client, county, case):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(county.center)
    url = reverse("cases:attachment_upload", args=[case.pk])
    fake = SimpleUploadedFile("合同.pdf", b"MZ\x90\x00 this is an executable, not a PDF", content_type="application/pdf")
    refused = client.post(url, {"files": [fake]})
    assert refused.status_code == 400 and "内容与扩展名不符" in refused.content.decode()
    assert not case.attachments.exists()
    good = SimpleUploadedFile("现场.png", PNG, content_type="image/png")
    assert client.post(url, {"files": [good]}).status_code == 303
    assert case.attachments.get().original_name == "现场.png"
