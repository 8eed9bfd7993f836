from django.contrib import admin, messages
from django.utils.translation import gettext as _

from fengqiao.audit.services import audit_record
from fengqiao.worktime.checks import uncovered_upcoming_years
from fengqiao.worktime.models import CalendarDay, CalendarYear
from fengqiao.worktime.signals import publish_calendar_changed


class CalendarWarningMixin:
    def changelist_view(self, request, extra_context=None):
        missing = uncovered_upcoming_years()
        if missing:
            messages.warning(
                request,
                _("工作日历缺少 %(years)s 年的节假日数据：涉及这些年份的期限只按周一至周五计算。请录入国务院放假通知后标记该年份已录入。")
                % {"years": "、".join(str(y) for y in missing)},
            )
        return super().changelist_view(request, extra_context)


@admin.register(CalendarDay)
class CalendarDayAdmin(CalendarWarningMixin, admin.ModelAdmin):
    list_display = ("date", "is_workday", "name", "source")
    list_filter = ("is_workday", "source")
    date_hierarchy = "date"
    search_fields = ("name",)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        audit_record(actor=request.user, action="calendar.day_set", obj=obj, after={"is_workday": obj.is_workday, "name": obj.name})
        if CalendarYear.objects.filter(year=obj.date.year).exists():
            publish_calendar_changed(years=[obj.date.year], acting_user=request.user)

    def delete_model(self, request, obj):
        audit_record(actor=request.user, action="calendar.day_delete", obj=obj, before={"is_workday": obj.is_workday, "name": obj.name})
        super().delete_model(request, obj)
        if CalendarYear.objects.filter(year=obj.date.year).exists():
            publish_calendar_changed(years=[obj.date.year], acting_user=request.user)


@admin.register(CalendarYear)
class CalendarYearAdmin(CalendarWarningMixin, admin.ModelAdmin):
    list_display = ("year", "source", "note")

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        audit_record(actor=request.user, action="calendar.year_covered", obj=obj, after={"year": obj.year})
        publish_calendar_changed(years=[obj.year], acting_user=request.user)
