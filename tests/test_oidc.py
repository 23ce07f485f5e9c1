"""Sign-in through the organisation's identity provider (OpenID Connect, issue 8): off unless configured; an
existing active account with the same verified e-mail address is signed in, nobody is created; tokens meant for
another client, a wrong nonce or state, or a provider that cannot be reached are refused sign-ins, never an error
page. The provider is a real HTTP server on 127.0.0.1 (token, user info and key set endpoints) signing RS256."""

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa
from django.test import override_settings

from aanjager.accounts import services as account_services
from aanjager.accounts.oidc import BACKEND_PATH
from aanjager.organisations import services as org_services
from tests.conftest import PASSWORD, municipality

CLIENT_ID = "aanjager-test"
ISSUER = "http://127.0.0.1/idp"
KEY = rsa.generate_private_key(public_exponent=65537, key_size=2048)


class Provider:
    """What the fake provider will answer: the claims of the next sign-in and the nonce it must put in the token."""

    def __init__(self):
        self.claims = {}
        self.nonce = None
        self.audience = CLIENT_ID
        self.issuer = ISSUER
        self.token_requests = []

    def id_token(self):
        now = int(time.time())
        payload = {"iss": self.issuer, "sub": "abc-123", "aud": self.audience, "iat": now, "exp": now + 300}
        payload["nonce"] = self.nonce
        return jwt.encode(payload, KEY, algorithm="RS256", headers={"kid": "k1"})


def _handler(provider):
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def _json(self, body):
            data = json.dumps(body).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_POST(self):
            length = int(self.headers.get("Content-Length", 0))
            provider.token_requests.append(parse_qs(self.rfile.read(length).decode()))
            self._json({"access_token": "toegang", "token_type": "Bearer", "id_token": provider.id_token()})

        def do_GET(self):
            if self.path.startswith("/jwks"):
                jwk = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(KEY.public_key()))
                self._json({"keys": [{**jwk, "kid": "k1", "alg": "RS256", "use": "sig"}]})
            else:
                self._json({"sub": "abc-123", **provider.claims})

    return Handler


@pytest.fixture
def provider():
    state = Provider()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_port}"
    with override_settings(
        OIDC_ENABLED=True,
        AANJAGER_OIDC_LOGIN_LABEL="Gemeente-account",
        AANJAGER_OIDC_ISSUER=ISSUER,
        AUTHENTICATION_BACKENDS=[
            "axes.backends.AxesStandaloneBackend",
            "django.contrib.auth.backends.ModelBackend",
            BACKEND_PATH,
        ],
        OIDC_RP_CLIENT_ID=CLIENT_ID,
        OIDC_RP_CLIENT_SECRET="geheim",
        OIDC_OP_AUTHORIZATION_ENDPOINT="https://idp.example.invalid/authorize",
        OIDC_OP_TOKEN_ENDPOINT=f"{base}/token",
        OIDC_OP_USER_ENDPOINT=f"{base}/userinfo",
        OIDC_OP_JWKS_ENDPOINT=f"{base}/jwks",
        OIDC_RP_SIGN_ALGO="RS256",
        OIDC_USE_PKCE=True,
        OIDC_CREATE_USER=False,
        OIDC_TIMEOUT=5,
    ):
        yield state
    server.shutdown()
    server.server_close()


def _person(username, role="policy_advisor", email=None):
    user = account_services.create_user(actor=None, username=username, password=PASSWORD)
    user.email = email if email is not None else f"{username}@tiel.example"
    user.save()
    organisation = org_services.create_organisation(
        actor=None,
        name=f"Gemeente {username}",
        org_type="municipality",
        seat_municipality=municipality("GM0281"),
    )
    account_services.create_membership(actor=None, user=user, organisation=organisation, role=role)
    return user


def _round_trip(client, provider, claims, next_="/locaties/", state=None):
    """Start at Aanjager, 'sign in' at the provider, come back with a code: the browser's part of the flow."""
    client.cookies["django_language"] = "en"
    start = client.get(f"/inloggen/oidc/?next={next_}")
    assert start.status_code == 302
    query = parse_qs(urlparse(start["Location"]).query)
    assert query["client_id"] == [CLIENT_ID] and query["code_challenge_method"] == ["S256"]
    provider.claims = claims
    provider.nonce = query["nonce"][0]
    return client.get("/inloggen/oidc/terug/", {"code": "de-code", "state": state or query["state"][0]})


def _signed_in(client):
    return client.get("/api/v1/regions").status_code == 200


@pytest.mark.django_db
def test_off_unless_configured(client):
    client.cookies["django_language"] = "en"
    assert client.get("/inloggen/oidc/").status_code == 404
    assert client.get("/inloggen/oidc/terug/?code=x&state=y").status_code == 404
    assert "organisation" not in client.get("/inloggen/").content.decode()


@pytest.mark.django_db
def test_an_existing_account_is_signed_in_by_its_verified_address(client, provider):
    _person("adviseur", email="Adviseur@Tiel.example")
    client.cookies["django_language"] = "en"
    page = client.get("/inloggen/?next=/locaties/").content.decode()
    assert "Sign in with Gemeente-account" in page and "/inloggen/oidc/?next=/locaties/" in page
    response = _round_trip(client, provider, {"email": "adviseur@tiel.example", "email_verified": True})
    assert response.status_code == 302 and response["Location"] == "/locaties/"
    assert _signed_in(client)
    assert client.session["_auth_user_backend"] == BACKEND_PATH
    # the code was exchanged with the PKCE verifier, for this client
    sent = provider.token_requests[-1]
    assert sent["client_id"] == [CLIENT_ID] and len(sent["code_verifier"][0]) >= 43


@pytest.mark.django_db
@pytest.mark.parametrize(
    "claims",
    [
        {"email": "onbekend@tiel.example", "email_verified": True},  # no such account: nobody is created
        {"email": "adviseur@tiel.example", "email_verified": False},  # address not verified by the provider
        {"email": "adviseur@tiel.example"},
        {"sub": "abc-123"},  # no address at all
        {"sub": "iemand-anders", "email": "adviseur@tiel.example", "email_verified": True},  # not the token's
    ],
    ids=["unknown", "unverified", "verification-missing", "no-email", "other-subject"],
)
def test_refused_sign_ins_create_nothing(client, provider, claims, django_user_model):
    _person("adviseur")
    users = django_user_model.objects.count()
    response = _round_trip(client, provider, claims)
    assert response.status_code == 302 and response["Location"] == "/inloggen/?oidc=mislukt"
    assert not _signed_in(client) and django_user_model.objects.count() == users
    page = client.get(response["Location"]).content.decode()
    assert "Signing in through your organisation did not succeed" in page and "<title>Error:" in page


@pytest.mark.django_db
def test_an_inactive_account_or_two_with_one_address_are_refused(client, provider):
    one = _person("een", email="gedeeld@tiel.example")
    _person("twee", email="gedeeld@tiel.example")
    claims = {"email": "gedeeld@tiel.example", "email_verified": True}
    assert _round_trip(client, provider, claims)["Location"] == "/inloggen/?oidc=mislukt"
    one.email = "een@tiel.example"
    one.save()
    account = type(one).objects.get(username="twee")
    account.is_active = False
    account.save()
    assert _round_trip(client, provider, claims)["Location"] == "/inloggen/?oidc=mislukt"
    assert not _signed_in(client)


@pytest.mark.django_db
@pytest.mark.parametrize("fault", ["audience", "issuer", "nonce", "state", "provider-down"])
def test_tokens_that_do_not_hold_are_refused_without_an_error_page(client, provider, fault):
    _person("adviseur")
    claims = {"email": "adviseur@tiel.example", "email_verified": True}
    if fault == "audience":
        provider.audience = "een-andere-applicatie"
    elif fault == "issuer":
        provider.issuer = "http://127.0.0.1/andere-idp"
    if fault == "provider-down":
        with override_settings(OIDC_OP_TOKEN_ENDPOINT="http://127.0.0.1:9/token", OIDC_TIMEOUT=2):
            response = _round_trip(client, provider, claims)
    elif fault == "nonce":
        client.cookies["django_language"] = "en"
        start = client.get("/inloggen/oidc/")
        state = parse_qs(urlparse(start["Location"]).query)["state"][0]
        provider.claims, provider.nonce = claims, "een-ander-nonce"
        response = client.get("/inloggen/oidc/terug/", {"code": "c", "state": state})
    elif fault == "state":
        response = _round_trip(client, provider, claims, state="verzonnen-state")
    else:
        response = _round_trip(client, provider, claims)
    assert response.status_code == 302 and response["Location"] == "/inloggen/?oidc=mislukt"
    assert not _signed_in(client)


@pytest.mark.django_db
def test_an_administrator_still_enters_a_code_unless_the_provider_counts_as_the_second_factor(
    client, provider
):
    _person("beheer", role="administrator")
    claims = {"email": "beheer@tiel.example", "email_verified": True}
    _round_trip(client, provider, claims)
    response = client.get("/locaties/")
    assert response.status_code == 302 and response["Location"].startswith("/tweestapsverificatie/")
    assert not _signed_in(client)
    client.post("/uitloggen/")
    with override_settings(AANJAGER_OIDC_COUNTS_AS_TWO_FACTOR=True):
        _round_trip(client, provider, claims)
        assert client.get("/locaties/").status_code == 200 and _signed_in(client)
    # a password sign-in of the same account still needs the app
    client.post("/uitloggen/")
    with override_settings(AANJAGER_OIDC_COUNTS_AS_TWO_FACTOR=True):
        client.post("/inloggen/", {"username": "beheer", "password": PASSWORD})
        assert client.get("/locaties/").status_code == 302


def test_a_half_configured_provider_stops_the_start_with_the_missing_settings():
    import os
    import subprocess
    import sys

    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "aanjager.conf.ci", "AANJAGER_OIDC_CLIENT_ID": "x"}
    env.pop("AANJAGER_OIDC_CLIENT_SECRET", None)
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"], env=env, capture_output=True, text=True
    )
    assert result.returncode != 0
    assert "set AANJAGER_OIDC_CLIENT_SECRET, AANJAGER_OIDC_AUTHORIZATION_ENDPOINT" in result.stderr
    assert "AANJAGER_OIDC_ISSUER" in result.stderr and "AANJAGER_OIDC_JWKS_ENDPOINT" in result.stderr


@pytest.mark.django_db
def test_a_password_attempt_cannot_use_the_provider_to_escape_the_lockout(client, provider, settings):
    """Django asks every backend on every sign-in: the OIDC one must stay out of password attempts, or one with
    ?code=…&state=… would call the provider and fail with an exception that the lockout never counts."""
    _person("adviseur")
    client.cookies["django_language"] = "en"
    statuses = [
        client.post(
            "/inloggen/?code=x&state=y", {"username": "adviseur", "password": "fout-wachtwoord"}
        ).status_code
        for _ in range(settings.AXES_FAILURE_LIMIT)
    ]
    assert statuses[:-1] == [200] * (settings.AXES_FAILURE_LIMIT - 1) and statuses[-1] == 429
    assert provider.token_requests == []  # the provider was never called
