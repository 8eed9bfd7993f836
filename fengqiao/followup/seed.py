"""The default follow-up rule (an editable row, added only when there is none)."""
from __future__ import annotations

from fengqiao.cases.choices import DeadlineUnit
from fengqiao.followup.models import FollowUpRule

DEFAULT_RULE = {
    "duration": 3,
    "unit": DeadlineUnit.WORKING_DAYS,
    "lookback_days": 30,
    "legal_basis": "北京市接诉即办工作条例 第二十三条：办理时限期满，通过电话、短信、网络等方式回访",
}


def seed_followup_rules() -> None:
    if not FollowUpRule.objects.exists():
        FollowUpRule.objects.create(process=None, **DEFAULT_RULE)
