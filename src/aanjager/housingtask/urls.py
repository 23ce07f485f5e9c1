from django.urls import path

from aanjager.housingtask import allocation_views, company_views, views

app_name = "housingtask"
urlpatterns = [
    path("", views.scenario_list, name="list"),
    path("<int:pk>/", views.housing_task, name="detail"),
    path("<int:pk>/gemeente/<str:code>/", views.municipality_trace, name="trace"),
    path("<int:pk>/woonopgave.xlsx", views.export_xlsx, name="export"),
    path("<int:pk>/woonopgave.pdf", views.export_pdf, name="export_pdf"),
    path("<int:pk>/verdeling/", allocation_views.distribution_page, name="distribution"),
    path("verdeling/<int:pk>/kiezen/", allocation_views.allocation_choose, name="allocation_choose"),
    path("verdeling/<int:pk>/verwijderen/", allocation_views.allocation_delete, name="allocation_delete"),
    path("bedrijven/", company_views.plan_list, name="companies"),
    path("bedrijven/nieuw/", company_views.plan_create, name="company_create"),
    path("bedrijven/<int:pk>/", company_views.plan_detail, name="company"),
    path("bedrijven/<int:pk>/bewerken/", company_views.plan_edit, name="company_edit"),
    path("bedrijven/<int:pk>/effectrapportage.pdf", company_views.plan_pdf, name="company_pdf"),
    path("bedrijven/<int:pk>/status/", company_views.plan_status, name="company_status"),
    path("bedrijven/<int:pk>/verwijderen/", company_views.plan_delete, name="company_delete"),
    path("bedrijven/<int:pk>/fasen/", company_views.phase_add, name="phase_add"),
    path("bedrijven/fasen/<int:pk>/verwijderen/", company_views.phase_delete, name="phase_delete"),
]
