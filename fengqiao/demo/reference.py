"""Loading the demo county's reference data (regions, departments, staff) through the services.

The seven demo accounts get the demo password (checked by the password validators) and can
log in; every other member of staff is there so that assignments look real, and has an
unusable password.
"""
from __future__ import annotations

from django.db import transaction

from fengqiao.accounts.choices import Role
from fengqiao.accounts.models import User
from fengqiao.accounts.services import membership_grant, user_create
from fengqiao.audit.services import audit_record
from fengqiao.cases.specs import BulkNames
from fengqiao.demo.generator.county import COUNTY_CODE, County
from fengqiao.regions.models import Department, Region
from fengqiao.regions.services import RegionPlace, department_create, region_create, regions_locate


class Directory(BulkNames):
    """Ids of the loaded reference data, looked up by the codes and usernames the generator uses."""

    @classmethod
    def from_database(cls, county: County) -> Directory:
        regions = {
            code: (pk, path)
            for code, pk, path in Region.objects.filter(path__startswith=f"/{COUNTY_CODE}/").values_list("code", "id", "path")
        }
        departments = {
            code: (pk, name)
            for code, pk, name in Department.objects.filter(code__in=[d.code for d in county.departments]).values_list(
                "code", "id", "name"
            )
        }
        users = dict(User.objects.filter(username__in=[s.username for s in county.staff]).values_list("username", "id"))
        return cls(regions=regions, departments=departments, users=users)


def county_exists() -> bool:
    return Region.objects.filter(code=COUNTY_CODE).exists()


@transaction.atomic
def load_reference(county: County, *, password: str) -> Directory:
    """Create the county tree, its departments and staff. Raises ValidationFailed if the password is refused."""
    regions: dict[str, Region] = {}
    for spec in county.regions:
        region = region_create(acting_user=None, code=spec.code, name=spec.name, level=spec.level,
                               parent=regions.get(spec.parent_code))
        regions[spec.code] = region
    regions_locate(acting_user=None, places={
        spec.code: RegionPlace(spec.latitude, spec.longitude, county.boundaries.get(spec.code)) for spec in county.regions
    })

    departments = {}
    for spec in county.departments:
        departments[spec.code] = department_create(
            acting_user=None, code=spec.code, name=spec.name, home_region=regions[spec.home_code],
            covers=[regions[c] for c in spec.covers], kind=spec.kind,
        )

    users: dict[str, User] = {}
    for person in county.staff:
        if person.can_login:
            user = user_create(acting_user=None, username=person.username, password=password,
                               display_name=person.display_name, validate=True)
            if person.superuser:
                user.is_superuser = user.is_staff = True
                user.save(update_fields=["is_superuser", "is_staff"])
                audit_record(actor=None, action="user.grant_superuser", obj=user, after={"is_superuser": True, "is_staff": True})
        else:
            user = User(username=person.username, display_name=person.display_name)
            user.set_unusable_password()
            user.save()
            audit_record(actor=None, action="user.create", obj=user, after={"username": person.username, "can_login": False})
        users[person.username] = user
    heads: set[tuple[str, str]] = set()  # one 负责人 per department and per center (信访工作条例 第三十四条)
    for person in county.staff:
        department = departments.get(person.department_code) if person.department_code else None
        body = (person.department_code, "") if department else ("", person.region_code)
        is_head = person.role in {Role.HANDLER, Role.CENTER} and body not in heads
        if is_head:
            heads.add(body)
        membership_grant(acting_user=None, user=users[person.username], role=person.role,
                         region=regions[person.region_code], department=department, is_head=is_head)
    return Directory.from_database(county)
