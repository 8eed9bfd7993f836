"""The two tables of hot-issue mining as XLSX: 热点问题表 (one row a hot issue) and 热点问题留言明细表 (one row a
member message). A cell that a spreadsheet would read as a formula (starting with = + - @, a tab or a carriage
return) is written with a leading apostrophe, so a message cannot run anything on the reader's machine."""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path

from django.utils.translation import gettext as _

from fengqiao.warning.engine import HotIssue, Message

ISSUES_FILE = "热点问题表.xlsx"
DETAILS_FILE = "热点问题留言明细表.xlsx"
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
TIME_FORMAT = "%Y-%m-%d %H:%M:%S"


def safe_cell(value: object) -> object:
    """``value``, with text that starts like a formula made plain text."""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def _workbook_bytes(title: str, header: list[str], rows: list[list[object]]) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title[:31]
    sheet.append(header)
    for row in rows:
        sheet.append([safe_cell(v) for v in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def issues_table(issues: Sequence[HotIssue]) -> bytes:
    header = [_("热度排名"), _("问题ID"), _("热度指数"), _("时间范围"), _("地点/人群"), _("问题"), _("人数"), _("留言数"),
              _("问题描述")]
    rows: list[list[object]] = [
        [rank, rank, issue.heat,
         f"{issue.start.strftime(TIME_FORMAT)} {_('至')} {issue.end.strftime(TIME_FORMAT)}",
         issue.place, issue.problem, issue.people, len(issue.members), issue.description]
        for rank, issue in enumerate(issues, start=1)
    ]
    return _workbook_bytes(_("热点问题表"), header, rows)


def details_table(issues: Sequence[HotIssue], messages: Sequence[Message]) -> bytes:
    header = [_("问题ID"), _("留言编号"), _("留言用户"), _("留言主题"), _("留言时间"), _("留言详情"), _("点赞数"), _("反对数")]
    rows: list[list[object]] = []
    for rank, issue in enumerate(issues, start=1):
        for index in issue.members:
            message = messages[index]
            rows.append([rank, message.id, message.user, message.subject, message.at.strftime(TIME_FORMAT),
                         message.detail, message.support, message.against])
    return _workbook_bytes(_("热点问题留言明细表"), header, rows)


def write_tables(issues: Sequence[HotIssue], messages: Sequence[Message], directory: str | Path) -> list[Path]:
    """Write both tables into ``directory`` (created if missing); the paths written."""
    target = Path(directory)
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for name, content in ((ISSUES_FILE, issues_table(issues)), (DETAILS_FILE, details_table(issues, messages))):
        path = target / name
        path.write_bytes(content)
        written.append(path)
    return written
