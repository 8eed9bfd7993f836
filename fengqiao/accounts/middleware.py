"""Under the 等保 profile a logged-in user whose password has expired is sent to change it first."""
from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from fengqiao.accounts.selectors import password_expired, password_profile_is_dengbao


class PasswordExpiryMiddleware:
    # Pages an expired password may still reach: changing it, leaving, the language switch, static files; the API
    # (token clients cannot follow a redirect to a form) is left to the token's own life.
    allowed_names = ("password_change", "logout", "set_language", "admin:password_change", "admin:logout", "healthz")
    allowed_prefixes = ("/static/", "/api/")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (password_profile_is_dengbao() and user is not None and user.is_authenticated
                and not self._allowed(request.path) and password_expired(user)):
            messages.warning(request, _("您的密码已到期，请先修改密码再继续使用。"))
            return redirect("password_change")
        return self.get_response(request)

    def _allowed(self, path: str) -> bool:
        if path.startswith(self.allowed_prefixes):
            return True
        return any(path == reverse(name) for name in self.allowed_names)
