"""Helpers shared by the staff views: login for HTMX, service errors as HTTP answers, form panels."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any

from django import forms
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Page
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.views.decorators.cache import never_cache

from fengqiao.core.countcache import CachedCountPaginator

PAGE_SIZE = 25


def is_htmx(request: HttpRequest) -> bool:
    """A request made by HTMX that wants a fragment (history restores want the whole page)."""
    return request.headers.get("HX-Request") == "true" and not request.headers.get("HX-History-Restore-Request")


def staff_view(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Signed-in users only; never cached (pages carry personal data). An HTMX request whose session has
    expired is sent to the login page as a whole-page redirect instead of a login form inside a fragment."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            if is_htmx(request):
                response = HttpResponse(status=401)
                response["HX-Redirect"] = f"{reverse('login')}?next={request.headers.get('HX-Current-URL', '/')}"
                return response
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    return never_cache(wrapper)


def redirect_after_post(request: HttpRequest, url: str) -> HttpResponse:
    """After a successful write: HTMX loads the page again (HX-Redirect), a plain form gets a 303."""
    if is_htmx(request):
        response = HttpResponse(status=200)
        response["HX-Redirect"] = url
        return response
    response = HttpResponseRedirect(url)
    response.status_code = 303
    return response


def paginate(request: HttpRequest, queryset: Any, per_page: int = PAGE_SIZE) -> Page:
    paginator = CachedCountPaginator(queryset, per_page)
    return paginator.get_page(request.GET.get("page"))


def query_without_page(request: HttpRequest) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


@dataclass
class Panel:
    """One write form on the case page: where it posts, what it is called, and the form itself."""

    key: str
    url: str
    legend: str
    submit: str
    form: forms.Form
    style: str = ""
    description: str = ""
    multipart: bool = False
