#!/usr/bin/env bash
# One command: create .venv, install Sitrep and its pinned dependencies, then run the main job on the seeds.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -c constraints.txt -e '.[dev]'
# Headless chromium for the page tests (tests/test_web.py): Debian's chromium + chromium-driver, never a browser
# downloaded at run time.
if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium chromium-driver
  else
    echo "warning: install Debian's chromium and chromium-driver for the page tests (apt-get install chromium chromium-driver)" >&2
  fi
fi
# A PostgreSQL server for the PostgreSQL store tests (tests/pg_server.py starts a throw-away one per test session):
# Debian's postgresql package (initdb, pg_ctl, pg_isready; the tests never use a system cluster).
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 && ! command -v initdb >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql
  else
    echo "warning: install Debian's postgresql package for the PostgreSQL store tests (apt-get install postgresql)" >&2
  fi
fi
mkdir -p out
.venv/bin/sitrep gazetteer build   # the gazetteer index, once (GeoNames for the world + the shipped supplements)
.venv/bin/sitrep run examples/seeds --db out/seeds.db
.venv/bin/sitrep export documents --db out/seeds.db --format jsonl -o out/documents.jsonl
.venv/bin/sitrep export events --db out/seeds.db --format jsonl -o out/events.jsonl
echo "setup done: .venv/bin/sitrep is installed; the seeds are in out/seeds.db (exports in out/)"
