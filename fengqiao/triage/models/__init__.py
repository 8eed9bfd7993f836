from fengqiao.triage.models.links import SameMatterLink, SameMatterStatus
from fengqiao.triage.models.registry import ModelVersion
from fengqiao.triage.models.results import SimilarityKey, TriageLabel, TriageResult
from fengqiao.triage.models.routing import CategorySetting, RoutingRule, RoutingRuleChange

__all__ = [
    "CategorySetting",
    "ModelVersion",
    "RoutingRule",
    "RoutingRuleChange",
    "SameMatterLink",
    "SameMatterStatus",
    "SimilarityKey",
    "TriageLabel",
    "TriageResult",
]
