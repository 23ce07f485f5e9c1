"""All settings, read from the environment. `dev`, `ci` and `production` only change defaults.

Every variable read here is listed in docs/configuration.md.
"""

import datetime as dt
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

PACKAGE_DIR = Path(__file__).resolve().parent.parent


def env(name: str, default: str | None = None) -> str | None:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in (os.environ.get(name) or default).split(",") if item.strip()]


DEBUG = env_bool("AANJAGER_DEBUG", False)
SECRET_KEY = env("AANJAGER_SECRET_KEY")
if not SECRET_KEY:
    raise ImproperlyConfigured("Set AANJAGER_SECRET_KEY (a long random string).")
ALLOWED_HOSTS = env_list("AANJAGER_ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list(
    "AANJAGER_CSRF_TRUSTED_ORIGINS", "http://127.0.0.1:8000,http://localhost:8000"
)

DATA_DIR = Path(env("AANJAGER_DATA_DIR", str(Path.cwd() / "var")))
DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL") or f"sqlite:///{DATA_DIR / 'aanjager.sqlite3'}",
        conn_max_age=int(env("AANJAGER_DB_CONN_MAX_AGE", "0")),
    )
}
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True  # a kept connection that broke is replaced, not used
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # Background jobs write progress while pages read: wait for a lock instead of failing at once.
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 20
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.humanize",  # intcomma: 20.000 on chart axes
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "django_filters",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "aanjager.core",
    "aanjager.geo",
    "aanjager.organisations",
    "aanjager.accounts",
    "aanjager.audit",
    "aanjager.estimates",
    "aanjager.reference",
    "aanjager.locations",
    "aanjager.housingtask",
    "aanjager.agreements",
    "aanjager.businesscase",
    "aanjager.programme",
    "aanjager.policyscan",
    "aanjager.api",
    "aanjager.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "aanjager.core.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "aanjager.core.middleware.DutchFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "aanjager.accounts.two_factor.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "aanjager.core.middleware.RequestChannelMiddleware",
    "aanjager.api.middleware.ApiMiddleware",
    "axes.middleware.AxesMiddleware",  # last: turns a locked-out login into the lockout page
]

ROOT_URLCONF = "aanjager.urls"
WSGI_APPLICATION = "aanjager.wsgi.application"
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first: refuses a locked-out username before the password is checked
    "django.contrib.auth.backends.ModelBackend",
]
# Brute-force protection on the login (django-axes): after AANJAGER_LOGIN_FAILURE_LIMIT failed attempts for one
# username from one address, that pair is locked for AANJAGER_LOGIN_LOCKOUT_MINUTES; a successful login resets it.
AXES_ENABLED = env_bool("AANJAGER_LOGIN_LOCKOUT", True)
AXES_FAILURE_LIMIT = int(env("AANJAGER_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = dt.timedelta(minutes=int(env("AANJAGER_LOGIN_LOCKOUT_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "core/locked_out.html"
AXES_HTTP_RESPONSE_CODE = 429
AXES_VERBOSE = False
# Two-factor authentication (accounts/two_factor.py): mandatory for these roles (and superusers), optional for all.
AANJAGER_2FA_REQUIRED_ROLES = env_list("AANJAGER_2FA_REQUIRED_ROLES", "administrator,regional_coordinator")
OTP_TOTP_ISSUER = "Aanjager"
# Retention (core/retention.py, `aanjager retention`): how long these are kept.
AANJAGER_RETENTION_NOTIFICATION_DAYS = int(env("AANJAGER_RETENTION_NOTIFICATION_DAYS", "365"))
AANJAGER_RETENTION_LOGIN_ATTEMPT_DAYS = int(env("AANJAGER_RETENTION_LOGIN_ATTEMPT_DAYS", "1"))
AANJAGER_RETENTION_PERSONAL_DATA_VIEW_DAYS = int(env("AANJAGER_RETENTION_PERSONAL_DATA_VIEW_DAYS", "730"))
# Sign-in with the organisation's own identity provider (OpenID Connect, accounts/oidc.py): on when a client id is
# set. Accounts are matched by e-mail address and never created by the sign-in.
OIDC_ENABLED = bool(env("AANJAGER_OIDC_CLIENT_ID"))
AANJAGER_OIDC_LOGIN_LABEL = env("AANJAGER_OIDC_LOGIN_LABEL", "")
AANJAGER_OIDC_REQUIRE_VERIFIED_EMAIL = env_bool("AANJAGER_OIDC_REQUIRE_VERIFIED_EMAIL", True)
AANJAGER_OIDC_COUNTS_AS_TWO_FACTOR = env_bool("AANJAGER_OIDC_COUNTS_AS_TWO_FACTOR", False)
AANJAGER_OIDC_ISSUER = env("AANJAGER_OIDC_ISSUER", "")
if OIDC_ENABLED:
    _oidc_missing = [
        name
        for name in (
            "AANJAGER_OIDC_CLIENT_SECRET",
            "AANJAGER_OIDC_AUTHORIZATION_ENDPOINT",
            "AANJAGER_OIDC_TOKEN_ENDPOINT",
            "AANJAGER_OIDC_USER_ENDPOINT",
            "AANJAGER_OIDC_ISSUER",
        )
        if not env(name)
    ]
    if env("AANJAGER_OIDC_SIGN_ALGO", "RS256").startswith(("RS", "ES")) and not env(
        "AANJAGER_OIDC_JWKS_ENDPOINT"
    ):
        _oidc_missing.append("AANJAGER_OIDC_JWKS_ENDPOINT")
    if _oidc_missing:
        raise ImproperlyConfigured(
            "OpenID Connect is switched on but not complete: set " + ", ".join(_oidc_missing)
        )
    AUTHENTICATION_BACKENDS.append("aanjager.accounts.oidc.MunicipalOIDCBackend")
    OIDC_RP_CLIENT_ID = env("AANJAGER_OIDC_CLIENT_ID")
    OIDC_RP_CLIENT_SECRET = env("AANJAGER_OIDC_CLIENT_SECRET")
    OIDC_OP_AUTHORIZATION_ENDPOINT = env("AANJAGER_OIDC_AUTHORIZATION_ENDPOINT")
    OIDC_OP_TOKEN_ENDPOINT = env("AANJAGER_OIDC_TOKEN_ENDPOINT")
    OIDC_OP_USER_ENDPOINT = env("AANJAGER_OIDC_USER_ENDPOINT")
    OIDC_OP_JWKS_ENDPOINT = env("AANJAGER_OIDC_JWKS_ENDPOINT")
    OIDC_RP_SIGN_ALGO = env("AANJAGER_OIDC_SIGN_ALGO", "RS256")
    OIDC_RP_SCOPES = env("AANJAGER_OIDC_SCOPES", "openid email")
    OIDC_USE_PKCE = True
    OIDC_CREATE_USER = False
    OIDC_TIMEOUT = 10
LOGIN_REDIRECT_URL_FAILURE = "/inloggen/?oidc=mislukt"
# No log of successful logins with their addresses: the audit trail records what people do.
AXES_DISABLE_ACCESS_LOG = True
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "aanjager.core.context_processors.navigation",
            ],
        },
    }
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "nl"
# Each language by its own name (as the switch in core/base.html shows it); plain strings keep the settings free
# of Django's translation machinery, which `aanjager estimate` would otherwise import on start.
LANGUAGES = [("nl", "Nederlands"), ("en", "English")]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True

SESSION_COOKIE_AGE = int(env("AANJAGER_SESSION_AGE_SECONDS", str(8 * 3600)))
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("AANJAGER_SECURE_COOKIES", False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
X_FRAME_OPTIONS = "DENY"
# No 'unsafe-inline' anywhere: scripts and styles come from static files; charts and bars are SVG attributes.
# img-src allows data: for SVG in CSS; an empty value switches the header off (not advised).
AANJAGER_CONTENT_SECURITY_POLICY = env(
    "AANJAGER_CONTENT_SECURITY_POLICY",
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
    "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # The token class first: its WWW-Authenticate header makes "not signed in" a 401, not a 403.
        "aanjager.api.authentication.BearerTokenAuthentication",
        "aanjager.api.authentication.VerifiedSessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "aanjager.api.pagination.PageNumberPagination",
    "PAGE_SIZE": int(env("AANJAGER_API_PAGE_SIZE", "50")),
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "aanjager.api.problems.exception_handler",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
    "DEFAULT_THROTTLE_RATES": {"public": env("AANJAGER_PUBLIC_API_RATE", "120/minute")},
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Aanjager API",
    "DESCRIPTION": "Reference data, regions and organisations of Aanjager. Errors are Problem JSON (RFC 9457).",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "aanjager.api.schema.add_problem_responses",
    ],
    "ENUM_NAME_OVERRIDES": {
        "RoleEnum": "aanjager.accounts.models.Role",
        "EstimateRunStatusEnum": "aanjager.estimates.models.EstimateRun.Status",
        "LocationStatusEnum": "aanjager.locations.models.Location.Status",
        "HousingFormEnum": "aanjager.locations.models.Location.HousingForm",
    },
}
API_VERSION = SPECTACULAR_SETTINGS["VERSION"]

# Run estimate jobs inside the request instead of in a background thread (tests).
AANJAGER_JOBS_INLINE = env_bool("AANJAGER_JOBS_INLINE", False)
# Largest upload accepted for microdata files, in megabytes; larger files are refused before they are stored.
AANJAGER_MAX_UPLOAD_MB = int(env("AANJAGER_MAX_UPLOAD_MB", "2048"))
# Counts from 1 up to this number minus one are shown as "<N" to those who see figures only because they are
# published (small-cell suppression).
AANJAGER_SMALL_CELL_THRESHOLD = int(env("AANJAGER_SMALL_CELL_THRESHOLD", "10"))
# An estimate still queued or running after this many minutes was interrupted: it is marked failed, files removed.
AANJAGER_STALE_RUN_MINUTES = int(env("AANJAGER_STALE_RUN_MINUTES", "120"))
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440  # larger uploads stream to a temporary file on disk
# Django's handlers; ours removes a half-written temporary file at once when the disk is full.
FILE_UPLOAD_HANDLERS = [
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "aanjager.core.files.TemporaryFileUploadHandler",
]
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

# Notifications by e-mail: the console by default (printed to the log); set an SMTP backend in production.
EMAIL_BACKEND = env("AANJAGER_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env("AANJAGER_EMAIL_HOST", "localhost")
EMAIL_PORT = int(env("AANJAGER_EMAIL_PORT", "25"))
DEFAULT_FROM_EMAIL = env("AANJAGER_EMAIL_FROM", "Aanjager <noreply@aanjager.invalid>")
# Link base in e-mails (the address users open the application on).
AANJAGER_SITE_URL = env("AANJAGER_SITE_URL", "http://127.0.0.1:8000")

# Refuse `aanjager load_demo` (synthetic data) on this installation; production switches it on by default.
AANJAGER_FORBID_DEMO = env_bool("AANJAGER_FORBID_DEMO", False)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("AANJAGER_LOG_LEVEL", "INFO")},
}
