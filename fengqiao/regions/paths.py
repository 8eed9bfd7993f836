"""Region paths ("/33/3301/330101/"): one place for what code reads out of them."""
from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Q


def ancestor_paths(path: str | None) -> list[str]:
    """"/A00/A01/A0101/" -> ["/A00/", "/A00/A01/", "/A00/A01/A0101/"]: the region and every region above it,
    top first (an empty or missing path has none)."""
    codes = path_codes(path)
    return ["/" + "/".join(codes[: i + 1]) + "/" for i in range(len(codes))]


def path_codes(path: str | None) -> list[str]:
    """"/33/3301/330101/" -> ["33", "3301", "330101"]."""
    return [c for c in (path or "").strip("/").split("/") if c]


def common_ancestor_path(paths: Iterable[str]) -> str | None:
    """The lowest path at or above every one of `paths` ("/A/B/C/", "/A/B/D/" -> "/A/B/"); None for none or when
    they share no top."""
    common: list[str] | None = None
    for path in paths:
        codes = path_codes(path)
        if common is None:
            common = codes
            continue
        size = 0
        while size < min(len(common), len(codes)) and common[size] == codes[size]:
            size += 1
        common = common[:size]
    return "/" + "/".join(common) + "/" if common else None


def county_path(path: str | None) -> str:
    """The county part of a materialised region path ("/33/3301/..." -> "/33/"); "/" for an empty path."""
    codes = path_codes(path)
    return f"/{codes[0]}/" if codes else "/"


def within_paths(paths: Iterable[str], field: str = "region_path") -> Q:
    """Rows whose `field` (a materialised region path) lies at or below any of `paths`; none for no paths."""
    q = Q(pk__in=[])
    for path in paths:
        q |= Q(**{f"{field}__startswith": path})
    return q
