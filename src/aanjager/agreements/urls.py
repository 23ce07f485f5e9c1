from django.urls import path

from aanjager.agreements import meeting_views, team_views, views

app_name = "agreements"
urlpatterns = [
    path("", views.agreement_list, name="list"),
    path("nieuw/", views.agreement_create, name="create"),
    path("<int:pk>/", views.agreement_detail, name="agreement"),
    path("<int:pk>/bewerken/", views.agreement_edit, name="edit"),
    path("<int:pk>/verwijderen/", views.agreement_delete, name="delete"),
    path("<int:pk>/partijen/", views.party_add, name="party_add"),
    path("partijen/<int:pk>/verwijderen/", views.party_remove, name="party_remove"),
    path("<int:pk>/documenten/", views.document_add, name="document_add"),
    path("documenten/<int:pk>/", views.document_file, name="document"),
    path("documenten/<int:pk>/verwijderen/", views.document_delete, name="document_delete"),
    path("<int:pk>/toezeggingen/nieuw/", views.commitment_create, name="commitment_create"),
    path("toezeggingen/<int:pk>/", views.commitment_detail, name="commitment"),
    path("toezeggingen/<int:pk>/bewerken/", views.commitment_edit, name="commitment_edit"),
    path("toezeggingen/<int:pk>/verwijderen/", views.commitment_delete, name="commitment_delete"),
    path("toezeggingen/<int:pk>/voortgang/", views.update_create, name="update_create"),
    path("toezeggingen/<int:pk>/mijlpalen/", views.milestone_set, name="milestone_set"),
    path("voortgang/<int:pk>/beoordelen/", views.update_review, name="update_review"),
    path("voortgang/<int:pk>/verwijderen/", views.update_delete, name="update_delete"),
    path("voortgang/<int:pk>/bewijs/", views.update_evidence, name="update_evidence"),
    path("terugplannen/", views.planning_calculator, name="planning"),
    path("teams/", team_views.team_list, name="teams"),
    path("teams/nieuw/", team_views.team_create, name="team_create"),
    path("teams/<int:pk>/", team_views.team_detail, name="team"),
    path("teams/<int:pk>/bewerken/", team_views.team_edit, name="team_edit"),
    path("teams/<int:pk>/verwijderen/", team_views.team_delete, name="team_delete"),
    path("teams/<int:pk>/leden/", team_views.member_add, name="member_add"),
    path("teams/leden/<int:pk>/verwijderen/", team_views.member_remove, name="member_remove"),
    path("teams/<int:pk>/rollen/", team_views.roles_save, name="roles_save"),
    path("teams/<int:pk>/contact/", team_views.contact_add, name="contact_add"),
    path("teams/<int:pk>/escalatie/", team_views.escalation_add, name="escalation_add"),
    path("teams/escalaties/<int:pk>/opgelost/", team_views.escalation_resolve, name="escalation_resolve"),
    path("vergaderingen/", meeting_views.agenda, name="agenda"),
    path("vergaderingen/nieuw/", meeting_views.meeting_create, name="meeting_create"),
    path("vergaderingen/<int:pk>/", meeting_views.meeting_detail, name="meeting"),
    path("vergaderingen/<int:pk>/bewerken/", meeting_views.meeting_edit, name="meeting_edit"),
    path("vergaderingen/<int:pk>/verwijderen/", meeting_views.meeting_delete, name="meeting_delete"),
    path("vergaderingen/<int:pk>/acties/", meeting_views.action_add, name="action_add"),
    path("acties/<int:pk>/status/", meeting_views.action_status, name="action_status"),
    path("acties/<int:pk>/verwijderen/", meeting_views.action_delete, name="action_delete"),
]

try:  # the progress reports (report_urls.py) share the app's namespace
    from aanjager.agreements import report_urls
except ImportError:  # pragma: no cover - while the report module is being written
    report_urls = None
else:
    urlpatterns += report_urls.urlpatterns
