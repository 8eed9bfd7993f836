"""Captcha-free but rate-limited: submissions and tracking attempts per client address per hour."""
from __future__ import annotations

import pytest
from django.core.cache import cache
from django.test import RequestFactory
from django.urls import reverse

from fengqiao.cases.models import Case
from fengqiao.core import ratelimit
from fengqiao.portal.tests.helpers import RESIDENT_PHONE, submission
from fengqiao.testing.factories import make_case

SUBMIT = reverse("portal:submit")
TRACK = reverse("portal:track")


@pytest.fixture
def small_limits(settings):
    settings.FENGQIAO_PORTAL_SUBMISSIONS_PER_HOUR = 2
    settings.FENGQIAO_PORTAL_TRACKS_PER_HOUR = 3
    return settings


def test_the_submission_after_the_limit_gets_429_and_saves_nothing(client, county, small_limits):
    assert client.post(SUBMIT, submission(county)).status_code == 302
    assert client.post(SUBMIT, submission(county, title="第二件事")).status_code == 302
    response = client.post(SUBMIT, submission(county, title="第三件事"))

    assert response.status_code == 429
    page = response.content.decode()
    assert "操作过于频繁" in page and "每小时最多可提交诉求 2 次" in page
    assert int(response["Retry-After"]) > 3500
    assert Case.objects.count() == 2 and not Case.objects.filter(title="第三件事").exists()


def test_refused_input_does_not_use_up_the_quota(client, county, small_limits):
    for _ in range(4):
        assert client.post(SUBMIT, submission(county, phone="")).status_code == 200
    assert client.post(SUBMIT, submission(county)).status_code == 302
    assert client.post(SUBMIT, submission(county)).status_code == 302
    assert client.post(SUBMIT, submission(county)).status_code == 429


def test_another_address_has_its_own_quota(client, county, small_limits):
    for _ in range(2):
        client.post(SUBMIT, submission(county), REMOTE_ADDR="198.51.100.7")
    assert client.post(SUBMIT, submission(county), REMOTE_ADDR="198.51.100.7").status_code == 429
    assert client.post(SUBMIT, submission(county), REMOTE_ADDR="198.51.100.8").status_code == 302


def test_x_forwarded_for_is_not_trusted_by_default(client, county, small_limits):
    for n in range(2):
        client.post(SUBMIT, submission(county), HTTP_X_FORWARDED_FOR=f"203.0.113.{n}")
    response = client.post(SUBMIT, submission(county), HTTP_X_FORWARDED_FOR="203.0.113.99")
    assert response.status_code == 429


def test_x_forwarded_for_is_used_behind_a_configured_proxy(client, county, small_limits):
    small_limits.FENGQIAO_TRUSTED_PROXIES = 1
    for _ in range(2):
        client.post(SUBMIT, submission(county), HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.1")
    assert client.post(SUBMIT, submission(county), HTTP_X_FORWARDED_FOR="203.0.113.1").status_code == 429
    # A forged left-most entry does not help: the proxy's own entry is what counts.
    assert client.post(SUBMIT, submission(county), HTTP_X_FORWARDED_FOR="7.7.7.7, 203.0.113.1").status_code == 429
    assert client.post(SUBMIT, submission(county), HTTP_X_FORWARDED_FOR="203.0.113.2").status_code == 302


def test_tracking_attempts_are_limited_even_with_the_right_answer(client, county, small_limits):
    case = make_case(acting_user=county.grid_worker, region=county.grid)
    for n in range(3):
        assert client.post(TRACK, {"code": f"WRONG{n}", "phone": RESIDENT_PHONE}).status_code == 200
    response = client.post(TRACK, {"code": case.tracking_code, "phone": "13812345678"})
    assert response.status_code == 429
    assert "每小时最多可查询进度 3 次" in response.content.decode()
    assert f'href="{TRACK}"' in response.content.decode()
    assert client.get(reverse("portal:track_result")).status_code == 302


def test_sliding_window_frees_slots_as_attempts_age():
    start = 1_000_000.0
    take = lambda now: ratelimit.rate_limit_take(bucket="t", address="192.0.2.1", limit=2, now=now)  # noqa: E731
    assert take(start).allowed and take(start + 600).allowed
    refused = take(start + 1200)
    assert not refused.allowed and refused.retry_after == 2400 + 1
    assert take(start + 3601).allowed  # the first attempt has left the window
    assert not take(start + 3602).allowed


def test_release_gives_the_attempt_back():
    first = ratelimit.rate_limit_take(bucket="t", address="192.0.2.1", limit=1)
    assert not ratelimit.rate_limit_take(bucket="t", address="192.0.2.1", limit=1).allowed
    ratelimit.rate_limit_release(first)
    assert ratelimit.rate_limit_take(bucket="t", address="192.0.2.1", limit=1).allowed


def test_ipv6_clients_are_counted_per_64_network_and_addresses_are_not_stored():
    a = ratelimit.client_bucket_key("2001:db8:1:2::1")
    assert a == ratelimit.client_bucket_key("2001:db8:1:2:ffff::9")
    assert a != ratelimit.client_bucket_key("2001:db8:1:3::1")
    assert ratelimit.client_bucket_key("::ffff:192.0.2.1") == ratelimit.client_bucket_key("192.0.2.1")
    decision = ratelimit.rate_limit_take(bucket="t", address="192.0.2.1", limit=5)
    assert "192.0.2.1" not in decision.key
    assert decision.key == f"portal:rate:t:{ratelimit.client_bucket_key('192.0.2.1')}"
    assert cache.get(decision.key) == [decision.stamp]


def test_client_address_falls_back_to_unknown_for_garbage():
    request = RequestFactory().get("/", REMOTE_ADDR="not-an-ip")
    assert ratelimit.client_address(request) == "unknown"
