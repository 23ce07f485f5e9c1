import sys

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template import loader

from aanjager.geo import selectors as geo_selectors


def home(request):
    if not request.user.is_authenticated:
        return render(request, "core/landing.html")
    regions = list(geo_selectors.regions(user=request.user))
    return render(request, "core/home.html", {"regions": regions})


def permission_denied(request, exception=None):
    return render(request, "core/403.html", status=403)


def page_not_found(request, exception=None):
    return render(request, "core/404.html", status=404)


def server_error(request):
    """The last resort. Rendered without context processors (they read the database, which may be what failed);
    a database that cannot be reached is a 503 that says so, with Retry-After, in HTML or as Problem JSON."""
    from aanjager.api.problems import DATABASE_ERRORS, RETRY_AFTER_SECONDS, database_unavailable_response

    if isinstance(sys.exc_info()[1], DATABASE_ERRORS):
        if request.path.startswith("/api/"):
            return database_unavailable_response(request)
        response = HttpResponse(loader.render_to_string("core/503.html"), status=503)
        response["Retry-After"] = RETRY_AFTER_SECONDS
        return response
    return HttpResponse(loader.render_to_string("core/500.html"), status=500)


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
