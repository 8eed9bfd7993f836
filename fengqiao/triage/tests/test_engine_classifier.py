"""Category classifier: train / evaluate / save / load / predict round trip."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from fengqiao.triage.engine import classifier

VOCAB = {
    "交通": ["公交", "地铁", "红绿灯", "堵车", "站台", "线路", "出租车", "驾校"],
    "教育": ["学校", "老师", "学生", "学费", "课程", "幼儿园", "考试", "教室"],
    "环境": ["污染", "噪音", "废水", "垃圾", "油烟", "粉尘", "臭味", "排放"],
}
FILLER = ["我们", "希望", "领导", "尽快", "解决", "问题", "小区", "附近", "反映", "情况", "已经", "多次"]


def synth(n: int, seed: int) -> tuple[list[str], list[str]]:
    r = random.Random(seed)
    texts, labels = [], []
    for i in range(n):
        label = list(VOCAB)[i % 3]
        words = r.choices(VOCAB[label], k=4) + r.choices(FILLER, k=8)
        r.shuffle(words)
        texts.append("，".join(words) + "。")
        labels.append(label)
    return texts, labels


def test_round_trip(tmp_path: Path) -> None:
    texts, labels = synth(90, 1)
    model = classifier.train(texts, labels, source_name="synthetic.csv")
    assert model.classes == ["交通", "教育", "环境"]
    test_texts, test_labels = synth(30, 2)
    ev = classifier.evaluate(model, test_texts, test_labels)
    assert ev["n"] == 30 and ev["accuracy"] >= 0.9 and ev["macro_f1"] >= 0.9
    assert set(ev["per_class"]["教育"]) == {"precision", "recall", "f1", "support"}
    preds = model.predict(test_texts)
    assert all(0.0 <= c <= 1.0 for _, c in preds)

    d = model.save(tmp_path / "model")
    meta = json.loads((d / "meta.json").read_text(encoding="utf-8"))
    assert meta["classes"] == model.classes
    assert meta["training_data"] == {
        "n": 90,
        "per_class": {"交通": 30, "教育": 30, "环境": 30},
        "source": "synthetic.csv",
    }
    assert meta["cv_metrics"]["folds"] == 3 and 0.0 <= meta["cv_metrics"]["macro_f1"] <= 1.0
    assert "created" in meta and "version" in meta and meta["params"]["C"] > 0

    loaded = classifier.load(d)
    again = loaded.predict(test_texts)
    assert [lbl for lbl, _ in again] == [lbl for lbl, _ in preds]
    assert [c for _, c in again] == pytest.approx([c for _, c in preds])
    assert loaded.predict_one("学校的学费太贵了，老师还要求补课")[0] == "教育"


def test_confidence_is_probability_like() -> None:
    texts, labels = synth(90, 3)
    model = classifier.train(texts, labels)
    proba = model.predict_proba(["地铁站台太挤", ""])
    assert proba.shape == (2, 3)
    assert proba.sum(axis=1) == pytest.approx([1.0, 1.0])
    assert proba[0].max() > proba[1].max()  # the empty text is less certain


def test_total_on_odd_inputs() -> None:
    texts, labels = synth(30, 4)
    model = classifier.train(texts, labels, params={"cv_folds": 0})
    out = model.predict(["", " ", "x" * 10_000_000, "😀" * 10])
    assert len(out) == 4 and all(lbl in model.classes for lbl, _ in out)
    assert model.predict([]) == []


def test_needs_two_classes() -> None:
    with pytest.raises(ValueError):
        classifier.train(["a", "b"], ["x", "x"])


def test_load_missing_dir(tmp_path: Path) -> None:
    with pytest.raises(classifier.ModelError):
        classifier.load(tmp_path / "nothing")


def test_a_model_dir_of_another_format_is_refused_with_a_clear_message(tmp_path: Path) -> None:
    import joblib

    texts, labels = synth(30, 5)
    d = classifier.train(texts, labels, params={"cv_folds": 0}).save(tmp_path / "model")
    payload = joblib.load(d / classifier.MODEL_FILE)
    payload["format"] = classifier.MODEL_FORMAT_VERSION - 1
    joblib.dump(payload, d / classifier.MODEL_FILE)
    with pytest.raises(classifier.ModelError, match="模型格式不兼容.*incompatible model format") as err:
        classifier.load(d)
    assert f"format {classifier.MODEL_FORMAT_VERSION - 1}" in str(err.value)
    joblib.dump(["not", "a", "model"], d / classifier.MODEL_FILE)
    with pytest.raises(classifier.ModelError, match="incompatible model format"):
        classifier.load(d)
