"""Data-file reading: formats, encodings and bilingual one-line errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from fengqiao.triage.engine.dataio import DataFileError, load_texts, read_table

DATASETS = Path(__file__).resolve().parents[3].parent / "shared" / "datasets"

CSV = (
    "编号,留言主题,留言详情,一级标签\n"
    "1,路灯坏了,\u3000\u3000 小区路灯坏了半年,城乡建设\n"
    "2,,拖欠工资三个月,劳动和社会保障\n"
    "3,无标签,内容,\n"
)


def test_utf8_csv_joins_columns_and_strips_leading_whitespace(tmp_path: Path) -> None:
    p = tmp_path / "a.csv"
    p.write_text(CSV, encoding="utf-8")
    data = load_texts(p, ["留言主题", "留言详情"], "一级标签")
    assert data.texts == ["路灯坏了\n小区路灯坏了半年", "拖欠工资三个月"]
    assert data.labels == ["城乡建设", "劳动和社会保障"]
    assert data.source_name == "a.csv"


def test_utf8_bom_csv(tmp_path: Path) -> None:
    p = tmp_path / "bom.csv"
    p.write_bytes(CSV.encode("utf-8-sig"))
    table = read_table(p)
    assert table.columns[0] == "编号"
    assert len(table.rows) == 3


def test_text_only_keeps_rows_without_label(tmp_path: Path) -> None:
    p = tmp_path / "a.csv"
    p.write_text(CSV, encoding="utf-8")
    data = load_texts(p, ["留言详情"])
    assert data.labels is None and len(data.texts) == 3


def test_gbk_file_is_rejected_with_clear_message(tmp_path: Path) -> None:
    p = tmp_path / "gbk.csv"
    p.write_bytes(CSV.encode("gbk"))
    with pytest.raises(DataFileError) as err:
        read_table(p)
    msg = str(err.value)
    assert "UTF-8" in msg and "无法以 UTF-8 解码" in msg and "GBK" in msg
    assert "\n" not in msg


def test_missing_column(tmp_path: Path) -> None:
    p = tmp_path / "a.csv"
    p.write_text("留言详情\n你好\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="缺少列 / missing column: 一级标签"):
        load_texts(p, ["留言详情"], "一级标签")


@pytest.mark.parametrize("content", [b"", b"   \n\n"])
def test_empty_file(tmp_path: Path, content: bytes) -> None:
    p = tmp_path / "empty.csv"
    p.write_bytes(content)
    with pytest.raises(DataFileError, match="文件为空 / file is empty"):
        read_table(p)


def test_header_only_has_no_rows(tmp_path: Path) -> None:
    p = tmp_path / "h.csv"
    p.write_text("text,label\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="no data rows"):
        load_texts(p, ["text"], "label")


def test_unknown_extension(tmp_path: Path) -> None:
    p = tmp_path / "notes.txt"
    p.write_text("hello", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"不支持的文件格式 / unsupported file format: \.txt"):
        read_table(p)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(DataFileError, match="file not found"):
        read_table(tmp_path / "nope.csv")


def test_xlsx_read(tmp_path: Path) -> None:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["text", "label", "n"])
    ws.append(["  邻居占道", "邻里", 1])
    ws.append([None, "其他", 2.0])
    ws.append([None, None, None])
    p = tmp_path / "cases.xlsx"
    wb.save(p)
    table = read_table(p)
    assert table.columns == ["text", "label", "n"]
    assert table.rows[1]["n"] == "2"
    data = load_texts(p, ["text"], "label")
    assert data.texts == ["邻居占道", ""]
    assert data.labels == ["邻里", "其他"]


def test_corrupt_xlsx(tmp_path: Path) -> None:
    p = tmp_path / "bad.xlsx"
    p.write_bytes(b"this is not a zip file")
    with pytest.raises(DataFileError, match="cannot read XLSX"):
        read_table(p)


def test_bytes_source_with_filename() -> None:
    table = read_table(CSV.encode("utf-8"), filename="upload.CSV")
    assert len(table.rows) == 3


@pytest.mark.skipif(not (DATASETS / "gov-messages" / "train.csv").exists(), reason="shared datasets absent")
def test_reads_government_messages_file() -> None:
    data = load_texts(DATASETS / "gov-messages" / "train.csv", ["留言主题", "留言详情"], "一级标签")
    assert len(data.texts) > 6000
    assert len(set(data.labels or [])) == 7
    assert all(not t.startswith((" ", "\t", "\u3000")) for t in data.texts)
