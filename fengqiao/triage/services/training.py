"""Training models: from a labelled file (the `triage train` command) or from the platform's own cases
(retraining on the categories staff set or confirmed)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from fengqiao.accounts.models import User
from fengqiao.cases.models import Case
from fengqiao.core.errors import ValidationFailed
from fengqiao.triage import conf
from fengqiao.triage.analysis import case_text
from fengqiao.triage.choices import LabelField, ModelKind
from fengqiao.triage.engine import classifier, crisis_training
from fengqiao.triage.models import ModelVersion, TriageLabel
from fengqiao.triage.services.registry import model_register

TRUE_LABELS = {"1", "true", "yes", "y", "是", "危机", "crisis"}
RETRAIN_MAX_CASES = 50_000


@dataclass
class TrainOutcome:
    directory: Path
    meta: dict[str, Any]
    model: ModelVersion | None = None
    counts: dict[str, int] = field(default_factory=dict)


def default_model_dir(kind: str) -> Path:
    return conf.model_root() / f"{kind}-{timezone.now():%Y%m%d-%H%M%S-%f}"


def is_true(label: object) -> bool:
    return str(label).strip().lower() in TRUE_LABELS


def model_train(
    *,
    kind: str,
    texts: list[str],
    labels: list[str],
    ordinary: list[bool] | None = None,
    directory: Path | None = None,
    source_name: str = "",
    acting_user: User | None = None,
    register: bool = True,
    activate: bool = False,
    description: str = "",
) -> TrainOutcome:
    """Train a model of `kind` on `texts`/`labels`, save it in `directory` and (unless `register` is False)
    record it in the registry.  For a crisis model, ``ordinary`` marks the negatives that are ordinary texts (e.g.
    government messages) rather than hard ones of the positives' own kind."""
    if kind not in ModelKind.values:
        raise ValidationFailed(_("未知的模型类型。"))
    directory = Path(directory) if directory else default_model_dir(kind)
    if kind == ModelKind.CRISIS:
        flags = [is_true(label) for label in labels]
        try:
            model = crisis_training.train_model(texts, flags, ordinary=ordinary)
        except ValueError as exc:
            raise ValidationFailed(str(exc)) from exc
        model.save(str(directory))
        summary = {"n": model.meta["n"], "n_positive": model.meta["n_positive"], "source": source_name}
        metrics = {
            k: model.meta[k]
            for k in ("threshold", "cv_recall", "cv_precision", "cv_ordinary_flag_rate", "target_recall")
        }
        meta = model.meta
    else:
        try:
            category_model = classifier.train(texts, labels, source_name=source_name)
        except ValueError as exc:
            raise ValidationFailed(str(exc)) from exc
        category_model.save(directory)
        meta = category_model.meta
        summary = meta["training_data"]
        metrics = {"cv": meta.get("cv_metrics", {})}
    outcome = TrainOutcome(directory=directory, meta=meta, counts=dict(Counter(str(v) for v in labels)))
    if register:
        outcome.model = model_register(
            kind=kind,
            path=directory,
            training_summary=summary,
            metrics=metrics,
            description=description,
            acting_user=acting_user,
            activate=activate,
        )
    return outcome


def retrain_dataset(*, limit: int = RETRAIN_MAX_CASES) -> tuple[list[str], list[str]]:
    """Texts and category names of the cases whose category staff set or confirmed, newest first: the latest
    category label of the case when there is one, else the case's own category."""
    labelled = {}
    for case_id, chosen in (
        TriageLabel.objects.filter(field=LabelField.CATEGORY)
        .order_by("at", "id")
        .values_list("case_id", "chosen")
    ):
        labelled[case_id] = chosen
    from fengqiao.cases.models import Category

    names = dict(Category.objects.values_list("code", "name"))
    texts, labels = [], []
    cases = (
        Case.objects.filter(category__isnull=False)
        .select_related("category")
        .only("id", "title", "narrative", "category__name", "category__code")
        .order_by("-id")[:limit]
    )
    for case in cases:
        code = labelled.get(case.pk, case.category.code if case.category is not None else "")  # never None: filtered
        label = names.get(code)
        if label:
            texts.append(case_text(case.title, case.narrative))
            labels.append(label)
    return texts, labels


def model_retrain(*, acting_user: User | None, activate: bool = False) -> TrainOutcome:
    """Train a new category model from the platform's own labelled cases, when there are enough of them."""
    texts, labels = retrain_dataset()
    counts = Counter(labels)
    need_n, need_classes = conf.min_retrain_labels(), conf.min_retrain_classes()
    if len(labels) < need_n or len(counts) < need_classes:
        raise ValidationFailed(
            _(
                "已标注的案件不足，暂不能重新训练：需要至少 %(need_n)d 件、至少 %(need_classes)d 个类别，"
                "目前有 %(n)d 件、%(classes)d 个类别。"
            )
            % {"need_n": need_n, "need_classes": need_classes, "n": len(labels), "classes": len(counts)}
        )
    return model_train(
        kind=ModelKind.CATEGORY,
        texts=texts,
        labels=labels,
        source_name="fengqiao-cases",
        acting_user=acting_user,
        activate=activate,
        description=_("由平台已标注案件重新训练（%(n)d 件）") % {"n": len(labels)},
    )
