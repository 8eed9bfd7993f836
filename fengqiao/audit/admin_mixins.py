"""Admin edits are writes like any other: each save and delete leaves an audit row with before/after."""
from __future__ import annotations

from django.contrib import admin
from django.forms.models import model_to_dict

from fengqiao.audit.services import audit_record


def _plain(instance) -> dict:
    data = model_to_dict(instance)
    return {k: (v.pk if hasattr(v, "pk") else [getattr(i, "pk", i) for i in v] if isinstance(v, list) else v)
            for k, v in data.items() if k not in {"password"}}


# What save_model saw before writing, kept on the request until save_related writes the audit row: a ModelAdmin
# is one object shared by every thread of the worker, so nothing of one request may live on it.
_BEFORE_ATTR = "_fengqiao_admin_before"


def _pending(request) -> dict:
    pending = getattr(request, _BEFORE_ATTR, None)
    if pending is None:
        pending = {}
        setattr(request, _BEFORE_ATTR, pending)
    return pending


class AuditedModelAdmin(admin.ModelAdmin):
    def save_model(self, request, obj, form, change):
        before = _plain(type(obj).objects.get(pk=obj.pk)) if change and obj.pk else None
        super().save_model(request, obj, form, change)
        _pending(request)[id(obj)] = (before, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        obj = form.instance
        before, changed = _pending(request).pop(id(obj), (None, change))
        action = f"{obj._meta.model_name}.{'change' if changed else 'create'}"
        audit_record(actor=request.user, action=f"admin.{action}", obj=obj, before=before, after=_plain(obj))

    def delete_model(self, request, obj):
        audit_record(actor=request.user, action=f"admin.{obj._meta.model_name}.delete", obj=obj, before=_plain(obj))
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            audit_record(actor=request.user, action=f"admin.{obj._meta.model_name}.delete", obj=obj, before=_plain(obj))
        super().delete_queryset(request, queryset)
