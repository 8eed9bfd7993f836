from django.urls import path

from fengqiao.mediation import views

app_name = "mediation"
urlpatterns = [
    path("directory/", views.directory, name="directory"),
    # <pk> of a case
    path("cases/<int:pk>/start/", views.start, name="start"),
    path("cases/<int:pk>/labour/limitation/", views.labour_limitation, name="labour_limitation"),
    path("cases/<int:pk>/labour/arbitration/", views.arbitration_refer, name="arbitration_refer"),
    # <pk> of an arbitration referral
    path("arbitration/<int:pk>/", views.arbitration_step, name="arbitration_step"),
    # <pk> of a mediation
    path("<int:pk>/", views.mediation_detail, name="detail"),
    path("<int:pk>/suggestions/", views.suggestions, name="suggestions"),
    path("<int:pk>/mediator/", views.assign, name="assign"),
    path("<int:pk>/refusal/", views.refusal, name="refusal"),
    path("<int:pk>/period/", views.period, name="period"),
    path("<int:pk>/sessions/", views.session_schedule, name="session_schedule"),
    path("<int:pk>/sessions/<int:session_id>/minutes/", views.session_minutes, name="session_minutes"),
    path("<int:pk>/sessions/<int:session_id>/cancel/", views.session_cancel, name="session_cancel"),
    path("<int:pk>/agreement/", views.agreement_draft, name="agreement_draft"),
    path("<int:pk>/agreement/sign/", views.agreement_sign, name="agreement_sign"),
    path("<int:pk>/agreement/pdf/", views.agreement_download, name="agreement_pdf"),
    path("<int:pk>/agreement/confirmation/", views.confirmation, name="confirmation"),
    path("<int:pk>/agreement/instalments/<int:instalment_id>/checks/", views.performance_check, name="performance_check"),
    path("<int:pk>/court-acceptance/", views.court_acceptance, name="court_acceptance"),
    path("<int:pk>/failure/", views.fail, name="fail"),
]
