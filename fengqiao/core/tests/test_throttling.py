"""The API throttles count per client address as `client_address` reads it: a new X-Forwarded-For starts no
fresh count unless FENGQIAO_TRUSTED_PROXIES says a proxy of our own wrote it."""
import pytest
from django.core.cache import cache

from fengqiao.core.throttling import ClientAnonRateThrottle

TOKEN_URL = "/api/v1/auth/token/"


@pytest.fixture
def three_a_minute(monkeypatch):
    monkeypatch.setattr(ClientAnonRateThrottle, "rate", "3/minute", raising=False)
    cache.clear()
    yield
    cache.clear()


def ask(client, **meta):
    # An empty body is refused (400) after the throttle has counted the request; no password is checked.
    return client.post(TOKEN_URL, {}, content_type="application/json", **meta)


def test_the_api_is_configured_with_the_client_address_throttles(settings):
    classes = settings.REST_FRAMEWORK["DEFAULT_THROTTLE_CLASSES"]
    assert classes == ["fengqiao.core.throttling.ClientAnonRateThrottle", "fengqiao.core.throttling.ClientUserRateThrottle"]


def test_a_changed_x_forwarded_for_does_not_reset_the_count(client, db, three_a_minute, settings):
    settings.FENGQIAO_TRUSTED_PROXIES = 0
    for n in range(3):
        assert ask(client, REMOTE_ADDR="198.51.100.20", HTTP_X_FORWARDED_FOR=f"203.0.113.{n}").status_code == 400
    response = ask(client, REMOTE_ADDR="198.51.100.20", HTTP_X_FORWARDED_FOR="203.0.113.200")
    assert response.status_code == 429
    assert response.json()["code"] == "throttled"
    assert ask(client, REMOTE_ADDR="198.51.100.21").status_code == 400


def test_behind_one_trusted_proxy_the_right_most_forwarded_address_is_counted(client, db, three_a_minute, settings):
    settings.FENGQIAO_TRUSTED_PROXIES = 1
    proxy = "10.0.0.5"
    for n in range(3):
        ask(client, REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR=f"6.6.6.{n}, 203.0.113.30")
    assert ask(client, REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR="7.7.7.7, 203.0.113.30").status_code == 429
    assert ask(client, REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR="203.0.113.31").status_code == 400
