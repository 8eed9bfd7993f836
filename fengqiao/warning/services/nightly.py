"""The nightly run, split so that several workers can share it: first each county's matter keys and clusters
(`warning_prepare_county`), then the risk levels in region chunks (`risk_recompute_chunk`), one per street and
one for the cases registered at county level itself."""
from __future__ import annotations

from itertools import islice

from fengqiao.cases.models import Case
from fengqiao.regions.choices import RegionLevel
from fengqiao.regions.models import Region
from fengqiao.warning.services.clusters import clusters_rebuild, eligible_q
from fengqiao.warning.services.keys import matter_keys_refresh
from fengqiao.warning.services.risk import risk_recompute

BATCH = 500
EXACT = "="  # a chunk "=/33/3301/" is the cases of that region itself, not those below it


def counties() -> list[str]:
    return list(Region.objects.filter(level=RegionLevel.COUNTY).order_by("path").values_list("path", flat=True))


def risk_chunks(county: str | None = None) -> list[str]:
    """The chunks of the nightly risk run: each street's path, and each county's own cases."""
    streets = Region.objects.filter(level=RegionLevel.STREET)
    tops = counties()
    if county:
        streets = streets.filter(path__startswith=county)
        tops = [p for p in tops if p == county]
    return [EXACT + p for p in tops] + list(streets.order_by("path").values_list("path", flat=True))


def _batches(ids: list[int], size: int = BATCH):
    it = iter(ids)
    while batch := list(islice(it, size)):
        yield batch


def warning_prepare_county(*, county: str) -> int:
    """Rewrite the matter keys of the county's open and recent cases, then rebuild its clusters."""
    ids = list(Case.objects.filter(eligible_q(), region_path__startswith=county).order_by("pk").values_list("pk", flat=True))
    for batch in _batches(ids):
        matter_keys_refresh(case_ids=batch)
    return clusters_rebuild(county=county)


def risk_recompute_chunk(*, chunk: str) -> int:
    """Recompute the risk levels of the open cases of one chunk; returns how many were scored."""
    cases = Case.objects.open()
    cases = (cases.filter(region_path=chunk[len(EXACT):]) if chunk.startswith(EXACT)
             else cases.filter(region_path__startswith=chunk))
    done = 0
    for batch in _batches(list(cases.order_by("pk").values_list("pk", flat=True))):
        done += risk_recompute(case_ids=batch)
    return done
