"""REST API v1: every app's endpoints are mounted here."""
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from fengqiao.config.api_auth import TokenView

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    path("auth/token/", TokenView.as_view(), name="api-token"),
    path("", include("fengqiao.regions.api.urls")),
    path("", include("fengqiao.cases.api.urls")),
]
