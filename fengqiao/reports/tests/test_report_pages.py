"""The report documents page: in the navigation of the roles that see figures (404 for the others), a form that
says what is wrong and queues nothing, the user's runs polled while one is running, and a download for the user
who asked only."""
from __future__ import annotations

from urllib.parse import quote

import pytest
from django.urls import reverse
from django.utils import timezone

from fengqiao.reports.choices import RunStatus
from fengqiao.reports.models import ReportRun
from fengqiao.reports.periods import quarter_of

URL = reverse("reports:documents")
RUNS_URL = reverse("reports:document_runs")


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)


def ask(client, **data):
    return client.post(URL, {"kind": "quarterly", "period": quarter_of(timezone.localdate()), "region": "",
                             "file_format": "xlsx", **data})


def test_the_page_is_in_the_navigation_of_the_roles_that_see_figures(client, county):
    for user, sees in ((county.leader, True), (county.center, True), (county.admin, True),
                       (county.grid_worker, False), (county.handler, False), (county.mediator, False)):
        client.force_login(user)
        page = client.get(reverse("cases:my_work")).content.decode()
        assert (f'href="{URL}"' in page) is sees, user
        assert client.get(URL).status_code == (200 if sees else 404), user
        assert client.get(RUNS_URL).status_code == (200 if sees else 404), user


def test_the_form_offers_the_jurisdiction_and_the_regions_one_level_down(client, county):
    client.force_login(county.street_center)
    html = client.get(URL).content.decode()
    assert f'value="{county.street.code}"' in html and f'value="{county.community.code}"' in html
    assert f'value="{county.other_street.code}"' not in html and f'value="{county.grid.code}"' not in html


def test_asking_queues_a_run_that_is_done_and_downloadable_by_its_requester_only(
        client, history, county, django_capture_on_commit_callbacks):
    client.force_login(county.center)
    with django_capture_on_commit_callbacks(execute=True):
        response = ask(client, region=county.street.code)
    assert response.status_code == 303 and response["Location"] == URL
    run = ReportRun.objects.get()
    assert (run.requested_by, run.region, run.status, run.progress) == (county.center, county.street,
                                                                        RunStatus.DONE, 100)
    page = client.get(URL).content.decode()
    download = reverse("reports:document_download", args=[run.pk])
    assert download in page and 'hx-trigger="every' not in page
    response = client.get(download)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert "filename*=utf-8''" + quote(f"{county.street.name}-") in disposition and quote("季报.xlsx") in disposition
    assert b"".join(response.streaming_content).startswith(b"PK")

    for other in (county.leader, county.admin):  # may see figures, but did not ask for it
        client.force_login(other)
        assert client.get(download).status_code == 404
        assert download not in client.get(URL).content.decode()
    client.force_login(county.grid_worker)
    assert client.get(download).status_code == 404


def test_a_run_not_done_is_polled_and_not_downloadable(client, county):
    client.force_login(county.center)
    response = ask(client)  # not committed in a test: its task never runs
    assert response.status_code == 303
    run = ReportRun.objects.get()
    assert run.status == RunStatus.QUEUED
    page = client.get(URL).content.decode()
    assert f'hx-get="{RUNS_URL}" hx-trigger="every 2s"' in page and 'value="0"' in page
    assert client.get(reverse("reports:document_download", args=[run.pk])).status_code == 404
    ReportRun.objects.filter(pk=run.pk).update(status=RunStatus.FAILED, error="您已无权查看所选区划的统计，报表未生成。")
    fragment = client.get(RUNS_URL).content.decode()
    assert "hx-trigger" not in fragment and "您已无权查看所选区划的统计" in fragment


@pytest.mark.parametrize(("data", "field", "message"), [
    ({"period": "2026-13"}, "period", "无法识别统计期间"),
    ({"kind": "monthly", "period": "2026-Q1"}, "period", "月报的统计期间应为一个月"),
    ({"kind": "annual_petition", "period": "2026-05"}, "period", "年度报告的统计期间应为一年"),
    ({"region": "B00"}, "region", "所选区划不在您的管辖范围内"),
    ({"kind": "weekly"}, "kind", ""),
])
def test_a_bad_request_says_what_is_wrong_and_queues_nothing(client, county, other_county, data, field, message):
    client.force_login(county.center)
    response = ask(client, **data)
    assert response.status_code == 400
    html = response.content.decode()
    assert 'class="field-error" role="alert"' in html and message in html
    assert f'name="{field}"' in html
    assert not ReportRun.objects.exists()
