import importlib

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError


def test_production_settings_hash_with_argon2_and_expire_idle_sessions():
    production = importlib.import_module("fengqiao.config.settings")
    assert production.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"
    assert production.SESSION_COOKIE_AGE == 30 * 60 and production.FENGQIAO_SESSION_RENEW_SECONDS <= 60
    assert production.FENGQIAO_SESSION_ABSOLUTE_SECONDS == 12 * 60 * 60


@pytest.mark.parametrize("password", ["short1!", "password1234", "123456789012"])
def test_weak_passwords_are_refused(password):
    with pytest.raises(ValidationError):
        validate_password(password)


def test_a_long_passphrase_is_accepted():
    validate_password("枫桥经验-矛盾不上交-2026")
