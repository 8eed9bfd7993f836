"""Test data builders shared by every app's tests (factory_boy)."""
from __future__ import annotations

import functools
import itertools

import factory
from django.contrib.auth.hashers import make_password

from fengqiao.accounts.models import Membership, User
from fengqiao.cases.models import Process
from fengqiao.cases.services import case_create
from fengqiao.cases.services.create import CaseInput, PartyInput
from fengqiao.core.validators import id_check_digit
from fengqiao.regions.choices import RegionLevel
from fengqiao.regions.models import Department, Region

_codes = itertools.count(100)
TEST_PASSWORD = "correct-horse-battery-staple"


@functools.cache
def test_password_hash() -> str:
    return make_password(TEST_PASSWORD)


def valid_id_number(birth: str = "19800101", area: str = "330106", seq: str = "123") -> str:
    first17 = f"{area}{birth}{seq}"
    return first17 + id_check_digit(first17)


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region

    code = factory.LazyFunction(lambda: f"R{next(_codes)}")
    name = factory.Sequence(lambda n: f"区划{n}")
    level = RegionLevel.COUNTY
    parent = None

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        region = model_class(*args, **kwargs)
        region.path = region.compute_path()
        region.save()
        return region


class DepartmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Department
        skip_postgeneration_save = True

    code = factory.LazyFunction(lambda: f"D{next(_codes)}")
    name = factory.Sequence(lambda n: f"部门{n}")
    home_region = factory.SubFactory(RegionFactory)

    @factory.post_generation
    def covers(self, create, extracted, **kwargs):
        if create:
            self.covers.set(extracted or [self.home_region])


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    display_name = factory.Sequence(lambda n: f"工作人员{n}")
    # Argon2 is slow by design: hash the shared test password once and reuse the hash.
    password = factory.LazyFunction(lambda: test_password_hash())


def grant(user: User, role: str, region: Region, department: Department | None = None) -> User:
    Membership.objects.create(user=user, role=role, region=region, department=department)
    user.__dict__.pop("active_memberships", None)
    return user


def make_case(*, acting_user: User, region: Region, process: str = "dispute", **overrides):
    parties = overrides.pop("parties", None) or [
        PartyInput(name="张某", phone="13812345678", id_number=valid_id_number()),
        PartyInput(name="某建筑公司", role="respondent", kind="organisation"),
    ]
    data = CaseInput(
        process=Process.objects.get(code=process),
        channel=overrides.pop("channel", "visit"),
        title=overrides.pop("title", "拖欠工资纠纷"),
        narrative=overrides.pop("narrative", "申请人在工地务工五个月，工资一直未结清，多次讨要无果。"),
        region=region,
        parties=parties,
        **overrides,
    )
    return case_create(acting_user=acting_user, data=data)
