from django.urls import path

from aanjager.housingtask import views

app_name = "housingtask"
urlpatterns = [
    path("", views.scenario_list, name="list"),
    path("<int:pk>/", views.housing_task, name="detail"),
    path("<int:pk>/gemeente/<str:code>/", views.municipality_trace, name="trace"),
    path("<int:pk>/woonopgave.xlsx", views.export_xlsx, name="export"),
]
