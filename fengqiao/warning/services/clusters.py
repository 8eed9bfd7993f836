"""Linked cases: groups of open and recent cases sharing a person, an organisation or a place (union-find over
the matter keys), kept current for one case after its events and rebuilt per county at night. A cluster that
reaches the alert size raises one alert."""
from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from fengqiao.cases.choices import StateKind
from fengqiao.cases.models import Case
from fengqiao.regions.models import Region
from fengqiao.regions.paths import county_path
from fengqiao.regions.selectors import lowest_common_region
from fengqiao.warning.choices import AlertKind, KeyKind
from fengqiao.warning.engine.linking import CaseKeys, link_groups
from fengqiao.warning.models import Cluster, ClusterMember, MatterKey
from fengqiao.warning.services.alerts import alert_raise

COMPONENT_CAP = 5000  # a refresh after one event never walks more cases than this


def recent_days() -> int:
    return int(getattr(settings, "FENGQIAO_WARNING_CLUSTER_RECENT_DAYS", 90))


def alert_size() -> int:
    return int(getattr(settings, "FENGQIAO_WARNING_CLUSTER_ALERT_SIZE", 5))


def eligible_q(now: dt.datetime | None = None) -> Q:
    """Open cases, and cases closed within the recent days."""
    since = (now or timezone.now()) - dt.timedelta(days=recent_days())
    return Q(state__kind=StateKind.OPEN) | Q(closed_at__gte=since)


@dataclass
class Row:
    pk: int
    region_path: str
    topic: str
    point: tuple[float, float] | None
    is_open: bool


def _rows(queryset) -> dict[int, Row]:
    rows = {}
    for pk, path, category, dispute_type, lat, lng, kind in queryset.values_list(
            "pk", "region_path", "category_id", "dispute_type_id", "latitude", "longitude", "state__kind"):
        point = (float(lat), float(lng)) if lat is not None and lng is not None else None
        rows[pk] = Row(pk, path, f"{dispute_type or ''}:{category or ''}", point, kind == StateKind.OPEN)
    return rows


def _case_keys(rows: dict[int, Row]) -> list[CaseKeys]:
    keys: dict[int, set[tuple[str, str]]] = {pk: set() for pk in rows}
    for case_id, kind, key in MatterKey.objects.filter(case_id__in=list(rows)).values_list("case_id", "kind", "key"):
        keys[case_id].add((kind, key))
    # coordinates stand for the place only where a case has no address
    return [CaseKeys(case_id=pk, keys=frozenset(keys[pk]),
                     point=None if any(k == KeyKind.PLACE for k, _ in keys[pk]) else row.point, topic=row.topic)
            for pk, row in rows.items()]


def _region_holding(paths: list[str]) -> Region:
    region = lowest_common_region(paths=paths)
    assert region is not None  # the cases of one county share at least the county
    return region


def _title_and_key(members: list[int], keys: dict[int, set[tuple[str, str]]],
                   labels: dict[tuple[str, str], str], region: Region) -> tuple[str, str, list[str]]:
    counts = Counter(k for m in members for k in keys.get(m, ()))
    shared = [k for k, n in counts.most_common() if n > 1]
    kinds = sorted({k for k, _ in shared}) or [KeyKind.PLACE]
    if not shared:
        return _("%(place)s同一地点") % {"place": region.name}, f"near:{min(members)}", kinds
    main = next((k for k in shared if k[0] == KeyKind.ORGANISATION), shared[0])
    if main[0] == KeyKind.ORGANISATION:
        title = _("同一单位：%(name)s") % {"name": labels.get(main, "")}
    elif main[0] == KeyKind.PERSON:
        title = _("同一当事人（%(masked)s）") % {"masked": labels.get(main, "")}
    else:
        title = _("%(place)s同一地址") % {"place": region.name}
    return title, f"{main[0]}:{main[1]}", kinds


def _alert_if_it_reached_the_size(cluster: Cluster, before: int) -> None:
    """One alert when a cluster grows from below the alert size to it or above."""
    if cluster.size >= alert_size() > before:
        alert_raise(kind=AlertKind.CLUSTER, subject_type="cluster", subject_id=cluster.pk, region=cluster.region,
                    dedup_key=f"cluster:{cluster.key}",
                    title=_("关联案件群（%(n)d件）：%(title)s") % {"n": cluster.size, "title": cluster.title},
                    detail={"size": cluster.size, "open": cluster.open_count})


def _apply(groups: list[list[int]], rows: dict[int, Row], touched: set[int], now: dt.datetime) -> list[Cluster]:
    """Make the clusters of `touched` cases be exactly `groups`; clusters left without members end."""
    old = set(ClusterMember.objects.filter(case_id__in=touched).values_list("cluster_id", flat=True))
    ClusterMember.objects.filter(case_id__in=touched).delete()
    keys: dict[int, set[tuple[str, str]]] = {}
    labels: dict[tuple[str, str], str] = {}
    for case_id, kind, key, label in MatterKey.objects.filter(case_id__in=touched).values_list(
            "case_id", "kind", "key", "label"):
        keys.setdefault(case_id, set()).add((kind, key))
        labels[(kind, key)] = labels.get((kind, key)) or label
    saved: list[Cluster] = []
    for members in groups:
        region = _region_holding([rows[m].region_path for m in members])
        title, key, kinds = _title_and_key(members, keys, labels, region)
        cluster = Cluster.objects.select_for_update().filter(key=key).first()
        before = cluster.size if cluster is not None and cluster.active else 0
        if cluster is None:
            cluster = Cluster(key=key, first_seen=now)
        cluster.title, cluster.kinds, cluster.region, cluster.region_path = title[:200], kinds, region, region.path
        cluster.size, cluster.open_count = len(members), sum(rows[m].is_open for m in members)
        cluster.active, cluster.updated_at = True, now
        cluster.save()
        ClusterMember.objects.filter(case_id__in=members).delete()
        ClusterMember.objects.bulk_create([ClusterMember(cluster=cluster, case_id=m) for m in members])
        old.discard(cluster.pk)
        saved.append(cluster)
        _alert_if_it_reached_the_size(cluster, before)
    for cluster in Cluster.objects.filter(pk__in=old):
        remaining = ClusterMember.objects.filter(cluster=cluster).count()
        cluster.size, cluster.active, cluster.updated_at = remaining, remaining > 1, now
        cluster.save(update_fields=["size", "active", "updated_at"])
        if remaining == 1:
            ClusterMember.objects.filter(cluster=cluster).delete()
    return saved


@transaction.atomic
def clusters_rebuild(*, county: str, now: dt.datetime | None = None) -> int:
    """Rebuild the clusters of one county (its region path) from the matter keys; returns how many there are."""
    now = now or timezone.now()
    rows = _rows(Case.objects.filter(eligible_q(now), region_path__startswith=county))
    groups = link_groups(_case_keys(rows))
    in_county = set(ClusterMember.objects.filter(cluster__region_path__startswith=county).values_list("case_id", flat=True))
    return len(_apply(groups, rows, set(rows) | in_county, now))


def _any_of(keys: set[tuple[str, str]]) -> Q:
    """Matter keys equal to any of `keys`: one IN list per kind (an OR term per key outgrew SQLite's expression
    depth of 1,000 for a batch or a large component)."""
    by_kind: dict[str, list[str]] = {}
    for kind, key in keys:
        by_kind.setdefault(kind, []).append(key)
    q = Q(pk__in=[])
    for kind, kind_keys in by_kind.items():
        q |= Q(kind=kind, key__in=kind_keys)
    return q


def _component(case_ids: list[int], county: str, now: dt.datetime) -> dict[int, Row]:
    """The cases reachable from `case_ids` through shared keys (and nearby points), within `county`."""
    eligible = Case.objects.filter(eligible_q(now), region_path__startswith=county)
    seeds = _rows(eligible.filter(pk__in=case_ids))
    found = dict(seeds)
    frontier = set(seeds)
    while frontier and len(found) < COMPONENT_CAP:
        keys = set(MatterKey.objects.filter(case_id__in=frontier).values_list("kind", "key"))
        if not keys:
            break
        ids = set(MatterKey.objects.filter(_any_of(keys)).values_list("case_id", flat=True)) - set(found)
        more = _rows(eligible.filter(pk__in=ids))
        found.update(more)
        frontier = set(more)
    for row in list(seeds.values()):
        if row.point is not None:
            lat, lng = row.point
            near = eligible.filter(latitude__range=(lat - 0.002, lat + 0.002), longitude__range=(lng - 0.002, lng + 0.002))
            found.update(_rows(near.exclude(pk__in=list(found))))
    return found


def clusters_refresh_for(*, case_ids: list[int], now: dt.datetime | None = None) -> list[Cluster]:
    """After a case changed: rebuild the clusters around it (its component only, not the whole county). The
    component is found before the write transaction opens, so the database is locked only while clusters are
    written (on SQLite a write transaction holds the one write lock that requests also wait for)."""
    now = now or timezone.now()
    by_county: dict[str, list[int]] = {}
    for pk, path in Case.objects.filter(pk__in=case_ids).values_list("pk", "region_path"):
        by_county.setdefault(county_path(path), []).append(pk)
    found = []
    for county, ids in by_county.items():
        rows = _component(ids, county, now)
        found.append((link_groups(_case_keys(rows)), rows, set(rows) | set(ids)))
    saved: list[Cluster] = []
    with transaction.atomic():
        for groups, rows, touched in found:
            # a case that is no longer eligible (closed long ago) leaves its cluster
            saved += _apply(groups, rows, touched, now)
    return saved


def _linked_to(case_id: int, row: Row, county: str, now: dt.datetime) -> set[int]:
    """The eligible cases of the county sharing a key with the case, or near it on the same topic (one hop)."""
    eligible = Case.objects.filter(eligible_q(now), region_path__startswith=county).exclude(pk=case_id)
    keys = set(MatterKey.objects.filter(case_id=case_id).values_list("kind", "key"))
    linked: set[int] = set()
    if keys:
        ids = set(MatterKey.objects.filter(_any_of(keys)).exclude(case_id=case_id).values_list("case_id", flat=True))
        linked = set(eligible.filter(pk__in=ids).values_list("pk", flat=True))
    if row.point is not None and not any(kind == KeyKind.PLACE for kind, _key in keys):
        near = _rows(eligible.filter(latitude__range=(row.point[0] - 0.002, row.point[0] + 0.002),
                                     longitude__range=(row.point[1] - 0.002, row.point[1] + 0.002)))
        here = CaseKeys(case_id=case_id, keys=frozenset(), point=row.point, topic=row.topic)
        for group in link_groups([here, *(CaseKeys(case_id=r.pk, keys=frozenset(), point=r.point, topic=r.topic)
                                           for r in near.values() if r.point is not None)]):
            if case_id in group:
                linked |= set(group) - {case_id}
    return linked


def clusters_attach_new(*, case_id: int, now: dt.datetime | None = None) -> list[Cluster]:
    """A new case joins its linked cases: it enters the cluster of the cases it shares a key with (the largest,
    which takes in the others when it links several) together with linked cases in no cluster yet, or forms a
    cluster with them. Only the new case's own links are read, never the whole component, so a case linked to a
    cluster of thousands costs as little as any other; titles and exact groups are recomputed by the nightly
    rebuild (`warning_prepare_county`)."""
    now = now or timezone.now()
    rows = _rows(Case.objects.filter(eligible_q(now), pk=case_id))
    if case_id not in rows:
        return []
    row = rows[case_id]
    linked = _linked_to(case_id, row, county_path(row.region_path), now)
    if not linked:
        return []
    with transaction.atomic():
        # every membership, active cluster or not: a case belongs to one cluster row at most (one-to-one)
        held = dict(ClusterMember.objects.filter(case_id__in=linked | {case_id}).values_list("case_id", "cluster_id"))
        clusters = list(Cluster.objects.select_for_update().filter(pk__in=set(held.values()))
                        .order_by("-active", "-size", "pk"))
        if not clusters:  # a new cluster of the case and its linked cases: small, worked out in full
            found = _rows(Case.objects.filter(pk__in=linked | {case_id}))
            return _apply([sorted(found)], found, set(found), now)
        target, others = clusters[0], clusters[1:]
        before = target.size
        if others:
            ClusterMember.objects.filter(cluster__in=others).update(cluster=target)
            Cluster.objects.filter(pk__in=[c.pk for c in others]).update(size=0, open_count=0, active=False,
                                                                         updated_at=now)
        joining = sorted((linked | {case_id}) - set(held))
        ClusterMember.objects.bulk_create([ClusterMember(cluster=target, case_id=m) for m in joining])
        paths = [target.region_path, *(c.region_path for c in others),
                 *Case.objects.filter(pk__in=joining).values_list("region_path", flat=True)]
        region = _region_holding(paths)
        members = ClusterMember.objects.filter(cluster=target)
        target.size = members.count()
        target.open_count = Case.objects.filter(pk__in=members.values("case_id"), state__kind=StateKind.OPEN).count()
        target.region, target.region_path, target.updated_at, target.active = region, region.path, now, True
        target.kinds = sorted({*target.kinds, *(k for c in others for k in c.kinds)})
        target.save()
        _alert_if_it_reached_the_size(target, before)
    return [target]
