"""URLs of the progress reports. `urlpatterns` goes into the `agreements` namespace under /afspraken/;
`public_urlpatterns` (published reports, no sign-in) at the site root, not namespaced."""

from django.urls import path

from aanjager.agreements import report_views as views

urlpatterns = [
    path("rapportages/", views.report_list, name="report_list"),
    path("rapportages/nieuw/", views.report_new, name="report_new"),
    path("rapportages/<int:pk>/", views.report_detail, name="report"),
    path("rapportages/<int:pk>/rapportage.pdf", views.report_pdf, name="report_pdf"),
    path("rapportages/<int:pk>/rapportage.xlsx", views.report_xlsx, name="report_xlsx"),
    path("rapportages/<int:pk>/publiceren/", views.report_publish, name="report_publish"),
    path("rapportages/<int:pk>/verwijderen/", views.report_delete, name="report_delete"),
]

public_urlpatterns = [
    path("voortgang/", views.public_reports, name="public_reports"),
    path("voortgang/<int:pk>.pdf", views.public_report_pdf, name="public_report_pdf"),
]
