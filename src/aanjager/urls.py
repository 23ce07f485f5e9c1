from django.contrib.auth import views as auth_views
from django.urls import include, path

from aanjager.accounts import oidc, two_factor_views
from aanjager.agreements import report_urls
from aanjager.agreements import views as agreement_views
from aanjager.core import views as core_views
from aanjager.locations import public_views as register_views

urlpatterns = [
    path("", core_views.home, name="home"),
    path("status/", core_views.status, name="status"),
    path("inloggen/", core_views.SignInView.as_view(), name="login"),
    path("inloggen/oidc/", oidc.SignInView.as_view(), name="oidc_authentication_init"),
    path("inloggen/oidc/terug/", oidc.CallbackView.as_view(), name="oidc_authentication_callback"),
    path("uitloggen/", auth_views.LogoutView.as_view(), name="logout"),
    path("inloggen/code/", two_factor_views.verify, name="two_factor_verify"),
    path("tweestapsverificatie/", two_factor_views.setup, name="two_factor_setup"),
    path("tweestapsverificatie/uitzetten/", two_factor_views.disable, name="two_factor_disable"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("aanjager.geo.urls")),
    path("organisaties/", include("aanjager.organisations.urls")),
    path("", include("aanjager.accounts.urls")),
    path("audit/", include("aanjager.audit.urls")),
    path("schattingen/", include("aanjager.estimates.urls")),
    path("locaties/", include("aanjager.locations.urls")),
    path("referentie/", include("aanjager.reference.urls")),
    path("woonopgave/", include("aanjager.housingtask.urls")),
    path("afspraken/", include("aanjager.agreements.urls")),
    path("businesscases/", include("aanjager.businesscase.urls")),
    path("beleidsscans/", include("aanjager.policyscan.urls")),
    path("programmas/", include("aanjager.programme.urls")),
    path("meldingen/", agreement_views.notification_list, name="notifications"),
    path("", include(report_urls.public_urlpatterns)),
    path("register/", register_views.register, name="public_register"),
    path("register/register.csv", register_views.register_csv, name="public_register_csv"),
    path("api/v1/", include("aanjager.api.urls")),
]

handler403 = "aanjager.core.views.permission_denied"
handler404 = "aanjager.core.views.page_not_found"
handler500 = "aanjager.core.views.server_error"
