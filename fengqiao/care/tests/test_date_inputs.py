"""Dates reach the browser's date and datetime inputs as ISO values whatever the page language."""
from __future__ import annotations

import datetime as dt

from django.utils import translation

from fengqiao.care.forms import ContactForm


def test_contact_form_dates_render_as_iso_in_chinese():
    with translation.override("zh-hans"):
        form = ContactForm(initial={"next_follow_up": dt.date(2026, 12, 1), "at": dt.datetime(2026, 11, 30, 9, 5)})
        html = str(form["next_follow_up"]) + str(form["at"])
    assert 'value="2026-12-01"' in html
    assert 'value="2026-11-30T09:05"' in html
