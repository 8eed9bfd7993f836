"""The preferences grid as a form: one checkbox per (kind, channel); locked cells are shown checked and disabled."""
from __future__ import annotations

from dataclasses import dataclass

from django import forms

from fengqiao.notifications.choices import Channel, Kind
from fengqiao.notifications.preferences import Cell, is_locked


def field_name(kind: str, channel: str) -> str:
    return f"{kind}__{channel}"


@dataclass
class GridRow:
    kind: str
    label: str
    cells: list[forms.BoundField]


class PreferencesForm(forms.Form):
    def __init__(self, *args: object, current: dict[Cell, bool], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        for kind, kind_label in Kind.choices:
            for channel, channel_label in Channel.choices:
                locked = is_locked(kind, channel)
                self.fields[field_name(kind, channel)] = forms.BooleanField(
                    required=False,
                    initial=True if locked else current[(kind, channel)],
                    disabled=locked,
                    label=f"{kind_label} · {channel_label}",
                    widget=forms.CheckboxInput(attrs={"aria-label": f"{kind_label} · {channel_label}"}),
                )

    def rows(self) -> list[GridRow]:
        return [
            GridRow(kind, label, [self[field_name(kind, channel)] for channel in Channel.values])
            for kind, label in Kind.choices
        ]

    def choices(self) -> dict[Cell, bool]:
        """The submitted choices of the cells the user may change."""
        return {
            (kind, channel): bool(self.cleaned_data.get(field_name(kind, channel)))
            for kind in Kind.values
            for channel in Channel.values
            if not is_locked(kind, channel)
        }
