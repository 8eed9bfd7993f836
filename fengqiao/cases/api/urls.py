from django.urls import path
from rest_framework.routers import SimpleRouter

from fengqiao.cases.api.views import CaseViewSet, PartyRevealView

router = SimpleRouter()
router.register("cases", CaseViewSet, basename="case")

urlpatterns = [
    *router.urls,
    path("parties/<int:pk>/reveal/", PartyRevealView.as_view(), name="party-reveal"),
]
