from django.urls import path

from aanjager.locations import inspection_views, views

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
    path("acties/", inspection_views.follow_up_list, name="follow_ups"),
]
