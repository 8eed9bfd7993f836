"""Login forms that refuse a locked account or address before any password is checked."""
from __future__ import annotations

from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm

from fengqiao.accounts.services import LoginLockedOut, login_guard


class LockoutMixin:
    """For AuthenticationForm and its admin subclass: a lock answers with its own message (when to retry)."""

    request = None
    cleaned_data: dict
    locked_out: LoginLockedOut | None = None

    def clean(self):
        if self.request is not None:
            try:
                login_guard(request=self.request, username=str(self.cleaned_data.get("username") or ""))
            except LoginLockedOut as exc:
                self.locked_out = exc
                raise forms.ValidationError(str(exc.message), code="locked_out") from exc
        return super().clean()  # type: ignore[misc]


class LockoutAuthenticationForm(LockoutMixin, AuthenticationForm):
    pass


class LockoutAdminAuthenticationForm(LockoutMixin, AdminAuthenticationForm):
    pass
