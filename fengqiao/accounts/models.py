"""Users and memberships (user x region x role, optionally a department)."""
from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from fengqiao.accounts.choices import Role


class User(AbstractUser):
    display_name = models.CharField(_("姓名"), max_length=50, blank=True)
    phone = models.CharField(_("手机号"), max_length=20, blank=True)
    # Set whenever the password is changed through set_password (not by the demo's bulk path); the 等保 profile's
    # rotation counts from it, or from date_joined while it is empty.
    password_changed_at = models.DateTimeField(_("密码修改时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("用户")
        verbose_name_plural = _("用户")

    def __str__(self) -> str:
        return self.display_name or self.username

    @cached_property
    def active_memberships(self) -> list[Membership]:
        return list(self.memberships.filter(is_active=True).select_related("region", "department"))

    def roles(self) -> set[str]:
        return {m.role for m in self.active_memberships}

    def has_role(self, *roles: str) -> bool:
        return bool(self.roles() & set(roles))

    @property
    def is_platform_admin(self) -> bool:
        return self.is_superuser or any(m.role == Role.ADMIN and m.region.parent_id is None for m in self.active_memberships)


class Membership(models.Model):
    user = models.ForeignKey(User, verbose_name=_("用户"), on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("角色"), max_length=20, choices=Role.choices)
    region = models.ForeignKey(
        "regions.Region", verbose_name=_("区划"), on_delete=models.PROTECT, related_name="memberships"
    )
    department = models.ForeignKey(
        "regions.Department", verbose_name=_("部门"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="memberships",
    )
    is_head = models.BooleanField(
        _("负责人"), default=False,
        help_text=_("本机关、单位（本部门；无部门时为本区划的中心）的负责人，例如批准信访事项延期（信访工作条例 第三十四条）"),
    )
    is_active = models.BooleanField(_("有效"), default=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("任职")
        verbose_name_plural = _("任职")
        constraints = [
            models.UniqueConstraint(fields=["user", "role", "region", "department"], name="unique_membership"),
        ]

    def __str__(self) -> str:
        where = self.department.name if self.department_id else self.region.name
        return f"{self.user} · {self.get_role_display()} · {where}"

    def clean(self) -> None:
        if self.role == Role.HANDLER and not self.department_id:
            raise ValidationError({"department": _("部门承办人必须属于一个部门。")})


class PasswordHistory(models.Model):
    """The hash of each password a user has had, newest last; the 等保 profile refuses the last few again."""

    user = models.ForeignKey(User, verbose_name=_("用户"), on_delete=models.CASCADE, related_name="password_history")
    password = models.CharField(_("密码哈希"), max_length=128)
    created_at = models.DateTimeField(_("设置时间"), default=timezone.now)

    class Meta:
        verbose_name = _("历史密码")
        verbose_name_plural = _("历史密码")
        indexes = [models.Index(fields=["user", "-created_at"], name="password_history_user_recent")]

    def __str__(self) -> str:
        return f"{self.user} · {self.created_at:%Y-%m-%d}"


class LoginFailure(models.Model):
    """One failed login, counted for the lockout. Holds keyed hashes of the account name and of the client
    address (per /64 for IPv6), never the plain values: the audit trail keeps those. Rows older than the window
    and the cool-off are deleted as new failures come in; a successful login clears the account's rows."""

    created_at = models.DateTimeField(_("时间"), default=timezone.now)
    account_key = models.CharField(_("账号键"), max_length=64)
    address_key = models.CharField(_("地址键"), max_length=64)

    class Meta:
        verbose_name = _("登录失败")
        verbose_name_plural = _("登录失败")
        indexes = [
            models.Index(fields=["account_key", "-created_at"], name="login_failure_account_recent"),
            models.Index(fields=["address_key", "-created_at"], name="login_failure_address_recent"),
        ]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M}"
