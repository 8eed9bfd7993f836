"""The care app listens to the triage app's crisis_detected event (triage never imports care)."""
from __future__ import annotations

from fengqiao.care.choices import ReferralSource


def on_crisis_detected(sender, *, case, kind: str, phrases: list[str], source: str = "triage",
                       acting_user=None, **kwargs) -> None:
    from fengqiao.care.services import referral_open

    referral_open(case=case, kind=kind, phrases=phrases, acting_user=acting_user,
                  source=ReferralSource.MANUAL if source == "manual" else ReferralSource.TRIAGE)


def seed_after_migrate(sender, app_config=None, **kwargs) -> None:
    if app_config is None or app_config.name != "fengqiao.care":
        return
    from fengqiao.care.services import hotlines_seed

    hotlines_seed()
