"""What the follow-up app tells the apps above it, published on commit like the case events
(fengqiao.cases.events: same `publish`, same `subscribe`, same rules)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from fengqiao.cases.events import CaseChange


@dataclass(frozen=True, kw_only=True)
class FollowUpAnswered(CaseChange):
    """A follow-up of the case was answered: by a staff member's reached call or the resident's portal rating."""

    name: ClassVar[str] = "followup_answered"
    followup_id: int
    channel: str
    settled: str
    satisfaction: str
