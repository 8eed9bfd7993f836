"""Reads of the warning app, scoped to the viewer's jurisdiction: risks, clusters and alerts (selectors.risk), hot
issues among the viewer's cases (selectors.hot_issues). Nothing here writes."""
from fengqiao.warning.selectors.hot_issues import (
    HotIssueRow,
    HotIssuesPage,
    hot_issues_for,
    may_view_hot_issues,
)
from fengqiao.warning.selectors.hotspots import (
    hot_issue_get_visible,
    hot_issues_found_visible_to,
    hotspot_cases_url,
    hotspots_visible_to,
)
from fengqiao.warning.selectors.risk import (
    AlertGroup,
    CaseRisk,
    ClusterDetail,
    alert_get_visible,
    alert_trail,
    alerts_grouped,
    alerts_visible_to,
    case_risk,
    cluster_detail,
    cluster_get_visible,
    cluster_of_case,
    clusters_visible_to,
    may_see_alerts,
    open_alert_count,
    risks_for,
)

__all__ = [
    "AlertGroup",
    "CaseRisk",
    "ClusterDetail",
    "HotIssueRow",
    "HotIssuesPage",
    "alert_get_visible",
    "alert_trail",
    "alerts_grouped",
    "alerts_visible_to",
    "case_risk",
    "cluster_detail",
    "cluster_get_visible",
    "cluster_of_case",
    "clusters_visible_to",
    "hot_issue_get_visible",
    "hot_issues_for",
    "hot_issues_found_visible_to",
    "hotspot_cases_url",
    "hotspots_visible_to",
    "may_see_alerts",
    "may_view_hot_issues",
    "open_alert_count",
    "risks_for",
]
