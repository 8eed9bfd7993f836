"""The default follow-up rule (an editable row, added only when there is none)."""
from __future__ import annotations

from fengqiao.cases.choices import DeadlineUnit
from fengqiao.followup.models import FollowUpRule

DEFAULT_RULE = {
    "duration": 3,
    "unit": DeadlineUnit.WORKING_DAYS,
    "lookback_days": 30,
    "legal_basis": "县矛调中心工作规则（本县自定，可修改）：办理完毕后3个工作日内通过电话、短信、上门等方式回访",
}
# The seed before issue 9 (another city's regulation); migration 0002 moves a row still as seeded to the above.
LEGAL_BASIS_BEFORE = "北京市接诉即办工作条例 第二十三条：办理时限期满，通过电话、短信、网络等方式回访"


def seed_followup_rules() -> None:
    if not FollowUpRule.objects.exists():
        FollowUpRule.objects.create(process=None, **DEFAULT_RULE)
