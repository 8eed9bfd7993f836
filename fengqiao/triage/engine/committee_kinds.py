"""How a people's mediation committee's own kinds of dispute (as its ledger names them) map onto Fengqiao's
dispute types: a kind may fit several of ours. Used to score triage on committee ledgers and to read them in."""
from __future__ import annotations

KIND_TO_TYPES: dict[str, tuple[str, ...]] = {
    "家庭婚姻纠纷": ("marriage_family",),
    "遗产继承纠纷": ("marriage_family",),
    "环境污染纠纷": ("environment",),
    "社区邻里纠纷": ("neighbour",),
    "经济债务纠纷": ("contract",),
    "治安刑事纠纷": ("damages", "neighbour", "other"),
    "交通事故纠纷": ("traffic",),
    "房产土地纠纷": ("housing_homestead", "land_forest", "land_acquisition"),
    "劳资劳动纠纷": ("labour",),
    "校园教育纠纷": ("damages", "other"),
    "公司经营纠纷": ("business",),
    "消费旅游纠纷": ("consumer",),
    "医疗健康纠纷": ("medical",),
}
