from django.urls import path

from fengqiao.warning import views

app_name = "warning"
urlpatterns = [
    path("hot-issues/", views.hot_issues, name="hot_issues"),
]
