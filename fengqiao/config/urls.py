from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.i18n import set_language

from fengqiao.accounts.forms import LockoutAdminAuthenticationForm
from fengqiao.accounts.views import LoginView, PasswordChangeView
from fengqiao.core.views import healthz

handler400 = "fengqiao.core.views.bad_request"
handler404 = "fengqiao.core.views.page_not_found"
handler500 = "fengqiao.core.views.server_error"

admin.site.site_header = "枫桥 Fengqiao"
admin.site.site_title = "枫桥 Fengqiao"
admin.site.login_form = LockoutAdminAuthenticationForm  # the same lockout as the staff login

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("accounts/login/", LoginView.as_view(), name="login"),
    path("accounts/password/", PasswordChangeView.as_view(), name="password_change"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/setlang/", set_language, name="set_language"),
    path("api/v1/", include("fengqiao.config.api_urls")),
    path("portal/", include("fengqiao.portal.urls")),
    path("notifications/", include("fengqiao.notifications.urls")),
    path("mediation/", include("fengqiao.mediation.urls")),
    path("followup/", include("fengqiao.followup.urls")),
    path("replies/", include("fengqiao.replies.urls")),
    path("triage/", include("fengqiao.triage.urls")),
    path("care/", include("fengqiao.care.urls")),
    path("warning/", include("fengqiao.warning.urls")),
    path("reports/", include("fengqiao.reports.urls")),
    path("", include("fengqiao.cases.urls")),
]

