from django.shortcuts import render

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
