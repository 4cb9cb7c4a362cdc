#!/usr/bin/env bash
# The test command. pytest exits 5 when it collected no tests: that is a failure here, like any non-zero exit.
set -euo pipefail
cd "$(dirname "$0")/.."
exec .venv/bin/python -m pytest "$@"
