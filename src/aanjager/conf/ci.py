"""Test runs: like production, but with a throwaway key and fast password hashing."""

import os

os.environ.setdefault("AANJAGER_SECRET_KEY", "ci-only-not-secret-aanjager-7a1e4b")
os.environ.setdefault("AANJAGER_DEBUG", "0")
os.environ.setdefault("AANJAGER_JOBS_INLINE", "1")

from aanjager.conf.base import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
ALLOWED_HOSTS = ["*"]
