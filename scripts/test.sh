#!/bin/sh
# Install everything the tests need (Python packages, Debian's chromium for browser tests) and run
# the whole suite. Extra arguments go to pytest. Exits non-zero when any test fails.
set -eu
cd "$(dirname "$0")/.."
sh scripts/setup.sh test
if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq && $SUDO apt-get install -y -qq chromium >/dev/null
fi
exec .venv/bin/python -m pytest "$@"
