"""Fixtures shared by every app: a small county with one user per role, and a second county for
permission tests (a user there must never see the first county's cases)."""
from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.test.utils import override_settings

from fengqiao.accounts.models import User
from fengqiao.regions.choices import DepartmentKind, RegionLevel
from fengqiao.regions.models import Department, Region
from fengqiao.testing.factories import TEST_PASSWORD, DepartmentFactory, RegionFactory, UserFactory, grant

PASSWORD = TEST_PASSWORD  # tests import it from here; test-support code takes it from fengqiao.testing


@dataclass
class County:
    county: Region
    street: Region
    community: Region
    grid: Region
    other_street: Region
    other_grid: Region
    labour: Department  # 人社局 (county level)
    police: Department  # 派出所 (covers the street)
    admin: User
    leader: User
    center: User
    street_center: User
    grid_worker: User
    mediator: User
    handler: User
    police_handler: User
    counsellor: User


def build_county(prefix: str) -> County:
    county = RegionFactory(code=f"{prefix}00", name=f"{prefix}县", level=RegionLevel.COUNTY)
    street = RegionFactory(code=f"{prefix}01", name=f"{prefix}青石街道", level=RegionLevel.STREET, parent=county)
    community = RegionFactory(code=f"{prefix}0101", name=f"{prefix}柳湾社区", level=RegionLevel.COMMUNITY, parent=street)
    grid = RegionFactory(code=f"{prefix}010101", name=f"{prefix}第一网格", level=RegionLevel.GRID, parent=community)
    other_street = RegionFactory(code=f"{prefix}02", name=f"{prefix}东坪镇", level=RegionLevel.STREET, parent=county)
    other_community = RegionFactory(code=f"{prefix}0201", name=f"{prefix}东坪村", level=RegionLevel.COMMUNITY, parent=other_street)
    other_grid = RegionFactory(code=f"{prefix}020101", name=f"{prefix}东坪一网格", level=RegionLevel.GRID, parent=other_community)
    labour = DepartmentFactory(code=f"{prefix}-rsj", name=f"{prefix}人社局", home_region=county, covers=[county])
    police = DepartmentFactory(code=f"{prefix}-pcs", name=f"{prefix}青石派出所", home_region=street, covers=[street],
                               kind=DepartmentKind.POLICE)

    def user(name: str, role: str, region: Region, department: Department | None = None) -> User:
        u = UserFactory(username=f"{prefix}-{name}", display_name=f"{prefix}{name}")
        return grant(u, role, region, department)

    return County(
        county=county, street=street, community=community, grid=grid, other_street=other_street, other_grid=other_grid,
        labour=labour, police=police,
        admin=user("admin", "admin", county),
        leader=user("leader", "leader", county),
        center=user("center", "center", county),
        street_center=user("street-center", "center", street),
        grid_worker=user("grid", "grid_worker", grid),
        mediator=user("mediator", "mediator", community),
        handler=user("handler", "handler", county, labour),
        police_handler=user("police", "handler", street, police),
        counsellor=user("counsellor", "counsellor", county),
    )


def load_county(prefix: str) -> County | None:
    """Read a county built earlier; None when it is not in the database (e.g. after a flush)."""
    regions = {r.code: r for r in Region.objects.filter(code__startswith=prefix)}
    if f"{prefix}00" not in regions:
        return None
    users = {u.username.removeprefix(f"{prefix}-"): u for u in User.objects.filter(username__startswith=f"{prefix}-")}
    departments = {d.code: d for d in Department.objects.filter(code__startswith=f"{prefix}-")}
    return County(
        county=regions[f"{prefix}00"], street=regions[f"{prefix}01"], community=regions[f"{prefix}0101"],
        grid=regions[f"{prefix}010101"], other_street=regions[f"{prefix}02"], other_grid=regions[f"{prefix}020101"],
        labour=departments[f"{prefix}-rsj"], police=departments[f"{prefix}-pcs"],
        admin=users["admin"], leader=users["leader"], center=users["center"], street_center=users["street-center"],
        grid_worker=users["grid"], mediator=users["mediator"], handler=users["handler"], police_handler=users["police"],
        counsellor=users["counsellor"],
    )


@pytest.fixture(autouse=True, scope="session")
def _quick_password_hashing():
    """Production Argon2 costs ~0.3 s a hash; the suite hashes with Argon2 at minimal cost."""
    override = override_settings(PASSWORD_HASHERS=["fengqiao.testing.hashers.QuickArgon2PasswordHasher"])
    override.enable()
    yield
    override.disable()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Build the two test counties once per test database; each test's changes roll back around them."""
    with django_db_blocker.unblock():
        for prefix in ("A", "B"):
            if load_county(prefix) is None:
                build_county(prefix)


@pytest.fixture
def county(db) -> County:
    return load_county("A") or build_county("A")


@pytest.fixture
def other_county(db) -> County:
    return load_county("B") or build_county("B")


@pytest.fixture
def fresh():
    """Re-read a user so cached memberships are current."""
    def _fresh(user: User) -> User:
        return User.objects.get(pk=user.pk)
    return _fresh


@pytest.fixture
def chromium_path() -> str:
    """Debian's Chromium for the Playwright tests (skips, or fails under FENGQIAO_REQUIRE_BROWSER=1, without it)."""
    from fengqiao.testing.browser import chromium_or_skip

    return chromium_or_skip()
