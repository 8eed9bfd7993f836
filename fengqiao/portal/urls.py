from django.urls import path

from fengqiao.portal import views

app_name = "portal"
urlpatterns = [
    path("", views.submit, name="submit"),
    path("submitted/", views.submitted, name="submitted"),
    path("track/", views.track, name="track"),
    path("track/result/", views.track_result, name="track_result"),
    path("track/end/", views.track_end, name="track_end"),
    path("track/notices/<int:notice_id>.pdf", views.notice_pdf, name="notice_pdf"),
]
