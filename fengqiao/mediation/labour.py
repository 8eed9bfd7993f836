"""The labour-arbitration limitation (劳动争议调解仲裁法 第二十七条), computed from the dates staff recorded.

- The period is one year from the day the party knew or should have known of the infringement (第一款), counted by
  the year: it ends on the same month and day a year later (29 February: 28 February).
- Asserting the right against the other party, asking a body for relief (applying for mediation counts: every
  mediation of the case is an interruption on its application date) or the other party agreeing to perform
  interrupts it, and a new year runs from the interruption (第二款). An interruption after the period ended does
  not revive it.
- Wage arrears while the employment lasts are not limited; once it ends, one year from its end (第四款).
- Suspension for force majeure (第三款) is not computed: staff note it; the figure then says so.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext as _


def one_year_after(day: dt.date) -> dt.date:
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


@dataclass(frozen=True)
class Limitation:
    unlimited: bool
    start_on: dt.date | None
    end_on: dt.date | None
    expired: bool
    explanation: str


def compute_limitation(*, knew_on: dt.date, interruptions: Iterable[dt.date], wage_arrears_in_employment: bool,
                       employment_ended_on: dt.date | None, today: dt.date) -> Limitation:
    if wage_arrears_in_employment and employment_ended_on is None:
        return Limitation(unlimited=True, start_on=None, end_on=None, expired=False, explanation=_(
            "劳动关系存续期间因拖欠劳动报酬发生争议的，申请仲裁不受一年时效期间的限制（劳动争议调解仲裁法 第二十七条第四款）。"))
    if wage_arrears_in_employment:
        start, why = employment_ended_on, _("自劳动关系终止之日（%(day)s）起一年（第二十七条第四款）")
    else:
        start, why = knew_on, _("自知道或者应当知道权利被侵害之日（%(day)s）起一年（第二十七条第一款）")
    explanation = why % {"day": start.isoformat()}
    end = one_year_after(start)
    for day in sorted(set(interruptions)):
        if start < day <= end:
            start, end = day, one_year_after(day)
            explanation += _("；%(day)s时效中断，重新计算（第二十七条第二款）") % {"day": day.isoformat()}
    return Limitation(unlimited=False, start_on=start, end_on=end, expired=today > end,
                      explanation=explanation + _("；至 %(end)s 届满。") % {"end": end.isoformat()})
