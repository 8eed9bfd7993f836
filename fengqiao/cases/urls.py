from django.urls import path

from fengqiao.cases import views

app_name = "cases"
urlpatterns = [
    path("", views.my_work, name="my_work"),
    path("cases/", views.case_list, name="list"),
    path("cases/new/", views.case_create, name="create"),
    path("cases/new/party-row/", views.party_row, name="party_row"),
    path("cases/<int:pk>/", views.case_detail, name="detail"),
    path("cases/<int:pk>/audit/", views.case_audit, name="audit"),
    path("cases/<int:pk>/actions/<slug:action>/", views.transition, name="transition"),
    path("cases/<int:pk>/notes/", views.note_add, name="note_add"),
    path("cases/<int:pk>/co-handlers/", views.co_handler_add, name="co_handler_add"),
    path("cases/<int:pk>/co-tasks/<int:assignment_id>/done/", views.co_task_done, name="co_task_done"),
    path("cases/<int:pk>/co-tasks/<int:assignment_id>/waive/", views.co_task_waive, name="co_task_waive"),
    path("cases/<int:pk>/joint-meetings/", views.joint_meeting_add, name="joint_meeting_add"),
    path("cases/<int:pk>/supervisions/", views.supervision_add, name="supervision_add"),
    path("cases/<int:pk>/supervisions/<int:supervision_id>/reply/", views.supervision_reply, name="supervision_reply"),
    path("cases/<int:pk>/supervisions/<int:supervision_id>/close/", views.supervision_close, name="supervision_close"),
    path("cases/<int:pk>/leader/", views.leader_assign, name="leader_assign"),
    path("cases/<int:pk>/leader/<int:leader_case_id>/release/", views.leader_release, name="leader_release"),
    path("cases/<int:pk>/escalate/", views.escalate, name="escalate"),
    path("cases/<int:pk>/clock/pause/", views.clock_pause, name="clock_pause"),
    path("cases/<int:pk>/clock/resume/", views.clock_resume, name="clock_resume"),
    path("cases/<int:pk>/extensions/", views.extension_request, name="extension_request"),
    path("cases/<int:pk>/extensions/<int:extension_id>/decide/", views.extension_decide, name="extension_decide"),
    path("cases/<int:pk>/notices/<int:notice_id>.pdf", views.notice_download, name="notice_pdf"),
    path("cases/<int:pk>/attachments/upload/", views.attachment_upload, name="attachment_upload"),
    path("cases/<int:pk>/attachments/<int:attachment_id>/", views.attachment_download, name="attachment"),
    path("cases/<int:pk>/parties/<int:party_id>/reveal/<slug:field>/", views.party_reveal, name="reveal"),
]
