"""Follow-up pages: the 待回访 list, the figures, the case-page actions, and the resident's rating on the portal."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe

from fengqiao.cases.models import Case
from fengqiao.cases.selectors import case_get_visible
from fengqiao.core.errors import ServiceError
from fengqiao.core.tracked_session import tracked_case_id
from fengqiao.core.viewkit import (
    Panel,
    add_service_errors,
    is_htmx,
    paginate,
    query_without_page,
    staff_view,
    submit_case_section,
)
from fengqiao.followup import selectors, services
from fengqiao.followup.forms import CallForm, OpenForm, RatingForm, ReviewForm
from fengqiao.followup.models import FollowUp
from fengqiao.followup.panel import call_panel, dismiss_panel, open_panel, reopen_panel

# ------------------------------------------------------------------ staff pages

@staff_view
@require_safe
def followup_list(request: HttpRequest) -> HttpResponse:
    view = request.GET.get("view", selectors.PENDING)
    if view not in selectors.LIST_VIEWS:
        view = selectors.PENDING
    page = paginate(request, selectors.followups_list(user=request.user, view=view))
    context = {"page": page, "view": view, "query": query_without_page(request)}
    template = "followup/partials/list_results.html" if is_htmx(request) else "followup/followup_list.html"
    return render(request, template, context)


@staff_view
@require_safe
def figures(request: HttpRequest) -> HttpResponse:
    """The figures moved to the reports app (count tables, not scans): the old address leads there, its month kept."""
    target = reverse("reports:figures")
    if "month" not in request.GET:
        return redirect(target)  # the current month, as before
    return redirect(f"{target}?{urlencode({'period': request.GET['month'].strip() or 'all'})}")  # "": every month


# ------------------------------------------------------------------ case-page actions

def _followup_of(case: Case, form: Any) -> FollowUp:
    """The follow-up named by the form's hidden field, which must belong to this (already visible) case."""
    try:
        followup_id = int(form.data.get("followup", ""))
    except (TypeError, ValueError):
        followup_id = 0
    followup = FollowUp.objects.filter(pk=followup_id, case=case).first()
    if followup is None:
        raise Http404
    return followup


def _submit(request: HttpRequest, case: Case, panel: Panel, perform: Callable[[dict[str, Any]], object],
            success: str) -> HttpResponse:
    return submit_case_section(request, panel, case=case, section="followup", perform=perform, success=success)


@staff_view
@require_POST
def open_followup(request: HttpRequest, pk: int) -> HttpResponse:
    case = case_get_visible(user=request.user, case_id=pk)
    panel = open_panel(case)
    panel.form = OpenForm(request.POST)
    return _submit(request, case, panel, lambda data: services.followup_open(case=case, acting_user=request.user),
                   _("已生成回访。"))


@staff_view
@require_POST
def call(request: HttpRequest, pk: int) -> HttpResponse:
    case = case_get_visible(user=request.user, case_id=pk)
    followup = _followup_of(case, CallForm(request.POST))
    key = f"fu{followup.pk}-call"
    panel = call_panel(case, followup, CallForm(request.POST, auto_id=f"id_{key}_%s"))

    def perform(data: dict[str, Any]) -> object:
        return services.followup_call_record(
            followup=followup, acting_user=request.user, reached=data["reached"] == "yes", called_at=data.get("called_at"),
            settled=data.get("settled") or "", satisfaction=data.get("satisfaction") or "",
            resident_words=data.get("resident_words", ""), note=data.get("note", ""),
        )

    return _submit(request, case, panel, perform, _("已登记回访。"))


@staff_view
@require_POST
def reopen(request: HttpRequest, pk: int) -> HttpResponse:
    case = case_get_visible(user=request.user, case_id=pk)
    followup = _followup_of(case, ReviewForm(request.POST))
    panel = reopen_panel(case, followup, ReviewForm(request.POST, auto_id=f"id_fu{followup.pk}-reopen_%s"))
    return _submit(request, case, panel,
                   lambda data: services.followup_reopen(followup=followup, acting_user=request.user, note=data["note"]),
                   _("案件已重新办理。"))


@staff_view
@require_POST
def dismiss(request: HttpRequest, pk: int) -> HttpResponse:
    case = case_get_visible(user=request.user, case_id=pk)
    followup = _followup_of(case, ReviewForm(request.POST))
    panel = dismiss_panel(case, followup, ReviewForm(request.POST, auto_id=f"id_fu{followup.pk}-dismiss_%s"))
    return _submit(request, case, panel,
                   lambda data: services.followup_review_dismiss(followup=followup, acting_user=request.user,
                                                                 note=data["note"]),
                   _("已记录复核意见。"))


# ------------------------------------------------------------------ the resident's rating (portal)

@never_cache
@require_POST
def rate(request: HttpRequest) -> HttpResponse:
    """The resident rates the handling of the case they verified on the portal's tracking page (the same
    session entry the portal keeps for ten minutes after a tracking code and phone number matched)."""
    case_id = tracked_case_id(request.session)
    case = Case.objects.filter(pk=case_id).first() if case_id else None
    if case is None:
        return redirect("portal:track")
    form = RatingForm(request.POST)
    if form.is_valid():
        try:
            services.followup_rate_by_resident(case=case, settled=form.cleaned_data["settled"],
                                               satisfaction=form.cleaned_data["satisfaction"],
                                               words=form.cleaned_data["words"])
        except ServiceError as exc:
            add_service_errors(form, exc)
            return render(request, "followup/rate_problem.html", {"form": form}, status=exc.status_code)
        return redirect(reverse("portal:track_result") + "#rating")
    return render(request, "followup/rate_problem.html", {"form": form}, status=400)
