#!/bin/sh
# Set up everything the tests need and run the whole suite, browser tests included.
# Debian's Chromium (and poppler-utils, which turns the printed PDF into text and PNG)
# are installed with apt-get when missing (as root, or through sudo);
# Node.js 20 and npm must be installed (npm ci installs the pinned ESLint).
set -eu
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"
if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/firefox-esr ] \
    || ! fc-list 2>/dev/null | grep -qi dejavu || ! command -v pdftoppm >/dev/null; then
    SUDO=""
    [ "$(id -u)" = 0 ] || SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends \
        chromium firefox-esr fonts-dejavu-core fontconfig poppler-utils >/dev/null
fi
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
.venv/bin/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[test]'
# Static checks first: they take seconds and name the line at fault.
.venv/bin/ruff check src tests bench scripts
.venv/bin/ruff format --check --quiet src tests bench scripts
.venv/bin/mypy
# The page script (src/relocmap/page/): ESLint and its unit tests, with Node 20 and npm.
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    echo "scripts/test.sh: Node.js 20 (20.19 or later) and npm are needed for the page-script" \
        "tests (ESLint, node --test) but 'node' or 'npm' is not on PATH: install them" \
        "(https://nodejs.org/) and run again." >&2
    exit 1
fi
if ! node -e 'const [a, b] = process.versions.node.split(".").map(Number);
              process.exit(a > 20 || (a === 20 && b >= 19) ? 0 : 1)'; then
    echo "scripts/test.sh: Node.js $(node --version) is too old: the page-script tests" \
        "need Node.js 20.19 or later (ESLint 10)." >&2
    exit 1
fi
# npm ci when node_modules is missing or was installed from another package-lock.json.
if ! cmp -s package-lock.json node_modules/.relocmap-lock 2>/dev/null; then
    npm ci --no-audit --no-fund --loglevel=error
    cp package-lock.json node_modules/.relocmap-lock
fi
npm run --silent lint
npm test --silent
# pytest exits 5 when it collected no test: that is a failure here, as any non-zero status.
exec .venv/bin/python -m pytest "$@"
