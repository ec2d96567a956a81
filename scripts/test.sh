#!/bin/sh
# Set up everything the tests need and run the whole suite, browser tests included.
# Debian's Chromium (and poppler-utils, which turns the printed PDF into text and PNG)
# are installed with apt-get when missing (as root, or through sudo).
set -eu
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"
if [ ! -x /usr/bin/chromium ] || ! fc-list 2>/dev/null | grep -qi dejavu \
    || ! command -v pdftoppm >/dev/null; then
    SUDO=""
    [ "$(id -u)" = 0 ] || SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends \
        chromium fonts-dejavu-core fontconfig poppler-utils >/dev/null
fi
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
.venv/bin/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[test]'
# Static checks first: they take seconds and name the line at fault.
.venv/bin/ruff check src tests bench scripts
.venv/bin/ruff format --check --quiet src tests bench scripts
# pytest exits 5 when it collected no test: that is a failure here, as any non-zero status.
exec .venv/bin/python -m pytest "$@"
