from django import template
from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from fengqiao.cases.panels import panels_for

register = template.Library()


@register.simple_tag(takes_context=True)
def case_app_panels(context, case, slot: str = "main") -> SafeString:
    """Render the sections other apps contribute to the case page (in `slot`), each with its own context."""
    request = context["request"]
    parts = [
        render_to_string(panel.template, {"case": case, **panel_context}, request=request)
        for panel, panel_context in panels_for(request, case, slot)
    ]
    return SafeString("".join(parts))
