"""Benchmark: crisis-language detector.

* lexicon only (works out of the box) and lexicon + a model trained here at run
  time on 80 % of SOS4K-train (positives: level >= 4; negatives: levels 0-3)
  plus 80 % of the government messages (in-domain negatives);
* recall at level >= 4 on the held-out 20 % of SOS4K-train and on all of
  SOS4K-val; flag rate on the held-out 20 % of government messages (and on all
  of them for the lexicon); recall / false-positive rate on the project's own
  seed sentences.  Nothing trained is saved.  Last line: one JSON object.
"""

from __future__ import annotations

import _common

_common.add_repo_to_path()

import time  # noqa: E402

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from sklearn.model_selection import train_test_split  # noqa: E402

from fengqiao.triage.engine import crisis  # noqa: E402
from fengqiao.triage.engine.dataio import load_texts  # noqa: E402
from fengqiao.triage.engine.seed_texts import CRISIS_NEGATIVE, CRISIS_POSITIVE  # noqa: E402


def rate(flags: list[bool]) -> float:
    return round(float(np.mean(flags)), 4) if flags else float("nan")


def main() -> None:
    ap = _common.parser(__doc__)
    ap.add_argument("--no-model", action="store_true", help="lexicon only")
    args = ap.parse_args()
    d = args.datasets
    sos_tr = pd.read_csv(_common.require(d / "crisis" / "sos4k-train.csv"))
    sos_val = pd.read_csv(_common.require(d / "crisis" / "sos4k-val.csv"))
    gov = load_texts(_common.require(d / "gov-messages" / "train.csv"), ["留言主题", "留言详情"]).texts

    sos_fit, sos_ho = train_test_split(sos_tr, test_size=0.2, stratify=sos_tr["level"], random_state=7)
    gov_idx = np.arange(len(gov))
    gov_fit, gov_ho = train_test_split(gov_idx, test_size=0.2, random_state=7)

    def flags(texts, model=None) -> list[bool]:
        return [crisis.detect(t, model).is_crisis for t in texts]

    ho_pos = sos_ho[sos_ho["level"] >= 4]["comment"].tolist()
    val_pos = sos_val[sos_val["level"] >= 4]["comment"].tolist()
    gov_ho_texts = [gov[i] for i in gov_ho]
    t0 = time.perf_counter()
    lex_gov_all = flags(gov)
    lex_ms = (time.perf_counter() - t0) * 1000 / len(gov)
    res: dict[str, object] = {
        "lexicon_sos4k_recall_level4plus": rate(flags(ho_pos)),
        "lexicon_sos4k_val_recall_level4plus": rate(flags(val_pos)),
        "lexicon_gov_flag_rate": rate([lex_gov_all[i] for i in gov_ho]),
        "lexicon_gov_flag_rate_all": rate(lex_gov_all),
        "lexicon_seed_recall": rate(flags(CRISIS_POSITIVE)),
        "lexicon_seed_false_positive_rate": rate(flags(CRISIS_NEGATIVE)),
        "lexicon_ms_per_gov_message": round(lex_ms, 3),
    }
    print(res, flush=True)
    if not args.no_model:
        texts = sos_fit["comment"].tolist() + [gov[i] for i in gov_fit]
        labels = [int(v >= 4) for v in sos_fit["level"]] + [0] * len(gov_fit)
        t0 = time.perf_counter()
        model = crisis.train_model(texts, labels)
        res["model_train_seconds"] = round(time.perf_counter() - t0, 1)
        res["model_threshold"] = round(model.threshold, 4)
        res["model_n_training_texts"] = model.meta["n"]
        seed_pos = flags(CRISIS_POSITIVE, model)
        seed_neg = flags(CRISIS_NEGATIVE, model)
        tp, fp = sum(seed_pos), sum(seed_neg)
        res.update(
            {
                "sos4k_recall_level4plus": rate(flags(ho_pos, model)),
                "sos4k_val_recall_level4plus": rate(flags(val_pos, model)),
                "sos4k_heldout_flag_rate_level0to3": rate(
                    flags(sos_ho[sos_ho["level"] < 4]["comment"].tolist(), model)
                ),
                "gov_flag_rate": rate(flags(gov_ho_texts, model)),
                "gov_flag_rate_model_only": rate([p >= model.threshold for p in model.proba(gov_ho_texts)]),
                "seed_recall": rate(seed_pos),
                "seed_false_positive_rate": rate(seed_neg),
                "seed_precision": round(tp / (tp + fp), 4) if tp + fp else float("nan"),
                "n_sos4k_heldout_level4plus": len(ho_pos),
                "n_sos4k_val_level4plus": len(val_pos),
                "n_gov_heldout": len(gov_ho_texts),
            }
        )
    else:
        res.update(
            {
                "sos4k_recall_level4plus": res["lexicon_sos4k_recall_level4plus"],
                "gov_flag_rate": res["lexicon_gov_flag_rate"],
                "seed_recall": res["lexicon_seed_recall"],
                "seed_false_positive_rate": res["lexicon_seed_false_positive_rate"],
            }
        )
    _common.emit(res)


if __name__ == "__main__":
    main()
