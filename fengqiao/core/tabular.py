"""Reading CSV and XLSX uploads into rows of strings, with clear errors for bad files."""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import PurePath

from django.utils.translation import gettext_lazy as _

from fengqiao.core.errors import ValidationFailed

MAX_ROWS = 200_000


@dataclass
class Table:
    columns: list[str]
    rows: list[dict[str, str]]


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig",):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ValidationFailed(_("文件不是 UTF-8 编码，请另存为 UTF-8 的 CSV 或 XLSX。"), code="bad_encoding")


def read_table(data: bytes, filename: str) -> Table:
    suffix = PurePath(filename or "").suffix.lower()
    if not data:
        raise ValidationFailed(_("文件为空。"), code="empty_file")
    if suffix == ".csv":
        text = _decode(data)
        reader = csv.reader(io.StringIO(text))
        all_rows = list(reader)
    elif suffix == ".xlsx":
        if not data.startswith(b"PK"):
            raise ValidationFailed(_("文件内容不是 XLSX 格式。"), code="bad_format")
        import openpyxl

        try:
            workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except Exception as exc:  # any parser failure is a bad file
            raise ValidationFailed(_("无法读取 XLSX 文件。"), code="bad_format") from exc
        sheet = workbook.worksheets[0]
        all_rows = [["" if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)]
        workbook.close()
    else:
        raise ValidationFailed(_("不支持的文件格式，请上传 CSV 或 XLSX 文件。"), code="bad_format")
    all_rows = [r for r in all_rows if any(cell.strip() for cell in r)]
    if not all_rows:
        raise ValidationFailed(_("文件为空。"), code="empty_file")
    if len(all_rows) > MAX_ROWS:
        raise ValidationFailed(_("文件行数过多。"), code="too_many_rows")
    columns = [c.strip() for c in all_rows[0]]
    rows = [
        {columns[i]: (row[i].strip() if i < len(row) else "") for i in range(len(columns))} for row in all_rows[1:]
    ]
    return Table(columns=columns, rows=rows)


def require_columns(table: Table, required: list[str]) -> None:
    missing = [c for c in required if c not in table.columns]
    if missing:
        raise ValidationFailed(
            _("缺少必需的列：%(columns)s") % {"columns": "、".join(missing)}, code="missing_columns"
        )
