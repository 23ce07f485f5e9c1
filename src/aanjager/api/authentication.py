from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import exceptions
from rest_framework.authentication import SessionAuthentication, TokenAuthentication, get_authorization_header


class BearerTokenAuthentication(TokenAuthentication):
    """`Authorization: Bearer <token>` (NLGov API Design Rules); `Token <token>` is accepted too."""

    keyword = "Bearer"
    keywords = (b"bearer", b"token")

    def authenticate(self, request):
        auth = get_authorization_header(request).split()
        if not auth or auth[0].lower() not in self.keywords:
            return None
        if len(auth) != 2:
            raise exceptions.AuthenticationFailed(_("Invalid token header: give exactly one token."))
        try:
            token = auth[1].decode()
        except UnicodeError:
            raise exceptions.AuthenticationFailed(_("Invalid token header.")) from None
        return self.authenticate_credentials(token)


class BearerTokenScheme(OpenApiAuthenticationExtension):
    target_class = "aanjager.api.authentication.BearerTokenAuthentication"
    name = "bearerAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "A token from `aanjager drf_create_token`.",
        }


class VerifiedSessionAuthentication(SessionAuthentication):
    """The browser session, but only once its two-factor step is done (accounts/two_factor.py): a session that
    still owes a code is not signed in for the API."""

    def authenticate(self, request):
        from aanjager.accounts import two_factor

        result = super().authenticate(request)
        if result is None:
            return None
        if not two_factor.session_is_complete(request._request.user, request._request.session):
            return None
        return result


class VerifiedSessionScheme(OpenApiAuthenticationExtension):
    """The same `cookieAuth` scheme as Django's session: the two-factor step is no part of the API contract."""

    target_class = "aanjager.api.authentication.VerifiedSessionAuthentication"
    name = "cookieAuth"

    def get_security_definition(self, auto_schema):
        from django.conf import settings

        return {"type": "apiKey", "in": "cookie", "name": settings.SESSION_COOKIE_NAME}
