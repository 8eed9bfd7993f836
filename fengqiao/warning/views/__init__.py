"""Pages of the warning app: risks (views.risk), clusters (views.clusters) and the alerts inbox (views.alerts)."""
