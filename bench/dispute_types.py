"""Benchmark: out-of-the-box dispute-type classifier on the legal-consultation
topics file (a proxy for real mediation narratives).

Only topics that correspond to one of Fengqiao's dispute types are scored.  The
mapping was fixed before looking at results, from the meaning of the topic
names and the way people's mediation statistics group disputes:

    婚姻家庭→marriage_family, 劳动纠纷→labour, 交通事故→traffic,
    房产纠纷→housing_homestead, 拆迁安置→land_acquisition, 消费权益→consumer,
    医疗纠纷→medical, 人身损害→damages, 合同纠纷→contract,
    债权债务→contract (loans and debts count as contract disputes).

Unmapped topics (刑事辩护, 公司法, 行政诉讼, 建设工程, 知识产权, 综合咨询, 涉外法律,
海事海商, 抵押担保, 侵权) are ignored.  Last line: one JSON object.
"""

from __future__ import annotations

import _common

_common.add_repo_to_path()

import time  # noqa: E402
from collections import Counter, defaultdict  # noqa: E402

from fengqiao.triage.engine import dispute_types  # noqa: E402
from fengqiao.triage.engine.dataio import load_texts  # noqa: E402

TOPIC_TO_TYPE = {
    "婚姻家庭": "marriage_family",
    "劳动纠纷": "labour",
    "交通事故": "traffic",
    "房产纠纷": "housing_homestead",
    "拆迁安置": "land_acquisition",
    "消费权益": "consumer",
    "医疗纠纷": "medical",
    "人身损害": "damages",
    "合同纠纷": "contract",
    "债权债务": "contract",
}


def main() -> None:
    args = _common.parser(__doc__).parse_args()
    path = _common.require(args.datasets / "disputes" / "legal-consultation-topics.csv")
    data = load_texts(path, ["text"], "topic")
    rows = [
        (t, TOPIC_TO_TYPE[lbl], lbl)
        for t, lbl in zip(data.texts, data.labels, strict=True)
        if lbl in TOPIC_TO_TYPE
    ]
    dispute_types.classify("预热 warm-up")
    t0 = time.perf_counter()
    preds = [dispute_types.classify(t).type_code for t, _, _ in rows]
    ms = (time.perf_counter() - t0) * 1000 / max(len(rows), 1)
    per_topic: dict[str, list[int]] = defaultdict(list)
    confusions: Counter[tuple[str, str]] = Counter()
    for (_, want, topic), got in zip(rows, preds, strict=True):
        per_topic[topic].append(int(got == want))
        if got != want:
            confusions[(topic, got)] += 1
    correct = sum(sum(v) for v in per_topic.values())
    no_debt = [v for k, v in per_topic.items() if k != "债权债务"]
    result = {
        "accuracy": round(correct / len(rows), 4),
        "n": len(rows),
        "accuracy_without_debt_topic": round(sum(map(sum, no_debt)) / sum(map(len, no_debt)), 4),
        "per_type": {TOPIC_TO_TYPE[k] + "/" + k: round(sum(v) / len(v), 3) for k, v in per_topic.items()},
        "other_rate": round(preds.count(dispute_types.OTHER) / len(preds), 4),
        "ms_per_text": round(ms, 2),
        "top_confusions": {f"{a}->{b}": n for (a, b), n in confusions.most_common(6)},
    }
    _common.emit(result)


if __name__ == "__main__":
    main()
