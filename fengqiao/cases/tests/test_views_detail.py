"""The case page: what it shows, what it never shows, the access log, reveal and attachment download."""
from __future__ import annotations

import re

import pytest
from django.urls import reverse

from fengqiao.audit.models import PersonalDataAccess
from fengqiao.cases.models import Case
from fengqiao.cases.services import case_assign, case_attachment_add, case_extension_request, case_transition
from fengqiao.cases.services.attachments import AttachmentInput
from fengqiao.cases.services.create import PartyInput
from fengqiao.testing.factories import make_case, valid_id_number

ID_RE = re.compile(r"\d{17}[\dXx]")
MOBILE_RE = re.compile(r"1[3-9]\d{9}")
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
ID_NUMBER = valid_id_number("19750505", "330106", "218")


@pytest.fixture
def case(county) -> Case:
    parties = [
        PartyInput(name="王某", phone="13912345678", id_number=ID_NUMBER, address="柳湾社区3幢"),
        PartyInput(name="某劳务公司", role="respondent", kind="organisation"),
    ]
    case = make_case(acting_user=county.grid_worker, region=county.grid, parties=parties, address="青石路1号",
                     narrative="申请人王某（电话13912345678，身份证" + ID_NUMBER + "）称工资被拖欠。")
    return case_assign(case=case, acting_user=county.center, to_department=county.labour, expected_version=case.version)


def _detail(client, case):
    return client.get(reverse("cases:detail", args=[case.pk]))


def test_detail_shows_the_case(client, county, case):
    client.force_login(county.center)
    response = _detail(client, case)
    html = response.content.decode()
    assert response.status_code == 200
    for text in [case.reference, case.title, "矛盾纠纷", "分流交办", "A县 / A青石街道 / A柳湾社区 / A第一网格", "青石路1号",
                 "来访", "王某", "某劳务公司", "A人社局", "主办", "办理中", "登记", case.tracking_code]:
        assert text in html, text
    assert "badge-green" in html
    assert "群体性" not in html


def test_detail_shows_many_party_flag_and_calendar_warning(client, county, case):
    Case.objects.filter(pk=case.pk).update(party_count=23, calendar_warning="工作日历缺少 2027 年数据，期限按周一至周五估算。")
    client.force_login(county.center)
    html = _detail(client, case).content.decode()
    assert "群体性（23 人）" in html
    assert "calendar-warning" in html and "工作日历缺少 2027 年数据" in html


def test_detail_masks_every_id_and_phone(client, county, case):
    client.force_login(county.handler)
    html = _detail(client, case).content.decode()
    assert not ID_RE.search(html) and not MOBILE_RE.search(html)
    assert "139****5678" in html and "330***********" in html


def test_detail_writes_exactly_one_view_row(client, county, case):
    client.force_login(county.handler)
    before = PersonalDataAccess.objects.count()
    _detail(client, case)
    rows = PersonalDataAccess.objects.order_by("-id")[: PersonalDataAccess.objects.count() - before]
    assert len(rows) == 1
    row = rows[0]
    assert (row.kind, row.object_type, row.object_id, row.user_id) == ("view", "cases.case", str(case.pk), county.handler.pk)
    assert not ID_RE.search(row.reason + row.field) and not MOBILE_RE.search(row.reason + row.field)


def test_html_and_script_in_user_text_are_escaped(client, county):
    case = make_case(acting_user=county.center, region=county.grid, title="<script>alert(1)</script>标题",
                     narrative='<img src=x onerror="alert(2)"><b>粗体</b>')
    client.force_login(county.center)
    html = _detail(client, case).content.decode()
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<img src=x" not in html and "&lt;img src=x" in html and "<b>粗体</b>" not in html
    listing = client.get(reverse("cases:list")).content.decode()
    assert "<script>alert(1)</script>" not in listing


def test_reveal_asks_for_a_reason_then_shows_and_logs(client, county, case):
    party = case.parties.get(name="王某")
    url = reverse("cases:reveal", args=[case.pk, party.pk, "id_number"])
    client.force_login(county.handler)
    detail = _detail(client, case).content.decode()
    assert url in detail and "显示" in detail

    form = client.get(url, headers={"HX-Request": "true"})
    assert form.status_code == 200 and "<html" not in form.content.decode() and 'name="reason"' in form.content.decode()
    assert not ID_RE.search(form.content.decode())

    refused = client.post(url, {"reason": "看"}, headers={"HX-Request": "true"})
    assert refused.status_code == 400 and ID_NUMBER not in refused.content.decode()
    assert "至少4个字" in refused.content.decode()
    assert not PersonalDataAccess.objects.filter(kind="reveal").exists()

    shown = client.post(url, {"reason": "电话联系当事人安排调解"}, headers={"HX-Request": "true"})
    assert shown.status_code == 200 and ID_NUMBER in shown.content.decode()
    access = PersonalDataAccess.objects.get(kind="reveal")
    assert (access.user_id, access.object_type, access.object_id, access.field) == (
        county.handler.pk, "cases.party", str(party.pk), "id_number")
    assert access.reason == "电话联系当事人安排调解"


def test_reveal_without_javascript_is_a_page(client, county, case):
    party = case.parties.get(name="王某")
    url = reverse("cases:reveal", args=[case.pk, party.pk, "phone"])
    client.force_login(county.center)
    page = client.get(url)
    assert page.status_code == 200 and "<html" in page.content.decode() and "查看完整联系电话" in page.content.decode()
    shown = client.post(url, {"reason": "核实当事人身份"})
    assert shown.status_code == 200 and "13912345678" in shown.content.decode()
    assert PersonalDataAccess.objects.filter(kind="reveal", field="phone").count() == 1


def test_reveal_refuses_unknown_fields_and_empty_values(client, county, case):
    client.force_login(county.center)
    person = case.parties.get(name="王某")
    company = case.parties.get(name="某劳务公司")
    assert client.get(reverse("cases:reveal", args=[case.pk, person.pk, "address"])).status_code == 404
    assert client.get(reverse("cases:reveal", args=[case.pk, company.pk, "phone"])).status_code == 404
    other = make_case(acting_user=county.center, region=county.grid)
    # a party of another case through this case's URL
    assert client.get(reverse("cases:reveal", args=[case.pk, other.parties.first().pk, "phone"])).status_code == 404


def test_attachment_download_is_an_attachment_with_nosniff(client, county, case):
    attachment = case_attachment_add(case=case, items=[AttachmentInput("现场照片.png", PNG)], acting_user=county.center)[0]
    client.force_login(county.handler)
    html = _detail(client, case).content.decode()
    url = reverse("cases:attachment", args=[case.pk, attachment.pk])
    assert url in html and "现场照片.png" in html
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PNG
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("attachment;")
    assert PersonalDataAccess.objects.filter(object_type="cases.attachment", object_id=str(attachment.pk)).count() == 1
    # the attachment id under another case's URL is not found
    other = make_case(acting_user=county.center, region=county.grid)
    assert client.get(reverse("cases:attachment", args=[other.pk, attachment.pk])).status_code == 404


def test_timeline_marks_public_notes_and_shows_pending_extension(client, county, case):
    from fengqiao.cases.services import case_add_note, case_transition

    case = case_transition(case=case, action="accept", acting_user=county.handler)
    case_add_note(case=case, acting_user=county.handler, note="已电话通知双方到场", public=True)
    case_add_note(case=case, acting_user=county.handler, note="内部：公司负责人态度消极")
    case_extension_request(case=case, acting_user=county.handler, days=10, reason="双方同意延期")
    client.force_login(county.center)
    html = _detail(client, case).content.decode()
    assert "已电话通知双方到场" in html and "对群众公开" in html and "内部：公司负责人态度消极" in html
    assert "待审批的延期申请" in html and "双方同意延期" in html and "审批延期申请（10 日）" in html
    # the applicant cannot decide their own request
    client.force_login(county.handler)
    assert "审批延期申请" not in _detail(client, case).content.decode()


def test_available_actions_follow_the_roles(client, county, case):
    client.force_login(county.handler)
    html = _detail(client, case).content.decode()
    assert reverse("cases:transition", args=[case.pk, "accept"]) in html
    assert reverse("cases:transition", args=[case.pk, "return"]) in html
    assert reverse("cases:transition", args=[case.pk, "transfer"]) not in html
    assert reverse("cases:co_handler_add", args=[case.pk]) not in html
    assert f'name="version" value="{case.version}"' in html
    client.force_login(county.center)
    html = _detail(client, case).content.decode()
    assert reverse("cases:transition", args=[case.pk, "transfer"]) in html
    assert reverse("cases:co_handler_add", args=[case.pk]) in html


def test_a_case_closed_on_the_spot_does_not_say_it_waits_for_a_lead(client, county):
    """Issue 13: 主办 "未交办" means someone still has to hand the case on; after 就地化解办结 nobody does."""
    case = make_case(acting_user=county.center, region=county.grid)
    client.force_login(county.center)
    assert "未交办" in client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    case_transition(case=case, action="close", acting_user=county.center, note="当场协商一致，已就地化解")
    html = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "未交办" not in html and "尚未交办" not in html
    assert "无（未经交办即已办结）" in html and "未经交办即已办结。" in html
