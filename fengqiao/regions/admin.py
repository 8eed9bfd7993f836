from django import forms
from django.contrib import admin, messages
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fengqiao.audit.admin_mixins import AuditedModelAdmin
from fengqiao.core.errors import ServiceError
from fengqiao.regions.models import Department, Region
from fengqiao.regions.services import region_import


class RegionImportForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("CSV 或 XLSX 文件"))
    dry_run = forms.BooleanField(label=gettext_lazy("只检查，不导入"), required=False, initial=True)


@admin.register(Region)
class RegionAdmin(AuditedModelAdmin):
    list_display = ("name", "code", "level", "parent")
    list_filter = ("level",)
    search_fields = ("name", "code")
    autocomplete_fields = ("parent",)
    readonly_fields = ("path",)
    change_list_template = "admin/regions/region/change_list.html"

    def save_model(self, request, obj, form, change):
        obj.path = obj.compute_path()
        super().save_model(request, obj, form, change)

    def get_urls(self):
        return [path("import/", self.admin_site.admin_view(self.import_view), name="regions_region_import"), *super().get_urls()]

    def import_view(self, request):
        if not self.has_add_permission(request):
            return redirect("admin:index")
        report = None
        form = RegionImportForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                report = region_import(acting_user=request.user, data=upload.read(), filename=upload.name,
                                       dry_run=form.cleaned_data["dry_run"])
            except ServiceError as error:
                messages.error(request, str(error.message))
            else:
                if report.ok and not report.dry_run:
                    messages.success(request, _("已导入 %(n)d 个区划。") % {"n": report.created})
        context = {**self.admin_site.each_context(request), "form": form, "report": report, "opts": self.model._meta,
                   "title": _("导入行政区划")}
        return render(request, "admin/regions/region/import.html", context)


@admin.register(Department)
class DepartmentAdmin(AuditedModelAdmin):
    list_display = ("name", "code", "kind", "home_region", "is_active")
    list_filter = ("kind", "is_active", "home_region__level")
    search_fields = ("name", "code")
    filter_horizontal = ("covers",)
    autocomplete_fields = ("home_region",)
