"""Similar cases that find the obvious (issue 11): a noise complaint in a county with earlier noise complaints gets
them, worded differently (not near-duplicates), by the matter's topic words; a case on another topic, or one that
shares a single word, is not listed."""

from __future__ import annotations

from fengqiao.cases.services.create import PartyInput
from fengqiao.triage.engine.similar import SimilarIndex, jaccard, shingles, topic_words
from fengqiao.triage.models import SimilarityKey, TriageResult
from fengqiao.triage.selectors import reason_text

NOISE_EARLIER = [
    ("楼上噪音扰民", "楼上住户每天半夜拖动家具、小孩跑跳，噪音很大，我家老人睡不着觉，上门沟通过几次都没有用。"),
    ("邻居深夜噪音", "隔壁邻居天天深夜打麻将，噪音吵得全家无法休息，跟他们说了也不改，希望社区出面调解。"),
]
NOISE_NEW = ("楼上半夜噪音", "楼上邻居半夜总是有很大的噪音，敲击地板的声音吵得我们无法休息，孩子第二天上学没精神。")
WAGES = ("拖欠工资", "我们在工地干了五个月，包工头一直拖欠工资，打电话也不接，十几个工人讨薪无门。")
FACTORY = ("饲料厂运费", "我给青石饲料厂跑运输，饲料厂拖欠我三个月的运费。")


def _reasons(case):
    return {m["case"]: {r["kind"] for r in m["reasons"]} for m in TriageResult.objects.get(case=case).similar}


def test_the_noise_texts_are_not_near_duplicates_but_share_their_topic():
    new = f"{NOISE_NEW[0]}\n{NOISE_NEW[1]}"
    for title, narrative in NOISE_EARLIER:
        assert jaccard(shingles(new), shingles(f"{title}\n{narrative}")) < 0.3
    assert "噪音" in dict(topic_words(new))


def test_a_noise_complaint_gets_the_earlier_noise_complaints(county, triaged):
    earlier = [
        triaged(acting_user=county.center, region=county.grid, title=t, narrative=n, parties=[PartyInput(name=p)])
        for (t, n), p in zip(NOISE_EARLIER, ("钱多多", "孙小梅"), strict=True)
    ]
    wages = triaged(acting_user=county.center, region=county.grid, title=WAGES[0], narrative=WAGES[1],
                    parties=[PartyInput(name="周大海")])  # fmt: skip
    new = triaged(acting_user=county.center, region=county.grid, title=NOISE_NEW[0], narrative=NOISE_NEW[1],
                  parties=[PartyInput(name="郑小红")])  # fmt: skip
    reasons = _reasons(new)
    for case in earlier:
        assert "topic" in reasons[case.pk]
    assert wages.pk not in reasons
    assert SimilarityKey.objects.filter(case=new, kind=SimilarityKey.Kind.TOPIC).exists()
    shown = next(m for m in TriageResult.objects.get(case=new).similar if m["case"] == earlier[0].pk)
    topic = next(r for r in shown["reasons"] if r["kind"] == "topic")
    assert "噪音" in topic["value"] and "噪音" in reason_text(topic)


def test_one_shared_word_is_not_a_topic_and_a_near_duplicate_ranks_first():
    index = SimilarIndex()
    index.add("factory", f"{FACTORY[0]}\n{FACTORY[1]}")
    index.add("noise-1", "\n".join(NOISE_EARLIER[0]))
    index.add("noise-copy", "\n".join(NOISE_NEW) + "。")
    index.add("noise-2", "\n".join(NOISE_EARLIER[1]))
    got = index.query("宏达饲料厂每天夜里排放刺鼻的气味，附近居民晚上不敢开窗。", k=5, by_matter=True)
    assert "factory" not in [m.case_id for m in got]  # only "饲料厂" in common
    # even where that one word is a third of the query's keyword weight
    assert "factory" not in [m.case_id for m in index.query("宏达饲料厂的欠款", k=5, by_matter=True)]
    ranked = [m.case_id for m in index.query("\n".join(NOISE_NEW), k=5, by_matter=True)]
    assert ranked[0] == "noise-copy" and {"noise-1", "noise-2"} <= set(ranked)
    assert index.query("\n".join(NOISE_NEW), k=5, topic=False)[0].case_id == "noise-copy"
    assert [m.case_id for m in index.query("\n".join(NOISE_NEW), k=5, topic=False)] == ["noise-copy"]


def test_topic_words_survive_save_and_load(tmp_path):
    index = SimilarIndex()
    index.add("noise-1", "\n".join(NOISE_EARLIER[0]))
    loaded = SimilarIndex.load(index.save(tmp_path / "idx"))
    assert [m.case_id for m in loaded.query("\n".join(NOISE_NEW), k=5)] == ["noise-1"]
