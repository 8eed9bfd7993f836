"""Matters, not people (信访工作条例 第三十六条第三款): a petition closed after 复核 is not accepted again on the
same facts and reasons. The machine suggests "may be the same matter as case X" from the matter (text, place,
organisation); a staff member confirms or rejects it (audited, on the timeline); only a confirmed link shows the
note "该信访人有已复核终结的事项". A new matter from the same ID number or phone is never suggested."""
from __future__ import annotations

import pytest
from django.urls import reverse

from fengqiao.audit.models import AuditEntry
from fengqiao.cases.models import Case, CaseEvent
from fengqiao.cases.services.create import PartyInput
from fengqiao.core.errors import NotFoundError, PermissionRefused
from fengqiao.testing.factories import valid_id_number
from fengqiao.triage.models import SameMatterLink
from fengqiao.triage.services import same_matter_decide, same_matter_suggest

NOTE = "该信访人有已复核终结的事项"
LAND = ("青石街道柳湾社区第三村民小组的承包地在2019年被征收用于修路，征地补偿款至今没有发放到户，"
        "村委会称补偿款已被镇里统筹使用，申请人要求按照当年公示的标准足额发放补偿款并公开账目。")
NOISE = "楼下新开的烧烤店每天营业到凌晨两点，油烟和噪音很大，家里老人孩子无法休息，请求相关部门处理。"


@pytest.fixture
def petitioner():
    ident = valid_id_number("19650303", "330681", "271")
    return [PartyInput(name="钱卫国", phone="13905550123", id_number=ident)]


@pytest.fixture
def final_case(county, triaged, petitioner):
    case = triaged(acting_user=county.center, region=county.grid, process="petition", title="征地补偿款未发放",
                   narrative=LAND, parties=petitioner)
    Case.objects.filter(pk=case.pk).update(is_final_review=True)  # set-up: answered, reviewed, 复核, closed
    return Case.objects.get(pk=case.pk)


def _page(client, user, case):
    client.force_login(user)
    return client.get(reverse("cases:detail", args=[case.pk])).content.decode()


def test_a_new_matter_from_the_same_id_and_phone_is_never_suggested_nor_noted(county, triaged, client, final_case,
                                                                              petitioner):
    new = triaged(acting_user=county.center, region=county.grid, process="petition", title="烧烤店噪音",
                  narrative=NOISE, parties=petitioner)
    assert not SameMatterLink.objects.filter(case=new).exists()
    page = _page(client, county.center, new)
    assert NOTE not in page and "可能是同一事项" not in page and final_case.reference not in page


def test_the_same_matter_is_suggested_with_its_reasons_and_shows_no_note_until_confirmed(
        county, triaged, client, final_case, petitioner):
    new = triaged(acting_user=county.center, region=county.grid, process="petition", title="征地补偿款未发放",
                  narrative=LAND.replace("足额", "全额"), parties=petitioner)
    link = SameMatterLink.objects.get(case=new)
    assert link.earlier == final_case and link.status == "suggested"
    assert {r["kind"] for r in link.reasons} >= {"text"}
    assert not {r["kind"] for r in link.reasons} & {"id_number", "phone", "party"}  # reasons of the matter only
    page = _page(client, county.center, new)
    assert "可能是同一事项" in page and "文本相似" in page and NOTE not in page
    assert AuditEntry.objects.filter(action="triage.same_matter_suggest").exists()


def test_a_confirmed_link_shows_the_note_and_is_audited_and_on_the_timeline(county, triaged, client, final_case):
    new = triaged(acting_user=county.center, region=county.grid, process="petition", title="征地补偿款未发放",
                  narrative=LAND, parties=[PartyInput(name="孙某某")])
    link = SameMatterLink.objects.get(case=new)
    client.force_login(county.center)
    response = client.post(reverse("triage:same_matter", args=[new.pk, link.pk]),
                           {"decision": "confirm", "note": "诉求与复核事项相同，无新事实"})
    assert response.status_code in (302, 303)
    link.refresh_from_db()
    assert link.status == "confirmed" and link.decided_by == county.center
    page = _page(client, county.center, new)
    assert NOTE in page and final_case.reference in page and "可能是同一事项" not in page
    assert 'id="panel-t-accept"' in page  # a note, never a block
    event = CaseEvent.objects.get(case=new, action="same_matter_confirm")
    assert "无新事实" in event.note and event.actor == county.center
    assert AuditEntry.objects.get(action="triage.same_matter_confirm").actor == county.center


def test_a_rejected_suggestion_shows_nothing(county, triaged, client, final_case, fresh):
    new = triaged(acting_user=county.center, region=county.grid, process="petition", title="征地补偿款未发放",
                  narrative=LAND, parties=[PartyInput(name="孙某某")])
    link = same_matter_decide(link=SameMatterLink.objects.get(case=new), acting_user=fresh(county.center),
                              confirm=False, note="补偿标准变化，属新的事实")
    assert link.status == "rejected"
    page = _page(client, county.center, new)
    assert NOTE not in page and "可能是同一事项" not in page
    assert AuditEntry.objects.filter(action="triage.same_matter_reject").exists()
    assert CaseEvent.objects.filter(case=new, action="same_matter_reject").exists()


def test_only_people_handling_the_petition_answer(county, triaged, client, final_case, fresh):
    new = triaged(acting_user=county.center, region=county.grid, process="petition", title="征地补偿款未发放",
                  narrative=LAND, parties=[PartyInput(name="孙某某")])
    link = SameMatterLink.objects.get(case=new)
    with pytest.raises(NotFoundError):  # does not see the case
        same_matter_decide(link=link, acting_user=fresh(county.handler), confirm=True)
    with pytest.raises(PermissionRefused) as refused:  # sees the case, does not handle the petition
        same_matter_decide(link=link, acting_user=fresh(county.grid_worker), confirm=True)
    assert "第三十六条" in str(refused.value.message)
    link.refresh_from_db()
    assert link.status == "suggested"
    assert "可能是同一事项" not in _page(client, county.grid_worker, new)


def test_a_match_of_the_person_alone_is_never_suggested(county, triaged, final_case):
    """The service itself refuses to suggest from the person: a stored match with only ID/phone/name reasons."""
    new = triaged(acting_user=county.center, region=county.grid, process="petition", title="烧烤店噪音",
                  narrative=NOISE, parties=[PartyInput(name="孙某某")])
    person_only = [{"case": final_case.pk, "score": 2.7,
                    "reasons": [{"kind": "id_number"}, {"kind": "phone"}, {"kind": "party"}, {"kind": "region"}]}]
    assert same_matter_suggest(case=new, similar=person_only) == 0
    assert not SameMatterLink.objects.filter(case=new).exists()
    text = [{"case": final_case.pk, "score": 0.8, "reasons": [{"kind": "text", "value": 0.8}, {"kind": "phone"}]}]
    assert same_matter_suggest(case=new, similar=text) == 1
    assert SameMatterLink.objects.get(case=new).reasons == [{"kind": "text", "value": 0.8}]


def test_a_final_case_in_another_county_is_never_suggested_to_be_seen(county, other_county, triaged, client):
    elsewhere = triaged(acting_user=other_county.center, region=other_county.grid, process="petition",
                        title="征地补偿款未发放", narrative=LAND, parties=[PartyInput(name="李某某")])
    Case.objects.filter(pk=elsewhere.pk).update(is_final_review=True)
    new = triaged(acting_user=county.center, region=county.grid, process="petition", title="征地补偿款未发放",
                  narrative=LAND, parties=[PartyInput(name="孙某某")])
    page = _page(client, county.center, new)
    assert elsewhere.reference not in page and "可能是同一事项" not in page and NOTE not in page
