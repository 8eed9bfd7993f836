"""Submitting a request: one online case with the resident as applicant, or a clear error and nothing saved."""
from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from fengqiao.audit.models import AuditEntry
from fengqiao.cases.models import Attachment, Case, CaseEvent, Party
from fengqiao.portal.tests.helpers import RESIDENT_PHONE, png_bytes, submission, upload

SUBMIT = reverse("portal:submit")


def assert_nothing_saved() -> None:
    assert Case.objects.count() == 0
    assert Party.objects.count() == 0
    assert CaseEvent.objects.count() == 0
    assert Attachment.objects.count() == 0
    assert not AuditEntry.objects.filter(action="case.create").exists()


def test_form_page_renders_for_anyone(client, county):
    response = client.get(SUBMIT)
    assert response.status_code == 200
    page = response.content.decode()
    assert county.street.name in page and county.community.name in page
    # Communities carry their street so the page script can narrow the list.
    assert f'data-parent="{county.street.pk}"' in page
    assert county.grid.name not in page  # grids are not offered, only levels 2 and 3
    assert "个人信息处理说明" in page and 'name="consent"' in page
    assert 'enctype="multipart/form-data"' in page


def test_happy_path_creates_one_online_case_and_shows_the_tracking_code(client, county):
    data = submission(county, phone="139 1234-5678", attachments=[upload("现场照片.png", png_bytes(), "image/png")])
    response = client.post(SUBMIT, data)

    assert response.status_code == 302 and response["Location"] == reverse("portal:submitted")
    case = Case.objects.get()
    assert case.channel == "online"
    assert case.registered_by is None
    assert case.process.code == "dispute"
    assert case.region == county.community
    assert case.address == "柳湾小区3幢2单元501室"
    applicant = case.parties.get()
    assert (applicant.role, applicant.kind, applicant.name) == ("applicant", "person", "王秀英")
    assert applicant.phone == RESIDENT_PHONE
    attachment = case.attachments.get()
    assert attachment.content_type == "image/png" and attachment.original_name == "现场照片.png"
    audit = AuditEntry.objects.get(action="case.create", object_id=str(case.pk))
    assert audit.actor is None and audit.after["channel"] == "online"

    receipt = client.get(reverse("portal:submitted"))
    page = receipt.content.decode()
    assert receipt.status_code == 200
    assert f'<p class="code">{case.tracking_code}</p>' in page
    assert case.state.name in page and "办理中" in page
    # Nothing else about the case is written on the receipt.
    assert case.title not in page and "王秀英" not in page and "1391" not in page
    assert "no-store" in receipt["Cache-Control"]


def test_government_request_becomes_a_work_order_in_the_street(client, county):
    response = client.post(SUBMIT, submission(county, kind="government", community=""))
    assert response.status_code == 302
    case = Case.objects.get()
    assert case.process.code == "workorder" and case.region == county.street and case.state.code == "received"


def test_receipt_is_not_shown_without_a_submission_in_this_session(client, county):
    response = client.get(reverse("portal:submitted"))
    assert response.status_code == 302 and response["Location"] == SUBMIT


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"phone": ""}, "phone", "请填写手机号码"),
        ({"phone": "1234"}, "phone", "请填写正确的手机号码"),
        ({"name": ""}, "name", "请填写您的姓名"),
        ({"kind": "petition"}, "kind", "请选择您要反映的事项类型"),
        ({"consent": None}, "consent", "请勾选同意个人信息处理说明"),
        ({"title": ""}, "title", "请填写标题"),
        ({"narrative": "   "}, "narrative", "请填写具体情况"),
        ({"street": 99999999}, "street", "所选街道（乡镇）不存在"),
        ({"street": "abc"}, "street", "所选街道（乡镇）不存在"),
    ],
)
def test_bad_input_is_shown_next_to_the_field_and_nothing_is_saved(client, county, overrides, field, message):
    response = client.post(SUBMIT, submission(county, **overrides))
    assert response.status_code == 200
    assert message in "".join(response.context["form"].errors[field])
    assert message in response.content.decode()
    assert_nothing_saved()


def test_bad_id_check_digit_is_refused(client, county):
    good = submission(county)["id_number"]
    wrong_check = good[:17] + ("0" if good[17] != "0" else "1")
    response = client.post(SUBMIT, submission(county, id_number=wrong_check))
    assert "身份证号码无效" in response.content.decode()
    assert "id_number" in response.context["form"].errors
    assert_nothing_saved()


def test_unknown_or_mismatched_region_is_refused(client, county, other_county):
    grid = client.post(SUBMIT, submission(county, street=county.grid.pk, community=""))
    assert "street" in grid.context["form"].errors
    elsewhere = client.post(SUBMIT, submission(county, community=county.other_grid.parent.pk))
    assert "所选社区（村）不属于该街道（乡镇）" in elsewhere.content.decode()
    other = client.post(SUBMIT, submission(county, street=county.street.pk, community=other_county.community.pk))
    assert "community" in other.context["form"].errors
    assert_nothing_saved()


def test_ten_megabyte_narrative_gets_a_clear_error(client, county):
    response = client.post(SUBMIT, submission(county, narrative="a" * (10 * 1024 * 1024)))
    assert response.status_code == 200
    page = response.content.decode()
    assert "具体情况过长（最多 20000 字，现为 10485760 字）" in page
    # The text box keeps the first 20,000 characters for editing; the ten megabytes are not sent back.
    assert "a" * 20000 in page and "a" * 20001 not in page
    assert len(response.content) < 200_000
    assert_nothing_saved()


def test_request_too_big_to_read_gets_a_friendly_page(county, settings):
    # A browser's post passes the CSRF check, which would be the first to read the body.
    client = Client(enforce_csrf_checks=True)
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024
    response = client.post(SUBMIT, submission(county, narrative="字" * 400_000), HTTP_REFERER=f"http://testserver{SUBMIT}")
    assert response.status_code == 413
    page = response.content.decode()
    assert "提交的内容过大（最多 1 MB）" in page and "没有保存任何内容" in page
    assert "枫桥群众诉求服务" in page  # in the portal's own frame
    assert f'href="http://testserver{SUBMIT}"' in page
    assert_nothing_saved()


def test_narrative_at_the_limit_is_accepted(client, county, settings):
    settings.FENGQIAO_MAX_NARRATIVE_CHARS = 50
    assert client.post(SUBMIT, submission(county, narrative="邻" * 50)).status_code == 302
    refused = client.post(SUBMIT, submission(county, narrative="邻" * 51))
    assert "最多 50 字，现为 51 字" in refused.content.decode()
    assert Case.objects.count() == 1


def test_script_tags_in_the_title_are_refused_and_escaped_on_output(client, county):
    title = "<script>alert('x')</script>噪音"
    response = client.post(SUBMIT, submission(county, title=title))
    page = response.content.decode()
    assert "标题中不能包含网页代码" in page
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;噪音" in page
    assert_nothing_saved()


def test_attachment_whose_content_does_not_match_its_extension_is_refused(client, county):
    fake = upload("证据.jpg", b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n", "image/jpeg")
    response = client.post(SUBMIT, submission(county, attachments=[fake]))
    assert response.status_code == 200
    form = response.context["form"]
    # The case service refused it; the error is shown next to the file field.
    assert "内容与扩展名不符" in "".join(form.errors["attachments"])
    assert "提交的数据有误" in "".join(form.non_field_errors())
    assert "如您选择过附件，请重新选择" in response.content.decode()
    assert_nothing_saved()


def test_attachment_type_and_size_limits(client, county, settings):
    script = upload("run.exe", b"MZ\x90\x00" + b"\x00" * 64)
    response = client.post(SUBMIT, submission(county, attachments=[script]))
    assert "不支持的文件类型" in "".join(response.context["form"].errors["attachments"])
    settings.FENGQIAO_MAX_UPLOAD_BYTES = 1024 * 1024
    big = upload("big.png", png_bytes() + b"\x00" * (1024 * 1024))
    response = client.post(SUBMIT, submission(county, attachments=[big]))
    assert "超过 1 MB" in "".join(response.context["form"].errors["attachments"])
    assert_nothing_saved()


def test_honeypot_filled_saves_nothing(client, county):
    response = client.post(SUBMIT, submission(county, website="http://spam.example"))
    assert response.status_code == 200
    assert "提交未成功" in response.content.decode()
    assert_nothing_saved()


def test_csrf_stays_on(county):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    response = strict.post(SUBMIT, submission(county))
    assert response.status_code == 403
    assert_nothing_saved()
    page = strict.get(SUBMIT).content.decode()
    assert 'name="csrfmiddlewaretoken"' in page


def test_only_documented_fields_are_used(client, county):
    """Extra posted fields (a state, a staff flag, another channel) change nothing: minimum collection."""
    response = client.post(SUBMIT, submission(county, state="closed", channel="visit", urgency="critical",
                                              registered_by=county.center.pk, lead_department=county.labour.pk))
    assert response.status_code == 302
    case = Case.objects.get()
    assert case.channel == "online" and case.state.code == "registered" and case.urgency == "normal"
    assert case.registered_by is None and case.lead_department is None
