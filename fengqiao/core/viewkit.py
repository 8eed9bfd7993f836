"""The staff views' toolkit, shared by every app: login for HTMX, answers after a write, pagination, form panels,
and running one service from one form."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any
from urllib.parse import urlsplit

from django import forms
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Page
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from fengqiao.core.countcache import CachedCountPaginator
from fengqiao.core.errors import NotFoundError, ServiceError

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


def see_other(url: str) -> HttpResponse:
    """A plain 303 redirect (after a POST)."""
    response = HttpResponseRedirect(url)
    response.status_code = 303
    return response


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
    return see_other(url)


def paginate(request: HttpRequest, queryset: Any, per_page: int = PAGE_SIZE) -> Page:
    paginator = CachedCountPaginator(queryset, per_page)
    return paginator.get_page(request.GET.get("page"))


def query_without_page(request: HttpRequest) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


@dataclass
class Panel:
    """One write form on a page: where it posts, what it is called, and the form itself."""

    key: str
    url: str
    legend: str
    submit: str
    form: forms.Form
    style: str = ""
    description: str = ""
    multipart: bool = False


def add_service_errors(form: forms.Form, error: ServiceError, *, prefixes: dict[str, str] | None = None) -> None:
    """Put a service's message at the top of the form and its field errors next to the fields it names.
    `prefixes` maps a service key prefix to a form field ("attachments" -> "files" for "attachments[1]")."""
    form.add_error(None, str(error.message))
    for key, messages_ in (error.field_errors or {}).items():
        name = key if key in form.fields else None
        if name is None:
            name = next((f for prefix, f in (prefixes or {}).items() if key.startswith(prefix) and f in form.fields), None)
        if name is not None:
            form.add_error(name, [str(m) for m in messages_])


def panel_problems(request: HttpRequest, panel: Panel, *, hidden_fields: bool = False) -> None:
    """Say at the top of a whole page what went wrong with a panel's form (the form may be far down, or no
    longer offered): its errors, or that it is not complete."""
    form = panel.form
    problems = list(form.non_field_errors())
    if hidden_fields:
        problems += [e for f in form.hidden_fields() for e in f.errors]
    for problem in problems or [_("“%(name)s”未完成，请检查填写的内容。") % {"name": panel.legend}]:
        messages.error(request, problem)


def submit_form(request: HttpRequest, form: forms.Form, *, perform: Callable[[dict[str, Any]], Any], success: str,
                success_url: Callable[[Any], str], prefixes: dict[str, str] | None = None) -> HttpResponse | int:
    """Validate a posted form and run the service: on success a message and `redirect_after_post` to
    `success_url(what the service returned)`; otherwise the status to answer the form again with, its errors on
    it (400 invalid, 403 refused, 409 stale or not allowed now). A missing object is a 404."""
    if not form.is_valid():
        return 400
    try:
        done = perform(form.cleaned_data)
    except NotFoundError as exc:
        raise Http404 from exc
    except ServiceError as exc:
        add_service_errors(form, exc, prefixes=prefixes)
        return exc.status_code
    messages.success(request, success)
    return redirect_after_post(request, success_url(done))


def submit_panel(request: HttpRequest, panel: Panel, *, perform: Callable[[dict[str, Any]], object], success: str,
                 success_url: Callable[[dict[str, Any]], str], answer_errors: Callable[[int], HttpResponse],
                 prefixes: dict[str, str] | None = None) -> HttpResponse:
    """`submit_form` for a panel: `success_url(cleaned_data)` on success, else `answer_errors(status)`."""
    answer = submit_form(request, panel.form, perform=perform, success=success, prefixes=prefixes,
                         success_url=lambda _done: success_url(panel.form.cleaned_data))
    return answer_errors(answer) if isinstance(answer, int) else answer


def submit_case_section(request: HttpRequest, panel: Panel, *, case: Any, section: str,
                        perform: Callable[[dict[str, Any]], object], success: str) -> HttpResponse:
    """`submit_panel` for a panel in a section of the case page (`section`, e.g. "followup"): back to that section
    on success; otherwise the panel again, in place for htmx, else on an action page leading back to it."""
    from django.shortcuts import render

    def answer_errors(status: int) -> HttpResponse:
        if is_htmx(request):
            return render(request, "partials/panel.html", {"panel": panel, "case": case}, status=status)
        panel_problems(request, panel)
        return render(request, "action_page.html", {"panel": panel, "case": case, "back_fragment": f"#{section}"},
                      status=status)

    return submit_panel(request, panel, perform=perform, success=success, answer_errors=answer_errors,
                        success_url=lambda data: reverse("cases:detail", args=[case.pk]) + f"#{section}")
