"""Sign in with the municipality's own identity provider (OpenID Connect, mozilla-django-oidc).

Off unless AANJAGER_OIDC_CLIENT_ID is set (conf/base.py). The provider proves who someone is; what they may do
still comes from Aanjager: an existing, active account with the same e-mail address is signed in, nobody is created
(an administrator makes the account and gives it its organisation and role). Two accounts with one address, or no
verified address, is a refused sign-in. Whether the provider's sign-in counts as the second factor is a setting
(AANJAGER_OIDC_COUNTS_AS_TWO_FACTOR), for providers that enforce multi-factor themselves."""

import logging

import jwt
import requests
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY
from django.core.exceptions import SuspiciousOperation
from django.http import Http404
from django.urls import reverse
from django.views import View
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

BACKEND_PATH = "aanjager.accounts.oidc.MunicipalOIDCBackend"
LOGGER = logging.getLogger(__name__)


def enabled() -> bool:
    return bool(getattr(settings, "OIDC_ENABLED", False))


class MunicipalOIDCBackend(OIDCAuthenticationBackend):
    def authenticate(self, request, **kwargs):
        """Only the provider's way back signs in through this backend. Django asks every backend on every
        sign-in: without this, a password attempt with `?code=…&state=…` in its address would call the provider,
        fail with an exception instead of a refused password, and so escape the lockout's count."""
        if request is None or "username" in kwargs or "password" in kwargs:
            return None
        if request.path != reverse("oidc_authentication_callback"):
            return None
        return super().authenticate(request, **kwargs)

    def get_userinfo(self, access_token, id_token, payload):
        """The user info must be about the person the ID token is about (OpenID Connect Core 5.3.2)."""
        claims = super().get_userinfo(access_token, id_token, payload)
        if not claims.get("sub") or claims.get("sub") != payload.get("sub"):
            raise SuspiciousOperation("The user info is about someone else than the ID token (sub).")
        return claims

    def verify_token(self, token, **kwargs):
        """The library checks signature and nonce; a token must also be meant for this client and come from the
        configured issuer, or a token the provider made for another application (or, at a provider shared by
        many organisations, for another tenant) would sign someone in here."""
        payload = super().verify_token(token, **kwargs)
        audience = payload.get("aud")
        audiences = audience if isinstance(audience, list) else [audience]
        if self.OIDC_RP_CLIENT_ID not in audiences:
            raise SuspiciousOperation("The ID token is not meant for this client (aud).")
        if payload.get("iss") != settings.AANJAGER_OIDC_ISSUER:
            raise SuspiciousOperation("The ID token comes from another issuer (iss).")
        return payload

    def verify_claims(self, claims):
        if not claims.get("email"):
            return False
        return claims.get("email_verified") is True or not settings.AANJAGER_OIDC_REQUIRE_VERIFIED_EMAIL

    def filter_users_by_claims(self, claims):
        return self.UserModel.objects.filter(email__iexact=claims["email"].strip(), is_active=True)

    def create_user(self, claims):  # never reached with OIDC_CREATE_USER = False; refuse all the same
        return None

    def update_user(self, user, claims):
        return user


def session_counts_as_two_factor(session) -> bool:
    """A session signed in through the provider, when the provider is trusted to have asked for a second factor."""
    return (
        session is not None
        and enabled()
        and settings.AANJAGER_OIDC_COUNTS_AS_TWO_FACTOR
        and session.get(BACKEND_SESSION_KEY) == BACKEND_PATH
    )


class _OnlyWhenEnabled:
    """Without a configured provider the OIDC addresses do not exist (instead of failing on missing settings)."""

    def dispatch(self, request, *args, **kwargs):
        if not enabled():
            raise Http404
        return super().dispatch(request, *args, **kwargs)


class SignInView(_OnlyWhenEnabled, OIDCAuthenticationRequestView):
    def __init__(self, *args, **kwargs):  # the parent reads the settings here; they may be absent when off
        if enabled():
            super().__init__(*args, **kwargs)
        else:
            View.__init__(self, *args, **kwargs)


class CallbackView(_OnlyWhenEnabled, OIDCAuthenticationCallbackView):
    """Any failure on the way back (unknown state, a token that does not verify, a provider that cannot be
    reached) is a refused sign-in with the login page's message, not an error page."""

    def get(self, request):
        try:
            return super().get(request)
        except (SuspiciousOperation, requests.RequestException, jwt.PyJWTError, ValueError, KeyError) as exc:
            LOGGER.warning("OpenID Connect sign-in refused: %s", exc)
            return self.login_failure()
