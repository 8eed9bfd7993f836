"""Crisis-language detector: suicide / self-harm and harm-to-others talk.

Works out of the box with a hand-written lexicon of crisis expressions (this
file), with idiom/hyperbole exclusions ("跳楼价", "笑死", "烧死蚊子" ...) and
negation handling ("不会自杀", "防止轻生").  Optionally a :class:`CrisisModel`
trained at run time on the user's own labelled texts (for instance crisis posts
plus ordinary complaints as negatives) is combined with the lexicon: a text is
flagged when either flags it.  The model alone flags a text only when the text
also holds a cue of its own (:func:`model_cues`: death or self-harm words, a
farewell, first-person distress) that is not negated, masked as an idiom or
about an animal or a plant: a model that learned the genre of crisis posts
cannot flag "今年夏天热死了" or "鱼苗死了一大半".

Complaints are long and mention hardship, other people's tragedies and threats
they received, so the lexicon scores cautiously: a phrase counts once however
often it is repeated, weak cues add up only when written close together, a
bare act ("跳楼", "自杀") is strong only with a cue that someone means it, and
an unnamed someone ("有人想跳楼") makes a report about others.

``detect(text)`` returns a :class:`CrisisResult` ``(is_crisis, score, reasons, kind)``
that also unpacks as a plain 4-tuple.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

from .crisis_plain import EXCLUDE as PLAIN_EXCLUDE
from .crisis_plain import PLAIN_DANGER
from .text import clip, normalize

SELF_HARM = "self_harm"
HARM_OTHERS = "harm_others"
THRESHOLD = 0.5
LEXICON_MAX_CHARS = 50_000

# --- lexicon ---------------------------------------------------------------
# (kind, weight, pattern).  Weights are probabilities that the match alone
# means a crisis; several matches combine as 1 - prod(1 - w).

_INTENT = r"(?:要|就|去|想|准备|打算|扬言|威胁|声称|说要|宁可|宁愿|大不了|干脆|不如|只能|只有|只好|还不如|逼我|逼得我)"
_PERSON = r"(?:他|她|你|我|谁|他们|她们|你们|我们|它们|那个|这个|这家|那家|全家|一家|村长|老板|包工头|书记|主任|对方)"

_LEXICON: list[tuple[str, float, str]] = [
    # wish to die / not wanting to live
    (SELF_HARM, 0.9, r"不想(?:再)?活(?:了|下去|着)?"),
    (SELF_HARM, 0.9, r"(?:实在|真的|已经|快|都)?(?<!生)活不下去"),
    (SELF_HARM, 0.35, r"(?:生活|日子)(?:实在|真的|已经|快)?(?:过|活)?不下去"),
    (SELF_HARM, 0.85, r"(?:没法|无法|没办法|不能再)活(?:了|下去)"),
    (
        SELF_HARM,
        0.9,
        r"不活了|活够了|活腻了|(?<!生)不如死了|还不如死|死了算了|死了倒好|一死了之|死了就(?:好了|解脱了?|一了百了)|(?:还)?活着干(?:什么|嘛|啥)",
    ),
    (
        SELF_HARM,
        0.8,
        r"活着(?:还|也|又|都|真|太|实在|真的)?(?:有什么|没有?什么|没有?|毫无)(?:意思|意义|盼头|希望)|想好了?怎么死|(?:想着|想)怎么死|(?:各种|很多种|好几种)死法",
    ),
    (SELF_HARM, 0.6, r"(?:想|要)(?:结束|离开)(?:这一切|这个世界|人世)|永别了"),
    (SELF_HARM, 0.45, r"活着(?:好|太|真)(?:累|难|痛苦)|安眠药"),
    (SELF_HARM, 0.45, r"生不如死|一了百了|想不开|刀片|(?:撑|扛)不住了"),
    (
        SELF_HARM,
        0.85,
        r"不想(?:再)?做人|下辈子(?:不要|不想|再也不)|(?:划|割)(?:手腕|手臂|胳膊|腕)|(?:想|求|想要)解脱|自我了结|不想(?:再)?存在|不配活着",
    ),
    (SELF_HARM, 0.45, r"人间不值得|活着的意义|没有意义了|去天堂|想消失"),
    (SELF_HARM, 0.45, r"(?:手腕|手臂|胳膊)上?(?:有|的)?.{0,6}(?:伤口|伤痕|刀痕|疤)"),
    (SELF_HARM, 0.9, r"(?:好|真|的|很|特别|非常|我|就|都)想死|想去死|想要死|求死|寻短见"),
    # where the person is now: on a roof, a bridge, a river bank ("我已经在楼顶了"), or about to jump ("我马上就跳")
    (
        SELF_HARM,
        0.85,
        r"(?:我|他|她)(?:已经|现在|正|就)(?:就)?(?:站|坐|爬|蹲|走)?(?:在|到|上)了?[^，。！？；,.!?;]{0,6}?"
        r"(?:楼顶|顶楼|天台|塔吊|屋顶|房顶|窗台|窗外|阳台外|桥上|桥栏|大桥|河边|江边|湖边|海边|水库边|铁轨)"
        r"|我[^，。！？；,.!?;]{0,4}(?:马上|现在|这就|立刻|今晚|今天)就?要?跳(?![舞绳槽闸高远过起广])",
    ),
    (SELF_HARM, 0.85, r"(?:打开|开着|开了|拧开)煤气|煤气(?:阀)?(?:已经)?(?:打开|开着|开了)"),
    (
        SELF_HARM,
        0.85,
        r"(?:吞|吃|喝|服)(?:了|下)?(?:一整?瓶|一大把|整瓶|好多|很多)(?:安眠)?药|(?:吞|服)了安眠药",
    ),
    (SELF_HARM, 0.45, r"(?:去|找)死"),
    (
        SELF_HARM,
        0.9,
        r"死给(?:你|他|她|你们|他们|她们|大家)看|以死(?:相逼|明志|抗争|维权|谢罪)|死在(?:你们|他们|他家|她家|政府|门口|这里|法院|村委)",
    ),
    (SELF_HARM, 0.9, r"自我了断|了结(?:自己|此生|生命|残生)|结束(?:自己的?)?生命"),
    (SELF_HARM, 0.75, r"离开这个世界|告别这个世界|不想留在这个世界|这个世界再见|不想醒来|永远睡去|长眠不醒"),
    (SELF_HARM, 0.9, r"吊死自己"),
    (
        SELF_HARM,
        0.85,
        r"从.{0,8}(?:楼|楼顶|顶楼|天台|阳台|桥|塔吊|屋顶|房顶|窗户|窗口)上?跳下|(?:楼顶|顶楼|天台|阳台|塔吊|屋顶|房顶|窗户|窗口)上?(?:跳下|往下跳)|"
        + _INTENT
        + r".{0,4}跳下去",
    ),
    (SELF_HARM, 0.9, r"(?:喝|吃|吞|服)(?:了|下)?(?:农药|敌敌畏|百草枯|老鼠药|毒鼠强|毒药|安眠药|一整?瓶药)"),
    (SELF_HARM, 0.85, _INTENT + r".{0,3}(?:喝药|吞药|撞墙|撞车|寻死)"),
    (SELF_HARM, 0.85, r"(?:宁可|宁愿|大不了|干脆|(?<!生)不如|只能|只有|只好|还不如|逼我|逼得我).{0,3}死"),
    (SELF_HARM, 0.9, r"写(?:好|了)?遗书|留下?遗书|遗书[^，。！？；,.!?;]{0,6}写(?:好|完)"),
    (SELF_HARM, 0.45, r"交代后事|准备后事|安排后事"),
    (SELF_HARM, 0.3, r"遗书|遗言"),
    (SELF_HARM, 0.35, r"(?:撑|熬|坚持|挺)不下去|活不下来|没有?活路|没有?生路|怎么活下去"),
    (SELF_HARM, 0.3, r"解脱|绝望|了无生趣|心如死灰|死掉"),
    (SELF_HARM, 0.2, r"走投无路|无路可走|崩溃|抑郁|叫我们?怎么活|让我们?怎么活"),
    # harm to others
    (
        HARM_OTHERS,
        0.95,
        r"同归于尽|一起死|一块死|一块儿死|一起去死|血债血偿|报复社会|恨不得杀|想杀人|(?:要|想)杀了",
    ),
    # "鱼死网破", "跟他拼了", "拼个你死我活", "杀人的心都有" are anger or determination (about money, most often),
    # not a crisis: they are masked (see _VENTING) and may only be shown to the handler as a note on tone
    (HARM_OTHERS, 0.4, r"陪葬|垫背|炸药|纵火"),
    (
        HARM_OTHERS,
        0.9,
        r"(?:杀|砍|捅|剁|弄死|打死|掐死|毒死|烧死|撞死|砍死|捅死|宰了|灭了)了?" + _PERSON,
    ),
    (
        HARM_OTHERS,
        0.85,
        r"要(?:他|她|你|他们|你们)的命|让(?:他|她|你|他们|你们)(?:去死|死|见血|躺着出去|横着出去)|(?:要|让|叫)(?:他|她|你|他们)偿命",
    ),
    (HARM_OTHERS, 0.35, r"杀人|砍人|捅人|偿命|整死"),
    (HARM_OTHERS, 0.85, r"(?:让|叫|要)[^，。！？；,.!?;]{0,6}偿命"),
    (
        HARM_OTHERS,
        0.9,
        r"把(?:他|她|你|他们|你们|对方|那个人|他们家|他家|她家)[^，。！？；,.!?;]{0,6}(?:杀|砍|捅|弄死|打死|宰|剁)了",
    ),
    # a weapon carried to someone or got ready ("带刀去找他", "磨好了刀", "手里拿着刀")
    (
        HARM_OTHERS,
        0.85,
        r"(?:提|拿|带|揣|握)(?:着|了|上|好)?(?:刀|菜刀|斧头|砍刀|尖刀|匕首|刀子|汽油)[^，。！？；,.!?;]{0,4}(?:去|找|到|上|冲|追|等)"
        r"|磨(?:好|快)了?(?:刀|菜刀|斧头|砍刀)|(?:刀|斧头|砍刀|汽油)(?:已经|都)?(?:磨好|磨快|准备好|买好|藏好)"
        r"|手里(?:拿|握|提)着(?:刀|菜刀|斧头|砍刀|尖刀|匕首|刀子)|手里有(?:刀|斧头)",
    ),
    (
        HARM_OTHERS,
        0.85,
        r"(?:泼|浇|倒)(?:了)?(?:汽油|柴油|硫酸)|炸死(?:他|她|你)|炸了(?:他|她|你|这|那|政府|村委)|引爆|放火烧|一把火烧了|点火烧",
    ),
    (HARM_OTHERS, 0.45, r"(?:提|拿|带|磨)(?:着|了|好)?(?:刀|菜刀|斧头|砍刀|铁锹|棍子)"),
    (HARM_OTHERS, 0.3, r"报复"),
]

_LEXICON += PLAIN_DANGER  # issue 11: plain danger in dispute wording (see .crisis_plain)

# Self-harm acts named bare ("跳楼", "自杀") count as strong only with a cue that
# the person means it or has tried: an intent or time word shortly before ("他就跳江",
# "想带着孩子一起跳河", "扬言要在门口服毒", "今晚一起烧炭"), "我" right before, or
# "未遂" / "念头" / "算了" right after.  Without one they are mostly reports of what
# happened to someone else ("引发…投河", "差点轻生", news of a suicide) and
# count as a weak cue only.
_ACTS = re.compile(
    r"自杀|轻生|自尽|自残|自伤|自缢|割腕|割脉|(?<![柱塔车机架])上吊(?![装卸运篮])|卧轨|烧炭|服毒"
    r"|跳楼|跳河|跳江|跳海|跳湖|跳桥|跳水库|投河|投江|寻死|走上?绝路"
)
ACT_WEIGHT = 0.9
ACT_WEIGHT_WITHOUT_CUE = 0.45
_ACT_CUE_BEFORE = re.compile(
    r"(?:" + _INTENT + r"|逼|欲|企图|试图|曾经?|多次|几次|一起|一块|今晚|今天|明天|马上|现在)"
    r"[^，。！？；,.!?;]{0,6}$|(?:我|我们|我会|他会|她会)$"
)
_ACT_CUE_AFTER = re.compile(r"^(?:未遂|过|的?念头|的?想法|的?倾向|给|算了|了之|了事|吧)")
WINDOW_CHARS = 50
"""Cues further apart than this do not add up: a weak word at the start of a long
complaint and another at its end are not one crisis statement."""
MAX_HITS = 400

# anger, determination and lawful intentions that borrow words of violence: never a crisis (信访工作条例
# 第十八条: no retaliation against petitioners); masked before the lexicon and a trained model see the text
_VENTING = (
    r"(?:拼个)?鱼死网破|(?:拼个|斗个|争个)?你死我活|(?:跟|和|与)?(?:他|她|你|他们|你们|对方|村里|公司|老板)?拼(?:了|命|到底)"
    r"(?:这条老?命)?|豁出(?:去|这条老?命)|拼着这把老骨头|杀人的心都有|死磕|死也要(?:讨|告|要|争)|没完没了|跟他没完"
    r"|不得好死|让(?:他|她|你)好看|走着瞧|遭报应|恨死|气死"
)
# phrases that contain crisis words but are ordinary language; masked first
_EXCLUDE = re.compile(
    _VENTING + r"|" + PLAIN_EXCLUDE + r"|"
    r"跳楼(?:价|甩卖|大甩卖|大减价|清仓|机|式降价|式)|自杀式|防(?:止|范)?(?:自杀|轻生|跳楼)|预防(?:自杀|轻生)"
    r"|(?:自杀|轻生|跳楼)(?:事件|案例|率|干预|预防)|心理危机|危机干预|死胡同|死角|死机|死亡率|死缓|死刑"
    r"|(?:笑|热|累|烦|吵|堵|气|急|吓|臭|冷|冻|困|忙|渴|痛|疼|闷|憋|丑|美|馋|挤|晒)死(?:了|人|我了|啦)?"
    r"|(?:蚊子|苍蝇|老鼠(?!药)|蟑螂|害虫|虫子|杂草|树苗|鱼苗)|杀虫|杀菌|杀毒|消杀|灭火|灭蚊|灭鼠|砍价|砍树|杀价|捅破"
    r"|年轻生|慢性自杀|(?:自杀|自残|跳楼|上吊|投河|服毒|自缢)(?:身亡|自残)?(?:事件|案)"
    r"|(?:自杀|跳楼|跳河|上吊|投河|服毒|自缢|喝农药|喝药)(?:自杀)?(?:身亡|死亡)|寻死觅活|(?:想|要)?让(?:他|她|你|我|人)们?(?:活|死)就(?:活|死)|天堂(?=[镇乡村路街寨山湖岛])"
    r"|解脱出来|宁可站着死|宁为玉碎|等着?死|活不活|磨刀不误|杀人不见血|杀人于无形|杀人凶手|杀人犯|杀人纵火案|变相的?杀人"
    r"|打击报复|遭到?报复|被报复|怕报复|得要死|要死不活|炸鸡|油炸|炸串|炸酱|爆炸(?:性|案)?"
    r"|一起死亡|死者|致死|病死|猝死|淹死|摔死|压死|撞死(?:了?(?:一|两|三|\d)(?:人|只|条|头))"
)
_NEGATION = re.compile(
    r"(?:不会|不要|不能|不许|别|没有|没|并未|未曾|从未|从没|不是|并非|防止|预防|避免|劝|以免|不至于|谈不上|杜绝|严禁|禁止)"
    r"(?![逼人])[^，。！？；,.!?;]{0,3}$"
)
_VICTIM = re.compile(r"(?:被|差点|险些|几乎|差一点)[^，。！？；,.!?;]{0,3}$")
# an unnamed someone in the same clause ("有人想跳楼", "个别工人喝农药"): a report
# about others, not the speaker's or a party's own words; self-harm cues count half
_INDEFINITE = re.compile(
    r"(?:(?<![没还])有(?:人|的人?|员工|职工|工人|业主|学生|家长|村民|群众|老人|病人|患者)"
    r"|个别|一些人|部分人|不少人|许多人|很多人|多少人)[^，。！？；,.!?;]{0,12}$"
)
INDEFINITE_FACTOR = 0.5
_PUNCT = re.compile(r"[，。！？；,.!?;:：、\s]")

_ACT_GROUP = len(_LEXICON)
# (group, kind, weight, pattern), strongest first; a group is one lexicon entry
_COMPILED = sorted(
    [(i, kind, w, re.compile(p)) for i, (kind, w, p) in enumerate(_LEXICON)]
    + [(_ACT_GROUP, SELF_HARM, ACT_WEIGHT, _ACTS)],
    key=lambda t: -t[2],
)


class CrisisResult(NamedTuple):
    is_crisis: bool
    score: float
    reasons: list[str]
    kind: str | None


class _Hit(NamedTuple):
    group: int
    kind: str
    weight: float
    phrase: str
    start: int
    end: int


def _mask(text: str) -> str:
    return _EXCLUDE.sub(lambda m: "□" * len(m.group(0)), text)


# --- what a trained model sees, and what must back up its verdict ------------

_CLAUSE_CHAR = r"[^，。！？；,.!?;\s]"
# animals, plants and crops that die in ordinary complaints ("鱼苗死了一大半",
# "庄稼被烧死了", "点蚊香烧死蚊子"); "□" is a span masked already ("蚊子", "鱼苗")
_NON_HUMAN = (
    r"(?:蚊子|苍蝇|老鼠|蟑螂|虫|草|树|苗|鱼|虾|蟹|鸡|鸭|鹅|猪|羊|牛|兔|蜜蜂|蚕|禽|牲畜|牲口"
    r"|庄稼|稻|麦|玉米|棉花|蔬菜|青菜|白菜|菜地|花卉|鲜花|果树|水果|秧)"
)
_NON_HUMAN_DEATH = re.compile(
    rf"{_NON_HUMAN}{_CLAUSE_CHAR}{{0,4}}?死(?:了|光|掉|绝)?|(?<=□)死(?:了|光|掉|绝)?"
    rf"|(?:烧|毒|药|打|咬|淹|冻|闷|晒|旱|涝|踩|压|饿|渴)死(?:了|光|掉)?(?={_CLAUSE_CHAR}{{0,3}}(?:□|{_NON_HUMAN}))"
)
# Cues that can back up a model's verdict: death and self-harm words, farewells
# and last arrangements, first-person distress, threats.  They are deliberately
# broad (a cue alone flags nothing); what they leave out is an ordinary
# complaint whose only crisis-like word is an idiom, a dead animal or plant, or
# a negation.
_MODEL_CUES = re.compile(
    r"死|(?<![生干农灵快存成复激养])活(?:着|下去|不|够|腻|了|到|的|得|在|过|久)|(?:不想|想|能|要|别|怎么|咋)活"
    r"|自杀|轻生|自尽|自残|自伤|割腕|割脉|划手|烧炭|木炭|碳|绳子|上吊|卧轨|服毒|吞药|安眠药|安乐|头孢|唑仑|亚硝酸"
    rf"|农药(?!店|厂|化肥|残留|包装|经销|销售|喷洒|超标)|(?:喝|吃|吞|服)(?:了|下)?{_CLAUSE_CHAR}{{0,4}}药"
    r"|跳(?!舞|广场舞|槽|闸|过|绳|高|远|跳|动)|往下|扔下去"
    r"|遗书|遗言|遗体|后事|器官捐|去世|离去|离开|人世|人间|世界|天堂|地狱|天上|那边|消失|没了|等死|绝症"
    r"|走吧|走了|一起|带我走|带走我|把我.{0,2}带走|(?:今晚|今天|明天|马上|这就)就?走|陪你|找你|看你|我快来了"
    r"|拜拜|再见|永别|告别|晚安|后会无期|了无牵挂|最后|重开|解脱|一了百了|放弃|结束|准备|醒来|睡去|故意摔"
    r"|撑|熬|扛不|坚持不|受不了|受够|抑郁|崩溃|绝望|痛苦|难受|难过|伤心|悲伤|累|哭|刀|血|割|伤口|疤"
    rf"|杀|砍|捅|炸|报复|同归|拼了|拼命|汽油|火烧|放火|点火|敌敌畏|百草枯|老鼠药|毒鼠强|(?:要|偿){_CLAUSE_CHAR}{{0,3}}命"
    rf"|我{_CLAUSE_CHAR}{{0,8}}(?:不想|好想|想去|怕|害怕|没用|废物|失望|疯|不敢)"
)
# a cue right after one of these is denied, not said ("他不会自杀", "劝他别想不开");
# "会不会", "要不要", "能不能" ask rather than deny
_CUE_NEGATION = re.compile(
    r"(?:(?<!会)不会|(?<!要)不要|(?<!能)不能|不许|(?<![特分区级告识个类差性派])别|没有?想过|从未|从没|从来没有?"
    rf"|并非|不是|防止|预防|避免|劝|以免|杜绝|严禁|禁止)(?![逼人]){_CLAUSE_CHAR}{{0,3}}$"
)


def model_text(text: object) -> str:
    """What a trained model sees: the normalised text with the ordinary idioms
    ("跳楼价", "笑死", "烧死蚊子" ...) masked as for the lexicon, and deaths of
    animals and plants ("鱼苗死了", "庄稼被烧死了") masked too."""
    masked = _mask(normalize(text, 3000))
    return _NON_HUMAN_DEATH.sub(lambda m: "□" * len(m.group(0)), masked)


def model_cues(text: object) -> list[str]:
    """Cues in :func:`model_text` that can back up a trained model's verdict;
    empty when the text holds none that is not negated or masked."""
    s = model_text(text)
    return [
        m.group(0)
        for m in _MODEL_CUES.finditer(s)
        if not _CUE_NEGATION.search(s[max(0, m.start() - 8) : m.start()])
    ]


def _act_weight(masked: str, a: int, b: int) -> float:
    before = masked[max(0, a - 12) : a]
    if _ACT_CUE_BEFORE.search(before) or _ACT_CUE_AFTER.match(masked[b : b + 4]):
        return ACT_WEIGHT
    return ACT_WEIGHT_WITHOUT_CUE


def _hits(text: str) -> list[_Hit]:
    s = normalize(text, LEXICON_MAX_CHARS)
    if not s:
        return []
    masked = _mask(s)
    hits: list[_Hit] = []
    taken: list[tuple[int, int]] = []
    for group, kind, weight, rx in _COMPILED:
        for m in rx.finditer(masked):
            a, b = m.span()
            if any(a < e and s0 < b for s0, e in taken):
                continue  # overlaps a stronger, earlier pattern
            before = masked[max(0, a - 8) : a]
            if _NEGATION.search(before):
                continue
            if kind == HARM_OTHERS and _VICTIM.search(before):
                continue
            taken.append((a, b))
            w = _act_weight(masked, a, b) if group == _ACT_GROUP else weight
            if kind == SELF_HARM and _INDEFINITE.search(masked[max(0, a - 20) : a]):
                w *= INDEFINITE_FACTOR
            hits.append(_Hit(group, kind, w, s[a:b], a, b))
            if len(hits) >= MAX_HITS:
                return hits
    return hits


def lexicon_matches(text: str) -> list[tuple[str, float, str]]:
    """Distinct lexicon hits as ``(kind, weight, phrase)`` after exclusions and
    negations, strongest first (a phrase repeated counts once)."""
    best: dict[str, tuple[str, float]] = {}
    for h in _hits(text):
        if h.phrase not in best or h.weight > best[h.phrase][1]:
            best[h.phrase] = (h.kind, h.weight)
    return sorted(((k, w, p) for p, (k, w) in best.items()), key=lambda t: -t[1])


def _combine(weights: Sequence[float]) -> float:
    p = 1.0
    for w in weights:
        p *= 1.0 - w
    return 1.0 - p


def _window_score(text: str, hits: Sequence[_Hit]) -> float:
    """The strongest combination of cues lying within ``WINDOW_CHARS`` of each
    other; a phrase counts once however often it is repeated, and phrases
    written next to each other ("喝农药自杀", "跳楼和上吊") are one act."""
    ordered: list[_Hit] = []
    for h in sorted(hits, key=lambda h: h.start):
        prev = ordered[-1] if ordered else None
        if prev and h.start - prev.end <= 1 and not _PUNCT.search(text[prev.end : h.start]):
            ordered[-1] = prev._replace(weight=max(prev.weight, h.weight), end=max(prev.end, h.end))
        else:
            ordered.append(h)
    best = 0.0
    lo = 0
    for hi, h in enumerate(ordered):
        while ordered[lo].start < h.start - WINDOW_CHARS:
            lo += 1
        per_phrase: dict[str, float] = {}
        for g in ordered[lo : hi + 1]:
            per_phrase[g.phrase] = max(per_phrase.get(g.phrase, 0.0), g.weight)
        best = max(best, _combine(list(per_phrase.values())))
    return best


def lexicon_score(text: str) -> CrisisResult:
    """Lexicon-only verdict."""
    hits = _hits(text)
    if not hits:
        return CrisisResult(False, 0.0, [], None)
    score = _window_score(normalize(text, LEXICON_MAX_CHARS), hits)
    by_kind: dict[str, float] = {}
    for h in hits:
        by_kind[h.kind] = max(by_kind.get(h.kind, 0.0), h.weight)
    kind = max(by_kind, key=lambda k: (by_kind[k], k == HARM_OTHERS))
    reasons = [p for _, _, p in lexicon_matches(text)]
    return CrisisResult(score >= THRESHOLD, round(score, 4), reasons[:10], kind)


# --- optional trained model -------------------------------------------------

CRISIS_MODEL_FILE = "crisis.joblib"
CRISIS_META_FILE = "crisis-meta.json"
CRISIS_MODEL_FORMAT = 2  # 2: a specialist classifier beside the main one (see crisis_features)


@dataclass
class CrisisModel:
    """Binary text model (crisis vs not) with a decision threshold.

    Train with :func:`train_model` on the user's own data; nothing trained is
    shipped with the project.
    """

    vectorizer: Any
    clf: Any
    threshold: float
    meta: dict[str, Any]
    specialist: Any = None
    specialist_weight: float = 0.0

    def proba(self, texts: Sequence[object]) -> list[float]:
        from fengqiao.triage.engine.crisis_features import combine

        if len(texts) == 0:
            return []
        X = self.vectorizer.transform([model_text(t) for t in texts])
        main = self.clf.predict_proba(X)[:, 1]
        spec = self.specialist.predict_proba(X)[:, 1] if self.specialist is not None else None
        return [float(p) for p in combine(main, spec, self.specialist_weight)]

    def save(self, directory: str) -> None:
        import json
        from pathlib import Path

        import joblib

        d = Path(directory)
        d.mkdir(parents=True, exist_ok=True)
        joblib.dump(
            {
                "format": CRISIS_MODEL_FORMAT,
                "vectorizer": self.vectorizer,
                "clf": self.clf,
                "specialist": self.specialist,
                "specialist_weight": self.specialist_weight,
                "threshold": self.threshold,
            },
            d / CRISIS_MODEL_FILE,
            compress=3,
        )
        # its own meta file, so that a category model (meta.json) can live in the same directory
        (d / CRISIS_META_FILE).write_text(
            json.dumps(self.meta, ensure_ascii=False, indent=2), encoding="utf-8"
        )

    @classmethod
    def load(cls, directory: str) -> CrisisModel:
        """Load a model saved with :meth:`save` (trusted directories only)."""
        import json
        from pathlib import Path

        import joblib

        d = Path(directory)
        payload = joblib.load(d / CRISIS_MODEL_FILE)
        if not isinstance(payload, dict) or payload.get("format") != CRISIS_MODEL_FORMAT:
            raise ValueError("模型格式不兼容（由其他版本写入）/ incompatible crisis model format")
        meta_file = d / CRISIS_META_FILE if (d / CRISIS_META_FILE).exists() else d / "meta.json"
        meta = json.loads(meta_file.read_text(encoding="utf-8")) if meta_file.exists() else {}
        return cls(
            payload["vectorizer"],
            payload["clf"],
            float(payload["threshold"]),
            meta,
            payload.get("specialist"),
            float(payload.get("specialist_weight", 0.0)),
        )


def train_model(texts: Sequence[object], labels: Sequence[bool | int], **options: Any) -> CrisisModel:
    """Train a :class:`CrisisModel`; see :func:`.crisis_training.train_model` (kept here for callers of
    ``crisis.train_model``)."""
    from .crisis_training import train_model as _train

    return _train(texts, labels, **options)


def detect(text: object, model: CrisisModel | None = None) -> CrisisResult:
    """Crisis verdict for one text; never raises on any ``str`` input."""
    s = clip(text, LEXICON_MAX_CHARS)
    lex = lexicon_score(s)
    if model is None:
        return lex
    try:
        p = model.proba([s])[0]
    except Exception:
        return lex
    if p < model.threshold or (not lex.is_crisis and not model_cues(s)):
        return lex  # the model alone flags only a text with a cue of its own
    # map the model probability so that its threshold sits at THRESHOLD
    t = max(min(model.threshold, 0.999), 1e-3)
    mscore = THRESHOLD + (p - t) / (1 - t) * (1 - THRESHOLD) if p >= t else p / t * THRESHOLD
    reasons = [*lex.reasons, f"模型 / model {p:.2f}"]
    return CrisisResult(True, round(max(lex.score, mscore), 4), reasons, lex.kind or SELF_HARM)


def detect_many(texts: Sequence[object], model: CrisisModel | None = None) -> list[CrisisResult]:
    return [detect(t, model) for t in texts]
