"""Running triage for a case: after the case is saved, within a time budget, retried when it fails."""

from __future__ import annotations

import logging
import time
from datetime import timedelta
from typing import Any

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from fengqiao.cases.models import Case, Category, DisputeType
from fengqiao.triage import conf
from fengqiao.triage.analysis import Analysis, analyse, case_text
from fengqiao.triage.choices import ModelKind, ResultStatus, SuggestionSource
from fengqiao.triage.engine.dispute_types import type_name
from fengqiao.triage.levels import is_neighbour_matter, neighbour_reason
from fengqiao.triage.models import CategorySetting, ModelVersion, TriageResult
from fengqiao.triage.models.routing import DEFAULT_THRESHOLD
from fengqiao.triage.places import resolve_places
from fengqiao.triage.routing import routing_decide
from fengqiao.triage.runtime import EngineFailure, ModelRef, run_with_budget
from fengqiao.triage.services.same_matter import same_matter_suggest
from fengqiao.triage.signals import crisis_detected
from fengqiao.triage.similarity import CaseKeys, case_keys, keys_store, similar_search

logger = logging.getLogger(__name__)
RETRY_AFTER = timedelta(minutes=1)
# What a run writes: not the attempt counter (counted atomically at the start) nor the dispatch mark of a crisis
# alert (set by the conditional update that sends it), which a concurrent run may have changed meanwhile.
STORED_FIELDS = [
    f.name
    for f in TriageResult._meta.concrete_fields
    if f.name not in {"id", "case", "attempts", "started_at", "created_at", "crisis_dispatched_at"}
]


def active_model_refs() -> dict[str, ModelRef]:
    return {
        m.kind: ModelRef(kind=m.kind, id=m.pk, version=m.version, path=m.path)
        for m in ModelVersion.objects.filter(is_active=True)
    }


def result_ensure(*, case_id: int) -> TriageResult:
    result, _created = TriageResult.objects.get_or_create(case_id=case_id)
    return result


def triage_enqueue(case_id: int) -> None:
    """Queue the triage task (run at once when tasks are eager). A broker outage only delays triage: the result
    stays pending and the periodic retry picks it up."""
    from fengqiao.triage.tasks import triage_case_task

    try:
        triage_case_task.delay(case_id)
    except Exception:
        logger.exception(
            "triage could not be queued for case %s; the periodic retry will pick it up", case_id
        )


def triage_request(*, case: Case) -> TriageResult:
    """Mark the case's triage pending and queue it once the current transaction commits."""
    result = result_ensure(case_id=case.pk)
    TriageResult.objects.filter(pk=result.pk).update(status=ResultStatus.PENDING, updated_at=timezone.now())
    transaction.on_commit(lambda: triage_enqueue(case.pk), robust=True)
    result.refresh_from_db()
    return result


def _category_for(label: str | None) -> Category | None:
    if not label:
        return None
    return (
        Category.objects.filter(is_active=True, name=label).first()
        or Category.objects.filter(is_active=True, code=label).first()
    )


def _dispute_type_for(code: str) -> DisputeType | None:
    return (
        DisputeType.objects.filter(code=code).first()
        or DisputeType.objects.filter(name=type_name(code)).first()
    )


def _fallback_category(dispute_type: DisputeType | None) -> Category | None:
    if dispute_type is None:
        return None
    setting = (
        CategorySetting.objects.filter(dispute_types=dispute_type, category__is_active=True)
        .select_related("category")
        .order_by("category_id")
        .first()
    )
    return setting.category if setting else None


def _inferred_confidence(category: Category, analysis: Analysis) -> float:
    """A category inferred from the dispute type has its own confidence: the share of the evidence that falls
    on any of the types the category covers (民间纠纷 covers neighbour, family, damages ...), not the top type's."""
    shares = analysis.dispute_type_probabilities
    if not shares:
        return analysis.dispute_type_confidence
    covered = CategorySetting.objects.filter(category=category).values_list(
        "dispute_types__code", "dispute_types__name"
    )
    codes = {c for pair in covered for c in pair if c} | {analysis.dispute_type}
    return round(
        min(sum(p for code, p in shares.items() if code in codes or type_name(code) in codes), 0.99), 4
    )


def _threshold(category: Category) -> float:
    setting = CategorySetting.objects.filter(category=category).first()
    return float(setting.threshold if setting else DEFAULT_THRESHOLD)


def _versions(refs: dict[str, ModelRef]) -> dict[str, str]:
    fallback: dict[str, str] = {ModelKind.CATEGORY: "", ModelKind.DISPUTE_TYPE: "rules", ModelKind.CRISIS: "lexicon"}
    return {kind: (f"v{refs[kind].version}" if kind in refs else fallback[kind]) for kind in ModelKind.values}


def _prepare(case: Case, result: TriageResult, analysis: Analysis, refs: dict[str, ModelRef]) -> CaseKeys:
    """Everything the stored result needs that only reads: places, similar cases, routing. Done before the
    write transaction, so that a worker running at low priority never holds the database's write lock
    (SQLite takes it for the whole transaction) while it computes. Returns the similarity keys to store."""
    started = time.perf_counter()
    parties = list(case.parties.all())
    addresses, places = resolve_places(
        region_path=case.region_path,
        texts=[case.title, case.narrative, case.address],
        addresses=analysis.entities.get("addresses", []),
    )
    found = {**analysis.entities, "addresses": addresses}
    keys = case_keys(case, parties, found)
    similar = similar_search(case, keys)

    dispute_type = _dispute_type_for(analysis.dispute_type)
    category = _category_for(analysis.category_label)
    confidence = analysis.category_confidence
    source = SuggestionSource.MODEL if category else SuggestionSource.NONE
    if category is None:  # no model, or a label no category carries: infer from the dispute type
        category = _fallback_category(dispute_type)
        if category is not None:
            confidence, source = _inferred_confidence(category, analysis), SuggestionSource.DISPUTE_TYPE
    level_note = ""
    if case.category is None and dispute_type is not None and is_neighbour_matter(dispute_type.code):
        # 小事不出村: a neighbour matter goes to the community, whatever a message-board model calls it
        neighbourly = _fallback_category(dispute_type)
        if neighbourly is not None and neighbourly != category:
            category, source = neighbourly, SuggestionSource.DISPUTE_TYPE
            confidence = _inferred_confidence(category, analysis)
            level_note = neighbour_reason()
    decision = routing_decide(
        case=case, category=case.category or category, dispute_type=case.dispute_type or dispute_type
    )
    reasons: list[dict[str, Any]] = []
    if category is None:
        reasons.append({"code": "no_category"})
    elif confidence is not None and confidence < (threshold := _threshold(category)):
        reasons.append({"code": "low_confidence", "confidence": round(confidence, 4), "threshold": threshold})
    if decision.rule is None:
        reasons.append({"code": "no_rule"})

    result.status = ResultStatus.DONE
    result.last_error = ""
    result.category_model_id = refs["category"].id if "category" in refs else None
    result.model_versions = _versions(refs)
    result.category, result.category_label = category, analysis.category_label or ""
    result.category_confidence, result.category_source = confidence, source
    result.dispute_type, result.dispute_type_code = dispute_type, analysis.dispute_type
    result.dispute_type_confidence = analysis.dispute_type_confidence
    result.dispute_type_terms = analysis.dispute_type_terms
    result.entities, result.places = found, places
    result.crisis, result.crisis_kind = analysis.crisis, analysis.crisis_kind or ""
    result.crisis_score, result.crisis_reasons = analysis.crisis_score, analysis.crisis_reasons
    result.similar = similar
    result.department, result.handling_level = decision.department, decision.handling_level
    label = "；".join(part for part in (decision.label, level_note) if part)
    result.routing_rule, result.routing_label = (
        decision.rule,
        label[: TriageResult._meta.get_field("routing_label").max_length],
    )
    result.needs_manual, result.manual_reasons = bool(reasons), reasons
    result.timings = {**analysis.timings, "store": round((time.perf_counter() - started) * 1000)}
    return keys


def _write(case: Case, result: TriageResult, keys: CaseKeys) -> None:
    keys_store(case, keys)
    same_matter_suggest(case=case, similar=result.similar)
    result.finished_at = result.updated_at = timezone.now()
    result.save(update_fields=STORED_FIELDS)


def _fail(result: TriageResult, message: str) -> TriageResult:
    result.status = ResultStatus.FAILED
    result.last_error = message[:300]
    result.updated_at = timezone.now()
    result.save(update_fields=["status", "last_error", "updated_at"])
    return result


def triage_run(*, case_id: int) -> TriageResult | None:
    """Analyse one case and store the result. Never raises for a bad text, a broken model or a timeout:
    the result is then `failed` with the reason, to be retried. None when the case no longer exists."""
    case = (
        Case.objects.select_related("region", "process", "category", "dispute_type")
        .filter(pk=case_id)
        .first()
    )
    if case is None:
        return None
    result = result_ensure(case_id=case.pk)
    now = timezone.now()
    TriageResult.objects.filter(pk=result.pk).update(
        attempts=F("attempts") + 1, started_at=now, updated_at=now
    )
    result.refresh_from_db()
    refs = active_model_refs()
    started = time.perf_counter()
    try:
        analysis = run_with_budget(
            analyse,
            case_text(case.title, case.narrative),
            case.address,
            refs,
            budget=conf.time_budget(),
            fault=conf.fault(),
        )
    except EngineFailure as exc:
        logger.warning("triage of case %s failed (attempt %s): %s", case.pk, result.attempts, exc)
        return _fail(result, str(exc))
    analysis.timings["analysis"] = round((time.perf_counter() - started) * 1000)
    try:
        keys = _prepare(case, result, analysis, refs)
        with transaction.atomic():
            _write(case, result, keys)
    except Exception as exc:
        logger.exception("storing the triage of case %s failed", case.pk)
        result.refresh_from_db()
        return _fail(result, f"{type(exc).__name__}: {exc}")
    crisis_dispatch(result=result)
    return result


def crisis_dispatch(*, result: TriageResult) -> bool:
    """Publish crisis_detected once per result (claimed with a conditional update); False when there was
    nothing to send or a receiver failed (the periodic retry sends it again)."""
    if not result.crisis or result.crisis_dispatched_at is not None:
        return False
    try:
        with transaction.atomic():
            now = timezone.now()
            if not TriageResult.objects.filter(pk=result.pk, crisis_dispatched_at__isnull=True).update(
                crisis_dispatched_at=now
            ):
                return False
            crisis_detected.send(
                sender=TriageResult,
                case=result.case,
                kind=result.crisis_kind,
                phrases=list(result.crisis_reasons),
                score=result.crisis_score,
                source="triage",
                acting_user=None,
            )
    except Exception:
        logger.exception(
            "crisis alert for case %s could not be dispatched; it will be retried", result.case_id
        )
        return False
    result.crisis_dispatched_at = now
    return True


def triage_requeue_stale(*, older_than: timedelta = RETRY_AFTER, limit: int = 500) -> int:
    """Queue again the results still pending or failed a minute after their last attempt, and crisis alerts
    not yet dispatched. Returns how many cases were queued."""
    cutoff = timezone.now() - older_than
    stale = (
        TriageResult.objects.filter(updated_at__lt=cutoff, attempts__lt=conf.max_attempts())
        .filter(
            Q(status__in=[ResultStatus.PENDING, ResultStatus.FAILED])
            | Q(status=ResultStatus.DONE, crisis=True, crisis_dispatched_at__isnull=True)
        )
        .order_by("updated_at")
        .values_list("case_id", flat=True)[:limit]
    )
    case_ids = list(stale)
    for case_id in case_ids:
        triage_enqueue(case_id)
    return len(case_ids)


def triage_backfill(*, limit: int | None = None) -> int:
    """Triage, in this process, cases that have no result yet (e.g. rows loaded in bulk). Returns the count."""
    ids = Case.objects.filter(triage_result__isnull=True).order_by("id").values_list("id", flat=True)
    count = 0
    for case_id in ids[:limit] if limit else ids.iterator():
        triage_run(case_id=case_id)
        count += 1
    return count


@transaction.atomic
def triage_rerun(*, case: Case, acting_user: Any) -> TriageResult:
    """A person asks for a new analysis of a case they work on (e.g. after the text changed or a failure)."""
    from django.utils.translation import gettext as _

    from fengqiao.audit.services import audit_record
    from fengqiao.cases.permissions import roles_for_case
    from fengqiao.cases.services import case_ensure_visible
    from fengqiao.core.errors import PermissionRefused

    case_ensure_visible(case=case, acting_user=acting_user)
    if not roles_for_case(acting_user, case):
        raise PermissionRefused(_("您在该案件中没有办理职责。"))
    audit_record(actor=acting_user, action="triage.rerun", obj=case)
    return triage_request(case=case)
