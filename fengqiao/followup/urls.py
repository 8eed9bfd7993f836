from django.urls import path

from fengqiao.followup import views

app_name = "followup"
urlpatterns = [
    path("", views.followup_list, name="list"),
    path("figures/", views.figures, name="figures"),
    path("rate/", views.rate, name="rate"),
    # <pk> of a case
    path("cases/<int:pk>/open/", views.open_followup, name="open"),
    path("cases/<int:pk>/calls/", views.call, name="call"),
    path("cases/<int:pk>/reopen/", views.reopen, name="reopen"),
    path("cases/<int:pk>/dismiss/", views.dismiss, name="dismiss"),
]
