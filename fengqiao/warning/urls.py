from django.urls import path

from fengqiao.warning.views import alerts, clusters, hot_issues, hotspots, risk

app_name = "warning"
urlpatterns = [
    path("hot-issues/", hot_issues.hot_issues, name="hot_issues"),
    path("hot-issues/<int:pk>/", hot_issues.hot_issue_detail, name="hot_issue"),
    path("hotspots/", hotspots.hotspot_list, name="hotspots"),
    path("risks/", risk.risk_list, name="risks"),
    path("risks/weights/", risk.weights, name="weights"),
    # <pk> of a case
    path("cases/<int:pk>/override/", risk.override, name="override"),
    path("cases/<int:pk>/override/clear/", risk.override_clear, name="override_clear"),
    path("clusters/", clusters.cluster_list, name="clusters"),
    path("clusters/<int:pk>/", clusters.cluster_detail, name="cluster"),
    path("alerts/", alerts.alert_list, name="alerts"),
    path("alerts/<int:pk>/", alerts.alert_detail, name="alert"),
    path("alerts/<int:pk>/acknowledge/", alerts.acknowledge, name="acknowledge"),
    path("alerts/<int:pk>/act/", alerts.act, name="act"),
    path("alerts/<int:pk>/dismiss/", alerts.dismiss, name="dismiss"),
]
