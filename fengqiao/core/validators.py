"""Validation of PRC identifiers: ID numbers (GB 11643, ISO 7064 mod 11-2) and phone numbers."""
from __future__ import annotations

import datetime as dt
import re

_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
_CHECK = "10X98765432"
_MOBILE = re.compile(r"^1[3-9]\d{9}$")
_LANDLINE = re.compile(r"^0\d{2,3}-?\d{7,8}$")
_USCC = re.compile(r"^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$")


def id_check_digit(first17: str) -> str:
    """GB 11643-1999 (ISO 7064 MOD 11-2) check character for the first 17 digits of an ID number (the one
    computation of it: the validators here, the triage engine's entity finder, the factories and the demo use it)."""
    return _CHECK[sum(int(d) * w for d, w in zip(first17, _WEIGHTS, strict=True)) % 11]


def is_valid_id_number(value: str) -> bool:
    value = (value or "").strip().upper()
    if len(value) != 18 or not value[:17].isdigit():
        return False
    try:
        dt.date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except ValueError:
        return False
    return id_check_digit(value[:17]) == value[17]


def birth_date_from_id(value: str) -> dt.date | None:
    if not is_valid_id_number(value):
        return None
    return dt.date(int(value[6:10]), int(value[10:12]), int(value[12:14]))


def is_valid_phone(value: str) -> bool:
    value = (value or "").strip().replace(" ", "")
    return bool(_MOBILE.match(value) or _LANDLINE.match(value))


def is_valid_credit_code(value: str) -> bool:
    """Unified social credit code of an organisation (format check only)."""
    return bool(_USCC.match((value or "").strip().upper()))
