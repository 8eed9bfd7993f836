"""Reading a message table from a CSV (UTF-8) or XLSX file. Problems are :class:`MessageTableError` lines in
Chinese and English; nothing else escapes."""

from __future__ import annotations

from pathlib import Path

from fengqiao.core.sheets import SheetError, csv_rows, xlsx_rows

from .records import Message, MessageTableError, messages_from_rows

MAX_BYTES = 200 * 1024 * 1024


def _csv_rows(data: bytes) -> tuple[list[str], list[dict[str, str]]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise MessageTableError("文件不是 UTF-8 编码，请另存为 UTF-8 / the file is not UTF-8 encoded; save it as UTF-8") from exc
    try:
        return csv_rows(text)
    except SheetError as exc:
        raise MessageTableError(str(exc)) from exc


def _xlsx_rows(data: bytes) -> tuple[list[str], list[dict[str, str]]]:
    try:
        return xlsx_rows(data)
    except SheetError as exc:
        raise MessageTableError(str(exc)) from exc


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
