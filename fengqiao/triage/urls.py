from django.urls import path

from fengqiao.triage import views

app_name = "triage"
urlpatterns = [
    path("queue/", views.queue, name="queue"),
    path("queue/cases/<int:pk>/route/", views.queue_route, name="queue_route"),
    # <pk> of a case
    path("cases/<int:pk>/panel/", views.panel, name="panel"),
    path("cases/<int:pk>/feedback/", views.feedback, name="feedback"),
    path("cases/<int:pk>/route/", views.route, name="route"),
    path("cases/<int:pk>/rerun/", views.rerun, name="rerun"),
    path("cases/<int:pk>/same-matter/<int:link_pk>/", views.same_matter, name="same_matter"),
]
