import sys

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.core.exceptions import ValidationError
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template import loader
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from aanjager.geo import selectors as geo_selectors


def home(request):
    if not request.user.is_authenticated:
        return render(request, "core/landing.html")
    from aanjager.estimates import selectors as estimate_selectors

    regions = list(geo_selectors.regions(user=request.user))
    summaries = estimate_selectors.latest_summaries(user=request.user, regions=regions)
    for region in regions:
        region.estimate = summaries.get(region.pk)
    return render(request, "core/home.html", {"regions": regions})


class SignInView(auth_views.LoginView):
    """Username and password, and a button to the organisation's identity provider when one is configured."""

    template_name = "core/login.html"
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        from aanjager.accounts import oidc

        context = super().get_context_data(**kwargs)
        context["oidc_enabled"] = oidc.enabled()
        context["oidc_label"] = settings.AANJAGER_OIDC_LOGIN_LABEL
        context["oidc_failed"] = context["oidc_enabled"] and self.request.GET.get("oidc") == "mislukt"
        return context


@never_cache
@require_safe
def status(request):
    """For monitoring and load balancers: the process answers. No database query and no session, so that it
    stays up while the database is down and a health check every few seconds costs next to nothing."""
    return JsonResponse({"status": "ok"})


def permission_denied(request, exception=None):
    return render(request, "core/403.html", status=403)


def page_not_found(request, exception=None):
    return render(request, "core/404.html", status=404)


def server_error(request):
    """The last resort. Rendered without context processors (they read the database, which may be what failed);
    a database that cannot be reached is a 503 that says so, with Retry-After, in HTML or as Problem JSON."""
    from aanjager.api.problems import DATABASE_ERRORS, RETRY_AFTER_SECONDS, database_unavailable_response
    from aanjager.core.files import is_disk_full

    if is_disk_full(
        sys.exc_info()[1]
    ):  # an upload that did not fit (Django writes large ones to a temp file)
        return disk_full_response(request)
    if isinstance(sys.exc_info()[1], DATABASE_ERRORS):
        if request.path.startswith("/api/"):
            return database_unavailable_response(request)
        response = HttpResponse(loader.render_to_string("core/503.html"), status=503)
        response["Retry-After"] = RETRY_AFTER_SECONDS
        return response
    return HttpResponse(loader.render_to_string("core/500.html"), status=500)


def disk_full_response(request) -> HttpResponse:
    """507: the server's disk is full; nothing was stored. In HTML, or as Problem JSON for the API."""
    if request.path.startswith("/api/"):
        from aanjager.api.problems import problem_response

        detail = (
            "Er is niet genoeg schijfruimte op de server; er is niets opgeslagen. Probeer het later opnieuw."
        )
        return problem_response(507, request, detail=detail, code="insufficient_storage")
    return HttpResponse(loader.render_to_string("core/507.html"), status=507)


def confirm_delete(request, obj, *, delete, success_message: str, cancel_url: str, success_url: str):
    """The delete confirmation page: on POST call `delete()`; a ValidationError from the service (the object is
    still in use) is shown on the page instead of deleting."""
    error = None
    if request.method == "POST":
        try:
            delete()
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            messages.success(request, success_message)
            return redirect(success_url)
    return render(
        request, "core/confirm_delete.html", {"object": obj, "error": error, "cancel_url": cancel_url}
    )
