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
