"""Rows of a CSV text or the first sheet of an XLSX file, as strings: the one parser the engines that read
operators' files share (triage's training tables, warning's message tables). Pure Python (openpyxl loaded only for
XLSX), no Django: a problem is a `SheetError` whose message is one line in Chinese and English, which each caller
turns into its own error type."""
from __future__ import annotations

import csv
import io

FIELD_LIMIT = 64 * 1024 * 1024  # one cell may hold a long narrative, not more
NO_HEADER = "文件为空或缺少表头 / the file is empty or has no header row"

Rows = tuple[list[str], list[dict[str, str]]]


class SheetError(ValueError):
    pass


def cell_text(value: object) -> str:
    """A cell as text: empty for nothing, 12 for the float 12.0 a spreadsheet stores for a whole number."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _rows(header: object, records: object) -> Rows:
    cells = [cell_text(h) for h in header] if header else []  # type: ignore[attr-defined]
    if not any(c.strip() for c in cells):
        raise SheetError(NO_HEADER)
    columns = [c.strip() for c in cells]
    rows = []
    for record in records:  # type: ignore[attr-defined]
        values = [cell_text(v) for v in record]
        if any(v.strip() for v in values):
            rows.append({c: (values[i] if i < len(values) else "") for i, c in enumerate(columns)})
    return columns, rows


def csv_rows(text: str) -> Rows:
    """The header and the non-blank rows of a CSV text (blank lines skipped, short rows padded with "")."""
    csv.field_size_limit(FIELD_LIMIT)
    try:
        reader = csv.reader(io.StringIO(text, newline=""))
        return _rows(next(reader, None), reader)
    except csv.Error as exc:
        raise SheetError(f"CSV 格式错误 / malformed CSV: {exc}") from exc


def xlsx_rows(data: bytes) -> Rows:
    """The header and the non-blank rows of an XLSX file's first sheet."""
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # a damaged or foreign file: zipfile.BadZipFile, KeyError, InvalidFileException ...
        raise SheetError(f"无法读取 XLSX 文件 / cannot read XLSX file ({type(exc).__name__})") from exc
    try:
        if not workbook.worksheets:
            raise SheetError(NO_HEADER)
        records = workbook.worksheets[0].iter_rows(values_only=True)
        return _rows(next(records, None), records)
    finally:
        workbook.close()
