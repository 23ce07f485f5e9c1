#!/usr/bin/env bash
# Every test: lint, the suite on SQLite, the suite again on PostgreSQL when DATABASE_URL points at one,
# and the browser tests (Debian's Chromium at /usr/bin/chromium, or CHROMIUM_PATH).
source "$(dirname "$0")/_env.sh" "dev"
export DJANGO_SETTINGS_MODULE=aanjager.conf.ci
PG_URL="${DATABASE_URL:-}"

echo "== ruff"
.venv/bin/ruff check src tests benchmarks
.venv/bin/ruff format --check src tests benchmarks

echo "== unit and integration tests on SQLite"
env -u DATABASE_URL .venv/bin/pytest -q -m "not browser" -p no:cacheprovider "$@"

if [ -n "$PG_URL" ]; then
  echo "== the same suite on PostgreSQL ($PG_URL)"
  DATABASE_URL="$PG_URL" .venv/bin/pytest -q -m "not browser" -p no:cacheprovider "$@"
else
  echo "== PostgreSQL skipped: set DATABASE_URL=postgres://… to run the suite on it too"
fi

echo "== browser tests (Playwright + axe-core on Chromium)"
env -u DATABASE_URL .venv/bin/pytest -q -m browser -p no:cacheprovider "$@"
