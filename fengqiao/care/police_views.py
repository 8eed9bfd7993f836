"""The "报告公安机关" page of a case: write the reason and the message, see exactly what will be sent and to whom,
then confirm. Two steps, both through `care.services.police` (the preview sends nothing)."""
from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from fengqiao.care.services.police import (
    LAW,
    MESSAGE_MAX,
    REASON_MAX,
    may_report,
    police_covering,
    police_report_preview,
    police_report_send,
)
from fengqiao.cases.selectors import case_get_visible
from fengqiao.core.errors import NotFoundError, ServiceError
from fengqiao.core.viewkit import add_service_errors, staff_view


class PoliceReportForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("报告理由（留存备查，不发送）"), max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("为什么判断需要报告：例如经了解，一方已携带器械前往对方住处。"),
    )
    message = forms.CharField(
        label=gettext_lazy("发送给公安机关的内容"), max_length=MESSAGE_MAX, widget=forms.Textarea(attrs={"rows": 5}),
        help_text=gettext_lazy("只写公安机关需要知道的事实和联系方式；不要照抄当事人的原话，不写与安全无关的个人信息。"),
    )


def _initial_message(case) -> str:
    return _("%(where)s的一起矛盾纠纷（%(ref)s）经调解员了解，存在可能激化为治安或刑事案件的风险，请予关注并协助处置。"
             "详情请与矛调中心联系。") % {"where": case.region.name, "ref": case.reference}


@staff_view
@require_http_methods(["GET", "POST"])
def police_report(request: HttpRequest, pk: int) -> HttpResponse:
    case = case_get_visible(user=request.user, case_id=pk)
    if not may_report(request.user, case):
        raise Http404
    step = request.POST.get("step", "") if request.method == "POST" else ""
    form = PoliceReportForm(request.POST or None, initial={"message": _initial_message(case)})
    context = {"case": case, "form": form, "law": LAW, "departments": police_covering(case)}
    status = 200
    if step in {"preview", "send"} and form.is_valid():
        data = form.cleaned_data
        try:
            if step == "send":
                police_report_send(case=case, acting_user=request.user, reason=data["reason"],
                                   message=data["message"], digest=request.POST.get("digest", ""))
                messages.success(request, _("已报告公安机关，并记入案件时间线。"))
                return redirect(reverse("cases:detail", args=[case.pk]))
            draft = police_report_preview(case=case, acting_user=request.user, reason=data["reason"],
                                          message=data["message"])
            context["draft"] = draft
        except NotFoundError as exc:
            raise Http404 from exc
        except ServiceError as exc:
            add_service_errors(form, exc)
            status = exc.status_code
    elif step in {"preview", "send"}:
        status = 400
    return render(request, "care/police_report.html", context, status=status)
