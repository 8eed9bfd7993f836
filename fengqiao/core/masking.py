"""Masking of personal identifiers (ID numbers, phone numbers).

Masked forms follow the platform convention: ``330***********123X`` for an
18-character ID number and ``138****1234`` for a mobile number.  Free text
(narratives, notes, log lines) is masked with the same rules.
"""
from __future__ import annotations

import re

from fengqiao.core.validators import normalised_phone

ID_NUMBER_RE = re.compile(r"(?<![0-9A-Za-z])(\d{6})(\d{8})(\d{3}[\dXx])(?![0-9A-Za-z])")
MOBILE_RE = re.compile(r"(?<!\d)(1[3-9]\d)(\d{4})(\d{4})(?!\d)")
LANDLINE_RE = re.compile(r"(?<!\d)(0\d{2,3})-?(\d{3,4})(\d{4})(?!\d)")


def mask_id_number(value: str | None) -> str:
    if not value:
        return ""
    value = value.strip()
    if len(value) <= 7:
        return "*" * len(value)
    return value[:3] + "*" * (len(value) - 7) + value[-4:]


def mask_phone(value: str | None) -> str:
    if not value:
        return ""
    digits = value.strip()
    if len(digits) <= 7:
        return "*" * len(digits)
    return digits[:3] + "*" * (len(digits) - 7) + digits[-4:]


def mask_text(text: str | None) -> str:
    """Mask every ID number and phone number that appears in free text."""
    if not text:
        return ""
    text = ID_NUMBER_RE.sub(lambda m: mask_id_number(m.group(0)), text)
    text = MOBILE_RE.sub(lambda m: f"{m.group(1)}****{m.group(3)}", text)
    text = LANDLINE_RE.sub(lambda m: f"{m.group(1)}-****{m.group(3)}", text)
    return text


def normalise_phone(value: str) -> str:
    """The one spelling of a phone number (`validators.normalised_phone`); for text it does not read as one, the
    text without separators and a leading 86."""
    if not value:
        return ""
    return normalised_phone(value) or re.sub(r"[\s\-()（）+]", "", value).removeprefix("86")
