"""Region paths: what code reads out of them."""
from __future__ import annotations

from fengqiao.regions.paths import common_ancestor_path


def test_the_common_ancestor_path_is_the_lowest_shared_by_all():
    assert common_ancestor_path(["/A/B/C/", "/A/B/D/"]) == "/A/B/"
    assert common_ancestor_path(["/A/B/C/", "/A/B/C/"]) == "/A/B/C/"
    assert common_ancestor_path(["/A/B/C/", "/A/B/", "/A/B/E/F/"]) == "/A/B/"
    assert common_ancestor_path(["/A/", "/Z/"]) is None and common_ancestor_path([]) is None
