"""The staff login (with the lockout) and the password change page (where an expired password leads)."""
from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.password_validation import password_validators_help_texts
from django.urls import reverse_lazy
from django.utils.translation import gettext as _

from fengqiao.accounts.forms import LockoutAuthenticationForm


class LoginView(auth_views.LoginView):
    template_name = "registration/login.html"
    authentication_form = LockoutAuthenticationForm

    def form_invalid(self, form):
        response = super().form_invalid(form)
        if getattr(form, "locked_out", None) is not None:
            response.status_code = 429
            response["Retry-After"] = str(form.locked_out.retry_after)
        return response


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "registration/password_change_form.html"
    success_url = reverse_lazy(settings.LOGIN_REDIRECT_URL)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["password_rules"] = [text for text in password_validators_help_texts() if text]
        return context

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, _("密码已修改。"))
        return response
