"""What a message complains about: terms of our own problem lexicon, else jieba's keywords.

The lexicon lists the problems residents bring to a county's 矛调中心 and to a government message board, each with
the words people use for it. A cluster's problem is the one or two lexicon problems most of its messages name;
when the lexicon finds nothing, jieba's TF-IDF keywords of the members' subjects stand in.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Iterable

PROBLEMS: dict[str, tuple[str, ...]] = {
    "噪音扰民": ("噪音", "噪声", "扰民", "吵闹", "太吵", "轰鸣", "施工到半夜", "夜间施工"),
    "粉尘污染": ("粉尘", "灰尘", "扬尘", "尘土"),
    "油烟异味": ("油烟", "异味", "臭味", "恶臭", "臭气"),
    "水体污染": ("污水", "排污", "黑臭", "水质"),
    "环境污染": ("污染", "环保"),
    "搅拌站": ("搅拌站", "搅拌厂", "混凝土站", "沥青站"),
    "车位销售": ("车位", "捆绑销售", "捆绑"),
    "停车收费": ("停车费", "停车难", "乱停"),
    "电梯故障": ("电梯", "困人"),
    "物业服务": ("物业费", "物业公司", "物业服务", "物业"),
    "入学学位": ("入学", "学位", "划片", "就近入学", "上学难", "招生"),
    "征收拆迁": ("拆迁", "征收", "征地", "安置", "补偿款"),
    "违章建筑": ("违建", "违章建筑", "违法建设", "私搭乱建", "加建"),
    "房屋质量": ("裂缝", "漏水", "渗水", "房屋质量", "墙体开裂"),
    "产权办证": ("房产证", "不动产证", "办证", "产权证"),
    "道路破损": ("坑洼", "路面破损", "坑坑洼洼", "道路维修", "修路"),
    "交通出行": ("公交", "地铁", "红绿灯", "拥堵", "断头路"),
    "供水供电": ("停水", "断水", "停电", "断电", "水压", "供水", "供电"),
    "燃气供暖": ("燃气", "天然气", "供暖", "暖气"),
    "高压线辐射": ("高压线", "变电站", "辐射", "基站"),
    "垃圾处理": ("垃圾站", "垃圾场", "垃圾焚烧", "垃圾"),
    "拖欠工资": ("拖欠工资", "欠薪", "工资", "农民工"),
    "集资诈骗": ("集资", "诈骗", "非法吸收", "车贷", "理财", "爆雷", "跑路"),
    "收费问题": ("乱收费", "收费", "押金"),
    "医疗卫生": ("医院", "看病", "医保"),
    "社保养老": ("社保", "养老金", "退休"),
    "安全隐患": ("安全隐患", "隐患", "消防"),
    "规划建设": ("规划", "配套", "烂尾", "延期交房", "交房"),
    "食品安全": ("食品安全", "过期食品", "卫生许可"),
    "邻里纠纷": ("邻居", "楼上", "楼下", "占道"),
}
# problems so broad that they only count when a message names nothing more specific ("物业" in a complaint
# about the lift, "规划" in one about a power line)
BROAD = {"物业服务", "环境污染", "规划建设", "安全隐患", "收费问题", "医疗卫生"}
_TERMS: list[tuple[str, str]] = sorted(
    ((term, problem) for problem, terms in PROBLEMS.items() for term in terms), key=lambda pair: -len(pair[0])
)
_jieba_lock = threading.Lock()


def problems_in(text: str) -> list[str]:
    """The lexicon problems ``text`` names, longest term first, each once; the broad ones only when nothing more
    specific is named."""
    found: list[str] = []
    for term, problem in _TERMS:
        if term in text and problem not in found:
            found.append(problem)
    specific = [p for p in found if p not in BROAD]
    return specific or found


def problem_terms(text: str) -> set[str]:
    """The lexicon terms ``text`` contains (for a cluster's wording of its problem)."""
    return {term for term, _ in _TERMS if term in text}


def cluster_problem(texts: list[str], *, subjects: Iterable[str] = (), exclude: Iterable[str] = ()) -> str:
    """The problem shared by ``texts``: the lexicon problem most of them name (if a third do), with the next one
    when half of them name it too; else the two leading jieba keywords of ``subjects`` not in ``exclude`` (the
    place)."""
    counts: Counter[str] = Counter()
    for text in texts:
        counts.update(problems_in(text))
    ranked = counts.most_common(2)
    shared = [p for i, (p, n) in enumerate(ranked) if n >= max(1, len(texts) / (3 if i == 0 else 2))]
    if shared:
        return "、".join(shared)
    return "、".join(_keywords(" ".join(subjects), exclude=set(exclude))) or "其他"


def _keywords(text: str, *, exclude: set[str]) -> list[str]:
    if not text.strip():
        return []
    with _jieba_lock:
        import logging

        import jieba
        import jieba.analyse

        jieba.setLogLevel(logging.WARNING)
        tags = jieba.analyse.extract_tags(text, topK=8)
    return [t for t in tags if len(t) >= 2 and not any(t in e or e in t for e in exclude)
            and not t[0].isascii()][:2]
