"""Helpers shared by the staff views: login for HTMX, service errors as HTTP answers, form panels."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any
from urllib.parse import urlsplit

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


def _only_fragment_differs(current: str, url: str) -> bool:
    """Whether going from `current` to `url` changes the fragment alone (a browser then only scrolls)."""
    target = urlsplit(url)
    here = urlsplit(current)
    return bool(target.fragment) and (target.path, target.query) == (here.path, here.query)


def redirect_after_post(request: HttpRequest, url: str) -> HttpResponse:
    """After a successful write: HTMX loads the page again (HX-Redirect), a plain form gets a 303.
    A URL that differs from the current page by its fragment alone ("#followup") would only scroll the page,
    leaving the old content and no message: HX-Refresh then makes the browser reload it after the jump."""
    if is_htmx(request):
        response = HttpResponse(status=200)
        response["HX-Redirect"] = url
        if _only_fragment_differs(request.headers.get("HX-Current-URL", ""), url):
            response["HX-Refresh"] = "true"
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
