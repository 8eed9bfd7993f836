"""Honest confidence (issue 11): the category and the dispute type each carry their own confidence, and a
suggestion below its threshold is shown as "不确定" (unsure) instead of a guess."""

from __future__ import annotations

from django.urls import reverse

from fengqiao.triage.engine import dispute_types
from fengqiao.triage.models import CategorySetting, TriageResult

FAMILY_AND_FIGHT = "两家为孩子打架的事吵了起来，一方家长动手把对方打伤，还骂了对方的老人，要求赔偿医药费。"
NOISE_ABOVE = (
    "楼上住户每天晚上十一点以后还在跳绳、拖椅子，噪音很大，我们家老人孩子都睡不着，上门说了几次都没用。"
)


def test_the_dispute_type_comes_with_every_type_share() -> None:
    got = dispute_types.classify(FAMILY_AND_FIGHT)
    assert got.probabilities[got.type_code] == got.confidence
    assert len(got.probabilities) > 1
    assert 0.95 <= sum(got.probabilities.values()) <= 1.05


def test_an_inferred_category_has_its_own_confidence(county, triaged):
    """民间纠纷 covers neighbour, family, damages ...: its share is the sum over them, not the top type's."""
    case = triaged(acting_user=county.center, region=county.grid, title="打架", narrative=FAMILY_AND_FIGHT)
    result = TriageResult.objects.get(case=case)
    assert result.category.code == "civil_dispute" and result.category_source == "dispute_type"
    assert result.category_confidence > result.dispute_type_confidence


def test_below_its_threshold_the_category_says_unsure(county, triaged, client):
    CategorySetting.objects.update(threshold="1.00")
    case = triaged(acting_user=county.center, region=county.grid, title="楼上噪音", narrative=NOISE_ABOVE)
    client.force_login(county.center)
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    category = page[page.index('data-field="category"') : page.index('data-field="dispute_type"')]
    assert "不确定" in category and "请人工判断" in category
    queue = client.get(reverse("triage:queue")).content.decode()
    assert "类别不确定" in queue


def test_below_its_threshold_the_dispute_type_says_unsure(county, triaged, client, settings):
    case = triaged(acting_user=county.center, region=county.grid, title="楼上噪音", narrative=NOISE_ABOVE)
    client.force_login(county.center)

    def dispute_item() -> str:
        page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
        return page[page.index('data-field="dispute_type"') : page.index('data-field="routing"')]

    settings.TRIAGE_DISPUTE_TYPE_THRESHOLD = 0.0
    assert "不确定" not in dispute_item()
    settings.TRIAGE_DISPUTE_TYPE_THRESHOLD = 0.99
    item = dispute_item()
    assert "不确定" in item and "低于阈值 99%" in item
