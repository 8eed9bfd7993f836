"""Crisis detector with a trained model: the model alone never flags an ordinary
complaint whose only crisis-like words are idioms, dead animals or plants, or a
negation, however it was trained."""

from __future__ import annotations

import pytest

from fengqiao.triage.engine import crisis
from fengqiao.triage.engine.seed_texts import CRISIS_NEGATIVE, CRISIS_POSITIVE, DISPUTE_EXAMPLES
from fengqiao.triage.tests.test_engine_crisis import MUST_FLAG

# Ordinary complaints sharing words with crisis talk, written for this test and
# used by no training set of the project.
HELD_OUT_COMPLAINTS = [
    "超市门口挂着跳楼价的牌子，买回来的鸡蛋一半是坏的。",
    "新砌的围墙把巷子变成了死胡同，三轮车掉不了头。",
    "业主群里有人说物业的通知写得笑死人。",
    "楼道的声控灯坏了两个月，老人晚上上楼摔了一跤。",
    "隔壁饭店晚上点艾草烧死蚊子，烟全飘进我家卧室。",
    "车间里热死了，厂里一直不发高温补贴。",
    "上游造纸厂排污，我家塘里的鱼苗死了一半。",
    "妻子问他不会自杀吧，他说只是想把工资要回来。",
    "今年雨水少，地里的玉米旱死了一大片，保险公司拒赔。",
    "打了除草剂以后，邻居家的菜苗全被药死了。",
    "他家的狗把我家三只鸭子咬死了，要求赔偿。",
    "物业费一年涨两次，业主们都气死了。",
    "开会开到晚上十点，大家累死了还要加班写材料。",
    "商家说这是跳楼大甩卖，结果发票都开不出来。",
    "监控正好有个死角，电动车被偷了找不到人。",
    "电脑一开机就死机，售后说已经过了保修期。",
    "楼上装修的噪音吵死了，孩子写不了作业。",
    "寒潮过后，大棚里的草莓苗全冻死了，农资店不认账。",
    "路口被货车堵死了，救护车都过不去。",
    "楼道里乱拉电线给电动车充电，物业不管。",
]

# ordinary complaints from the project's own examples that a model trained on
# crisis posts once flagged
SEED_COMPLAINTS_ONCE_FLAGGED = [
    "他家每天晚上点蚊香烧死蚊子，烟味飘到我家。",
    "今年夏天热死了，楼上空调外机滴水滴到我家阳台上。",
    "承包的鱼塘因为上游排污，鱼苗死了一大半。",
    "农药店卖的除草剂是假的，庄稼没打死草反倒被烧死了。",
    "丈夫说他不会自杀，只是想要回孩子的探视权。",
]


@pytest.fixture(scope="module")
def seed_model() -> crisis.CrisisModel:
    """A small model trained on the project's own sentences only."""
    negatives = CRISIS_NEGATIVE + [t for texts in DISPUTE_EXAMPLES.values() for t in texts]
    texts = CRISIS_POSITIVE + negatives
    labels = [1] * len(CRISIS_POSITIVE) + [0] * len(negatives)
    return crisis.train_model(texts, labels, cv_folds=3)


@pytest.fixture(scope="module")
def always_crisis_model() -> crisis.CrisisModel:
    """A model that calls every text a crisis: what the cues alone let through."""
    from sklearn.dummy import DummyClassifier
    from sklearn.feature_extraction.text import TfidfVectorizer

    vec = TfidfVectorizer(analyzer="char")
    X = vec.fit_transform(["不想活了", "楼道里堆满杂物"])
    clf = DummyClassifier(strategy="constant", constant=1).fit(X, [1, 0])
    return crisis.CrisisModel(vec, clf, 0.5, {})


def test_held_out_complaints_are_not_in_any_training_list() -> None:
    training = set(CRISIS_POSITIVE) | set(CRISIS_NEGATIVE)
    training |= {t for texts in DISPUTE_EXAMPLES.values() for t in texts}
    assert not training & set(HELD_OUT_COMPLAINTS)


@pytest.mark.parametrize("text", HELD_OUT_COMPLAINTS + SEED_COMPLAINTS_ONCE_FLAGGED)
def test_ordinary_complaints_give_a_model_nothing_to_back_it_up(text: str) -> None:
    assert crisis.model_cues(text) == [], crisis.model_text(text)


@pytest.mark.parametrize("text", HELD_OUT_COMPLAINTS + SEED_COMPLAINTS_ONCE_FLAGGED)
def test_ordinary_complaints_are_not_flagged_even_by_a_model_that_flags_everything(
    text: str, always_crisis_model: crisis.CrisisModel
) -> None:
    assert always_crisis_model.proba([text]) == [1.0]
    res = crisis.detect(text, always_crisis_model)
    assert not res.is_crisis, res


def test_a_model_trained_on_project_sentences_flags_no_held_out_complaint(
    seed_model: crisis.CrisisModel,
) -> None:
    flagged = [t for t in HELD_OUT_COMPLAINTS if crisis.detect(t, seed_model).is_crisis]
    assert flagged == []


def test_a_model_trained_on_project_sentences_still_flags_crisis_talk(seed_model: crisis.CrisisModel) -> None:
    missed = [t for t in MUST_FLAG + CRISIS_POSITIVE if not crisis.detect(t, seed_model).is_crisis]
    assert missed == []


@pytest.mark.parametrize(
    "text",
    [
        "我今晚就走了，大家再见",  # farewell: no lexicon phrase, a cue for the model
        "有没有一起烧炭的",
        "我会不会跳下去",  # a question, not a denial
        "要不要今晚就放弃了",
        "今天我特别特别想死",
        "饭，我快撑不住了",
    ],
)
def test_the_model_can_still_flag_crisis_talk_the_lexicon_misses(
    text: str, always_crisis_model: crisis.CrisisModel
) -> None:
    assert crisis.model_cues(text)
    res = crisis.detect(text, always_crisis_model)
    assert res.is_crisis and res.kind == crisis.SELF_HARM, res
    assert any(r.startswith("模型") for r in res.reasons)


@pytest.mark.parametrize(
    "text",
    [
        "他不会自杀吧？",
        "劝他别想不开",
        "从来没想过轻生",
        "鱼苗死了",
        "烧死蚊子",
        "热死了",
        "笑死",
        "死胡同",
        "跳楼价",
    ],
)
def test_negated_idiomatic_and_non_human_cues_do_not_count(text: str) -> None:
    assert crisis.model_cues(text) == []


def test_the_lexicon_verdict_stands_whatever_the_model_says(always_crisis_model: crisis.CrisisModel) -> None:
    for text in MUST_FLAG:
        assert crisis.detect(text, always_crisis_model).is_crisis
