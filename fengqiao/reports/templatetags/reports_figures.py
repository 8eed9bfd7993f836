from django import template
from django.utils.html import format_html

register = template.Library()


@register.filter
def percent(value: float | None) -> str:
    """0.9234 -> "92.3%"; nothing to divide by -> "—"."""
    if value is None:
        return "—"
    return f"{value * 100:.1f}%"


@register.simple_tag
def figure_link(value: int | None, url: str | None) -> str:
    """A figure as a link to the cases behind it; "—" where the row has no such figure."""
    if value is None:
        return "—"
    if not url or not value:
        return str(value)
    return format_html('<a href="{}">{}</a>', url, value)
