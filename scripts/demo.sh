#!/usr/bin/env bash
# Install, migrate a SQLite database in var/, load the demo region Rivierenland and start the server.
source "$(dirname "$0")/_env.sh" ""
export DJANGO_SETTINGS_MODULE="${DJANGO_SETTINGS_MODULE:-aanjager.conf.dev}"
mkdir -p var
.venv/bin/aanjager migrate --noinput -v 0
.venv/bin/aanjager load_demo
HOST="${AANJAGER_HOST:-127.0.0.1}"
PORT="${AANJAGER_PORT:-8000}"
echo
echo "Aanjager runs at http://$HOST:$PORT/  (sign in at http://$HOST:$PORT/inloggen/; stop with Ctrl+C)"
exec .venv/bin/aanjager runserver "$HOST:$PORT" --noreload
