"""Benchmark: crisis-language detector.

Training files only: SOS4K-train (positives: level >= 4; negatives: levels
0-3) and the government messages (ordinary complaints: in-domain negatives).
SOS4K-val is a check that nothing here is tuned on.

* lexicon only (works out of the box): recall at level >= 4 on SOS4K-train and
  SOS4K-val, flag rate on all government messages;
* lexicon + a model trained here at run time, measured by grouped k-fold
  cross-validation (``--folds``, default 5): each fold's model is trained on
  the other folds of both files and scored on the held-out fold; near-duplicate
  government messages (the file was reassembled from several copies) stay in
  one fold.  Reported: mean and worst fold of recall at level >= 4 and of the
  government-message flag rate (also split into lexicon-only and model-only);
* the fixed 80/20 split used before (``sos4k_recall_level4plus``,
  ``gov_flag_rate``), and a model trained on all training files scored on
  SOS4K-val and on the project's own seed sentences.

* through the command (``--command``, issue 11): ``fengqiao triage train --kind crisis --data
  sos4k-train.csv --text-columns comment --label-column level --positive-from 4 --negatives
  gov-messages/train.csv --negative-text-columns 留言主题,留言详情 --model-dir TMP --no-register``, then the
  saved model with the rules scored on SOS4K-val (recall at level >= 4, precision, F1) and on the
  government messages it never saw (``hot-issues.csv``: the ordinary-message flag rate);
* the project's own dispute-wording sentences (fengqiao/triage/tests/crisis_sentences.py: 210 danger, 213
  hard negatives), lexicon only.

Nothing trained is kept (the command's model dir is a temporary one).  Last line: one JSON object; with
``--command`` it ends with the issue 11 figures: ``recall``, ``precision`` (SOS4K-val, level >= 4),
``ordinary_flag_rate`` (unseen government messages) and the command's own 5-fold CV on the training files
(``cv_recall``, ``cv_precision``, ``cv_ordinary_flag_rate``).
"""

from __future__ import annotations

import _common

_common.add_repo_to_path()

import re  # noqa: E402
import time  # noqa: E402
from collections.abc import Sequence  # noqa: E402

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from sklearn.model_selection import GroupKFold, StratifiedKFold, train_test_split  # noqa: E402

from fengqiao.triage.engine import crisis, crisis_training  # noqa: E402
from fengqiao.triage.engine.dataio import load_texts  # noqa: E402
from fengqiao.triage.engine.seed_texts import CRISIS_NEGATIVE, CRISIS_POSITIVE  # noqa: E402

SEED = 7


def rate(flags: Sequence[bool]) -> float:
    return round(float(np.mean(flags)), 4) if len(flags) else float("nan")


def near_duplicate_key(text: str) -> str:
    """The last 60 Chinese characters: copies of one message differ in their
    greeting, title and whitespace, rarely in how they end."""
    return "".join(re.findall(r"[\u4e00-\u9fff]", text))[-60:]


def gov_folds(gov: list[str], k: int) -> list[np.ndarray]:
    keys = [near_duplicate_key(t) for t in gov]
    ids = {key: i for i, key in enumerate(dict.fromkeys(keys))}
    groups = np.array([ids[key] for key in keys])
    rng = np.random.default_rng(SEED)
    shuffled = rng.permutation(groups.max() + 1)[groups]  # GroupKFold itself does not shuffle
    return [te for _, te in GroupKFold(k).split(np.zeros(len(gov)), groups=shuffled)]


def sos_folds(levels: np.ndarray, k: int) -> list[np.ndarray]:
    skf = StratifiedKFold(k, shuffle=True, random_state=SEED)
    return [te for _, te in skf.split(np.zeros(len(levels)), levels)]


class Verdicts:
    """Lexicon, model-only and combined flags for a list of texts."""

    def __init__(self, texts: Sequence[str], model: crisis.CrisisModel | None) -> None:
        self.lexicon = [crisis.lexicon_score(t).is_crisis for t in texts]
        if model is None:
            self.model = [False] * len(texts)
            self.combined = list(self.lexicon)
        else:
            self.combined = [crisis.detect(t, model).is_crisis for t in texts]
            self.model = [c and not lx for c, lx in zip(self.combined, self.lexicon, strict=True)]


def own_sentences() -> dict[str, object]:
    """The lexicon on the project's own dispute-wording sentences (its tests' data)."""
    from fengqiao.triage.tests.crisis_sentences import DANGER, HARD_NEGATIVES

    return {
        "own_danger_recall": rate([crisis.detect(t).is_crisis for t in DANGER]),
        "own_danger_n": len(DANGER),
        "own_hard_negative_flag_rate": rate([crisis.detect(t).is_crisis for t in HARD_NEGATIVES]),
        "own_hard_negative_n": len(HARD_NEGATIVES),
    }


def through_command(d) -> dict[str, object]:
    """Train with the operator's command, then score the saved model (with the rules) on held-out files."""
    import io
    import os
    import tempfile

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fengqiao.config.settings")
    os.environ.setdefault("FENGQIAO_VAR_DIR", tempfile.mkdtemp(prefix="fq-bench-"))
    import django
    from django.core.management import call_command

    django.setup()
    train_file = _common.require(d / "crisis" / "sos4k-train.csv")
    negatives = _common.require(d / "gov-messages" / "train.csv")
    sos_val = pd.read_csv(_common.require(d / "crisis" / "sos4k-val.csv"))
    unseen_gov = load_texts(
        _common.require(d / "gov-messages" / "hot-issues.csv"), ["留言主题", "留言详情"]
    ).texts
    with tempfile.TemporaryDirectory(prefix="fq-crisis-") as model_dir:
        t0 = time.perf_counter()
        said = io.StringIO()
        call_command(
            "triage", "train", "--kind", "crisis", "--data", str(train_file), "--text-columns", "comment",
            "--label-column", "level", "--positive-from", "4", "--negatives", str(negatives),
            "--negative-text-columns", "留言主题,留言详情", "--model-dir", model_dir, "--no-register",
            stdout=said,
        )  # fmt: skip
        seconds = time.perf_counter() - t0
        model = crisis.CrisisModel.load(model_dir)
    truth = (sos_val["level"] >= 4).tolist()
    flagged = Verdicts(sos_val["comment"].tolist(), model).combined
    tp = sum(f and t for f, t in zip(flagged, truth, strict=True))
    recall = tp / max(sum(truth), 1)
    precision = tp / max(sum(flagged), 1)
    t0 = time.perf_counter()
    gov_flags = Verdicts(unseen_gov, model).combined
    ms = (time.perf_counter() - t0) * 1000 / max(len(unseen_gov), 1)
    return {
        "command_output": " ".join(said.getvalue().split()),
        "command_train_seconds": round(seconds, 1),
        "command_threshold": round(model.threshold, 4),
        **{
            f"command_{k}": round(float(model.meta[k]), 4)
            for k in ("cv_recall", "cv_precision", "cv_ordinary_flag_rate")
            if k in model.meta
        },
        "command_val_recall_level4plus": round(recall, 4),
        "command_val_precision_level4plus": round(precision, 4),
        "command_val_f1": round(2 * precision * recall / max(precision + recall, 1e-9), 4),
        "command_val_n": len(truth),
        "command_unseen_gov_flag_rate": rate(gov_flags),
        "command_unseen_gov_n": len(unseen_gov),
        "command_ms_per_gov_message": round(ms, 3),
        **own_sentences(),
        # the issue 11 bar, last: SOS4K-val recall and precision at level >= 4, unseen ordinary messages flagged,
        # and the same figures from the command's own cross-validation on the training files
        "recall": round(recall, 4),
        "precision": round(precision, 4),
        "ordinary_flag_rate": rate(gov_flags),
        "cv_folds": int(model.meta.get("cv_folds", 0)),
        "cv_recall": round(float(model.meta.get("cv_recall", float("nan"))), 4),
        "cv_precision": round(float(model.meta.get("cv_precision", float("nan"))), 4),
        "cv_ordinary_flag_rate": round(float(model.meta.get("cv_ordinary_flag_rate", float("nan"))), 4),
    }


def train(texts: list[str], labels: list[int], n_ordinary: int = 0) -> crisis.CrisisModel:
    """As the command trains: the last ``n_ordinary`` texts are the government messages (ordinary negatives);
    the SOS4K rows below level 4 are the hard negatives."""
    ordinary = [False] * (len(texts) - n_ordinary) + [True] * n_ordinary
    return crisis_training.train_model(texts, labels, ordinary=ordinary)


def cross_validate(sos: pd.DataFrame, gov: list[str], k: int) -> dict[str, object]:
    levels = sos["level"].to_numpy()
    comments = sos["comment"].tolist()
    s_folds, g_folds = sos_folds(levels, k), gov_folds(gov, k)
    recall, gov_rate, gov_lex, gov_model, low_rate, thresholds = [], [], [], [], [], []
    flagged_gov: list[int] = []
    for f in range(k):
        s_te, g_te = set(s_folds[f].tolist()), set(g_folds[f].tolist())
        s_tr = [i for i in range(len(comments)) if i not in s_te]
        g_tr = [i for i in range(len(gov)) if i not in g_te]
        model = train(
            [comments[i] for i in s_tr] + [gov[i] for i in g_tr],
            [int(levels[i] >= 4) for i in s_tr] + [0] * len(g_tr),
            len(g_tr),
        )
        thresholds.append(model.threshold)
        pos = [comments[i] for i in sorted(s_te) if levels[i] >= 4]
        low = [comments[i] for i in sorted(s_te) if levels[i] < 4]
        g_idx = sorted(g_te)
        v = Verdicts([gov[i] for i in g_idx], model)
        recall.append(rate(Verdicts(pos, model).combined))
        low_rate.append(rate(Verdicts(low, model).combined))
        gov_rate.append(rate(v.combined))
        gov_lex.append(rate(v.lexicon))
        gov_model.append(rate(v.model))
        flagged_gov += [i for i, c in zip(g_idx, v.combined, strict=True) if c]
        print(
            f"fold {f}: recall {recall[-1]} gov {gov_rate[-1]} (lexicon {gov_lex[-1]}, model {gov_model[-1]})",
            flush=True,
        )
    return {
        "cv_folds": k,
        "cv_sos4k_recall_level4plus": round(float(np.mean(recall)), 4),
        "cv_sos4k_recall_level4plus_worst_fold": min(recall),
        "cv_sos4k_flag_rate_level0to3": round(float(np.mean(low_rate)), 4),
        "cv_gov_flag_rate": round(len(flagged_gov) / len(gov), 4),
        "cv_gov_flag_rate_worst_fold": max(gov_rate),
        "cv_gov_flag_rate_lexicon": round(float(np.mean(gov_lex)), 4),
        "cv_gov_flag_rate_model_only": round(float(np.mean(gov_model)), 4),
        "cv_model_threshold_mean": round(float(np.mean(thresholds)), 4),
        "_flagged_gov": flagged_gov,
    }


def main() -> None:
    ap = _common.parser(__doc__)
    ap.add_argument("--no-model", action="store_true", help="lexicon only")
    ap.add_argument("--folds", type=int, default=5, help="cross-validation folds (0: skip)")
    ap.add_argument(
        "--show-flagged-gov", action="store_true", help="print the flagged government messages (CV)"
    )
    ap.add_argument("--command", action="store_true", help="only: train through `fengqiao triage train`")
    args = ap.parse_args()
    d = args.datasets
    if args.command:
        _common.emit(through_command(d))
        return
    sos_tr = pd.read_csv(_common.require(d / "crisis" / "sos4k-train.csv"))
    sos_val = pd.read_csv(_common.require(d / "crisis" / "sos4k-val.csv"))
    gov = load_texts(_common.require(d / "gov-messages" / "train.csv"), ["留言主题", "留言详情"]).texts

    sos_fit, sos_ho = train_test_split(sos_tr, test_size=0.2, stratify=sos_tr["level"], random_state=SEED)
    gov_fit, gov_ho = train_test_split(np.arange(len(gov)), test_size=0.2, random_state=SEED)

    def flags(texts: Sequence[str], model: crisis.CrisisModel | None = None) -> list[bool]:
        return Verdicts(texts, model).combined

    train_pos = sos_tr[sos_tr["level"] >= 4]["comment"].tolist()
    ho_pos = sos_ho[sos_ho["level"] >= 4]["comment"].tolist()
    val_pos = sos_val[sos_val["level"] >= 4]["comment"].tolist()
    gov_ho_texts = [gov[i] for i in gov_ho]
    t0 = time.perf_counter()
    lex_gov_all = flags(gov)
    lex_ms = (time.perf_counter() - t0) * 1000 / len(gov)
    res: dict[str, object] = {
        "lexicon_sos4k_train_recall_level4plus": rate(flags(train_pos)),
        "lexicon_sos4k_recall_level4plus": rate(flags(ho_pos)),
        "lexicon_sos4k_val_recall_level4plus": rate(flags(val_pos)),
        "lexicon_gov_flag_rate": rate([lex_gov_all[i] for i in gov_ho]),
        "lexicon_gov_flag_rate_all": rate(lex_gov_all),
        "lexicon_seed_recall": rate(flags(CRISIS_POSITIVE)),
        "lexicon_seed_false_positive_rate": rate(flags(CRISIS_NEGATIVE)),
        "lexicon_ms_per_gov_message": round(lex_ms, 3),
        **own_sentences(),
    }
    print(res, flush=True)
    if args.no_model:
        res.update(
            {
                "sos4k_recall_level4plus": res["lexicon_sos4k_recall_level4plus"],
                "gov_flag_rate": res["lexicon_gov_flag_rate"],
                "seed_recall": res["lexicon_seed_recall"],
                "seed_false_positive_rate": res["lexicon_seed_false_positive_rate"],
            }
        )
        _common.emit(res)
        return

    if args.folds >= 2:
        cv = cross_validate(sos_tr, gov, args.folds)
        flagged = cv.pop("_flagged_gov")
        if args.show_flagged_gov:
            for i in flagged:
                print(f"--- gov {i}: {crisis.detect(gov[i]).reasons}\n{gov[i][:400]}")
        res.update(cv)
        print(cv, flush=True)

    # the fixed 80/20 split
    t0 = time.perf_counter()
    model = train(
        sos_fit["comment"].tolist() + [gov[i] for i in gov_fit],
        [int(v >= 4) for v in sos_fit["level"]] + [0] * len(gov_fit),
        len(gov_fit),
    )
    res["model_train_seconds"] = round(time.perf_counter() - t0, 1)
    res["model_threshold"] = round(model.threshold, 4)
    res["model_n_training_texts"] = model.meta["n"]
    ho = Verdicts(gov_ho_texts, model)
    res.update(
        {
            "sos4k_recall_level4plus": rate(flags(ho_pos, model)),
            "sos4k_heldout_flag_rate_level0to3": rate(
                flags(sos_ho[sos_ho["level"] < 4]["comment"].tolist(), model)
            ),
            "gov_flag_rate": rate(ho.combined),
            "gov_flag_rate_model_only": rate(ho.model),
            "n_sos4k_heldout_level4plus": len(ho_pos),
            "n_gov_heldout": len(gov_ho_texts),
        }
    )

    # all training files -> SOS4K-val and the project's seed sentences
    full = train(
        sos_tr["comment"].tolist() + gov, [int(v >= 4) for v in sos_tr["level"]] + [0] * len(gov), len(gov)
    )
    seed_pos = flags(CRISIS_POSITIVE, full)
    seed_neg = flags(CRISIS_NEGATIVE, full)
    tp, fp = sum(seed_pos), sum(seed_neg)
    res.update(
        {
            "sos4k_val_recall_level4plus": rate(flags(val_pos, full)),
            "sos4k_val_flag_rate_level0to3": rate(
                flags(sos_val[sos_val["level"] < 4]["comment"].tolist(), full)
            ),
            "seed_recall": rate(seed_pos),
            "seed_false_positive_rate": rate(seed_neg),
            "seed_precision": round(tp / (tp + fp), 4) if tp + fp else float("nan"),
            "n_sos4k_val_level4plus": len(val_pos),
            "n_gov": len(gov),
        }
    )
    _common.emit(res)


if __name__ == "__main__":
    main()
