"""Messages the hot-issue engine groups, and reading them from a table's rows.

A message table has the columns of a government message board export: 留言编号, 留言用户, 留言主题, 留言时间,
留言详情, 反对数, 点赞数. Dates may be written `2019/2/28 11:25:05`, `2019-08-01 00:00:00` or as a bare day.
Problems are raised as :class:`MessageTableError`, one line in Chinese and English.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

ID_COLUMN = "留言编号"
USER_COLUMN = "留言用户"
SUBJECT_COLUMN = "留言主题"
TIME_COLUMN = "留言时间"
DETAIL_COLUMN = "留言详情"
AGAINST_COLUMN = "反对数"
LIKES_COLUMN = "点赞数"
COLUMNS = (ID_COLUMN, USER_COLUMN, SUBJECT_COLUMN, TIME_COLUMN, DETAIL_COLUMN, AGAINST_COLUMN, LIKES_COLUMN)
SHOWN_BAD_ROWS = 5

_DATE_RE = re.compile(
    r"^\s*(\d{4})[/\-.年](\d{1,2})[/\-.月](\d{1,2})日?(?:[ T]+(\d{1,2})[:：时](\d{1,2})(?:[:：分](\d{1,2})(?:\.\d+)?)?秒?)?\s*$"
)


class MessageTableError(ValueError):
    """A message table the engine cannot use; ``str(err)`` is one line in Chinese and English."""


@dataclass(frozen=True)
class Message:
    """One message: ``support`` counts people who backed it (likes, or co-applicants of a case), ``against`` the
    dislikes; both show attention."""

    id: str
    user: str
    subject: str
    detail: str
    at: dt.datetime
    support: int = 0
    against: int = 0

    @property
    def text(self) -> str:
        return f"{self.subject}\n{self.detail}"


def parse_time(value: str) -> dt.datetime | None:
    """The date and time written in ``value``, or None when it is not one of the accepted forms."""
    match = _DATE_RE.match(value or "")
    if not match:
        return None
    year, month, day, hour, minute, second = (int(g) if g else 0 for g in match.groups())
    try:
        return dt.datetime(year, month, day, hour, minute, second)
    except ValueError:
        return None


def _count(value: str) -> int | None:
    text = (value or "").strip()
    if not text:
        return 0
    try:
        number = float(text)
    except ValueError:
        return None
    return int(number) if number >= 0 and number.is_integer() else None


def _clean(value: str | None) -> str:
    return " ".join((value or "").split())


def messages_from_rows(columns: Iterable[str], rows: Iterable[Mapping[str, str]]) -> list[Message]:
    """Messages of a table (header ``columns``; ``rows`` as dicts). Refuses a missing column, a table without
    rows, and unreadable dates or counts (naming the first rows, counted from 2 as a spreadsheet shows them)."""
    present = set(columns)
    missing = [c for c in COLUMNS if c not in present]
    if missing:
        names = "、".join(missing)
        raise MessageTableError(f"缺少列：{names} / missing column(s): {', '.join(missing)}")
    messages: list[Message] = []
    bad_dates: list[int] = []
    bad_counts: list[int] = []
    for line, row in enumerate(rows, start=2):
        at = parse_time(row.get(TIME_COLUMN, ""))
        support, against = _count(row.get(LIKES_COLUMN, "")), _count(row.get(AGAINST_COLUMN, ""))
        if at is None:
            bad_dates.append(line)
            continue
        if support is None or against is None:
            bad_counts.append(line)
            continue
        ident = _clean(row.get(ID_COLUMN)) or f"row-{line}"
        messages.append(Message(id=ident, user=_clean(row.get(USER_COLUMN)), subject=_clean(row.get(SUBJECT_COLUMN)),
                                detail=_clean(row.get(DETAIL_COLUMN)), at=at, support=support, against=against))
    if bad_dates:
        shown = ", ".join(str(n) for n in bad_dates[:SHOWN_BAD_ROWS])
        raise MessageTableError(
            f"{len(bad_dates)} 行的留言时间无法识别（第 {shown} 行），应为 2019/2/28 11:25:05 或 2019-08-01 00:00:00 / "
            f"unreadable date in {len(bad_dates)} row(s) (rows {shown}); expected e.g. 2019/2/28 11:25:05"
        )
    if bad_counts:
        shown = ", ".join(str(n) for n in bad_counts[:SHOWN_BAD_ROWS])
        raise MessageTableError(
            f"{len(bad_counts)} 行的点赞数或反对数不是非负整数（第 {shown} 行） / "
            f"likes or dislikes not a non-negative whole number in {len(bad_counts)} row(s) (rows {shown})"
        )
    if not messages:
        raise MessageTableError("没有留言行 / the table has no message rows")
    return messages
