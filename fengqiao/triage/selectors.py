"""Reads of the triage app, always through the case scope (`Case.objects.visible_to`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from fengqiao.accounts.choices import Role
from fengqiao.accounts.models import User
from fengqiao.cases.choices import StateKind
from fengqiao.cases.models import Case
from fengqiao.triage.choices import ResultStatus
from fengqiao.triage.models import SameMatterLink, SameMatterStatus, TriageResult
from fengqiao.triage.similarity import SHOW_MATCHES

QUEUE_ROLES = {Role.CENTER, Role.ADMIN, Role.LEADER}
MATTER_REASON_KINDS = {"text", "place", "organisation"}


def result_for_case(*, case: Case) -> TriageResult | None:
    return (
        TriageResult.objects.filter(case=case)
        .select_related("category", "dispute_type", "department", "routing_rule", "category_model")
        .first()
    )


def crisis_kind_for(*, case: Case) -> str:
    """The crisis kind the analysis found in the case's text ("" when none): the care panel shows its hotlines."""
    return TriageResult.objects.filter(case=case, crisis=True).values_list("crisis_kind", flat=True).first() or ""


def reason_text(reason: dict[str, Any]) -> str:
    kind = str(reason.get("kind") or "")
    if kind == "text":
        return _("文本相似 %(percent)d%%") % {"percent": round(float(reason.get("value", 0)) * 100)}
    if kind == "topic":
        return _("话题相近：%(words)s") % {"words": reason.get("value", "")} if reason.get("value") else _("话题相近")
    return {
        "id_number": _("同一身份证号"),
        "phone": _("同一电话"),
        "party": _("同一当事人"),
        "place": _("同一地点"),
        "organisation": _("同一单位"),
        "region": _("同一区划"),
    }.get(kind, _("相似"))


@dataclass
class SimilarCase:
    case: Case
    score: float
    reasons: list[str]


def similar_cases_for(
    *, user: User, result: TriageResult | None, limit: int = SHOW_MATCHES
) -> list[SimilarCase]:
    """The stored similar cases that `user` may see, best first (never one outside the user's scope)."""
    if result is None or not result.similar:
        return []
    ids = [int(m["case"]) for m in result.similar]
    visible = {
        c.pk: c for c in Case.objects.visible_to(user).filter(pk__in=ids).select_related("state", "region")
    }
    out = []
    for match in result.similar:
        case = visible.get(int(match["case"]))
        if not MATTER_REASON_KINDS & {r.get("kind") for r in match.get("reasons", [])}:
            continue  # stored before matches were ranked by the matter: the same person on another matter
        if case is not None:
            out.append(
                SimilarCase(
                    case=case,
                    score=float(match.get("score", 0)),
                    reasons=[reason_text(r) for r in match.get("reasons", [])],
                )
            )
        if len(out) >= limit:
            break
    return out


TONE_TEXTS = {
    "petition": _("提到信访或向上级机关反映"),
    "lawsuit": _("提到诉讼、仲裁、复议或举报投诉"),
    "media": _("提到向媒体或热线反映"),
    "redress": _("希望讨个说法"),
    "anger": _("说了气话，表达了强烈的不满"),
}


def tone_note_for(*, case: Case) -> list[str]:
    """What the handler may want to know about the tone of the resident's words (lawful intentions, anger),
    computed from the text when the page is shown: a suggestion on how to answer, never stored, never a mark
    on the person and never a crisis (信访工作条例 第十八条)."""
    from fengqiao.triage.engine.tone import tone_notes

    return [TONE_TEXTS[note.kind] for note in tone_notes(f"{case.title}\n{case.narrative}")]


@dataclass
class SameMatterView:
    confirmed: list[SameMatterLink]
    suggested: list[SameMatterLink]
    can_decide: bool


def same_matter_for(*, user: User, case: Case) -> SameMatterView:
    """Links of `case` to earlier matters closed after 复核 whose earlier case `user` may see: the confirmed
    ones (the note on the page) and the suggestions still to answer, with their reasons as text."""
    from fengqiao.triage.services.same_matter import may_decide

    links = list(SameMatterLink.objects.filter(case=case).exclude(status=SameMatterStatus.REJECTED)
                 .select_related("earlier", "decided_by"))
    visible = set(Case.objects.visible_to(user).filter(pk__in=[link.earlier_id for link in links])
                  .values_list("pk", flat=True))
    links = [link for link in links if link.earlier_id in visible]
    for link in links:
        link.reason_texts = [reason_text(r) for r in link.reasons]
    return SameMatterView(
        confirmed=[link for link in links if link.status == SameMatterStatus.CONFIRMED],
        suggested=[link for link in links if link.status == SameMatterStatus.SUGGESTED],
        can_decide=may_decide(user, case),
    )


def unsure_flags(result: TriageResult | None) -> dict[str, Any]:
    """Which suggestions fall below their threshold and so are shown as "不确定" (unsure) instead of a guess:
    the category against its CategorySetting threshold (judged when the result was stored), the dispute type
    against ``TRIAGE_DISPUTE_TYPE_THRESHOLD``."""
    from fengqiao.triage import conf

    flags: dict[str, Any] = {"category": False, "dispute_type": False, "category_threshold": None}
    if result is None or not result.is_done:
        return flags
    low = next((r for r in result.manual_reasons if r.get("code") == "low_confidence"), None)
    if low is not None and result.category_id:
        flags["category"] = True
        flags["category_threshold"] = round(float(low["threshold"]) * 100)
    threshold = conf.dispute_type_threshold()
    flags["dispute_type_threshold"] = round(threshold * 100)
    flags["dispute_type"] = bool(
        result.dispute_type_id
        and result.dispute_type_confidence is not None
        and result.dispute_type_confidence < threshold
    )
    return flags


def manual_reason_texts(result: TriageResult | None) -> list[str]:
    if result is None:
        return [_("尚未分析")]
    if result.status == ResultStatus.FAILED:
        return [_("自动分析失败，等待重试")]
    if result.status == ResultStatus.PENDING:
        return [_("正在分析")]
    texts = []
    for reason in result.manual_reasons:
        code = reason.get("code")
        if code == "no_category":
            texts.append(_("无法推荐诉求类别"))
        elif code == "low_confidence":
            texts.append(
                _("类别置信度 %(confidence)d%% 低于阈值 %(threshold)d%%")
                % {
                    "confidence": round(float(reason["confidence"]) * 100),
                    "threshold": round(float(reason["threshold"]) * 100),
                }
            )
        elif code == "no_rule":
            texts.append(_("没有适用的分流规则"))
    return texts


def queue_area_paths(user: User) -> list[str] | None:
    """Region paths whose cases the user triages by hand (None: everywhere, for a superuser)."""
    if user.is_superuser:
        return None
    return [m.region.path for m in user.active_memberships if m.role in QUEUE_ROLES]


def may_use_queue(user: User) -> bool:
    return user.is_superuser or bool(queue_area_paths(user))


def manual_queue_for(*, user: User, show_all: bool = False) -> QuerySet[Case]:
    """Open cases in the user's area still waiting to be dispatched (no lead yet, initial step); by default
    only those triage could not settle: low confidence, no category or rule, analysis failed or missing.
    Oldest first."""
    qs = Case.objects.visible_to(user).filter(
        state__kind=StateKind.OPEN,
        state__is_initial=True,
        lead_department__isnull=True,
        lead_user__isnull=True,
    )
    paths = queue_area_paths(user)
    if paths is not None:
        area = Q(pk__in=[])
        for path in paths:
            area |= Q(region_path__startswith=path)
        qs = qs.filter(area)
    if not show_all:
        qs = qs.filter(
            Q(triage_result__isnull=True)
            | Q(triage_result__needs_manual=True)
            | ~Q(triage_result__status=ResultStatus.DONE)
        )
    return qs.select_related(
        "process",
        "state",
        "region",
        "category",
        "dispute_type",
        "triage_result",
        "triage_result__category",
        "triage_result__dispute_type",
        "triage_result__department",
    ).order_by("received_at", "id")


# ---------------------------------------------------------------- for the warning app (bulk, ids only)


def crisis_case_ids(*, case_ids: list[int]) -> set[int]:
    """Of `case_ids`, those whose text the analysis found to hold crisis language (a care signal)."""
    return set(TriageResult.objects.filter(case_id__in=case_ids, crisis=True).values_list("case_id", flat=True))


def same_matter_earlier_ids(*, case_ids: list[int]) -> dict[int, set[int]]:
    """For each of `case_ids`, the cases triage tied to it as the same matter: same-matter links not rejected,
    and stored similar cases matched on the matter (text, place or organisation), not on the person alone."""
    found: dict[int, set[int]] = {}
    links = SameMatterLink.objects.filter(case_id__in=case_ids).exclude(status=SameMatterStatus.REJECTED)
    for case_id, earlier_id in links.values_list("case_id", "earlier_id"):
        found.setdefault(case_id, set()).add(earlier_id)
    for case_id, similar in TriageResult.objects.filter(case_id__in=case_ids).values_list("case_id", "similar"):
        for match in similar or []:
            if MATTER_REASON_KINDS & {r.get("kind") for r in match.get("reasons", [])}:
                found.setdefault(case_id, set()).add(int(match["case"]))
    return found
