"""The recommendations page (信访工作条例 第四十一条第三项): the petition office's recommendations within the viewer's
jurisdiction; the centers and administrators record them and whether they were adopted. Leaders read them. Anyone
else, and any recommendation outside the jurisdiction, is a 404."""
from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from fengqiao.core.viewkit import paginate, staff_view, submit_form
from fengqiao.reports import selectors
from fengqiao.reports.recommendation_forms import RecommendationDecisionForm, RecommendationForm
from fengqiao.reports.services.recommendations import recommendation_decide, recommendation_record


@staff_view
@require_http_methods(["GET", "HEAD", "POST"])
def recommendations(request: HttpRequest) -> HttpResponse:
    if not selectors.figures_visible_to(request.user):
        raise Http404
    writable = selectors.recommendations_writable_by(request.user)
    form = RecommendationForm(request.POST if request.method == "POST" else None, user=request.user)
    status = 200
    if request.method == "POST":
        if not writable:
            raise Http404
        answer = submit_form(
            request, form, success=_("建议已登记。"),
            perform=lambda data: recommendation_record(
                acting_user=request.user, kind=data["kind"], addressed_to=data["addressed_to"], region=data["region"],
                text=data["text"], made_on=data["made_on"]),
            success_url=lambda item: reverse("reports:recommendation", args=[item.pk]))
        if not isinstance(answer, int):
            return answer
        status = answer
    page = paginate(request, selectors.recommendations_for(user=request.user))
    return render(request, "reports/recommendations.html",
                  {"form": form if writable else None, "page": page}, status=status)


@staff_view
@require_http_methods(["GET", "HEAD", "POST"])
def recommendation(request: HttpRequest, pk: int) -> HttpResponse:
    item = selectors.recommendation_get(user=request.user, recommendation_id=pk)
    if item is None:
        raise Http404
    writable = selectors.recommendations_writable_by(request.user)
    initial = {"status": item.status, "decided_on": item.decided_on, "decision_note": item.decision_note}
    form = RecommendationDecisionForm(request.POST if request.method == "POST" else None, initial=initial)
    status = 200
    if request.method == "POST":
        if not writable:
            raise Http404
        answer = submit_form(
            request, form, success=_("采纳情况已更新。"),
            perform=lambda data: recommendation_decide(
                acting_user=request.user, recommendation_id=item.pk, status=data["status"],
                decided_on=data["decided_on"], note=data["decision_note"]),
            success_url=lambda _done: reverse("reports:recommendation", args=[item.pk]))
        if not isinstance(answer, int):
            return answer
        status = answer
    return render(request, "reports/recommendation.html",
                  {"item": item, "form": form if writable else None}, status=status)
