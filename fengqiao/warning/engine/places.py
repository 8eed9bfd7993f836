"""Concrete places named in a message: housing estates (小区, 花园, 新城 ...), villages and communities, roads
and streets, schools, hospitals, companies and markets, and named matters ("58车贷案") that stand for a place
when the people writing have no other one in common.

Provinces, cities, districts, towns and streets-as-offices (省/市/区/县/镇/乡/街道) are containers, not the place a
problem is at: a name is cut after the last of them ("A市A2区丽发新城小区" -> "丽发新城小区", "枫桥镇柳湾村" ->
"柳湾村"); so are villages, communities and roads for the estates named after them. A name is read leftwards
from its suffix until a character or word that does not belong in names: function characters, stop words such
as 投诉/反映/附近, and dictionary words jieba tags as verbs, adverbs, prepositions and the like ("官宣预计地铁3号线"
-> "地铁3号线"). Everyday words are not names ("物业公司", "电路", "立案"). cpca is not needed here: it resolves
provinces, cities and districts, which are containers; what a hot issue needs is below them. Each place has a *key*
(the name without a generic suffix such as 小区 or 社区, so "丽发新城小区" and "丽发新城" meet) and a *weight*:
2 for estates, villages, schools, hospitals and companies, 1 for roads and streets, which are long and shared
by many unrelated problems.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

SPECIFIC_SUFFIXES = (
    "小区", "花园", "家园", "新城", "新村", "公寓", "广场", "大厦", "商城", "苑", "府", "湾", "庭", "园", "城",
    "村", "社区", "小学", "中学", "学校", "幼儿园", "大学", "学院", "医院", "卫生院", "公司", "市场",
    "案", "案件", "平台", "工业园", "产业园", "园区", "车站", "地铁站", "火车站", "高铁站", "汽车站", "公园", "景区", "项目", "工地",
)
ROAD_SUFFIXES = ("路", "大道", "街", "巷", "大桥", "桥", "号线")
_GENERIC_TAILS = ("小区", "社区", "居委会", "村委会", "项目", "工地", "一期", "二期", "三期", "四期", "案件", "案", "平台")
# jieba part-of-speech tags (first letter) of words that do not occur in names: verbs, adverbs, prepositions,
# conjunctions, particles, pronouns, adjectives, directions, times, idioms ...
_STOP_TAGS = set("vdpcurafltyeozibs")
_PROPER_TAGS = {"ns", "nr", "nz", "nt"}
# suffixes that say what kind of thing, after which an everyday word is no name ("物业公司", "开发项目")
_KIND_SUFFIXES = {"公司", "市场", "医院", "卫生院", "学校", "小学", "中学", "大学", "学院", "幼儿园", "平台", "案", "案件",
                  "项目", "工地", "广场", "大厦", "公园", "园区", "工业园", "产业园", "车站"}
COMMON_FREQUENCY = 50
_NAME_CHARS = r"[\u4e00-\u9fffA-Za-z0-9]"
_SUFFIX_RE = re.compile(
    "(" + "|".join(sorted((re.escape(s) for s in SPECIFIC_SUFFIXES + ROAD_SUFFIXES), key=len, reverse=True)) + ")"
    r"(?!道|办|民|委)"  # 街道, 街道办 are containers; 村民, 市民, 村委 are people
)
# characters that do not occur inside place names; a name read leftwards stops before them
_STOP_CHARS = set("的在于和与及对向把被是了从到给为有我你他她们这那该请问求吗呢啊吧也都就还又但而且或并等个些其所进出让不去来往")
_STOP_WORDS = (
    "投诉", "反映", "举报", "建议", "咨询", "关于", "希望", "请求", "要求", "附近", "旁边", "周边", "对面", "门口", "里面",
    "内部", "位于", "地处", "座落", "坐落", "居住", "住在", "业主", "居民", "村民", "家长", "市民", "问题", "情况",
    "修建", "建设", "新建", "违建", "规划", "整治", "开发", "没有", "尽快", "严重", "部分", "整个", "所有", "多个",
    "一个", "这个", "那个", "目前", "现在", "今年", "去年", "每天", "长期", "靠近", "临近", "紧邻", "沿线", "位置",
)
# admin containers: a name is cut after the last one ("区" only when it is not part of 小区/社区/园区/城区/景区)
# villages, communities and estates contain the places named after them ("柳湾社区锦华苑" -> "锦华苑")
# and so do roads for the estates along them ("劳动东路魅力之城" -> "魅力之城")
_ADMIN_RE = re.compile(r"(?:省|自治区|市|自治州|县|旗|镇|乡|街道|村|社区|小区|(?<![小社园城景校厂矿片山])区|路|大道|街|巷)")
# everyday words that end like a place ("电路", "政府", "同城"): no name ends with them
_COMMON_ENDINGS = {
    "电路", "线路", "道路", "马路", "公路", "铁路", "网路", "思路", "出路", "套路", "水路", "通路", "一路", "上路",
    "走路", "修路", "进路", "政府", "同城", "县城", "进城", "全城", "满城", "城里", "校园", "乐园", "菜园", "果园",
    "跑路", "带路", "让路", "拦路", "挡路", "堵路", "绕路", "开路", "问路", "迷路", "半路", "港湾", "海湾", "台湾",
    "回村", "进村", "全村", "本村", "该村", "我村", "外村", "邻村", "本案", "该案", "此案",
}
_CASE_SUFFIXES = {"案", "案件"}
_NAME_TAGS = {"ns", "nr", "nz", "nt", "eng", "m", "x"}
_BAD_NAMES = re.compile(
    r"^(?:[一二三四五六七八九十百千万两几数\d]+[段条个家户座栋幢处所间块片]?|[东西南北中]|本|该|此|同|某|全|各|多|整|周边|附近|公|马|道|铁|网|线|进|出|"
    r"城|乡|农|庄|家|校|学|大|小|老|新|花|公园|幼儿|高速|环|主干|支|马|道|水泥|一条|这条|那条|地铁)$"
)
MIN_NAME = 2
MAX_NAME = 10


@dataclass(frozen=True)
class Place:
    name: str  # as written, admin containers removed ("丽发新城小区")
    key: str  # generic tail removed ("丽发新城")
    weight: int  # 2 specific place, 1 road or street


def normalise(text: str) -> str:
    """NFKC (full-width letters and digits to half-width) with whitespace runs collapsed."""
    return " ".join(unicodedata.normalize("NFKC", text or "").split())


def _cut_stop_words(name: str) -> str:
    cut = 0
    for word in _STOP_WORDS:
        at = name.rfind(word)
        if at >= 0:
            cut = max(cut, at + len(word))
    return name[cut:]


def _left_name(segment: str, end: int) -> str:
    start = end
    while start > 0 and end - start < MAX_NAME + 6:
        char = segment[start - 1]
        if not re.match(_NAME_CHARS, char) or char in _STOP_CHARS:
            break
        start -= 1
    name = _cut_stop_words(segment[start:end])
    containers = [m.end() for m in _ADMIN_RE.finditer(name)]
    if containers:
        name = name[containers[-1]:]
    return _name_words(name)[-MAX_NAME:]


def _name_words(stem: str) -> str:
    """The end of ``stem`` made of words that may be part of a name: jieba's words read leftwards, stopping at a
    dictionary word of two or more characters tagged verb, adverb, preposition ... ("官宣预计地铁3号" -> "地铁3号")."""
    if not stem:
        return stem
    tags = _word_tags()
    kept = 0
    words = _cut(stem)
    for word in reversed(words):
        tag = tags.get(word)
        if len(word) >= 2 and tag and tag[0] in _STOP_TAGS:
            break
        kept += len(word)
    return stem[len(stem) - kept:]


def _generic(stem: str) -> bool:
    """True when ``stem`` is one everyday dictionary word that is not a proper name ("物业公司", "小学", "农贸市场"):
    such a name says what, not where."""
    tag = _word_tags().get(stem)
    return tag is not None and bool(tag) and tag[:2] not in _PROPER_TAGS and _word_frequency(stem) >= COMMON_FREQUENCY


def _may_end(stem: str, suffix: str) -> bool:
    """Whether ``stem`` + ``suffix`` may be a name: not an everyday word ending ("电路"), not "物业公司", and a
    case (案) named after something that is no dictionary word ("58车贷案", not "立案" or "诈骗案")."""
    if (stem[-1] + suffix) in _COMMON_ENDINGS or (stem[-2:] + suffix) in _COMMON_ENDINGS:
        return False
    if suffix in _KIND_SUFFIXES and _generic(stem):
        return False
    if suffix in _CASE_SUFFIXES:
        if _word_frequency(stem[-1] + suffix) or _word_frequency(stem[-1] + "案"):
            return False
        last = _cut(stem)[-1]
        tag = _word_tags().get(last)
        return len(last) == 1 or tag is None or tag in _NAME_TAGS
    return True


def _word_frequency(word: str) -> int:
    import jieba

    return jieba.dt.FREQ.get(word) or 0


def _cut(text: str) -> list[str]:
    import jieba

    _word_tags()
    return jieba.lcut(text, HMM=False)


@functools.cache
def _word_tags() -> dict[str, str]:
    import logging

    import jieba
    import jieba.posseg

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    return jieba.posseg.dt.word_tag_tab


def key_of(name: str) -> str:
    key = name
    for tail in _GENERIC_TAILS:
        if key.endswith(tail) and len(key) - len(tail) >= MIN_NAME:
            key = key[: -len(tail)]
    return key


def extract_places(text: str, limit: int = 6) -> list[Place]:
    """The places named in ``text``, in order of first mention, at most ``limit``; a name inside a longer one
    found at the same spot ("丽发新城" in "丽发新城小区") is kept once, as the longer."""
    found: list[Place] = []
    seen: set[str] = set()
    for segment in re.split(r"[，。！？；：、,.!?;:\s()（）\"“”'‘’《》【】\[\]<>]+", normalise(text)):
        matches = list(_SUFFIX_RE.finditer(segment))
        for i, match in enumerate(matches):
            nxt = matches[i + 1] if i + 1 < len(matches) else None
            if (nxt is not None and nxt.start() == match.end() and nxt.group(1) in SPECIFIC_SUFFIXES
                    and not _ADMIN_RE.fullmatch(match.group(1))):
                continue  # "丽发新城|小区": take the whole at the next suffix
            stem = _left_name(segment, match.start())
            if len(stem) < MIN_NAME or _BAD_NAMES.match(stem):
                continue
            if not _may_end(stem, match.group(1)):
                continue
            name = stem + match.group(1)
            key = key_of(name)
            if len(key) < MIN_NAME or _BAD_NAMES.match(key) or key in seen:
                continue
            seen.add(key)
            weight = 1 if match.group(1) in ROAD_SUFFIXES else 2
            found.append(Place(name=name, key=key, weight=weight))
            if len(found) >= limit:
                return found
    return found
