from django.urls import path

from fengqiao.care import views

app_name = "care"
urlpatterns = [
    path("", views.referral_list, name="list"),
    # <pk> of a referral
    path("<int:pk>/", views.referral_detail, name="detail"),
    path("<int:pk>/contacts/", views.contact, name="contact"),
    path("<int:pk>/counsellor/", views.assign, name="assign"),
    path("<int:pk>/take/", views.take, name="take"),
    path("<int:pk>/close/", views.close, name="close"),
]
