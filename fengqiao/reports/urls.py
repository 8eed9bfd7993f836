from django.urls import path

from fengqiao.reports import views

app_name = "reports"
urlpatterns = [
    path("figures/", views.figures, name="figures"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("home/", views.home, name="home"),
]
