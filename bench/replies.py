"""Benchmark: the written-answer check against a human judgement of real government replies.

gov-messages/replies.csv holds 2,816 messages with the government's reply and a human mark 可解释性
(1 = the reply explains itself, 0 = it does not). Each reply goes through `reply_check` with its message as the
request (title on the first line, then the details); its "explains itself" part (the basis item: a basis,
the facts found, the handling or the reasons, or at least substance beyond stock phrases) is compared with
the mark. The positive class is "does not explain itself" (可解释性 == 0): precision and recall of that class,
accuracy, n and the confusion matrix.

The rules were written from the vocabulary of official answers, and looked at against the even-numbered rows
only ("dev"); the odd-numbered rows ("held") were not read while writing them, so both halves are reported.
The other questions of the check (place, problem, next steps) have no human mark here; their pass rates are
printed for information. Last line: one JSON object.
"""

from __future__ import annotations

import _common

_common.add_repo_to_path()

import os  # noqa: E402
import time  # noqa: E402

import django  # noqa: E402

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fengqiao.config.settings")
django.setup()

import pandas as pd  # noqa: E402

from fengqiao.replies.checks import BASIS, NEXT_STEPS, PASS, PLACE, PROBLEM, reply_check  # noqa: E402
from fengqiao.triage.engine.text import join_fields  # noqa: E402


def confusion(predicted_not: list[bool], actual_not: list[bool]) -> dict:
    tp = sum(p and a for p, a in zip(predicted_not, actual_not, strict=True))
    fp = sum(p and not a for p, a in zip(predicted_not, actual_not, strict=True))
    fn = sum(a and not p for p, a in zip(predicted_not, actual_not, strict=True))
    tn = sum(not p and not a for p, a in zip(predicted_not, actual_not, strict=True))
    n = tp + fp + fn + tn
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "n": n,
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
        "accuracy": round((tp + tn) / n, 4) if n else 0.0,
        "confusion": {"tp": tp, "fp": fp, "fn": fn, "tn": tn},
    }


def main() -> None:
    ap = _common.parser(__doc__)
    ap.add_argument("--limit", type=int, default=0, help="check only the first N rows (0: all)")
    args = ap.parse_args()
    path = _common.require(args.datasets / "gov-messages" / "replies.csv")
    frame = pd.read_csv(path)
    frame = frame[frame["可解释性"].isin([0, 1]) & frame["答复意见"].notna()].reset_index(drop=True)
    if args.limit:
        frame = frame.head(args.limit)
    print(
        f"{len(frame)} replies; 可解释性=0 (does not explain itself): {int((frame['可解释性'] == 0).sum())}",
        flush=True,
    )

    predicted_not: list[bool] = []
    statuses: dict[str, list[str]] = {PLACE: [], PROBLEM: [], BASIS: [], NEXT_STEPS: []}
    started = time.perf_counter()
    for index, row in frame.iterrows():
        request = join_fields([row.get("留言主题"), row.get("留言详情")])
        result = reply_check(request_text=request, reply_text=str(row["答复意见"]))
        predicted_not.append(not result.explains)
        for code, seen in statuses.items():
            seen.append(result.item(code).status)
        if (index + 1) % 500 == 0:
            print(f"  {index + 1} checked", flush=True)
    seconds = time.perf_counter() - started
    actual_not = [int(mark) == 0 for mark in frame["可解释性"]]

    overall = confusion(predicted_not, actual_not)
    dev = confusion(predicted_not[::2], actual_not[::2])
    held = confusion(predicted_not[1::2], actual_not[1::2])
    baseline_accuracy = round(1 - sum(actual_not) / len(actual_not), 4)
    rates = {code: round(sum(s == PASS for s in seen) / len(seen), 4) for code, seen in statuses.items()}
    warned = round(sum(s == "warn" for s in statuses[BASIS]) / len(statuses[BASIS]), 4)

    print(
        f"does not explain itself: precision {overall['precision']:.3f}  recall {overall['recall']:.3f}  "
        f"accuracy {overall['accuracy']:.3f}  (always 'explains': accuracy {baseline_accuracy:.3f})"
    )
    print(
        f"  dev rows  (even): precision {dev['precision']:.3f}  recall {dev['recall']:.3f}  accuracy {dev['accuracy']:.3f}"
    )
    print(
        f"  held rows (odd):  precision {held['precision']:.3f}  recall {held['recall']:.3f}  accuracy {held['accuracy']:.3f}"
    )
    print(f"  confusion (positive = does not explain): {overall['confusion']}")
    print(
        f"pass rates (no human mark): place {rates[PLACE]:.3f}  problem {rates[PROBLEM]:.3f}  "
        f"next steps {rates[NEXT_STEPS]:.3f}; basis passed {rates[BASIS]:.3f}, warned {warned:.3f}"
    )
    print(f"{len(frame) / seconds:.1f} replies checked per second", flush=True)
    _common.emit(
        {
            "bench": "replies",
            "positive_class": "可解释性 == 0 (does not explain itself)",
            **overall,
            "dev_even_rows": dev,
            "held_odd_rows": held,
            "baseline_always_explains_accuracy": baseline_accuracy,
            "pass_rates": rates,
            "basis_warn_rate": warned,
            "replies_per_second": round(len(frame) / seconds, 1),
        }
    )


if __name__ == "__main__":
    main()
