"""Password validators for the 等保 profile (settings.FENGQIAO_PASSWORD_PROFILE = "dengbao").

They sit in AUTH_PASSWORD_VALIDATORS under both profiles and check nothing under "standard" (OWASP ASVS: length,
a common-password list, no composition rules), so a change of profile needs no change to the validator list.
`PasswordHistoryValidator.password_changed` records every new password under both profiles, so history and the
rotation clock are there when an install turns the 等保 profile on."""
from __future__ import annotations

from django.conf import settings
from django.contrib.auth.hashers import check_password
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from fengqiao.accounts.selectors import password_profile_is_dengbao
from fengqiao.accounts.services.passwords import password_history_record

# Words of this system that people reach for when asked for a password.
SYSTEM_WORDS = ("fengqiao", "枫桥", "maodiao", "矛调", "password", "admin")
# Keyboard rows and runs: four characters in a row of one of these (either way) make a password guessable.
RUNS = ("1234567890", "qwertyuiop", "asdfghjkl", "zxcvbnm", "abcdefghijklmnopqrstuvwxyz")
RUN_LENGTH = 4


class CharacterClassesValidator:
    """等保: at least `min_classes` of upper-case letters, lower-case letters, digits and other characters."""

    def __init__(self, min_classes: int = 3):
        self.min_classes = min_classes

    def validate(self, password: str, user=None) -> None:
        if not password_profile_is_dengbao():
            return
        classes = sum((
            any("a" <= c <= "z" for c in password),
            any("A" <= c <= "Z" for c in password),
            any(c.isdigit() for c in password),
            any(not (c.isascii() and c.isalnum()) for c in password),
        ))
        if classes < self.min_classes:
            raise ValidationError(self.get_help_text(), code="password_too_few_classes")

    def get_help_text(self) -> str:
        if not password_profile_is_dengbao():
            return ""
        return _("密码须包含大写字母、小写字母、数字、符号中的至少 %(count)d 类。") % {"count": self.min_classes}


def _has_run(lowered: str) -> bool:
    for start in range(len(lowered) - RUN_LENGTH + 1):
        piece = lowered[start:start + RUN_LENGTH]
        if len(set(piece)) == 1:
            return True
        if any(piece in row or piece in row[::-1] for row in RUNS):
            return True
    return False


class ContextWordsValidator:
    """等保: no name of this system, no user name, no keyboard or alphabet run, no character four times over."""

    def validate(self, password: str, user=None) -> None:
        if not password_profile_is_dengbao():
            return
        lowered = password.lower()
        words = list(SYSTEM_WORDS)
        username = (getattr(user, "username", "") or "").lower()
        if len(username) >= 3:
            words.append(username)
        if any(word in lowered for word in words) or _has_run(lowered):
            raise ValidationError(self.get_help_text(), code="password_guessable")

    def get_help_text(self) -> str:
        if not password_profile_is_dengbao():
            return ""
        return _("密码不能包含本系统名称（如 fengqiao、枫桥）、用户名、键盘或字母顺序（如 qwer、1234）或重复字符。")


class PasswordHistoryValidator:
    """等保: none of the user's last FENGQIAO_PASSWORD_HISTORY passwords (the current one included)."""

    def validate(self, password: str, user=None) -> None:
        if not password_profile_is_dengbao() or user is None or getattr(user, "pk", None) is None:
            return
        count = settings.FENGQIAO_PASSWORD_HISTORY
        hashes = [user.password] if user.password else []
        hashes += list(user.password_history.order_by("-created_at", "-pk").values_list("password", flat=True)[:count])
        if any(check_password(password, encoded) for encoded in dict.fromkeys(hashes)):
            raise ValidationError(self.get_help_text(), code="password_reused")

    def password_changed(self, password: str, user=None) -> None:
        if user is not None and getattr(user, "pk", None) is not None:
            password_history_record(user=user)

    def get_help_text(self) -> str:
        if not password_profile_is_dengbao():
            return ""
        count = settings.FENGQIAO_PASSWORD_HISTORY
        return ngettext("新密码不能与最近 %(count)d 次用过的密码相同。", "新密码不能与最近 %(count)d 次用过的密码相同。",
                        count) % {"count": count}
