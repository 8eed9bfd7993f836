from __future__ import annotations

import re
import time
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import logout
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.http import HttpRequest, HttpResponse
from django.http.multipartparser import MultiPartParserError

from fengqiao.core.request_context import new_request_id, reset_request_id, set_request_id
from fengqiao.core.views import post_rejected

_SAFE_ID = re.compile(r"^[A-Za-z0-9\-]{8,64}$")


class RequestIdMiddleware:
    """Give every request an id (or accept a well-formed X-Request-ID) for audit rows and logs."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        incoming = request.headers.get("X-Request-ID", "")
        request_id = incoming if _SAFE_ID.match(incoming) else new_request_id()
        request.request_id = request_id
        token = set_request_id(request_id)
        try:
            response = self.get_response(request)
        finally:
            reset_request_id(token)
        response["X-Request-ID"] = request_id
        return response


class UnreadablePostMiddleware:
    """A form post that cannot be read gets a clear page (or JSON under /api/), not Django's bare 400.

    Too big (DATA_UPLOAD_MAX_MEMORY_SIZE: 12 MB of fields; files are limited separately), too many fields or
    files, or a broken multipart body. It sits before the CSRF check, which would otherwise be the first to
    read the body and fail on it. Nothing behind it runs, so nothing is saved."""

    FORM_TYPES = ("multipart/form-data", "application/x-www-form-urlencoded")

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func: Callable, view_args: tuple, view_kwargs: dict) -> HttpResponse | None:
        if request.method != "POST" or request.content_type not in self.FORM_TYPES:
            return None
        try:
            request.POST  # noqa: B018 - parsing is the check
        except RequestDataTooBig:
            return post_rejected(request, reason="too_large")
        except (TooManyFieldsSent, TooManyFilesSent):
            return post_rejected(request, reason="too_many_fields")
        except MultiPartParserError:
            return post_rejected(request, reason="malformed")
        return None


class AbsoluteSessionTimeoutMiddleware:
    """Staff session lifetime: renewed by activity (30 idle minutes, the cookie age) and ended 12 hours after
    login whatever the activity.

    Renewing means saving the session with a new expiry. Doing that on every request would write the
    session row on every page view and API call, so it is renewed at most once a minute
    (FENGQIAO_SESSION_RENEW_SECONDS): an idle session then ends between 29 and 30 minutes after the last
    request instead of exactly 30."""

    KEY = "fengqiao_login_at"
    RENEWED_KEY = "fengqiao_renewed_at"

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and hasattr(request, "session"):
            session = request.session
            started = session.get(self.KEY)
            now = time.time()
            if started is None:
                session[self.KEY] = now
            elif now - started > settings.FENGQIAO_SESSION_ABSOLUTE_SECONDS:
                logout(request)
                return self.get_response(request)
            if now - session.get(self.RENEWED_KEY, 0) >= settings.FENGQIAO_SESSION_RENEW_SECONDS:
                session[self.RENEWED_KEY] = now  # marks the session modified: saved with a new expiry
        return self.get_response(request)


class SecurityHeadersMiddleware:
    """A strict Content-Security-Policy: scripts and styles only from our own static files."""

    POLICY = (
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
        "connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'"
    )

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if not request.path.startswith(("/admin/", "/api/v1/docs/")):
            response.setdefault("Content-Security-Policy", self.POLICY)
        response.setdefault("Referrer-Policy", "same-origin")
        response.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=(self)")
        return response
