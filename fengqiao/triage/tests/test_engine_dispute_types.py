"""Dispute-type classifier on handwritten narratives (not the seed examples)."""

from __future__ import annotations

import pytest

from fengqiao.triage.engine import dispute_types
from fengqiao.triage.engine.seed_texts import DISPUTE_EXAMPLES

NARRATIVES = [
    (
        "marriage_family",
        "刘某与丈夫结婚十年，丈夫常年在外打工很少回家，现刘某提出离婚，要求两个孩子都跟自己生活，丈夫每月给抚养费。",
    ),
    ("marriage_family", "老太太有四个子女，大儿子去世后，其余三人对老人名下存款和老屋的继承份额争执不下。"),
    ("neighbour", "两家住上下楼，楼上小孩每天晚上蹦跳，楼下老人心脏不好睡不着觉，双方上门理论时吵了起来。"),
    (
        "housing_homestead",
        "周某花二十万元买了同村村民的一套房子，付款后对方一直不配合办理过户，还说房子要涨价。",
    ),
    (
        "land_forest",
        "两户村民的承包地挨在一起，今年春耕时一方把田埂往另一方地里挪了一尺多，双方为地界吵到村里。",
    ),
    ("contract", "赵某三年前借给朋友八万元，有借条为证，约定一年还清，朋友现在一直推说没钱不还。"),
    (
        "business",
        "三人合伙开了一家农家乐，经营两年后其中一名合伙人要求退伙并分配利润，另两人认为账上没有盈利。",
    ),
    (
        "damages",
        "两个村民在打牌时发生争执，一方将对方打伤住院，花了六千多元医药费，伤者要求赔偿误工费和护理费。",
    ),
    ("labour", "十几名农民工在某建筑工地干了大半年，年底包工头只发了一半工资，剩下的工钱一直拖欠不给。"),
    (
        "land_acquisition",
        "镇里修建工业园征收了吴某家的房屋，吴某认为拆迁补偿款太低，安置房也没有着落，拒绝搬迁。",
    ),
    ("environment", "村口新开的养鸭场把粪水直接排进小河，河水发黑发臭，下游村民无法在河里洗衣灌溉。"),
    (
        "medical",
        "孙某在镇卫生院做了胆囊手术，术后持续发烧，转到县医院发现手术中损伤了胆管，孙某要求卫生院赔偿。",
    ),
    ("traffic", "李某骑电动车下班途中被一辆小货车撞倒，左腿骨折，交警认定货车司机负主要责任，双方协商赔偿。"),
    ("property_mgmt", "小区电梯坏了一个多月没人修，业主们认为物业公司不作为，准备集体停交物业费。"),
    ("consumer", "钱某在商场买了一台洗衣机，用了不到一周就漏水，商家只同意维修不同意退货。"),
    (
        "village_affairs",
        "村民反映村委会把集体林地承包费收入用于招待，几年来账目从不公开，要求村务公开并审计。",
    ),
]


SHORT_QUESTIONS = [
    ("marriage_family", "老公出轨了，我想离婚，孩子能归我吗"),
    ("marriage_family", "父亲去世没有留遗嘱，房子兄弟姐妹怎么分"),
    ("marriage_family", "儿子不管我们老两口，能告他要生活费吗"),
    ("marriage_family", "没领结婚证，分手了彩礼要退吗"),
    ("labour", "公司三个月没发工资了怎么办"),
    ("labour", "上班路上摔伤了算不算工伤"),
    ("labour", "被公司无故辞退，能要多少赔偿"),
    ("labour", "老板不给交社保合法吗"),
    ("traffic", "骑电动车被小轿车撞了，对方全责，怎么赔"),
    ("traffic", "出车祸对方逃逸了怎么办"),
    ("traffic", "追尾事故保险公司不赔怎么办"),
    ("housing_homestead", "买的二手房卖家不给过户怎么办"),
    ("housing_homestead", "房东不退押金怎么办"),
    ("housing_homestead", "开发商延期交房能要求赔偿吗"),
    ("housing_homestead", "房本上只写了我老公的名字，我有份吗"),
    ("land_acquisition", "老房子拆迁，补偿款太少可以不签吗"),
    ("land_acquisition", "村里征地，补偿款什么时候发"),
    ("land_acquisition", "强拆了我家的房子怎么维权"),
    ("consumer", "网上买的衣服是假货，商家不退款"),
    ("consumer", "健身房跑路了，办的卡怎么退钱"),
    ("consumer", "买的手机有质量问题，店家不给换"),
    ("medical", "医院手术失误导致我妈瘫痪，能索赔吗"),
    ("medical", "在诊所打针后孩子腿瘸了，怎么办"),
    ("medical", "做双眼皮失败了，能要求医院赔偿吗"),
    ("damages", "被人打伤了，医药费谁出"),
    ("damages", "小孩被邻居家的狗咬了，要赔多少钱"),
    ("damages", "楼上掉花盆砸伤了我，找谁赔"),
    ("contract", "朋友借了五万不还，只有微信聊天记录，能起诉吗"),
    ("contract", "签了合同对方违约，定金能退吗"),
    ("contract", "装修公司拖延工期，合同里有违约金"),
    ("contract", "借钱给亲戚，到期了不还怎么办"),
    ("environment", "楼下饭店油烟太大，熏得家里没法住"),
    ("environment", "旁边工厂晚上噪音很大，向哪里投诉"),
    ("property_mgmt", "物业不作为，可以不交物业费吗"),
    ("property_mgmt", "小区车位被物业卖给外人了"),
    ("neighbour", "邻居在楼道堆东西，说了也不听"),
    ("neighbour", "隔壁盖房子挡住了我家的采光"),
    ("village_affairs", "村干部把集体的地卖了，钱不知道去哪了"),
    ("village_affairs", "我家条件困难，村里不给评低保"),
    ("land_forest", "我家的承包地被别人种了，怎么要回来"),
    ("land_forest", "两家为山林地界吵起来了"),
    ("business", "合伙做生意亏了，合伙人不愿意承担"),
]


def test_short_questions_mostly_right() -> None:
    wrong = [(c, t) for c, t in SHORT_QUESTIONS if dispute_types.classify(t).type_code != c]
    assert len(wrong) / len(SHORT_QUESTIONS) <= 0.1, wrong


@pytest.mark.parametrize("code,text", NARRATIVES)
def test_handwritten_narratives(code: str, text: str) -> None:
    res = dispute_types.classify(text)
    assert res.type_code == code, res
    assert 0.0 < res.confidence <= 1.0
    assert res.matched_terms, "a rule should explain the type"


def test_types_are_stable_and_named() -> None:
    assert list(dispute_types.TYPES)[:3] == ["marriage_family", "neighbour", "housing_homestead"]
    assert dispute_types.type_name("labour") == "劳动争议"
    assert dispute_types.type_name("no-such-code") == "其他"
    assert set(DISPUTE_EXAMPLES) == set(dispute_types.TYPES)
    assert all(len(v) >= 15 for v in DISPUTE_EXAMPLES.values())


@pytest.mark.parametrize("text", ["", "   ", "你好", "x" * 10_000_000, "。。。！！！"])
def test_total_and_other(text: str) -> None:
    res = dispute_types.classify(text)
    assert res.type_code in dispute_types.TYPES
    assert 0.0 <= res.confidence <= 1.0


def test_empty_is_other() -> None:
    assert dispute_types.classify("").type_code == dispute_types.OTHER


def test_trained_model_is_blended() -> None:
    from fengqiao.triage.engine import classifier

    texts = [t for v in DISPUTE_EXAMPLES.values() for t in v]
    labels = [k for k, v in DISPUTE_EXAMPLES.items() for _ in v]
    model = classifier.train(texts, labels, params={"cv_folds": 0})
    res = dispute_types.classify("楼上邻居家的空调滴水滴到我家窗台，说了几次也不改。", model)
    assert res.type_code == "neighbour"


class _Broken:
    classes = ["labour"]

    def predict_proba(self, texts):
        raise RuntimeError("boom")


def test_broken_model_does_not_break_classification() -> None:
    assert dispute_types.classify("拖欠农民工工资", _Broken()).type_code == "labour"
