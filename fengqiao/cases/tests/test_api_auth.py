"""The token endpoint: credentials in, token out; failures are audited and answer with the standard error body."""
import pytest
from django.core.cache import cache
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient
from rest_framework.throttling import AnonRateThrottle

from fengqiao.audit.models import AuditEntry
from fengqiao.cases.tests.api_support import CASES_URL
from fengqiao.conftest import PASSWORD

TOKEN_URL = "/api/v1/auth/token/"


ANON_THROTTLE_KEY = "throttle_anon_127.0.0.1"


@pytest.fixture(autouse=True)
def _fresh_throttle_history():
    # Anonymous requests are throttled per address; start each test with a clean count.
    cache.delete(ANON_THROTTLE_KEY)
    yield
    cache.delete(ANON_THROTTLE_KEY)


def test_valid_credentials_give_a_token_that_authenticates(county):
    client = APIClient()
    response = client.post(TOKEN_URL, {"username": county.center.username, "password": PASSWORD}, format="json")
    assert response.status_code == 200
    token = response.json()["token"]
    assert token == Token.objects.get(user=county.center).key
    assert response["Cache-Control"] == "no-store"
    assert AuditEntry.objects.filter(action="auth.token", actor=county.center).count() == 1

    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert client.get(CASES_URL).status_code == 200
    # Asking again returns the same token.
    again = APIClient().post(TOKEN_URL, {"username": county.center.username, "password": PASSWORD}, format="json")
    assert again.json()["token"] == token


def test_wrong_password_is_400_with_standard_body_and_audited(county):
    response = APIClient().post(TOKEN_URL, {"username": county.center.username, "password": "wrong-password-123"},
                                format="json")
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid"
    assert {"detail", "detail_zh", "detail_en", "errors"} <= set(body)
    assert body["errors"]["non_field_errors"]
    assert "token" not in body
    failed = AuditEntry.objects.filter(action="auth.login_failed", object_id=county.center.username)
    assert failed.count() == 1
    assert failed.get().outcome == AuditEntry.Outcome.DENIED
    assert not Token.objects.filter(user=county.center).exists()


def test_inactive_user_gets_no_token(county):
    county.center.is_active = False
    county.center.save(update_fields=["is_active"])
    response = APIClient().post(TOKEN_URL, {"username": county.center.username, "password": PASSWORD}, format="json")
    assert response.status_code == 400


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"password": PASSWORD}, "username"),
        ({"username": "A-center"}, "password"),
        ({"username": "A-center", "password": PASSWORD, "remember": True}, "remember"),
    ],
)
def test_malformed_token_request_names_the_field(county, body, field):
    response = APIClient().post(TOKEN_URL, body, format="json")
    assert response.status_code == 400
    assert field in response.json()["errors"]


def test_requests_without_or_with_a_bad_token_are_refused(county):
    assert APIClient().get(CASES_URL).status_code == 401
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token not-a-real-token")
    response = client.get(CASES_URL)
    assert response.status_code == 401
    assert response.json()["code"]


def test_delete_revokes_the_token(county):
    token = Token.objects.create(user=county.center)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    assert client.delete(TOKEN_URL).status_code == 204
    assert not Token.objects.filter(user=county.center).exists()
    assert client.get(CASES_URL).status_code == 401


def test_anonymous_requests_are_throttled(county):
    # Throttling is configured in settings (FENGQIAO_ANON_RATE, 60/minute by default).
    allowed = AnonRateThrottle().num_requests
    if allowed > 500:
        pytest.skip("anonymous rate raised too high to exercise here")
    client = APIClient()
    statuses = [client.post(TOKEN_URL, {}, format="json").status_code for _ in range(allowed + 1)]
    assert statuses[:allowed] == [400] * allowed
    assert statuses[allowed] == 429
    body = client.post(TOKEN_URL, {}, format="json").json()
    assert body["code"] == "throttled" and body["detail_zh"]
