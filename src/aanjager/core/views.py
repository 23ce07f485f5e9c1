from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

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
    return render(request, "core/500.html", status=500)


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
