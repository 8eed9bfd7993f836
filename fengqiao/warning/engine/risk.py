"""The risk scorer: facts about one matter in, a level with its score and reasons out. Pure Python.

Every feature is about the matter, never about the person: how many people it concerns, whether the same matter
came back (a sign it was not settled well, never a mark against whoever reported it), a failed mediation, an
overdue step, crisis language (a care signal), vulnerable parties, wage arrears before the Spring Festival, and
one organisation or place behind several open cases. A person's petition history, views or any protected
attribute are not facts this module knows of (`FEATURES` is the whole list, and a test holds it).
"""
from __future__ import annotations

from dataclasses import dataclass, field

MANY_PARTIES = "many_parties"
REPEAT_REPORTS = "repeat_reports"
FAILED_MEDIATION = "failed_mediation"
OVERDUE = "overdue"
CRISIS_LANGUAGE = "crisis_language"
VULNERABLE_PARTY = "vulnerable_party"
WAGES_BEFORE_FESTIVAL = "wages_before_festival"
SHARED_ORGANISATION = "shared_organisation"
SHARED_PLACE = "shared_place"
FEATURES = (MANY_PARTIES, REPEAT_REPORTS, FAILED_MEDIATION, OVERDUE, CRISIS_LANGUAGE, VULNERABLE_PARTY,
            WAGES_BEFORE_FESTIVAL, SHARED_ORGANISATION, SHARED_PLACE)

RED, ORANGE, YELLOW, NONE = "red", "orange", "yellow", "none"
LEVELS = (RED, ORANGE, YELLOW, NONE)
THRESHOLDS = ("red", "orange", "yellow")

# Points per feature and the score each level starts at: the seed of the first weights version (editable,
# with history, in RiskWeights). Counted features score their points once, plus `per_extra` for each further
# repeat / case / overdue week, up to `cap`.
# Chosen so that one strong sign alone is yellow and orange takes two (the backtest, bench/warning.py, was looked
# at on the demo's default seed when they were set; report its figures on another seed too).
DEFAULT_WEIGHTS: dict[str, int] = {
    MANY_PARTIES: 35, REPEAT_REPORTS: 20, FAILED_MEDIATION: 25, OVERDUE: 10, CRISIS_LANGUAGE: 45,
    VULNERABLE_PARTY: 10, WAGES_BEFORE_FESTIVAL: 25, SHARED_ORGANISATION: 30, SHARED_PLACE: 10,
    "per_extra": 5, "cap": 15,
    "red": 70, "orange": 50, "yellow": 20,
}
MANY_PARTY_THRESHOLD = 5  # 信访工作条例: more than 5 people is a many-party matter
FESTIVAL_WINDOW_DAYS = 45
WEIGHT_KEYS = (*FEATURES, "per_extra", "cap", *THRESHOLDS)


@dataclass(frozen=True)
class MatterFacts:
    party_count: int = 1
    repeat_reports: int = 0  # earlier reports of the same matter
    failed_mediations: int = 0
    overdue_days: int = 0
    crisis: bool = False
    vulnerable: tuple[str, ...] = ()  # "elderly", "minor", "disabled"
    wage_arrears: bool = False
    days_to_festival: int | None = None  # days until the next Spring Festival, None when unknown
    shared_organisation_cases: int = 0  # other open cases about the same organisation
    shared_place_cases: int = 0  # other open cases at the same place


@dataclass(frozen=True)
class Reason:
    code: str
    points: int
    value: int | str = ""

    def as_dict(self) -> dict[str, int | str]:
        return {"code": self.code, "points": self.points, "value": self.value}


@dataclass(frozen=True)
class Assessment:
    score: int
    level: str
    reasons: tuple[Reason, ...] = field(default_factory=tuple)


def _counted(weights: dict[str, int], code: str, count: int) -> int:
    extra = min(max(count - 1, 0) * weights.get("per_extra", 0), weights.get("cap", 0))
    return weights.get(code, 0) + extra


def reasons_for(facts: MatterFacts, weights: dict[str, int]) -> list[Reason]:
    reasons: list[Reason] = []
    if facts.party_count > MANY_PARTY_THRESHOLD:
        reasons.append(Reason(MANY_PARTIES, weights.get(MANY_PARTIES, 0), facts.party_count))
    if facts.repeat_reports > 0:
        reasons.append(Reason(REPEAT_REPORTS, _counted(weights, REPEAT_REPORTS, facts.repeat_reports),
                              facts.repeat_reports))
    if facts.failed_mediations > 0:
        reasons.append(Reason(FAILED_MEDIATION, weights.get(FAILED_MEDIATION, 0), facts.failed_mediations))
    if facts.overdue_days > 0:
        weeks = facts.overdue_days // 7 + 1
        reasons.append(Reason(OVERDUE, _counted(weights, OVERDUE, weeks), facts.overdue_days))
    if facts.crisis:
        reasons.append(Reason(CRISIS_LANGUAGE, weights.get(CRISIS_LANGUAGE, 0)))
    if facts.vulnerable:
        reasons.append(Reason(VULNERABLE_PARTY, weights.get(VULNERABLE_PARTY, 0), ",".join(sorted(facts.vulnerable))))
    if facts.wage_arrears and facts.days_to_festival is not None and 0 <= facts.days_to_festival <= FESTIVAL_WINDOW_DAYS:
        reasons.append(Reason(WAGES_BEFORE_FESTIVAL, weights.get(WAGES_BEFORE_FESTIVAL, 0), facts.days_to_festival))
    if facts.shared_organisation_cases > 0:
        reasons.append(Reason(SHARED_ORGANISATION,
                              _counted(weights, SHARED_ORGANISATION, facts.shared_organisation_cases),
                              facts.shared_organisation_cases))
    if facts.shared_place_cases > 0:
        reasons.append(Reason(SHARED_PLACE, _counted(weights, SHARED_PLACE, facts.shared_place_cases),
                              facts.shared_place_cases))
    return [r for r in reasons if r.points > 0]


def level_for(score: int, weights: dict[str, int]) -> str:
    for level in THRESHOLDS:
        if score >= weights.get(level, 10**9):
            return level
    return NONE


def assess(facts: MatterFacts, weights: dict[str, int] | None = None) -> Assessment:
    """The level, the score and the reasons (largest first) for one matter."""
    weights = {**DEFAULT_WEIGHTS, **(weights or {})}
    reasons = sorted(reasons_for(facts, weights), key=lambda r: (-r.points, r.code))
    score = sum(r.points for r in reasons)
    return Assessment(score=score, level=level_for(score, weights), reasons=tuple(reasons))


def weights_problems(weights: dict[str, object]) -> list[str]:
    """What is wrong with a weights set (codes of the keys at fault): missing, negative, or thresholds that do not
    go down from red to yellow."""
    values = {k: weights.get(k) for k in WEIGHT_KEYS}
    numbers = {k: v for k, v in values.items() if isinstance(v, int) and not isinstance(v, bool) and v >= 0}
    problems = [k for k in WEIGHT_KEYS if k not in numbers]
    if not problems and not numbers["red"] > numbers["orange"] > numbers["yellow"] > 0:
        problems.append("thresholds")
    return problems
