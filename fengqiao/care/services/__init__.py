"""Writes of the care app."""
from fengqiao.care.services.hotlines import hotlines_seed
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
    "hotlines_seed",
    "referral_assign",
    "referral_close",
    "referral_contact_record",
    "referral_open",
    "referral_take",
]
