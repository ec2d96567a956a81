#!/bin/sh
# Set up a virtual environment (once) and build the map into out/.
# Needs only Python >= 3.11 with venv and pip. Extra arguments go to 'relocmap build'.
set -eu
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
.venv/bin/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e .
.venv/bin/relocmap validate
.venv/bin/relocmap build "$@"
