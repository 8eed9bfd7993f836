"""Form widgets shared by the staff pages."""
from __future__ import annotations

import html
from typing import Any

from django import forms
from django.utils.safestring import SafeString, mark_safe


def _escaped(value: Any) -> str:
    """Like Django's conditional_escape, without its lazy-string machinery (called once per option)."""
    if hasattr(value, "__html__"):
        return value.__html__()
    return html.escape(str(value), quote=True)


def _attributes(attrs: dict[str, Any]) -> str:
    """Django's attrs.html: `name` for True, nothing for False or None, name="value" otherwise."""
    return "".join(
        f" {name}" if value is True else f' {name}="{_escaped(value)}"'
        for name, value in attrs.items()
        if value is not False and value is not None
    )


class PlainSelect(forms.Select):
    """A <select> with the same markup as Django's own, built in Python instead of one template render per
    option. The case-list filters carry some 250 options (states, regions, types); through the templates
    they cost more than the rest of the page together."""

    def render(self, name: str, value: Any, attrs: dict | None = None, renderer: Any = None) -> SafeString:
        widget = self.get_context(name, value, attrs)["widget"]
        parts = [f'<select name="{_escaped(widget["name"])}"{_attributes(widget["attrs"])}>']
        for group_name, options, _index in widget["optgroups"]:
            if group_name:
                parts.append(f'<optgroup label="{_escaped(group_name)}">')
            parts.extend(
                f'<option value="{_escaped(option["value"])}"{_attributes(option["attrs"])}>{_escaped(option["label"])}</option>'
                for option in options
            )
            if group_name:
                parts.append("</optgroup>")
        parts.append("</select>")
        return mark_safe("\n".join(parts))  # noqa: S308 - every value above is escaped by _escaped
