"""Entity extraction from case narratives: persons, organisations, phone
numbers, PRC ID numbers (GB 11643 check digit validated) and addresses
(resolved to province / city / district and adcode with cpca).

``extract_entities(text)`` never raises on any ``str`` input; long texts are
clipped to ``MAX_CHARS``.
"""

from __future__ import annotations

import functools
import re
import threading
from datetime import date
from typing import Any

from fengqiao.core.validators import id_check_digit  # pure Python: GB 11643 check character

from .text import clip

MAX_CHARS = 20_000
POSSEG_MAX_CHARS = 5_000  # part-of-speech tagging is the slow step: names by jieba only here

# --- ID numbers ---------------------------------------------------------------
_ID_RE = re.compile(r"(?<![0-9A-Za-z])\d{17}[0-9Xx](?![0-9A-Za-z])")


def validate_id_number(s: object, *, check_date: bool = True) -> bool:
    """True for an 18-character PRC resident ID number whose check digit is
    right (and, with ``check_date``, whose birth date is a real past date
    from 1900 on and whose region code starts with 1-9)."""
    if not isinstance(s, str):
        return False
    s = s.strip()
    if len(s) != 18 or not s[:17].isdigit() or not s[:17].isascii():
        return False
    if id_check_digit(s[:17]) != s[17].upper():
        return False
    if check_date:
        if s[0] == "0":
            return False
        try:
            born = date(int(s[6:10]), int(s[10:12]), int(s[12:14]))
        except ValueError:
            return False
        if born.year < 1900 or born > date.today():
            return False
    return True


# --- phones ---------------------------------------------------------------
_MOBILE_RE = re.compile(r"(?<![0-9])(?:\+?86[- ]?)?(1[3-9]\d[- ]?\d{4}[- ]?\d{4})(?![0-9])")
_LANDLINE_RE = re.compile(r"(?<![0-9])(?:\(?(0\d{2,3})\)?[- ]?)(\d{7,8})(?![0-9])")
_HOTLINE_RE = re.compile(r"(?<![0-9])(1[0-2]\d{3}|400[- ]?\d{3}[- ]?\d{4})(?![0-9])")


def _phones(text: str) -> list[str]:
    out: list[str] = []
    spans: list[tuple[int, int]] = []
    for m in _MOBILE_RE.finditer(text):
        out.append(re.sub(r"[- ]", "", m.group(1)))
        spans.append(m.span())
    for m in _LANDLINE_RE.finditer(text):
        if any(a < m.end() and m.start() < b for a, b in spans):
            continue
        if _ID_RE.search(text[max(0, m.start() - 1) : m.end() + 10]) and len(m.group(0)) > 12:
            continue
        out.append(f"{m.group(1)}-{m.group(2)}")
    for m in _HOTLINE_RE.finditer(text):
        if not any(a < m.end() and m.start() < b for a, b in spans):
            out.append(re.sub(r"[- ]", "", m.group(1)))
    return _dedupe(out)


# --- persons ----------------------------------------------------------------
_SURNAMES = (
    "欧阳|司马|上官|诸葛|东方|皇甫|尉迟|公孙|慕容|长孙|宇文|司徒|夏侯|令狐|端木|独孤|南宫|西门|"
    "王|李|张|刘|陈|杨|黄|赵|吴|周|徐|孙|马|朱|胡|郭|何|高|林|罗|郑|梁|谢|宋|唐|许|韩|冯|邓|曹|彭|曾|肖|萧|田|董|袁|潘|"
    "于|蒋|蔡|余|杜|叶|程|苏|魏|吕|丁|任|沈|姚|卢|姜|崔|钟|谭|陆|汪|范|金|石|廖|贾|夏|韦|付|傅|方|白|邹|孟|熊|秦|邱|"
    "江|尹|薛|闫|阎|段|雷|侯|龙|史|陶|黎|贺|顾|毛|郝|龚|邵|万|钱|严|覃|武|戴|莫|孔|向|汤|常|温|康|施|文|牛|樊|葛|邢|"
    "安|齐|易|乔|伍|庞|颜|倪|庄|聂|章|鲁|岳|翟|殷|詹|申|欧|耿|关|兰|焦|俞|左|柳|甘|祝|包|宁|尚|符|舒|阮|柯|纪|梅|童|"
    "凌|毕|单|季|裴|霍|涂|成|苗|谷|盛|曲|翁|冉|骆|蓝|路|游|辛|靳|管|柴|蒙|鲍|华|喻|祁|蒲|房|滕|屈|饶|解|牟|艾|尤|阳|"
    "时|穆|农|司|卓|古|吉|缪|简|车|项|连|芦|麦|褚|娄|窦|戚|岑|景|党|宫|费|卜|冷|晏|席|卫|米|柏|宗|瞿|桂|全|佟|应|臧|"
    "闵|苟|邬|边|卞|姬|师|和|仇|栾|隋|商|刁|沙|荣|巫|寇|桑|郎|甄|丛|仲|虞|敖|巩|明|佘|池|查|麻|苑|迟|邝|官|封|谈|匡|"
    "鞠|惠|荆|乐|冀|郁|胥|南|班|储|原|栗|燕|楚|鄢|劳|谌|奚|皮|粟|冼|蔺|楼|盘|满|闻|位|厉|伊|仝|区|郜|海|阚|花|权|强|"
    "帅|屠|豆|朴|盖|练|廉|禹|井|祖|漆|巴|丰|支|卿|国|狄|平|计|索|宣|晋|相|初|门|云|容|敬|来|扈|晁|芮|都|普|阙|浦|戈|"
    "伏|鹿|薄|邸|雍|辜|羊|阿|乌|母|裘|亓|修|邰|赫|杭|况|那|宿|鲜|印|逯|隆|茹|诸|战|慕|危|玉|银|亢|嵇|公|哈|湛|宾|戎|"
    "勾|茅|利|於|呼|居|揭|干|但|尉|冶|斯|元|束|檀|衣|信|展|阴|昝|智|幸|奉|植|衡|富|尧|闭|由"
)
_ANON_RE = re.compile(
    rf"(?<!某)(?:{_SURNAMES})(?:某某|某)(?:[甲乙丙丁戊己庚辛壬癸]|[1-9一二三四五六七八九])?(?![日时天年月些种处地次])"
)
_SURNAME_START = re.compile(rf"^(?:{_SURNAMES})")
_NOT_NAMES = {
    "申请人",
    "被申请人",
    "当事人",
    "调解员",
    "村民",
    "老人",
    "老板",
    "孩子",
    "女儿",
    "儿子",
    "丈夫",
    "妻子",
    "双方",
    "对方",
    "司机",
    "医生",
    "法官",
    "律师",
    "工人",
    "业主",
    "物业",
    "村委",
    "居委",
    "干部",
    "民警",
    "警察",
    "先生",
    "女士",
    "师傅",
    "同志",
    "领导",
    "老师",
    "学生",
    "阿姨",
    "大爷",
    "大妈",
    "平安",
    "高兴",
    "安全",
    "方便",
    "成功",
    "和平",
    "文明",
    "明白",
}
_COMPOUND_SURNAMES = {
    "欧阳",
    "司马",
    "上官",
    "诸葛",
    "东方",
    "皇甫",
    "尉迟",
    "公孙",
    "慕容",
    "长孙",
    "宇文",
    "司徒",
    "夏侯",
    "令狐",
    "端木",
    "独孤",
    "南宫",
    "西门",
}
_jieba_lock = threading.Lock()
COMMON_WORD_FREQ = 40
"""A word jieba's dictionary counts this often is an everyday word, never a person's name."""


@functools.lru_cache(maxsize=4)
def posseg_pairs(text: str) -> tuple[tuple[str, str], ...]:
    """jieba's words and part-of-speech tags of ``text`` (its first ``POSSEG_MAX_CHARS``); the last few texts
    are kept, since the persons and the parties of one narrative both need them."""
    with _jieba_lock:  # posseg's tokenizer is not thread-safe
        from .text import _ensure_jieba

        _ensure_jieba()
        import jieba.posseg as pseg

        return tuple((w.word, w.flag) for w in pseg.cut(text[:POSSEG_MAX_CHARS]))


def word_frequency(word: str) -> int:
    """How often jieba's dictionary counts ``word`` (0 when it is not there)."""
    import jieba

    return jieba.dt.FREQ.get(word) or 0


def _persons(text: str) -> list[str]:
    found = [m.group(0) for m in _ANON_RE.finditer(text)]
    try:
        pairs = posseg_pairs(text[:POSSEG_MAX_CHARS])
        # jieba tags everyday words as names ("安静", "高达", "查清"): a word people use often is not a name
        common = {w for w, _ in pairs if word_frequency(w) >= COMMON_WORD_FREQ} - _COMPOUND_SURNAMES
    except Exception:
        pairs, common = (), set()
    for i, (w, flag) in enumerate(pairs):
        if (
            (flag not in ("nr", "nrfg", "nrt") and w not in _COMPOUND_SURNAMES)
            or w in _NOT_NAMES
            or w in common
        ):
            continue
        if "某" in w:
            continue  # handled by the regex above
        if w in _COMPOUND_SURNAMES and i + 1 < len(pairs) and 1 <= len(pairs[i + 1][0]) <= 2:
            w = w + pairs[i + 1][0]
        elif flag == "nr" and len(w) == 1 and i + 1 < len(pairs):
            # "李" + "某某" or a single-character given name split off by jieba
            nxt = pairs[i + 1][0]
            if len(nxt) <= 2 and pairs[i + 1][1] in ("nr", "ng", "nz", "n", "a") and not nxt.startswith("某"):
                w = w + nxt
        if (
            2 <= len(w) <= 4
            and _SURNAME_START.match(w)
            and re.fullmatch(r"[\u4e00-\u9fff]+", w)
            and w[-1] not in "省市区县镇乡村路街组队所局厂院"
        ):
            found.append(w)
    found = _dedupe(found)
    # drop a name that is a prefix of a longer one found ("张建" vs "张建国")
    return [n for n in found if not any(o != n and o.startswith(n) and "某" not in n for o in found)]


# --- organisations ----------------------------------------------------------
_ORG_SUFFIX = (
    "有限责任公司|股份有限公司|有限公司|分公司|集团|公司|工厂|加工厂|厂|人民政府|政府|管理局|局|人民医院|中医院|医院|卫生院|卫生室|诊所|"
    "社区卫生服务中心|小学|中学|大学|学院|学校|幼儿园|物业服务中心|物业管理处|物业|村民委员会|居民委员会|业主委员会|委员会|村委会|居委会|"
    "派出所|人民法院|法院|检察院|司法所|银行|信用社|合作社|超市|商场|酒店|宾馆|饭店|事务所|协会|研究所|服务中心|工作站|养老院|敬老院|"
    "培训机构|培训学校|中介|4S店|门市部|经营部|门店|旅行社|车队|工程队|施工队"
)
_ORG_RE = re.compile(
    rf"[\u4e00-\u9fffA-Za-z0-9（）()]{{2,20}}?(?:{_ORG_SUFFIX})(?:[\u4e00-\u9fffA-Za-z0-9（）()]{{0,10}}?(?:{_ORG_SUFFIX}))*"
)
_ORG_SPLIT = re.compile(
    r"[，。！？；：、,.!?;:\s“”\"'‘’《》【】\[\]]|(?:在|到|与|和|跟|向|被|把|称|系|于|由|给|对|及|或|将|从|同|找|去|来|让|叫|请|经|因|为|是|的|了|说|要|已|共|即)"
)
_ORG_LEAD = re.compile(
    r"^(?:被申请人|申请人|当事人|原告|被告|某地|我们|我|他们|他|她|其|该|这家|那家|这个|那个|一家|某家)"
)
# a date or time written before the name ("2019年3月", "去年12月底", "3月5日上午10时许"): names
# do not contain one, so only what follows the last one is kept
_ORG_DATE = re.compile(
    r"(?:\d{2,4}年|[〇零一二三四五六七八九]{2,4}年|[去今前明当同]年)(?:初|底|末|中|上半年|下半年)?"
    r"(?:(?:\d{1,2}|[一二三四五六七八九十]{1,2})月份?(?:初|底|末|中旬|上旬|下旬)?)?"
    r"(?:(?:\d{1,2}|[一二三四五六七八九十]{1,3})[日号])?"
    r"|\d{1,2}月份?(?:初|底|末|中旬|上旬|下旬)?(?:\d{1,2}[日号])?|\d{1,2}[日号](?!楼|院|线|门|店)"
    r"|(?:上午|下午|中午|晚上|凌晨|早上|傍晚|当天|当日|次日|近日|日前)"
    r"|\d{1,2}(?:时|点)(?:\d{1,2}分)?许?"
)
_ORG_VERB_LEAD = re.compile(r"^(?:入职|就职|任职|供职|工作|应聘|进入|加入|起诉|投诉|购买|在|到|于|许)+")
_ORG_BAD = re.compile(
    r"^(?:格局|结局|布局|邮局|当局|大局|饭局|赌局|骗局|全局|工厂|医院|学校|公司|物业|政府|法院|银行|超市|商场|酒店|饭店|物业公司|该公司|这家公司|那家公司|本公司)$"
)


def _without_leading_date(name: str) -> str:
    last_end = 0
    for m in _ORG_DATE.finditer(name):
        last_end = m.end()
    if last_end:
        name = _ORG_VERB_LEAD.sub("", name[last_end:])
    return _ORG_LEAD.sub("", name)


def _organisations(text: str) -> list[str]:
    out = []
    for seg in _ORG_SPLIT.split(text):
        if len(seg) < 3:
            continue
        for m in _ORG_RE.finditer(seg):
            name = _without_leading_date(m.group(0))
            if len(name) >= 3 and not _ORG_BAD.match(name):
                out.append(name)
    return _dedupe(out)


# --- addresses --------------------------------------------------------------
_ADDR_RE = re.compile(
    r"(?:[\u4e00-\u9fff]{2,7}?(?:省|自治区))?(?:[\u4e00-\u9fff]{1,7}?(?:市|自治州|地区|盟))?"
    r"(?:[\u4e00-\u9fff]{1,7}?(?:区|县|旗))?(?:[\u4e00-\u9fff]{1,7}?(?:镇|乡|街道))?"
    r"(?:[\u4e00-\u9fff0-9]{1,10}?(?:村|社区|小区|路|街|巷|大道|组|号楼|号|栋|单元|室))*"
)
_cpca_lock = threading.Lock()


def _resolve(candidates: list[str]) -> list[dict[str, Any]]:
    if not candidates:
        return []
    try:
        with _cpca_lock:
            import cpca

            df = cpca.transform(candidates)
    except Exception:
        return []
    out = []
    for cand, rec in zip(candidates, df.to_dict("records"), strict=True):

        def val(key: str, rec: dict = rec) -> str:
            v = rec.get(key)
            return v if isinstance(v, str) else ""

        if not (val("省") or val("市") or val("区")):
            continue
        hits = [cand.find(val(k)[:2]) for k in ("省", "市", "区") if val(k)]
        start = min((i for i in hits if i >= 0), default=0)
        out.append(
            {
                "text": cand[start:],
                "province": val("省"),
                "city": val("市"),
                "district": val("区"),
                "detail": val("地址"),
                "adcode": val("adcode"),
            }
        )
    return out


def _addresses(text: str) -> list[dict[str, Any]]:
    cands = []
    for seg in re.split(r"[，。！？；：,.!?;:\s、（）()]", text):
        for m in _ADDR_RE.finditer(seg):
            s = m.group(0)
            levels = sum(
                1 for suf in ("省", "市", "区", "县", "镇", "乡", "街道", "村", "路", "号") if suf in s
            )
            if len(s) >= 4 and levels >= 2:
                cands.append(s)
    return _resolve(_dedupe(cands)[:20])


# --- public -----------------------------------------------------------------


def _dedupe(items: list[str]) -> list[str]:
    seen: set[str] = set()
    return [x for x in items if not (x in seen or seen.add(x))]


def extract_entities(text: object) -> dict[str, Any]:
    """Entities found in ``text``::

    {"persons": [...], "organisations": [...], "parties": [{"name", "kind", "role", "mentions"}],
     "phones": [...],
     "id_numbers": [...valid...], "invalid_id_numbers": [...],
     "addresses": [{"text", "province", "city", "district", "detail", "adcode"}]}
    """
    s = clip(text, MAX_CHARS)
    result: dict[str, Any] = {
        "persons": [],
        "organisations": [],
        "parties": [],
        "phones": [],
        "id_numbers": [],
        "invalid_id_numbers": [],
        "addresses": [],
    }
    if not s.strip():
        return result
    for m in _ID_RE.finditer(s):
        v = m.group(0).upper()
        (result["id_numbers"] if validate_id_number(v) else result["invalid_id_numbers"]).append(v)
    result["id_numbers"] = _dedupe(result["id_numbers"])
    result["invalid_id_numbers"] = _dedupe(result["invalid_id_numbers"])
    no_ids = _ID_RE.sub(" ", s)
    result["phones"] = _phones(no_ids)
    for step, key in ((_persons, "persons"), (_organisations, "organisations"), (_addresses, "addresses")):
        try:
            result[key] = step(s)
        except Exception:  # never let one extractor break the others
            result[key] = []
    try:
        from .parties import extract_parties

        result["parties"] = extract_parties(s)
    except Exception:  # the parties are a suggestion: never break the rest
        result["parties"] = []
    return result
