"""Writes of the care app."""
from fengqiao.care.services.hotlines import hotlines_seed
from fengqiao.care.services.police import PoliceReportDraft, police_report_preview, police_report_send
from fengqiao.care.services.referrals import (
    ContactInput,
    referral_assign,
    referral_close,
    referral_contact_record,
    referral_open,
    referral_take,
)

__all__ = [
    "ContactInput",
    "PoliceReportDraft",
    "hotlines_seed",
    "police_report_preview",
    "police_report_send",
    "referral_assign",
    "referral_close",
    "referral_contact_record",
    "referral_open",
    "referral_take",
]
