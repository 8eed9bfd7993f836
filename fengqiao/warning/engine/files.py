"""Reading a message table from a CSV (UTF-8) or XLSX file. Problems are :class:`MessageTableError` lines in
Chinese and English; nothing else escapes."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from .records import Message, MessageTableError, messages_from_rows

MAX_BYTES = 200 * 1024 * 1024


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _csv_rows(data: bytes) -> tuple[list[str], list[dict[str, str]]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise MessageTableError("文件不是 UTF-8 编码，请另存为 UTF-8 / the file is not UTF-8 encoded; save it as UTF-8") from exc
    csv.field_size_limit(64 * 1024 * 1024)
    try:
        reader = csv.reader(io.StringIO(text, newline=""))
        header = next(reader, None)
        if not header or not any(h.strip() for h in header):
            raise MessageTableError("文件为空或缺少表头 / the file is empty or has no header row")
        columns = [h.strip() for h in header]
        rows = [
            {c: (record[i] if i < len(record) else "") for i, c in enumerate(columns)}
            for record in reader
            if any(cell.strip() for cell in record)
        ]
    except csv.Error as exc:
        raise MessageTableError(f"CSV 格式错误 / malformed CSV: {exc}") from exc
    return columns, rows


def _xlsx_rows(data: bytes) -> tuple[list[str], list[dict[str, str]]]:
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # a damaged or foreign file: any parser failure
        raise MessageTableError(f"无法读取 XLSX 文件 / cannot read the XLSX file ({type(exc).__name__})") from exc
    try:
        sheet_rows = workbook.worksheets[0].iter_rows(values_only=True) if workbook.worksheets else iter(())
        header = next(sheet_rows, None)
        if not header or not any(_cell(h).strip() for h in header):
            raise MessageTableError("文件为空或缺少表头 / the file is empty or has no header row")
        columns = [_cell(h).strip() for h in header]
        rows = []
        for record in sheet_rows:
            values = [_cell(v) for v in record]
            if any(v.strip() for v in values):
                rows.append({c: (values[i] if i < len(values) else "") for i, c in enumerate(columns)})
    finally:
        workbook.close()
    return columns, rows


def read_messages(path: str | Path) -> list[Message]:
    """The messages of the table at ``path`` (.csv or .xlsx), checked as :func:`messages_from_rows` does."""
    path = Path(path)
    if not path.is_file():
        raise MessageTableError(f"文件不存在 / file not found: {path}")
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise MessageTableError(
            f"不支持的文件格式 {suffix or '（无扩展名）'}，请用 CSV 或 XLSX / unsupported file format "
            f"{suffix or '(no extension)'}; use CSV or XLSX"
        )
    if path.stat().st_size > MAX_BYTES:
        raise MessageTableError("文件过大（超过 200 MB） / the file is larger than 200 MB")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise MessageTableError(f"无法读取文件 / cannot read the file: {path} ({exc.strerror})") from exc
    if not data.strip():
        raise MessageTableError("文件为空 / the file is empty")
    columns, rows = _csv_rows(data) if suffix == ".csv" else _xlsx_rows(data)
    return messages_from_rows(columns, rows)
