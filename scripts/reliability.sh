#!/usr/bin/env bash
# The long reliability runs behind docs/RELIABILITY.md: fuzzing at scale, repeated SIGKILLs, big pathological
# inputs. Figures go to out/reliability.jsonl (one JSON line per test); the default suite runs short versions.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p out
rm -f out/reliability.jsonl
export SITREP_RELIABILITY_REPORT="$PWD/out/reliability.jsonl"
SITREP_FUZZ=long .venv/bin/python -m pytest -q --fuzz-long \
  tests/test_fuzz.py tests/test_crash.py tests/test_limits.py tests/test_fetch.py tests/test_serve_security.py "$@"
cat out/reliability.jsonl
