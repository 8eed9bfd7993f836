"""Messages written for these tests (invented people and places): four concrete matters, two of them at one
estate, and unrelated messages around them."""

from __future__ import annotations

import datetime as dt

from fengqiao.warning.engine import Message

LIFT = [  # 锦华苑: the lift, seven people over a month
    ("u01", "锦华苑小区电梯又坏了", "枫桥镇锦华苑3幢电梯停运一个多月，老人上下楼很困难，物业一直拖着不修。"),
    ("u02", "投诉锦华苑电梯长期故障", "锦华苑小区的电梯三天两头坏，上周还困人半小时，请督促物业尽快维修。"),
    ("u03", "锦华苑电梯停运无人管", "我们锦华苑5幢的电梯停运已经二十多天，物业说没有维修资金，居民只能爬楼。"),
    ("u04", "反映锦华苑小区电梯安全问题", "锦华苑电梯经常运行中突然停住，困人好几次，希望尽快检修电梯。"),
    ("u05", "锦华苑电梯坏了一个月还没修", "锦华苑2幢电梯坏了一个月，家里有坐轮椅的老人，下楼看病都成问题。"),
    ("u06", "锦华苑小区电梯困人谁来管", "昨晚锦华苑电梯又困人，物业半小时才来人，电梯维修到底谁负责？"),
    ("u07", "锦华苑电梯维修资金问题", "锦华苑电梯维修要动用维修资金，物业和业委会互相推诿，电梯一直停着。"),
    ("u07", "再次反映锦华苑电梯停运", "锦华苑电梯至今停运，物业和业委会还在推诿，请街道协调电梯维修。"),
]
PARKING = [  # 锦华苑 again: parking fees, six people within two weeks
    ("u11", "锦华苑物业乱收停车费", "锦华苑物业从本月起把停车费从每月100元涨到200元，没有开业主大会。"),
    ("u12", "锦华苑停车费上涨不合理", "锦华苑小区停车费一下翻倍，物业没有公示收费依据，业主很不满。"),
    ("u13", "投诉锦华苑物业擅自提高停车费", "锦华苑物业擅自提高停车费，还威胁不交停车费就不让车进小区。"),
    ("u14", "锦华苑停车费涨价请求核查", "请价格部门核查锦华苑物业的停车费标准，今年已经涨了两次停车费。"),
    ("u15", "锦华苑小区停车费问题", "锦华苑停车位收费每月200元，比周边小区高一倍，停车费收支也不公开。"),
    ("u16", "锦华苑物业停车费乱涨价", "锦华苑物业乱涨停车费，业主车辆被拦在门外，停车费应当由业主大会决定。"),
]
PIGS = [  # 东坪村: a pig farm's smell, eight people within a week
    ("u21", "东坪村养猪场臭气熏天", "东坪村村口新开的养猪场臭气熏天，晚上窗户都不敢开，臭味一直飘到学校。"),
    ("u22", "投诉东坪村养猪场臭味扰民", "东坪村养猪场的臭味越来越重，粪水直接排进小溪，村民意见很大。"),
    ("u23", "东坪村养猪场异味严重", "东坪村养猪场异味严重，夏天臭气更大，请环保部门来查一查养猪场。"),
    ("u24", "反映东坪村养猪场污染", "东坪村后山养猪场的臭气和粪水污染了田地，养猪场是否有环评手续？"),
    ("u25", "东坪村养猪场臭味影响生活", "住在东坪村养猪场旁边，每天都是臭味，孩子闻了恶心想吐。"),
    ("u26", "东坪村养猪场臭气能不能管管", "东坪村养猪场臭气熏天已经半个月了，村委会说管不了养猪场。"),
    ("u27", "请求关停东坪村养猪场", "东坪村养猪场离居民房不到五十米，臭味和苍蝇太多，请求关停养猪场。"),
    ("u28", "东坪村养猪场恶臭扰民", "东坪村养猪场的恶臭让全村人受不了，养猪场老板不理会村民的投诉。"),
]
NIGHT_WORK = [  # 青石路: night-time roadworks, four people within ten days
    ("u31", "青石路夜间施工噪音扰民", "青石路修路工地每天晚上施工到凌晨两点，噪音太大，附近居民无法休息。"),
    ("u32", "投诉青石路工地夜间施工", "青石路工地夜间施工噪音扰民，打桩声一直响到半夜，严重影响休息。"),
    ("u33", "青石路半夜施工太吵了", "青石路施工队半夜还在施工，机器轰鸣，噪音扰民，孩子第二天还要上学。"),
    ("u34", "青石路夜间施工噪音何时停止", "青石路夜间施工的噪音持续一周了，请城管查一查有没有夜间施工许可。"),
]
OTHERS = [  # one message each, about things nobody else raises
    ("n01", "咨询新生儿医保办理流程", "孩子刚出生，想问一下新生儿医保在哪里办理，需要带哪些材料。"),
    ("n02", "建议增加到火车站的公交班次", "早上到火车站的公交车太少，经常要等四十分钟，建议增加班次。"),
    ("n03", "河东街一家超市卖过期食品", "在河东街一家超市买到过期的牛奶，找店家理论被拒绝退货。"),
    ("n04", "咨询退休人员养老金调整", "请问今年退休人员养老金什么时候调整，调整标准是多少。"),
    ("n05", "红星村村道路灯不亮", "红星村通往镇上的村道路灯坏了半年，晚上骑车回家很危险。"),
    ("n06", "询问公租房申请条件", "外地务工人员能不能申请公租房，需要满足哪些条件。"),
    ("n07", "某装修公司拖欠工人工资", "我在一家装修公司干了三个月，老板拖欠工资一万二，一直不给。"),
    ("n08", "希望开放学校操场给居民锻炼", "建议周末把实验小学操场开放给周边居民锻炼身体。"),
    ("n09", "反映城南菜市场占道经营", "城南菜市场门口摊贩占道经营，早上车辆根本过不去。"),
    ("n10", "咨询不动产登记预约", "办理不动产登记需要网上预约吗，预约后多久能办好。"),
]
REPEATER = [  # one person writing four times is not a hot issue
    ("r01", "柳湾社区健身器材损坏", "柳湾社区广场的健身器材坏了好几件，老人锻炼时容易受伤。"),
    ("r01", "再次反映柳湾社区健身器材损坏", "柳湾社区广场健身器材损坏至今没人修，老人锻炼容易受伤。"),
    ("r01", "柳湾社区健身器材还是坏的", "柳湾社区广场的健身器材还是坏的，请社区尽快维修。"),
    ("r01", "第四次反映柳湾社区健身器材", "柳湾社区广场健身器材坏了两个月，社区一直没有修。"),
]
MATTERS = {"lift": LIFT, "parking": PARKING, "pigs": PIGS, "night_work": NIGHT_WORK}
SPAN_DAYS = {"lift": 30, "parking": 12, "pigs": 6, "night_work": 9}
START = dt.datetime(2026, 3, 2, 9, 0)


def build(*, likes: dict[str, int] | None = None) -> list[Message]:
    """Every test message, the matters' messages spread evenly over their span, ids saying where each belongs
    ("lift-3", "others-7"); ``likes`` gives a matter's messages that many likes each."""
    likes = likes or {}
    messages: list[Message] = []
    for name, rows in MATTERS.items():
        step = dt.timedelta(days=SPAN_DAYS[name]) / max(1, len(rows) - 1)
        for n, (user, subject, detail) in enumerate(rows):
            messages.append(Message(id=f"{name}-{n}", user=user, subject=subject, detail=detail,
                                    at=START + step * n, support=likes.get(name, 0)))
    for name, rows in (("others", OTHERS), ("repeater", REPEATER)):
        for n, (user, subject, detail) in enumerate(rows):
            messages.append(Message(id=f"{name}-{n}", user=user, subject=subject, detail=detail,
                                    at=START + dt.timedelta(days=n * 3)))
    # interleave, as a real export is in no topical order
    return sorted(messages, key=lambda m: (m.at, m.id))


def matter_of(message_id: str) -> str:
    return message_id.rsplit("-", 1)[0]
