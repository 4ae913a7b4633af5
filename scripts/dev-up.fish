#!/usr/bin/env fish
# Thin wrapper: the one implementation is scripts/devenv/dev-up.ts (shared with dev-up.sh).
cd (dirname (status --current-filename))/..; or exit 1
test -d node_modules; or npm ci --no-audit --no-fund; or exit 1
exec npx --no-install tsx scripts/devenv/dev-up.ts $argv
