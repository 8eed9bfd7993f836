"""Argument types the console commands share: a bad value is refused by argparse with one line in Chinese and
English, never a stack trace."""
from __future__ import annotations

import argparse
import datetime as dt

from django.utils.translation import gettext as _


def positive_int(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(_("须为正整数 / must be a positive whole number"))
    return number


def iso_day(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(_("日期格式应为 YYYY-MM-DD / a date as YYYY-MM-DD")) from None
