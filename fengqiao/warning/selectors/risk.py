"""Reads of the warning app, always scoped: risk levels and clusters through the case scope
(`Case.objects.visible_to`), alerts through the regions where the user holds a center, leader or admin role (or
being their assignee). Missing and forbidden both answer 404."""
from __future__ import annotations

from dataclasses import dataclass, field
from itertools import groupby

from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery
from django.http import Http404

from fengqiao.accounts.models import User
from fengqiao.audit.models import AuditEntry
from fengqiao.cases.models import Case, CaseEvent, Party
from fengqiao.regions.paths import within_paths
from fengqiao.warning.choices import ALERT_ROLES, OPEN_ALERT_STATUSES, RiskLevel
from fengqiao.warning.display import reason_text
from fengqiao.warning.models import Alert, Cluster, ClusterMember, RiskAssessment, RiskOverride

TIMELINE_LIMIT = 300


def may_see_alerts(user: User) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and (user.is_superuser or user.has_role(*ALERT_ROLES))


def alerts_visible_to(user: User) -> QuerySet[Alert]:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Alert.objects.none()
    if user.is_superuser:
        return Alert.objects.all()
    return Alert.objects.filter(Q(assignee_id=user.pk) | alert_area(user))


def alert_area(user: User) -> Q:
    """The regions where the user holds a center, leader or admin role: the area of its alerts and hotspots."""
    return within_paths(m.region.path for m in user.active_memberships if m.role in ALERT_ROLES)


def open_alert_count(*, user: User) -> int:
    return alerts_visible_to(user).filter(status__in=OPEN_ALERT_STATUSES).count() if may_see_alerts(user) else 0


@dataclass
class AlertGroup:
    kind_label: str
    region_name: str
    alerts: list[Alert] = field(default_factory=list)


def alerts_grouped(*, user: User, show_open: bool = True, limit: int = 500) -> list[AlertGroup]:
    """Alerts of one kind and place together, the group with the newest alert first."""
    alerts = alerts_visible_to(user).select_related("region", "assignee", "handled_by")
    alerts = alerts.filter(status__in=OPEN_ALERT_STATUSES) if show_open else alerts.exclude(status__in=OPEN_ALERT_STATUSES)
    rows = sorted(alerts.order_by("-last_raised_at")[:limit], key=lambda a: (a.kind, a.region_path))
    groups = [AlertGroup(kind_label=str(items[0].get_kind_display()), region_name=items[0].region.name, alerts=items)
              for _, group in groupby(rows, key=lambda a: (a.kind, a.region_path)) for items in [list(group)]]
    return sorted(groups, key=lambda g: max(a.last_raised_at for a in g.alerts), reverse=True)


def alert_get_visible(*, user: User, alert_id: int) -> Alert:
    alert = alerts_visible_to(user).select_related("region", "assignee", "handled_by").filter(pk=alert_id).first()
    if alert is None:
        raise Http404
    return alert


def alert_trail(*, alert: Alert) -> list[AuditEntry]:
    return list(AuditEntry.objects.filter(object_type=alert._meta.label_lower, object_id=str(alert.pk))
                .select_related("actor").order_by("created_at", "id"))


def clusters_visible_to(user: User) -> QuerySet[Cluster]:
    """Active clusters with at least one case the user may see."""
    visible = Case.objects.visible_to(user).values("pk")
    return Cluster.objects.filter(active=True).filter(
        Exists(ClusterMember.objects.filter(cluster_id=OuterRef("pk"), case_id__in=visible)))


def cluster_get_visible(*, user: User, cluster_id: int) -> Cluster:
    cluster = clusters_visible_to(user).select_related("region").filter(pk=cluster_id).first()
    if cluster is None:
        raise Http404
    return cluster


@dataclass
class ClusterDetail:
    cluster: Cluster
    cases: list[Case]
    hidden: int  # member cases outside the viewer's scope (counted, never shown)
    parties: list[Party]
    timeline: list[CaseEvent]


def cluster_detail(*, user: User, cluster: Cluster) -> ClusterDetail:
    member_ids = list(ClusterMember.objects.filter(cluster=cluster).values_list("case_id", flat=True))
    cases = list(Case.objects.visible_to(user).filter(pk__in=member_ids).select_related("state", "region")
                 .order_by("received_at", "id"))
    ids = [c.pk for c in cases]
    return ClusterDetail(
        cluster=cluster, cases=cases, hidden=len(member_ids) - len(cases),
        parties=list(Party.objects.filter(case_id__in=ids).order_by("case_id", "role", "id")),
        timeline=list(CaseEvent.objects.filter(case_id__in=ids).select_related("actor", "to_state", "case")
                      .order_by("-created_at", "-id")[:TIMELINE_LIMIT]),
    )


def risks_for(*, user: User, level: str = "") -> QuerySet[RiskAssessment]:
    """Open cases with a level (computed or set by a person), highest score first, within the user's scope."""
    override = RiskOverride.objects.filter(case_id=OuterRef("case_id"), cleared_at__isnull=True)
    rows = (RiskAssessment.objects.filter(case__in=Case.objects.visible_to(user).open().values("pk"))
            .annotate(override_level=Subquery(override.values("level")[:1]))
            .select_related("case", "case__region", "case__state"))
    if level in RiskLevel.values:
        rows = rows.filter(Q(override_level=level) | Q(override_level__isnull=True, level=level))
    else:
        rows = rows.filter(Q(override_level__isnull=False) | ~Q(level=RiskLevel.NONE))
    return rows.order_by("-score", "-case__received_at")


@dataclass
class CaseRisk:
    assessment: RiskAssessment | None
    override: RiskOverride | None
    history: list[RiskOverride]
    reasons: list[str]

    @property
    def level(self) -> str:
        if self.override is not None:
            return self.override.level
        return self.assessment.level if self.assessment else RiskLevel.NONE


def case_risk(*, case: Case) -> CaseRisk:
    """The level of a case the caller may already see, with its reasons and the overrides."""
    assessment = RiskAssessment.objects.filter(case=case).first()
    history = list(RiskOverride.objects.filter(case=case).select_related("created_by", "cleared_by"))
    active = next((o for o in history if o.cleared_at is None), None)
    reasons = [reason_text(r) for r in (assessment.reasons if assessment else [])]
    return CaseRisk(assessment=assessment, override=active, history=history, reasons=reasons)


def cluster_of_case(*, user: User, case: Case) -> Cluster | None:
    member = ClusterMember.objects.filter(case=case, cluster__active=True).select_related("cluster").first()
    if member is None or not clusters_visible_to(user).filter(pk=member.cluster_id).exists():
        return None
    return member.cluster
