from fengqiao.warning.models.alerts import Alert
from fengqiao.warning.models.clusters import Cluster, ClusterMember, MatterKey
from fengqiao.warning.models.hot_issues import HotIssue
from fengqiao.warning.models.hotspots import Hotspot
from fengqiao.warning.models.risk import RiskAssessment, RiskOverride, RiskWeights

__all__ = ["Alert", "Cluster", "ClusterMember", "HotIssue", "Hotspot", "MatterKey", "RiskAssessment", "RiskOverride", "RiskWeights"]
