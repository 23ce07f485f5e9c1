from django.urls import path

from aanjager.organisations import views

app_name = "organisations"
urlpatterns = [
    path("", views.organisation_list, name="list"),
    path("nieuw/", views.organisation_create, name="create"),
    path("<int:pk>/", views.organisation_detail, name="detail"),
    path("<int:pk>/bewerken/", views.organisation_update, name="update"),
    path("<int:pk>/verwijderen/", views.organisation_delete, name="delete"),
    path("<int:pk>/contactpersonen/nieuw/", views.contact_create, name="contact_create"),
    path("contactpersonen/<int:pk>/bewerken/", views.contact_update, name="contact_update"),
    path("contactpersonen/<int:pk>/verwijderen/", views.contact_delete, name="contact_delete"),
]
