"""`fengqiao triage train | evaluate | predict | retrain | activate | rollback` on small files written here."""
from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from fengqiao.triage.models import ModelVersion

TOPICS = {
    "城乡建设": ["小区道路破损积水", "老旧小区加装电梯", "违章搭建占用绿地", "楼房外墙脱落", "小区下水道堵塞"],
    "劳动和社会保障": ["公司拖欠工资", "单位不缴社保", "辞退不给经济补偿", "工伤认定申请", "加班费不发放"],
    "交通运输": ["公交线路班次太少", "出租车拒载绕路", "公路货车超载", "客运站秩序混乱", "道路缺少红绿灯"],
}
TAILS = ["，请有关部门尽快处理。", "，多次反映没有结果。", "，希望给个说法。", "，影响很大，请求解决。"]
HEADER = ["留言主题", "留言详情", "一级标签"]


def rows(n_per_topic: int = 8, offset: int = 0) -> list[list[str]]:
    out = []
    for label, topics in TOPICS.items():
        for i in range(n_per_topic):
            topic = topics[(i + offset) % len(topics)]
            out.append([topic, f"{topic}{TAILS[(i + offset) % len(TAILS)]}第{i + offset}次来信。", label])
    return out


def write_csv(path: Path, data: list[list[str]], header: list[str] = HEADER, encoding: str = "utf-8") -> Path:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(data)
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def write_xlsx(path: Path, data: list[list[str]]) -> Path:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(HEADER)
    for row in data:
        sheet.append(row)
    book.save(path)
    return path


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("triage", *args, stdout=out)
    return out.getvalue()


COLUMNS = ["--text-columns", "留言主题,留言详情", "--label-column", "一级标签"]


@pytest.fixture
def data_files(tmp_path):
    return {
        "train": write_csv(tmp_path / "train.csv", rows(8)),
        "test_xlsx": write_xlsx(tmp_path / "test.xlsx", rows(3, offset=2)),
        "test_csv": write_csv(tmp_path / "test.csv", rows(3, offset=2)),
    }


@pytest.mark.django_db
def test_train_evaluate_predict(tmp_path, data_files):
    model_dir = tmp_path / "m1"
    out = run("train", "--data", str(data_files["train"]), *COLUMNS, "--model-dir", str(model_dir))
    assert (model_dir / "model.joblib").is_file() and "v1" in out
    registered = ModelVersion.objects.get()
    assert registered.kind == "category" and not registered.is_active and registered.training_summary["n"] == 24

    report = json.loads(run("evaluate", "--data", str(data_files["test_xlsx"]), *COLUMNS, "--model-dir", str(model_dir),
                            "--json"))
    assert report["n"] == 9 and report["accuracy"] >= 0.8 and report["macro_f1"] >= 0.8
    assert set(report["per_class"]) == set(TOPICS)
    assert set(report["per_class"]["交通运输"]) >= {"precision", "recall", "f1", "support"}
    assert report["per_class"]["交通运输"]["support"] == 3

    output = tmp_path / "out" / "pred.jsonl"
    run("predict", "--data", str(data_files["test_csv"]), "--text-columns", "留言主题,留言详情",
        "--model-dir", str(model_dir), "--output", str(output))
    lines = [json.loads(line) for line in output.read_text(encoding="utf-8").splitlines()]
    assert len(lines) == 9 and [line["row"] for line in lines] == list(range(9))
    first = lines[0]
    assert set(first) >= {"category", "category_confidence", "dispute_type", "crisis", "crisis_score", "crisis_reasons",
                          "entities"}
    assert set(first["entities"]) >= {"persons", "organisations", "phones", "id_numbers", "addresses"}
    assert first["category"] == "城乡建设" and 0 < first["category_confidence"] <= 1
    assert isinstance(first["crisis"], bool) and first["crisis"] is False
    assert [line["category"] for line in lines[3:6]] == ["劳动和社会保障"] * 3


@pytest.mark.django_db
def test_predict_without_a_model_dir_uses_the_active_model(tmp_path, data_files):
    plain = tmp_path / "plain.jsonl"
    data = write_csv(tmp_path / "one.csv", [["求助", "电话13912345678，家里实在活不下去了。", ""]])
    run("predict", "--data", str(data), "--text-columns", "留言主题,留言详情", "--output", str(plain))
    line = json.loads(plain.read_text(encoding="utf-8"))
    assert line["category"] is None and line["category_confidence"] is None  # no model trained yet
    assert line["crisis"] is True and line["crisis_reasons"] and line["entities"]["phones"] == ["13912345678"]

    run("train", "--data", str(data_files["train"]), *COLUMNS, "--model-dir", str(tmp_path / "m"), "--activate")
    run("predict", "--data", str(data_files["test_csv"]), "--text-columns", "留言主题,留言详情", "--output", str(plain))
    assert json.loads(plain.read_text(encoding="utf-8").splitlines()[0])["category"] == "城乡建设"
    masked = tmp_path / "masked.jsonl"
    run("predict", "--data", str(data), "--text-columns", "留言主题,留言详情", "--output", str(masked), "--mask")
    assert json.loads(masked.read_text(encoding="utf-8"))["entities"]["phones"] == ["139****5678"]


@pytest.mark.parametrize(("content", "message"), [
    (b"", "file is empty"),
    ("留言主题,一级标签\n你好,城乡建设\n".encode(), "missing column: 留言详情"),
    ("留言主题,留言详情,一级标签\n你好,道路破损,城乡建设\n".encode("gbk"), "not UTF-8"),
])
def test_bad_files_give_one_line_naming_the_problem(tmp_path, content, message):
    path = tmp_path / "bad.csv"
    path.write_bytes(content)
    with pytest.raises(CommandError) as caught:
        run("evaluate", "--data", str(path), *COLUMNS, "--model-dir", str(tmp_path), "--json")
    text = str(caught.value)
    assert message in text and "\n" not in text


def test_bad_files_exit_non_zero_without_a_traceback(tmp_path):
    path = tmp_path / "bad.xlsx"
    path.write_bytes(b"not a workbook")
    done = subprocess.run(  # noqa: S603 - our own interpreter and manage.py
        [sys.executable, str(Path(settings.BASE_DIR) / "manage.py"), "triage", "train", "--data", str(path), *COLUMNS,
         "--model-dir", str(tmp_path / "m")],
        capture_output=True, text=True, timeout=120, cwd=settings.BASE_DIR,
    )
    assert done.returncode != 0
    assert "Traceback" not in done.stderr
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "XLSX" in lines[0]
    assert not (tmp_path / "m").exists()


@pytest.mark.django_db
def test_a_missing_model_dir_is_a_clear_error(tmp_path, data_files):
    with pytest.raises(CommandError, match="模型目录不存在"):
        run("evaluate", "--data", str(data_files["test_csv"]), *COLUMNS, "--model-dir", str(tmp_path / "nope"))
    with pytest.raises(CommandError, match="没有可用的类别模型"):
        run("evaluate", "--data", str(data_files["test_csv"]), *COLUMNS)


@pytest.mark.django_db
def test_dispute_types_and_crisis_can_be_evaluated_without_a_model(tmp_path):
    types = write_csv(tmp_path / "types.csv", [["邻居家装修噪音太大", "劳动争议" if False else "邻里"],
                                              ["公司拖欠三个月工资", "劳动争议"]], header=["text", "label"])
    report = json.loads(run("evaluate", "--data", str(types), "--text-columns", "text", "--label-column", "label",
                            "--kind", "dispute_type", "--json"))
    assert report["n"] == 2 and report["accuracy"] == 1.0 and set(report["per_class"]) == {"neighbour", "labour"}
    crisis = write_csv(tmp_path / "crisis.csv", [["我实在活不下去了", "1"], ["跳楼价甩卖", "0"]], header=["text", "label"])
    report = json.loads(run("evaluate", "--data", str(crisis), "--text-columns", "text", "--label-column", "label",
                            "--kind", "crisis", "--json"))
    assert report["accuracy"] == 1.0 and report["per_class"]["crisis"]["recall"] == 1.0
