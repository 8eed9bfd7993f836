"""Writes from the case page. Each posts one small form, calls one service and answers with the page
(or, for HTMX, the form again with its errors and a 4xx status)."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from fengqiao.cases import services
from fengqiao.cases.forms import (
    AttachmentUploadForm,
    CoHandlerForm,
    ExtensionDecisionForm,
    ExtensionRequestForm,
    NoteForm,
    read_uploads,
)
from fengqiao.cases.models import Case, Transition
from fengqiao.cases.petition_forms import petition_inputs
from fengqiao.cases.selectors import (
    LEFT_SCOPE_MESSAGE,
    case_get_visible,
    case_is_visible,
    extension_get_visible,
)
from fengqiao.cases.views.case_detail import (
    co_handler_panel,
    extension_decide_panel,
    extension_request_panel,
    note_panel,
    render_case_page,
    transition_form,
    transition_panel,
    upload_panel,
)
from fengqiao.core.viewkit import Panel, is_htmx, panel_problems, staff_view, submit_panel


def _answer_with_errors(request: HttpRequest, case: Case, panel: Panel, status: int) -> HttpResponse:
    if is_htmx(request):
        return render(request, "partials/panel.html", {"panel": panel, "case": case}, status=status)
    # The whole page again: say what went wrong at the top too (the form may be far down, or no longer offered).
    panel_problems(request, panel, hidden_fields=True)
    return render_case_page(request, case, overrides={panel.key: panel}, status=status)


def _submit(request: HttpRequest, case: Case, panel: Panel, perform: Callable[[dict[str, Any]], object],
            success: str, *, prefixes: dict[str, str] | None = None) -> HttpResponse:
    """Validate the panel's form, run the service, and answer: the page again on success (the case list, with a
    message, when the write took the case out of the user's scope), the form with the service's message and field
    errors otherwise (400 invalid, 403 refused, 409 stale or not allowed now)."""

    def success_url(data: dict[str, Any]) -> str:
        if not case_is_visible(user=request.user, case_id=case.pk):
            messages.info(request, LEFT_SCOPE_MESSAGE)
            return reverse("cases:list")
        return reverse("cases:detail", args=[case.pk])

    return submit_panel(request, panel, perform=perform, success=success, success_url=success_url, prefixes=prefixes,
                        answer_errors=lambda status: _answer_with_errors(request, case, panel, status))


@staff_view
@require_POST
def transition(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    case = case_get_visible(user=request.user, case_id=pk)
    found = Transition.objects.filter(process_id=case.process_id, action=action, is_active=True).select_related(
        "from_state", "to_state"
    )
    step = found.filter(from_state_id=case.state_id).first() or found.first()
    if step is None:
        raise Http404
    key = f"t-{step.action}"
    panel = transition_panel(case, step, transition_form(case, step, request.POST, key=key))

    def perform(data: dict[str, Any]) -> object:
        return services.case_transition(
            case=case, action=action, acting_user=request.user, note=data.get("note", ""),
            public_note=data.get("public_note", ""), expected_version=data["version"],
            to_user=data.get("to_user"), to_department=data.get("to_department"), **petition_inputs(data),
            channel=data.get("channel", ""), channel_detail=data.get("channel_detail", ""), routes=data.get("routes") or [],
            due_on=data.get("due_on"),
        )

    return _submit(request, case, panel, perform, _("已执行“%(action)s”。") % {"action": step.name})


@staff_view
@require_POST
def co_handler_add(request: HttpRequest, pk: int) -> HttpResponse:
    case = case_get_visible(user=request.user, case_id=pk)
    panel = co_handler_panel(case, CoHandlerForm(request.POST, case=case, auto_id="id_co_%s"))

    def perform(data: dict[str, Any]) -> object:
        return services.case_assign(
            case=case, acting_user=request.user, to_user=data.get("to_user"), to_department=data.get("to_department"),
            role="co", note=data.get("note", ""), expected_version=data["version"], task=data.get("task", ""),
            due_days=data.get("due_days"), due_unit=data.get("due_unit") or "working_days",
        )

    return _submit(request, case, panel, perform, _("已增加协办。"))


@staff_view
@require_POST
def note_add(request: HttpRequest, pk: int) -> HttpResponse:
    case = case_get_visible(user=request.user, case_id=pk)
    panel = note_panel(case, NoteForm(request.POST, auto_id="id_note_%s"))

    def perform(data: dict[str, Any]) -> object:
        return services.case_add_note(case=case, acting_user=request.user, note=data["note"],
                                      public=data["visibility"] == "public", expected_version=data["version"])

    return _submit(request, case, panel, perform, _("已添加办理记录。"))


@staff_view
@require_POST
def extension_request(request: HttpRequest, pk: int) -> HttpResponse:
    case = case_get_visible(user=request.user, case_id=pk)
    panel = extension_request_panel(case, ExtensionRequestForm(request.POST, auto_id="id_extension_%s"))

    def perform(data: dict[str, Any]) -> object:
        return services.case_extension_request(case=case, acting_user=request.user, days=data["days"],
                                               reason=data["reason"])

    return _submit(request, case, panel, perform, _("延期申请已提交，等待审批。"))


@staff_view
@require_POST
def extension_decide(request: HttpRequest, pk: int, extension_id: int) -> HttpResponse:
    extension = extension_get_visible(user=request.user, case_id=pk, extension_id=extension_id)
    case = extension.case
    panel = extension_decide_panel(case, extension, ExtensionDecisionForm(request.POST, auto_id=f"id_decide-{extension.pk}_%s"))

    def perform(data: dict[str, Any]) -> object:
        return services.case_extension_decide(extension=extension, acting_user=request.user,
                                              approve=data["decision"] == "approve", note=data["note"])

    return _submit(request, case, panel, perform, _("已审批延期申请。"))


@staff_view
@require_POST
def attachment_upload(request: HttpRequest, pk: int) -> HttpResponse:
    case = case_get_visible(user=request.user, case_id=pk)
    panel = upload_panel(case, AttachmentUploadForm(request.POST, request.FILES, auto_id="id_upload_%s"))

    def perform(data: dict[str, Any]) -> object:
        return services.case_attachment_add(case=case, items=read_uploads(data["files"]), acting_user=request.user)

    return _submit(request, case, panel, perform, _("附件已上传。"), prefixes={"attachments": "files"})
