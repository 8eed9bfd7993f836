"""PlainSelect renders what Django's template-based Select renders."""
from __future__ import annotations

import re

from django import forms

from fengqiao.core.widgets import PlainSelect

CHOICES = [
    ("", "—"),
    ("kind:open", "办理中 <全部>"),
    ("流程一", [("state:1", "登记 & 受理"), ("state:2", '调解"中"')]),
    ("流程二", [("state:3", "办结")]),
]


def _normalised(html: str) -> str:
    return re.sub(r">\s+<", "><", str(html)).strip()


def _both(value: object, attrs: dict | None = None) -> tuple[str, str]:
    plain = PlainSelect(choices=CHOICES, attrs=attrs).render("state", value)
    django = forms.Select(choices=CHOICES, attrs=attrs).render("state", value)
    return _normalised(plain), _normalised(django)


def test_same_markup_as_django_select_with_groups_escaping_and_selection():
    plain, django = _both("state:2", attrs={"class": "form-select", "id": "id_state", "required": True})
    assert plain == django
    assert 'selected>调解&quot;中&quot;</option>' in plain and "&lt;全部&gt;" in plain


def test_same_markup_with_nothing_selected_and_no_attributes():
    plain, django = _both(None)
    assert plain == django and plain.count("selected") == 1 and 'value="" selected' in plain


def test_model_choices_render_alike(county):
    from fengqiao.regions.models import Region

    field = forms.ModelChoiceField(queryset=Region.objects.order_by("path"), empty_label="—")
    plain = PlainSelect(choices=field.choices).render("region", county.grid.pk)
    django = forms.Select(choices=field.choices).render("region", county.grid.pk)
    assert _normalised(plain) == _normalised(django)
    assert f'value="{county.grid.pk}" selected' in plain


def test_region_choices_from_rows_match_those_from_model_objects(county, other_county):
    """RegionChoiceField reads (id, name, level) rows; Django's own iterator, from model objects, gives the same."""
    from django.forms.models import ModelChoiceIterator

    from fengqiao.cases.forms import RegionChoiceField
    from fengqiao.regions.models import Region

    field = RegionChoiceField(queryset=Region.objects.order_by("path"), empty_label="—")
    fast = [(str(v), label) for v, label in field.choices]
    slow = [(str(v), label) for v, label in ModelChoiceIterator(field)]
    assert fast == slow
    assert len(fast) == Region.objects.count() + 1
    assert fast[0] == ("" , "—") and (str(county.grid.pk), "\u3000\u3000\u3000" + county.grid.name) in fast
    assert field.clean(str(county.grid.pk)) == county.grid  # validation still reads the queryset
