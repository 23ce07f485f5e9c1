from django.urls import path

from aanjager.businesscase import views

app_name = "businesscase"
urlpatterns = [
    path("", views.case_list, name="list"),
    path("nieuw/", views.case_create, name="create"),
    path("<int:pk>/", views.case_detail, name="detail"),
    path("<int:pk>/bewerken/", views.case_edit, name="edit"),
    path("<int:pk>/verwijderen/", views.case_delete, name="delete"),
    path("<int:pk>/varianten/nieuw/", views.variant_create, name="variant_create"),
    path("varianten/<int:pk>/bewerken/", views.variant_edit, name="variant_edit"),
    path("varianten/<int:pk>/verwijderen/", views.variant_delete, name="variant_delete"),
    path("<int:pk>/businesscase.xlsx", views.case_xlsx, name="xlsx"),
    path("<int:pk>/businesscase.pdf", views.case_pdf, name="pdf"),
]
