"""Benchmark: department-category classifier on gov-messages/train.csv.

Times: the process is pinned to one core with one thread; ``train_seconds`` and
``predict_per_second_one_core`` use the CPU time of this process (the machine
is shared, so wall-clock figures, also printed, include waiting for the CPU).

5-fold CV of the chosen method and of a plain TF-IDF + LinearSVC baseline,
then a held-out 20 % split (stratified, fixed seed) trained on the other 80 %,
training time and one-core prediction throughput.  Last line: one JSON object.
"""

from __future__ import annotations

import _common

_common.single_thread()
_common.add_repo_to_path()

import time  # noqa: E402

import numpy as np  # noqa: E402
from sklearn.feature_extraction.text import TfidfVectorizer  # noqa: E402
from sklearn.metrics import f1_score  # noqa: E402
from sklearn.model_selection import StratifiedKFold, train_test_split  # noqa: E402
from sklearn.svm import LinearSVC  # noqa: E402

from fengqiao.triage.engine import classifier  # noqa: E402
from fengqiao.triage.engine.dataio import load_texts  # noqa: E402
from fengqiao.triage.engine.text import normalize, warm_up, words  # noqa: E402


def _pin_one_core() -> None:
    try:
        import os

        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    except (AttributeError, OSError):
        pass


def main() -> None:
    ap = _common.parser(__doc__)
    ap.add_argument("--folds", type=int, default=5)
    args = ap.parse_args()
    path = _common.require(args.datasets / "gov-messages" / "train.csv")
    _pin_one_core()
    warm_up()
    data = load_texts(path, ["留言主题", "留言详情"], "一级标签")
    texts, labels = data.texts, np.array(data.labels, dtype=object)
    print(f"{len(texts)} messages, {len(set(labels))} classes", flush=True)

    skf = StratifiedKFold(args.folds, shuffle=True, random_state=42)
    fold_f1, base_f1 = [], []
    seg = [" ".join(words(normalize(t))) for t in texts]
    for k, (tr, te) in enumerate(skf.split(np.zeros(len(texts)), labels)):
        m = classifier.train([texts[i] for i in tr], labels[tr], params={"cv_folds": 0})
        ev = classifier.evaluate(m, [texts[i] for i in te], labels[te])
        fold_f1.append(ev["macro_f1"])
        vec = TfidfVectorizer(tokenizer=str.split, token_pattern=None)
        Xtr = vec.fit_transform([seg[i] for i in tr])
        svm = LinearSVC().fit(Xtr, labels[tr])
        pred = svm.predict(vec.transform([seg[i] for i in te]))
        base_f1.append(float(f1_score(labels[te], pred, average="macro")))
        print(f"fold {k}: chosen {fold_f1[-1]:.4f}  baseline {base_f1[-1]:.4f}", flush=True)

    idx_tr, idx_te = train_test_split(
        np.arange(len(texts)), test_size=0.2, stratify=labels, random_state=2024
    )
    t0, c0 = time.perf_counter(), time.process_time()
    model = classifier.train([texts[i] for i in idx_tr], labels[idx_tr], source_name=path.name)
    train_wall, train_cpu = time.perf_counter() - t0, time.process_time() - c0
    test_texts = [texts[i] for i in idx_te]
    t0, c0 = time.perf_counter(), time.process_time()
    ev = classifier.evaluate(model, test_texts, labels[idx_te])
    predict_seconds, predict_cpu = time.perf_counter() - t0, time.process_time() - c0
    # one-at-a-time throughput, as the web app calls it
    sample = test_texts[:300]
    c0 = time.process_time()
    for t in sample:
        model.predict([t])
    single_per_s = len(sample) / (time.process_time() - c0)
    result = {
        "macro_f1": round(ev["macro_f1"], 4),
        "accuracy": round(ev["accuracy"], 4),
        "n_test": ev["n"],
        "cv_macro_f1_mean": round(float(np.mean(fold_f1)), 4),
        "cv_macro_f1_std": round(float(np.std(fold_f1)), 4),
        "baseline_macro_f1": round(float(np.mean(base_f1)), 4),
        "train_seconds": round(train_cpu, 1),
        "train_wall_seconds": round(train_wall, 1),
        "predict_per_second_one_core": round(len(test_texts) / predict_cpu, 1),
        "predict_per_second_wall": round(len(test_texts) / predict_seconds, 1),
        "predict_per_second_one_core_single_calls": round(single_per_s, 1),
        "model_cv_macro_f1_internal": model.meta.get("cv_metrics", {}).get("macro_f1"),
    }
    _common.emit(result)


if __name__ == "__main__":
    main()
