"""The category model's figure on real wording: trained on 80 % of the public government-messages file
(../shared/datasets; the tests skip with a reason when it is absent), the same stratified split as
bench/triage_category.py, it must keep its held-out macro-F1 and file the project's own messages
(category_examples.py) rightly."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from fengqiao.triage.engine import classifier
from fengqiao.triage.tests.category_examples import CATEGORY_EXAMPLES

GOV_MESSAGES = Path(__file__).resolve().parents[4] / "shared" / "datasets" / "gov-messages" / "train.csv"

pytestmark = pytest.mark.skipif(
    not GOV_MESSAGES.exists(), reason="public government-messages file not present (../shared/datasets)"
)

# bench/triage_category.py measured 0.922 on this split (plain TF-IDF + linear SVM: 0.90; per class 0.875 to
# 0.953; the project's own messages: 46 of 49); the bars leave room for other library versions
HELD_OUT_MACRO_F1_BAR = 0.915


@pytest.fixture(scope="module")
def split_model() -> tuple[classifier.CategoryModel, list[str], list[str]]:
    from sklearn.model_selection import train_test_split

    from fengqiao.triage.engine.dataio import load_texts

    data = load_texts(GOV_MESSAGES, ["留言主题", "留言详情"], "一级标签")
    labels = np.array(data.labels, dtype=object)
    idx_tr, idx_te = train_test_split(
        np.arange(len(data.texts)), test_size=0.2, stratify=labels, random_state=2024
    )
    model = classifier.train(
        [data.texts[i] for i in idx_tr], labels[idx_tr].tolist(), params={"cv_folds": 0}
    )
    return model, [data.texts[i] for i in idx_te], labels[idx_te].tolist()


def test_held_out_macro_f1_stays_above_the_bar(split_model) -> None:
    model, texts, labels = split_model
    ev = classifier.evaluate(model, texts, labels)
    assert ev["n"] == 1310
    assert ev["macro_f1"] >= HELD_OUT_MACRO_F1_BAR, ev["macro_f1"]
    assert min(c["f1"] for c in ev["per_class"].values()) >= 0.85, ev["per_class"]


def test_files_the_projects_own_messages(split_model) -> None:
    model = split_model[0]
    texts = [t for examples in CATEGORY_EXAMPLES.values() for t in examples]
    labels = [label for label, examples in CATEGORY_EXAMPLES.items() for _ in examples]
    ev = classifier.evaluate(model, texts, labels)
    assert ev["accuracy"] >= 0.85, ev["per_class"]
    assert min(c["recall"] for c in ev["per_class"].values()) >= 4 / 7, ev["per_class"]
