from django.urls import path

from aanjager.estimates import views

app_name = "estimates"
urlpatterns = [
    path("", views.run_list, name="list"),
    path("nieuw/", views.run_create, name="create"),
    path("vergelijken/", views.run_compare, name="compare"),
    path("<int:pk>/", views.run_detail, name="detail"),
    path("<int:pk>/status.json", views.run_status, name="status"),
    path("<int:pk>/annuleren/", views.run_cancel, name="cancel"),
    path("<int:pk>/publiceren/", views.run_publish, name="publish"),
    path("<int:pk>/verwijderen/", views.run_delete, name="delete"),
    path("<int:pk>/scenarios/", views.scenario_create, name="scenario_create"),
    path("scenario/<int:pk>/", views.scenario_detail, name="scenario"),
    path("scenario/<int:pk>/verwijderen/", views.scenario_delete, name="scenario_delete"),
    path("<int:pk>/export.csv", views.run_export, {"fmt": "csv"}, name="export_csv"),
    path("<int:pk>/export.xlsx", views.run_export, {"fmt": "xlsx"}, name="export_xlsx"),
]
