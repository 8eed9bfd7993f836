from django.urls import path

from fengqiao.replies import views

app_name = "replies"
urlpatterns = [
    # <pk> of a case
    path("cases/<int:pk>/check/", views.check, name="check"),
    path("cases/<int:pk>/send/", views.send, name="send"),
    path("cases/<int:pk>/answers/<int:answer_id>/delivery/", views.delivery, name="delivery"),
]
