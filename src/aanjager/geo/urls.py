from django.urls import path

from aanjager.geo import views

app_name = "geo"
urlpatterns = [
    path("regios/", views.region_list, name="region_list"),
    path("regios/nieuw/", views.region_create, name="region_create"),
    path("regios/<int:pk>/", views.region_detail, name="region_detail"),
    path("regios/<int:pk>/bewerken/", views.region_update, name="region_update"),
    path("regios/<int:pk>/verwijderen/", views.region_delete, name="region_delete"),
    path("gemeenten/", views.municipality_list, name="municipality_list"),
]
