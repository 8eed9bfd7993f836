"""Password rules (SECURITY.md item 12) under the standard (ASVS) and the 等保 profile: length, common passwords and
similarity under both; character classes, no system names or keyboard runs, no reuse of the last 5 and a forced
change after 90 days under 等保 only."""
from datetime import timedelta

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from fengqiao.accounts.models import PasswordHistory, User
from fengqiao.audit.models import AuditEntry
from fengqiao.conftest import PASSWORD
from fengqiao.testing.factories import UserFactory


@pytest.fixture
def dengbao(settings):
    settings.FENGQIAO_PASSWORD_PROFILE = "dengbao"
    return settings


def refused(password: str, user=None) -> bool:
    try:
        validate_password(password, user)
    except ValidationError:
        return True
    return False


@pytest.mark.parametrize("password", ["short-pw1", "password123456", "123456789012", "qwertyuiop"])
def test_both_profiles_refuse_short_common_and_numeric_passwords(password, settings):
    for profile in ("standard", "dengbao"):
        settings.FENGQIAO_PASSWORD_PROFILE = profile
        assert refused(password), (profile, password)


def test_both_profiles_refuse_a_password_like_the_user_name(db, settings):
    user = UserFactory(username="zhang.wenjun", display_name="张文君")
    for profile in ("standard", "dengbao"):
        settings.FENGQIAO_PASSWORD_PROFILE = profile
        assert refused("zhang.wenjun1", user)


@pytest.mark.parametrize("password", ["qwertyuiopas", "Fengqiao-2026"])
def test_the_standard_profile_takes_long_passwords_without_composition_rules(password, settings):
    settings.FENGQIAO_PASSWORD_PROFILE = "standard"
    assert not refused(password)


def test_a_64_character_password_is_accepted(settings):
    assert not refused("长江后浪推前浪-" + "Tide-Rises-8!" * 5)


@pytest.mark.parametrize("password", [
    "qwertyuiopas",  # one class, a keyboard row
    "Fengqiao-2026",  # four classes, but the system's name
    "Zhejiang-1234x",  # a digit run
    "horsebatterystaple",  # one class
    "Xiaoshan-Maodiao-7",  # the centre's name
    "Riverbank#aaaa9",  # a character four times over
])
def test_the_dengbao_profile_refuses(password, dengbao):
    assert refused(password)


@pytest.mark.parametrize("password", ["Lotus-Bridge-97x", "雨后春笋Ab9-5731", "correct-Horse-battery-7"])
def test_the_dengbao_profile_accepts_varied_passwords(password, dengbao):
    assert not refused(password)


def test_the_dengbao_profile_refuses_the_user_name_inside_the_password(db, dengbao):
    user = UserFactory(username="wjzhang")
    assert refused("My-wjzhang-Key-82", user)


def change_password(user: User, password: str) -> None:
    validate_password(password, user)
    user.set_password(password)
    user.save()


def test_each_change_is_kept_in_the_history_and_audited(db):
    user = UserFactory(username="history-keeper")
    passwords = [f"Lotus-Bridge-{n}7x" for n in range(7)]
    for password in passwords:
        change_password(user, password)
    assert PasswordHistory.objects.filter(user=user).count() == 5
    user.refresh_from_db()
    assert user.password_changed_at is not None
    assert AuditEntry.objects.filter(action="user.password_changed", object_id=str(user.pk)).count() == 7


def test_the_dengbao_profile_refuses_the_last_five_passwords(db, dengbao):
    user = UserFactory(username="history-user")
    passwords = [f"Lotus-Bridge-{n}7x" for n in range(6)]
    for password in passwords:
        change_password(user, password)
    for old in passwords[1:]:  # the current one and the four before it, i.e. the last five
        assert refused(old, user), old
    assert not refused(passwords[0], user)  # six changes ago
    assert not refused("Lotus-Bridge-new7x", user)


def test_the_standard_profile_allows_reuse(db, settings):
    settings.FENGQIAO_PASSWORD_PROFILE = "standard"
    user = UserFactory(username="reuse-user")
    change_password(user, "Lotus-Bridge-07x")
    assert not refused("Lotus-Bridge-07x", user)


def age_password(user: User, days: int) -> None:
    User.objects.filter(pk=user.pk).update(password_changed_at=timezone.now() - timedelta(days=days),
                                           date_joined=timezone.now() - timedelta(days=days))


def test_under_dengbao_an_expired_password_must_be_changed_first(client, county, dengbao):
    user = county.center
    age_password(user, 91)
    client.force_login(user)
    response = client.get(reverse("cases:my_work"))
    assert response.status_code == 302 and response["Location"] == reverse("password_change")
    page = client.get(reverse("password_change"))
    assert page.status_code == 200 and "密码已到期" in page.content.decode()
    # The API is not redirected (token clients cannot fill in a form).
    assert client.get("/api/v1/cases/").status_code == 200

    changed = client.post(reverse("password_change"), {
        "old_password": PASSWORD, "new_password1": "Lotus-Bridge-97x", "new_password2": "Lotus-Bridge-97x"})
    assert changed.status_code == 302
    assert client.get(reverse("cases:my_work")).status_code == 200


def test_under_dengbao_a_recent_password_is_not_redirected(client, county, dengbao):
    age_password(county.center, 89)
    client.force_login(county.center)
    assert client.get(reverse("cases:my_work")).status_code == 200


def test_the_standard_profile_never_forces_a_change(client, county, settings):
    settings.FENGQIAO_PASSWORD_PROFILE = "standard"
    age_password(county.center, 400)
    client.force_login(county.center)
    assert client.get(reverse("cases:my_work")).status_code == 200


def test_the_password_change_page_refuses_a_weak_password_with_a_clear_message(client, county, dengbao):
    client.force_login(county.center)
    response = client.post(reverse("password_change"), {
        "old_password": PASSWORD, "new_password1": "Fengqiao-2026", "new_password2": "Fengqiao-2026"})
    assert response.status_code == 200
    assert "本系统名称" in response.content.decode()
    county.center.refresh_from_db()
    assert county.center.check_password(PASSWORD)
