"""What a request is about: the places it names and its key terms (jieba for words and parts of speech, cpca for
administrative names), and whether an answer mentions them."""
from __future__ import annotations

import logging
import re
import threading
import unicodedata
from dataclasses import dataclass, field

MAX_CHARS = 5_000
MAX_TERMS = 8

# Words that end a place name: administrative units, estates, streets, buildings and sites.
PLACE_SUFFIXES = (
    "省", "市", "县", "区", "镇", "乡", "街道", "社区", "村", "组", "小区", "花园", "家园", "公寓", "苑", "园", "庭", "府",
    "大厦", "广场", "市场", "商场", "路", "街", "大道", "巷", "弄", "桥", "站", "学校", "中学", "小学", "幼儿园", "医院",
    "卫生院", "公园", "工地", "厂", "段", "幢", "栋", "号楼", "单元",
)
ADMINISTRATIVE_SUFFIXES = ("省", "市", "县", "区", "镇", "乡", "街道", "社区", "村")
# A suffix word on its own names no particular place.
GENERIC_PLACES = {
    "小区", "社区", "街道", "城区", "市区", "郊区", "景区", "园区", "校区", "辖区", "片区", "农村", "乡村", "山村", "城市", "县城",
    "道路", "马路", "公路", "线路", "思路", "出路", "门路", "本市", "我市", "全市", "本县", "我县", "全县", "本区", "我区",
    "超市", "城乡", "家园", "公园", "车站", "医院", "学校", "工地", "市场", "小学", "中学", "幼儿园", "楼栋", "单元", "村组",
    "该村", "该小区", "本村", "我村", "全村", "同村", "邻村",
}
# Parts of speech that may form part of a place name (nouns, names, numbers, letters, a few adjectives).
NAME_FLAGS = ("n", "nr", "ns", "nt", "nz", "nrt", "nrfg", "m", "eng", "a", "j", "l", "q", "b")
TERM_POS = ("n", "nz", "vn", "nt", "nrt", "j", "l", "an")
# Words too general to show that an answer speaks to this request.
GENERIC_TERMS = {
    "问题", "情况", "部门", "有关部门", "相关部门", "领导", "政府", "工作", "群众", "居民", "网友", "市民", "百姓", "老百姓",
    "时间", "现在", "目前", "事情", "事项", "单位", "人员", "工作人员", "地方", "方面", "东西", "反映", "要求", "希望",
    "诉求", "回复", "答复", "处理", "解决", "办理", "谢谢", "感谢", "请问", "咨询", "投诉", "举报", "建议", "关注", "支持",
    "有关", "相关", "影响", "大家", "我们", "他们", "今年", "去年", "每天", "一直", "多次", "至今", "已经", "情况下",
}

_init_lock = threading.Lock()
_ready = False


def _ensure_ready() -> None:
    global _ready
    if _ready:
        return
    with _init_lock:
        if not _ready:
            import jieba

            jieba.setLogLevel(logging.WARNING)
            jieba.initialize()
            _ready = True


def _clean(text: str) -> str:
    return unicodedata.normalize("NFKC", (text or "")[:MAX_CHARS])


def _ends_with_suffix(word: str) -> str:
    for suffix in sorted(PLACE_SUFFIXES, key=len, reverse=True):
        if word.endswith(suffix):
            return suffix
    return ""


def _place_core(place: str) -> str:
    """The distinctive part of a place: "柳湾小区" -> "柳湾", "潇楚南路" -> "潇楚南"."""
    suffix = _ends_with_suffix(place)
    core = place[: -len(suffix)] if suffix else place
    return core if len(core) >= 2 else place


def _split_administrative(place: str) -> list[str]:
    """"A2区景蓉华苑" -> ["A2区", "景蓉华苑"]: a name with an administrative unit inside is split after the unit."""
    parts = re.split(r"(?:(?<=[省市县区镇乡村])|(?<=街道|社区|小区))(?=[\u4e00-\u9fff0-9A-Za-z]{2,})", place)
    return [p for p in parts if p]


def administrative_names(text: str) -> set[str]:
    """Province, city and district names in `text`, as written there (cpca recognises them)."""
    text = _clean(text)
    if not text.strip():
        return set()
    import cpca

    names: set[str] = set()
    try:
        frame = cpca.transform([text])
    except Exception:  # an address parser failing must not stop the check
        return names
    for column in ("省", "市", "区"):
        value = frame.iloc[0].get(column)
        if isinstance(value, str) and value:
            for form in (value, value[:-1] if len(value) > 2 else value):
                if form in text:
                    names.add(form)
    return names


def places_in(text: str) -> list[str]:
    """Place names in `text`, most specific first: "柳湾小区", "洋湖段", "东坪村" ... (administrative names that cpca
    recognises as province, city or district come last)."""
    _ensure_ready()
    import jieba.posseg as pseg

    text = _clean(text)
    tokens = [(t.word, t.flag) for t in pseg.lcut(text)]
    found: list[str] = []
    for index, (word, flag) in enumerate(tokens):
        suffix = _ends_with_suffix(word)
        if not suffix and flag != "ns":
            continue
        if not suffix and flag == "ns":
            # a place-name token followed by a suffix word is handled at that suffix
            following = tokens[index + 1][0] if index + 1 < len(tokens) else ""
            if following in PLACE_SUFFIXES:
                continue
        start, length = index, len(word)
        while start > 0 and index - start < 3:
            previous, previous_flag = tokens[start - 1]
            if not previous.strip() or not previous_flag.startswith(NAME_FLAGS) or length + len(previous) > 14:
                break
            if previous_flag == "m" and not re.fullmatch(r"[0-9A-Za-z一二三四五六七八九十]+", previous):
                break
            start -= 1
            length += len(previous)
        place = "".join(w for w, _f in tokens[start:index + 1])
        for part in _split_administrative(place):
            suffix = _ends_with_suffix(part)
            core = part[: -len(suffix)] if suffix else part
            if part not in GENERIC_PLACES and len(core) >= 2 and not core.isdigit() and part not in found:
                found.append(part)
    # "柳湾小区" and "柳湾小区3幢": the shorter is enough to recognise the place in an answer
    found = [p for p in found if not any(other != p and other in p for other in found)]
    administrative = {a for a in administrative_names(text) if len(a) >= 2}
    administrative = {a for a in administrative if not any(o != a and o.startswith(a) for o in administrative)}
    specific = [p for p in found if p not in administrative]
    general = [p for p in found if p in administrative] + sorted(a for a in administrative if a not in found)
    return specific + general


def key_terms(*, title: str, narrative: str, exclude: set[str] | None = None) -> list[str]:
    """The request's key nouns: the title's first, then the whole text's (jieba TF-IDF), without places and without
    words that every request shares."""
    _ensure_ready()
    import jieba.analyse

    exclude = exclude or set()
    terms: list[str] = []

    def add(words: list[str]) -> None:
        for word in words:
            word = word.strip()
            if (len(word) < 2 or word in GENERIC_TERMS or word in terms or word.isdigit()
                    or any(word in place or place in word for place in exclude)):
                continue
            terms.append(word)

    add(jieba.analyse.extract_tags(_clean(title), topK=4, allowPOS=TERM_POS))
    add(jieba.analyse.extract_tags(_clean(f"{title}\n{narrative}"), topK=MAX_TERMS * 2, allowPOS=TERM_POS))
    return terms[:MAX_TERMS]


def _bigrams(text: str) -> set[str]:
    return {text[i:i + 2] for i in range(len(text) - 1)}


def mentions_place(answer: str, place: str) -> bool:
    """The answer names the place, its core name, or most of it (a slip of one character is forgiven)."""
    answer = _clean(answer)
    if place in answer:
        return True
    core = _place_core(place)
    if len(core) >= 2 and core in answer:
        return True
    grams = _bigrams(core)
    return len(core) >= 3 and bool(grams) and len(grams & _bigrams(answer)) * 2 >= len(grams)


def mentions_term(answer: str, term: str) -> bool:
    answer = _clean(answer)
    return term in answer or (len(term) >= 3 and (term[:2] in answer and term[-1] in answer))


@dataclass(frozen=True)
class Subjects:
    """What a request is about."""

    places: list[str] = field(default_factory=list)
    terms: list[str] = field(default_factory=list)


def subjects_of(*, title: str, narrative: str) -> Subjects:
    places = places_in(f"{title}\n{narrative}")
    return Subjects(places=places[:6], terms=key_terms(title=title, narrative=narrative, exclude=set(places)))
