from django.urls import path

from aanjager.accounts import views

app_name = "accounts"
urlpatterns = [
    path("lidmaatschappen/", views.membership_list, name="membership_list"),
    path("lidmaatschappen/nieuw/", views.membership_create, name="membership_create"),
    path("lidmaatschappen/<int:pk>/bewerken/", views.membership_update, name="membership_update"),
    path("lidmaatschappen/<int:pk>/verwijderen/", views.membership_delete, name="membership_delete"),
    path("gebruikers/", views.user_list, name="user_list"),
    path("gebruikers/<int:pk>/bewerken/", views.user_update, name="user_update"),
    path("gebruikers/nieuw/", views.user_create, name="user_create"),
    path(
        "gebruikers/<int:pk>/tweestapsverificatie-resetten/", views.two_factor_reset, name="two_factor_reset"
    ),
]
