"""Login lockout (SECURITY.md item 13): five failures in 30 minutes lock the account name and, separately, the
client address on the staff login, the admin login and the API token endpoint; the lock lifts after the cool-off;
failures and lockouts are audited with the address; X-Forwarded-For counts only behind configured proxies."""
import itertools
import logging
from datetime import timedelta

import pytest
from django.urls import reverse

from fengqiao.accounts.models import LoginFailure
from fengqiao.audit.models import AuditEntry
from fengqiao.conftest import PASSWORD
from fengqiao.testing.factories import UserFactory

TOKEN_URL = "/api/v1/auth/token/"
WRONG = "not-the-password-42"
_addresses = itertools.count(10)


def fresh_address() -> str:
    """Each test logs in from addresses of its own (the API's anonymous throttle counts per address too)."""
    return f"198.18.{next(_addresses) // 250}.{next(_addresses) % 250 + 1}"


def post_login(client, username, password, **meta):
    return client.post(reverse("login"), {"username": username, "password": password}, **meta)


def post_admin(client, username, password, **meta):
    return client.post(reverse("admin:login"), {"username": username, "password": password, "next": "/admin/"}, **meta)


def post_api(client, username, password, **meta):
    return client.post(TOKEN_URL, {"username": username, "password": password}, content_type="application/json", **meta)


ENTRIES = {"login": post_login, "admin": post_admin, "api": post_api}


def succeeded(entry: str, response) -> bool:
    return response.status_code == (200 if entry == "api" else 302)


def refused_as_locked(entry: str, response) -> bool:
    if entry == "api":
        body = response.json()
        return (response.status_code == 429 and body["code"] == "locked_out" and int(response["Retry-After"]) > 0
                and "分钟" in body["detail_zh"] and "minutes" in body["detail_en"] and "Traceback" not in response.text)
    text = response.content.decode()
    if entry == "login" and response.status_code != 429:
        return False
    return "登录失败次数过多" in text and "Traceback" not in text


@pytest.fixture
def staff(db):
    return UserFactory(username="lockout-staff", is_staff=True, is_superuser=True)


def backdate_failures(minutes: int) -> None:
    """Move the clock: every counted failure happened `minutes` earlier than recorded."""
    for failure in LoginFailure.objects.all():
        LoginFailure.objects.filter(pk=failure.pk).update(created_at=failure.created_at - timedelta(minutes=minutes))


@pytest.mark.parametrize("entry", ENTRIES)
def test_five_failures_lock_the_account_from_any_address(client, staff, entry):
    attempt = ENTRIES[entry]
    for _ in range(5):
        assert not succeeded(entry, attempt(client, staff.username, WRONG, REMOTE_ADDR=fresh_address()))
    locked = attempt(client, staff.username, PASSWORD, REMOTE_ADDR=fresh_address())
    assert refused_as_locked(entry, locked)
    # Another account from a clean address is not affected.
    other = UserFactory(username=f"lockout-other-{entry}", is_staff=True, is_superuser=True)
    assert succeeded(entry, attempt(client, other.username, PASSWORD, REMOTE_ADDR=fresh_address()))


@pytest.mark.parametrize("entry", ENTRIES)
def test_five_failures_lock_the_address_for_every_account(client, staff, entry):
    attempt, address = ENTRIES[entry], fresh_address()
    for n in range(5):
        attempt(client, f"nobody-{n}", WRONG, REMOTE_ADDR=address)
    assert refused_as_locked(entry, attempt(client, staff.username, PASSWORD, REMOTE_ADDR=address))
    assert succeeded(entry, attempt(client, staff.username, PASSWORD, REMOTE_ADDR=fresh_address()))


@pytest.mark.parametrize("entry", ENTRIES)
def test_the_lock_lifts_after_the_cool_off(client, staff, entry):
    attempt, address = ENTRIES[entry], fresh_address()
    for _ in range(5):
        attempt(client, staff.username, WRONG, REMOTE_ADDR=address)
    backdate_failures(29)
    assert refused_as_locked(entry, attempt(client, staff.username, PASSWORD, REMOTE_ADDR=address))
    backdate_failures(2)  # 31 minutes since the last failure: the 30-minute cool-off is over
    assert succeeded(entry, attempt(client, staff.username, PASSWORD, REMOTE_ADDR=address))


def test_refused_attempts_do_not_extend_the_lock(client, staff):
    address = fresh_address()
    for _ in range(5):
        post_login(client, staff.username, WRONG, REMOTE_ADDR=address)
    backdate_failures(20)
    for _ in range(3):
        assert post_login(client, staff.username, WRONG, REMOTE_ADDR=address).status_code == 429
    assert LoginFailure.objects.count() == 5
    backdate_failures(11)
    assert post_login(client, staff.username, PASSWORD, REMOTE_ADDR=address).status_code == 302


def test_failures_spread_over_more_than_the_window_do_not_lock(client, staff):
    address = fresh_address()
    for _ in range(4):
        post_login(client, staff.username, WRONG, REMOTE_ADDR=address)
    backdate_failures(31)
    post_login(client, staff.username, WRONG, REMOTE_ADDR=address)
    assert post_login(client, staff.username, PASSWORD, REMOTE_ADDR=address).status_code == 302


def test_a_successful_login_clears_the_account_count_but_not_the_address_count(client, staff):
    for _ in range(4):
        post_login(client, staff.username, WRONG, REMOTE_ADDR=fresh_address())
    assert post_login(client, staff.username, PASSWORD, REMOTE_ADDR=fresh_address()).status_code == 302
    client.logout()
    for _ in range(4):
        post_login(client, staff.username, WRONG, REMOTE_ADDR=fresh_address())
    assert post_login(client, staff.username, PASSWORD, REMOTE_ADDR=fresh_address()).status_code == 302


def test_a_changed_x_forwarded_for_resets_nothing_without_trusted_proxies(client, staff, settings):
    settings.FENGQIAO_TRUSTED_PROXIES = 0
    address = fresh_address()
    for n in range(5):
        post_api(client, f"nobody-{n}", WRONG, REMOTE_ADDR=address, HTTP_X_FORWARDED_FOR=f"203.0.113.{n}")
    response = post_api(client, staff.username, PASSWORD, REMOTE_ADDR=address, HTTP_X_FORWARDED_FOR="203.0.113.99")
    assert refused_as_locked("api", response)
    failed = AuditEntry.objects.filter(action="auth.login_failed", object_id="nobody-0").get()
    assert failed.after["address"] == address


def test_behind_one_trusted_proxy_the_right_most_address_counts(client, staff, settings):
    settings.FENGQIAO_TRUSTED_PROXIES = 1
    proxy = fresh_address()
    for n in range(5):
        # A client may forge entries on the left; the proxy appends the address it saw on the right.
        post_login(client, f"nobody-{n}", WRONG, REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR=f"10.9.9.{n}, 203.0.113.7")
    assert post_login(client, staff.username, PASSWORD, REMOTE_ADDR=proxy,
                      HTTP_X_FORWARDED_FOR="203.0.113.7").status_code == 429
    failed = AuditEntry.objects.filter(action="auth.login_failed", object_id="nobody-4").get()
    assert failed.after["address"] == "203.0.113.7"
    # Another client behind the same proxy is not locked.
    assert post_login(client, staff.username, PASSWORD, REMOTE_ADDR=proxy,
                      HTTP_X_FORWARDED_FOR="10.9.9.1, 203.0.113.8").status_code == 302


def test_failures_and_the_lockout_are_audited_and_logged_with_the_address(client, staff, caplog):
    address = fresh_address()
    with caplog.at_level(logging.WARNING, logger="fengqiao.accounts.login"):
        for _ in range(5):
            post_admin(client, staff.username, WRONG, REMOTE_ADDR=address)
        post_admin(client, staff.username, PASSWORD, REMOTE_ADDR=address)
    failures = AuditEntry.objects.filter(action="auth.login_failed", object_id=staff.username)
    assert failures.count() == 5
    assert all(f.after["address"] == address and f.after["entry"] == "/admin/login/" for f in failures)
    assert all(f.outcome == AuditEntry.Outcome.DENIED for f in failures)
    lockout = AuditEntry.objects.get(action="auth.locked_out", object_id=staff.username)
    assert lockout.after["address"] == address and set(lockout.after["by"]) == {"account", "address"}
    refused = AuditEntry.objects.get(action="auth.login_refused_locked", object_id=staff.username)
    assert refused.after["address"] == address
    assert caplog.text.count(f"login failed: address={address}") == 5
    assert f"login locked out: address={address}" in caplog.text
    assert f"login refused while locked: address={address}" in caplog.text
    # The counting table holds no plain account name or address.
    assert not LoginFailure.objects.filter(account_key=staff.username).exists()
    assert not LoginFailure.objects.filter(address_key=address).exists()


def test_a_successful_login_is_audited_with_the_address(client, staff):
    address = fresh_address()
    assert post_login(client, staff.username, PASSWORD, REMOTE_ADDR=address).status_code == 302
    assert AuditEntry.objects.get(action="auth.login", actor=staff).after["address"] == address


def test_the_lockout_message_is_in_english_too(client, staff):
    address = fresh_address()
    for _ in range(5):
        post_login(client, staff.username, WRONG, REMOTE_ADDR=address)
    response = post_login(client, staff.username, PASSWORD, REMOTE_ADDR=address, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 429
    assert "Too many failed logins" in response.content.decode()


def test_failures_too_old_to_count_are_dropped(client, staff):
    post_login(client, "someone-else", WRONG, REMOTE_ADDR=fresh_address())
    backdate_failures(61)
    post_login(client, staff.username, WRONG, REMOTE_ADDR=fresh_address())
    assert LoginFailure.objects.count() == 1
    assert AuditEntry.objects.filter(action="auth.login_failed").count() == 2
