"""Two-factor authentication with a time-based code (TOTP, RFC 6238) from an authenticator app (django-otp).

Mandatory for the roles in AANJAGER_2FA_REQUIRED_ROLES (administrators and regional coordinators by default) and for
superusers; optional for everyone else. After the password, a user with a confirmed device enters a code; a user
who must use one and has none is sent to set it up first. Until then every page leads there (the middleware), and
the API refuses the session (api/authentication.py); API tokens are separate credentials and are not affected."""

from urllib.parse import urlencode

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from aanjager.accounts import oidc

DEVICE_NAME = "Authenticator-app"


def required_for(user) -> bool:
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    roles = [r for r in settings.AANJAGER_2FA_REQUIRED_ROLES if r != "none"]
    return bool(roles) and user.memberships.filter(role__in=roles).exists()


def confirmed_device(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


def needs(user, session=None) -> str | None:
    """What a signed-in user still has to do: 'verify' (enter a code), 'setup' (add an app), or None. A session
    signed in through a trusted identity provider has done its second step there (accounts/oidc.py)."""
    if not user.is_authenticated or user.is_verified():
        return None
    if oidc.session_counts_as_two_factor(session):
        return None
    if confirmed_device(user) is not None:
        return "verify"
    return "setup" if required_for(user) else None


def session_is_complete(user, session=None) -> bool:
    """May this session act? Not while a code or a required set-up is outstanding."""
    return needs(user, session) is None


class TwoFactorMiddleware:
    """Sends a signed-in user who still has to enter a code, or set up an app, to that page first."""

    OPEN_PREFIXES = ("/inloggen/", "/uitloggen/", "/tweestapsverificatie/", "/i18n/", "/static/", "/api/")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated and not request.path.startswith(self.OPEN_PREFIXES):
            step = needs(user, request.session)
            if step is not None:
                target = reverse("two_factor_verify" if step == "verify" else "two_factor_setup")
                return redirect(f"{target}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)
