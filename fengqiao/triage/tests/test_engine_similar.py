"""Similar-case index: incremental adds, metadata reasons, persistence and
recall against an exact scan on a few thousand synthetic cases."""

from __future__ import annotations

import random
from pathlib import Path

import numpy as np
import pytest

from fengqiao.triage.engine.similar import CaseRecord, SimilarIndex, exact_top_k, jaccard, shingles

PIECES = [
    "申请人",
    "被申请人",
    "宅基地",
    "围墙",
    "拖欠工资",
    "包工头",
    "邻居",
    "漏水",
    "物业费",
    "交通事故",
    "赔偿",
    "医院",
    "承包地",
    "彩礼",
    "离婚",
    "拆迁",
    "补偿款",
    "噪音",
    "养猪场",
    "借款",
    "合同",
    "村委会",
    "调解员",
    "双方",
    "协商",
]
CHARS = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经"


def synth_text(r: random.Random) -> str:
    parts = []
    for _ in range(r.randint(10, 16)):
        parts.append(r.choice(PIECES) + "".join(r.choices(CHARS, k=r.randint(3, 8))))
    return "，".join(parts) + "。"


def near_dup(text: str, r: random.Random, edits: int) -> str:
    chars = list(text)
    for _ in range(edits):
        chars[r.randrange(len(chars))] = r.choice(CHARS)
    return "".join(chars)


@pytest.fixture(scope="module")
def corpus() -> tuple[SimilarIndex, list[tuple[str, str, str]]]:
    r = random.Random(5)
    index = SimilarIndex()
    originals: list[str] = []
    queries = []
    batch = []
    for i in range(3000):
        if originals and r.random() < 0.05:
            text = near_dup(r.choice(originals), r, r.randint(2, 10))
        else:
            text = synth_text(r)
            originals.append(text)
        batch.append(CaseRecord(f"c{i}", text))
        if len(batch) == 500:
            index.add_many(batch)
            batch = []
    index.add_many(batch)
    for j in range(40):  # one at a time, interleaved with queries below
        src = r.choice(originals)
        index.add(f"inc{j}", near_dup(src, r, 3))
        queries.append((f"q{j}", near_dup(src, r, 4), f"inc{j}"))
    return index, queries


def test_shingles_and_jaccard() -> None:
    a = shingles("申请人与被申请人系邻居")
    assert a.dtype == np.uint32 and len(a) == len(set(a.tolist()))
    assert jaccard(a, a) == 1.0
    assert jaccard(a, shingles("完全不同的一句话")) < 0.1
    assert len(shingles("")) == 0 and len(shingles("好")) == 1


def test_recall_against_exact_scan(corpus) -> None:
    index, queries = corpus
    hits = total = 0
    for _, text, _ in queries:
        exact = exact_top_k(index, text, k=5, min_jaccard=index.min_jaccard)
        got = index.query(text, k=5, topic=False)  # the text channel against the exact scan of the same shingles
        assert all(m.text_similarity >= index.min_jaccard for m in got)
        kth = exact[-1][1] if exact else 1.0
        total += len(exact)
        hits += sum(1 for m in got if m.case_id in {e for e, _ in exact} or m.text_similarity >= kth - 1e-9)
    assert total > 40
    assert hits / total >= 0.95


def test_incrementally_added_case_is_found(corpus) -> None:
    index, queries = corpus
    for _, text, inc_id in queries[:10]:
        ids = [m.case_id for m in index.query(text, k=5)]
        assert inc_id in ids
        m = next(m for m in index.query(text, k=5) if m.case_id == inc_id)
        assert any(r.startswith("文本相似") for r in m.reasons)


def test_metadata_reasons() -> None:
    index = SimilarIndex()
    index.add("A", "申请人王建国与邻居因围墙发生纠纷。", parties=["王建国"], phones=["138-1234-5678"])
    index.add("B", "拖欠工资三个月。", id_numbers=["11010519491231002X"], place="浙江省诸暨市枫桥镇东村")
    index.add("C", "无关的案件。", parties=["张某"], region_code="330681")
    res = {m.case_id: m for m in index.query("", parties=["王建国"], phones=["13812345678"])}
    assert set(res) == {"A"}
    assert "同一当事人 / same party" in res["A"].reasons and "同一电话 / same phone" in res["A"].reasons
    (m,) = index.query("另一件事", id_numbers=["11010519491231002x"])
    assert m.case_id == "B" and m.reasons == ["同一身份证号 / same ID number"]
    (m,) = index.query("", place="浙江省 诸暨市枫桥镇东村")
    assert m.case_id == "B" and m.reasons == ["同一地点 / same place"]
    # anonymised names identify nobody
    assert index.query("", parties=["张某"]) == []
    # a case does not match itself when excluded
    assert index.query("", parties=["王建国"], exclude=["A"]) == []


def test_save_and_load(tmp_path: Path, corpus) -> None:
    index, queries = corpus
    path = index.save(tmp_path / "idx")
    loaded = SimilarIndex.load(path)
    assert len(loaded) == len(index)
    text = queries[0][1]
    assert [m.case_id for m in loaded.query(text)] == [m.case_id for m in index.query(text)]
    loaded.add("new", text)
    assert "new" in [m.case_id for m in loaded.query(text)]


def test_total_on_odd_input() -> None:
    index = SimilarIndex()
    assert index.query("anything") == []
    index.add("e", "")
    index.add("big", "邻" * 10_000_000)
    assert index.query("") == []
    assert isinstance(index.query("邻" * 100), list)


def test_by_matter_leaves_out_the_same_person_on_another_matter_and_ranks_by_the_matter():
    idx = SimilarIndex()
    smell = "饲料厂每天夜里排放刺鼻的气味，附近三个小区的居民晚上不敢开窗，请尽快查处并公开检测结果。"
    idx.add("same-person", "我在饲料厂打工的工钱还没结清。", phones=["13811112222"])
    idx.add("same-matter", smell, parties=["孙小梅"])
    idx.add("same-org", "运费拖欠了三个月。", organisations=["宏达饲料有限公司"])
    query = {"phones": ["13811112222"], "organisations": ["宏达饲料有限公司"]}
    by_person = idx.query(smell, k=5, **query)
    assert "same-person" in [m.case_id for m in by_person]
    by_matter = idx.query(smell, k=5, by_matter=True, **query)
    assert [m.case_id for m in by_matter] == ["same-matter", "same-org"]
    assert any("同一单位" in r for r in by_matter[1].reasons)
