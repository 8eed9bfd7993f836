"""Users and memberships (user x region x role, optionally a department)."""
from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from fengqiao.accounts.choices import Role


class User(AbstractUser):
    display_name = models.CharField(_("姓名"), max_length=50, blank=True)
    phone = models.CharField(_("手机号"), max_length=20, blank=True)

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
