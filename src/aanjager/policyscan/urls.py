from django.urls import path

from aanjager.policyscan import views

app_name = "policyscan"
urlpatterns = [
    path("", views.scan_list, name="list"),
    path("nieuw/", views.scan_create, name="create"),
    path("<int:pk>/", views.scan_detail, name="detail"),
    path("<int:pk>/bewerken/", views.scan_edit, name="edit"),
    path("<int:pk>/verwijderen/", views.scan_delete, name="delete"),
    path("<int:pk>/antwoorden/", views.answers, name="answers"),
    path("<int:pk>/afronden/", views.complete, name="complete"),
    path("<int:pk>/heropenen/", views.reopen, name="reopen"),
    path("<int:pk>/deelnemers/nieuw/", views.participant_add, name="participant_add"),
    path("deelnemers/<int:pk>/verwijderen/", views.participant_delete, name="participant_delete"),
    path("<int:pk>/aanbevelingen/nieuw/", views.recommendation_create, name="recommendation_create"),
    path("aanbevelingen/<int:pk>/bewerken/", views.recommendation_edit, name="recommendation_edit"),
    path("aanbevelingen/<int:pk>/verwijderen/", views.recommendation_delete, name="recommendation_delete"),
    path("aanbevelingen/<int:pk>/maatregel/", views.recommendation_measure, name="recommendation_measure"),
    path("<int:pk>/beleidsscan.xlsx", views.scan_xlsx, name="xlsx"),
]
