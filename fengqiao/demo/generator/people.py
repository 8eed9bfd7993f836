"""Invented people, companies and identifiers for the demo county.

ID numbers carry a correct GB 11643 check digit but use the area code 990101, which no real
place has, so no generated number can belong to a real person. Phone numbers all start with
19900, a run the demo keeps to itself.
"""
from __future__ import annotations

import datetime as dt
import random

from fengqiao.core.validators import id_check_digit

ID_AREA = "990101"
PHONE_PREFIX = "19900"
CREDIT_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦方"
)
GIVEN_MALE = [
    "建国", "志强", "海涛", "永康", "国平", "伟", "军", "明华", "德福", "长林",
    "春生", "立新", "卫国", "小龙", "宏伟", "文斌", "金水", "根发", "荣华", "家兴",
    "子豪", "浩然", "俊杰", "天宇", "水生", "土根", "玉良", "福全", "振华", "世明",
]
GIVEN_FEMALE = [
    "秀英", "桂兰", "玉梅", "丽华", "美玲", "春燕", "晓红", "雪芳", "彩霞", "巧云",
    "凤英", "小芳", "静", "丹", "婷婷", "欣怡", "佳慧", "月娥", "金花", "素珍",
    "慧敏", "雅琴", "梦瑶", "淑芬", "爱华", "翠萍", "海燕", "红梅",
]

COMPANY_WORDS = [
    "鸿达", "恒固", "宏建", "诚信", "永盛", "华信", "金诺", "天和", "顺发", "兴旺",
    "恒昌", "瑞丰", "盛世", "鑫源", "佳诚", "宝利", "新锐", "博远", "远航", "东升",
    "安泰", "汇通", "德润", "富春",
]
COMPANY_TRADES = {
    "construction": ["建筑劳务有限公司", "建设工程有限公司", "装饰工程有限公司", "建筑安装有限公司"],
    "factory": ["服装有限公司", "五金制品有限公司", "食品有限公司", "电子科技有限公司", "竹木制品厂", "饲料有限公司"],
    "property": ["物业服务有限公司", "物业管理有限公司"],
    "shop": ["商贸有限公司", "超市", "家具城", "电器商行", "健身会所", "美容美发店", "教育培训学校"],
    "developer": ["房地产开发有限公司", "置业有限公司"],
    "transport": ["客运有限公司", "物流有限公司", "驾驶员培训有限公司"],
    "clinic": ["诊所", "口腔门诊部", "中医诊所"],
    "restaurant": ["农家乐", "大酒店", "餐饮店", "烧烤店"],
    "agri": ["农业开发有限公司", "苗木专业合作社", "生态农业有限公司"],
}


def person_name(rng: random.Random, *, female: bool | None = None) -> str:
    if female is None:
        female = rng.random() < 0.5
    given = rng.choice(GIVEN_FEMALE if female else GIVEN_MALE)
    return rng.choice(SURNAMES) + given


def anonymised_name(rng: random.Random) -> str:
    """The style case files use when a name is withheld: 张某 or 张某某."""
    return rng.choice(SURNAMES) + rng.choice(("某", "某某"))


def company_name(rng: random.Random, trade: str, place: str = "青溪") -> str:
    return f"{place}{rng.choice(COMPANY_WORDS)}{rng.choice(COMPANY_TRADES[trade])}"


def phone_number(rng: random.Random) -> str:
    return f"{PHONE_PREFIX}{rng.randrange(1_000_000):06d}"


def id_number(rng: random.Random, *, min_age: int = 18, max_age: int = 80, female: bool | None = None,
              today: dt.date | None = None) -> str:
    today = today or dt.date(2026, 1, 1)
    birth = today - dt.timedelta(days=rng.randint(min_age * 365 + 5, max_age * 365))
    seq = rng.randrange(100)
    if female is None:
        female = rng.random() < 0.5
    sex_digit = rng.choice((0, 2, 4, 6, 8)) if female else rng.choice((1, 3, 5, 7, 9))
    first17 = f"{ID_AREA}{birth:%Y%m%d}{seq:02d}{sex_digit}"
    return first17 + id_check_digit(first17)


def credit_code(rng: random.Random) -> str:
    """A unified social credit code of the right shape (the demo does not compute its check character)."""
    return "91" + ID_AREA + "".join(rng.choice(CREDIT_ALPHABET) for _ in range(10))


def plate_number(rng: random.Random) -> str:
    return "浙H" + rng.choice("ABCDEFGHJK") + "".join(rng.choice("0123456789") for _ in range(4))
