# Shared by scripts/demo.sh and scripts/test.sh: make .venv/ and install the pinned dependencies, once per change.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
EXTRAS="${1:-}"
PYTHON_BIN="${PYTHON:-$(command -v python3.11 || command -v python3)}"
if [ ! -x .venv/bin/python ]; then
  echo "Creating the virtual environment in .venv/ with $PYTHON_BIN"
  "$PYTHON_BIN" -m venv .venv
fi
STAMP=".venv/.installed${EXTRAS:+-$EXTRAS}"
WANT="$(cat pyproject.toml requirements/constraints.txt | sha256sum | cut -c1-16)"
if [ "$(cat "$STAMP" 2>/dev/null || true)" != "$WANT" ]; then
  echo "Installing dependencies (pinned in requirements/constraints.txt)…"
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -c requirements/constraints.txt \
    -e ".${EXTRAS:+[$EXTRAS]}" 2>&1 | grep -v "is ignored: it is neither a file nor a directory" || true
  .venv/bin/python -c "import aanjager, django" # fails loudly when the install did not work
  echo "$WANT" > "$STAMP"
fi
