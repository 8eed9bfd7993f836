"""The model registry: register a trained model, activate it, roll back to the one it replaced.

One active model per kind (a partial unique constraint). Every change leaves an audit row.
"""

from __future__ import annotations

from pathlib import Path

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from fengqiao.accounts.models import User
from fengqiao.audit.services import audit_record
from fengqiao.core.errors import ValidationFailed
from fengqiao.triage.choices import ModelKind
from fengqiao.triage.models import ModelVersion


def _check_kind(kind: str) -> None:
    if kind not in ModelKind.values:
        raise ValidationFailed(_("未知的模型类型。"), field_errors={"kind": [_("无效")]})


def active_model(kind: str) -> ModelVersion | None:
    return ModelVersion.objects.filter(kind=kind, is_active=True).first()


@transaction.atomic
def model_register(
    *,
    kind: str,
    path: str | Path,
    training_summary: dict,
    metrics: dict,
    description: str = "",
    acting_user: User | None = None,
    activate: bool = False,
) -> ModelVersion:
    """Record a trained model directory as the next version of its kind."""
    _check_kind(kind)
    list(ModelVersion.objects.select_for_update().filter(kind=kind).values_list("pk", flat=True))  # no FOR UPDATE
    last = ModelVersion.objects.filter(kind=kind).aggregate(v=Max("version"))["v"] or 0  # with an aggregate (PG)
    model = ModelVersion.objects.create(
        kind=kind,
        version=last + 1,
        path=str(Path(path).resolve()),
        training_summary=training_summary,
        metrics=metrics,
        description=description[:200],
        created_by=acting_user,
    )
    audit_record(
        actor=acting_user,
        action="triage.model_register",
        obj=model,
        after={"kind": kind, "version": model.version, "path": model.path, "metrics": metrics},
    )
    if activate:
        model = model_activate(model=model, acting_user=acting_user)
    return model


def _switch(model: ModelVersion, acting_user: User | None) -> ModelVersion | None:
    if not Path(model.path).is_dir():
        raise ValidationFailed(
            _("模型目录不存在：%(path)s") % {"path": model.path}, field_errors={"path": [_("不存在")]}
        )
    now = timezone.now()
    previous = (
        ModelVersion.objects.select_for_update()
        .filter(kind=model.kind, is_active=True)
        .exclude(pk=model.pk)
        .first()
    )
    if previous is not None:
        ModelVersion.objects.filter(pk=previous.pk).update(is_active=False, deactivated_at=now)
    ModelVersion.objects.filter(pk=model.pk).update(
        is_active=True, activated_by=acting_user, activated_at=now
    )
    model.refresh_from_db()
    return previous


@transaction.atomic
def model_activate(*, model: ModelVersion, acting_user: User | None) -> ModelVersion:
    """Make `model` the active one of its kind (the previous one is kept for rollback)."""
    if model.is_active:
        return model
    previous = _switch(model, acting_user)
    audit_record(
        actor=acting_user,
        action="triage.model_activate",
        obj=model,
        before={"active": previous.version if previous else None},
        after={"active": model.version, "kind": model.kind},
    )
    return model


@transaction.atomic
def model_rollback(*, kind: str, acting_user: User | None) -> ModelVersion:
    """Activate again the version that the active one replaced."""
    _check_kind(kind)
    current = active_model(kind)
    earlier = ModelVersion.objects.filter(kind=kind, deactivated_at__isnull=False)
    if current is not None:
        earlier = earlier.exclude(pk=current.pk)
    target = earlier.order_by("-deactivated_at", "-version").first()
    if target is None:
        raise ValidationFailed(_("没有可以回退的上一个版本。"))
    _switch(target, acting_user)
    audit_record(
        actor=acting_user,
        action="triage.model_rollback",
        obj=target,
        before={"active": current.version if current else None},
        after={"active": target.version, "kind": kind},
    )
    return target


@transaction.atomic
def model_deactivate(*, kind: str, acting_user: User | None) -> ModelVersion | None:
    """Stop using any trained model of `kind` (triage falls back to the engine's built-in rules)."""
    _check_kind(kind)
    current = active_model(kind)
    if current is None:
        return None
    ModelVersion.objects.filter(pk=current.pk).update(is_active=False, deactivated_at=timezone.now())
    audit_record(
        actor=acting_user,
        action="triage.model_deactivate",
        obj=current,
        before={"active": current.version},
        after={"active": None, "kind": kind},
    )
    current.refresh_from_db()
    return current
