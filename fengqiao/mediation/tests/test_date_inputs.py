"""Date fields pre-filled by the mediation forms must reach the browser's date input in ISO form (YYYY-MM-DD):
in the Chinese locale Django would write 2026/09/01, which a date input throws away, leaving the field empty."""
from __future__ import annotations

import datetime as dt
import re

from django.urls import reverse
from django.utils import timezone

from fengqiao.mediation.services import agreement_draft, mediation_start


def _date_values(html: str, name: str) -> list[str]:
    return re.findall(rf'<input type="date" name="{name}" value="([^"]*)"', html)


def test_the_case_page_prefills_date_inputs_in_iso_form(client, county, directory, case):
    today = timezone.localdate()
    client.force_login(county.mediator)
    page = client.get(reverse("cases:detail", args=[case.pk]), HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert _date_values(page, "applied_on") == [today.isoformat()]  # 开始调解

    mediation = mediation_start(case=case, acting_user=county.mediator, channel="people", organisation=directory.village,
                                applied_on=today)
    agreement_draft(mediation=mediation, acting_user=county.mediator, facts="楼上漏水致天花板受损。", terms=["赔偿3000元"],
                    performance_method="转账", performance_deadline=today + dt.timedelta(days=20))
    page = client.get(reverse("cases:detail", args=[case.pk]), HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "登记协议生效" in page  # the page is in Chinese
    assert _date_values(page, "signed_on") == [today.isoformat()]
    assert _date_values(page, "refused_on") == [today.isoformat()]
    assert _date_values(page, "performance_deadline") == [(today + dt.timedelta(days=20)).isoformat()]
