#!/usr/bin/env bash
# Every test: type check, lint, unit + integration (PGlite and the real PostgreSQL/NATS/Redis),
# then the browser end-to-end suite. Fails on the first failing stage.
set -euo pipefail
cd "$(dirname "$0")/.."
echo "== typecheck"; npm run -s typecheck
echo "== lint"; npm run -s lint
echo "== unit + integration"; npx vitest run
if [[ -f apps/web/package.json ]]; then
  echo "== web"; npm run -s -w @twopointo/web test
fi
