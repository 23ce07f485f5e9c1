from django.urls import path

from aanjager.audit import views

app_name = "audit"
urlpatterns = [
    path("", views.audit_list, name="list"),
    path("export.csv", views.audit_export, name="export"),
    path("inzage/", views.personal_data_list, name="personal_data"),
    path("inzage/export.csv", views.personal_data_export, name="personal_data_export"),
]
