from django.urls import path

from aanjager.programme import views

app_name = "programme"
urlpatterns = [
    path("", views.programme_list, name="list"),
    path("nieuw/", views.programme_create, name="create"),
    path("<int:pk>/", views.programme_detail, name="detail"),
    path("<int:pk>/bewerken/", views.programme_edit, name="edit"),
    path("<int:pk>/verwijderen/", views.programme_delete, name="delete"),
    path("<int:pk>/matrix/", views.matrix, name="matrix"),
    path("<int:pk>/matrix.xlsx", views.matrix_export, {"fmt": "xlsx"}, name="matrix_xlsx"),
    path("<int:pk>/matrix.csv", views.matrix_export, {"fmt": "csv"}, name="matrix_csv"),
    path("<int:parent_pk>/fasen/nieuw/", views.part_create, {"kind": "phase"}, name="phase_create"),
    path("fasen/<int:pk>/bewerken/", views.part_edit, {"kind": "phase"}, name="phase_edit"),
    path("fasen/<int:pk>/verwijderen/", views.part_delete, {"kind": "phase"}, name="phase_delete"),
    path(
        "<int:parent_pk>/speerpunten/nieuw/",
        views.part_create,
        {"kind": "spearhead"},
        name="spearhead_create",
    ),
    path("speerpunten/<int:pk>/bewerken/", views.part_edit, {"kind": "spearhead"}, name="spearhead_edit"),
    path(
        "speerpunten/<int:pk>/verwijderen/", views.part_delete, {"kind": "spearhead"}, name="spearhead_delete"
    ),
    path(
        "speerpunten/<int:parent_pk>/pakketten/nieuw/",
        views.part_create,
        {"kind": "package"},
        name="package_create",
    ),
    path("pakketten/<int:pk>/bewerken/", views.part_edit, {"kind": "package"}, name="package_edit"),
    path("pakketten/<int:pk>/verwijderen/", views.part_delete, {"kind": "package"}, name="package_delete"),
    path(
        "pakketten/<int:parent_pk>/maatregelen/nieuw/",
        views.part_create,
        {"kind": "measure"},
        name="measure_create",
    ),
    path("maatregelen/<int:pk>/", views.measure_detail, name="measure"),
    path("maatregelen/<int:pk>/bewerken/", views.part_edit, {"kind": "measure"}, name="measure_edit"),
    path("maatregelen/<int:pk>/verwijderen/", views.part_delete, {"kind": "measure"}, name="measure_delete"),
    path("maatregelen/<int:pk>/gemeenten/<str:code>/", views.participation_edit, name="participation"),
    path(
        "maatregelen/<int:pk>/gemeenten/<str:code>/intrekken/",
        views.participation_delete,
        name="participation_delete",
    ),
]
