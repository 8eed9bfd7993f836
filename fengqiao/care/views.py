"""Care pages: the referral list (scoped to the counsellor's area and assignments) and one referral with its
contacts and the forms for what this user may do next."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from fengqiao.audit.models import PersonalDataAccess
from fengqiao.audit.services import personal_data_access_record
from fengqiao.care.forms import AssignForm, CloseForm, ContactForm, ListFilterForm
from fengqiao.care.models import Referral
from fengqiao.care.selectors import hotlines_for, may_see_case, referral_get_visible, referrals_for
from fengqiao.care.services import (
    ContactInput,
    referral_assign,
    referral_close,
    referral_contact_record,
    referral_take,
)
from fengqiao.care.services.referrals import counsellors_covering, may_counsel, may_record
from fengqiao.cases.permissions import can_manage
from fengqiao.core.errors import NotFoundError, ServiceError
from fengqiao.core.viewkit import (
    Panel,
    is_htmx,
    paginate,
    panel_problems,
    query_without_page,
    redirect_after_post,
    staff_view,
    submit_panel,
)


@staff_view
@require_GET
def referral_list(request: HttpRequest) -> HttpResponse:
    form = ListFilterForm(request.GET)
    status = (form.cleaned_data.get("status") if form.is_valid() else "") or "active"
    page = paginate(request, referrals_for(user=request.user, status="" if status == "all" else status))
    return render(request, "care/referral_list.html", {
        "form": form, "page": page, "status": status, "query": query_without_page(request),
    })


def contact_panel(referral: Referral, form: ContactForm | None = None) -> Panel:
    return Panel(key=f"r{referral.pk}-contact", url=reverse("care:contact", args=[referral.pk]),
                 legend=_("记录联系情况"), submit=_("保存联系记录"), style="primary",
                 form=form or ContactForm(auto_id=f"id_r{referral.pk}_contact_%s"),
                 description=_("联系是否成功、谁在什么时间联系、情况如何、安全计划和下次跟进日期。"))


def assign_panel(referral: Referral, form: AssignForm | None = None) -> Panel:
    counsellors = counsellors_covering(referral.case)
    return Panel(key=f"r{referral.pk}-assign", url=reverse("care:assign", args=[referral.pk]),
                 legend=_("指派心理咨询师"), submit=_("指派"),
                 form=form or AssignForm(counsellors=counsellors, auto_id=f"id_r{referral.pk}_assign_%s",
                                         initial={"counsellor": referral.counsellor_id}))


def close_panel(referral: Referral, form: CloseForm | None = None) -> Panel:
    return Panel(key=f"r{referral.pk}-close", url=reverse("care:close", args=[referral.pk]), legend=_("结束转介"),
                 submit=_("结束转介"), style="caution", form=form or CloseForm(auto_id=f"id_r{referral.pk}_close_%s"))


def _panels(request: HttpRequest, referral: Referral, overrides: dict[str, Panel]) -> list[Panel]:
    panels: list[Panel] = []
    if referral.is_active:
        if may_record(request.user, referral):
            panels.append(contact_panel(referral))
        if can_manage(request.user, referral.case):
            panels.append(assign_panel(referral))
        if may_record(request.user, referral):
            panels.append(close_panel(referral))
    return [overrides.get(p.key, p) for p in panels]


def _render_detail(request: HttpRequest, referral: Referral, *, overrides: dict[str, Panel] | None = None,
                   status: int = 200) -> HttpResponse:
    personal_data_access_record(user=request.user, kind=PersonalDataAccess.Kind.VIEW, obj=referral)
    case = referral.case
    context = {
        "referral": referral,
        "case": case,
        "parties": list(case.parties.all()),
        "contacts": list(referral.contacts.select_related("by")),
        "hotlines": hotlines_for({referral.kind}),
        "can_open_case": may_see_case(request.user, case),
        "may_take": referral.is_active and referral.counsellor_id != request.user.pk and may_counsel(request.user, case)
        and referral.counsellor_id is None,
        "panels": _panels(request, referral, overrides or {}),
    }
    return render(request, "care/referral_detail.html", context, status=status)


@staff_view
@require_GET
def referral_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _render_detail(request, referral_get_visible(user=request.user, referral_id=pk))


def _submit(request: HttpRequest, referral: Referral, panel: Panel, perform: Callable[[dict[str, Any]], object],
            success: str) -> HttpResponse:

    def answer_errors(status: int) -> HttpResponse:
        if is_htmx(request):
            return render(request, "partials/panel.html", {"panel": panel}, status=status)
        panel_problems(request, panel)
        return _render_detail(request, referral, overrides={panel.key: panel}, status=status)

    return submit_panel(request, panel, perform=perform, success=success, answer_errors=answer_errors,
                        success_url=lambda data: reverse("care:detail", args=[referral.pk]))


@staff_view
@require_POST
def contact(request: HttpRequest, pk: int) -> HttpResponse:
    referral = referral_get_visible(user=request.user, referral_id=pk)
    panel = contact_panel(referral, ContactForm(request.POST, auto_id=f"id_r{referral.pk}_contact_%s"))

    def perform(data: dict[str, Any]) -> object:
        return referral_contact_record(referral=referral, acting_user=request.user, data=ContactInput(
            at=data["at"], method=data["method"], reached=data["reached"] == "yes", outcome=data["outcome"],
            safety_plan=data.get("safety_plan", ""), next_follow_up=data.get("next_follow_up")))

    return _submit(request, referral, panel, perform, _("已记录联系情况。"))


@staff_view
@require_POST
def assign(request: HttpRequest, pk: int) -> HttpResponse:
    referral = referral_get_visible(user=request.user, referral_id=pk)
    form = AssignForm(request.POST, counsellors=counsellors_covering(referral.case),
                      auto_id=f"id_r{referral.pk}_assign_%s")
    panel = assign_panel(referral, form)
    return _submit(request, referral, panel, lambda d: referral_assign(
        referral=referral, counsellor=d["counsellor"], acting_user=request.user), _("已指派。"))


@staff_view
@require_POST
def close(request: HttpRequest, pk: int) -> HttpResponse:
    referral = referral_get_visible(user=request.user, referral_id=pk)
    panel = close_panel(referral, CloseForm(request.POST, auto_id=f"id_r{referral.pk}_close_%s"))
    return _submit(request, referral, panel, lambda d: referral_close(
        referral=referral, acting_user=request.user, note=d["note"]), _("转介已结束。"))


@staff_view
@require_POST
def take(request: HttpRequest, pk: int) -> HttpResponse:
    referral = referral_get_visible(user=request.user, referral_id=pk)
    try:
        referral_take(referral=referral, acting_user=request.user)
    except NotFoundError as exc:
        raise Http404 from exc
    except ServiceError as exc:
        messages.error(request, str(exc.message))
    else:
        messages.success(request, _("已接手，可以查看案件并记录联系情况。"))
    return redirect_after_post(request, reverse("care:detail", args=[referral.pk]))
