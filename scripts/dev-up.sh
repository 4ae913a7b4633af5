#!/usr/bin/env bash
# Thin wrapper: the one implementation is scripts/devenv/dev-up.ts (shared with dev-up.fish).
set -euo pipefail
cd "$(dirname "$0")/.."
[[ -d node_modules ]] || npm ci --no-audit --no-fund
exec npx --no-install tsx scripts/devenv/dev-up.ts "$@"
