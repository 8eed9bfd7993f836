"""Seed the legal clocks of mediation (only what is missing, so an administrator's edits survive upgrades).

Numbers and their legal basis are starting points in an editable table (调解时限规则), never constants the code
relies on. Check article numbers against the official database before relying on them.
"""
from __future__ import annotations

from fengqiao.cases.choices import DeadlineUnit
from fengqiao.mediation.choices import ClockKind
from fengqiao.mediation.models import ClockRule

# kind: (duration, unit, dispute type codes it applies to (empty: all), legal basis)
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
}


def seed_defaults(kind: str) -> dict:
    duration, unit, codes, basis = CLOCK_RULES[kind]
    return {"duration": duration, "unit": unit, "dispute_type_codes": codes, "legal_basis": basis}


def seed_clock_rules() -> None:
    for kind in CLOCK_RULES:
        ClockRule.objects.get_or_create(kind=kind, defaults=seed_defaults(kind))
