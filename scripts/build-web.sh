#!/usr/bin/env bash
# Rebuild the analyst page and its basemap into src/sitrep/web/static (committed: a clone needs no npm).
# Needs node and npm; installs exactly the versions in web/package-lock.json.
set -euo pipefail
cd "$(dirname "$0")/../web"
npm ci --no-audit --no-fund
npm run build
