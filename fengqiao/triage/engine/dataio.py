"""Reading labelled text tables (CSV or XLSX) for training and evaluation.

All problems are reported as :class:`DataFileError` whose message is a single
line naming the problem in Chinese and English, suitable for showing to a user.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from fengqiao.core.sheets import SheetError, csv_rows, xlsx_rows

from .text import join_fields, strip_leading_ws

SUPPORTED_SUFFIXES = (".csv", ".xlsx")


class DataFileError(Exception):
    """A data file could not be used; ``str(err)`` is one bilingual line."""

    def __init__(self, message: str) -> None:
        message = " ".join(str(message).split())  # force a single line
        super().__init__(message)
        self.message = message


@dataclass
class Table:
    """Rows of a table: ``columns`` in file order and one dict per row."""

    columns: list[str]
    rows: list[dict[str, str]] = field(default_factory=list)
    source_name: str = ""


@dataclass
class LabelledTexts:
    texts: list[str]
    labels: list[str] | None
    source_name: str = ""


Source = str | os.PathLike | bytes | BinaryIO


def _read_bytes(source: Source, filename: str | None) -> tuple[bytes, str]:
    if isinstance(source, bytes | bytearray):
        return bytes(source), filename or ""
    if isinstance(source, str | os.PathLike):
        path = Path(source)
        name = filename or path.name
        if not path.exists():
            raise DataFileError(f"文件不存在 / file not found: {path.name}")
        if path.is_dir():
            raise DataFileError(f"不是文件 / not a file: {path.name}")
        try:
            return path.read_bytes(), name
        except OSError as exc:
            raise DataFileError(f"无法读取文件 / cannot read file: {path.name} ({exc.strerror})") from exc
    if hasattr(source, "read"):
        data = source.read()
        if isinstance(data, str):
            data = data.encode("utf-8")
        return data, filename or getattr(source, "name", "") or ""
    raise DataFileError(f"不支持的输入 / unsupported input: {type(source).__name__}")


def _suffix(name: str) -> str:
    return Path(name).suffix.lower() if name else ""


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    for enc, label in (("gb18030", "GBK/GB18030"), ("big5", "Big5"), ("utf-16", "UTF-16")):
        try:
            data.decode(enc)
        except (UnicodeDecodeError, UnicodeError):
            continue
        raise DataFileError(
            f"无法以 UTF-8 解码，文件似乎是 {label} 编码，请另存为 UTF-8 / not UTF-8 encoded (looks like {label}); "
            "save it as UTF-8"
        )
    raise DataFileError("无法以 UTF-8 解码 / not UTF-8 encoded")


def _read_csv(data: bytes, name: str) -> Table:
    text = _decode(data)
    if not text.strip():
        raise DataFileError("文件为空 / file is empty")
    try:
        columns, rows = csv_rows(text)
    except SheetError as exc:
        raise DataFileError(str(exc)) from exc
    return Table(columns=columns, rows=rows, source_name=name)


def _read_xlsx(data: bytes, name: str) -> Table:
    if not data:
        raise DataFileError("文件为空 / file is empty")
    try:
        columns, rows = xlsx_rows(data)
    except SheetError as exc:
        raise DataFileError(str(exc)) from exc
    return Table(columns=columns, rows=rows, source_name=name)


def read_table(source: Source, *, filename: str | None = None) -> Table:
    """Read a CSV (UTF-8 / UTF-8 with BOM) or XLSX file into a :class:`Table`.

    ``source`` is a path, raw bytes or a binary file object; ``filename`` gives
    the name (for the extension) when ``source`` is not a path.
    """
    data, name = _read_bytes(source, filename)
    suffix = _suffix(name)
    if suffix not in SUPPORTED_SUFFIXES:
        shown = suffix or "(无扩展名 / no extension)"
        raise DataFileError(f"不支持的文件格式 / unsupported file format: {shown}")
    if not data.strip():
        raise DataFileError("文件为空 / file is empty")
    if suffix == ".csv":
        return _read_csv(data, name)
    return _read_xlsx(data, name)


def select_texts(
    table: Table,
    text_columns: Sequence[str],
    label_column: str | None = None,
    *,
    require_rows: bool = True,
) -> LabelledTexts:
    """Join ``text_columns`` of every row with newlines and pick ``label_column``.

    Missing values count as empty; leading whitespace runs are stripped.  Rows
    whose label is empty are dropped when a label column is asked for.
    """
    if isinstance(text_columns, str):
        text_columns = [text_columns]
    if not text_columns:
        raise DataFileError("未指定文本列 / no text columns given")
    wanted = list(text_columns) + ([label_column] if label_column else [])
    missing = [c for c in wanted if c not in table.columns]
    if missing:
        raise DataFileError(f"缺少列 / missing column: {', '.join(missing)}")
    texts: list[str] = []
    labels: list[str] | None = [] if label_column else None
    for row in table.rows:
        text = join_fields(row.get(c, "") for c in text_columns)
        if label_column:
            label = strip_leading_ws(row.get(label_column, "") or "").strip()
            if not label:
                continue
            labels.append(label)  # type: ignore[union-attr]
        texts.append(text)
    if require_rows and not texts:
        raise DataFileError("没有数据行 / no data rows")
    return LabelledTexts(texts=texts, labels=labels, source_name=table.source_name)


def load_texts(
    source: Source,
    text_columns: Sequence[str],
    label_column: str | None = None,
    *,
    filename: str | None = None,
) -> LabelledTexts:
    """:func:`read_table` followed by :func:`select_texts`."""
    return select_texts(read_table(source, filename=filename), text_columns, label_column)
