"""What a written answer says, read with rules: the stock phrases of official replies set aside, does the rest give
a basis (law, policy, a rule), the facts found, the reasons, and does it tell the resident what they can do next?

The patterns are the general vocabulary of Chinese administrative answers (信访工作条例 第三十二条: an answer states
the request, the facts and reasons, the decision and its legal basis; 第三十五条: the right to ask for 复查), not
words collected from any data set.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

MAX_CHARS = 20_000

# --- stock phrases of official replies -----------------------------------------------------------------------------

_SENTENCE_SPLIT = re.compile(r"[。！!？?；;\n\r]+")
_SPACES = re.compile(r"[\s\u3000\xa0]+")
_SALUTATION = re.compile(
    r"^(尊敬的|亲爱的)?(网友|市民|群众|来信人|信访人|诉求人|同志|先生|女士|朋友|您|你)?[“\"「]?[\w\-]{0,24}?[”\"」]?"
    r"(同志|先生|女士)?[:：，,]?(您好|你好)[!！，,：:]?"
)
_LEADING_NAME = re.compile(r"^(尊敬的|亲爱的)?(网友|市民|群众|来信人|信访人|诉求人)?[“\"「][\w\-]{1,24}[”\"」][:：，,]?")
_ACKNOWLEDGED = re.compile(r"(收悉|已阅|已收到|收到了?您的|来信收到|来电收到)")
_ANSWER_FOLLOWS = re.compile(r"(回复|答复|回应|说明)如下")
_COURTESY = re.compile(r"(感谢|谢谢|欢迎|祝您|祝你|敬请|再次感谢|理解和支持|支持和理解|关心和支持|关注和支持|监督和支持)")
_FORWARDED = re.compile(
    r"(已|现|予以|我们已|我办已)?(转|转交|转至|转给|转送|转办|交由|交办|移交|批转)[^。，,]{0,30}"
    r"(办理|处理|核实|核查|核处|办复|答复|回复|反馈|调查|研究|落实|解决|跟进)"
)
_WILL_ANSWER_LATER = re.compile(r"(待|等)[^。]{0,20}(后|再)[^。]{0,10}(回复|答复|反馈)|(将|会)(及时|尽快)?(回复|答复|反馈)")
_TAKEN_SERIOUSLY = re.compile(r"(高度重视|非常重视|十分重视|立即组织|认真研究|认真对待|积极行动)")
_IN_PROGRESS = re.compile(r"(正在|正|已在)[^。，,]{0,12}(处理|办理|调查|核实|核查|协调|研究|跟进)(中|当中|之中)?$|请(您)?耐心等待")
_DATE_ONLY = re.compile(r"^[\w（）()·\-]{0,30}?\d{2,4}[年.\-/]\d{1,2}[月.\-/]\d{1,2}日?$")
_ORG_ONLY = re.compile(r"^[\w（）()·]{2,30}(局|办|办公室|委员会|政府|中心|街道办事处|处|科|所|队|院|公司)$")

# --- what makes an answer explain itself ------------------------------------------------------------------------------

_DOC = r"(法|条例|规定|办法|细则|意见|通知|决定|标准|规范|规划|方案|纲要|目录|指南|批复|公告|通告|制度|规则|守则|章程|合同|协议|约定)"
BASIS = re.compile(
    r"《[^》]{0,60}" + _DOC + r"(（[^）]{1,10}）|\([^)]{1,10}\))?》"
    r"|(根据|依据|按照|依照|参照|遵照|遵循|对照|按|依)[^。；;！!？?]{0,50}?("
    + _DOC[1:-1]
    + r"|要求|政策|标准|精神|文件|法律|法规|程序|原则)"
    r"|[\[〔（(【]\d{4}[\]〕）)】]\d{1,4}号"
    r"|第[一二三四五六七八九十百零〇\d]+(条|款|项)"
    r"|(有关|相关|法律|政策|国家|省|市|县|区|文件)的?(规定|要求)"
    r"|法律法规|政策(规定|要求|文件|标准)|文件(精神|要求|规定)"
    r"|(不)?符合[^。；;]{0,20}(条件|规定|要求|标准|政策)"
    r"|(如果|如|若|凡是?|对于|属于)[^。；;，,]{1,30}?(的|者)?[，,]?[^。；;]{0,20}?(可以|可|应当|应|须|需|必须|不能|不得|不予|予以|则)"
    r"|(均可|只能|才能|无需|无须|不需要|不需|不得|必须|应当)[^。；;]{2,}"
)
# "如有疑问，可以……" and "如对答复不满意，可以……" are next steps, not rules.
_NOT_A_RULE = re.compile(r"(如|若|如果)(您|你)?[^。；;，,]{0,4}(有|对)[^。；;]{0,20}(疑问|问题|异议|不满意|不服|意见|建议|困难)")
FACTS = re.compile(
    r"经[^，。；;,]{0,15}?(查|核实|核查|调查|了解|勘察|勘查|察看|查看|检查|检测|监测|测量|走访|排查|比对|"
    r"审核|复核|调阅|询问|鉴定|评估|确认|测算|统计|协调|调解|查询|咨询|实地|现场)"
    r"|调查(发现|显示|表明|结果)|(现场|实地|上门|入户)(查看|检查|勘察|勘查|核实|调查|察看|检测|走访|核查|踏勘)"
    r"|(情况|反映的问题|问题)(基本)?(属实|不属实)|(基本)?属实|不属实|(未|没有)?发现|确(实)?(存在|有)|(目前|现)(已|正|尚)?(查明|掌握)"
)
MEASURES = re.compile(
    r"(目前|现已|现在|已经|已于|已|正在|正|将于|将|计划|预计|拟|下一步|下阶段|今后|近期|年内|年底|月底|今年|明年|当场|多次"
    r"|我(局|队|办|委|院|所|中心|街道|镇|乡|县|区|市|们|单位|司|部|厅|站)|工作人员|执法人员)"
    r"[^。；;]{0,30}?(完成|办理|通知|下达|告知|劝导|整治|巡查|检查|开工|竣工|通车|开通|建成|投入使用|整改|拆除|清理|清除|修复|维修|修缮|处理|处罚|罚款|查处|立案|"
    r"责令|督促|约谈|协调|落实|发放|支付|补发|退还|退费|调整|实施|出台|印发|启动|纳入|列入|制定|开展|召开|解决|恢复|更换|"
    r"增设|设置|安装|加强|取缔|关停|停止|暂停|规范|审批|受理|办结|签订|达成|赔偿|补偿|安置)"
)
REASON = re.compile(
    r"因为|由于|原因(是|在于|为|系)?|鉴于|因此|所以|之所以|因而|故此|是因|系因"
    r"|因[^此为而。，,；;]{2,20}[，,]?[^。；;]{0,20}?(被|无法|不能|未能|暂|需|须|而)"
    r"|受[^。，,；;]{1,20}(影响|限制|制约)|考虑|为了|为(做好|更好|妥善|进一步|确保|保障|保证|避免|防止|减少)|以免|目的是|以便"
)
NEXT_STEPS = re.compile(
    r"复查|复核|行政复议|行政诉讼|提起诉讼|向[^。；;]{0,20}(人民法院|法院)[^。；;]{0,10}(起诉|提起|申请)|申请(劳动)?仲裁|劳动仲裁"
    r"|(可以|可|请|您可|你可|建议您?|欢迎您?)[^。；;]{0,30}?(向|到|拨打|致电|联系|咨询|登录|申请|前往|携带|提出|反映|来电|来访)"
    r"|(咨询|联系|服务|投诉|举报|监督)(电话|热线|方式)|热线|12345|12348|12333|12315|12369|联系人"
    r"|(如|若|如果)(您|你)?[^。；;，,]{0,4}(有|对)[^。；;]{0,20}(疑问|问题|异议|不满意|不服|意见|建议|困难)"
)


def normalise(text: str | None) -> str:
    """NFKC (full-width letters and digits to ASCII), clipped to MAX_CHARS."""
    return unicodedata.normalize("NFKC", (text or "")[:MAX_CHARS])


def _compact(sentence: str) -> str:
    return _SPACES.sub("", sentence)


def _has_content_signal(sentence: str) -> bool:
    return bool(BASIS.search(sentence) or FACTS.search(sentence) or REASON.search(sentence) or MEASURES.search(sentence))


def is_stock_phrase(sentence: str) -> bool:
    """A sentence every reply could carry whatever was asked: greeting, receipt, thanks, "forwarded to ...",
    "we will answer later", "we take it seriously", a date or a signature."""
    s = _compact(sentence)
    s = _SALUTATION.sub("", s, count=1)
    s = _LEADING_NAME.sub("", s, count=1)
    if len(s) < 4 or _DATE_ONLY.match(s) or _ORG_ONLY.match(s):
        return True
    if _ACKNOWLEDGED.search(s) and len(s) < 40:
        return True
    if _ANSWER_FOLLOWS.search(s) and len(s) < 40:
        return True
    if _COURTESY.search(s) and len(s) < 60 and not _has_content_signal(_COURTESY.split(s)[0]):
        return True
    if _FORWARDED.search(s) and not (BASIS.search(s) or REASON.search(s) or FACTS.search(s)):
        return True
    if _WILL_ANSWER_LATER.search(s) and not (BASIS.search(s) or REASON.search(s) or FACTS.search(s)):
        return True
    if _IN_PROGRESS.search(s) and len(s) < 40:
        return True
    return bool(_TAKEN_SERIOUSLY.search(s) and len(s) < 40)


def substantive_sentences(text: str) -> list[str]:
    """The sentences of `text` that are not stock phrases, whitespace removed."""
    kept = []
    for sentence in _SENTENCE_SPLIT.split(normalise(text)):
        if not is_stock_phrase(sentence):
            cleaned = _LEADING_NAME.sub("", _SALUTATION.sub("", _compact(sentence), count=1), count=1)
            if cleaned:
                kept.append(cleaned)
    return kept


@dataclass(frozen=True)
class Explanation:
    """The passages of an answer that give its basis, the facts found, the handling, and the reasons."""

    basis: list[str] = field(default_factory=list)
    facts: list[str] = field(default_factory=list)
    measures: list[str] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)

    @property
    def explains(self) -> bool:
        return bool(self.basis or self.facts or self.reasons or self.measures)


def _snippets(pattern: re.Pattern[str], sentences: list[str], *, exclude: re.Pattern[str] | None = None,
              limit: int = 3) -> list[str]:
    found: list[str] = []
    for sentence in sentences:
        match = pattern.search(sentence)
        if match is None or (exclude is not None and exclude.search(match.group(0))):
            continue
        start = max(0, match.start() - 8)
        snippet = sentence[start:match.end() + 16]
        found.append(("…" if start else "") + snippet + ("…" if match.end() + 16 < len(sentence) else ""))
        if len(found) >= limit:
            break
    return found


def explanation_in(text: str) -> Explanation:
    """Basis, facts, handling and reasons found in the substantive sentences of an answer."""
    sentences = substantive_sentences(text)
    return Explanation(
        basis=_snippets(BASIS, sentences, exclude=_NOT_A_RULE),
        facts=_snippets(FACTS, sentences),
        measures=_snippets(MEASURES, sentences),
        reasons=_snippets(REASON, sentences),
    )


def next_steps_in(text: str) -> list[str]:
    """Passages telling the resident what they can do next (复查, a phone number to call, where to apply)."""
    sentences = [_compact(s) for s in _SENTENCE_SPLIT.split(normalise(text)) if s.strip()]
    return _snippets(NEXT_STEPS, sentences)
