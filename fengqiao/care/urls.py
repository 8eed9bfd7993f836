from django.urls import path

from fengqiao.care import police_views, views

app_name = "care"
urlpatterns = [
    path("", views.referral_list, name="list"),
    # <pk> of a referral
    path("<int:pk>/", views.referral_detail, name="detail"),
    path("<int:pk>/contacts/", views.contact, name="contact"),
    path("<int:pk>/counsellor/", views.assign, name="assign"),
    path("<int:pk>/take/", views.take, name="take"),
    path("<int:pk>/close/", views.close, name="close"),
    # <pk> of a case: a person reports to the police (人民调解法 第二十五条)
    path("cases/<int:pk>/police-report/", police_views.police_report, name="police_report"),
]
