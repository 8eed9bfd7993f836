from django.urls import path

from fengqiao.reports import document_views, recommendation_views, views

app_name = "reports"
urlpatterns = [
    path("figures/", views.figures, name="figures"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("home/", views.home, name="home"),
    path("documents/", document_views.documents, name="documents"),
    path("documents/runs/", document_views.document_runs, name="document_runs"),
    path("documents/<int:pk>/download/", document_views.document_download, name="document_download"),
    path("recommendations/", recommendation_views.recommendations, name="recommendations"),
    path("recommendations/<int:pk>/", recommendation_views.recommendation, name="recommendation"),
]
