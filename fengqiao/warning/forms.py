from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from fengqiao.warning.choices import RiskLevel
from fengqiao.warning.display import feature_names
from fengqiao.warning.engine.risk import WEIGHT_KEYS


class OverrideForm(forms.Form):
    level = forms.ChoiceField(label=_("风险等级"), choices=RiskLevel.choices)
    note = forms.CharField(label=_("理由"), max_length=1000, widget=forms.Textarea(attrs={"rows": 3}))


class ClearOverrideForm(forms.Form):
    note = forms.CharField(label=_("取消说明"), max_length=300)


class NoteForm(forms.Form):
    note = forms.CharField(label=_("说明"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))


class WeightsForm(forms.Form):
    note = forms.CharField(label=_("修改原因"), max_length=300)

    def __init__(self, *args, initial_weights: dict[str, int] | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        names = feature_names()
        for key in WEIGHT_KEYS:
            self.fields[key] = forms.IntegerField(label=names.get(key, key), min_value=0, max_value=1000,
                                                  initial=(initial_weights or {}).get(key))
        self.order_fields([*WEIGHT_KEYS, "note"])
