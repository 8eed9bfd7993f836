"""Crisis-language detector: lexicon out of the box, optional trained model."""

from __future__ import annotations

from pathlib import Path

import pytest

from fengqiao.triage.engine import crisis
from fengqiao.triage.engine.seed_texts import CRISIS_NEGATIVE, CRISIS_POSITIVE

MUST_FLAG = [
    "实在活不下去了",
    "再不给钱我就从楼上跳下去",
    "和他同归于尽",
    "不想活了",
    "我要喝农药",
    "大不了一起死",
]
MUST_NOT_FLAG = ["跳楼价", "死胡同", "笑死", "楼道", "烧死蚊子", "热死了", "堵死了", "死角", "累死了"]


@pytest.mark.parametrize("text", MUST_FLAG)
def test_flags_crisis_phrases(text: str) -> None:
    res = crisis.detect(text)
    assert res.is_crisis, res
    assert res.score >= crisis.THRESHOLD
    assert res.reasons and res.kind in (crisis.SELF_HARM, crisis.HARM_OTHERS)


@pytest.mark.parametrize("text", MUST_NOT_FLAG)
def test_does_not_flag_ordinary_phrases(text: str) -> None:
    res = crisis.detect(text)
    assert not res.is_crisis, res
    assert res.kind is None and res.reasons == []


def test_kinds() -> None:
    assert crisis.detect("他说要拿刀砍死他们一家").kind == crisis.HARM_OTHERS
    assert crisis.detect("和他同归于尽").kind == crisis.HARM_OTHERS
    assert crisis.detect("她已经不想活了").kind == crisis.SELF_HARM


def test_seed_positives_all_flagged() -> None:
    assert len(CRISIS_POSITIVE) >= 60
    missed = [t for t in CRISIS_POSITIVE if not crisis.detect(t).is_crisis]
    assert missed == []


def test_seed_negatives_none_flagged() -> None:
    assert len(CRISIS_NEGATIVE) >= 60
    flagged = [t for t in CRISIS_NEGATIVE if crisis.detect(t).is_crisis]
    assert flagged == []


@pytest.mark.parametrize(
    "text",
    [
        "他表示不会自杀，只想要回工资",
        "从来没有想过轻生",
        "学校组织防止学生跳楼的安全教育",
        "劝他不要想不开",
        "杀虫剂把蚊子都毒死了",
    ],
)
def test_negations_and_idioms(text: str) -> None:
    assert not crisis.detect(text).is_crisis


def test_threat_with_bie_is_not_negated() -> None:
    assert crisis.detect("别逼我跳楼").is_crisis


def test_result_unpacks_as_tuple() -> None:
    is_crisis, score, reasons, kind = crisis.detect("我不想活了")
    assert (
        is_crisis is True and 0.0 <= score <= 1.0 and "不想活了" in "".join(reasons) and kind == "self_harm"
    )


@pytest.mark.parametrize("text", ["", " ", "死" * 100, "跳楼价" * 1000, "a" * 10_000_000, "\x00\ud800?"])
def test_total_on_any_string(text: str) -> None:
    res = crisis.detect(text)
    assert isinstance(res.is_crisis, bool) and 0.0 <= res.score <= 1.0


def test_long_text_with_crisis_at_start_is_flagged_quickly() -> None:
    import time

    t0 = time.perf_counter()
    res = crisis.detect("我不想活了。" + "楼道里堆满杂物。" * 500_000)
    assert res.is_crisis
    assert time.perf_counter() - t0 < 2.0


def test_trained_model_round_trip(tmp_path: Path) -> None:
    texts = CRISIS_POSITIVE + CRISIS_NEGATIVE
    labels = [1] * len(CRISIS_POSITIVE) + [0] * len(CRISIS_NEGATIVE)
    model = crisis.train_model(texts, labels, cv_folds=3)
    assert 0.0 <= model.threshold <= 1.0
    model.save(str(tmp_path / "m"))
    loaded = crisis.CrisisModel.load(str(tmp_path / "m"))
    assert loaded.proba(["我不想活了"]) == pytest.approx(model.proba(["我不想活了"]))
    res = crisis.detect("他说今晚就去跳河", loaded)
    assert res.is_crisis
    with pytest.raises(ValueError):
        crisis.train_model(["a", "b"], [0, 0])
