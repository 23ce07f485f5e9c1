from django.conf import settings
from django.utils import translation

from aanjager.core import channel


class RequestChannelMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with channel.using(channel.API if request.path.startswith("/api/") else channel.UI):
            return self.get_response(request)


class DutchFirstLocaleMiddleware:
    """Dutch unless the user chose another language (cookie set by /i18n/setlang/).

    Django's LocaleMiddleware would follow the browser's Accept-Language, so most browsers would get English;
    a Dutch municipal system speaks Dutch first.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        response.setdefault("Vary", "Cookie")
        translation.deactivate()
        return response


class SecurityHeadersMiddleware:
    """Headers Django's SecurityMiddleware does not set: a Content-Security-Policy without 'unsafe-inline' (no
    inline script, style or event handler anywhere: pages use static files and SVG attributes), a
    Permissions-Policy that switches off what the application never uses, and Cross-Origin-Opener-Policy."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.headers = {
            "Content-Security-Policy": settings.AANJAGER_CONTENT_SECURITY_POLICY,
            "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
            "Cross-Origin-Opener-Policy": "same-origin",
        }

    def __call__(self, request):
        response = self.get_response(request)
        for name, value in self.headers.items():
            if value:
                response.headers.setdefault(name, value)
        return response
