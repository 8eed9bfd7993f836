"""Header badge helpers: `{% load notifications %}{% unread_count request.user %}` prints the number of
unread notifications; `{% unread_badge request.user %}` renders a link to the inbox with that number,
refreshed by HTMX when a page marks notifications read."""
from __future__ import annotations

from django import template
from django.contrib.auth.models import AnonymousUser

from fengqiao.accounts.models import User
from fengqiao.notifications.selectors import unread_count_for

register = template.Library()


@register.simple_tag
def unread_count(user: User | AnonymousUser) -> int:
    return unread_count_for(user=user)


@register.inclusion_tag("notifications/partials/badge.html")
def unread_badge(user: User | AnonymousUser) -> dict:
    return {"count": unread_count_for(user=user), "show": bool(getattr(user, "is_authenticated", False))}
