"""Dispute-type classifier for mediation case accounts.

Out of the box: hand-written keyword/phrase rules (weights 1-3 per term) plus
a character-n-gram similarity to the project-written example case accounts in
:mod:`.seed_texts`.  Optionally a :class:`~.classifier.CategoryModel` trained
on the user's own labelled cases (labels = the type codes below) can be passed
in; its prediction is then blended with the rules.

``classify(text) -> (type_code, confidence, matched_terms)``.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Sequence
from typing import Any, NamedTuple

import numpy as np

from .text import normalize

MAX_CHARS = 5000
OTHER = "other"

TYPES: dict[str, str] = {
    "marriage_family": "婚姻家庭",
    "neighbour": "邻里",
    "housing_homestead": "房屋宅基地",
    "land_forest": "山林土地",
    "contract": "合同",
    "business": "生产经营",
    "damages": "损害赔偿",
    "labour": "劳动争议",
    "land_acquisition": "征地拆迁",
    "environment": "环境污染",
    "medical": "医疗",
    "traffic": "道路交通事故",
    "property_mgmt": "物业",
    "consumer": "消费",
    "village_affairs": "村务管理",
    OTHER: "其他",
}
"""Stable type codes and their Chinese names."""

# weight 3: nearly decisive; 2: strong; 1: supporting evidence
_RULES: dict[str, dict[int, str]] = {
    "marriage_family": {
        3: "离婚|复婚|结婚|婚姻|彩礼|抚养权|抚养费|探视权|赡养费|赡养|继承|遗产|遗嘱|领证|婚房|婚前|婚后|家暴|家庭暴力|婚前财产|夫妻共同|分居|重婚|出轨|亲子鉴定|收养|监护权",
        2: "夫妻|老公|老婆|媳妇|丈夫|妻子|前夫|前妻|婆媳|婆婆|儿媳|公公|岳父|岳母|女婿|抚养|嫁妆|订婚|退婚|同居|小三|第三者|非婚生|分家|儿女|子女|男朋友|女朋友|孩子(?:归|跟|判给)",
        1: "父母|父亲|母亲|儿子|女儿|兄弟|姐妹|孩子|老人|家庭|家人|亲戚|去世|过世|房产证上写",
    },
    "neighbour": {
        3: "邻居|邻里|相邻关系|隔壁|楼上|楼下|对门",
        2: "滴水|采光|遮挡|通道|过道|通行|排水沟|院墙|围墙|界墙|狗叫|吵架|口角|琐事|挡住",
        1: "噪音|堆放|养狗|宠物|窗户|漏水|装修|屋檐",
    },
    "housing_homestead": {
        3: "宅基地|房产证|房本|不动产权|不动产证|土地证|产权证|房屋产权|过户|二手房|商品房|购房|买房|卖房|房屋买卖|交房|烂尾|房租|房东|租房|租客|承租人|小产权|(?:买|卖|租|盖|建|分)了?(?:一套|一间|两间|的|套)?(?:房|楼房)",
        2: "房屋|房子|房产|产权|首付|房贷|按揭|开发商|建房|盖房|翻建|押金|出租|租住|住房|公寓|学区房|网签|车库|门面房|共有|楼盘",
        1: "地基|界址|院子|平房|楼房|户型|面积",
    },
    "land_forest": {
        3: "土地承包|承包地|责任田|承包经营权|林权|山林|林地|土地流转|流转费|自留地|口粮田|地界|田界|山界",
        2: "土地|耕地|田地|水田|旱地|荒山|山地|鱼塘|果园|灌溉|水渠|田埂|祖坟|坟地|开荒|种地|庄稼|林木|砍伐|承包",
        1: "村民小组|亩|种植|放牧",
    },
    "contract": {
        3: "合同|违约|违约金|借条|欠条|借款|借钱|还钱|欠款|欠钱|民间借贷|高利贷|担保|保证人|抵押|债务|债权|讨债|催收|还款",
        2: "协议|定金|订金|利息|货款|尾款|预付款|转账|贷款|网贷|借贷|赊账|承揽|租金|逾期|不还|老赖|欠我|借了|借给|欠了|债|信用卡|起诉(?:他|她|对方)还",
        1: "约定|签订|签了|付款|打款|退还|解除",
    },
    "business": {
        3: "合伙|合伙人|股东|股权|股份|分红|退伙|生产经营|不正当竞争|合作社|商标|专利",
        2: "公司|企业|工厂|厂房|加工|供货|供应商|采购|营业执照|店铺|门面|摊位|经营|投资|利润|亏损|清算|工程款|分包|转包",
        1: "生意|老板|客户|客源|养殖|大棚|生产",
    },
    "damages": {
        3: "人身损害|人身伤害|打伤|殴打|伤残|残疾赔偿|狗咬|被咬|摔伤|砸伤|烧伤|烫伤|溺水|高空抛物|触电|坠物|打架|打人|被打",
        2: "受伤|骨折|伤害|损害|损坏|砸坏|烧毁|摔倒|意外|侵权|动手|精神损害|精神损失|死亡赔偿金|轻伤|轻微伤|重伤|伤情鉴定|打了|被人打|咬伤|咬了|撞伤",
        1: "损失|赔偿|误工费|护理费|营养费|医药费|医疗费|伤口",
    },
    "labour": {
        3: "劳动合同|劳动争议|劳动仲裁|拖欠工资|欠薪|讨薪|农民工|工伤|社保|社会保险|五险一金|公积金|加班费|经济补偿|辞退|开除|解雇|劳务派遣|用人单位|试用期|包工头",
        2: "工资|加班|离职|辞职|员工|职工|劳动|劳务费|劳务|年假|提成|绩效|上班|打工|务工|工地|单位|招聘|入职|薪水|工钱|炒鱿鱼|裁员|合同到期|N\\+1|n\\+1|产假|病假|退休",
        1: "老板|工作|公司|工人|厂里",
    },
    "land_acquisition": {
        3: "拆迁|征地|征收|安置房|回迁|强拆|棚改|棚户区|青苗费|征迁|过渡费|补偿协议|安置补偿|拆迁款|补偿款",
        2: "安置|补偿标准|搬迁|拆除|评估价|被征|旧城改造|旧改|移民|拆房|拆了",
        1: "补偿|评估|规划",
    },
    "environment": {
        3: "污染|排污|废水|污水|废气|粉尘|噪声污染|环保|油烟|恶臭|焚烧|扰民|环境",
        2: "噪音|噪声|异味|臭味|排放|化工厂|养殖场|垃圾|黑烟|烟尘|辐射|基站|光污染|震动|放炮",
        1: "空气|河水|水源|井水|臭|吵",
    },
    "medical": {
        3: "医疗事故|医疗纠纷|医疗损害|误诊|漏诊|医院|医生|手术|医疗过错|病历|卫生院|诊所|医美|整容",
        2: "医疗|治疗|病人|患者|护士|输液|打针|用药|药物|麻醉|住院|就诊|看病|体检|牙|美容|治死|抢救|开刀|剖腹产|分娩|产检|诊断|医保|整形|病情|后遗症",
        1: "病|药|检查|感染|鉴定",
    },
    "traffic": {
        3: "交通事故|车祸|追尾|肇事|逃逸|交警|事故认定|责任认定书|交强险|酒驾|醉驾|撞伤|撞死|撞倒|被撞|撞了",
        2: "撞|司机|驾驶|驾照|驾驶员|刮擦|剐蹭|闯红灯|超速|理赔|保险公司|车损|修车|行人|斑马线|开车|骑车|全责|主责|次责|同责|定损|交通",
        1: "车辆|汽车|电动车|摩托车|货车|轿车|三轮车|公交|网约车|路口|公路|马路|事故",
    },
    "property_mgmt": {
        3: "物业|物业费|物业公司|业委会|业主委员会|业主大会|维修基金|物管",
        2: "业主|小区|电梯|停车位|车位|停车费|门禁|保安|公摊|暖气费|供暖|绿化",
        1: "楼道|地下车库|管理费|水电",
    },
    "consumer": {
        3: "消费者|消费|退货|退款|换货|假货|三包|售后|保修|虚假宣传|价格欺诈|退一赔三|假一赔|十倍赔偿|预付卡|会员卡|网购|12315",
        2: "商家|商场|超市|网店|淘宝|京东|拼多多|快递|质量问题|发票|保质期|过期|食品安全|退费|培训费|充值|办卡|旅行社|导游|外卖|饭店|餐馆|4S店|产品质量|买到|店家|客服|订单|发货|收货|退钱|假冒|以次充好|消协|消费者协会|健身房|美容院|理发店|维权",
        1: "购买|买了|商品|产品|手机|价格|维修|质量|店家",
    },
    "village_affairs": {
        3: "村委会|村委|村干部|村支书|村主任|村务|财务公开|集体经济|集体资产|集体收益|换届选举|村民会议|外嫁女|出嫁女|成员资格|村规民约|一事一议",
        2: "村民小组|组长|村长|支书|低保|五保|扶贫|补助|村集体|集体土地|选举|贿选|危房改造|户口|户籍",
        1: "村里|村民|公开|审计|分配",
    },
}

_COMPILED: dict[str, list[tuple[int, re.Pattern[str]]]] = {
    code: [(w, re.compile(p)) for w, p in by_w.items()] for code, by_w in _RULES.items()
}
_CODES = list(TYPES)
_RULE_CODES = [c for c in _CODES if c != OTHER]
SEED_WEIGHT = 4.0
MIN_SEED_SIMILARITY = 0.12


class DisputeTypeResult(NamedTuple):
    type_code: str
    confidence: float
    matched_terms: list[str]


def rule_scores(text: str) -> tuple[dict[str, float], dict[str, list[str]]]:
    """Sum of term weights per type (each distinct term counted once, with a
    small bonus for repeats) and the matched terms."""
    scores: dict[str, float] = {}
    terms: dict[str, list[str]] = {}
    for code in _RULE_CODES:
        total = 0.0
        found: list[str] = []
        for weight, rx in _COMPILED[code]:
            counts: dict[str, int] = {}
            for m in rx.finditer(text):
                counts[m.group(0)] = counts.get(m.group(0), 0) + 1
            for term, n in counts.items():
                total += weight * (1.0 + 0.25 * min(n - 1, 4))
                found.append(term)
        if total:
            scores[code] = total
            terms[code] = found
    return scores, terms


class _SeedIndex:
    """Character-n-gram TF-IDF over the project's own example case accounts."""

    _lock = threading.Lock()
    _instance: _SeedIndex | None = None

    def __init__(self) -> None:
        from sklearn.feature_extraction.text import TfidfVectorizer

        from .seed_texts import DISPUTE_EXAMPLES

        docs, labels = [], []
        for code, texts in DISPUTE_EXAMPLES.items():
            for t in texts:
                docs.append(normalize(t))
                labels.append(code)
        self.vec = TfidfVectorizer(analyzer="char", ngram_range=(1, 3), sublinear_tf=True)
        self.X = self.vec.fit_transform(docs)
        self.labels = np.array(labels)

    @classmethod
    def get(cls) -> _SeedIndex:
        if cls._instance is None:
            with cls._lock:
                if cls._instance is None:
                    cls._instance = cls()
        return cls._instance

    def scores(self, text: str, top: int = 3) -> dict[str, float]:
        sims = (self.X @ self.vec.transform([text]).T).toarray().ravel()
        out: dict[str, float] = {}
        for code in _CODES:
            s = np.sort(sims[self.labels == code])[-top:]
            out[code] = float(s.mean()) if len(s) else 0.0
        return out


def classify(text: object, model: Any | None = None) -> DisputeTypeResult:
    """Dispute type of a case narrative: ``(type_code, confidence, matched_terms)``.

    ``model`` is an optional trained :class:`~.classifier.CategoryModel` whose
    classes are type codes; when given, its probabilities are blended in.
    """
    s = normalize(text, MAX_CHARS)
    if not s:
        return DisputeTypeResult(OTHER, 0.0, [])
    rules, terms = rule_scores(s)
    seeds = _SeedIndex.get().scores(s)
    combined = {c: rules.get(c, 0.0) + SEED_WEIGHT * seeds.get(c, 0.0) for c in _CODES}
    if rules:
        combined[OTHER] = 0.0  # some keyword evidence: prefer a real type
    if model is not None:
        try:
            proba = model.predict_proba([s])[0]
            for c, p in zip(model.classes, proba, strict=True):
                if c in combined:
                    combined[c] += 6.0 * float(p)
        except Exception:  # a broken model must never break triage
            model = None
    best = max(combined, key=lambda c: combined[c])
    if model is None and not rules and seeds.get(best, 0.0) < MIN_SEED_SIMILARITY:
        best = OTHER  # no keyword evidence and no close example
    vals = np.array([combined[c] for c in _CODES])
    e = np.exp((vals - vals.max()) / 1.5)
    conf = float(e[_CODES.index(best)] / e.sum())
    if best == OTHER and combined[OTHER] < vals.max():
        conf = min(conf, 0.3)
    return DisputeTypeResult(best, round(conf, 4), terms.get(best, [])[:12])


def classify_many(texts: Sequence[object], model: Any | None = None) -> list[DisputeTypeResult]:
    return [classify(t, model) for t in texts]


def type_name(code: str) -> str:
    """Chinese name of a type code ("其他" for unknown codes)."""
    return TYPES.get(code, TYPES[OTHER])
