"""Admin: routing rules (a note on every change, history kept, no deletion), per-category settings, the model
registry (activate, roll back, retrain from the platform's own labels), and read-only triage records."""

from __future__ import annotations

from django.contrib import admin, messages
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from fengqiao.audit.admin_mixins import AuditedModelAdmin
from fengqiao.core.admin import ReadOnlyAdmin
from fengqiao.core.errors import ServiceError
from fengqiao.triage.forms import RoutingRuleAdminForm
from fengqiao.triage.models import (
    CategorySetting,
    ModelVersion,
    RoutingRule,
    RoutingRuleChange,
    TriageLabel,
    TriageResult,
)
from fengqiao.triage.routing import rule_label
from fengqiao.triage.services import (
    model_activate,
    model_deactivate,
    model_retrain,
    model_rollback,
    routing_rule_save,
)


class RoutingRuleChangeInline(admin.TabularInline):
    model = RoutingRuleChange
    extra = 0
    fields = ("created_at", "kind", "editor", "note", "before", "after")
    readonly_fields = fields
    can_delete = False
    ordering = ("-created_at", "-id")

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(RoutingRule)
class RoutingRuleAdmin(admin.ModelAdmin):
    form = RoutingRuleAdminForm
    list_display = ("number", "label", "handling_level", "is_active", "updated_at", "updated_by")
    list_filter = ("is_active", "handling_level", "category", "process")
    search_fields = ("region__name", "department__name", "category__name")
    autocomplete_fields = ("region", "department")
    readonly_fields = ("updated_at", "updated_by")
    inlines = [RoutingRuleChangeInline]
    list_select_related = ("category", "region", "process", "dispute_type", "department", "updated_by")

    @admin.display(description=_("编号"), ordering="id")
    def number(self, obj: RoutingRule) -> str:
        return f"#{obj.pk}"

    @admin.display(description=_("规则"))
    def label(self, obj: RoutingRule) -> str:
        return rule_label(obj)

    def save_model(self, request, obj, form, change):
        routing_rule_save(rule=obj, acting_user=request.user, note=form.cleaned_data["change_note"])

    def has_delete_permission(self, request, obj=None):
        """Rules are switched off (with a note), never deleted: the history must keep naming them."""
        return False


@admin.register(RoutingRuleChange)
class RoutingRuleChangeAdmin(ReadOnlyAdmin):
    list_display = ("created_at", "rule_number", "kind", "editor", "note")
    list_filter = ("kind",)
    search_fields = ("note",)


@admin.register(CategorySetting)
class CategorySettingAdmin(AuditedModelAdmin):
    list_display = ("category", "threshold")
    filter_horizontal = ("dispute_types",)


@admin.register(ModelVersion)
class ModelVersionAdmin(admin.ModelAdmin):
    list_display = (
        "kind",
        "version",
        "is_active",
        "macro_f1",
        "training_n",
        "created_at",
        "created_by",
        "activated_at",
    )
    list_filter = ("kind", "is_active")
    readonly_fields = (
        "kind",
        "version",
        "path",
        "training_summary",
        "metrics",
        "created_by",
        "created_at",
        "is_active",
        "activated_by",
        "activated_at",
        "deactivated_at",
    )
    fields = ("description", *readonly_fields)
    actions = ["activate_selected", "roll_back", "deactivate"]
    change_list_template = "admin/triage/modelversion/change_list.html"

    @admin.display(description=_("宏平均 F1（交叉验证）"))
    def macro_f1(self, obj: ModelVersion) -> str:
        value = (obj.metrics.get("cv") or {}).get("macro_f1")
        return f"{value:.3f}" if isinstance(value, int | float) else "—"

    @admin.display(description=_("训练样本数"))
    def training_n(self, obj: ModelVersion) -> object:
        return obj.training_summary.get("n", "—")

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        from fengqiao.audit.services import audit_record

        before = ModelVersion.objects.get(pk=obj.pk).description
        super().save_model(request, obj, form, change)
        audit_record(
            actor=request.user,
            action="triage.model_describe",
            obj=obj,
            before={"description": before},
            after={"description": obj.description},
        )

    @admin.action(description=_("启用所选版本"))
    def activate_selected(self, request, queryset):
        if queryset.count() != 1:
            self.message_user(request, _("请只选择一个版本。"), messages.ERROR)
            return
        try:
            model = model_activate(model=queryset.get(), acting_user=request.user)
        except ServiceError as exc:
            self.message_user(request, str(exc.message), messages.ERROR)
        else:
            self.message_user(request, _("已启用 %(model)s。") % {"model": model}, messages.SUCCESS)

    @admin.action(description=_("回退到上一个版本（按所选版本的类型）"))
    def roll_back(self, request, queryset):
        for kind in sorted(set(queryset.values_list("kind", flat=True))):
            try:
                model = model_rollback(kind=kind, acting_user=request.user)
            except ServiceError as exc:
                self.message_user(request, str(exc.message), messages.ERROR)
            else:
                self.message_user(request, _("已回退到 %(model)s。") % {"model": model}, messages.SUCCESS)

    @admin.action(description=_("停用该类型的模型（改用内置规则）"))
    def deactivate(self, request, queryset):
        kinds = sorted(set(queryset.values_list("kind", flat=True)))
        stopped = [
            m for m in (model_deactivate(kind=k, acting_user=request.user) for k in kinds) if m is not None
        ]
        self.message_user(
            request,
            ngettext("已停用 %(n)d 个模型。", "已停用 %(n)d 个模型。", len(stopped)) % {"n": len(stopped)},
            messages.SUCCESS,
        )

    def get_urls(self):
        return [
            path(
                "retrain/", self.admin_site.admin_view(self.retrain_view), name="triage_modelversion_retrain"
            ),
            *super().get_urls(),
        ]

    def retrain_view(self, request):
        """Train a new category model from the categories staff set or confirmed on the platform's cases."""
        if not self.has_change_permission(request):
            return redirect("admin:index")
        if request.method == "POST":
            try:
                outcome = model_retrain(
                    acting_user=request.user, activate=request.POST.get("activate") == "on"
                )
            except ServiceError as exc:
                messages.error(request, str(exc.message))
            else:
                messages.success(
                    request,
                    _("已训练 %(model)s（%(n)d 件已标注案件）。")
                    % {"model": outcome.model, "n": sum(outcome.counts.values())},
                )
                return redirect(reverse("admin:triage_modelversion_changelist"))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("用已标注案件重新训练"),
        }
        return render(request, "admin/triage/modelversion/retrain.html", context)


@admin.register(TriageResult)
class TriageResultAdmin(ReadOnlyAdmin):
    list_display = (
        "case",
        "status",
        "attempts",
        "category",
        "category_confidence",
        "dispute_type",
        "crisis",
        "needs_manual",
        "updated_at",
    )
    list_filter = ("status", "crisis", "needs_manual", "category_source")
    list_select_related = ("case", "category", "dispute_type")
    exclude = ("entities", "crisis_reasons", "similar")  # personal data: shown masked, and scoped, on the case page


@admin.register(TriageLabel)
class TriageLabelAdmin(ReadOnlyAdmin):
    list_display = ("case", "field", "suggested", "chosen", "by", "at")
    list_filter = ("field",)
    list_select_related = ("case", "by")
