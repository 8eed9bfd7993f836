"""Words in a case's text that tell the matter's facts: vulnerable parties and unpaid wages. Pure Python.

These read what the matter is about (who is affected and how), never anyone's opinions or standing."""
from __future__ import annotations

import datetime as dt
import re

from fengqiao.core.validators import birth_date_from_id

ELDERLY, MINOR, DISABLED = "elderly", "minor", "disabled"
ELDERLY_AGE = 70
_CUES = {
    ELDERLY: re.compile(r"(老人|老年人|年迈|高龄|[七八九]旬|[七八九]十多岁|独居老|孤寡|空巢|老太|老大爷|老奶奶)"),
    MINOR: re.compile(r"(未成年|儿童|幼儿|婴儿|孩子|小孩|学生|留守|孤儿|抚养费)"),
    DISABLED: re.compile(r"(残疾|残障|残联|瘫痪|智力障碍|精神障碍|失明|聋哑|轮椅|重病|卧床)"),
}
_WAGES = re.compile(r"(欠薪|拖欠工资|工资|工钱|薪水|劳务费|血汗钱|农民工)")


def vulnerable_in_text(text: str) -> set[str]:
    return {kind for kind, pattern in _CUES.items() if pattern.search(text or "")}


def age_on(id_number: str, day: dt.date) -> int | None:
    """Age from the birth date in a valid ID number (None when it is not one)."""
    born = birth_date_from_id(id_number)
    if born is None:
        return None
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def vulnerable_by_age(age: int | None) -> set[str]:
    if age is None:
        return set()
    if age >= ELDERLY_AGE:
        return {ELDERLY}
    if age < 18:
        return {MINOR}
    return set()


def mentions_wages(text: str) -> bool:
    return bool(_WAGES.search(text or ""))


def days_to_next(day: dt.date, festivals: list[dt.date]) -> int | None:
    """Days from `day` to the next festival on or after it (None when none is known)."""
    ahead = [(f - day).days for f in festivals if f >= day]
    return min(ahead) if ahead else None
