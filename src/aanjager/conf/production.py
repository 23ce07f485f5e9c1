"""Production: secure cookies and HSTS by default; everything else comes from the environment."""

import os

os.environ.setdefault("AANJAGER_SECURE_COOKIES", "1")
os.environ.setdefault("AANJAGER_FORBID_DEMO", "1")
# Keep database connections open between requests (a new PostgreSQL connection costs ~5 ms per request).
os.environ.setdefault("AANJAGER_DB_CONN_MAX_AGE", "60")

from aanjager.conf.base import *  # noqa: E402,F403

SECURE_HSTS_SECONDS = int(os.environ.get("AANJAGER_HSTS_SECONDS", "31536000"))
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
STORAGES["staticfiles"]["BACKEND"] = "whitenoise.storage.CompressedManifestStaticFilesStorage"  # noqa: F405
