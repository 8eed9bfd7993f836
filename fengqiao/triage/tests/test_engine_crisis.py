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


# --- repeated and scattered weak cues, bare acts, in-domain false alarms ----


@pytest.mark.parametrize("word", ["绝望", "抑郁", "报复", "纵火", "崩溃"])
def test_a_repeated_weak_word_does_not_raise_the_score(word: str) -> None:
    once = crisis.detect(f"村民们对此感到{word}。")
    many = crisis.detect(f"村民们对此感到{word}，{word}之下多次反映，{word}的情绪在蔓延，{word}。")
    assert many.score == once.score < crisis.THRESHOLD
    assert not many.is_crisis and many.reasons == once.reasons


def test_weak_cues_add_up_only_when_close_together() -> None:
    close = "她说活着太累了，已经在交代后事。"
    assert crisis.detect(close).is_crisis
    apart = "她说活着太累了。" + "单位拖欠工资的事情一直没有人管，" * 5 + "老人已经在准备后事。"
    res = crisis.detect(apart)
    assert not res.is_crisis and res.score < crisis.THRESHOLD
    assert set(res.reasons) == {"活着太累", "准备后事"}


@pytest.mark.parametrize(
    "text",
    [
        "他说明天就去跳河。",
        "我跳楼给你们看。",
        "她曾经自杀过，这次又说要割腕。",
        "他和网友约好今晚一起烧炭。",
        "邓某多次流露轻生念头。",
        "他上个月自杀未遂，现在情绪还很不稳定。",
    ],
)
def test_a_named_act_with_an_intent_cue_is_flagged(text: str) -> None:
    res = crisis.detect(text)
    assert res.is_crisis and res.kind == crisis.SELF_HARM, res


@pytest.mark.parametrize(
    "text",
    [
        "欠薪引发他的妻子投河，家里只剩两个孩子。",
        "新闻里报道过讨薪工人跳楼的事，希望政府重视。",
        "该员工因长期欠薪跳楼身亡，家属要求公司赔偿。",
        "儿子服毒自杀身亡后，家属与医院发生纠纷。",
        "学生在校内自残后，家长与学校就责任分担发生争议。",
    ],
)
def test_a_reported_act_without_a_cue_is_not_flagged_alone(text: str) -> None:
    res = crisis.detect(text)
    assert not res.is_crisis, res


def test_an_unflagged_act_still_counts_with_a_nearby_cue() -> None:
    assert not crisis.detect("学生在校内自残。").is_crisis
    assert crisis.detect("学生在校内自残，说活着太累了。").is_crisis


@pytest.mark.parametrize(
    "text",
    [
        "天堂镇农贸市场门口占道经营。",
        "这样处理的话医疗鉴定就没有意义了。",
        "药店没有处方也出售安眠药。",
        "老人在家里寻死觅活，子女互相推诿赡养责任。",
        "物业经理说要整死我们这些业主。",
        "工资拖了半年，家里的生活快过不下去了。",
    ],
)
def test_ordinary_complaints_with_weak_words_are_not_flagged(text: str) -> None:
    assert not crisis.detect(text).is_crisis


def test_many_hits_stay_fast_and_bounded() -> None:
    import time

    t0 = time.perf_counter()
    res = crisis.detect("绝望，崩溃，抑郁，报复。" * 20_000)
    assert not res.is_crisis and res.score < crisis.THRESHOLD
    assert time.perf_counter() - t0 < 2.0


GOV_MESSAGES = Path(__file__).resolve().parents[4] / "shared" / "datasets" / "gov-messages" / "train.csv"


@pytest.mark.skipif(
    not GOV_MESSAGES.exists(), reason="public government-messages file not present (../shared/datasets)"
)
def test_lexicon_flags_few_ordinary_government_messages() -> None:
    from fengqiao.triage.engine.dataio import load_texts

    texts = load_texts(GOV_MESSAGES, ["留言主题", "留言详情"]).texts
    assert len(texts) > 1000
    flagged = sum(crisis.lexicon_score(t).is_crisis for t in texts)
    assert flagged / len(texts) < 0.005


def test_acts_written_together_are_one_act() -> None:
    assert not crisis.detect("个别工人采取喝农药自杀的方式讨薪。").is_crisis
    assert not crisis.detect("新闻说有职工以跳楼和上吊的方式讨薪。").is_crisis
    assert crisis.detect("他说要喝农药自杀。").is_crisis


def test_an_unnamed_someone_is_a_report_about_others() -> None:
    assert not crisis.detect("当时有人崩溃想跳楼，后来社保局答应补办档案。").is_crisis
    assert crisis.detect("当时他崩溃了，说想跳楼。").is_crisis
