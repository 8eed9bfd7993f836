"""The alerts inbox: open alerts grouped by kind and place, one alert with its trail, and its actions."""
from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from fengqiao.core.errors import NotFoundError, ServiceError
from fengqiao.core.viewkit import add_service_errors, redirect_after_post, staff_view
from fengqiao.warning import selectors
from fengqiao.warning.forms import NoteForm
from fengqiao.warning.models import Alert
from fengqiao.warning.services.alerts import alert_acknowledge, alert_act, alert_dismiss
from fengqiao.warning.views.common import require_alert_roles


@staff_view
@require_safe
def alert_list(request: HttpRequest) -> HttpResponse:
    require_alert_roles(request)
    show_open = request.GET.get("view", "open") != "done"
    groups = selectors.alerts_grouped(user=request.user, show_open=show_open)
    return render(request, "warning/alert_list.html", {"groups": groups, "show_open": show_open})


def _subject_url(alert: Alert) -> str:
    if alert.subject_type == "case":
        return reverse("cases:detail", args=[alert.subject_id])
    if alert.subject_type == "cluster":
        return reverse("warning:cluster", args=[alert.subject_id])
    if alert.subject_type == "hot_issue":
        return reverse("warning:hot_issue", args=[alert.subject_id])
    if alert.subject_type == "warning.hotspot":
        return reverse("warning:hotspots")
    return ""


def _detail(request: HttpRequest, alert: Alert, *, act_form: NoteForm | None = None,
            dismiss_form: NoteForm | None = None, status: int = 200) -> HttpResponse:
    return render(request, "warning/alert_detail.html", {
        "alert": alert, "trail": selectors.alert_trail(alert=alert), "subject_url": _subject_url(alert),
        "act_form": act_form or NoteForm(auto_id="id_act_%s"),
        "dismiss_form": dismiss_form or NoteForm(auto_id="id_dismiss_%s"),
    }, status=status)


@staff_view
@require_safe
def alert_detail(request: HttpRequest, pk: int) -> HttpResponse:
    require_alert_roles(request)
    return _detail(request, selectors.alert_get_visible(user=request.user, alert_id=pk))


def _run(request: HttpRequest, pk: int, form: NoteForm | None, perform: Callable[[str], object], success: str,
         form_name: str) -> HttpResponse:
    require_alert_roles(request)
    alert = selectors.alert_get_visible(user=request.user, alert_id=pk)
    if form is not None and not form.is_valid():
        return _detail(request, alert, status=400, **{form_name: form})
    try:
        perform(form.cleaned_data["note"] if form is not None else "")
    except NotFoundError as exc:
        raise Http404 from exc
    except ServiceError as exc:
        if form is None:
            messages.error(request, str(exc.message))
            return redirect_after_post(request, reverse("warning:alert", args=[pk]))
        add_service_errors(form, exc)
        return _detail(request, alert, status=exc.status_code, **{form_name: form})
    messages.success(request, success)
    return redirect_after_post(request, reverse("warning:alert", args=[pk]))


@staff_view
@require_POST
def acknowledge(request: HttpRequest, pk: int) -> HttpResponse:
    return _run(request, pk, None, lambda note: alert_acknowledge(alert_id=pk, acting_user=request.user),
                _("已签收。"), "")


@staff_view
@require_POST
def act(request: HttpRequest, pk: int) -> HttpResponse:
    return _run(request, pk, NoteForm(request.POST, auto_id="id_act_%s"),
                lambda note: alert_act(alert_id=pk, note=note, acting_user=request.user), _("已记录处置情况。"),
                "act_form")


@staff_view
@require_POST
def dismiss(request: HttpRequest, pk: int) -> HttpResponse:
    return _run(request, pk, NoteForm(request.POST, auto_id="id_dismiss_%s"),
                lambda note: alert_dismiss(alert_id=pk, reason=note, acting_user=request.user), _("已排除该预警。"),
                "dismiss_form")
