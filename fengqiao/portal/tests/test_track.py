"""Tracking: the tracking code plus a party's phone number shows public facts only."""
from __future__ import annotations

import re
import time

import pytest
from django.test import Client
from django.urls import reverse

from fengqiao.cases.services import case_add_note, case_transition
from fengqiao.cases.services.create import PartyInput
from fengqiao.core import tracked_session
from fengqiao.portal.tests.helpers import ID_NUMBER_PATTERN, MOBILE_PATTERN, RESIDENT_PHONE, submission
from fengqiao.testing.factories import make_case, valid_id_number

TRACK = reverse("portal:track")
RESULT = reverse("portal:track_result")
OTHER_PHONE = "13787654321"
NOT_FOUND = "未找到，请核对查询码和手机号"


@pytest.fixture
def case(county):
    """A dispute registered by a grid worker with the resident, and a neighbour on the other side."""
    return make_case(
        acting_user=county.grid_worker, region=county.grid, title="楼上噪音扰民",
        parties=[
            PartyInput(name="王秀英", phone=RESIDENT_PHONE, id_number=valid_id_number(birth="19750312", seq="246")),
            PartyInput(name="赵德明", role="respondent", phone=OTHER_PHONE, id_number=valid_id_number(seq="357")),
        ],
    )


def track(client: Client, code: str, phone: str):
    return client.post(TRACK, {"code": code, "phone": phone})


def result_page(client: Client, code: str, phone: str) -> str:
    response = track(client, code, phone)
    assert response.status_code == 302 and response["Location"] == RESULT
    page = client.get(RESULT)
    assert page.status_code == 200
    return page.content.decode()


def test_right_code_and_phone_show_state_and_public_notes_only(client, county, case):
    case = case_transition(
        case=case, action="assign", acting_user=county.center, to_department=county.labour,
        note="内部：申请人情绪激动，注意安抚", public_note="已转交人社局办理",
    )
    case_add_note(case=case, acting_user=county.center, note="内部：被申请人有前科，勿外传")

    page = result_page(client, case.tracking_code, RESIDENT_PHONE)

    assert "分流交办" in page and "办理中" in page
    assert case.reference in page and "楼上噪音扰民" in page
    assert "已转交人社局办理" in page
    assert f"您的诉求已登记，查询码 {case.tracking_code}" in page
    assert "本环节办理期限" in page and county.labour.name in page
    # Never internal notes, staff names, or the other party.
    assert "内部" not in page and "前科" not in page
    assert county.center.display_name not in page and county.grid_worker.display_name not in page
    assert "赵德明" not in page and OTHER_PHONE not in page and OTHER_PHONE[-4:] not in page
    # Not even the resident's own identifiers.
    assert "王秀英" not in page and RESIDENT_PHONE[-4:] not in page
    assert not ID_NUMBER_PATTERN.search(page) and not MOBILE_PATTERN.search(page)


def test_phone_and_code_are_normalised(client, case):
    messy_code = " " + case.tracking_code[:5].lower() + "-" + case.tracking_code[5:] + " "
    assert "办理中" in result_page(client, messy_code, "139-1234 5678")


def test_full_width_input_from_a_chinese_keyboard_works(client, case):
    full_width = "".join(chr(ord(c) + 0xFEE0) for c in RESIDENT_PHONE)
    assert "办理中" in result_page(client, case.tracking_code, full_width)


def test_wrong_phone_and_wrong_code_give_the_identical_answer(client, case):
    wrong_phone = track(client, case.tracking_code, "13900000000")
    wrong_code = track(client, "ZZZZZZZZZZ", RESIDENT_PHONE)
    assert wrong_phone.status_code == wrong_code.status_code == 200

    def alert(response) -> str:
        return re.search(r'<div class="alert[^>]*>.*?</div>', response.content.decode(), re.S).group(0)

    assert alert(wrong_phone) == alert(wrong_code)
    assert NOT_FOUND in alert(wrong_phone)
    # The phone number is not echoed back, and no result page is reachable.
    assert "13900000000" not in wrong_phone.content.decode()
    assert RESIDENT_PHONE not in wrong_code.content.decode()
    assert client.get(RESULT).status_code == 302


def test_a_wrong_phone_after_a_right_one_forgets_the_first_case(client, case):
    result_page(client, case.tracking_code, RESIDENT_PHONE)
    track(client, case.tracking_code, "13900000000")
    assert client.get(RESULT)["Location"] == TRACK


def test_empty_form_asks_for_both_fields(client, case):
    response = track(client, "", "")
    assert "请填写查询码和手机号码" in response.content.decode()


def test_other_party_sees_only_public_facts_too(client, county, case):
    page = result_page(client, case.tracking_code, OTHER_PHONE)
    assert "王秀英" not in page and RESIDENT_PHONE[-4:] not in page and "赵德明" not in page


def test_personal_data_written_into_title_or_notes_is_masked(client, county):
    id_number = valid_id_number(seq="468")
    case = make_case(
        acting_user=county.grid_worker, region=county.grid, title=f"身份证{id_number}被冒用",
        parties=[PartyInput(name="王秀英", phone=RESIDENT_PHONE)],
    )
    case_transition(case=case, action="assign", acting_user=county.center, to_department=county.labour,
                    public_note=f"请联系经办人，电话{OTHER_PHONE}")
    page = result_page(client, case.tracking_code, RESIDENT_PHONE)
    assert id_number not in page and OTHER_PHONE not in page
    assert id_number[:3] + "*" in page and OTHER_PHONE[:3] + "****" + OTHER_PHONE[-4:] in page
    assert not ID_NUMBER_PATTERN.search(page) and not MOBILE_PATTERN.search(page)


def test_narrative_with_markup_is_escaped_on_the_result_page(client, county):
    case = make_case(acting_user=county.grid_worker, region=county.grid, title="<b>加粗</b>标题",
                     parties=[PartyInput(name="王秀英", phone=RESIDENT_PHONE)])
    case_transition(case=case, action="assign", acting_user=county.center, to_department=county.labour,
                    public_note="<script>alert(1)</script>")
    page = result_page(client, case.tracking_code, RESIDENT_PHONE)
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<b>加粗</b>" not in page and "&lt;b&gt;加粗&lt;/b&gt;标题" in page


def test_verified_lookup_expires(client, case):
    result_page(client, case.tracking_code, RESIDENT_PHONE)
    session = client.session
    session[tracked_session.TRACKED_SESSION_KEY]["at"] = time.time() - tracked_session.TRACKED_MAX_AGE - 1
    session.save()
    assert client.get(RESULT)["Location"] == TRACK


def test_ending_the_lookup_forgets_the_case(client, case):
    result_page(client, case.tracking_code, RESIDENT_PHONE)
    response = client.post(reverse("portal:track_end"))
    assert response.status_code == 302 and response["Location"] == TRACK
    assert client.get(RESULT)["Location"] == TRACK
    assert client.get(reverse("portal:track_end")).status_code == 405


def test_the_phone_is_never_in_a_url(client, case):
    response = track(client, case.tracking_code, RESIDENT_PHONE)
    assert RESIDENT_PHONE not in response["Location"] and case.tracking_code not in response["Location"]
    assert client.get(TRACK, {"code": case.tracking_code, "phone": RESIDENT_PHONE}).context.get("not_found") is None


def test_a_resident_follows_the_case_from_submission_to_closure(client, county):
    """The realistic flow: submit on the portal, staff assign with a public note, the tracker sees each step."""
    assert client.post(reverse("portal:submit"), submission(county)).status_code == 302
    code = client.get(reverse("portal:submitted")).context["receipt"].tracking_code
    from fengqiao.cases.models import Case

    case = Case.objects.get(tracking_code=code)
    page = result_page(client, code, RESIDENT_PHONE)
    assert "登记受理" in page and "办理中" in page and "您的诉求已登记" in page

    case = case_transition(case=case, action="assign", acting_user=county.center, to_department=county.labour,
                           note="劳资纠纷，人社局主办", public_note="已转交人社局办理")
    page = result_page(client, code, RESIDENT_PHONE)
    assert "已转交人社局办理" in page and "劳资纠纷，人社局主办" not in page

    case = case_transition(case=case, action="accept", acting_user=county.handler, public_note="人社局已受理，将组织调解")
    case = case_transition(case=case, action="succeed", acting_user=county.handler, note="双方签署协议",
                           public_note="调解成功，双方已达成协议")
    page = result_page(client, code, RESIDENT_PHONE)
    assert "调解成功，双方已达成协议" in page and "已化解" in page and "双方签署协议" not in page
    assert "本环节办理期限" not in page  # a resolved case has no running clock for the resident

    case_transition(case=case, action="close", acting_user=county.handler, public_note="本案已办结，感谢您的反映")
    page = result_page(client, code, RESIDENT_PHONE)
    assert "已办结" in page and "本案已办结，感谢您的反映" in page
    assert county.handler.display_name not in page and county.center.display_name not in page
    # Latest first.
    assert page.index("本案已办结") < page.index("调解成功，双方已达成协议") < page.index("已转交人社局办理")


def test_a_successful_lookup_gets_a_new_session_id(client, case):
    client.get(TRACK)
    client.session.save()
    before = client.session.session_key
    result_page(client, case.tracking_code, RESIDENT_PHONE)
    assert client.session.session_key != before
