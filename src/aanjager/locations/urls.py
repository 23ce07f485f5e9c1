from django.urls import path

from aanjager.locations import views

app_name = "locations"
urlpatterns = [
    path("", views.location_list, name="list"),
    path("nieuw/", views.location_create, name="create"),
    path("<int:pk>/", views.location_detail, name="detail"),
    path("<int:pk>/bewerken/", views.location_edit, name="edit"),
    path("<int:pk>/status/", views.location_status, name="status"),
    path("<int:pk>/verwijderen/", views.location_delete, name="delete"),
    path("<int:pk>/certificaten/", views.certificate_create, name="certificate_create"),
]
