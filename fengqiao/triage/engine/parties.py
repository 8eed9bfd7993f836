"""The parties of a dispute narrative: named people and organisations with a likely role.

``extract_parties(text) -> [{"name", "kind", "role", "mentions"}]`` where ``kind`` is ``person``,
``organisation`` or ``official`` (a mediator, a policeman, a cadre: someone who takes part without being a
side) and ``role`` is ``applicant`` (who asks for mediation or compensation), ``respondent`` (who is asked)
or ``other``.  The role is a suggestion for the person who registers the case, never a finding.

People are found by the ways committees write them: anonymised names (张某, 金某某, 刘某甲), a surname with
甲/乙 or with sibling numerals (许一, 许二), a surname with a form of address (张老汉, 陈大爷, 李阿姨),
"小" with a common surname (小李), "王姓女孩", and full names that jieba tags as names when they are not
common words ("安静", "高达", "查清" are words, never names) and recur or stand next to a person cue.
Organisations are a run of nouns ending in a name suffix (某汽车配件厂, 伟康医药公司, 某村村委会); a verb
ends the run, so "求伟康医药公司" is never a name.
"""

from __future__ import annotations

import re
from typing import Any

from .entities import (
    _ANON_RE,
    _NOT_NAMES,
    _SURNAMES,
    COMMON_WORD_FREQ,
    POSSEG_MAX_CHARS,
    posseg_pairs,
    word_frequency,
)
from .text import clip

MAX_CHARS = 5_000

_COMMON_SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙朱胡郭何罗郑梁谢宋唐许韩冯邓曹彭曾肖萧董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜"
    "崔钟谭陆汪范贾夏韦付傅邹孟熊秦邱江尹薛闫段雷侯史陶黎贺顾毛郝龚邵钱严戴莫孔汤温施牛樊葛邢齐乔伍庞颜"
    "倪庄聂鲁岳翟殷"
)
_ADDRESS = (
    "老汉|老太太|老太|老头|大爷|大妈|大娘|大伯|大叔|大嫂|阿姨|婆婆|奶奶|爷爷|师傅|女士|先生|老板娘|老板"
)
_PERSON_FORMS = re.compile(
    rf"(?<![一两几这那每数\d])(?:{_SURNAMES})(?:{_ADDRESS})"
    rf"|(?:{_SURNAMES})姓(?:女孩|男孩|同学|女子|男子|村民|老人|少年|女士|男士|青年|妇女)"
    rf"|(?<!某)(?:{_SURNAMES})[甲乙丙丁](?![方级等类型肝醛醇烷苯])"
    rf"|(?<![大从缩])小[{_COMMON_SURNAMES}](?![子女孙区时路车钱于米麦范毛程心组学费])"
)
_NUMBERED = re.compile(rf"(?:{_SURNAMES})[一二三四]")
_BARE_SURNAME_NAME = re.compile(r"(?:^|(?<=[。；！？\n]))\s*([\u4e00-\u9fff]某{1,2})(?=[，,（(])")
_NOT_PEOPLE = {"桂花树", "小牛", "小马", "小叶", "小黄", "小白", "小龙", "小康", "小强", "小江湖"}
_PLACE_END = "庄村寨屯湾岭坡镇乡县市区街路桥河山旗州盟"
_PERSON_CUE = re.compile(r"^(?:称|说|认为|要求|表示|同意|不同意|拒绝|夫妇|老人|一看|一听|便|就|却|则|（|\()")
_PERSON_BEFORE = re.compile(
    r"(?:名叫|叫|村民|老人|同学|丈夫|妻子|老公|老婆|儿子|女儿|儿媳|女婿|堂兄|堂弟|员|长|书记|主任)$"
)
_GROUP = re.compile(
    r"(?:\d+|[一二三四五六七八九十百千数几]+)(?:户|名|位|个)(?:村民|农民|居民|业主|工人|职工|农户|商户|家长)"
    r"|某村村民|[\u4e00-\u9fff]{2,3}[镇乡村]农民|死者家属|(?<![\u4e00-\u9fff])家属|[校院厂医店]方(?!面|式|法|案|向)"
)
_ABBREVIATED_ORG = re.compile(r"(?:[市县区镇乡村]|街道)?(?:医调委|调委会)")
_ANON_ONE = re.compile(r"某(?:一(?=[听看见下直口怒气声])|[一二三四五六七八九十](?=[人个名家位方次年月天]))")
_ANON_BEFORE_ORG = re.compile(
    r"^(?:医院|公司|厂|学校|小学|中学|超市|商场|村|镇|乡|小区|街道|社区|店|单位|部门)"
)
_NOT_A_PLACE = re.compile(r"^(?:乡|镇|村|街道|县|市|区|庄|寨|屯|供电所|派出所|司法所|组|路|街)")

ORG_SUFFIX_RE = _ORG_SUFFIX = re.compile(
    r"(?:有限责任公司|股份有限公司|有限公司|公司|集团|厂|城|医院|卫生院|诊所|学校|小学|中学|幼儿园|超市|商场|"
    r"村委会|居委会|村民委员会|居民委员会|委员会|调委会|医调委|司法所|派出所|供电所|事务所|研究所|卫生所|局|办公室|中队|大队|支队|银行|"
    r"合作社|医学会|学会|协会|事务所|中心|酒店|饭店|宾馆|旅行社|工程队|施工队|施工方|店|"
    r"家具城|商城|建材城|购物城|电器城|汽车城)$"
)
_ORG_STOP = {
    "时任",
    "所在",
    "现任",
    "原",
    "委托",
    "移交",
    "申请",
    "起诉",
    "投诉",
    "举报",
    "报警",
    "求助",
    "交由",
    "案",
    "认为",
    "人为",
    "称",
    "经",
    "在",
    "到",
    "向",
    "与",
    "被",
    "送",
    "往",
    "由",
    "将",
    "把",
    "对",
    "给",
    "从",
    "和",
    "及",
    "即",
    "是",
    "为",
}
_ORG_LEAD = re.compile(r"^(?:经|由|在|到|向|与|被|将|把|对|给|从)(?=[\u4e00-\u9fff]{3})")
_ORG_TAGS = {"vn", "z", "n", "nr", "ns", "nt", "nz", "ng", "nrt", "nrfg", "j", "l", "a", "b", "eng", "m"}
_BARE_ORG = re.compile(
    r"^(?:公司|工厂|医院|学校|超市|商场|银行|法院|政府|派出所|司法所|酒店|饭店|中心|店|城|所|局|厂|厂里|"
    r"委员会|调委会|施工方|大队|中队|办公室|物业公司|该公司|本公司|养殖场)$"
)
# Who takes part in a narrative without being a side (it only labels a party "official"; departments are
# never matched by words in their names: routing asks about department kinds).
_OFFICIAL_WORDS = (
    "调委会",
    "医调委",
    "调解委员会",
    "调解室",
    "调处中心",
    "司法所",
    "法院",
    "检察院",
    "信访",
    "综合治理",
    "综治",
    "执法",
    "监察",
    "人民政府",
    "政府",
    "建设局",
    "医学会",
    "学会",
    "专家",
    "民警",
    "片警",
    "交警",
    "公安",
    "派出所",
    "干部",
    "书记",
    "调解员",
    "工作人员",
    "所长",
)
_OFFICIAL = re.compile("|".join(_OFFICIAL_WORDS))
_OFFICIAL_ROLES = re.compile(
    r"民警|片警|交警|社区干部|村干部|乡干部|镇干部|村主职干部|村党支部书记|党支部书记|村支书|调解员|专职调解员|"
    r"网格员|法律援助律师|医学专家|法学专家|司法所工作人员|派出所民警|办案民警"
)
_APPLY = re.compile(
    r"申请调解|申请人民调解|求助|投诉|反映|报警|上访|来到[^。；]{0,20}(?:调委会|调解委员会|司法所|调处中心|调解中心)|要求[^。；]{0,30}(?:赔偿|支付|归还|返还|给付|道歉|承担|追究)"
)
_RESPOND_AFTER = re.compile(r"要求|向|找到|起诉|告|与")


def _jieba_pairs(text: str) -> list[tuple[str, str]]:
    try:
        return list(posseg_pairs(text[:POSSEG_MAX_CHARS]))
    except Exception:  # pragma: no cover - jieba is installed with the engine
        return []


def _is_common_word(word: str) -> bool:
    """A dictionary word people use every day ("安静", "高兴", "查清") is not a name."""
    return word in _NOT_NAMES or word_frequency(word) >= COMMON_WORD_FREQ


def _people(text: str, pairs: list[tuple[str, str]]) -> list[str]:
    plain = _ANON_ONE.sub("某，", text)
    found = [m.group(0) for m in _ANON_RE.finditer(plain) if not _ANON_BEFORE_ORG.match(plain[m.end() :])]
    found += [m.group(1) for m in _BARE_SURNAME_NAME.finditer(text) if m.group(1)[0] not in "某该此其一每"]
    found += [m.group(0) for m in _PERSON_FORMS.finditer(text) if m.group(0) not in _NOT_NAMES | _NOT_PEOPLE]
    numbered = list(dict.fromkeys(m.group(0) for m in _NUMBERED.finditer(text)))
    # "许一、许二": a surname with numerals is a name only when siblings are numbered so
    found += [n for n in numbered if sum(o[:-1] == n[:-1] for o in numbered) >= 2]
    pos = 0
    for w, flag in pairs:
        start = text.find(w, pos)
        pos = start + len(w) if start >= 0 else pos
        if flag not in ("nr", "nrfg", "nrt") or "某" in w or not 2 <= len(w) <= 3:
            continue
        if not re.fullmatch(rf"(?:{_SURNAMES})[\u4e00-\u9fff]{{1,2}}", w) or _is_common_word(w):
            continue
        after = text[pos : pos + 4]
        if _NOT_A_PLACE.match(after) or w[-1] in _PLACE_END or w[-1] in "树花草菊竹果菜":
            continue
        if (
            text.count(w) >= 2
            or _PERSON_CUE.match(after)
            or _PERSON_BEFORE.search(text[max(0, start - 3) : start])
        ):
            found.append(w)
    return found


def _organisations(text: str, pairs: list[tuple[str, str]]) -> list[str]:
    out: list[str] = [m.group(0) for m in _ABBREVIATED_ORG.finditer(text) if len(m.group(0)) > 3]
    for i, (w, _flag) in enumerate(pairs):
        if not _ORG_SUFFIX.search(w):
            continue
        j = i
        while j > 0 and i - j < 6:
            prev, tag = pairs[j - 1]
            if prev in _ORG_STOP:
                break
            if prev.startswith("某") or (
                tag in _ORG_TAGS and not _OFFICIAL_ROLES.search(prev) and prev not in _NOT_NAMES
            ):
                j -= 1
                if prev.startswith("某"):
                    break
            else:
                break
        name = "".join(p for p, _ in pairs[j : i + 1])
        name = _ORG_LEAD.sub("", name)
        name = re.sub(r"^(?:\d+|[一二三四五六七八九十百千万]+)(?:年|月|日|号|户|名|家|个)?", "", name)
        named = 3 <= len(name) <= 24 and not _BARE_ORG.match(name)
        if named or (name.startswith("某") and len(name) >= 2):
            out.append(name)
    return out


def _dedupe_names(names: list[str]) -> list[str]:
    seen: list[str] = []
    for n in names:
        if n not in seen:
            seen.append(n)
    # a name inside a longer found name ("张建" in "张建国", "公司" in "某公司") is the same party
    return [
        n
        for n in seen
        if not any(
            o != n and ((o.startswith(n) and "某" not in n) or (len(n) >= 3 and o.endswith(n))) for o in seen
        )
    ]


def _roles(text: str, parties: list[dict[str, Any]]) -> None:
    sides = [p for p in parties if p["kind"] != "official"]
    applicant = respondent = None
    labelled_a = re.search(r"(?<!被)申请人[一二1-2]?[：:]\s*([^\s，,。；]{2,20})", text)
    labelled_r = re.search(r"被申请人[一二1-2]?[：:]\s*([^\s，,。；]{2,20})", text)
    for p in sides:
        if labelled_a and labelled_a.group(1).startswith(p["name"]):
            applicant = applicant or p
        if labelled_r and labelled_r.group(1).startswith(p["name"]):
            respondent = respondent or p
    if applicant is None:
        for m in _APPLY.finditer(text):
            start = max(text.rfind("。", 0, m.start()), text.rfind("；", 0, m.start())) + 1
            clause = text[start : m.start()]
            before = [(clause.rfind(p["name"]), p) for p in sides if p["name"] in clause]
            if not before:  # "他来到调委会求助": the party last named before the clause
                earlier = [(text.rfind(p["name"], 0, start), p) for p in sides if p["name"] in text[:start]]
                before = [max(earlier, key=lambda bp: bp[0])] if earlier else []
            if before:
                applicant = min(before, key=lambda bp: bp[0])[1]
                tail = text[m.start() : m.end() + 30]
                after = [(tail.find(p["name"]), p) for p in sides if p is not applicant and p["name"] in tail]
                if after and respondent is None:
                    respondent = min(after, key=lambda bp: bp[0])[1]
                break
    if applicant is not None and respondent is None:
        others = [p for p in sides if p is not applicant]
        if others:
            respondent = max(others, key=lambda p: p["mentions"])
    for p in parties:
        p["role"] = "applicant" if p is applicant else "respondent" if p is respondent else "other"


def extract_parties(text: object) -> list[dict[str, Any]]:
    """The named people and organisations of ``text`` with their kind and likely role, in order of first mention."""
    s = clip(text, MAX_CHARS)
    if not s.strip():
        return []
    pairs = _jieba_pairs(s)
    people = _people(s, pairs)
    orgs = _organisations(s, pairs)
    officials = _OFFICIAL_ROLES.findall(s)
    groups = [m.group(0) for m in _GROUP.finditer(s)]
    parties: list[dict[str, Any]] = []
    names = _dedupe_names([*people, *orgs, *groups, *officials])
    for name in names:
        if name in officials or (name in orgs and _OFFICIAL.search(name)):
            kind = "official"
        elif name in groups:
            kind = "group"
        elif name in orgs and name not in people:
            kind = "organisation"
        else:
            kind = "person"
        parties.append(
            {"name": name, "kind": kind, "role": "other", "mentions": s.count(name), "at": s.find(name)}
        )
    parties.sort(key=lambda p: p["at"])
    for p in parties:
        del p["at"]
    _roles(s, parties)
    return parties
