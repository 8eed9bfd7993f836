"""Writes to users and memberships. Atomic and audited."""
from __future__ import annotations

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from fengqiao.accounts.choices import Role
from fengqiao.accounts.models import Membership, User
from fengqiao.audit.services import audit_record
from fengqiao.core.errors import ValidationFailed
from fengqiao.regions.models import Department, Region


@transaction.atomic
def user_create(
    *, acting_user, username: str, password: str, display_name: str = "", email: str = "",
    validate: bool = True,
) -> User:
    if User.objects.filter(username=username).exists():
        raise ValidationFailed(_("用户名已存在。"), field_errors={"username": [_("已存在")]})
    user = User(username=username, display_name=display_name, email=email)
    if validate:
        try:
            validate_password(password, user)
        except ValidationError as exc:
            raise ValidationFailed(_("密码不符合要求。"), field_errors={"password": list(exc.messages)}) from exc
    user.set_password(password)
    user.save()
    audit_record(actor=acting_user, action="user.create", obj=user, after={"username": username})
    return user


@transaction.atomic
def membership_grant(
    *, acting_user, user: User, role: str, region: Region, department: Department | None = None,
    is_head: bool = False,
) -> Membership:
    """Give `user` a role in a region (and department); `is_head` makes the membership a 负责人 of that body
    (granting again without it leaves an existing 负责人 as one)."""
    if role not in Role.values:
        raise ValidationFailed(_("未知的角色。"), field_errors={"role": [_("未知的角色")]})
    if role == Role.HANDLER and department is None:
        raise ValidationFailed(_("部门承办人必须属于一个部门。"), field_errors={"department": [_("必填")]})
    membership, created = Membership.objects.get_or_create(
        user=user, role=role, region=region, department=department, defaults={"is_active": True}
    )
    changed = [f for f, wanted in (("is_active", True), ("is_head", is_head)) if wanted and not getattr(membership, f)]
    for name in changed:
        setattr(membership, name, True)
    if changed:
        membership.save(update_fields=changed)
    audit_record(
        actor=acting_user, action="membership.grant", obj=membership,
        after={"user": user.username, "role": role, "region": region.code, "department": department.code if department else None,
               "is_head": is_head},
    )
    user.__dict__.pop("active_memberships", None)
    return membership


@transaction.atomic
def membership_revoke(*, acting_user, membership: Membership) -> None:
    membership.is_active = False
    membership.save(update_fields=["is_active"])
    audit_record(actor=acting_user, action="membership.revoke", obj=membership, before={"is_active": True}, after={"is_active": False})
