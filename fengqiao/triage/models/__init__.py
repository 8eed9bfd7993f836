from fengqiao.triage.models.registry import ModelVersion
from fengqiao.triage.models.results import SimilarityKey, TriageLabel, TriageResult
from fengqiao.triage.models.routing import CategorySetting, RoutingRule, RoutingRuleChange

__all__ = [
    "CategorySetting",
    "ModelVersion",
    "RoutingRule",
    "RoutingRuleChange",
    "SimilarityKey",
    "TriageLabel",
    "TriageResult",
]
