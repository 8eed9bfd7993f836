"""消息中心 (inbox) and 通知设置 (preferences). Thin: the selectors read, the services write."""
from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from fengqiao.core.errors import NotFoundError, ServiceError
from fengqiao.core.viewkit import is_htmx, see_other, staff_view
from fengqiao.notifications import selectors, services
from fengqiao.notifications.choices import Channel
from fengqiao.notifications.forms import PreferencesForm

PAGE_SIZE = 25
# HTMX event fired after a change of the unread count; the header badge listens for it.
CHANGED_EVENT = "notificationsChanged"


def _inbox_context(request: HttpRequest) -> dict:
    """The inbox as lines (a group of notices of one kind is one line), or, with ?group=, that group's notices."""
    unread_only = request.GET.get("unread") == "1"
    group_key = request.GET.get("group", "")
    context: dict = {
        "unread_only": unread_only,
        "unread_count": selectors.unread_count_for(user=request.user),
        "group_key": group_key,
    }
    if group_key:
        notices = selectors.notification_list_for(user=request.user, unread_only=unread_only, group_key=group_key)
        page = Paginator(notices, PAGE_SIZE).get_page(request.GET.get("page"))
        if not page.object_list and not selectors.notification_list_for(user=request.user, group_key=group_key).exists():
            raise Http404(_("通知不存在。"))
        context.update(page=page, lines=None)
    else:
        page = Paginator(selectors.inbox_lines_for(user=request.user, unread_only=unread_only), PAGE_SIZE).get_page(
            request.GET.get("page")
        )
        context.update(page=page, lines=selectors.inbox_lines_load(page.object_list))
    return context


def _list_response(request: HttpRequest) -> HttpResponse:
    response = render(request, "notifications/partials/list.html", _inbox_context(request))
    response["HX-Trigger"] = CHANGED_EVENT
    return response


@require_GET
@staff_view
def inbox(request: HttpRequest) -> HttpResponse:
    return render(request, "notifications/inbox.html", _inbox_context(request))


@require_POST
@staff_view
def mark_read(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        notification = selectors.notification_get_for(user=request.user, pk=pk)
        services.notification_mark_read(notification=notification, acting_user=request.user)
    except NotFoundError as exc:
        raise Http404 from exc
    if is_htmx(request):
        context = {"notification": notification, "oob": True, "unread_count": selectors.unread_count_for(user=request.user)}
        response = render(request, "notifications/partials/item.html", context)
        response["HX-Trigger"] = CHANGED_EVENT
        return response
    return see_other(reverse("notifications:inbox"))


@require_POST
@staff_view
def mark_group_read(request: HttpRequest) -> HttpResponse:
    """Mark one group of the inbox read (the key comes in the form; only the user's own notices are looked at)."""
    try:
        count = services.notification_mark_group_read(acting_user=request.user, group_key=request.POST.get("group", ""))
    except NotFoundError as exc:
        raise Http404 from exc
    if is_htmx(request):
        return _list_response(request)
    messages.success(request, _("已将 %(count)s 条通知标为已读。") % {"count": count})
    return see_other(reverse("notifications:inbox"))


@require_POST
@staff_view
def mark_all_read(request: HttpRequest) -> HttpResponse:
    count = services.notification_mark_all_read(acting_user=request.user)
    if is_htmx(request):
        return _list_response(request)
    messages.success(request, _("已将 %(count)s 条通知标为已读。") % {"count": count})
    return see_other(reverse("notifications:inbox"))


@require_GET
@staff_view
def badge(request: HttpRequest) -> HttpResponse:
    """The header badge alone, for HTMX to refresh after a change."""
    context = {"count": selectors.unread_count_for(user=request.user), "show": True}
    return render(request, "notifications/partials/badge.html", context)


@require_http_methods(["GET", "POST"])
@staff_view
def preferences(request: HttpRequest) -> HttpResponse:
    current = selectors.preferences_for(user=request.user)
    form = PreferencesForm(request.POST if request.method == "POST" else None, current=current)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                services.notification_preferences_save(acting_user=request.user, choices=form.choices())
            except ServiceError as exc:
                form.add_error(None, str(exc.message))
            else:
                messages.success(request, _("通知设置已保存。"))
                return see_other(reverse("notifications:preferences"))
    context = {
        "form": form,
        "rows": form.rows(),
        "channels": Channel.choices,
        "has_email": bool((request.user.email or "").strip()),
        "has_phone": bool((request.user.phone or "").strip()),
    }
    return render(request, "notifications/preferences.html", context, status=status)
