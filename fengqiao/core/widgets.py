"""Form widgets shared by the staff pages."""
from __future__ import annotations

from typing import Any

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe


class PlainSelect(forms.Select):
    """A <select> with the same markup as Django's own, built in Python instead of one template render per
    option. The case-list filters carry some 250 options (states, regions, types); through the templates
    they cost more than the rest of the page together."""

    def render(self, name: str, value: Any, attrs: dict | None = None, renderer: Any = None) -> SafeString:
        widget = self.get_context(name, value, attrs)["widget"]
        parts = [format_html('<select name="{}"{}>', widget["name"], flatatt(widget["attrs"]))]
        for group_name, options, _index in widget["optgroups"]:
            if group_name:
                parts.append(format_html('<optgroup label="{}">', group_name))
            for option in options:
                parts.append(format_html('<option value="{}"{}>{}</option>', str(option["value"]),
                                         flatatt(option["attrs"]), option["label"]))
            if group_name:
                parts.append(mark_safe("</optgroup>"))  # noqa: S308 - a fixed tag
        parts.append(mark_safe("</select>"))  # noqa: S308 - a fixed tag
        return mark_safe("\n".join(parts))  # noqa: S308 - every part is format_html output or a fixed tag
