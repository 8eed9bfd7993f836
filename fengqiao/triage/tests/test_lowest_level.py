"""Routing to the lowest level that can settle a case (小事不出村, issue 11): neighbour matters go to community
mediation, not to a county bureau, even when a category model reads a neighbour's noise as 环境保护; the manual
queue never pre-selects a department that no rule chose."""

from __future__ import annotations

import pytest
from django.urls import reverse

from fengqiao.testing.factories import DepartmentFactory
from fengqiao.triage.choices import HandlingLevel
from fengqiao.triage.engine import dispute_types
from fengqiao.triage.models import CategorySetting, TriageResult
from fengqiao.triage.services import routing_seed_defaults

NOISE_ABOVE = (
    "楼上住户每天晚上十一点以后还在跳绳、拖椅子，噪音很大，我们家老人孩子都睡不着，上门说了几次都没用。"
)
MAHJONG_BELOW = "楼下邻居家开了个棋牌室，每天打麻将到凌晨两三点，吵得全楼睡不好觉，希望有人管一管。"
FACTORY_NOISE = "村口新开的塑料加工厂机器日夜轰鸣，厂房排出的废气刺鼻，周边几十户村民长期失眠。"


@pytest.fixture
def environment_bureau(county):
    bureau = DepartmentFactory(name="A县生态环境局", home_region=county.county, covers=[county.county])
    routing_seed_defaults(acting_user=None)
    return bureau


class _MessageBoardModel:
    """A category model as trained on government messages: it calls every noise 环境保护."""

    classes = ["环境保护"]

    def predict_one(self, text: str) -> tuple[str, float]:
        return "环境保护", 0.97


@pytest.mark.parametrize(
    "text",
    [
        NOISE_ABOVE,
        MAHJONG_BELOW,
        "隔壁邻居家的狗整夜叫个不停，噪声扰民，沟通多次无果。",
        "小区里每天晚上广场舞音响声音太大，吵得没法休息。",
    ],
)
def test_social_life_noise_is_a_neighbour_matter_not_pollution(text: str) -> None:
    got = dispute_types.classify(text)
    assert got.type_code == "neighbour", got
    assert dispute_types.SOCIAL_NOISE_TERM in got.matched_terms


@pytest.mark.parametrize(
    "text",
    [
        "楼上卫生间漏水，把我家天花板泡得发霉，楼上住户一直不肯修。",
        "两家共用的山墙出现裂缝，邻居翻建房屋时挖了墙基，我家墙体开裂。",
        "邻居天天把车停在我家门口，挡住出入，说了几次也不挪。",
    ],
)
def test_leaks_shared_walls_and_parking_between_neighbours_are_neighbour_matters(text: str) -> None:
    assert dispute_types.classify(text).type_code == "neighbour"


@pytest.mark.parametrize("text", [FACTORY_NOISE, "小区旁边的工地夜间施工，搅拌机噪音扰民，居民多次投诉。"])
def test_factory_and_building_site_noise_stays_environmental(text: str) -> None:
    assert dispute_types.classify(text).type_code == "environment"


def test_a_neighbour_noise_goes_to_community_mediation_out_of_the_box(county, environment_bureau, triaged):
    case = triaged(acting_user=county.center, region=county.grid, title="楼上噪音", narrative=NOISE_ABOVE)
    result = TriageResult.objects.get(case=case)
    assert result.dispute_type_code == "neighbour"
    assert result.category.code == "civil_dispute"
    assert result.department is None and result.handling_level == HandlingLevel.COMMUNITY


def test_a_message_board_model_does_not_send_neighbour_noise_to_the_county(
    county, environment_bureau, triaged, monkeypatch
):
    from fengqiao.triage import analysis

    monkeypatch.setattr(
        analysis, "_model", lambda refs, kind, notes: _MessageBoardModel() if kind == "category" else None
    )
    case = triaged(acting_user=county.center, region=county.grid, title="楼下棋牌室", narrative=MAHJONG_BELOW)
    result = TriageResult.objects.get(case=case)
    assert result.category_label == "环境保护"  # what the model said is kept
    assert result.category.code == "civil_dispute" and result.category_source == "dispute_type"
    assert result.department != environment_bureau and result.department is None
    assert result.handling_level == HandlingLevel.COMMUNITY
    assert "噪声污染防治法 第七十条" in result.routing_label

    factory = triaged(
        acting_user=county.center, region=county.grid, title="工厂噪音", narrative=FACTORY_NOISE
    )
    assert (
        TriageResult.objects.get(case=factory).department == environment_bureau
    )  # pollution stays the bureau's


def test_the_manual_queue_never_preselects_a_department_no_rule_chose(county, triaged, client):
    CategorySetting.objects.update(threshold="1.00")  # everything to the manual queue
    case = triaged(acting_user=county.center, region=county.grid, title="楼上噪音", narrative=NOISE_ABOVE)
    assert TriageResult.objects.get(case=case).department is None
    client.force_login(county.center)
    page = client.get(reverse("triage:queue")).content.decode()
    row = page[page.index(f'data-case="{case.pk}"') :]
    row = row[: row.index("</tr>")]
    assert '<option value="" selected>' in row
    assert row.count(" selected") == 1  # no department option is selected
    response = client.post(
        reverse("triage:queue_route", args=[case.pk]),
        {"department": "", "version": case.version},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 400 and "请选择" in response.content.decode()
