#!/bin/sh
# Create .venv (Python 3.11) and install tiewatch with its pinned dependencies.
# Usage: sh scripts/setup.sh [EXTRA]   e.g. `sh scripts/setup.sh test`
set -eu
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3.11}
command -v "$PY" >/dev/null 2>&1 || PY=python3
[ -x .venv/bin/python ] || "$PY" -m venv .venv
.venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip
if [ "${1:-}" = "" ]; then
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -e .
else
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -e ".[$1]"
fi
