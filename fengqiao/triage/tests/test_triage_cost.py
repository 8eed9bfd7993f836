"""What one case's triage costs does not grow with the similar cases before it (issue 10: the intake bench figures
do not get worse). Counted, not timed: jieba segments the new case's text once, the earlier cases are never
analysed again, the queries are as many with six similar cases as with one; and the ranking from the stored keys
is the one the engine gives with every earlier case's full record."""

from __future__ import annotations

import jieba
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from fengqiao.cases.services.create import PartyInput
from fengqiao.testing.factories import make_case
from fengqiao.triage.engine.similar import SimilarIndex
from fengqiao.triage.models import TriageResult
from fengqiao.triage.services.run import triage_run

NOISE = [
    ("楼上噪音扰民", "楼上住户每天半夜拖动家具、小孩跑跳，噪音很大，我家老人睡不着觉，上门沟通过几次都没有用。"),
    ("邻居深夜噪音", "隔壁邻居天天深夜打麻将，噪音吵得全家无法休息，跟他们说了也不改，希望社区出面调解。"),
    ("楼下噪音", "楼下商铺晚上放音乐到十二点，噪音吵得孩子没法写作业，找过物业也没有人管。"),
    ("装修噪音扰民", "对门邻居装修每天早上七点就开始电钻，噪音大得没法休息，周末也不停。"),
    ("广场舞噪音", "小区广场舞音响开得太大，噪音一直到晚上十点，老人孩子都休息不好。"),
    ("夜间施工噪音", "附近工地夜间施工，噪音很大，吵得附近居民整夜无法休息，希望有关部门管一管。"),
]
NEW = ("楼上半夜噪音", "楼上邻居半夜总是有很大的噪音，敲击地板的声音吵得我们无法休息，孩子第二天上学没精神。")
SMELL = ("饲料厂异味", "青石饲料厂每天夜里排放刺鼻的气味，附近三个小区的居民晚上不敢开窗，老人孩子咳嗽不止。")


@pytest.fixture
def jieba_cuts(monkeypatch):
    """How often jieba segments a text with its plain tokenizer (the real one still runs)."""
    calls: list[str] = []
    real = jieba.Tokenizer.cut

    def counted(self, sentence, *args, **kwargs):
        calls.append(sentence)
        return real(self, sentence, *args, **kwargs)

    monkeypatch.setattr(jieba.Tokenizer, "cut", counted)
    return calls


def _earlier(county, triaged, texts):
    return [
        triaged(acting_user=county.center, region=county.grid, title=t, narrative=n,
                parties=[PartyInput(name=f"钱多{'一二三四五六七八'[i]}")])  # fmt: skip
        for i, (t, n) in enumerate(texts)
    ]


def _new_case(county, title=NEW[0], narrative=NEW[1], **kwargs):
    """A new case whose triage has not run yet (its on-commit work is not executed inside the test)."""
    kwargs.setdefault("parties", [PartyInput(name="郑小红")])
    return make_case(acting_user=county.center, region=county.grid, title=title, narrative=narrative, **kwargs)


def test_the_new_case_is_segmented_once_and_the_earlier_ones_never_again(county, triaged, jieba_cuts):
    earlier = _earlier(county, triaged, NOISE)
    case = _new_case(county)
    jieba_cuts.clear()
    result = triage_run(case_id=case.pk)
    assert result.status == "done"
    listed = {m["case"] for m in result.similar}
    assert len(listed & {c.pk for c in earlier}) >= 4  # the earlier noise complaints were ranked ...
    assert len(jieba_cuts) == 1  # ... and only the new case's own text was cut, once
    assert "敲击地板" in jieba_cuts[0]


def test_a_triage_runs_as_many_queries_after_six_similar_cases_as_after_one(county, triaged):
    _earlier(county, triaged, NOISE[:2])
    case = _new_case(county)
    with CaptureQueriesContext(connection) as after_two:
        first = triage_run(case_id=case.pk)
    _earlier(county, triaged, NOISE[2:])
    case = _new_case(county, title="楼上噪音不断", narrative="楼上每天晚上很晚还在走动，噪音吵得我们无法休息，已经好几个月了。")
    with CaptureQueriesContext(connection) as after_six:
        second = triage_run(case_id=case.pk)
    assert len(first.similar) < len(second.similar)
    assert len(after_six.captured_queries) == len(after_two.captured_queries)


def _engine_ranking(earlier, new, parties):
    """The engine's ranking of `earlier` for `new`, each earlier case indexed with its full record."""
    index = SimilarIndex()
    for case in earlier:
        index.add(case.pk, f"{case.title}\n{case.narrative}", parties=[p.name for p in case.parties.all()],
                  phones=[p.phone for p in case.parties.all() if p.phone], place=case.address,
                  region_code=case.region.code,
                  organisations=TriageResult.objects.get(case=case).entities.get("organisations", []))
    found = index.query(f"{new.title}\n{new.narrative}", k=20, parties=[p.name for p in parties],
                        phones=[p.phone for p in parties if p.phone], place=new.address, region_code=new.region.code,
                        organisations=TriageResult.objects.get(case=new).entities.get("organisations", []),
                        by_matter=True)  # fmt: skip
    return [(int(m.case_id), round(m.score, 3), len(m.reasons)) for m in found if m.reasons]


def test_the_ranking_from_stored_keys_is_the_engines_with_full_records(county, triaged):
    """Same ranking, scores and reasons as the engine indexing every earlier case with its text and metadata: the
    same matter by text, topic and place; the same person on the same matter; the same person alone is not listed."""
    earlier = _earlier(county, triaged, NOISE[:3])
    earlier.append(triaged(acting_user=county.center, region=county.grid, title=SMELL[0], narrative=SMELL[1],
                           address="锦华苑小区三幢", parties=[PartyInput(name="赵建国", phone="13811112222")]))
    earlier.append(triaged(acting_user=county.center, region=county.grid, title="工资问题",
                           narrative="我在饲料厂打工的工钱还没结清。",
                           parties=[PartyInput(name="赵建国", phone="13811112222")]))
    earlier.append(triaged(acting_user=county.center, region=county.grid, title="停车", narrative="小区停车位不够。",
                           address="锦华苑小区三幢", parties=[PartyInput(name="钱多多")]))
    parties = [PartyInput(name="赵建国", phone="13811112222")]
    smell = _new_case(county, title=SMELL[0], narrative=SMELL[1].replace("三个", "两个"), address="锦华苑小区三幢",
                      parties=parties)  # fmt: skip
    stored = triage_run(case_id=smell.pk).similar
    assert [(m["case"], m["score"], len(m["reasons"])) for m in stored] == _engine_ranking(earlier, smell, parties)
    kinds = {m["case"]: {r["kind"] for r in m["reasons"]} for m in stored}
    assert kinds[earlier[3].pk] >= {"text", "phone", "party", "place"}
    assert "place" in kinds[earlier[5].pk]
    assert earlier[4].pk not in kinds  # the same person on another matter

    earlier.append(smell)
    parties = [PartyInput(name="郑小红")]
    noise = _new_case(county, parties=parties)
    stored = triage_run(case_id=noise.pk).similar
    assert [(m["case"], m["score"], len(m["reasons"])) for m in stored] == _engine_ranking(earlier, noise, parties)
    assert any(r["kind"] == "topic" for m in stored for r in m["reasons"])
