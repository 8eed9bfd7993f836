"""The alerts link of the navigation, with the count of open alerts, for the roles that may see them."""
from __future__ import annotations

from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _

from fengqiao.warning.selectors import may_see_alerts, open_alert_count

register = template.Library()


@register.simple_tag(takes_context=True)
def warning_nav(context: template.Context) -> str:
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not may_see_alerts(user):
        return ""
    count = open_alert_count(user=user)
    url = reverse("warning:alerts")
    current = "page" if request.path == url else "false"
    badge = format_html(' <span class="badge badge-red" data-open-alerts="{}">{}</span>', count, count) if count else ""
    return format_html('<a href="{}" aria-current="{}">{}{}</a> <a href="{}">{}</a> <a href="{}">{}</a>', url, current,
                       _("预警"), badge, reverse("warning:risks"), _("风险研判"), reverse("warning:hotspots"), _("热点区域"))
