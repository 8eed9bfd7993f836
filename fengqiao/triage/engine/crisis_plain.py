"""Plain danger as residents word it in a dispute (issue 11), added to the crisis lexicon of :mod:`.crisis`.

Where the person is and what is ready (on a tower crane, at the edge of a roof, petrol poured over oneself,
pesticide bought and put by the bed, a rope tied to a beam), going "together with the children", wanting to
sleep and never wake, last arrangements, a plain wish to die, and threats to push or burn someone. Each entry is
``(kind, weight, pattern)`` as in the main lexicon; weights of 0.85 and more flag a text alone, weaker ones
only together with another cue close by.

``EXCLUDE`` lists ordinary wording with the same words (burning stubble, cutting down a neighbour's tree,
sleeping pills taken on a doctor's advice, "不想活在这种环境里"): masked before the lexicon sees the text.
"""

from __future__ import annotations

SELF_HARM = "self_harm"
HARM_OTHERS = "harm_others"

_KIN = r"(?:孩子|儿子|女儿|娃|孙子|孙女|老伴|老婆|妻子|丈夫|全家|一家人|一家老小)"
_POISON = r"(?:农药|敌敌畏|百草枯|毒鼠强|老鼠药|安眠药|毒药)"
_HIGH = r"(?:楼顶|顶楼|天台|屋顶|房顶|塔吊|桥栏|铁塔|高压线塔|脚手架顶)"

PLAIN_DANGER: list[tuple[str, float, str]] = [
    # together with the children / the spouse
    (
        SELF_HARM,
        0.85,
        rf"(?:抱着|带着?|领着|和|跟)[^，。！？；,.!?;]{{0,4}}{_KIN}[^，。！？；,.!?;]{{0,3}}一起走(?![路回到去进出过向上下])"
        rf"(?![，,]\s*(?:去|到|回|进))",
    ),
    (SELF_HARM, 0.9, r"一起(?:去死|喝药|吃药|喝农药|吃安眠药|烧炭|跳河|跳楼|跳江)(?:走)?"),
    # sleep and never wake
    (
        SELF_HARM,
        0.85,
        r"睡(?:过去|着)了?[^，。！？；,.!?;]{0,4}(?:再也)?(?:不要|不想|不用|别)再?醒(?:来|过来)?"
        r"|(?:再也)?(?:不要|不想)再?醒来|睡着了?就(?:别|不要|不用)再?醒",
    ),
    # where the person is, what is ready
    (
        SELF_HARM,
        0.85,
        rf"(?:站|坐|爬|蹲)(?:在|到|上)了?[^，。！？；,.!?;]{{0,2}}{_HIGH}(?:的)?边(?:上|缘)?|爬上了?{_HIGH}",
    ),
    (
        SELF_HARM,
        0.85,
        r"(?:想|要)[^，。！？；,.!?;]{0,2}(?:往下跳|一头扎(?:下去|进|下))|一头扎进(?:河|江|湖|水库|水里|海)"
        r"|(?:就|马上|这就|立刻)(?:从[^，。！？；,.!?;]{0,6})?跳下(?:来|去)",
    ),
    (
        SELF_HARM,
        0.9,
        r"汽油[^，。！？；,.!?;]{0,2}(?:泼|浇|倒)(?:在|到)(?:自己)?身上|(?:点火)?自焚|一把火把自己|把自己[^，。！？；,.!?;]{0,8}(?:烧了|烧死|点了)",
    ),
    (
        SELF_HARM,
        0.9,
        rf"(?:揣着|带着|拿着|买好|准备好|放在)[^，。！？；,.!?;]{{0,6}}{_POISON}"
        rf"|把{_POISON}[^，。！？；,.!?;]{{0,4}}(?:买好|准备好|攒够|攒了|藏好|放在)"
        rf"|(?:喝|吃|吞|服)(?:了|下)(?:半瓶|一瓶|一整?瓶|整瓶|几口|一口|一大口|好几片|一把)?{_POISON}",
    ),
    (
        SELF_HARM,
        0.9,
        r"绳子[^，。！？；,.!?;]{0,10}(?:打好了?结|系好|挂好|挂上)|房梁上[^，。！？；,.!?;]{0,4}(?:打好了?结|挂了?绳)|(?:今晚|今天|明天|马上)就?上吊",
    ),
    (SELF_HARM, 0.85, r"(?:手臂|胳膊|手腕|大腿)上?(?:划|割)了|划了(?:好多|好几|很多)刀"),
    (SELF_HARM, 0.85, r"饿死(?:算了|自己)|想(?:这样)?饿死"),
    # a plain wish to die, a burden, last arrangements
    (SELF_HARM, 0.9, r"(?:马上|现在|立刻|这就)(?:就)?去死|恨不得(?:马上|立刻)?(?:去)?死"),
    (
        SELF_HARM,
        0.85,
        r"活着就是(?:个)?(?:累赘|拖累|多余)|死了(?:以后)?(?:大家|你们|他们|一家人)?都(?:清净|轻松|解脱|省心)",
    ),
    (SELF_HARM, 0.85, r"后事(?:我)?(?:都|已经)?(?:交代|安排|准备)(?:好|完)"),
    (SELF_HARM, 0.85, r"一了百了(?:算了|吧|好了)"),
    (
        SELF_HARM,
        0.45,
        r"最后一次(?:打电话|给你们打电话|麻烦你们|找你们)|以后(?:不会|不)再麻烦(?:你们|大家)了",
    ),
    (SELF_HARM, 0.45, r"(?:以后|今后)(?:就)?(?:拜托|麻烦|托付)[^，。！？；,.!?;]{0,6}(?:照顾|照看)"),
    (SELF_HARM, 0.45, r"(?:存折|银行卡|钥匙)[^，。！？；,.!?;]{0,8}(?:交给|留给)"),
    # threats to others
    (
        HARM_OTHERS,
        0.85,
        r"把(?:他|她|你|他们|你们|对方|那个[^，。！？；,.!?;]{0,3})[^，。！？；,.!?;]{0,6}(?:推下去|推下楼|扔下去)",
    ),
]

EXCLUDE = (
    r"放火烧(?:荒|秸秆|田埂|垃圾|草)|烧荒|烧秸秆"
    r"|(?:砍|剁|烧)了?(?:我|他|她|你)家(?:院子里|门前|屋后|地里)?的?(?:树|竹子?|菜|庄稼|果树|树苗|林子|柴)"
    r"|(?:长期|每天|按时|天天|靠|医生让)(?:吃|服)(?:用)?安眠药"
    r"|不想(?:再)?活在"
)
