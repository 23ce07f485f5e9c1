"""Local development and the demo: debug on, a fixed development key unless one is given."""

import os

os.environ.setdefault("AANJAGER_DEBUG", "1")
os.environ.setdefault("AANJAGER_SECRET_KEY", "dev-only-not-secret-aanjager-0b3f6d2c9e")

from aanjager.conf.base import *  # noqa: E402,F403
