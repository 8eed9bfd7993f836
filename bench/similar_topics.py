"""Benchmark: do similar cases find the obvious?  Recall of same-topic cases on the demo county's own texts.

The demo generator (fengqiao/demo/generator/topics.py) writes each case from a topic's title and narrative
templates with names, places, numbers and times filled in per case, so two cases of one topic ("neighbour_noise":
楼上半夜拖动家具 / 楼上装修噪音 ...) are worded alike but are rarely near-duplicates.  Every generated case is
indexed (text only: no party, phone, ID number or place, so that only the matter's words can match), then each of
``--queries`` cases (a random sample) asks for its 5 most similar earlier-or-later cases, ranked by the matter as the
application does (``by_matter=True``).  Reported:

* ``recall_at_5``: per query, the same-topic cases among the top 5 over min(5, same-topic cases in the index),
  averaged; ``hit_at_5``: share of queries with at least one same-topic case in the top 5;
* ``precision_at_5``: share of the cases listed that are of the query's topic; ``listed_per_query``;
* the same with the topic words off (``topic=False``: near-duplicates only), and the median query time.

``--noise-only`` restricts the queries to the neighbour-noise topic (the issue's example).  Last line: one JSON object.
"""

from __future__ import annotations

import _common

_common.single_thread()
_common.add_repo_to_path()

import datetime as dt  # noqa: E402
import os  # noqa: E402
import random  # noqa: E402
import time  # noqa: E402
from collections import Counter  # noqa: E402
from zoneinfo import ZoneInfo  # noqa: E402

import numpy as np  # noqa: E402


def measure(index, specs, queries, *, topic: bool) -> dict[str, float]:
    per_topic = Counter(s.topic for s in specs)
    recall, hit, precision, listed, ms = [], [], [], [], []
    for i in queries:
        spec = specs[i]
        others = per_topic[spec.topic] - 1
        if others < 1:
            continue
        t0 = time.perf_counter()
        got = index.query(f"{spec.title}\n{spec.narrative}", k=5, exclude=[str(i)], by_matter=True, topic=topic)
        ms.append((time.perf_counter() - t0) * 1000)
        same = sum(1 for m in got if specs[int(m.case_id)].topic == spec.topic)
        recall.append(same / min(5, others))
        hit.append(same > 0)
        listed.append(len(got))
        if got:
            precision.append(same / len(got))
    return {
        "recall_at_5": round(float(np.mean(recall)), 4),
        "hit_at_5": round(float(np.mean(hit)), 4),
        "precision_at_5": round(float(np.mean(precision)), 4) if precision else float("nan"),
        "listed_per_query": round(float(np.mean(listed)), 2),
        "query_ms_median": round(float(np.median(ms)), 3),
        "n_queries": len(recall),
    }


def main() -> None:
    ap = _common.parser(__doc__)
    ap.add_argument("--n", type=int, default=2000, help="demo cases generated and indexed")
    ap.add_argument("--queries", type=int, default=300)
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--noise-only", action="store_true")
    args = ap.parse_args()

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fengqiao.config.settings")
    import django

    django.setup()
    from fengqiao.demo.generator.cases import generate_cases
    from fengqiao.triage.engine.similar import CaseRecord, SimilarIndex

    now = dt.datetime(2026, 12, 1, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
    specs = [s for s in generate_cases(seed=args.seed, count=args.n, now=now) if s.topic]
    t0 = time.perf_counter()
    index = SimilarIndex()
    index.add_many([CaseRecord(str(i), f"{s.title}\n{s.narrative}") for i, s in enumerate(specs)])
    build_s = time.perf_counter() - t0
    pool = [i for i, s in enumerate(specs) if not args.noise_only or s.topic == "neighbour_noise"]
    queries = random.Random(args.seed).sample(pool, min(args.queries, len(pool)))
    with_topic = measure(index, specs, queries, topic=True)
    print({"with_topic": with_topic}, flush=True)
    without = measure(index, specs, queries, topic=False)
    res = {
        "n_cases": len(specs),
        "n_topics": len({s.topic for s in specs}),
        "build_seconds": round(build_s, 2),
        **with_topic,
        **{f"text_only_{k}": v for k, v in without.items()},
    }
    _common.emit(res)


if __name__ == "__main__":
    main()
