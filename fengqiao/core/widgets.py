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
        # What Select.get_context/optgroups/create_option compute, without building a dict per option:
        # an option is selected when its value is among the formatted values and no earlier option was; it
        # carries no attribute of its own but `selected`.
        final_attrs = self.build_attrs(self.attrs, attrs)
        wanted = set(self.format_value(value))
        selected_one = False
        parts = [f'<select name="{_escaped(name)}"{_attributes(final_attrs)}>']

        def option(option_value: Any, label: Any) -> str:
            nonlocal selected_one
            text = "" if option_value is None else str(option_value)
            selected = text in wanted and not selected_one
            selected_one |= selected
            mark = " selected" if selected else ""
            return f'<option value="{_escaped(text)}"{mark}>{_escaped(label)}</option>'

        for group_value, group_label in self.choices:
            if isinstance(group_label, list | tuple):
                parts.append(f'<optgroup label="{_escaped(group_value)}">')
                parts.extend(option(v, label) for v, label in group_label)
                parts.append("</optgroup>")
            else:
                parts.append(option(group_value, group_label))
        parts.append("</select>")
        return mark_safe("\n".join(parts))  # noqa: S308 - every value above is escaped by _escaped
