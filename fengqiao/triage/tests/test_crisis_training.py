"""`fengqiao triage train --kind crisis` with `--positive-from` and `--negatives` (issue 11): a crisis model
trained from a numeric level column and another file's rows as negatives, side by side with a category model in
one model dir, `predict --model-dir` using every model in it; bad input refused with one clear line."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from fengqiao.triage.tests.crisis_sentences import DANGER, HARD_NEGATIVES
from fengqiao.triage.tests.test_commands import rows, write_csv

MILD = [
    "这几天心情很差，工资又没发。",
    "跟邻居吵了一架，气得吃不下饭。",
    "房子的事拖了这么久，真是烦。",
    "孩子的抚养费又没给，日子紧巴巴的。",
]


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("triage", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def crisis_files(tmp_path: Path) -> dict[str, Path]:
    levels = [[t, str(5 + i % 5)] for i, t in enumerate(DANGER[:120])]
    levels += [[t, str(i % 4)] for i, t in enumerate(MILD * 10)]
    messages = [[t[:8], t, "城乡建设"] for t in HARD_NEGATIVES]
    return {
        "levels": write_csv(tmp_path / "levels.csv", levels, header=["comment", "level"]),
        "messages": write_csv(tmp_path / "messages.csv", messages),
        "category": write_csv(tmp_path / "category.csv", rows()),
    }


def _train_crisis(files: dict[str, Path], model_dir: Path, *extra: str) -> str:
    return run(
        "train", "--kind", "crisis", "--data", str(files["levels"]), "--text-columns", "comment",
        "--label-column", "level", "--positive-from", "4", "--negatives", str(files["messages"]),
        "--negative-text-columns", "留言主题,留言详情", "--model-dir", str(model_dir), "--no-register", *extra,
    )  # fmt: skip


@pytest.mark.django_db
def test_a_crisis_model_beside_a_category_model_and_predict_uses_both(tmp_path, crisis_files, monkeypatch):
    model_dir = tmp_path / "models"
    run(
        "train", "--data", str(crisis_files["category"]), "--text-columns", "留言主题,留言详情",
        "--label-column", "一级标签", "--model-dir", str(model_dir), "--no-register",
    )  # fmt: skip
    said = _train_crisis(crisis_files, model_dir)
    n = 120 + 40 + len(HARD_NEGATIVES)
    assert f"{n} 条" in said
    assert {"model.joblib", "meta.json", "crisis.joblib", "crisis-meta.json"} <= {
        p.name for p in model_dir.iterdir()
    }
    meta = json.loads((model_dir / "crisis-meta.json").read_text(encoding="utf-8"))
    assert meta["n_positive"] == 120

    from fengqiao.triage import runtime

    loaded: list[str] = []
    real = runtime.load_model
    monkeypatch.setattr(runtime, "load_model", lambda ref: loaded.append(ref.kind) or real(ref))
    data = write_csv(tmp_path / "in.csv", [["", "公司拖欠工资三个月", ""], ["", DANGER[0], ""]])
    out = tmp_path / "out.jsonl"
    run("predict", "--data", str(data), "--text-columns", "留言主题,留言详情", "--model-dir", str(model_dir),
        "--output", str(out))  # fmt: skip
    assert {"category", "crisis"} <= set(loaded)
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert lines[0]["category"] == "劳动和社会保障" and not lines[0]["crisis"]
    assert lines[1]["crisis"]


@pytest.mark.django_db
def test_a_label_column_that_is_not_numeric_is_refused(tmp_path, crisis_files):
    bad = write_csv(
        tmp_path / "bad.csv", [["不想活了", "高"], ["今天很好", "0"]], header=["comment", "level"]
    )
    with pytest.raises(CommandError, match=r"第 1 行不是数字.*--positive-from"):
        run("train", "--kind", "crisis", "--data", str(bad), "--text-columns", "comment", "--label-column",
            "level", "--positive-from", "4", "--model-dir", str(tmp_path / "m"), "--no-register")  # fmt: skip


@pytest.mark.django_db
def test_crisis_options_are_refused_for_other_kinds(tmp_path, crisis_files):
    with pytest.raises(CommandError, match="--kind crisis"):
        run("train", "--data", str(crisis_files["category"]), "--text-columns", "留言主题,留言详情",
            "--label-column", "一级标签", "--positive-from", "4", "--no-register")  # fmt: skip


@pytest.mark.django_db
def test_a_missing_negative_column_and_an_empty_negatives_file_are_refused(tmp_path, crisis_files):
    files = dict(crisis_files)
    with pytest.raises(CommandError, match="标题"):
        _train_crisis(files, tmp_path / "m", "--negative-text-columns", "标题")
    files["messages"] = tmp_path / "empty.csv"
    files["messages"].write_text("", encoding="utf-8")
    with pytest.raises(CommandError):
        _train_crisis(files, tmp_path / "m2")


@pytest.mark.django_db
def test_a_model_dir_written_by_another_version_is_refused(tmp_path, crisis_files):
    import joblib

    model_dir = tmp_path / "old"
    model_dir.mkdir()
    joblib.dump({"format": 99}, model_dir / "crisis.joblib")
    data = write_csv(tmp_path / "in.csv", [["", "公司拖欠工资三个月", ""]])
    with pytest.raises(CommandError, match="其他版本"):
        run("predict", "--data", str(data), "--text-columns", "留言主题,留言详情", "--model-dir", str(model_dir),
            "--output", str(tmp_path / "o.jsonl"))  # fmt: skip
    (model_dir / "crisis.joblib").unlink()
    with pytest.raises(CommandError, match="没有模型"):
        run("predict", "--data", str(data), "--text-columns", "留言主题,留言详情", "--model-dir", str(model_dir),
            "--output", str(tmp_path / "o.jsonl"))  # fmt: skip
