"""Dispute-type classifier for mediation case accounts.

Out of the box: hand-written keyword/phrase rules (weights 1-3 per term) plus
a character-n-gram similarity to the project-written example case accounts and
short questions in :mod:`.seed_texts`.  The register's stock phrases (who
mediated, "达成调解协议") are ignored; a title line, the cause clause
("因……发生纠纷") and the first sentence weigh more; a decisive term of a
specific type scales down generic ones (a "合同" in a labour story, an injury
in a road accident, "邻居" as mere relationship).  Optionally a :class:`~.classifier.CategoryModel` trained
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

from .text import clip, normalize

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

# weight 3: decisive (it also lets the type take precedence, see _PRECEDENCE);
# 2: strong; 1: supporting evidence.  A type's terms are matched in the whole
# text (longest term first); terms that also sit in a short title line, in the
# "因……发生纠纷" clause or "……纠纷" phrases, or in the first sentence count again.
_RULES: dict[str, dict[float, str]] = {
    "marriage_family": {
        3: "离婚|复婚|结婚|婚姻|彩礼|礼金|抚养权|抚养费|探视权|探望权|赡养费|赡养|继承|遗产|遗嘱|领证|婚房|婚前|婚后|家暴|家庭暴力|夫妻共同|夫妻关系|夫妻感情|系夫妻|分居|重婚|出轨|有染|婚外情|外遇|亲子鉴定|继承权|继承人|遗赠|收养|监护权|订婚|退婚|婚约|养老送终|分割财产|析产",
        2: "老公|老婆|媳妇|丈夫|妻子|前夫|前妻|婆媳|婆婆|儿媳|公公|岳父|岳母|女婿|抚养|嫁妆|同居|小三|第三者|非婚生|分家|继母|继父|继子|养子|养女|兄妹|姐弟|兄弟姐妹|轮流照顾|轮流赡养|生活费|孩子(?:归|跟|判给|随)|(?:随|跟)(?:父|母)(?:亲)?生活|男朋友|女朋友|恋爱|分手",
        1: "夫妻|父母|父亲|母亲|儿子|女儿|兄弟|姐妹|子女|儿女|孩子|老人|家庭|家人|亲戚|去世|过世|老伴|照料",
    },
    "neighbour": {
        3: "邻里|相邻关系|相邻权|隔壁|楼上|楼下|上下楼|对门|前后院|左右邻|通风采光|滴水|采光|遮挡",
        2: "邻居|相邻|通道|过道|通行|排水沟|院墙|围墙|界墙|狗叫|口角|琐事|挡住|走廊|楼道|公共空间|蹦跳|跑跳|旱厕|厕所|猪圈|鸡舍|屋檐|树枝|空调外机|监控摄像|两家|两户|相对而居|比邻而居|灯光|直射|家禽|鸡鸭",
        1: "噪音|堆放|养狗|宠物|窗户|漏水|渗水|装修|吵架|争吵|吵了|辱骂|骂|门口|门前|菜地",
    },
    "housing_homestead": {
        3: "宅基地|房产证|房本|不动产权|不动产证|不动产登记|转移登记|土地使用证|产权证|房屋产权|房屋过户|房产过户|二手房|二手住房|商品房|购房|买房|卖房|房屋买卖|房屋租赁|租赁房屋|交房|烂尾|房租|房东|租房|租客|承租人|出租人|小产权|建房|盖房|翻建|翻盖",
        2: "(?:买|卖|租|盖|建|分|购)了?(?:一|两|三)?(?:套|间|栋|处|幢)?[^，。？！,.?!]{0,3}房|过户|房屋|房子|房产|产权|首付|房贷|按揭|开发商|押金|出租|租住|住房|公寓|学区房|网签|车库|门面房|共有|楼盘|地基|界址|四至|老宅|宅子|借住|腾房|搬出|房款|购房款",
        1: "院子|平房|楼房|户型|面积|租金|租期",
    },
    "land_forest": {
        3: "土地承包|承包地|责任田|承包田|承包经营权|林权|山林|林地|土地流转|流转费|自留地|口粮田|地界|田界|山界|确权",
        2: "耕地|田地|水田|稻田|旱地|荒山|山地|鱼塘|果园|灌溉|水渠|放水|田埂|祖坟|坟地|开荒|种地|耕种|庄稼|林木|砍伐|伐倒|承包|流转|秧苗|插秧|春耕|界桩",
        1: "土地|村民小组|亩|种植|放牧|田|地里",
    },
    "contract": {
        3: "违约金|违约|借条|欠条|借据|借款|借钱|还钱|欠款|欠钱|民间借贷|高利贷|担保|保证人|债务|债权|讨债|催收|还款|货款|材料款|赊销|赊账|对账单|买卖合同|承揽|欠账",
        2: "合同|定金|订金|利息|尾款|预付款|贷款|网贷|借贷|逾期|不还|老赖|欠我|借了|借给|欠了|债|信用卡|抵押|工期|装修公司|施工合同|装修合同|供货|交货|发货|起诉(?:他|她|对方)还",
        1: "协议|约定|签订|签了|付款|打款|转账|退还|解除|催要",
    },
    "business": {
        3: "合伙|合伙人|股东|股权|分红|退伙|生产经营|不正当竞争|专业合作社|商标|专利|合作经营|合作养殖|合作种植|合伙经营|利润分成|按出资比例|共同出资|共同投资|终止合作|合作协议",
        2: "公司|企业|工厂|厂房|加工厂|供应商|采购|营业执照|店铺|门面|摊位|经营|投资|利润|亏损|清算|工程款|分包|转包|客源|同行|营业额|出资",
        1: "生意|老板|客户|养殖|大棚|生产|市场|账目|查账",
    },
    "damages": {
        3: "人身损害|人身伤害|打伤|把[^，。？！]{1,6}打(?:了|伤)|殴打|伤残|残疾赔偿|狗咬|被咬|咬伤|摔伤|砸伤|烧伤|烫伤|溺水|高空抛物|触电|坠物|打架|打人|被打|斗殴|推搡|故意伤害|打斗|撕扯|扭打|厮打|互殴|相互殴打|寻衅滋事|犯罪嫌疑人|检调对接|耳光|拳打脚踢|校方|在校期间|课间|(?:学校|学生|老师|教师|班主任|同学|幼儿园)[^。；]{0,40}?(?:受伤|摔伤|骨折|死亡|身亡|打了|打伤|伤害|轻微伤|耳光)|体育课|校园伤害|同班同学|饲养动物|财产损害|财产损失|失火",
        2: "受伤|骨折|伤害|损害|损坏|砸坏|砸中|砸到|坠落|掉落|吹落|脱落|倒塌|烧毁|烧坏|火势|摔倒|摔下|跌落|意外|侵权|动手|精神损害|精神损失|死亡赔偿金|轻伤|轻微伤|重伤|伤情鉴定|打了|被人打|咬了|撞伤|雇请|帮工|致伤|狂犬疫苗|损毁|践踏|火灾|踢了|一脚|倒地|涉嫌|审查起诉|刑事",
        1: "损失|赔偿|误工费|护理费|营养费|医药费|医疗费|伤口|缝针|缝了",
    },
    "labour": {
        3: "劳动合同|劳动关系|劳动争议|劳动仲裁|拖欠工资|欠薪|讨薪|农民工|工伤|社保|社会保险|五险一金|公积金|加班费|经济补偿|辞退|开除|解雇|劳务派遣|用人单位|试用期|包工头|工钱|停工留薪|招工|应聘|(?:上班|作业|施工|干活|装卸|搬运|做工|务工|打工|工作)[^，。；]{0,6}?(?:时|期间|过程中)[^。；]{0,40}?(?:受伤|摔伤|压伤|砸伤|轧伤|割伤|烫伤|骨折|跌倒|摔倒|撞到|撞伤|死亡|身亡)|本厂|操作规程",
        2: "工资|加班|离职|辞职|员工|职工|劳动者|劳动|劳务费|劳务|年假|提成|绩效|上班|打工|务工|做工(?!作)|干活|工地|单位|招聘|入职|薪水|炒鱿鱼|裁员|合同到期|N\\+1|n\\+1|产假|病假|退休|学徒|工头|日工资|月工资|计件|按件|班组",
        1: "老板|工作|工人|厂里|岗位",
    },
    "land_acquisition": {
        3: "拆迁|征地|征收|征用|安置房|回迁|强拆|棚改|棚户区|青苗费|征迁|过渡费|临时安置费|安置费|补偿协议|安置补偿|拆迁款|补偿款|产权调换|城中村改造|旧城改造|旧改|拆迁房|货币补偿",
        2: "安置|补偿标准|搬迁|评估价|被征|移民|拆房|拆了|占地|红线|腾退|指挥部|失地",
        1: "补偿|评估|规划|修路|修建",
    },
    "environment": {
        3: "污染|排污|废水|污水|废气|粉尘|噪声污染|环保|油烟|恶臭|焚烧|生态环境|排放超标|环境|有毒气体|(?:工厂|厂房|车间|工地|施工|搅拌站|机器|设备)[^。；]{0,10}?(?:噪音|噪声|轰鸣)|泥石流|山洪|渣土|弃土|矿山|采矿|探矿|采石场|矿业",
        2: "噪音|噪声|扰民|异味|臭味|排放|排烟|化工厂|养殖场|垃圾|黑烟|烟尘|辐射|基站|光污染|震动|放炮|泥浆|粪水|粪污|风机|净化器|回收站|废品|废旧|堆积如山|熏人|刺鼻|施工方|施工单位|挖掘机|取土|挖土|开挖|民生工程|治理工程",
        1: "空气|河水|水源|井水|臭|沟渠|小河|凌晨",
    },
    "medical": {
        3: "医疗事故|医疗纠纷|医疗损害|医疗过错|医患|误诊|漏诊|误治|行医|非法行医|病历|医美|整容|整形|种植牙|拔牙|医疗差错|术后|手术后|手术中|输液后|打针后|服药后|皮试|过敏史|医生(?:的)?(?:失误|过失|操作)|医院(?:的)?(?:过错|过失|责任|处置|未尽|存在)|诊疗",
        2: "医院|医生|手术|卫生院|卫生室|诊所|医疗|治疗|病人|患者|护士|输液|打针|用药|药物|麻醉|就诊|看病|体检|牙|美容|治死|开刀|剖腹产|分娩|产妇|产检|诊断|医保|病情|后遗症|乡村医生|专家评议|尸检",
        1: "病|药|检查|感染|鉴定|住院|抢救",
    },
    "traffic": {
        3: "交通事故|车祸|追尾|肇事|逃逸|交警|事故认定|责任认定书|认定书|交强险|商业三者险|三者险|酒驾|醉驾|撞伤|撞死|撞倒|被撞|撞了|相撞|碰撞|挂倒|剐蹭|刮擦",
        2: "撞|司机|驾驶|驾照|驾驶证|驾驶员|闯红灯|超速|超车|理赔|保险公司|车损|修车|定损|行人|斑马线|开车|骑车|全责|主责|次责|同责|交通|红绿灯|路口|国道|省道|公路",
        1: "车辆|汽车|电动车|摩托车|货车|轿车|三轮车|公交|网约车|马路|事故|车",
    },
    "property_mgmt": {
        3: "物业|物业费|物业公司|物业服务|业委会|业主委员会|业主大会|维修基金|维修资金|物管|公共收益",
        2: "业主|电梯|停车位|车位|停车费|门禁|保安|公摊|暖气费|供暖|绿化|保洁",
        1: "小区|楼道|地下车库|管理费|水电",
    },
    "consumer": {
        3: "消费者|消费|退货|退款|换货|假货|三包|售后|保修|虚假宣传|价格欺诈|退一赔三|假一赔|三倍赔偿|十倍赔偿|预付卡|会员卡|储值卡|充值卡|网购|12315|以次充好|消协|消费者协会|购物|顾客|买菜|旅游|旅行团|跟团|景区|游客",
        2: "商家|商场|超市|网店|淘宝|京东|拼多多|快递|质量问题|发票|保质期|过期|食品安全|退费|培训费|学费|培训机构|充值|办卡|旅行社|导游|外卖|饭店|餐馆|4S店|产品质量|买到|店家|套餐|影楼|婚纱摄影|客服|订单|收货|退钱|假冒|健身房|美容院|理发店|维权|家电|销售人员|推销|直播间|家具城|店员|店主|服务员|特价|合格证",
        1: "购买|买了|商品|产品|手机|价格|维修|质量|卖家",
    },
    "village_affairs": {
        3: "村务|财务公开|村务公开|集体经济|集体资产|集体收益|集体经济组织|经济合作社|股份经济合作社|换届选举|村民会议|村民代表会议|外嫁女|出嫁女|成员资格|村规民约|一事一议|农经站|村级财务|村干部",
        2: "村委会|村委|村支书|村主任|村民委员会|村民小组|组长|村长|支书|低保|五保|扶贫|补助|村集体|集体土地|选举|贿选|危房改造|户口|户籍|分红|张榜",
        1: "村里|村民|公开|审计|分配|账目",
    },
    OTHER: {
        3: "名誉权|名誉|诽谤|造谣|肖像权|隐私权|不实传言|谣言|拾得|捡到|遗失物|走失|彩票|合买",
        2: "微信群|朋友圈|网络游戏|族谱|礼金往来|悔棋|广场舞|侮辱",
        1: "网上|视频|照片|澄清",
    },
}


def _alternatives(pattern: str) -> list[str]:
    """Top-level ``|`` alternatives of a regex (groups are kept whole)."""
    out, depth, cur = [], 0, []
    for i, ch in enumerate(pattern):
        escaped = i > 0 and pattern[i - 1] == "\\"
        if ch in "([" and not escaped:
            depth += 1
        elif ch in ")]" and not escaped:
            depth -= 1
        if ch == "|" and depth == 0:
            out.append("".join(cur))
            cur = []
        else:
            cur.append(ch)
    out.append("".join(cur))
    return [a for a in out if a]


class _TypeMatcher:
    """All of one type's terms in a single regex, longest alternative first,
    so that a compound ("劳动合同", "房产证") is matched and weighted as itself
    rather than also as its parts ("合同", "房产")."""

    def __init__(self, tiers: dict[float, str]) -> None:
        alts = [(a, w) for w, p in tiers.items() for a in _alternatives(p)]
        alts.sort(key=lambda aw: -len(aw[0]))
        self.alts = [(re.compile(a), w) for a, w in alts]
        self.rx = re.compile("|".join(f"(?:{a})" for a, _ in alts))
        self._weights: dict[str, float] = {}
        literals = [a for a, _ in alts if re.escape(a) == a]
        self.parts = {a: [b for b in literals if b != a and b in a] for a in literals}

    def with_parts(self, term: str) -> list[str]:
        """``term`` and the type's shorter terms inside it ("拖欠工资" → "工资"):
        those are not scored again but explain the result all the same."""
        return [term, *self.parts.get(term, [])]

    def weight(self, term: str) -> float:
        w = self._weights.get(term)
        if w is None:
            w = next((w for rx, w in self.alts if rx.fullmatch(term)), 1.0)
            self._weights[term] = w
        return w

    def counts(self, text: str) -> dict[str, int]:
        counts: dict[str, int] = {}
        for m in self.rx.finditer(text):
            counts[m.group(0)] = counts.get(m.group(0), 0) + 1
        return counts


_MATCHERS: dict[str, _TypeMatcher] = {code: _TypeMatcher(by_w) for code, by_w in _RULES.items()}
_CODES = list(TYPES)
_RULE_CODES = list(_RULES)
DECISIVE = 3
SEED_WEIGHT = 4.0
MIN_SEED_SIMILARITY = 0.12
MAX_CONFIDENCE = 0.99
"""Keywords and examples never make the out-of-the-box verdict certain."""
TITLE_WEIGHT = 2.0
FOCUS_WEIGHT = 1.0
FIRST_SENTENCE_WEIGHT = 0.5

# The specific beats the generic: when the first type has a decisive term, the
# second type's score is scaled down.  A loan is a contract, but a "合同" in a
# labour or house-sale story is only the form of a labour or housing dispute;
# an injury in a road accident is a traffic case; a house split on divorce or
# by inheritance is a family case; homes and land taken by the state are
# acquisition cases whatever else the account says about them; "邻居" says who
# the parties are, not what they quarrel about.
_PRECEDENCE: dict[str, dict[str, float]] = {
    "land_acquisition": {
        "housing_homestead": 0.5,
        "land_forest": 0.5,
        "village_affairs": 0.6,
        "marriage_family": 0.7,
    },
    "traffic": {"damages": 0.5, "medical": 0.5, "contract": 0.6},
    "medical": {"damages": 0.6},
    "labour": {
        "contract": 0.5,
        "damages": 0.6,
        "business": 0.6,
        "traffic": 0.6,
        "medical": 0.5,
        "environment": 0.7,
    },
    "marriage_family": {"housing_homestead": 0.6, "contract": 0.7, "neighbour": 0.6, "business": 0.7},
    "housing_homestead": {"contract": 0.6, "neighbour": 0.6},
    "land_forest": {"contract": 0.6, "neighbour": 0.6},
    "property_mgmt": {"consumer": 0.6, "neighbour": 0.7, "housing_homestead": 0.7},
    "consumer": {"contract": 0.7, "damages": 0.6, "labour": 0.7, "medical": 0.6},
    "damages": {"neighbour": 0.6, "medical": 0.6},
    "environment": {"neighbour": 0.7, "property_mgmt": 0.7},
    "village_affairs": {"land_forest": 0.8},
    OTHER: {"damages": 0.7},
}

# Register boilerplate that says nothing about the type of dispute: who
# mediated and that an agreement was signed ("达成调解协议" is not a contract
# dispute; "村调委会" is not a village-affairs dispute).
# Noise of daily life between neighbours (the flat above, the dog next door, the mahjong room downstairs,
# square dancing) is a neighbour matter for the community, not pollution for the county's environment bureau
# (噪声污染防治法 第五十九条 defines social-life noise, 第七十条 gives it to residents' committees and
# property services to dissuade and mediate); factories, building sites and roads stay environmental.
_SOCIAL_NOISE = re.compile(
    r"(?:楼上|楼下|隔壁|邻居|对门|邻里|广场舞|棋牌室|麻将|宠物|狗叫|狗整夜|装修)[^。；！？]{0,24}?(?:噪音|噪声|吵|声音|扰民|睡不着)"
    r"|(?:噪音|噪声|扰民|吵)[^。；！？]{0,12}?(?:楼上|楼下|隔壁|邻居|对门|广场舞|棋牌室|麻将)"
)
SOCIAL_NOISE_TERM = "邻里生活噪声"
# A wall, a passage or a stair two households share is a neighbour matter even when one of them is rebuilding.
_SHARED_STRUCTURE = re.compile(
    r"(?:共用|共有|公用|两家(?:之间)?的?)(?:的)?(?:山墙|墙体|隔墙|界墙|院墙|墙|通道|过道|楼梯)|山墙"
)
SHARED_STRUCTURE_TERM = "共用墙体/通道"
_NOT_SOCIAL_NOISE = re.compile(
    r"工厂|厂房|车间|工地|施工|搅拌|机械|道路|高速|铁路|高架|养殖场|酒吧|KTV|夜市|商铺|店铺"
)
_BOILERPLATE = re.compile(
    r"(?:(?:县|市|区|镇|乡|街道|社区|村|居)(?:人民)?(?:调解委员会|调委会))"
    r"|(?:人民)?调解委员会|调委会|调解员|调解协议书?|人民调解"
    r"|达成(?:如下|以下)?(?:调解)?协议|协议如下|自愿达成|经调解|主持调解|组织调解|申请调解"
    r"|被申请人|申请人|当事人"
    r"|做(?:双方|各方|当事人|其|他|她|他们|两家|双方当事人)?(?:的)?(?:思想)?工作"
)
_CAUSE_RE = re.compile(
    r"因([^。；;！？!?]{2,40}?)(?:而|等)?(?:发生|引发|产生|引起|起了|闹)(?:了)?(?:纠纷|争执|争议|矛盾|口角|冲突|分歧)"
)
_DISPUTE_NOUN_RE = re.compile(r"([\u4e00-\u9fff]{2,8})(?:纠纷|争议)(?!焦点)")
_FOCUS_STATED_RE = re.compile(
    r"(?:争议|争执|矛盾)(?:的)?焦点(?:主要)?(?:为|是|在于|集中在)[：:]?([^。；;！？!?\n]{2,60})"
)
_SENTENCE_END = re.compile(r"[。！？!?\n]")


class DisputeTypeResult(NamedTuple):
    type_code: str
    confidence: float
    matched_terms: list[str]
    probabilities: dict[str, float] = {}  # never mutated
    """Every type's share of the evidence (sums to 1): a category's own confidence is the sum over its types."""


def strip_boilerplate(text: str) -> str:
    """The account without the register's stock phrases (see ``_BOILERPLATE``)."""
    return _BOILERPLATE.sub("，", text)


# A register's party lines ("申请人：周某某，女，67岁，某小区3幢401室住户。") say who the parties are and
# where they live or work, not what they quarrel about: they are never the title or the first sentence.
_PARTY_LINE = re.compile(r"^\s*(?:被?申请人|当事人|第三人|(?:甲|乙|丙)方)[一二三四五1-5]?\s*[：:]")


def title_of(text: str) -> str:
    """The first line of a multi-line account when it is short enough to be a
    title ("张某与李某宅基地纠纷"), else ``""``; party lines are skipped."""
    first_line, sep, _ = text.strip().partition("\n")
    first_line = first_line.strip()
    if _PARTY_LINE.match(first_line):
        return ""
    return first_line if sep and len(first_line) <= 40 else ""


def focus_of(text: str) -> str:
    """The focus of an account: its "因……发生纠纷" cause clauses, the words
    before "纠纷", and a stated "争议焦点为……"."""
    parts = [m.group(1) for m in _CAUSE_RE.finditer(text)]
    parts += [m.group(1) for m in _DISPUTE_NOUN_RE.finditer(text)]
    parts += [m.group(1) for m in _FOCUS_STATED_RE.finditer(text)]
    return "|".join(parts)


def first_sentence(text: str) -> str:
    """The account's first sentence that is not a party line; ``""`` when
    that sentence is most of the text (nothing to weigh more than the rest)."""
    sentences = [t.strip() for t in _SENTENCE_END.split(text) if t.strip()]
    first = next((t for t in sentences if not _PARTY_LINE.match(t)), "")
    return first if len(first) < 0.8 * len(text) else ""


def _raw_scores(text: str) -> tuple[dict[str, float], dict[str, list[str]], set[str]]:
    scores: dict[str, float] = {}
    terms: dict[str, list[str]] = {}
    decisive: set[str] = set()
    for code in _RULE_CODES:
        total = 0.0
        found: list[str] = []
        matcher = _MATCHERS[code]
        for term, n in matcher.counts(text).items():
            weight = matcher.weight(term)
            total += weight * (1.0 + 0.25 * min(n - 1, 4))
            found += [t for t in matcher.with_parts(term) if t not in found]
            if weight >= DECISIVE:
                decisive.add(code)
        if total:
            scores[code] = total
            terms[code] = found
    return scores, terms, decisive


def rule_scores(text: str, title: str = "") -> tuple[dict[str, float], dict[str, list[str]]]:
    """Keyword score per type and the matched terms.

    Each distinct term counts once with a small bonus for repeats; terms in the
    title line (``TITLE_WEIGHT``), in the focus of the account (``FOCUS_WEIGHT``)
    and in its first sentence (``FIRST_SENTENCE_WEIGHT``) count again; then generic types give way to specific ones
    (``_PRECEDENCE``).  ``other`` has its own small vocabulary (reputation,
    lost property ...).
    """
    body = strip_boilerplate(text)
    scores, terms, decisive = _raw_scores(body)
    focus, first = focus_of(body), strip_boilerplate(first_sentence(text))
    title = strip_boilerplate(title)
    for part, weight in ((title, TITLE_WEIGHT), (focus, FOCUS_WEIGHT), (first, FIRST_SENTENCE_WEIGHT)):
        if part:
            extra, _, extra_decisive = _raw_scores(part)
            decisive |= extra_decisive
            for code, v in extra.items():
                scores[code] = scores.get(code, 0.0) + weight * v
    scaled = dict(scores)
    noise = _SOCIAL_NOISE.search(body)
    if noise and not _NOT_SOCIAL_NOISE.search(body):
        scaled["neighbour"] = scaled.get("neighbour", 0.0) + DECISIVE
        terms.setdefault("neighbour", []).insert(0, SOCIAL_NOISE_TERM)
        decisive.add("neighbour")
        if "environment" in scaled:
            scaled["environment"] *= 0.4
    if _SHARED_STRUCTURE.search(body):
        scaled["neighbour"] = scaled.get("neighbour", 0.0) + DECISIVE
        terms.setdefault("neighbour", []).insert(0, SHARED_STRUCTURE_TERM)
        decisive.add("neighbour")
        if "housing_homestead" in scaled:
            scaled["housing_homestead"] *= 0.5
    for winner in decisive:
        for loser, factor in _PRECEDENCE.get(winner, {}).items():
            if loser in scaled and loser != winner:
                scaled[loser] *= factor
    return scaled, terms


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
                docs.append(strip_boilerplate(normalize(t)))
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
        sims = (self.X @ self.vec.transform([strip_boilerplate(text)]).T).toarray().ravel()
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
    raw = clip(text, MAX_CHARS)
    s = normalize(raw)
    if not s:
        return DisputeTypeResult(OTHER, 0.0, [], {})
    rules, terms = rule_scores(s, normalize(title_of(raw)))
    seeds = _SeedIndex.get().scores(s)
    combined = {c: rules.get(c, 0.0) + SEED_WEIGHT * seeds.get(c, 0.0) for c in _CODES}
    if OTHER not in rules and any(c != OTHER for c in rules):
        combined[OTHER] = 0.0  # keyword evidence for a real type only: prefer it
    if model is not None:
        try:
            proba = model.predict_proba([s])[0]
            for c, p in zip(model.classes, proba, strict=True):
                if c in combined:
                    combined[c] += 6.0 * float(p)
        except Exception:  # a broken model must never break triage
            model = None
    best = max(combined, key=lambda c: combined[c])
    if model is None and best != OTHER and best not in rules and seeds.get(best, 0.0) < MIN_SEED_SIMILARITY:
        best = OTHER  # no keyword evidence and no close example
    vals = np.array([combined[c] for c in _CODES])
    # long accounts pile up larger scores: judge the margin relative to them
    temperature = 1.5 + 0.1 * max(float(vals.max()), 0.0)
    e = np.exp((vals - vals.max()) / temperature)
    conf = min(float(e[_CODES.index(best)] / e.sum()), MAX_CONFIDENCE)
    if best == OTHER and combined[OTHER] < vals.max():
        conf = min(conf, 0.3)
    shares = e / e.sum()
    probabilities = {c: round(float(p), 4) for c, p in zip(_CODES, shares, strict=True) if p >= 0.0005}
    probabilities[best] = round(conf, 4)
    return DisputeTypeResult(best, round(conf, 4), terms.get(best, [])[:12], probabilities)


def classify_many(texts: Sequence[object], model: Any | None = None) -> list[DisputeTypeResult]:
    return [classify(t, model) for t in texts]


def type_name(code: str) -> str:
    """Chinese name of a type code ("其他" for unknown codes)."""
    return TYPES.get(code, TYPES[OTHER])
