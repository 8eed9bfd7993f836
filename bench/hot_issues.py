"""Benchmark: hot-issue mining (热点问题挖掘) on gov-messages/hot-issues.csv.

Runs the engine of `fengqiao warning hot-issues` on the whole file and prints the top issues, their figures and
a check of the top five by a stated rule (no labels exist for this file):

- a member is *on topic* when its subject or the start of its detail (600 characters) names the issue's place
  (the first half, at least three characters, of the place's key: "丽发新" for "丽发新城小区", "伊景园" for
  "伊景园滨河苑") and one of the issue's problems by our lexicon;
- ``purity`` is the share of an issue's members on topic;
- ``rule_recall`` is the share of all the file's messages on topic for that issue (same rule) that the issue holds.

The rule is crude (a member about the place written without its name counts as off topic; a message that names
the place and the problem in passing counts as on topic), so read the members too: `--show N` prints the subjects
of the top N issues. Times: wall clock and this process's CPU time (the machine is shared).
"""

from __future__ import annotations

import _common

_common.single_thread()
_common.add_repo_to_path()

import time  # noqa: E402

from fengqiao.warning.engine import find_hot_issues  # noqa: E402
from fengqiao.warning.engine.files import read_messages  # noqa: E402
from fengqiao.warning.engine.places import key_of, normalise  # noqa: E402
from fengqiao.warning.engine.problems import problems_in  # noqa: E402

CHECK_CHARS = 600


def on_topic(text: str, place_key: str, problems: set[str]) -> bool:
    return bool(place_key) and place_key in text and bool(problems & set(problems_in(text)))


def main() -> None:
    p = _common.parser(__doc__.splitlines()[0])
    p.add_argument("--top", type=int, default=5)
    p.add_argument("--show", type=int, default=0, help="print the subjects of the members of the top N issues")
    args = p.parse_args()
    path = _common.require(args.datasets / "gov-messages" / "hot-issues.csv")

    wall, cpu = time.perf_counter(), time.process_time()
    messages = read_messages(path)
    report = find_hot_issues(messages)
    seconds, cpu_seconds = time.perf_counter() - wall, time.process_time() - cpu

    texts = [normalise(m.subject + " " + m.detail[:CHECK_CHARS]) for m in messages]
    top = []
    for rank, issue in enumerate(report.issues[: args.top], start=1):
        place_key = key_of(issue.place)
        key = place_key[: max(3, len(place_key) // 2)]
        problems = set(issue.problem.split("、"))
        hits = sum(on_topic(texts[i], key, problems) for i in issue.members)
        everywhere = sum(on_topic(t, key, problems) for t in texts)
        figures = {
            "rank": rank, "place": issue.place, "problem": issue.problem, "heat": issue.heat,
            "size": len(issue.members), "people": issue.people, "support": issue.support,
            "start": issue.start.isoformat(sep=" "), "end": issue.end.isoformat(sep=" "),
            "purity": round(hits / len(issue.members), 3),
            "rule_recall": round(hits / everywhere, 3) if everywhere else None,
        }
        top.append(figures)
        print(f"{rank}. heat {issue.heat} · {issue.people} people · {len(issue.members)} messages · "
              f"{issue.place} · {issue.problem} · purity {figures['purity']} · recall {figures['rule_recall']}")
        print(f"   {issue.description}")
        if rank <= args.show:
            for index in issue.members:
                mark = "+" if on_topic(texts[index], key, problems) else "-"
                print(f"     {mark} {messages[index].at:%Y-%m-%d} {messages[index].subject}")
    sizes = [len(i.members) for i in report.issues]
    _common.emit({
        "dataset": "gov-messages/hot-issues.csv",
        "n_messages": report.n_messages,
        "n_groups": report.n_groups,
        "n_hot_issues": len(report.issues),
        "messages_in_hot_issues": sum(sizes),
        "seconds": round(seconds, 2),
        "cpu_seconds": round(cpu_seconds, 2),
        "top5_mean_purity": round(sum(t["purity"] for t in top[:5]) / max(1, len(top[:5])), 3),
        "top": top,
    })


if __name__ == "__main__":
    main()
