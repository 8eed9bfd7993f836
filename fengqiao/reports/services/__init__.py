"""The reports app's writes: the count tables, kept current case by case and rebuilt from scratch."""
from fengqiao.reports.services.rebuild import RebuildReport, counts_rebuild
from fengqiao.reports.services.tally import case_counts_refresh, case_counts_refresh_many

__all__ = ["RebuildReport", "case_counts_refresh", "case_counts_refresh_many", "counts_rebuild"]
