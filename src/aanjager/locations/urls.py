from django.urls import path

from aanjager.locations import (
    bed_plan_views,
    bulk_views,
    dependency_views,
    inspection_views,
    norm_views,
    views,
)

app_name = "locations"
urlpatterns = [
    path("", views.location_list, name="list"),
    path("nieuw/", views.location_create, name="create"),
    path("<int:pk>/", views.location_detail, name="detail"),
    path("<int:pk>/bewerken/", views.location_edit, name="edit"),
    path("<int:pk>/status/", views.location_status, name="status"),
    path("<int:pk>/verwijderen/", views.location_delete, name="delete"),
    path("<int:pk>/certificaten/", views.certificate_create, name="certificate_create"),
    path("<int:pk>/inspecties/nieuw/", inspection_views.inspection_create, name="inspection_create"),
    path("inspecties/<int:pk>/", inspection_views.inspection_detail, name="inspection"),
    path("inspecties/<int:pk>/bewerken/", inspection_views.inspection_edit, name="inspection_edit"),
    path("inspecties/<int:pk>/verwijderen/", inspection_views.inspection_delete, name="inspection_delete"),
    path("inspecties/<int:pk>/acties/", inspection_views.follow_up_create, name="follow_up_create"),
    path("acties/<int:pk>/afsluiten/", inspection_views.follow_up_close, name="follow_up_close"),
    path("inspecties/<int:pk>/fotos/", inspection_views.photo_add, name="photo_add"),
    path("fotos/<int:pk>/", inspection_views.photo_file, name="photo"),
    path("fotos/<int:pk>/verwijderen/", inspection_views.photo_delete, name="photo_delete"),
    path("acties/", inspection_views.follow_up_list, name="follow_ups"),
    path("afhankelijkheid/", dependency_views.dependency_overview, name="dependency"),
    path("normen/", norm_views.norm_sets, name="norms"),
    path("normen/lokaal/nieuw/", norm_views.rule_create, name="norm_rule_create"),
    path("normen/lokaal/<int:pk>/bewerken/", norm_views.rule_edit, name="norm_rule_edit"),
    path("normen/lokaal/<int:pk>/verwijderen/", norm_views.rule_delete, name="norm_rule_delete"),
    path("import/", bulk_views.import_start, name="import"),
    path("import/<int:pk>/toepassen/", bulk_views.import_apply, name="import_apply"),
    path("import/sjabloon.xlsx", bulk_views.import_template, name="import_template"),
    path("export.<str:fmt>", bulk_views.export, name="export"),
]

urlpatterns += [
    path("bed-voor-bed/", bed_plan_views.plan_list, name="bed_plans"),
    path("bed-voor-bed/nieuw/", bed_plan_views.plan_create, name="bed_plan_create"),
    path("bed-voor-bed/<int:pk>/", bed_plan_views.plan_detail, name="bed_plan"),
    path("bed-voor-bed/<int:pk>/bewerken/", bed_plan_views.plan_edit, name="bed_plan_edit"),
    path("bed-voor-bed/<int:pk>/verwijderen/", bed_plan_views.plan_delete, name="bed_plan_delete"),
    path("bed-voor-bed/<int:pk>/stappen/", bed_plan_views.step_create, name="bed_plan_step_create"),
    path("bed-voor-bed/stappen/<int:pk>/bewerken/", bed_plan_views.step_edit, name="bed_plan_step_edit"),
    path(
        "bed-voor-bed/stappen/<int:pk>/verwijderen/", bed_plan_views.step_delete, name="bed_plan_step_delete"
    ),
]
