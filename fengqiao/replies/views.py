"""The answer editor's two actions: save and check, and send. Both answer HTMX with the editor again (with the
check result or the errors), and a plain form with the case page."""
from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from fengqiao.cases.models import Case, PetitionAnswer
from fengqiao.cases.petition_forms import DeliveryForm
from fengqiao.cases.selectors import case_get_visible
from fengqiao.cases.services.petition_answers import petition_delivery_record
from fengqiao.cases.views.case_detail import render_case_page
from fengqiao.core.errors import NotFoundError, ServiceError
from fengqiao.core.viewkit import add_service_errors, is_htmx, redirect_after_post, staff_view
from fengqiao.replies import services
from fengqiao.replies.forms import ReplyForm
from fengqiao.replies.panel import editor_context
from fengqiao.replies.selectors import draft_for


def _case_url(case: Case) -> str:
    return reverse("cases:detail", args=[case.pk]) + "#replies"


def _editor(request: HttpRequest, case: Case, form: ReplyForm | None, status: int) -> HttpResponse:
    context = editor_context(case, draft_for(case=case), form)
    if is_htmx(request):
        return render(request, "replies/partials/editor.html", context, status=status)
    if status < 400:
        return redirect(_case_url(case), permanent=False)
    for error in (form.non_field_errors() if form is not None else []) or [_("答复未保存，请检查填写的内容。")]:
        messages.error(request, error)
    return render(request, "replies/editor_page.html", context, status=status)


@staff_view
@require_POST
def check(request: HttpRequest, pk: int) -> HttpResponse:
    case = case_get_visible(user=request.user, case_id=pk)
    form = ReplyForm(request.POST, auto_id="id_reply_%s")
    if not form.is_valid():
        return _editor(request, case, form, 400)
    try:
        services.reply_draft_save(case=case, acting_user=request.user, text=form.cleaned_data["text"],
                                  expected_version=form.cleaned_data.get("version"))
    except NotFoundError as exc:
        raise Http404 from exc
    except ServiceError as exc:
        add_service_errors(form, exc)
        return _editor(request, case, form, exc.status_code)
    if not is_htmx(request):
        messages.success(request, _("答复草稿已保存并检查。"))
    return _editor(request, case, None, 200)


@staff_view
@require_POST
def send(request: HttpRequest, pk: int) -> HttpResponse:
    case = case_get_visible(user=request.user, case_id=pk)
    form = ReplyForm(request.POST, auto_id="id_reply_%s")
    if not form.is_valid():
        return _editor(request, case, form, 400)
    try:
        draft = services.reply_draft_save(case=case, acting_user=request.user, text=form.cleaned_data["text"],
                                          expected_version=form.cleaned_data.get("version"))
        services.reply_send(reply=draft, acting_user=request.user, override_note=form.cleaned_data["override_note"],
                            expected_version=draft.version)
    except NotFoundError as exc:
        raise Http404 from exc
    except ServiceError as exc:
        # The text is saved and checked; the editor shows what is missing, with the override note open.
        saved = draft_for(case=case)
        data = request.POST.copy()
        data["version"] = str(saved.version) if saved else ""
        retry = ReplyForm(data, auto_id="id_reply_%s")
        retry.is_valid()
        add_service_errors(retry, exc)
        return _editor(request, case, retry, exc.status_code)
    messages.success(request, _("书面答复已发送，群众查询办理进度时可以看到。"))
    return redirect_after_post(request, _case_url(case))


@staff_view
@require_POST
def delivery(request: HttpRequest, pk: int, answer_id: int) -> HttpResponse:
    """Record how and when the resident received a petition answer (信访工作条例 第三十五条: the window for 复查
    counts from that day). Refused input answers with the case page and the message at the top."""
    case = case_get_visible(user=request.user, case_id=pk)
    answer = get_object_or_404(PetitionAnswer, pk=answer_id, case_id=case.pk)
    form = DeliveryForm(request.POST)
    status = 400
    if form.is_valid():
        try:
            petition_delivery_record(answer=answer, acting_user=request.user, method=form.cleaned_data["delivery_method"],
                                     delivered_on=form.cleaned_data["delivered_on"],
                                     note=form.cleaned_data.get("delivery_note", ""),
                                     expected_version=form.cleaned_data["version"])
        except NotFoundError as exc:
            raise Http404 from exc
        except ServiceError as exc:
            messages.error(request, str(exc.message))
            status = exc.status_code
        else:
            messages.success(request, _("已登记送达。"))
            return redirect_after_post(request, reverse("cases:detail", args=[case.pk]) + "#petition-answers")
    else:
        for field_errors in form.errors.values():
            for error in field_errors:
                messages.error(request, error)
    return render_case_page(request, case_get_visible(user=request.user, case_id=pk), status=status)
