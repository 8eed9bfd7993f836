"""Validation of PRC identifiers: ID numbers (GB 11643, ISO 7064 mod 11-2) and phone numbers."""
from __future__ import annotations

import datetime as dt
import re
import unicodedata

_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
_CHECK = "10X98765432"
_MOBILE = re.compile(r"^1[3-9]\d{9}$")
_USCC = re.compile(r"^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$")
# What people type between the parts of a number: spaces, dashes of every width, dots, brackets.
_SEPARATORS = re.compile(r"[\s\-\u2010-\u2015\u2212.·()（）\[\]]")
_NATIONAL_LANDLINE = re.compile(r"^0\d{9,11}$")  # area code (0 + 2-3 digits) and a 7-8 digit number, run together


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
    """A mainland mobile number, or a landline with its area code, in any spelling `normalised_phone` reads."""
    return bool(normalised_phone(value))


def is_valid_credit_code(value: str) -> bool:
    """Unified social credit code of an organisation (format check only)."""
    return bool(_USCC.match((value or "").strip().upper()))


def _plain(value: str) -> str:
    """Full-width characters made ASCII (NFKC) and the separators people type between groups dropped."""
    return _SEPARATORS.sub("", unicodedata.normalize("NFKC", value or ""))


def normalised_phone(value: str) -> str:
    """One spelling of a phone number, or "" when the text is not one.

    138-1234-5678, "138 1234 5678", full-width digits, +86 / 0086 / 86 in front: all give "13812345678". A
    landline keeps its area code with the leading 0 and no separator: "(0571) 8888-7777", "+86 571 88887777"
    and "0571-88887777" all give "057188887777". A number without an area code is not recognised."""
    text = _plain(value)
    if text.startswith("+") and not text.startswith("+86"):
        return ""  # another country's number
    international = text.startswith(("+86", "0086"))
    text = text.removeprefix("+").removeprefix("00")
    if international or (text.startswith("86") and len(text) == 13):
        text = text.removeprefix("86")
        if international and not text.startswith("0") and not _MOBILE.match(text):
            text = "0" + text  # the area code is written without its 0 after the country code
    if not text.isascii() or not text.isdigit():
        return ""
    if _MOBILE.match(text) or _NATIONAL_LANDLINE.match(text):
        return text
    return ""


def normalised_id_number(value: str) -> str:
    """One spelling of an ID number (upper-case X, no spaces, full-width made ASCII) or of an organisation's
    unified social credit code; "" unless it passes its check (an ID number's date and check digit; the code's form,
    for a code with a letter in its first 17 characters)."""
    text = _plain(value).upper()
    if len(text) == 18 and text[:17].isdigit():  # shaped like an ID number: it must be one
        return text if is_valid_id_number(text) else ""
    return text if is_valid_credit_code(text) else ""
