"""regions_locate: map points and outlines set in one audited write; bad input refused before anything is written."""
from __future__ import annotations

from decimal import Decimal

import pytest

from fengqiao.audit.models import AuditEntry
from fengqiao.core.errors import ValidationFailed
from fengqiao.regions.models import Region
from fengqiao.regions.services import RegionPlace, region_create, regions_locate

pytestmark = pytest.mark.django_db
SQUARE = {"type": "Polygon", "coordinates": [[[119.0, 29.0], [119.1, 29.0], [119.1, 29.1], [119.0, 29.1], [119.0, 29.0]]]}


@pytest.fixture
def tree():
    county = region_create(acting_user=None, code="L01", name="甲县", level=1)
    street = region_create(acting_user=None, code="L0101", name="乙街道", level=2, parent=county)
    return county, street


def test_points_and_outlines_are_written_with_one_audit_row(tree):
    county, street = tree
    changed = regions_locate(acting_user=None, places={
        "L01": RegionPlace(Decimal("29.05"), Decimal("119.05"), SQUARE),
        "L0101": RegionPlace(Decimal("29.02"), Decimal("119.02")),
    })
    assert changed == 2
    county.refresh_from_db()
    street.refresh_from_db()
    assert county.boundary == SQUARE and county.latitude == Decimal("29.05")
    assert street.boundary is None and street.longitude == Decimal("119.02")
    entry = AuditEntry.objects.get(action="region.locate")
    assert entry.after == {"codes": ["L01", "L0101"], "outlines": 1}


@pytest.mark.parametrize("places", [
    {"NOPE": RegionPlace(Decimal("29"), Decimal("119"))},
    {"L01": RegionPlace(Decimal("91"), Decimal("119"))},
    {"L01": RegionPlace(Decimal("29"), Decimal("119"), {"type": "Point", "coordinates": [119, 29]})},
    {"L01": RegionPlace(Decimal("29"), Decimal("119"), {"type": "Polygon", "coordinates": [[[119, 29], [120, 29], [119, 30]]]})},
    {"L01": RegionPlace(Decimal("29"), Decimal("119"), {"type": "Polygon", "coordinates": [[[119, 29], [200, 29], [119, 30], [119, 29]]]})},
])
def test_bad_places_are_refused_and_nothing_is_written(tree, places):
    with pytest.raises(ValidationFailed):
        regions_locate(acting_user=None, places={"L0101": RegionPlace(Decimal("29"), Decimal("119")), **places})
    assert not Region.objects.filter(latitude__isnull=False).exists()
    assert not AuditEntry.objects.filter(action="region.locate").exists()


def test_outlines_become_a_feature_collection_of_the_regions_that_have_one(tree):
    from fengqiao.regions.selectors import region_children, region_outlines

    county, street = tree
    regions_locate(acting_user=None, places={"L0101": RegionPlace(Decimal("29.05"), Decimal("119.05"), SQUARE)})
    collection = region_outlines(regions=region_children(region=county))
    assert collection["type"] == "FeatureCollection"
    [feature] = collection["features"]
    assert feature["properties"] == {"id": street.pk, "code": "L0101", "name": "乙街道", "level": 2,
                                     "cp": [119.05, 29.05]}
    assert feature["geometry"] == SQUARE
    assert region_outlines(regions=[county])["features"] == []  # no outline, no feature
