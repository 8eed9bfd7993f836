"""Keeping the directory of mediation organisations and mediators (also editable, audited, in the admin)."""
from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.utils.translation import gettext as _

from fengqiao.accounts.choices import Role
from fengqiao.accounts.models import User
from fengqiao.audit.services import audit_record
from fengqiao.cases.models import DisputeType
from fengqiao.core.errors import PermissionRefused, ValidationFailed
from fengqiao.core.validators import is_valid_phone
from fengqiao.mediation.choices import OrganisationKind
from fengqiao.mediation.models import Mediator, Organisation
from fengqiao.mediation.services.common import clean_text
from fengqiao.regions.models import Department, Region
from fengqiao.regions.paths import county_path

DIRECTORY_ROLES = {Role.ADMIN, Role.CENTER}


def _ensure_keeper(acting_user, region: Region) -> None:
    """Administrators and center staff of an area keep the directory of that area."""
    if getattr(acting_user, "is_platform_admin", False):
        return
    for membership in getattr(acting_user, "active_memberships", []):
        if membership.role in DIRECTORY_ROLES and region.path.startswith(membership.region.path):
            return
    raise PermissionRefused(_("您无权维护该区划的调解组织名录。"))


def _organisation_snapshot(org: Organisation) -> dict:
    return {"name": org.name, "kind": org.kind, "region": org.region_id, "department": org.department_id,
            "is_active": org.is_active}


def _mediator_snapshot(mediator: Mediator) -> dict:
    return {
        "name": mediator.name, "organisation": mediator.organisation_id, "user": mediator.user_id,
        "specialities": sorted(mediator.specialities.values_list("code", flat=True)),
        "regions_served": sorted(mediator.regions_served.values_list("code", flat=True)), "is_active": mediator.is_active,
    }


@transaction.atomic
def organisation_create(*, acting_user, name: str, kind: str, region: Region, department: Department | None = None,
                        number_prefix: str = "", address: str = "", contact_phone: str = "") -> Organisation:
    name = clean_text(name, field="name", label=_("名称"), required=True, max_length=100)
    if kind not in OrganisationKind.values:
        raise ValidationFailed(_("未知的调解组织类型。"), field_errors={"kind": [_("未知")]})
    if department is not None and county_path(department.home_region.path) != county_path(region.path):
        raise ValidationFailed(_("所属部门不在该组织所在的县（区）。"), field_errors={"department": [_("不在本县")]})
    _ensure_keeper(acting_user, region)
    org = Organisation.objects.create(
        name=name, kind=kind, region=region, department=department,
        number_prefix=clean_text(number_prefix, field="number_prefix", label=_("文书字号"), max_length=20),
        address=clean_text(address, field="address", label=_("办公地址"), max_length=200),
        contact_phone=clean_text(contact_phone, field="contact_phone", label=_("联系电话"), max_length=30),
    )
    audit_record(actor=acting_user, action="mediation.organisation_create", obj=org, after=_organisation_snapshot(org))
    return org


@transaction.atomic
def mediator_create(*, acting_user, name: str, organisation: Organisation, user: User | None = None,
                    specialities: Iterable[DisputeType] = (), regions_served: Iterable[Region] = (),
                    phone: str = "") -> Mediator:
    if user is not None and not name:
        name = user.display_name or user.username
    name = clean_text(name, field="name", label=_("姓名"), required=True, max_length=50)
    phone = clean_text(phone, field="phone", label=_("联系电话"), max_length=20)
    if phone and not is_valid_phone(phone):
        raise ValidationFailed(_("电话号码格式不正确。"), field_errors={"phone": [_("格式不正确")]})
    _ensure_keeper(acting_user, organisation.region)
    regions = list(regions_served)
    root = county_path(organisation.region.path)
    if any(not r.path.startswith(root) for r in regions):
        raise ValidationFailed(_("服务区域必须在调解组织所在的县（区）内。"), field_errors={"regions_served": [_("不在本县")]})
    if user is not None and Mediator.objects.filter(organisation=organisation, user=user).exists():
        raise ValidationFailed(_("该账号已是本组织的调解员。"), field_errors={"user": [_("重复")]})
    mediator = Mediator.objects.create(name=name, organisation=organisation, user=user, phone=phone)
    mediator.specialities.set(list(specialities))
    mediator.regions_served.set(regions)
    audit_record(actor=acting_user, action="mediation.mediator_create", obj=mediator, after=_mediator_snapshot(mediator))
    return mediator
