"""Similar earlier cases: same ID number, phone, party, place or text, each with its reason; never a case
the viewer may not see."""
from __future__ import annotations

from django.urls import reverse

from fengqiao.cases.services.create import PartyInput
from fengqiao.testing.factories import valid_id_number
from fengqiao.triage.models import SimilarityKey, TriageResult
from fengqiao.triage.selectors import similar_cases_for

SMELL = ("青石饲料厂每天夜里排放刺鼻的气味，附近三个小区的居民晚上不敢开窗，"
         "老人孩子咳嗽不止，多次向有关部门反映没有结果，请尽快查处并公开检测结果。")


def _reasons(case):
    return {m["case"]: {r["kind"] for r in m["reasons"]} for m in TriageResult.objects.get(case=case).similar}


def test_similar_cases_rank_by_the_matter_and_name_the_person_only_with_it(county, triaged):
    ident = valid_id_number("19700202", "330681", "345")
    first = triaged(acting_user=county.center, region=county.grid, title="饲料厂异味", narrative=SMELL,
                    address="锦华苑小区三幢",
                    parties=[PartyInput(name="赵建国", phone="13811112222", id_number=ident)])
    # issue 9 (on purpose): matters, not people. The same person on another matter is not a similar case ...
    same_person = triaged(acting_user=county.center, region=county.grid, title="工资问题",
                          narrative="我在饲料厂打工的工钱还没结清。",
                          parties=[PartyInput(name="赵建国", phone="13811112222", id_number=ident)])
    assert first.pk not in _reasons(same_person)
    # ... and on the same matter the person's reasons are named with the matter's
    same_matter = triaged(acting_user=county.center, region=county.grid, title="饲料厂异味",
                          narrative=SMELL.replace("三个", "两个"),
                          parties=[PartyInput(name="赵建国", phone="13811112222", id_number=ident)])
    assert _reasons(same_matter)[first.pk] >= {"text", "id_number", "phone", "party"}

    same_place = triaged(acting_user=county.center, region=county.grid, title="停车", narrative="小区停车位不够。",
                         address="锦华苑小区三幢", parties=[PartyInput(name="钱多多")])
    assert "place" in _reasons(same_place)[first.pk]

    same_text = triaged(acting_user=county.center, region=county.grid, title="饲料厂异味",
                        narrative=SMELL.replace("三个", "四个"), parties=[PartyInput(name="孙小梅")])
    reasons = _reasons(same_text)
    assert "text" in reasons[first.pk]
    match = next(m for m in TriageResult.objects.get(case=same_text).similar if m["case"] == first.pk)
    assert next(r["value"] for r in match["reasons"] if r["kind"] == "text") > 0.6

    unrelated = triaged(acting_user=county.center, region=county.grid, title="离婚", narrative="双方协议离婚，孩子抚养费有争议。",
                        parties=[PartyInput(name="周某")])
    assert first.pk not in _reasons(unrelated)
    assert SimilarityKey.objects.filter(case=first, kind=SimilarityKey.Kind.TEXT).count() == 32


def test_at_most_five_are_shown_best_first(county, triaged):
    for n in range(7):
        triaged(acting_user=county.center, region=county.grid, title="饲料厂异味", narrative=SMELL + "。" * n,
                parties=[PartyInput(name=f"居民{n}")])
    last = triaged(acting_user=county.center, region=county.grid, title="饲料厂异味", narrative=SMELL,
                   parties=[PartyInput(name="居民甲")])
    shown = similar_cases_for(user=county.center, result=TriageResult.objects.get(case=last))
    assert len(shown) == 5
    assert all("文本相似" in " ".join(s.reasons) for s in shown)
    assert [s.score for s in shown] == sorted((s.score for s in shown), reverse=True)


def test_a_similar_case_in_another_county_is_never_shown(county, other_county, triaged, client):
    elsewhere = triaged(acting_user=other_county.center, region=other_county.grid, title="饲料厂异味", narrative=SMELL,
                        parties=[PartyInput(name="赵建国", phone="13811112222")])
    here = triaged(acting_user=county.center, region=county.grid, title="饲料厂异味", narrative=SMELL,
                   parties=[PartyInput(name="赵建国", phone="13811112222")])
    assert elsewhere.pk in _reasons(here)  # stored unscoped ...
    assert similar_cases_for(user=county.center, result=TriageResult.objects.get(case=here)) == []  # ... shown scoped
    client.force_login(county.center)
    page = client.get(reverse("cases:detail", args=[here.pk])).content.decode()
    assert elsewhere.reference not in page and "没有发现相似的既往案件" in page


def test_the_same_organisation_is_part_of_the_matter(county, triaged):
    """Issue 9: the matter is its text, its place and the organisation it concerns."""
    first = triaged(acting_user=county.center, region=county.grid, title="运费",
                    narrative="宏达饲料有限公司拖欠我三个月的运费，一共两万元。", parties=[PartyInput(name="郑大勇")])
    second = triaged(acting_user=county.center, region=county.grid, title="排污",
                     narrative="宏达饲料有限公司的排污管道漏水，流进了我家鱼塘。", parties=[PartyInput(name="冯小军")])
    assert "organisation" in _reasons(second)[first.pk]
    shown = similar_cases_for(user=county.center, result=TriageResult.objects.get(case=second))
    assert [s.case.pk for s in shown] == [first.pk] and "同一单位" in shown[0].reasons
