"""`fengqiao warning hot-issues`: output, export and the refusal of bad files."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from fengqiao.warning.engine.records import COLUMNS
from fengqiao.warning.tests.messages import build, matter_of


def _write(path: Path, rows: list[dict[str, str]], columns: tuple[str, ...] = COLUMNS) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(columns), extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    return path


def _rows() -> list[dict[str, str]]:
    return [
        {"留言编号": m.id, "留言用户": m.user, "留言主题": m.subject, "留言时间": m.at.strftime("%Y/%m/%d %H:%M:%S"),
         "留言详情": "\n\t\t" + m.detail, "反对数": str(m.against), "点赞数": str(m.support)}
        for m in build()
    ]


def _run(*args: str) -> str:
    out = io.StringIO()
    call_command("warning", "hot-issues", *args, stdout=out)
    return out.getvalue()


def test_json_lists_the_top_issues_with_their_members(tmp_path):
    data = _write(tmp_path / "messages.csv", _rows())
    result = json.loads(_run("--data", str(data), "--top", "2", "--json"))
    assert result["n_messages"] == len(build())
    issues = result["hot_issues"]
    assert [i["rank"] for i in issues] == [1, 2]
    first = issues[0]
    assert {matter_of(m) for m in first["member_message_ids"]} == {"pigs"}
    assert first["place"] == "东坪村" and first["start"] < first["end"] and first["heat"] > issues[1]["heat"]


def test_table_without_json_and_dates_with_dashes(tmp_path):
    rows = _rows()
    for row in rows:
        row["留言时间"] = row["留言时间"].replace("/", "-")
    out = _run("--data", str(_write(tmp_path / "m.csv", rows)), "--top", "4")
    lines = out.strip().splitlines()
    assert len(lines) == 5 and "东坪村" in lines[1] and "青石路" in lines[4]


def test_export_writes_both_tables_with_formulas_neutralised(tmp_path):
    from openpyxl import load_workbook

    rows = _rows()
    pig_row = next(r for r in rows if r["留言编号"] == "pigs-0")
    pig_row["留言详情"] = "=HYPERLINK(\"http://example.invalid\")" + pig_row["留言详情"]
    data = _write(tmp_path / "m.csv", rows)
    _run("--data", str(data), "--top", "4", "--export", str(tmp_path / "out"))
    issues = load_workbook(tmp_path / "out" / "热点问题表.xlsx").active
    details = load_workbook(tmp_path / "out" / "热点问题留言明细表.xlsx").active
    assert issues.max_row == 5 and issues.cell(2, 5).value == "东坪村"
    assert details.max_row == 1 + 8 + 8 + 6 + 4
    cells = [c.value for row in details.iter_rows(min_row=2) for c in row]
    assert any(isinstance(v, str) and v.startswith("'=HYPERLINK(") for v in cells)
    assert not any(isinstance(v, str) and v.startswith("=") for v in cells)


@pytest.mark.parametrize(
    ("content", "zh", "en"),
    [
        ("", "文件为空", "empty"),
        ("留言编号,留言用户,留言主题,留言时间,留言详情\n1,a,b,2019/2/28 11:25:05,c\n", "缺少列", "missing column"),
        (",".join(COLUMNS) + "\n", "没有留言行", "no message rows"),
        (",".join(COLUMNS) + "\n1,a,主题,上周三,详情,0,0\n2,b,主题,2019/2/30,详情,0,0\n", "留言时间无法识别",
         "unreadable date"),
        (",".join(COLUMNS) + "\n1,a,主题,2019/2/28,详情,0,很多\n", "点赞数", "likes"),
    ],
)
def test_bad_files_are_refused_in_both_languages(tmp_path, content, zh, en):
    path = tmp_path / "bad.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(CommandError) as refused:
        _run("--data", str(path), "--json")
    message = str(refused.value)
    assert zh in message and en in message and "\n" not in message


def test_unreadable_dates_name_the_rows(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text(",".join(COLUMNS) + "\n1,a,主题,2019/2/28,详情,0,0\n2,b,主题,明天,详情,0,0\n", encoding="utf-8")
    with pytest.raises(CommandError, match="第 3 行"):
        _run("--data", str(path))


def test_missing_file_wrong_format_and_encoding(tmp_path):
    with pytest.raises(CommandError, match="file not found"):
        _run("--data", str(tmp_path / "nowhere.csv"))
    (tmp_path / "m.txt").write_text("x", encoding="utf-8")
    with pytest.raises(CommandError, match="unsupported file format"):
        _run("--data", str(tmp_path / "m.txt"))
    (tmp_path / "gbk.csv").write_bytes((",".join(COLUMNS) + "\n1,甲,主题,2019/2/28,详情,0,0\n").encode("gbk"))
    with pytest.raises(CommandError, match="UTF-8"):
        _run("--data", str(tmp_path / "gbk.csv"))


def test_top_must_be_positive(tmp_path):
    data = _write(tmp_path / "m.csv", _rows())
    with pytest.raises(CommandError):
        _run("--data", str(data), "--top", "0")
