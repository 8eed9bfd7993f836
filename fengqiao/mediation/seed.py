"""Seed the legal clocks of mediation (only what is missing, so an administrator's edits survive upgrades).

Numbers and their legal basis are starting points in an editable table (调解时限规则), never constants the code
relies on. Check article numbers against the official database before relying on them.
"""
from __future__ import annotations

from fengqiao.cases.choices import DeadlineUnit
from fengqiao.mediation.choices import ClockKind
from fengqiao.mediation.models import ClockRule

# kind: (duration, unit, dispute type codes it applies to (empty: all), legal basis)
# Which clocks roll a last day that is a rest day to the next working day (民事诉讼法 第八十五条: periods before
# a people's court — applying for judicial confirmation, the court's mediation periods); the labour clocks count
# straight through (劳动争议调解仲裁法 sets no such rule), and working-day clocks skip rest days anyway.
ROLLS_TO_WORKDAY = {
    ClockKind.JUDICIAL_CONFIRMATION, ClockKind.COURT_PRE_FILING, ClockKind.COURT_POST_FILING_ORDINARY,
    ClockKind.COURT_POST_FILING_SIMPLIFIED, ClockKind.LABOUR_SUIT,
}
CLOCK_RULES: dict[str, tuple[int, str, list[str], str]] = {
    ClockKind.JUDICIAL_CONFIRMATION: (
        30, DeadlineUnit.CALENDAR_DAYS, [],
        "人民调解法 第33条；民事诉讼法（2023年修正）第205条：自调解协议生效之日起三十日内共同向人民法院申请司法确认",
    ),
    ClockKind.COURT_PRE_FILING: (
        30, DeadlineUnit.CALENDAR_DAYS, [],
        "人民法院在线调解规则 第24条：立案前调解期限为三十日，各方当事人同意延长的不受此限；"
        "自调解组织或调解员确认接受委派之日起算",
    ),
    ClockKind.LABOUR_ARBITRATION: (
        15, DeadlineUnit.CALENDAR_DAYS, ["labour"],
        "劳动争议调解仲裁法 第14条：自劳动争议调解组织收到调解申请之日起十五日内未达成调解协议的，当事人可以依法申请仲裁",
    ),
    # A year counted as 365 days: the table holds days only, so a period spanning 29 February ends one day early.
    ClockKind.LABOUR_LIMITATION: (
        365, DeadlineUnit.CALENDAR_DAYS, ["labour"],
        "劳动争议调解仲裁法 第27条：申请仲裁的时效期间为一年，从当事人知道或者应当知道其权利被侵害之日起计算"
        "（按365日计）",
    ),
    ClockKind.COURT_APPOINTMENT: (
        3, DeadlineUnit.WORKING_DAYS, [],
        "人民法院在线调解规则 第10条：人民法院应当在收到当事人在线调解申请后三个工作日内指定调解组织或者调解员",
    ),
    ClockKind.COURT_ACCEPTANCE: (
        3, DeadlineUnit.WORKING_DAYS, [],
        "人民法院在线调解规则 第12条：调解组织或者调解员应当在收到委派委托调解信息后三个工作日内确认接受",
    ),
    ClockKind.COURT_POST_FILING_ORDINARY: (
        15, DeadlineUnit.CALENDAR_DAYS, [],
        "人民法院在线调解规则 第24条：立案后在线调解，适用普通程序的调解期限为十五日，各方当事人同意延长的不受此限；"
        "自调解组织或调解员确认接受委托之日起算",
    ),
    ClockKind.COURT_POST_FILING_SIMPLIFIED: (
        7, DeadlineUnit.CALENDAR_DAYS, [],
        "人民法院在线调解规则 第24条：立案后在线调解，适用简易程序的调解期限为七日，各方当事人同意延长的不受此限；"
        "自调解组织或调解员确认接受委托之日起算",
    ),
    ClockKind.LABOUR_ACCEPTANCE: (
        5, DeadlineUnit.CALENDAR_DAYS, ["labour"],
        "劳动争议调解仲裁法 第二十九条：劳动争议仲裁委员会收到仲裁申请之日起五日内决定是否受理；不予受理或者逾期未作出决定的，"
        "申请人可以就该劳动争议事项向人民法院提起诉讼",
    ),
    ClockKind.LABOUR_AWARD: (
        45, DeadlineUnit.CALENDAR_DAYS, ["labour"],
        "劳动争议调解仲裁法 第四十三条：自受理仲裁申请之日起四十五日内结束；逾期未作出仲裁裁决的，当事人可以就该劳动争议事项"
        "向人民法院提起诉讼",
    ),
    ClockKind.LABOUR_AWARD_EXTENSION: (
        15, DeadlineUnit.CALENDAR_DAYS, ["labour"],
        "劳动争议调解仲裁法 第四十三条：案情复杂需要延期的，经劳动争议仲裁委员会主任批准，可以延期并书面通知当事人，"
        "但是延长期限不得超过十五日",
    ),
    ClockKind.LABOUR_SUIT: (
        15, DeadlineUnit.CALENDAR_DAYS, ["labour"],
        "劳动争议调解仲裁法 第四十八条、第五十条：不服仲裁裁决的，可以自收到仲裁裁决书之日起十五日内向人民法院提起诉讼"
        "（期间届满的最后一日是法定休假日的顺延，民事诉讼法 第八十五条）",
    ),
}


def seed_defaults(kind: str) -> dict:
    duration, unit, codes, basis = CLOCK_RULES[kind]
    return {"duration": duration, "unit": unit, "dispute_type_codes": codes, "legal_basis": basis,
            "roll_to_workday": kind in ROLLS_TO_WORKDAY}


def seed_clock_rules() -> None:
    for kind in CLOCK_RULES:
        ClockRule.objects.get_or_create(kind=kind, defaults=seed_defaults(kind))
